# -*- coding: utf-8 -*-
# Copyright: contributors to smartlic.slp
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Parse ``show running-config`` (IOS XE and NX-OS): only the parts the flows touch.

The configuration is read as a tree (a line indented deeper than the one
above it is its child: IOS XE indents children one space, NX-OS two) and these
parts are normalised (docs/facts.md "show running-config"):

- ``hostname``;
- ``ntp``: ``ntp server`` / ``ntp peer`` lines (IOS ``[vrf V] ADDR [prefer]
  [version N] [key K] [source IF]``, NX-OS ``ADDR [prefer] [use-vrf V] [key K]``);
- ``dns``: domain lookup, domain name, name servers (with their VRF), ``ip host``;
- ``vrf_contexts`` (NX-OS ``vrf context V`` children) and ``vrfs`` (every VRF defined);
- ``pki_trustpoints`` (``crypto pki trustpoint`` / ``crypto ca trustpoint``);
- ``http_client`` (``ip http client …``) and ``ip_http`` (``ip http server`` / ``secure-server``);
- ``license_smart`` (``license smart …``, raw lines kept);
- ``call_home`` (IOS ``call-home`` block and ``service call-home``, NX-OS
  ``callhome`` block); :func:`call_home_facts` is shared with
  ``show running-config callhome all``.

