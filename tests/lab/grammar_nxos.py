# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The NX-OS command grammar of the lab, per mode (notation: tests/lab/grammar.py).

Sources: the tags of ../shared/REFERENCES.md, "seed 001" (the NX-OS troubleshooting chapter, by
line) and LAB_NOTES (what the cisco.nxos plugins send). Smart Licensing Using Policy starts at
10.2(1)F (C9): the SLP commands carry ``@since 10.2.1``. No source read names a licensing command
added after 10.2(1)F, so no NX-OS command is gated later than that (tests/lab/README.md).

NX-OS runs some EXEC commands in configuration mode without ``do``: the seed types ``show`` and
``ping`` at ``switch(config)#`` (seed 001 lines 63, 176, 197). The sources are silent on the others,
so the lab takes the stricter reading: only ``show`` and ``ping`` (EXEC_IN_CONFIG).
"""

SLP = "10.2.1"

PRIVILEGED = """
show version                          -- LAB_NOTES (cisco.nxos cliconf)
show inventory                        -- LAB_NOTES
show privilege                        -- I
show hostname                         -- I
show switchname                       -- I
show user-account [<word>]            -- I
show clock [detail]                   -- C5 (seed 001)
show running-config [all]             -- LAB_NOTES
show running-config {ntp|callhome|vrf|interface|license|aaa|snmp|logging} [all]  -- C5 (show running-config callhome all, seed 001 line 174)
show running-config interface <interface> [all]  -- I
show startup-config [ntp|callhome|vrf|interface|license]  -- I
show ntp peer-status                  -- REFERENCES 9 (G10); the collection's NX-OS peer command
show logging [logfile]                -- C5
show license {status|all|udi|summary|usage}  -- C5; C10
show license tech-support             -- I
show license tech support             -- C5; REFERENCES 8
show license history message          -- C5 (seed 001: "the output from the show license tech support and show license history message commands")
terminal length <0-511>               -- LAB_NOTES (cisco.nxos sends 0); range I
terminal width <24-511>               -- LAB_NOTES (cisco.nxos sends 511); range I
configure terminal                    -- LAB_NOTES
configure                             -- I (the lab takes it as terminal)
copy running-config startup-config    -- LAB_NOTES
ping <host> [vrf <vrf>] [count <1-655350>|source <ip>|timeout <1-60>|packet-size <1-65468>]*  -- C5 (ping cisco.com vrf V, seed 001 line 63); options I
license smart trust idtoken <word> [force]  @since 10.2.1  -- C5 (seed 001 line 25); coordinator decision (no local|all)
license smart sync                    @since 10.2.1  -- C5 (seed 001 line 291); coordinator decision (no all|local)
license smart save usage {all|unreported} file <file>  @since 10.2.1  -- seed 001 line 674 (command named); arguments I (IOS XE form)
license smart import <file>           @since 10.2.1  -- seed 001 line 577 (task); syntax I (IOS XE form)
dir [<file>]                          -- I
more <file>                           -- I
clock set <hh:mm:ss> {<1-31> <month>|<month> <1-31>} <1993-2035>  -- I
end                                   -- I (NX-OS takes it at the exec prompt)
exit                                  -- I
"""

CONFIG = """
hostname <word>                                   -- G12
switchname <word>                                 -- G12
feature {ntp|scp-server|sftp-server|ssh|telnet|nxapi|bash-shell|interface-vlan|lacp|lldp|tacacs+}  -- I
ip domain-lookup                                  -- C5; G12
ip domain-name <host> [use-vrf <vrf>]             -- C5; G12
ip name-server <ip> [<ip>]* [use-vrf <vrf>]       -- C5 (seed 001 line 56)
ip host <host> <ip> [<ip>]*                       -- C5 (ip host cslu-local ADDR, seed 001 line 77)
ip route <ipv4/len> <ipv4>                        -- I
vrf context <name>  => config-vrf                 -- C5 (seed 001 line 57)
interface <interface>  => config-if               -- I
ntp server <host> [prefer] [use-vrf <vrf>] [key <1-65535>] [minpoll <4-16>] [maxpoll <4-16>]  -- G10 (order); C5 (ntp server 10.28.13.90 prefer); ranges I
ntp source-interface <interface>                  -- I
ntp source <ip>                                   -- I
clock timezone <word> <-23-23> <0-59>             -- I
callhome  => config-callhome                      -- C8; C5
license smart transport {smart|cslu|callhome}     @since 10.2.1  -- C5 (off not confirmed on NX-OS: rejected)
no license smart transport                        @since 10.2.1  -- I (C1 on IOS XE)
license smart url {smart|cslu} <url>              @since 10.2.1  -- C5 (seed 001 lines 102, 156, 531)
license smart vrf <vrf>                           @since 10.2.1  -- I (seed 001 lines 100, 154 print VRF: under Transport:)
license smart usage interval <1-3650>             @since 10.2.1  -- seed 001 line 474; range G3 (IOS XE)
username <word> password [<0-5>] <word> [role <word>]  -- I
line console  => config-console                   -- I
line vty  => config-line                          -- I
"""

CONFIG_VRF = """
ip domain-name <host>                             -- C5 (seed 001 line 58)
ip name-server <ip> [<ip>]*                       -- C5 (seed 001 line 59)
ip route <ipv4/len> <ipv4>                        -- I (the model's configs hold it)
description <line>                                -- I
address-family {ipv4|ipv6} unicast  => config-vrf-af  -- I
"""

CONFIG_VRF_AF = """
route-target {import|export|both} <word>          -- I
"""

CONFIG_IF = """
ip address <ipv4/len>                             -- I (the model's configs hold it)
ip address <ipv4> <ipv4>                          -- I
vrf member <vrf>                                  -- I (the model's configs hold it)
description <line>                                -- I
shutdown                                          -- I
"""

CONFIG_LINE = """
exec-timeout <0-525600>                           -- I
session-limit <1-64>                              -- I
"""

CALLHOME = """
email-contact <email>                             -- C8
phone-contact <word>                              -- C17 (contact details); I
streetaddress <line>                              -- C17; I
destination-profile <word> transport-method {http|email}  -- C8; C5
destination-profile <word> index <1-10> http <url>  -- C8; C5
destination-profile <word> index <1-10> email-addr <email>  -- C5
destination-profile <word> message-level <0-9>    -- C5 (show run all)
destination-profile <word> message-size-limit <0-5000000>  -- C5 (show run all)
transport http use-vrf <vrf>                      -- C8; C5 (seed 001 line 189)
transport http proxy server <host> [port <1-65535>]  -- I
transport http proxy enable                       -- I
transport email smtp-server <host> [port <1-65535>] [use-vrf <vrf>]  -- C5 (show run all)
periodic-inventory notification interval <1-30>   -- C5 (show run all)
periodic-inventory notification timeofday <hh:mm>  -- C5 (show run all)
enable                                            -- C8
"""

SPECS = {
    "privileged": PRIVILEGED,
    "config": CONFIG,
    "config-vrf": CONFIG_VRF,
    "config-vrf-af": CONFIG_VRF_AF,
    "config-if": CONFIG_IF,
    "config-line": CONFIG_LINE,
    "config-console": CONFIG_LINE,
    "config-callhome": CALLHOME,
}

# EXEC commands NX-OS runs at a configuration prompt (seed 001 lines 63, 176, 197; stricter reading for the rest).
EXEC_IN_CONFIG = ("show", "ping")
