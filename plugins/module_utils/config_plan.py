# -*- coding: utf-8 -*-
# Copyright: contributors to smartlic.slp
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The configuration lines a remediation role still has to send.

``missing_config(role, platform, config, settings)`` compares the parsed
``show running-config`` (docs/facts.md) with what the role is asked to set
and returns only what is missing, in the order a device accepts it:

``{"blocks": [{"parents": [...], "lines": [...]}], "commands": [flat lines as sent],
"text": indented configuration, "checks": [what was compared], "not_sent": [{"line", "why"}]}``

A line the device's release does not have (the ``since`` of its entry in module_utils/commands.py, judged from the
``version`` line of the running-config) is never sent: it is listed in
``not_sent`` with what to do instead, and in ``warnings``.

The same function tells a role what to send and, run again on the re-read
configuration, whether the fix took. Comparing parsed values (not raw lines)
keeps the roles idempotent where the device prints a setting differently from
how it is typed (several name servers on one line, defaults that are not shown).
Pure Python, no Ansible imports, never raises on odd input.
"""

from __future__ import annotations

import re

from ansible_collections.smartlic.slp.plugins.module_utils import commands as table
from ansible_collections.smartlic.slp.plugins.module_utils.parsers.registry import normalize_platform
from ansible_collections.smartlic.slp.plugins.module_utils.rules.base import as_dict, as_list, text

# The values the seeds name live in the command table (module_utils/commands.py); kept here under their old names.
SMART_URL = table.SMART_URL
CSLU_URL = table.CSLU_URL
CALLHOME_URL = table.CALLHOME_URL
CALLHOME_PROFILE = table.CALLHOME_PROFILE["ios"]
SLA_TRUSTPOINT = table.SLA_TRUSTPOINT
TRANSPORTS = ("smart", "cslu", "callhome", "off")

_INDENT = {"ios": 1, "nxos": 2}
_URL = re.compile(r"^(?P<scheme>https?)://(?P<host>\[[^\]]+\]|[^/:]+)(?::(?P<port>\d+))?(?P<path>/[^?#]*)?$", re.IGNORECASE)
_IPV4 = re.compile(r"^\d{1,3}(?:\.\d{1,3}){3}$")


def _same(left, right):
    return text(left).lower() == text(right).lower()


class _Plan:
    def __init__(self, platform, nested_first=False, release=None):
        self.platform = platform
        self.nested_first = nested_first
        self.release = release
        self.blocks = []
        self.checks = []
        self.not_sent = []

    def line(self, key, **values):
        """The line of table entry ``key`` on this platform."""
        return table.render(self.platform, key, **values)

    def lacks(self, key):
        """Why this device's release has no line ``key`` (the table's ``since``), or None when it has it or the release is unknown."""
        return table.missing_on(self.platform, key, self.release)

    def need(self, line, parents=(), why=""):
        parents = list(parents)
        for block in self.blocks:
            if block["parents"] == parents:
                if line not in block["lines"]:
                    block["lines"].append(line)
                break
        else:
            self.blocks.append({"parents": parents, "lines": [line]})
        self.checks.append({"line": line, "parents": parents, "missing": True, "why": why})

    def ok(self, line, parents=(), why=""):
        self.checks.append({"line": line, "parents": list(parents), "missing": False, "why": why})

    def want(self, present, key, values=None, parents=(), why=""):
        """Ask for the line of table entry ``key`` unless ``present``; a line the release lacks goes to not_sent."""
        line = self.line(key, **(values or {}))
        missing_reason = None if present else self.lacks(key)
        if missing_reason:
            self.not_sent.append({"line": line, "why": missing_reason})
            self.checks.append({"line": line, "parents": list(parents), "missing": True, "why": why, "not_sent": missing_reason})
            return
        (self.ok if present else self.need)(line, parents, why)

    def result(self):
        # Global lines first (or nested blocks first when a global line refers to them), each
        # nested block closed with "exit" when more follows, so no global line is typed inside a sub-mode.
        flat = [block for block in self.blocks if not block["parents"]]
        nested = [block for block in self.blocks if block["parents"]]
        ordered = nested + flat if self.nested_first else flat + nested
        indent = " " * _INDENT[self.platform]
        commands, typed = [], []
        for index, block in enumerate(ordered):
            for depth, parent in enumerate(block["parents"]):
                commands.append(parent)
                typed.append(indent * depth + parent)
            for line in block["lines"]:
                commands.append(line)
                typed.append(indent * len(block["parents"]) + line)
            if block["parents"] and index < len(ordered) - 1:
                commands.extend(["exit"] * len(block["parents"]))
                typed.extend(indent * depth + "exit" for depth in reversed(range(len(block["parents"]))))
        warnings = ["not sent: %s (%s)" % (item["line"], item["why"]) for item in self.not_sent]
        return {"blocks": ordered, "commands": commands, "text": "\n".join(typed) + ("\n" if typed else ""), "checks": self.checks,
                "missing": bool(commands), "not_sent": self.not_sent, "warnings": warnings, "problems": []}


# --- dns ---------------------------------------------------------------------------------------------


def _plan_dns(plan, config, settings):
    dns = as_dict(config.get("dns"))
    vrf = text(settings.get("vrf"))
    domain = text(settings.get("domain_name"))
    servers = [text(server) for server in as_list(settings.get("name_servers")) if text(server)]
    hosts = as_dict(settings.get("hosts"))
    nxos = plan.platform == "nxos"
    if settings.get("lookup", True) and dns.get("lookup_enabled") is False:
        plan.want(False, "ip_domain_lookup", why="name lookup is disabled")
    licensing_vrf = vrf if vrf.lower() != "default" else ""
    # IOS XE: the domain name and the name servers of the licensing VRF ("ip domain name vrf V D", "ip name-server vrf V X");
    # NX-OS: the global lines ("ip name-server X use-vrf V") and the same inside "vrf context V" (seed 001 lines 54-59).
    if domain:
        if nxos or not licensing_vrf:
            present = _same(dns.get("domain_name"), domain)
        else:
            present = any(_same(name, licensing_vrf) and _same(value, domain) for name, value in as_dict(dns.get("vrf_domain_names")).items())
        plan.want(present, "ip_domain_name", {"name": domain, "vrf": "" if nxos else licensing_vrf}, why="domain name")
    configured = [(text(entry.get("address")), text(entry.get("vrf"))) for entry in as_list(dns.get("name_servers")) if isinstance(entry, dict)]
    for server in servers:
        present = any(address == server and _same(server_vrf, licensing_vrf) for address, server_vrf in configured)
        plan.want(present, "ip_name_server", {"address": server, "vrf": licensing_vrf}, why="name server")
    for name, address in hosts.items():
        address = text(address)
        if not address:
            continue
        known = [text(item) for item in as_list(as_dict(dns.get("hosts")).get(name))]
        plan.want(address in known, "ip_host", {"name": name, "address": address}, why="static host entry")
    if nxos and licensing_vrf and (domain or servers):
        context = as_dict(as_dict(config.get("vrf_contexts")).get(licensing_vrf))
        parents = [plan.line("vrf_context", vrf=licensing_vrf)]
        if domain:
            plan.want(_same(context.get("domain_name"), domain), "vrf_ip_domain_name", {"name": domain}, parents,
                      why="domain name in the licensing VRF")
        known = [text(item) for item in as_list(context.get("name_servers"))]
        for server in servers:
            plan.want(server in known, "vrf_ip_name_server", {"address": server}, parents, why="name server in the licensing VRF")


# --- transport -----------------------------------------------------------------------------------------


def transport_url(settings):
    """The URL the transport type needs: the one given, else the type's default."""
    kind = text(settings.get("type")).lower()
    url = text(settings.get("url"))
    if kind == "smart":
        return url or SMART_URL
    if kind == "cslu":
        return url or CSLU_URL
    if kind == "callhome":
        return url or CALLHOME_URL
    return ""