Every part is present in the result even when the configuration holds none of
its lines, so that, for a whole running-config, absence means "not
configured". Pure Python, no Ansible imports, never raises.
"""

from __future__ import annotations

import hashlib
import re

from ansible_collections.smartlic.slp.plugins.module_utils.parsers.common import (
    echo_line, is_device_error, is_prompt_echo, LineGuard, never_raises, new_result, output_lines, to_int, unrecognised,
)

COMMAND = "show running-config"

# Lines the CLI prints around the configuration.
_HEADER = re.compile(
    r"^\s*(?:Building configuration\.*|Current configuration\s*:\s*(?P<bytes>\d+)\s*bytes|!Command:.*|!Time:.*|!Running configuration last done at:.*"
    r"|!Startup config saved at:.*|Last configuration change at .*|NVRAM config last updated at .*)\s*$",
    re.IGNORECASE,
)
_ECHO = echo_line(r"run\S*", rest=r"(?:\s+.*)?")
# Rule out the two expressions above, without running them, on most lines of a configuration.
_HEADER_GUARD = LineGuard(_HEADER)
_ECHO_GUARD = LineGuard(_ECHO)
_VERSION = re.compile(r"^version\s+(?P<version>\S+)", re.IGNORECASE)
# First words of top-level configuration lines, to tell a configuration from another command's output.
_CONFIG_WORDS = frozenset(
    """aaa access-list alias archive banner boot bridge-domain call-home callhome cdp class-map clock control-plane copp crypto
    cts device-tracking diagnostic dot1x enable end errdisable ethernet event feature fhrp hostname hw-module interface ip ipv6
    key l2vpn license line lldp logging login mac memory mka monitor multilink netconf no ntp object-group parameter-map platform
    policy-map port-channel power process qos radius redundancy restconf rmon route-map router sampler service snmp snmp-server
    spanning-tree subscriber switch switchname system tacacs tacacs-server telemetry template track transceiver udld username
    version vlan vpc vrf vtp wsma xconnect""".split()
)


class ConfigLine:
    """One configuration line with the deeper-indented lines below it."""

    __slots__ = ("text", "indent", "children", "_words", "_lowered")

    def __init__(self, text, indent):
        self.text = text
        self.indent = indent
        self.children = []
        self._words = None
        self._lowered = None

    @property
    def words(self):
        """The line split on blanks (split once: every part of the parser reads the top-level lines)."""
        if self._words is None:
            self._words = self.text.split()
        return self._words

    @property
    def lowered(self):
        """``words`` in lower case."""
        if self._lowered is None:
            self._lowered = list(map(str.lower, self.words))
        return self._lowered

    def walk(self):
        """Every descendant line (depth first)."""
        stack = list(reversed(self.children))
        while stack:
            node = stack.pop()
            yield node
            stack.extend(reversed(node.children))


def config_tree(text, lines=None):
    """Read configuration text (or its ``lines``, see common.output_lines): (top-level ConfigLines, header dict, device errors).

    Header lines, prompts, ``!`` comments and banners are set aside.
    """
    roots, header, errors = [], {}, []
    stack = []
    banner_end = None
    for raw in output_lines(text, lines):
        line = (raw.expandtabs(8) if "\t" in raw else raw).rstrip()
        stripped = line.strip()
        if banner_end is not None:
            if banner_end in line:
                banner_end = None
            continue
        if not stripped:
            continue
        match = _HEADER.match(line) if _HEADER_GUARD.may_match(line) else None
        if match:
            if match.group("bytes"):
                header["current_configuration_bytes"] = int(match.group("bytes"))
            elif stripped.startswith("!Command:"):
                header["nxos_command"] = stripped[len("!Command:"):].strip()
            continue
        if stripped[0] == "!":
            continue
        if is_device_error(line):
            errors.append(stripped)
            continue
        indent = len(line) - len(line.lstrip(" "))
        if indent == 0 and (is_prompt_echo(stripped) or (_ECHO_GUARD.may_match(stripped) and _ECHO.match(stripped))) and not _looks_config(stripped):
            header.setdefault("command", stripped)
            continue
        if indent == 0 and stripped[:7].lower() == "banner ":
            banner_end = _banner_end(stripped)
        node = ConfigLine(stripped, indent)
        while stack and stack[-1].indent >= indent:
            stack.pop()
        if stack:
            stack[-1].children.append(node)
        else:
            # An indented line without a parent (an output indented as a whole) counts as top-level.
            roots.append(node)
        stack.append(node)
    return roots, header, errors


def _looks_config(stripped):
    first = stripped.split()[0].lower() if stripped.split() else ""
    return first in _CONFIG_WORDS and "#" not in first and ">" not in first


def _banner_end(stripped):
    """The delimiter closing a multi-line banner, or None when the banner ends on its own line."""
    words = stripped.split(None, 2)
    if len(words) < 3:
        return None
    rest = words[2]
    delimiter = rest[:2] if rest.startswith("^") and len(rest) > 1 else rest[:1]
    if delimiter and delimiter in rest[len(delimiter):]:
        return None
    return delimiter or None


def _unquote(value):
    value = (value or "").strip()
    if len(value) >= 2 and value[0] == value[-1] == '"':
        return value[1:-1]
    return value


def detect_platform(roots, header):
    """'nxos' or 'ios' from the configuration's own conventions."""
    nxos = ios = 0
    if "nxos_command" in header:
        nxos += 2
    if "current_configuration_bytes" in header:
        ios += 2
    for node in roots:
        words = node.lowered
        first = words[0] if words else ""
        # The first word is tested before the slices, which only lines starting with that word can match.
        if first in ("feature", "switchname", "callhome") or (first == "vrf" and words[:2] == ["vrf", "context"]):
            nxos += 2
        elif "use-vrf" in words:
            nxos += 2
        elif (first in ("ip", "no") and words[:3] in (["ip", "domain", "name"], ["ip", "domain", "lookup"], ["no", "ip", "domain"])) \
                or first == "call-home":
            ios += 2
        elif "domain-lookup" in words:
            nxos += 1
        elif (first in ("vrf", "service") and words[:2] in (["vrf", "definition"], ["service", "timestamps"])) or first == "boot-start-marker":
            ios += 2
        elif first == "version" and "bios:" in " ".join(words):
            nxos += 3
        for child in node.children:
            if child.indent == 1:
                ios += 1
                break
            if child.indent == 2 and not child.text.startswith("!"):
                nxos += 1
                break
    return "nxos" if nxos > ios else "ios"


