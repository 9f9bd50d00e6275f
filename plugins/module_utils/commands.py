# -*- coding: utf-8 -*-
# Copyright: contributors to smartlic.slp
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The command table: every CLI line the collection sends or tells a person to type, per platform.

One entry per command, keyed by a short name (``ip_name_server``), each with:

- ``template``: how the line is rendered from values and recognised in the
  running-config or in a command log. ``{name}`` is one word, ``{name?}`` a
  flag (true / false), ``[...]`` an optional part, rendered only when every
  value inside it is set. ``render()`` fills it, ``recognise()`` reads a line
  back into its values with the regular expression made from the same template;
- ``mode``: ``exec`` (privileged EXEC), ``config`` (global configuration) or
  the key of the entry whose sub-mode holds the line (``parent``);
- ``facts``: where the parsed ``show running-config`` (docs/facts.md) keeps it;
- ``since``: the first release that has it (``None``: older than Smart
  Licensing Using Policy, present on every release the collection supports);
  ``instead``: what to do on a release without it;
- ``source``: the seed line (seed 000 = Cisco "Troubleshooting Smart Licensing
  Using Policy", IOS XE; seed 001 = the NX-OS chapter) or the Cisco command
  reference page it comes from, and ``confidence``: D (Cisco documentation),
  C (Cisco-authored code or test data), T (third-party code), I (inference:
  verify on a real device first).

Pure Python, no Ansible imports; never raises on odd input (an unknown key
renders as ``''`` and is recognised as nothing).
"""

from __future__ import annotations

import functools
import re

from ansible_collections.smartlic.slp.plugins.module_utils import vocabulary

# The Cisco pages the sources below name.
SEED_IOS = "seed 000 (Cisco 'Troubleshooting Smart Licensing Using Policy', IOS XE)"
SEED_NXOS = "seed 001 (Cisco Nexus NX-OS Smart Licensing Using Policy user guide, troubleshooting)"
SLP_CMD_REF = "Cisco 'Command Reference for Smart Licensing Using Policy' (license smart, global config / privileged EXEC)"

# The first release with Smart Licensing Using Policy: IOS XE 17.3.2 (Cisco SLP configuration guides), NX-OS 10.2(1)F.
SLP_RELEASE = {"ios": "17.3.2", "nxos": "10.2.1"}

# Values the seeds name, used wherever a line or a step needs them.
SMART_URL = vocabulary.SMART_URL
CSLU_URL = vocabulary.CSLU_URL
CALLHOME_URL = vocabulary.CALLHOME_URL
CALLHOME_PROFILE = {"ios": "CiscoTAC-1", "nxos": "xml"}
SLA_TRUSTPOINT = "SLA-TrustPoint"
# Where the offline usage report and the ACK file go on the device (the sync role's defaults): flash: is the
# IOS XE file system of the Catalyst switches, bootflash: the one of Nexus switches.
FILESYSTEM = {"ios": "flash:", "nxos": "bootflash:"}
USAGE_FILE = "slp_usage.txt"
ACK_FILE = "slp_ack.txt"
# The NTP version the ntp role adds on IOS XE, as in the seed's example (seed 000 line 105).
NTP_VERSION = 2
# What the ID token shows as in reports and steps (a person fills it in); the roles show it masked.
TOKEN_PLACEHOLDER = "<id_token>"
TOKEN_MASK = "********"


def _entry(template, mode, source, confidence, since=None, facts=None, instead=None, note=None):
    return {"template": template, "mode": mode, "source": source, "confidence": confidence, "since": since, "facts": facts,
            "instead": instead, "note": note}


_SLP_I = SLP_RELEASE["ios"]
_SLP_N = SLP_RELEASE["nxos"]
_NO_VRF_IOS = ("licensing traffic uses the global routing table there: give the device a route to the licensing server "
               "outside the VRF, or upgrade to a release with 'license smart vrf'")

COMMANDS = {
    "ios": {
        # --- global configuration -------------------------------------------------------------------------------
        "ntp_server": _entry("ntp server[ vrf {vrf}] {address}[ prefer{prefer?}][ version {version}]", "config",
                             SEED_IOS + " line 105 'ntp server 198.51.100.100 version 2 prefer'; option order as the running-config "
                             "prints it and cisco.ios.ios_ntp_global renders it", "D", facts="ntp.servers"),
        "ip_domain_lookup": _entry("ip domain lookup", "config", "cisco.ios ios_system; IOS XE YANG (terraform-provider-iosxe system)", "C",
                                   facts="dns.lookup_enabled"),
        "ip_domain_name": _entry("ip domain name[ vrf {vrf}] {name}", "config",
                                 SEED_IOS + " line 249 'ip domain name example.com'; vrf form: cisco.ios ios_system", "D",
                                 facts="dns.domain_name / dns.vrf_domain_names"),
        "ip_name_server": _entry("ip name-server[ vrf {vrf}] {address}", "config",
                                 SEED_IOS + " line 250 'ip name-server 192.168.0.1'; vrf form: cisco.ios ios_system", "D",
                                 facts="dns.name_servers"),
        "ip_host": _entry("ip host[ vrf {vrf}] {name} {address}", "config",
                          "Cisco 'Configure Smart Licensing Using Policy' (217046): 'ip host vrf VRF cslu-local CSLU_IP'", "D",
                          facts="dns.hosts"),
        "license_smart_transport": _entry("license smart transport {type}", "config", SEED_IOS + " line 263; " + SLP_CMD_REF, "D",
                                          since=_SLP_I, facts="license_smart.transport"),
        "license_smart_url_smart": _entry("license smart url smart {url}", "config", SEED_IOS + " line 193; " + SLP_CMD_REF, "D",
                                          since=_SLP_I, facts="license_smart.url_smart"),
        "license_smart_url_cslu": _entry("license smart url cslu {url}", "config", SEED_IOS + " lines 263, 283; " + SLP_CMD_REF, "D",
                                         since=_SLP_I, facts="license_smart.url_cslu"),
        # In the syntax block of the SLP command reference, absent from the older Smart Licensing Enhanced Routing command
        # reference; the release that added it is on no page read: 17.7 is an inference (the stricter reading).
        "license_smart_vrf": _entry("license smart vrf {vrf}", "config", SLP_CMD_REF + " ('| vrf vrf_string'); first release inferred", "I",
                                    since="17.7", facts="license_smart.vrf", instead=_NO_VRF_IOS),
        "license_smart_usage_interval": _entry("license smart usage interval {days}", "config", SEED_IOS + " (RUM report retries); "
                                               + SLP_CMD_REF, "D", since=_SLP_I, facts="license_smart.usage_interval"),
        "ip_http_client_source_interface": _entry("ip http client source-interface {interface}", "config", SEED_IOS + " line 232", "D",
                                                  facts="http_client.source_interface"),
        "ip_http_client_secure_trustpoint": _entry("ip http client secure-trustpoint {name}", "config", SEED_IOS + " line 191", "D",
                                                   facts="http_client.secure_trustpoints"),
        "crypto_pki_trustpoint": _entry("crypto pki trustpoint {name}", "config", SEED_IOS + " line 296", "D", facts="pki_trustpoints"),
        "trustpoint_enrollment_terminal": _entry("enrollment terminal", "crypto_pki_trustpoint", SEED_IOS + " line 298", "D",
                                                 facts="pki_trustpoints.NAME.enrollment"),
        "trustpoint_revocation_check_none": _entry("revocation-check none", "crypto_pki_trustpoint", SEED_IOS + " line 299", "D",
                                                   facts="pki_trustpoints.NAME.revocation_check"),
        "crypto_pki_authenticate": _entry("crypto pki authenticate {name}", "config",
                                          "Cisco IOS Security Command Reference A1 (crypto pki authenticate, global configuration)", "D"),
        "service_call_home": _entry("service call-home", "config", "Cisco pyATS genielibs call_home configure", "C", facts="call_home.enabled"),
        "call_home": _entry("call-home", "config", "Cisco IOS XE High Availability command reference (call-home)", "D", facts="call_home"),
        # The profile name quoted as the running-config prints it (quoting seen in recorded configurations only).
        "call_home_profile": _entry('profile "{name}"', "call_home", "Cisco IOS XE HA command reference (profile); quoting: recorded "
                                    "running-configs", "T", facts="call_home.profiles"),
        "call_home_active": _entry("active", "call_home_profile", "Cisco IOS XE HA command reference (active)", "D",
                                   facts="call_home.profiles.NAME.active"),
        "call_home_transport_http": _entry("destination transport-method http", "call_home_profile",
                                           "Cisco pyATS genielibs call_home configure", "C", facts="call_home.profiles.NAME.transport_method"),
        "call_home_address_http": _entry("destination address http {url}", "call_home_profile",
                                         "Cisco pyATS genielibs call_home configure; URL: " + SEED_IOS + " line 206", "C",
                                         facts="call_home.profiles.NAME.http_addresses"),
        # --- privileged EXEC ------------------------------------------------------------------------------------
        "license_smart_trust": _entry("license smart trust idtoken {token} {scope}[ force{force?}]", "exec", SEED_IOS + " line 382", "D",
                                      since=_SLP_I),
        # The prose of the seed writes it bare; the keyword is required (pyATS genielibs sends 'license smart sync all').
        "license_smart_sync": _entry("license smart sync {scope}", "exec", SEED_IOS + " line 449 (bare); 'sync all': Cisco pyATS "
                                     "genielibs platform execute", "C", since=_SLP_I),
        "license_smart_save_usage": _entry("license smart save usage all file {path}", "exec",
                                           SEED_IOS + " line 455 (command named); arguments: Cisco pyATS genielibs platform_licensing", "C",
                                           since=_SLP_I),
        "license_smart_import": _entry("license smart import {path}", "exec", SEED_IOS + " ('Installing a File on the Product Instance'); "
                                       "syntax seen in scripts only", "T", since=_SLP_I),
        "license_smart_factory_reset": _entry("license smart factory reset", "exec", SEED_IOS + " line 332", "D", since=_SLP_I,
                                              note="never sent: named where the seed explains a removed policy"),
        "copy_running_startup": _entry("copy running-config startup-config", "exec", "what cisco.ios.ios_config sends for save_when", "C"),
        "ping": _entry("ping[ vrf {vrf}] {host}", "exec", SEED_IOS + " lines 196, 244 (ping smartreceiver.cisco.com, ping cslu-local)", "D"),
        "show_license_status": _entry("show license status", "exec", SEED_IOS + " line 193", "D", since=_SLP_I),
        "show_license_all": _entry("show license all", "exec", SEED_IOS + " line 242", "D", since=_SLP_I),
        "show_license_udi": _entry("show license udi", "exec", SEED_IOS + " line 134", "D", since=_SLP_I),
        "show_license_tech_support": _entry("show license tech support", "exec", SEED_IOS + " line 142", "D", since=_SLP_I),
        "show_license_authorization": _entry("show license authorization", "exec", SEED_IOS + " line 430", "D", since=_SLP_I),
        "show_call_home_profile_all": _entry("show call-home profile all", "exec", SEED_IOS + " line 207", "D"),
        "show_ip_http_client": _entry("show ip http client", "exec", SEED_IOS + " line 232", "D"),
        "show_ip_http_server_session_module": _entry("show ip http server session-module", "exec", SEED_IOS + " line 267", "D"),
    },
    "nxos": {
        # --- global configuration -------------------------------------------------------------------------------
        "ntp_server": _entry("ntp server {address}[ prefer{prefer?}][ use-vrf {vrf}]", "config",
                             SEED_NXOS + " line 29 'ntp server 10.28.13.90 prefer'; option order as cisco.nxos.nxos_ntp_global renders it",
                             "D", facts="ntp.servers"),
        "ip_domain_lookup": _entry("ip domain-lookup", "config", SEED_NXOS + " line 54", "D", facts="dns.lookup_enabled"),
        "ip_domain_name": _entry("ip domain-name {name}", "config", SEED_NXOS + " line 55", "D", facts="dns.domain_name"),
        "ip_name_server": _entry("ip name-server {address}[ use-vrf {vrf}]", "config", SEED_NXOS + " line 56", "D", facts="dns.name_servers"),
        "vrf_context": _entry("vrf context {vrf}", "config", SEED_NXOS + " line 57", "D", facts="vrf_contexts"),
        "vrf_ip_domain_name": _entry("ip domain-name {name}", "vrf_context", SEED_NXOS + " line 58", "D", facts="vrf_contexts.VRF.domain_name"),
        "vrf_ip_name_server": _entry("ip name-server {address}", "vrf_context", SEED_NXOS + " line 59", "D",
                                     facts="vrf_contexts.VRF.name_servers"),
        "ip_host": _entry("ip host {name} {address}", "config", SEED_NXOS + " line 77 'ip host cslu-local <cslu_address>'", "D",
                          facts="dns.hosts"),
        "license_smart_transport": _entry("license smart transport {type}", "config", SEED_NXOS + " lines 102, 156, 172", "D",
                                          since=_SLP_N, facts="license_smart.transport"),
        "license_smart_url_smart": _entry("license smart url smart {url}", "config", SEED_NXOS + " line 102", "D", since=_SLP_N,
                                          facts="license_smart.url_smart"),
        "license_smart_url_cslu": _entry("license smart url cslu {url}", "config", SEED_NXOS + " line 156", "D", since=_SLP_N,
                                         facts="license_smart.url_cslu"),
        # The seed prints 'VRF:' under 'Transport:' (lines 100, 154) but never shows the configuration line.
        "license_smart_vrf": _entry("license smart vrf {vrf}", "config", SEED_NXOS + " lines 100, 154 ('VRF:' in show license status)", "I",
                                    since=_SLP_N, facts="license_smart.vrf"),
        "license_smart_usage_interval": _entry("license smart usage interval {days}", "config", SEED_NXOS + " line 474", "D", since=_SLP_N,
                                               facts="license_smart.usage_interval"),
        "callhome": _entry("callhome", "config", SEED_NXOS + " line 181", "D", facts="call_home"),
        "callhome_transport_http": _entry("destination-profile {profile} transport-method http", "callhome", SEED_NXOS + " line 183", "D",
                                          facts="call_home.destination_profiles.NAME.transport_method"),
        "callhome_address_http": _entry("destination-profile {profile} index 1 http {url}", "callhome", SEED_NXOS + " line 185", "D",
                                        facts="call_home.destination_profiles.NAME.http_addresses"),
        "callhome_use_vrf": _entry("transport http use-vrf {vrf}", "callhome", SEED_NXOS + " line 189", "D", facts="call_home.http_use_vrf"),
        "callhome_enable": _entry("enable", "callhome", SEED_NXOS + " line 190; Cisco 'Smart Licensing on Nexus Platforms' (217965)", "D",
                                  facts="call_home.enabled"),
        # --- privileged EXEC ------------------------------------------------------------------------------------
        "license_smart_trust": _entry("license smart trust idtoken {token}[ force{force?}]", "exec", SEED_NXOS + " line 25 (no local|all)",
                                      "D", since=_SLP_N),
        "license_smart_sync": _entry("license smart sync", "exec", SEED_NXOS + " line 291", "D", since=_SLP_N),
        "license_smart_save_usage": _entry("license smart save usage all file {path}", "exec",
                                           SEED_NXOS + " line 674 (command named); arguments as on IOS XE", "I", since=_SLP_N),
        "license_smart_import": _entry("license smart import {path}", "exec", SEED_NXOS + " line 577 (task named); syntax as on IOS XE", "I",
                                       since=_SLP_N),
        "license_smart_factory_reset": _entry("license smart factory reset", "exec", SEED_NXOS + " line 558", "D", since=_SLP_N,
                                              note="never sent: named where the seed explains a removed policy"),
        "copy_running_startup": _entry("copy running-config startup-config", "exec", "what cisco.nxos.nxos_config sends for save_when", "C"),
        "ping": _entry("ping {host}[ vrf {vrf}]", "exec", SEED_NXOS + " lines 63, 197 'ping cisco.com vrf <vrf-name>'", "D"),
        "show_license_status": _entry("show license status", "exec", SEED_NXOS + " line 84", "D", since=_SLP_N),
        "show_license_all": _entry("show license all", "exec", "Cisco 'Smart Licensing Using Policy on Nexus switches' article", "D",
                                   since=_SLP_N),
        "show_license_tech_support": _entry("show license tech support", "exec", SEED_NXOS + " line 238", "D", since=_SLP_N),
        "show_license_history_message": _entry("show license history message", "exec", SEED_NXOS + " line 430", "D", since=_SLP_N),
        "show_running_config_callhome_all": _entry("show running-config callhome all", "exec", SEED_NXOS + " line 174", "D"),
    },
}

_TOKEN = re.compile(r"\{(\w+)(\??)\}|\[|\]|[^{}\[\]]+")


@functools.lru_cache(maxsize=256)
def _parts(template):
    """The template as ((kind, value), ...): ('text', s), ('field', name), ('flag', name), ('[', None), (']', None).

    Memoised: a pure function of the table's few templates, which render() reads each time a rule writes a line.
    """
    parts = []
    for match in _TOKEN.finditer(template):
        token = match.group(0)
        if match.group(1):
            parts.append(("flag" if match.group(2) else "field", match.group(1)))
        elif token in "[]":
            parts.append((token, None))
        else:
            parts.append(("text", token))
    return tuple(parts)


def _set(value):
    return value not in (None, "", False, [], {})


def entry(platform, key):
    """The table entry (a dict, see the module docstring) or {} when the platform has no such command."""
    return dict(COMMANDS.get(platform, {}).get(key) or {})


def keys(platform):
    return sorted(COMMANDS.get(platform, {}))


def render(platform, key, **values):
    """The line of ``key`` on ``platform`` with ``values`` filled in ('' for an unknown key).

    An optional part shows only when all its values are set; a required value that is missing shows as
    ``<name>`` (a placeholder a person fills in).
    """
    template = COMMANDS.get(platform, {}).get(key, {}).get("template")
    if not template:
        return ""
    out, optional, keep = [], None, True
    for kind, value in _parts(template):
        if kind == "[":
            optional, keep = [], True
            continue
        if kind == "]":
            if keep:
                out.extend(optional)
            optional = None
            continue
        if kind == "text":
            piece = value
        elif kind == "flag":
            piece = ""
            if not values.get(value):
                keep = False
        else:
            given = values.get(value)
            if optional is not None and not _set(given):
                keep = False
            piece = str(given) if _set(given) else "<%s>" % value
        (optional if optional is not None else out).append(piece)
    return "".join(out)


def _pattern(template):
    regex, group = [], None
    for kind, value in _parts(template):
        if kind == "[":
            group = []
        elif kind == "]":
            flags = [name for name in group if isinstance(name, tuple)]
            body = "".join(item for item in group if not isinstance(item, tuple))
            regex.append("(?P<%s>%s)?" % (flags[0][1], body) if flags else "(?:%s)?" % body)
            group = None
        else:
            if kind == "text":
                piece = r"\s+".join(re.escape(word) for word in value.split(" "))
            elif kind == "field":
                piece = r"(?P<%s>\S+)" % value
            else:
                piece = ("flag", value)
            (group if group is not None else regex).append(piece)
    return re.compile("^" + "".join(item for item in regex if not isinstance(item, tuple)) + "$", re.IGNORECASE)


_PATTERNS = {platform: {key: _pattern(item["template"]) for key, item in table.items()} for platform, table in COMMANDS.items()}


def recognise(platform, key, line):
    """The values of ``line`` when it is an instance of ``key`` on ``platform`` (flags as booleans), else None."""
    pattern = _PATTERNS.get(platform, {}).get(key)
    match = pattern.match(str(line or "").strip()) if pattern else None
    if not match:
        return None
    template = COMMANDS[platform][key]["template"]
    flags = [name for kind, name in _parts(template) if kind == "flag"]
    return {name: (bool(value) if name in flags else value) for name, value in match.groupdict().items()}


def which(platform, line, mode=None):
    """The keys whose template matches ``line`` (in ``mode`` when given), in table order."""
    return [key for key, item in COMMANDS.get(platform, {}).items()
            if (mode is None or item["mode"] == mode) and recognise(platform, key, line) is not None]


def release_tuple(release):
    """(17, 3, 2) from '17.3.2', '17.03.04', 'version 17.9', '10.2(3)F'; None when there is no number."""
    match = re.search(r"(\d+)\.(\d+)(?:[.(](\d+))?", str(release or ""))
    if not match:
        return None
    return tuple(int(part) for part in match.groups() if part is not None)


def missing_on(platform, key, release):
    """Why the device's ``release`` has no ``key`` (with what to do instead), or None when it has it or the release is unknown.

    A release known only to its minor number ('17.3' from the running-config's version line) is compared on that much.
    """
    item = COMMANDS.get(platform, {}).get(key) or {}
    have, first = release_tuple(release), release_tuple(item.get("since"))
    if not have or not first:
        return None
    width = min(len(have), len(first))
    if have[:width] >= first[:width]:
        return None
    name = "IOS XE" if platform == "ios" else "NX-OS"
    words = item["template"].split("{")[0].split("[")[0].strip()
    text = "%s %s has no '%s' (first in %s)" % (name, ".".join(str(part) for part in have), words, item["since"])
    return "%s: %s" % (text, item["instead"]) if item.get("instead") else text


def rows():
    """Every entry as a flat row for docs and tests: platform, key, line (the template), mode, since, confidence, source."""
    return [dict(item, platform=platform, key=key) for platform, table in sorted(COMMANDS.items()) for key, item in table.items()]