def url_problems(kind, url, platform):
    """Why ``url`` cannot work for transport ``kind`` (empty list when it looks right)."""
    kind = text(kind).lower()
    url = text(url)
    if kind not in ("smart", "cslu", "callhome") or not url:
        return []
    match = _URL.match(url)
    if not match:
        return ["'%s' is not an http(s) URL" % url]
    problems = []
    path = (match.group("path") or "").rstrip("/")
    if kind == "cslu":
        parts = path.split("/")
        if not path.startswith("/cslu/v1/pi") or len(parts) > 5 or (len(parts) == 5 and parts[3] != "pi"):
            problems.append("a CSLU URL ends in /cslu/v1/pi (CSLU) or /cslu/v1/pi/<tenant> (SSM On-Prem), not '%s'" % (path or "/"))
        tenant = len(parts) == 5 and bool(parts[4])
        if not tenant and match.group("scheme").lower() == "http" and match.group("port") not in ("8182",):
            problems.append("CSLU listens on port 8182 (http://<cslu>:8182/cslu/v1/pi)")
        if tenant and (normalize_platform(platform) or "ios") == "nxos" and _IPV4.match(match.group("host")):
            problems.append("on NX-OS the SSM On-Prem URL must use a fully qualified domain name, not an IP address")
    if kind == "smart" and path != "/licservice/license":
        problems.append("the smart transport URL is %s" % SMART_URL)
    return problems


def _callhome_profile(call_home, name):
    for key in ("profiles", "destination_profiles"):
        profiles = as_dict(call_home.get(key))
        for profile_name, profile in profiles.items():
            if _same(profile_name, name):
                return as_dict(profile)
    return {}