# ------------------------------------------------------------------ parts

def ntp_facts(roots):
    """{servers, peers, source, authenticate, lines} from the ntp lines."""
    ntp = {"servers": [], "peers": [], "source": None, "authenticate": False, "lines": []}
    for node in roots:
        words, lowered = node.words, node.lowered
        if not lowered or lowered[0] != "ntp":
            continue
        ntp["lines"].append(node.text)
        if len(lowered) > 2 and lowered[1] in ("server", "peer"):
            entry = _ntp_association(words[2:])
            entry["raw"] = node.text
            if entry["address"]:
                ntp["servers" if lowered[1] == "server" else "peers"].append(entry)
        elif len(lowered) > 2 and lowered[1] in ("source", "source-interface"):
            ntp["source"] = " ".join(words[2:])
        elif lowered[1:] == ["authenticate"]:
            ntp["authenticate"] = True
    return ntp


def _ntp_association(words):
    entry = {"address": None, "prefer": False, "version": None, "vrf": None, "key": None, "source": None}
    options = {"version": "version", "key": "key", "source": "source", "use-vrf": "vrf", "vrf": "vrf", "maxpoll": "maxpoll", "minpoll": "minpoll"}
    index = 0
    while index < len(words):
        word = words[index]
        lower = word.lower()
        if lower in options and index + 1 < len(words):
            name = options[lower]
            value = words[index + 1]
            entry[name] = to_int(value) if name in ("version", "maxpoll", "minpoll") else value
            index += 2
            continue
        if lower == "prefer":
            entry["prefer"] = True
        elif lower in ("burst", "iburst", "normal-sync"):
            entry[lower.replace("-", "_")] = True
        elif lower in ("ip", "ipv6") and entry["address"] is None and index + 1 < len(words):
            entry["family"] = lower
        elif entry["address"] is None:
            entry["address"] = word
        index += 1
    return entry


def dns_facts(roots, platform):
    """{lookup_enabled, domain_name, name_servers: [{address, vrf}], hosts: {name: [address]}, ...}."""
    dns = {"lookup_enabled": True, "lookup_configured": None, "lookup_source_interface": None, "domain_name": None,
           "domain_list": [], "vrf_domain_names": {}, "name_servers": [], "hosts": {}, "host_entries": [], "lines": []}
    for node in roots:
        words, lowered = node.words, node.lowered
        negated = bool(lowered) and lowered[0] == "no"
        body, body_lower = (words[1:], lowered[1:]) if negated else (words, lowered)
        if body_lower[:1] not in (["ip"], ["ipv6"]) or len(body_lower) < 2:
            continue
        rest, rest_lower = body[2:], body_lower[2:]
        kind = body_lower[1]
        # "ip domain lookup", "ip domain name X", "ip domain list X" (IOS) = "ip domain-lookup", "ip domain-name", "ip domain-list".
        if kind == "domain" and rest_lower:
            kind, rest, rest_lower = "domain-" + rest_lower[0], rest[1:], rest_lower[1:]
        if kind == "domain-lookup":
            dns["lines"].append(node.text)
            dns["lookup_enabled"] = not negated
            dns["lookup_configured"] = not negated
            if not negated and rest_lower[:1] == ["source-interface"] and len(rest) > 1:
                dns["lookup_source_interface"] = rest[1]
        elif kind == "domain-name" and rest and not negated:
            dns["lines"].append(node.text)
            vrf, rest = _leading_vrf(rest)
            if vrf and rest:
                dns["vrf_domain_names"][vrf] = rest[0]
            elif rest:
                dns["domain_name"] = rest[0]
        elif kind == "domain-list" and rest and not negated:
            dns["lines"].append(node.text)
            vrf, rest = _leading_vrf(rest)
            if rest and not vrf:
                dns["domain_list"].append(rest[0])
        elif kind == "name-server" and rest and not negated:
            dns["lines"].append(node.text)
            vrf, addresses = _name_server_words(rest)
            for address in addresses:
                dns["name_servers"].append({"address": address, "vrf": vrf})
        elif kind == "host" and rest and not negated:
            dns["lines"].append(node.text)
            vrf, rest = _leading_vrf(rest)
            if rest:
                name = rest[0]
                addresses = [word for word in rest[1:] if not word.isdigit()]
                dns["host_entries"].append({"name": name, "addresses": addresses, "vrf": vrf})
                dns["hosts"].setdefault(name, [])
                dns["hosts"][name].extend(address for address in addresses if address not in dns["hosts"][name])
    if platform == "nxos" and dns["lookup_configured"] is None:
        dns["lookup_enabled"] = True
    return dns


