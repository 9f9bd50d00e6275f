# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The IOS XE command grammar of the lab, per mode (notation: tests/lab/grammar.py).

Sources are the tags of ../shared/REFERENCES.md (C = Cisco documentation, G = Cisco-authored or
third-party code, I = the lab's inference), "seed 000" (the IOS XE troubleshooting chapter) and
LAB_NOTES (what the cisco.ios plugins send). Only commands the lab can answer are listed: a real
command the lab does not model is rejected like a wrong one (tests/lab/README.md, "Command grammar").

Releases: Smart Licensing Using Policy starts at 17.3.2 (C16, C7): the SLP commands carry
``@since 17.3.2``. ``license smart vrf``, ``utility customer_info id|name`` and ``show license rum``
are missing from the older command reference (C2, C3b) and present in C1/C3; the release that added
them is not given in any source read, the lab takes 17.7.1 (I).
"""

SLP = "17.3.2"
LATER = "17.7.1"

EXEC = """
show version                          -- LAB_NOTES (cisco.ios cliconf)
show privilege                        -- LAB_NOTES (cisco.ios become)
show clock [detail]                   -- C4 (seed 000)
show inventory                        -- LAB_NOTES
terminal length <0-512>               -- LAB_NOTES (cisco.ios sends 0); range I
terminal width <0-512>                -- LAB_NOTES (cisco.ios sends 512 and 0); range I
terminal [no] monitor                 -- I
enable                                -- LAB_NOTES (become: enable)
ping [vrf <vrf>] [ip] <host> [repeat <1-2147483647>|size <36-18024>|timeout <0-3600>|source <interface>|df-bit]* \
    -- C4 (ping cslu-local), C7 (ping vrf); options I
exit                                  -- I
logout                                -- I
"""

PRIVILEGED = EXEC + """
disable                               -- I
configure terminal                    -- LAB_NOTES
configure                             -- I (the lab takes it as terminal)
copy running-config startup-config    -- LAB_NOTES
write [memory|terminal]               -- I
show running-config [all|brief|full|view full|interface <interface>]  -- LAB_NOTES (show running-config ? / all)
show startup-config                   -- LAB_NOTES
show ntp associations [detail]        -- C4
show ntp status                       -- C4
show logging                          -- C4
show license {status|all|udi|summary|usage|authorization}   -- C3 (chapter TOC); C4
show license tech [support]           -- C3 (show license tech), G8 (show license tech support)
show license history message          -- C3
show license eventlog [<0-2147483647>]  -- C3; G8 (show license eventlog 2)
show license rum id {all|<1-18446744073709551615>} [detail]  @since 17.7.1  -- C3 (absent from C3b: release I); G8
show call-home profile all            -- C4
show ip http client                   -- C4
show ip http server session-module    -- C4
license smart trust idtoken <word> {local|all} [force]  @since 17.3.2  -- C4 (seed 000); coordinator decision
license smart sync {all|local}        @since 17.3.2  -- G4 (sync all); coordinator decision: the keyword is mandatory
license smart save usage {all|unreported|days <1-1000000>|rum-id <1-18446744073709551615>} file <file>  @since 17.3.2  -- G2, G4, C4
license smart import <file>           @since 17.3.2  -- C4 (task name), REFERENCES 2 (syntax from scripts)
dir [<file>]                          -- I
more <file>                           -- I
clock set <hh:mm:ss> {<1-31> <month>|<month> <1-31>} <1993-2035>  -- I
"""

CONFIG = """
hostname <word>                                   -- G11
ip domain name [vrf <vrf!>] <host>                -- C4 (seed 000); G11
ip domain lookup [source-interface <interface>]   -- G11; G14
ip name-server [vrf <vrf!>] <ip> [<ip>]*          -- C4; G11; G14 (up to 6)
ip host [vrf <vrf!>] <host> <ip> [<ip>]*          -- C7 (ip host vrf VRF cslu-local IP)
ip http server                                    -- G3; G14
ip http secure-server                             -- G3
ip http authentication {local|enable|aaa}         -- G3
ip http secure-trustpoint <word>                  -- G14
ip http max-connections <1-50>                    -- G14
ip http active-session-modules {none|all|<word>}  -- G3
ip http client secure-trustpoint <word>           -- C4
ip http client source-interface <interface>       -- C4; C13; C7
ip route [vrf <vrf!>] <ipv4> <ipv4> {<ipv4>|<interface> [<ipv4>]} [<1-255>]  -- I (the model's configs hold it)
ip routing                                        -- I
ntp server [vrf <vrf!>] [ip|ipv6] <host> \
    [burst|iburst|key <1-4294967295>|minpoll <4-17>|maxpoll <4-17>|normal-sync|prefer|source <interface>|version <1-4>]* \
    -- G9 (order), G13 (key, version ranges), C4 (version 2 prefer); minpoll/maxpoll ranges I
ntp source <interface>                            -- I
ntp authenticate                                  -- I
ntp trusted-key <1-4294967295>                    -- G13 (key range)
clock timezone <word> <-23-23> [<0-59>]           -- I
service call-home                                 -- G5
service timestamps {log|debug} datetime [msec|localtime|show-timezone|year]*  -- I
service password-encryption                       -- I
call-home  => cfg-call-home                       -- C12
crypto pki trustpoint <word>  => ca-trustpoint    -- C4
crypto pki certificate chain <word>  => config-cert-chain  -- G6b; G7
crypto pki authenticate <word>  @noform           -- C11 (global configuration; the paste dialog: C18, G6, tests/lab/pki.py)
license smart transport {automatic|callhome|cslu|off|smart}  @since 17.3.2  -- C1; C2
no license smart transport                        @since 17.3.2  -- C1 (no value)
license smart url {smart|cslu|utility} <url>      @since 17.3.2  -- C1; C4 (smart, cslu URLs)
license smart url default                         @since 17.3.2  -- C1; C13
license smart url <url>                           @since 17.3.2  -- C1
license smart vrf <vrf>                           @since 17.7.1  -- C1 (absent from C2/C3b: release I)
license smart usage interval <1-3650>             @since 17.3.2  -- C1; range G3
license smart usage customer-tags {tag1|tag2|tag3|tag4} <word>  @since 17.3.2  -- C1
license smart privacy {all|hostname|version}      @since 17.3.2  -- C1
license smart proxy address <host>                @since 17.3.2  -- C1; G3
license smart proxy port <1-65535>                @since 17.3.2  -- C1; G3; range I
license smart server-identity-check               @since 17.3.2  -- C1; C2
license smart custom_id <word>                    @since 17.3.2  -- C1
license smart enable                              @since 17.3.2  -- C1
license smart reservation                         @since 17.3.2  -- C1
license smart utility [customer_info {city|country|postalcode|state|street} <word>]  @since 17.3.2  -- C1; C2
license smart utility customer_info {id|name} <word>  @since 17.7.1  -- C1 (absent from C2: release I)
interface <interface>  => config-if               -- D4 (interface interface-type-number)
vrf definition <name>  => config-vrf              -- D4 (vrf forwarding); I
line {console|aux|vty} <0-1530> [<0-1530>]  => config-line  -- I
username <word> [privilege <0-15>] {password|secret} [<0-9>] <word>  -- I
enable {secret|password} [<0-9>] <word>           -- I
aaa new-model                                     -- I
"""

CONFIG_IF = """
ip address <ipv4> <ipv4> [secondary]              -- I
ip address dhcp                                   -- I
vrf forwarding <vrf!>                             -- D4
description <line>                                -- I
shutdown                                          -- I
negotiation auto                                  -- I (the model's configs hold it)
"""

CONFIG_LINE = """
exec-timeout <0-35791> [<0-2147483>]              -- I
login [local]                                     -- I
transport input {ssh|telnet|all|none} [ssh|telnet]*  -- I
logging synchronous                               -- I
length <0-512>                                    -- I
width <0-512>                                     -- I
privilege level <0-15>                            -- I
"""

CONFIG_VRF = """
rd <word>                                         -- I
description <line>                                -- I
address-family {ipv4|ipv6} [unicast]  => config-vrf-af  -- I (the model's configs hold it)
"""

CONFIG_VRF_AF = """
route-target {export|import|both} <word>          -- I
"""

CA_TRUSTPOINT = """
enrollment terminal [pem]                         -- C4; G15
enrollment {pkcs12|selfsigned}                    -- G15; G6b (factory default pkcs12)
enrollment mode ra                                -- G15
enrollment url <url>                              -- I
revocation-check {crl|none|ocsp} [crl|none|ocsp]*  -- C4 (none); G15; G6b (crl)
rsakeypair <word> [<360-4096>]                    -- G15
subject-name <line>                               -- G15
usage {ike|ssl-client|ssl-server}                 -- G15
source interface <interface>                      -- G15
hash {md5|sha1|sha256|sha384|sha512}              -- G15; G6b
"""

CERT_CHAIN = """
certificate [ca] <hex>  => config-pki-hexmode     -- G6b; G7
"""

PKI_HEXMODE = """
<hex> [<hex>]*                                    -- G6b (8-hex-digit groups)
"""

CALL_HOME = """
contact-email-addr <email>                        -- G5; C12
profile <word>  => cfg-call-home-profile          -- C12
vrf <vrf!>                                        -- G5
source-interface <interface>                      -- I
http-proxy <host> port <1-65535>                  -- I
http secure server-identity-check                 -- G5
http resolve-hostname ipv4-first                  -- G5
data-privacy {hostname|level {normal|high}}       -- G5; C12
aaa-authorization [username <word>]               -- C12
"""

CALL_HOME_PROFILE = """
active                                            -- C12
destination transport-method {http|email}         -- G5; G14
destination address http <url>                    -- G5
destination address email <email>                 -- I
destination preferred-msg-format {xml|long-text|short-text}  -- G5
reporting smart-licensing-data                    -- G5
"""

SPECS = {
    "exec": EXEC,
    "privileged": PRIVILEGED,
    "config": CONFIG,
    "config-if": CONFIG_IF,
    "config-line": CONFIG_LINE,
    "config-vrf": CONFIG_VRF,
    "config-vrf-af": CONFIG_VRF_AF,
    "ca-trustpoint": CA_TRUSTPOINT,
    "config-cert-chain": CERT_CHAIN,
    "config-pki-hexmode": PKI_HEXMODE,
    "cfg-call-home": CALL_HOME,
    "cfg-call-home-profile": CALL_HOME_PROFILE,
}

# The device's answer to a VRF that does not exist (G7: ntp server vrf foo 1.2.3.4; two spaces).
MISSING_VRF = "% IP  routing table {name} does not exist"