def _plan_transport(plan, config, settings):
    smart = as_dict(config.get("license_smart"))
    kind = text(settings.get("type")).lower()
    vrf = text(settings.get("vrf"))
    url = transport_url(settings)
    nxos = plan.platform == "nxos"
    if kind in TRANSPORTS:
        plan.want(_same(smart.get("transport"), kind), "license_smart_transport", {"type": kind}, why="transport type")
    if kind == "smart":
        default_ok = url == SMART_URL and smart.get("url_default") is True
        plan.want(_same(smart.get("url_smart"), url) or default_ok, "license_smart_url_smart", {"url": url}, why="smart URL")
    elif kind == "cslu":
        plan.want(_same(smart.get("url_cslu"), url), "license_smart_url_cslu", {"url": url}, why="CSLU / SSM On-Prem URL")
    # Call home carries its own VRF (NX-OS "transport http use-vrf" in the callhome block).
    if vrf and kind not in ("off", "callhome"):
        plan.want(_same(smart.get("vrf"), vrf), "license_smart_vrf", {"vrf": vrf}, why="licensing VRF")
    source = text(settings.get("source_interface"))
    if source and not nxos:
        http_client = as_dict(config.get("http_client"))
        plan.want(_same(http_client.get("source_interface"), source), "ip_http_client_source_interface", {"interface": source},
                  why="HTTP client source interface")
    if kind == "callhome":
        _plan_callhome(plan, as_dict(config.get("call_home")), settings, url, vrf)


def _plan_callhome(plan, call_home, settings, url, vrf):
    name = text(settings.get("callhome_profile")) or CALLHOME_PROFILE
    profile = _callhome_profile(call_home, name)
    addresses = [text(item) for item in as_list(profile.get("http_addresses"))]
    if plan.platform == "nxos":
        parents = [plan.line("callhome")]
        plan.want(_same(profile.get("transport_method"), "http"), "callhome_transport_http", {"profile": name}, parents,
                  why="profile transport method")
        plan.want(url in addresses, "callhome_address_http", {"profile": name, "url": url}, parents, why="profile destination URL")
        if vrf:
            plan.want(_same(call_home.get("http_use_vrf") or call_home.get("vrf"), vrf), "callhome_use_vrf", {"vrf": vrf}, parents,
                      why="call-home HTTP VRF")
        plan.want(call_home.get("enabled") is True, "callhome_enable", parents=parents, why="call-home enabled")
        return
    if call_home.get("enabled") is False:
        plan.want(False, "service_call_home", why="call-home service is disabled")
    parents = [plan.line("call_home"), plan.line("call_home_profile", name=name)]
    plan.want(profile.get("active") is True, "call_home_active", parents=parents, why="profile %s active" % name)
    plan.want(_same(profile.get("transport_method"), "http"), "call_home_transport_http", parents=parents, why="profile transport method")
    # The destination URL the running-config holds for the profile (IOS XE: 'destination address http URL').
    plan.want(any(_same(address.rstrip("/"), url.rstrip("/")) for address in addresses), "call_home_address_http", {"url": url}, parents,
              why="profile destination URL")


# --- trustpoint ----------------------------------------------------------------------------------------


def _plan_trustpoint(plan, config, settings):
    name = text(settings.get("name")) or SLA_TRUSTPOINT
    trustpoints = as_dict(config.get("pki_trustpoints"))
    trustpoint = {}
    for key, value in trustpoints.items():
        if _same(key, name):
            trustpoint = as_dict(value)
    parents = [plan.line("crypto_pki_trustpoint", name=name)]
    plan.want(_same(trustpoint.get("enrollment"), "terminal"), "trustpoint_enrollment_terminal", parents=parents, why="trustpoint enrollment")
    plan.want(_same(trustpoint.get("revocation_check"), "none"), "trustpoint_revocation_check_none", parents=parents,
              why="trustpoint revocation check")
    if settings.get("http_client", True):
        secure = [text(item).lower() for item in as_list(as_dict(config.get("http_client")).get("secure_trustpoints"))]
        plan.want(name.lower() in secure, "ip_http_client_secure_trustpoint", {"name": name}, why="HTTPS client trustpoint")


# The trustpoint must exist before the HTTP client refers to it: its block goes first.
_PLANNERS = {"dns": (_plan_dns, False), "transport": (_plan_transport, False), "trustpoint": (_plan_trustpoint, True)}


def missing_config(role, platform, config, settings):
    """What ``role`` still has to configure; see the module docstring for the shape."""
    role = text(role).lower()
    planner, nested_first = _PLANNERS.get(role, (None, False))
    plan = _Plan((normalize_platform(platform) or "ios"), nested_first, text(as_dict(config).get("version")) or None)
    if planner is None:
        result = plan.result()
        result["warnings"].append("no configuration planner for role '%s'" % role)
        return result
    try:
        planner(plan, as_dict(config), as_dict(settings))
    except Exception as error:  # pylint: disable=broad-except
        plan.blocks = []
        result = plan.result()
        result["warnings"].append("planner '%s' failed: %s" % (role, error))
        return result
    result = plan.result()
    settings = as_dict(settings)
    # Settings that cannot work whatever the device holds (a CSLU URL on the wrong port, ...).
    result["problems"] = url_problems(settings.get("type"), transport_url(settings), plan.platform) if role == "transport" else []
    return result