def _leading_vrf(words):
    """('V', rest) for 'vrf V rest…' (IOS), else (None, words)."""
    if len(words) > 2 and words[0].lower() == "vrf":
        return words[1], words[2:]
    return None, words


def _name_server_words(words):
    """(vrf, [addresses]) of IOS 'vrf V A B' or NX-OS 'A B use-vrf V'."""
    vrf, words = _leading_vrf(words)
    addresses = []
    index = 0
    while index < len(words):
        lower = words[index].lower()
        if lower == "use-vrf" and index + 1 < len(words):
            vrf = words[index + 1]
            index += 2
            continue
        addresses.append(words[index])
        index += 1
    return vrf, addresses


def vrf_facts(roots):
    """(vrf_contexts of NX-OS 'vrf context V', every VRF name the configuration defines)."""
    contexts, names = {}, []
    for node in roots:
        lowered = node.lowered
        words = node.words
        if lowered[:2] == ["vrf", "context"] and len(words) > 2:
            name = words[2]
            context = contexts.setdefault(name, {"domain_name": None, "name_servers": [], "domain_list": [], "hosts": {}, "lines": []})
            for child in node.children:
                context["lines"].append(child.text)
                child_words, child_lower = child.words, child.lowered
                if child_lower[:2] == ["ip", "domain-name"] and len(child_words) > 2:
                    context["domain_name"] = child_words[2]
                elif child_lower[:2] == ["ip", "domain-list"] and len(child_words) > 2:
                    context["domain_list"].append(child_words[2])
                elif child_lower[:2] == ["ip", "name-server"] and len(child_words) > 2:
                    _vrf, addresses = _name_server_words(child_words[2:])
                    context["name_servers"].extend(addresses)
                elif child_lower[:2] == ["ip", "host"] and len(child_words) > 3:
                    context["hosts"][child_words[2]] = child_words[3:]
            if name not in names:
                names.append(name)
        elif (lowered[:2] == ["vrf", "definition"] or lowered[:2] == ["ip", "vrf"]) and len(words) > 2:
            if words[2] not in names:
                names.append(words[2])
    return contexts, names


_ENROLLMENT_METHODS = ("terminal", "url", "selfsigned", "pkcs12", "profile", "http-proxy", "retry", "mode")


def _der_digests(certificate):
    """{sha1, sha256} of the DER a 'certificate' line holds in hex below it; None each when it is not one whole DER item."""
    digits = []
    stack = list(certificate.children)
    while stack:
        node = stack.pop(0)
        digits.extend(word for word in node.words if word.lower() != "quit")
        stack[:0] = node.children
    text = "".join(digits)
    if not re.match(r"^(?:[0-9A-Fa-f]{2})+$", text):
        return {"sha1": None, "sha256": None}
    der = bytes.fromhex(text)
    # An X.509 certificate is one SEQUENCE with a two-byte length (0x30 0x82 LL LL): a cut block is not digested.
    if len(der) < 4 or der[:2] != b"\x30\x82" or int.from_bytes(der[2:4], "big") + 4 != len(der):
        return {"sha1": None, "sha256": None}
    return {"sha1": hashlib.sha1(der).hexdigest(), "sha256": hashlib.sha256(der).hexdigest()}


def pki_facts(roots):
    """{name: {enrollment, enrollment_raw, revocation_check, rsakeypair, certificates, lines}} of every trustpoint."""
    trustpoints, chains = {}, {}
    for node in roots:
        words, lowered = node.words, node.lowered
        if lowered[:1] != ["crypto"] or len(words) < 4 or lowered[1] not in ("pki", "ca"):
            continue
        if lowered[2] == "trustpoint":
            name = words[3]
            point = trustpoints.setdefault(name, {"enrollment": None, "enrollment_raw": None, "revocation_check": None, "rsakeypair": None,
                                                  "subject_name": None, "certificates": 0, "lines": []})
            for child in node.children:
                point["lines"].append(child.text)
                child_words, child_lower = child.words, child.lowered
                if child_lower[:1] == ["enrollment"] and len(child_words) > 1:
                    method = child_lower[1]
                    if method not in ("retry", "mode") or point["enrollment"] is None:
                        point["enrollment"] = method if method in _ENROLLMENT_METHODS else " ".join(child_words[1:])
                        point["enrollment_raw"] = " ".join(child_words[1:])
                elif child_lower[:1] == ["revocation-check"] and len(child_words) > 1:
                    point["revocation_check"] = " ".join(child_lower[1:])
                elif child_lower[:1] == ["rsakeypair"] and len(child_words) > 1:
                    point["rsakeypair"] = child_words[1]
                elif child_lower[:1] == ["subject-name"] and len(child_words) > 1:
                    point["subject_name"] = " ".join(child_words[1:])
        elif lowered[2:4] == ["certificate", "chain"] and len(words) > 4:
            certificates = chains.setdefault(words[4], [])
            for child in node.children:
                child_words = child.words
                if child_words[:1] == ["certificate"] and len(child_words) > 1:
                    kind = child_words[1] if len(child_words) > 2 else None
                    # 'certificate ca 01' then the DER in hex lines (ending with quit); 'certificate ca 01 nvram:F.cer'
                    # keeps it in a file: no digests then.
                    certificates.append(dict({"type": kind, "serial": child_words[2] if kind else child_words[1]},
                                             **_der_digests(child)))
    for name, certificates in chains.items():
        if name in trustpoints:
            trustpoints[name]["certificates"] = len(certificates)
    return trustpoints, chains


def http_facts(roots):
    """(http_client, ip_http) from the 'ip http …' lines."""
    client = {"secure_trustpoints": [], "source_interface": None, "vrf": None, "proxy": None, "lines": []}
    server = {"server": False, "secure_server": False, "authentication": None, "secure_trustpoint": None, "port": None, "secure_port": None,
              "active_session_modules": None, "secure_active_session_modules": None, "lines": []}
    for node in roots:
        words, lowered = node.words, node.lowered
        negated = lowered[:1] == ["no"]
        body, body_lower = (words[1:], lowered[1:]) if negated else (words, lowered)
        if body_lower[:2] != ["ip", "http"] or len(body) < 3:
            continue
        option = body_lower[2]
        rest = body[3:]
        if option == "client":
            client["lines"].append(node.text)
            sub = body_lower[3] if len(body_lower) > 3 else ""
            value = body[4] if len(body) > 4 else None
            if negated or value is None:
                continue
            if sub == "secure-trustpoint":
                if value not in client["secure_trustpoints"]:
                    client["secure_trustpoints"].append(value)
            elif sub == "source-interface":
                client["source_interface"] = " ".join(body[4:])
            elif sub == "vrf":
                client["vrf"] = value
            elif sub == "proxy-server":
                port = body_lower.index("port") if "port" in body_lower else None
                client["proxy"] = {"address": value, "port": to_int(body[port + 1]) if port and port + 1 < len(body) else None}
            continue
        server["lines"].append(node.text)
        if option == "server" and not rest:
            server["server"] = not negated
        elif option == "secure-server" and not rest:
            server["secure_server"] = not negated
        elif negated:
            continue
        elif option == "authentication" and rest:
            server["authentication"] = " ".join(rest)
        elif option == "secure-trustpoint" and rest:
            server["secure_trustpoint"] = rest[0]
        elif option == "port" and rest:
            server["port"] = to_int(rest[0])
        elif option == "secure-port" and rest:
            server["secure_port"] = to_int(rest[0])
        elif option == "active-session-modules" and rest:
            server["active_session_modules"] = " ".join(rest)
        elif option == "secure-active-session-modules" and rest:
            server["secure_active_session_modules"] = " ".join(rest)
    return client, server


def license_smart_facts(roots):
    """{transport, url_smart, url_cslu, url, url_default, vrf, proxy, usage_interval_days, utility, lines}."""
    facts = {"transport": None, "transport_raw": None, "url_smart": None, "url_cslu": None, "url": None, "url_default": False, "vrf": None,
             "proxy": {"address": None, "port": None}, "usage_interval_days": None, "utility": None, "enabled": None, "lines": []}
    for node in roots:
        words, lowered = node.words, node.lowered
        negated = lowered[:1] == ["no"]
        body, body_lower = (words[1:], lowered[1:]) if negated else (words, lowered)
        if body_lower[:2] != ["license", "smart"]:
            continue
        facts["lines"].append(node.text)
        rest, rest_lower = body[2:], body_lower[2:]
        if not rest:
            continue
        option = rest_lower[0]
        if option == "utility":
            facts["utility"] = not negated if len(rest) == 1 else facts["utility"]
        elif option == "enable":
            facts["enabled"] = not negated
        if negated:
            continue
        if option == "transport" and len(rest) > 1:
            facts["transport"] = rest_lower[1]
            facts["transport_raw"] = rest[1]
        elif option == "url" and len(rest) > 1:
            if rest_lower[1] == "default":
                facts["url_default"] = True
            elif rest_lower[1] in ("smart", "cslu") and len(rest) > 2:
                facts["url_" + rest_lower[1]] = rest[2]
            elif rest_lower[1] not in ("smart", "cslu"):
                facts["url"] = rest[1]
        elif option == "vrf" and len(rest) > 1:
            facts["vrf"] = rest[1]
        elif option == "proxy" and len(rest) > 2:
            if rest_lower[1] == "address":
                facts["proxy"]["address"] = rest[2]
            elif rest_lower[1] == "port":
                facts["proxy"]["port"] = to_int(rest[2])
        elif option == "usage" and len(rest) > 2 and rest_lower[1] == "interval":
            facts["usage_interval_days"] = to_int(rest[2])
    return facts


# ------------------------------------------------------------------ call home

def empty_call_home():
    return {"configured": False, "enabled": None, "vrf": None, "http_use_vrf": None, "source_interface": None, "contact_email": None,
            "http_proxy": None, "profiles": {}, "destination_profiles": {}, "lines": []}


def _new_profile():
    return {"active": None, "transport_method": None, "transport_methods": [], "http_addresses": [], "email_addresses": [],
            "reporting": [], "format": None, "lines": []}


def _set_method(profile, method, enabled):
    methods = profile["transport_methods"]
    if enabled and method not in methods:
        methods.append(method)
    elif not enabled and method in methods:
        methods.remove(method)
    ordered = [name for name in ("http", "email") if name in methods] + [name for name in methods if name not in ("http", "email")]
    profile["transport_methods"] = ordered
    profile["transport_method"] = " and ".join(ordered) if ordered else None


def call_home_facts(roots, platform):
    """Call-home facts of the configuration (IOS ``call-home`` / ``service call-home``, NX-OS ``callhome``)."""
    facts = empty_call_home()
    for node in roots:
        lowered = node.lowered
        if lowered in (["service", "call-home"], ["no", "service", "call-home"]):
            facts["enabled"] = lowered[0] != "no"
            facts["lines"].append(node.text)
        elif lowered == ["call-home"]:
            facts["configured"] = True
            _ios_call_home(node, facts)
        elif lowered == ["callhome"]:
            facts["configured"] = True
            _nxos_callhome(node, facts)
    if platform == "nxos" and facts["enabled"] is None:
        # NX-OS prints 'enable' inside the callhome block when callhome is enabled.
        facts["enabled"] = False
    return facts


def _ios_call_home(node, facts):
    for child in node.children:
        facts["lines"].append(child.text)
        words, lowered = child.words, child.lowered
        if lowered[:1] == ["profile"] and len(words) > 1:
            name = _unquote(" ".join(words[1:]))
            profile = facts["profiles"].setdefault(name, _new_profile())
            for line in child.walk():
                _ios_profile_line(profile, line)
                facts["lines"].append(line.text)
        elif lowered[:1] == ["vrf"] and len(words) > 1:
            facts["vrf"] = words[1]
        elif lowered[:1] == ["source-interface"] and len(words) > 1:
            facts["source_interface"] = words[1]
        elif lowered[:1] == ["contact-email-addr"] and len(words) > 1:
            facts["contact_email"] = words[1]
        elif lowered[:1] == ["http-proxy"] and len(words) > 1:
            port = lowered.index("port") if "port" in lowered else None
            facts["http_proxy"] = {"address": _unquote(words[1]), "port": to_int(words[port + 1]) if port and port + 1 < len(words) else None}


def _ios_profile_line(profile, line):
    profile["lines"].append(line.text)
    words, lowered = line.words, line.lowered
    negated = lowered[:1] == ["no"]
    body, body_lower = (words[1:], lowered[1:]) if negated else (words, lowered)
    if body_lower == ["active"]:
        profile["active"] = not negated
    elif body_lower[:2] == ["destination", "transport-method"] and len(body) > 2:
        _set_method(profile, body_lower[2], not negated)
    elif body_lower[:3] == ["destination", "address", "http"] and len(body) > 3 and not negated:
        profile["http_addresses"].append(body[3])
    elif body_lower[:3] == ["destination", "address", "email"] and len(body) > 3 and not negated:
        profile["email_addresses"].append(body[3])
    elif body_lower[:2] == ["destination", "preferred-msg-format"] and len(body) > 2:
        profile["format"] = body[2]
    elif body_lower[:1] == ["reporting"] and len(body) > 1 and not negated:
        profile["reporting"].append(" ".join(body[1:]))


def _nxos_callhome(node, facts):
    for child in node.children:
        facts["lines"].append(child.text)
        words, lowered = child.words, child.lowered
        negated = lowered[:1] == ["no"]
        body, body_lower = (words[1:], lowered[1:]) if negated else (words, lowered)
        if body_lower == ["enable"]:
            facts["enabled"] = not negated
        elif body_lower[:1] == ["destination-profile"] and len(body) > 2 and not negated:
            _nxos_destination(facts["destination_profiles"].setdefault(body[1], _new_profile()), body[2:], child.text)
        elif body_lower[:3] == ["transport", "http", "use-vrf"] and len(body) > 3 and not negated:
            facts["http_use_vrf"] = body[3]
        elif body_lower[:4] == ["transport", "http", "proxy", "server"] and len(body) > 4 and not negated:
            port = body_lower.index("port") if "port" in body_lower else None
            facts["http_proxy"] = {"address": body[4], "port": to_int(body[port + 1]) if port and port + 1 < len(body) else None}
        elif body_lower[:1] == ["email-contact"] and len(body) > 1:
            facts["contact_email"] = body[1]


def _nxos_destination(profile, words, text):
    profile["lines"].append(text)
    lowered = [word.lower() for word in words]
    if lowered[:1] == ["index"] and len(words) > 2:
        words, lowered = words[2:], lowered[2:]
    if lowered[:1] == ["transport-method"] and len(words) > 1:
        _set_method(profile, lowered[1], True)
    elif lowered[:1] == ["http"] and len(words) > 1:
        profile["http_addresses"].append(words[1])
    elif lowered[:1] == ["email-addr"] and len(words) > 1:
        profile["email_addresses"].append(words[1])
    elif lowered[:1] == ["format"] and len(words) > 1:
        profile["format"] = words[1]


# ------------------------------------------------------------------ parse

def recognised(roots, header):
    """True when the lines look like configuration."""
    if "current_configuration_bytes" in header or "nxos_command" in header:
        return True
    if not roots:
        return False
    # _looks_config on the line's first word (no word of _CONFIG_WORDS holds '#' or '>').
    config_like = sum(1 for node in roots if node.lowered and node.lowered[0] in _CONFIG_WORDS)
    return config_like * 2 >= len(roots)


@never_raises(COMMAND)
def parse(text, platform=None, lines=None):
    """``show running-config`` text → the normalised parts of docs/facts.md. Never raises."""
    roots, header, errors = config_tree(text, lines)
    result = new_result()
    if not recognised(roots, header):
        return unrecognised(result, COMMAND, errors, roots, unparsed=[line for line in output_lines(text, lines) if line.strip()])
    found = platform if platform in ("ios", "nxos") else detect_platform(roots, header)
    result.update(running_config_facts(roots, found))
    result["version"] = next((match.group("version") for match in (_VERSION.match(node.text) for node in roots if node.text[:1] in "vV")
                              if match), None)
    result["header"] = header
    result["lines_total"] = _count_lines(roots)
    result["warnings"].extend("the device printed an error: %s" % error for error in errors)
    return result


def _count_lines(roots):
    """Number of lines in the tree (the top-level lines and every line below them)."""
    count, stack = 0, list(roots)
    while stack:
        count += 1
        stack.extend(stack.pop().children)
    return count


def running_config_facts(roots, platform):
    """Every normalised part of docs/facts.md from the configuration tree."""
    # Each part reads only the top-level lines starting with its own first words (after an optional 'no'):
    # it is given those lines alone, in their order.
    first_words = [((node.lowered or [""])[0], node) for node in roots]

    def starting_with(*words):
        return [node for first, node in first_words if first in words]

    hostname = None
    for node in starting_with("hostname", "switchname"):
        words = node.words
        if len(words) == 2:
            hostname = words[1]
    vrf_contexts, vrfs = vrf_facts(starting_with("vrf", "ip"))
    trustpoints, chains = pki_facts(starting_with("crypto"))
    client, server = http_facts(starting_with("ip", "no"))
    facts = {
        "platform": platform,
        "hostname": hostname,
        "ntp": ntp_facts(starting_with("ntp")),
        "dns": dns_facts(starting_with("ip", "ipv6", "no"), platform),
        "vrf_contexts": vrf_contexts,
        "vrfs": vrfs,
        "pki_trustpoints": trustpoints,
        "pki_certificate_chains": chains,
        "http_client": client,
        "ip_http": server,
        "license_smart": license_smart_facts(starting_with("license", "no")),
        "call_home": call_home_facts(starting_with("service", "no", "call-home", "callhome"), platform),
    }
    # Which parts the configuration holds lines of ('show run interface X' holds none).
    facts["parts_configured"] = [name for name in ("hostname", "ntp", "dns", "vrf_contexts", "pki_trustpoints", "http_client", "ip_http",
                                                   "license_smart", "call_home")
                                 if (facts[name] if name in ("hostname", "vrf_contexts", "pki_trustpoints") else facts[name]["lines"])]
    return facts
