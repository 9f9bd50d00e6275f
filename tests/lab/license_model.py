"""Smart Licensing Using Policy model of one simulated device (lab).

The model owns everything licensing-related a device shows: the clock and
NTP state, name resolution and ping, communication with CSSM / CSLU / SSM
On-Prem / call-home, the trust code, usage reporting (ACKs, RUM reports),
the syslog buffer and a few files on flash. It reads the device's running
configuration (the engine's ``ConfigTree``) and nothing else, so fixing the
configuration fixes the symptoms, as on a real device.

A scenario (parsed YAML, see tests/lab/README.md "Scenario keys (license
model)") gives the platform, the faults (finding ids) and the world around
the device (NTP and DNS servers that answer, CSLU / On-Prem hosts, whether
the internet is reachable). ``initial_config()`` is the healthy baseline of
the scenario's topology with the faults applied; the initial license state
and syslog history show the same faults.

Times: the device clock is ``now()`` plus a skew. NTP synchronisation sets
the skew to zero. Every stored date is device time (naive, UTC).

Timing (scenario keys, seconds, see ``DEFAULT_DELAYS``): nothing a device
asks of CSSM or an NTP server arrives at once. After ``license smart sync``
the report is pushed at once and the ACK arrives ``ack_delay_seconds`` later;
after ``license smart trust idtoken`` CSSM's answer (trust code installed or
TRUST_CODE_INSTALL_FAILED) arrives ``trust_install_seconds`` later; after an
answering ``ntp server`` the clock synchronises ``ntp_sync_seconds`` later.
In between the outputs show what a real device shows: no new ACK (``Last report
push`` moved, ``Last ACK received`` not), no trust code yet, the peer heard but
not selected and the clock not authoritative. Tests scale these down.
"""

from __future__ import annotations

import copy
import hashlib
import re
from datetime import datetime, timedelta, timezone

from . import outputs_ios, outputs_nxos, pki

CSSM_URL = "https://smartreceiver.cisco.com/licservice/license"
CALLHOME_URL = "https://tools.cisco.com/its/service/oddce/services/DDCEService"
CSLU_PATH = "/cslu/v1/pi"
CSLU_PORT = 8182
DEFAULT_CSLU_URL = "http://cslu-local:8182/cslu/v1/pi"
SLA_TRUSTPOINT = "SLA-TrustPoint"
CALLHOME_PROFILE_IOS = "CiscoTAC-1"

PEER_CSSM = "Cisco Smart Software Manager (CSSM)"
PEER_CSLU = "Cisco Smart License Utility (CSLU)"

# Scenario topologies: where the device sends (or does not send) its reports. The ``_pull`` forms are CSLU- and SSM
# On-Prem-initiated (the server collects the reports: the device shows ACKs but never a report push of its own);
# ``controller`` is a device managed by Cisco DNA Center / Catalyst Center, which collects the reports (seed 000,
# REPORTING_REQUIRED: "the controller will send the RUM report at the scheduled time"). The device's transport under a
# controller is not given by the seeds: the lab sets it off (I).
TOPOLOGIES = ("direct_smart", "cslu", "cslu_pull", "onprem", "onprem_pull", "callhome", "offline", "controller")
PULL_TOPOLOGIES = {"cslu_pull": "cslu", "onprem_pull": "onprem"}

# Realistic delays, the default of every scenario (seconds of real time).
DEFAULT_DELAYS = {
    # "In direct connectivity mode, acknowledgment takes around 15 minutes to be updated on the switch" and "After the
    # sync is completed, wait for 15 minutes to receive acknowledgment" (Cisco NX-OS SLP troubleshooting, seed 001
    # lines 248 and 295; REFERENCES.md C5 "ACK timing").
    "ack_delay_seconds": 900.0,
    # No Cisco figure. The device sends the ID token to CSSM in one HTTPS exchange and installs the trust code (or logs
    # TRUST_CODE_INSTALL_FAILED) when the answer comes: we take one minute, longer than a quick re-read after the command.
    "trust_install_seconds": 60.0,
    # NTP polls a new server every 64 s at first (minpoll 6, RFC 5905) and selects it after a few good samples (four
    # to five polls): about five minutes before 'show clock' loses its '*' / '.' marker.
    "ntp_sync_seconds": 300.0,
}
# The rules' topology names (plugins/module_utils/rules/topology.py).
RULE_TOPOLOGY = {"direct_smart": "direct_smart", "cslu": "cslu_push", "onprem": "onprem", "callhome": "callhome", "offline": "offline",
                 "controller": "controller"}
TRANSPORT_OF = {"direct_smart": "smart", "cslu": "cslu", "onprem": "cslu", "callhome": "callhome", "offline": "off", "controller": "off"}


def rule_topology(settings):
    """The topology name the collection's rules use for this scenario (its smartlic_topology)."""
    topology = settings["topology"]
    if topology == "cslu":
        return "cslu_%s%s" % ("" if settings["cssm_connected"] else "disconnected_", "pull" if settings["pull"] else "push")
    if topology == "onprem":
        return "onprem_pull" if settings["pull"] else "onprem_push"
    return RULE_TOPOLOGY[topology]


# Finding ids the scenarios can inject (DESIGN.md), and where they make no sense.
FIXABLE_FAULTS = (
    "clock_not_synchronized", "dns_not_configured", "cslu_local_unresolved", "transport_type_mismatch", "transport_url_incorrect",
    "callhome_profile_inactive", "http_client_trustpoint_missing", "sla_trustpoint_missing", "trust_code_missing",
    "trust_code_already_installed", "report_ack_overdue", "sla_trustpoint_certificate_missing",
)
MANUAL_FAULTS = ("account_mismatch", "cssm_unreachable", "policy_removed", "onprem_down_rev", "authorization_udi_mismatch",
                 "cslu_http_server_inactive", "onprem_record_not_found")
IOS_ONLY_FAULTS = ("http_client_trustpoint_missing", "sla_trustpoint_missing", "authorization_udi_mismatch", "cslu_http_server_inactive",
                   "sla_trustpoint_certificate_missing")
# A fault that needs a topology picks it when the scenario names none.
FAULT_TOPOLOGY = {"cslu_local_unresolved": "cslu", "callhome_profile_inactive": "callhome", "onprem_down_rev": "onprem",
                  "sla_trustpoint_certificate_missing": "onprem",
                  "cslu_http_server_inactive": "cslu", "onprem_record_not_found": "onprem"}

# Error strings of COMM_FAILED; the first and the call-home one are printed by real devices (corpus syslog/real_lines.txt).
ERROR_DNS = "Unable to resolve server hostname/domain name"
ERROR_CALLHOME = "Fail to send out Call Home HTTP message."
ERROR_TIMEOUT = "Connection timed out"
ERROR_REFUSED = "Connection refused"
ERROR_404 = "HTTP 404 Not Found"
ERROR_SERVER_CERT = "Cannot establish secure connection because server TLS cert cannot be validated"
ERROR_CLIENT_CERT = "SSL handshake failure: client certificate not sent"
REASON_ALREADY = "Trust code already installed"
REASON_TIMESTAMP = "Timestamp mismatch"
REASON_ACCOUNT = "ID token is not valid for the Smart Account/Virtual Account of this product instance"
REASON_UDI = "UDI mismatch"

# Message texts exactly as the seeds print them ({name} = the seed's [chars]/[dec]).
TEMPLATES = {
    "AGENT_ENABLED": (6, "Smart Agent for Licensing is enabled"),
    "COMM_FAILED": (3, "Communications failure with the {peer} : {error}"),
    "COMM_RESTORED": (3, "Communications with the {peer} restored."),
    "POLICY_REMOVED": (3, "The licensing policy has been removed."),
    "POLICY_INSTALL_FAILED": (3, "The installation of a new licensing policy has failed: {reason}."),
    "POLICY_INSTALL_SUCCESS": (6, "A new licensing policy was successfully installed."),
    "TRUST_CODE_INSTALL_FAILED": (3, "The install of a new licensing trust code has failed on {udi}: {reason}."),
    "TRUST_CODE_INSTALL_SUCCESS": (6, "A new licensing trust code was successfully installed on {udi}."),
    "AUTHORIZATION_INSTALL_FAILED": (3, "The install of a new licensing authorization code has failed on {udi}: {reason}."),
    "AUTHORIZATION_INSTALL_SUCCESS": (6, "A new licensing authorization code was successfully installed on: {udi}."),
    "REPORTING_REQUIRED": (6, "A Usage report acknowledgement will be required in {days} days."),
    "REPORTING_NOT_SUPPORTED": (4, "The CSSM OnPrem that this product instance is connected to is down rev and does not support the enhanced "
                                   "policy and usage reporting mode."),
    # Seed 000 UTILITY_NO_ACK (IOS XE only: the NX-OS chapter has no utility messages).
    "UTILITY_NO_ACK": (4, "A Usage report acknowledgement has not been received in the last {days} days. An Acknowledgement is required every "
                          "30 days."),
}
IOS_ONLY_EVENTS = ("AGENT_ENABLED", "UTILITY_NO_ACK")

# Addresses of the simulated world (documentation ranges and the seeds' examples).
INTERNET_HOSTS = {
    "smartreceiver.cisco.com": "171.70.168.183",
    "tools.cisco.com": "173.37.145.8",
    "cisco.com": "72.163.4.185",
    "www.cisco.com": "72.163.4.185",
}
ACK_VALID_DAYS = 90
REPORT_INTERVAL_DAYS = 30
IPV4 = re.compile(r"^\d{1,3}(?:\.\d{1,3}){3}$")
URL = re.compile(r"^(?P<scheme>https?)://(?P<host>\[[^\]]+\]|[^/:]+)(?::(?P<port>\d+))?(?P<path>/[^?#]*)?", re.IGNORECASE)


# ----------------------------------------------------------------------------- helpers

_SHA1S = {}


def _lab_sha1(name):
    """SHA-1 of a lab CA certificate (tests/lab/certs/NAME.pem), read once."""
    if name not in _SHA1S:
        _SHA1S[name] = pki.sha1_of_pem(pki.lab_pem(name))
    return _SHA1S[name]


def utc_naive(moment):
    """A datetime as naive UTC."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(timezone.utc).replace(tzinfo=None)
    return moment


def iso(moment):
    """Device time → ISO text (state files); None stays None."""
    return moment.strftime("%Y-%m-%dT%H:%M:%S.%f") if moment else None


def from_iso(text):
    """ISO text (state files) → naive datetime; None stays None."""
    if not text:
        return None
    text = str(text).rstrip("Z")
    for pattern in ("%Y-%m-%dT%H:%M:%S.%f", "%Y-%m-%dT%H:%M:%S"):
        try:
            return datetime.strptime(text, pattern)
        except ValueError:
            continue
    return None


def default_serial(platform, hostname):
    """A stable serial number for a hostname (FCW… on IOS XE, FDO… on NX-OS); the engine's show version should use the same."""
    digest = hashlib.sha256(("%s/%s" % (platform, hostname)).encode()).hexdigest().upper()
    letters = "".join(char for char in digest if char.isalnum())
    return ("FDO" if platform == "nxos" else "FCW") + letters[:4] + "L" + letters[4:7]


def default_pid(platform):
    return "N9K-C93180YC-FX" if platform == "nxos" else "C9300-24UX"


def _norm_vrf(vrf):
    text = str(vrf or "").strip()
    return None if text.lower() in ("", "default", "none", "global") else text


def _stable_int(text, low, high):
    digest = int(hashlib.sha256(str(text).encode()).hexdigest()[:8], 16)
    return low + digest % (high - low + 1)


def parse_url(url):
    """{scheme, host, port (int), path} of a URL, or None."""
    match = URL.match(str(url or "").strip())
    if not match:
        return None
    scheme = match.group("scheme").lower()
    port = int(match.group("port")) if match.group("port") else (443 if scheme == "https" else 80)
    return {"scheme": scheme, "host": match.group("host").strip("[]"), "port": port, "path": (match.group("path") or "/").rstrip("/") or "/"}


def config_lines(config):
    """Running-config lines of a ConfigTree (to_lines, else render) or of a plain list."""
    if config is None:
        return []
    if isinstance(config, (list, tuple)):
        return list(config)
    to_lines = getattr(config, "to_lines", None)
    if callable(to_lines):
        return list(to_lines())
    return str(config.render()).splitlines()


class ConfigView:
    """Read-only nested view of running-config lines (blocks by indentation, any indent width)."""

    def __init__(self, lines):
        self.root = []
        stack = [(-1, self.root)]
        for raw in lines or []:
            raw = str(raw).rstrip()
            stripped = raw.strip()
            if not stripped or stripped.startswith("!") or stripped == "end":
                continue
            indent = len(raw) - len(raw.lstrip(" "))
            while stack[-1][0] >= indent:
                stack.pop()
            node = (" ".join(stripped.split()), [])
            stack[-1][1].append(node)
            stack.append((indent, node[1]))

    def top(self):
        return [text for text, _children in self.root]

    def block(self, *patterns):
        """Child lines of the block reached by matching each pattern (regex fullmatch, case-insensitive); None if absent."""
        nodes = self.root
        for pattern in patterns:
            regex = re.compile(pattern, re.IGNORECASE)
            found = next((node for node in nodes if regex.fullmatch(node[0])), None)
            if found is None:
                return None
            nodes = found[1]
        return [text for text, _children in nodes]

    def has(self, line):
        return line.lower() in (text.lower() for text in self.top())

    def match(self, pattern, lines=None):
        """re.match objects of the lines (top-level by default) matching a pattern."""
        regex = re.compile(pattern, re.IGNORECASE)
        found = []
        for text in self.top() if lines is None else lines:
            hit = regex.match(text)
            if hit:
                found.append(hit)
        return found


# ----------------------------------------------------------------------------- scenario

def scenario_settings(platform, hostname, scenario):
    """Every scenario key with its default filled in (README section "Scenario keys (license model)")."""
    scenario = dict(scenario or {})
    faults = [str(fault) for fault in scenario.get("faults") or []]
    topology = scenario.get("topology") or next((FAULT_TOPOLOGY[f] for f in faults if f in FAULT_TOPOLOGY), "direct_smart")
    if topology not in TOPOLOGIES:
        topology = "direct_smart"
    pull = topology in PULL_TOPOLOGIES or topology == "controller"
    topology = PULL_TOPOLOGIES.get(topology, topology)
    has_vrf_key = "vrf" in scenario
    vrf = _norm_vrf(scenario.get("vrf")) if has_vrf_key else ("management" if platform == "nxos" else None)
    clock_fault = "clock_not_synchronized" in faults
    settings = {
        "platform": platform,
        "hostname": hostname,
        "faults": faults,
        "topology": topology,
        # The server (CSLU, SSM On-Prem, the controller) collects the reports; the device never pushes one.
        "pull": pull,
        # CSLU logged into CSSM (false: "CSLU Disconnected from CSSM"; the ACK then needs the CSLU export / import by hand).
        "cssm_connected": bool(scenario.get("cssm_connected", True)),
        # Utility mode (IOS XE): 'Utility: Status: ENABLED', UTILITY_NO_ACK when the ACK is overdue.
        "utility": bool(scenario.get("utility", False)) and platform == "ios",
        "vrf": vrf,
        "ntp_servers": [str(item) for item in scenario.get("ntp_servers", ["192.0.2.123"]) or []],
        "name_servers": [str(item) for item in scenario.get("name_servers", ["192.0.2.53"]) or []],
        "domain_name": scenario.get("domain_name", "example.com"),
        "cslu_address": str(scenario.get("cslu_address", "192.0.2.50")),
        "onprem_host": str(scenario.get("onprem_host", "onprem.example.com")),
        "onprem_address": str(scenario.get("onprem_address", "192.0.2.60")),
        "tenant": str(scenario.get("tenant", "on-prem-default")),
        "transport_url": scenario.get("transport_url"),
        "internet": bool(scenario.get("internet", topology in ("direct_smart", "callhome") and "cssm_unreachable" not in faults)),
        "dns_knows_cslu_local": bool(scenario.get("dns_knows_cslu_local", False)),
        "dns_fault": scenario.get("dns_fault") or "no_server",
        "wrong_transport": scenario.get("wrong_transport"),
        "clock": scenario.get("clock"),
        "clock_skew_minutes": float(scenario.get("clock_skew_minutes", -150 if clock_fault else 0)),
        "ntp_sync_seconds": float(scenario.get("ntp_sync_seconds", DEFAULT_DELAYS["ntp_sync_seconds"])),
        "ack_delay_seconds": float(scenario.get("ack_delay_seconds", DEFAULT_DELAYS["ack_delay_seconds"])),
        "trust_install_seconds": float(scenario.get("trust_install_seconds", DEFAULT_DELAYS["trust_install_seconds"])),
        "retry_minutes": float(scenario.get("retry_minutes", 60)),
        "ack_deadline_days": float(scenario.get("ack_deadline_days", -5 if "report_ack_overdue" in faults else 60)),
        "trust_days_ago": float(scenario.get("trust_days_ago", 45)),
        "serial": str(scenario.get("serial") or default_serial(platform, hostname)),
        "pid": str(scenario.get("pid") or default_pid(platform)),
        "ha_members": scenario.get("ha_members") or [],
        "valid_tokens": [str(token) for token in scenario.get("valid_tokens") or []],
        "smart_account": scenario.get("smart_account", "Example Corp"),
        "virtual_account": scenario.get("virtual_account", "Lab"),
        "mgmt_address": str(scenario.get("mgmt_address", "192.0.2.%d" % _stable_int(hostname, 10, 250))),
        "gateway": str(scenario.get("gateway", "192.0.2.1")),
        # The layouts the device prints (README "Output variants"; outputs_ios.VARIANTS names each one's source).
        "output_variants": outputs_ios.output_variants(hostname, scenario.get("output_variants")),
        # IOS XE with SSM On-Prem: the CA certificate in SLA-TrustPoint (a PEM of tests/lab/certs), the one that
        # signed the On-Prem server's certificate; sla_ca: none or another CA for the fault
        # sla_trustpoint_certificate_missing.
        "onprem_ca": "onprem-ca",
        "sla_ca": scenario.get("sla_ca"),
    }
    if settings["transport_url"] is None:
        settings["transport_url"] = correct_url(settings)
    return settings


def correct_url(settings):
    """The URL the scenario's topology needs (None for the offline topology)."""
    topology = settings["topology"]
    if topology == "direct_smart":
        return CSSM_URL
    if topology == "cslu":
        return DEFAULT_CSLU_URL
    if topology == "onprem":
        return "https://%s%s/%s" % (settings["onprem_host"], CSLU_PATH, settings["tenant"])
    if topology == "callhome":
        return CALLHOME_URL
    return None


def _members(settings):
    """[{role, pid, sn}] active first, then the HA members of the scenario."""
    members = [{"role": "Active", "pid": settings["pid"], "sn": settings["serial"]}]
    for index, item in enumerate(settings["ha_members"]):
        if isinstance(item, dict):
            role = item.get("role") or ("Standby" if index == 0 else "Member")
            pid, serial = item.get("pid") or settings["pid"], item.get("sn") or item.get("serial")
        else:
            match = re.search(r"P(?:ID)?:\s*([^,\s]+),\s*S(?:N)?:\s*(\S+)", str(item))
            role = "Standby" if index == 0 else "Member"
            pid, serial = (match.group(1), match.group(2)) if match else (settings["pid"], str(item))
        members.append({"role": str(role).capitalize(), "pid": str(pid), "sn": str(serial)})
    return members


def udi_text(member):
    return "PID:%s,SN:%s" % (member["pid"], member["sn"])


# ----------------------------------------------------------------------------- baseline configuration

def baseline(settings):
    """Platform-neutral description of the scenario's configuration, faults applied."""
    platform, topology, vrf = settings["platform"], settings["topology"], settings["vrf"]
    cfg = {
        "lookup": True,
        "domain": settings["domain_name"],
        "name_servers": [(server, vrf) for server in settings["name_servers"]],
        "vrf_dns": {},
        "hosts": {},
        "ntp": [(server, vrf) for server in settings["ntp_servers"]],
        "sla_trustpoint": platform == "ios",
        "http_client_trustpoint": platform == "ios",
        "transport": TRANSPORT_OF[topology],
        "url_smart": None,
        "url_cslu": None,
        "license_vrf": vrf if topology not in ("offline", "controller") else None,
        "callhome": None,
        "ip_http_server": platform == "ios" and topology in ("cslu", "onprem"),
        "sla_ca": settings["sla_ca"] or (settings["onprem_ca"] if platform == "ios" and topology == "onprem" else None),
    }
    if platform == "nxos" and vrf:
        cfg["vrf_dns"][vrf] = {"domain": settings["domain_name"], "servers": list(settings["name_servers"])}
    url = settings["transport_url"]
    if topology == "direct_smart":
        cfg["url_smart"] = "default" if platform == "ios" and url == CSSM_URL else url
    elif topology in ("cslu", "onprem"):
        cfg["url_cslu"] = url
        if topology == "cslu":
            cfg["hosts"]["cslu-local"] = settings["cslu_address"]
    elif topology == "callhome":
        cfg["callhome"] = {"active": True, "method": "http", "url": url or CALLHOME_URL, "use_vrf": vrf, "enable": True}
        cfg["license_vrf"] = None
    _apply_faults(cfg, settings)
    return cfg


def _apply_faults(cfg, settings):
    platform, topology, vrf = settings["platform"], settings["topology"], settings["vrf"]
    faults = settings["faults"]
    if "clock_not_synchronized" in faults:
        cfg["ntp"] = []
    if "dns_not_configured" in faults:
        if settings["dns_fault"] == "lookup_disabled":
            cfg["lookup"] = False
        elif platform == "nxos" and vrf:
            # The classic NX-OS mistake: a name server for the default VRF only.
            cfg["name_servers"] = [(server, None) for server in settings["name_servers"]]
            cfg["vrf_dns"] = {}
        else:
            cfg["name_servers"] = []
            cfg["vrf_dns"] = {}
    if "cslu_local_unresolved" in faults:
        cfg["hosts"].pop("cslu-local", None)
    if "transport_type_mismatch" in faults:
        wrong = settings["wrong_transport"] or {"direct_smart": "off", "cslu": "smart", "onprem": "smart", "callhome": "off",
                                                "offline": "smart", "controller": "smart"}[topology]
        cfg["transport"] = wrong
        if wrong == "smart" and not cfg["url_smart"]:
            cfg["url_smart"] = "default" if platform == "ios" else CSSM_URL
        cfg["license_vrf"] = cfg["license_vrf"] or vrf
    if "transport_url_incorrect" in faults:
        if topology == "direct_smart":
            cfg["url_smart"] = CALLHOME_URL
        elif topology == "cslu":
            cfg["url_cslu"] = re.sub(r":8182/", ":8080/", settings["transport_url"]) if ":8182/" in settings["transport_url"] else (
                "http://cslu-local:8080/cslu/v1/pi")
        elif topology == "onprem":
            cfg["url_cslu"] = "https://%s%s" % (settings["onprem_host"], CSLU_PATH)
        elif topology == "callhome" and cfg["callhome"]:
            cfg["callhome"]["url"] = CALLHOME_URL.replace("https://", "http://")
    if "callhome_profile_inactive" in faults and cfg["callhome"]:
        if platform == "ios":
            cfg["callhome"]["active"] = False
        elif vrf:
            cfg["callhome"]["use_vrf"] = None
        else:
            cfg["callhome"]["enable"] = False
    if platform == "ios" and "http_client_trustpoint_missing" in faults:
        cfg["http_client_trustpoint"] = False
    if platform == "ios" and "sla_trustpoint_missing" in faults:
        cfg["sla_trustpoint"] = False
    if platform == "ios" and "sla_trustpoint_certificate_missing" in faults:
        cfg["sla_ca"] = settings["sla_ca"] if settings["sla_ca"] not in (None, "none", settings["onprem_ca"]) else None
    if platform == "ios" and "cslu_http_server_inactive" in faults:
        cfg["ip_http_server"] = False


def render_config(settings, cfg):
    """Running-config lines (1-space indent on IOS XE, 2 on NX-OS)."""
    if settings["platform"] == "nxos":
        return _render_nxos(settings, cfg)
    return _render_ios(settings, cfg)


def _render_ios(settings, cfg):
    lines = ["hostname %s" % settings["hostname"]]
    vrf = settings["vrf"]
    if vrf:
        lines += ["vrf definition %s" % vrf, " address-family ipv4", " exit-address-family"]
    if not cfg["lookup"]:
        lines.append("no ip domain lookup")
    if cfg["domain"]:
        lines.append("ip domain name %s" % cfg["domain"])
        # A device set up to resolve in its licensing VRF has that VRF's domain name too (C4; G11).
        for server_vrf in sorted({server_vrf for _server, server_vrf in cfg["name_servers"] if server_vrf}):
            lines.append("ip domain name vrf %s %s" % (server_vrf, cfg["domain"]))
    for name, address in cfg["hosts"].items():
        lines.append("ip host %s %s" % (name, address))
    for server, server_vrf in cfg["name_servers"]:
        lines.append("ip name-server %s%s" % ("vrf %s " % server_vrf if server_vrf else "", server))
    if cfg["sla_trustpoint"]:
        lines += ["crypto pki trustpoint %s" % SLA_TRUSTPOINT, " enrollment terminal", " revocation-check none"]
    if cfg["sla_trustpoint"] and cfg["sla_ca"] not in (None, "none"):
        chain, certificate, hex_lines = pki.chain_lines(SLA_TRUSTPOINT, pki.read_paste(pki.lab_pem(cfg["sla_ca"]).splitlines()))
        lines += [chain, " " + certificate] + ["  " + line for line in hex_lines] + ["  quit"]
    if cfg["url_smart"] == "default":
        lines.append("license smart url default")
    elif cfg["url_smart"]:
        lines.append("license smart url smart %s" % cfg["url_smart"])
    if cfg["url_cslu"]:
        lines.append("license smart url cslu %s" % cfg["url_cslu"])
    lines.append("license smart transport %s" % cfg["transport"])
    if cfg["license_vrf"]:
        lines.append("license smart vrf %s" % cfg["license_vrf"])
    lines.append("interface GigabitEthernet0/0")
    if vrf:
        lines.append(" vrf forwarding %s" % vrf)
    lines += [" ip address %s 255.255.255.0" % settings["mgmt_address"], " negotiation auto"]
    if cfg["ip_http_server"]:
        lines += ["ip http server", "ip http authentication local", "ip http secure-server"]
    if cfg["http_client_trustpoint"]:
        lines.append("ip http client secure-trustpoint %s" % SLA_TRUSTPOINT)
    if vrf:
        lines.append("ip route vrf %s 0.0.0.0 0.0.0.0 %s" % (vrf, settings["gateway"]))
    else:
        lines.append("ip route 0.0.0.0 0.0.0.0 %s" % settings["gateway"])
    callhome = cfg["callhome"]
    if callhome:
        lines += ["call-home", " contact-email-addr netops@example.com", ' profile "%s"' % CALLHOME_PROFILE_IOS,
                  "  active" if callhome["active"] else "  no active",
                  "  destination transport-method %s" % callhome["method"],
                  "  destination address http %s" % callhome["url"]]
    for index, (server, server_vrf) in enumerate(cfg["ntp"]):
        lines.append("ntp server %s%s%s" % ("vrf %s " % server_vrf if server_vrf else "", server, " prefer" if index == 0 else ""))
    return lines


def _render_nxos(settings, cfg):
    lines = ["hostname %s" % settings["hostname"]]
    vrf = settings["vrf"]
    if not cfg["lookup"]:
        lines.append("no ip domain-lookup")
    if cfg["domain"]:
        lines.append("ip domain-name %s" % cfg["domain"])
    for name, address in cfg["hosts"].items():
        lines.append("ip host %s %s" % (name, address))
    for server, server_vrf in cfg["name_servers"]:
        lines.append("ip name-server %s%s" % (server, " use-vrf %s" % server_vrf if server_vrf else ""))
    callhome = cfg["callhome"]
    if callhome:
        lines += ["callhome", "  email-contact netops@example.com", "  destination-profile xml transport-method %s" % callhome["method"],
                  "  destination-profile xml index 1 http %s" % callhome["url"]]
        if callhome["use_vrf"]:
            lines.append("  transport http use-vrf %s" % callhome["use_vrf"])
        if callhome["enable"]:
            lines.append("  enable")
    if vrf:
        lines.append("vrf context %s" % vrf)
        dns = cfg["vrf_dns"].get(vrf)
        if dns:
            if dns["domain"]:
                lines.append("  ip domain-name %s" % dns["domain"])
            for server in dns["servers"]:
                lines.append("  ip name-server %s" % server)
        lines.append("  ip route 0.0.0.0/0 %s" % settings["gateway"])
    lines += ["interface mgmt0"]
    if vrf:
        lines.append("  vrf member %s" % vrf)
    lines.append("  ip address %s/24" % settings["mgmt_address"])
    for index, (server, server_vrf) in enumerate(cfg["ntp"]):
        lines.append("ntp server %s%s%s" % (server, " prefer" if index == 0 else "", " use-vrf %s" % server_vrf if server_vrf else ""))
    lines.append("license smart transport %s" % cfg["transport"])
    if cfg["url_smart"]:
        lines.append("license smart url smart %s" % (CSSM_URL if cfg["url_smart"] == "default" else cfg["url_smart"]))
    if cfg["url_cslu"]:
        lines.append("license smart url cslu %s" % cfg["url_cslu"])
    if cfg["license_vrf"]:
        lines.append("license smart vrf %s" % cfg["license_vrf"])
    return lines


# ----------------------------------------------------------------------------- the network around the device

class Network:
    """Name resolution, reachability and licensing communication, read from one running-config."""

    def __init__(self, settings, view):
        self.settings = settings
        self.view = view
        self.platform = settings["platform"]

    # --- DNS
    def lookup_enabled(self):
        top = [line.lower() for line in self.view.top()]
        positive = "ip domain lookup" in top or "ip domain-lookup" in top
        negative = "no ip domain lookup" in top or "no ip domain-lookup" in top
        return positive or not negative

    def domain_name(self, vrf=None):
        vrf = _norm_vrf(vrf)
        if self.platform == "nxos" and vrf:
            lines = self.view.block(r"vrf context %s" % re.escape(vrf)) or []
            for hit in self.view.match(r"^ip domain-name\s+(\S+)$", lines):
                return hit.group(1)
        for hit in self.view.match(r"^ip domain[- ]name(?:\s+vrf\s+\S+)?\s+(\S+)$"):
            return hit.group(1)
        return None

    def name_servers(self, vrf=None):
        """Name servers configured for a VRF (None: the default VRF)."""
        vrf = _norm_vrf(vrf)
        servers = []
        if self.platform == "nxos":
            for hit in self.view.match(r"^ip name-server\s+(?P<addresses>.+?)(?:\s+use-vrf\s+(?P<vrf>\S+))?$"):
                if _norm_vrf(hit.group("vrf")) == vrf:
                    servers += hit.group("addresses").split()
            if vrf:
                lines = self.view.block(r"vrf context %s" % re.escape(vrf)) or []
                for hit in self.view.match(r"^ip name-server\s+(?P<addresses>.+?)(?:\s+use-vrf\s+\S+)?$", lines):
                    servers += hit.group("addresses").split()
        else:
            for hit in self.view.match(r"^ip name-server(?:\s+vrf\s+(?P<vrf>\S+))?\s+(?P<addresses>.+)$"):
                if _norm_vrf(hit.group("vrf")) == vrf:
                    servers += hit.group("addresses").split()
        return servers

    def static_hosts(self):
        hosts = {}
        for hit in self.view.match(r"^ip host(?:\s+vrf\s+\S+)?\s+(?P<name>\S+)\s+(?:\d+\s+)?(?P<address>\S+)"):
            hosts.setdefault(hit.group("name").lower(), hit.group("address"))
        return hosts

    def world_names(self):
        settings = self.settings
        names = dict(INTERNET_HOSTS)
        names[settings["onprem_host"].lower()] = settings["onprem_address"]
        if settings["dns_knows_cslu_local"]:
            names["cslu-local"] = settings["cslu_address"]
            if settings["domain_name"]:
                names["cslu-local.%s" % settings["domain_name"].lower()] = settings["cslu_address"]
        return names

    def resolve(self, name, vrf=None):
        """Address of a name in a VRF, or None when it does not resolve."""
        name = str(name or "").strip().lower()
        if IPV4.match(name):
            return name
        hosts = self.static_hosts()
        if name in hosts:
            return hosts[name]
        if not self.lookup_enabled():
            return None
        working = [server for server in self.name_servers(vrf) if server in self.settings["name_servers"]]
        if not working or not self.reachable(working[0], vrf):
            return None
        names = self.world_names()
        candidates = [name]
        domain = self.domain_name(vrf)
        if "." not in name and domain:
            candidates.append("%s.%s" % (name, domain.lower()))
        for candidate in candidates:
            if candidate in names:
                return names[candidate]
        return None

    # --- routing
    def world_vrf(self):
        return _norm_vrf(self.settings["vrf"])

    def local_hosts(self):
        settings = self.settings
        hosts = set(settings["ntp_servers"]) | set(settings["name_servers"]) | {settings["gateway"]}
        if settings["topology"] == "cslu":
            hosts.add(settings["cslu_address"])
        if settings["topology"] == "onprem":
            hosts.add(settings["onprem_address"])
        return hosts

    def reachable(self, address, vrf=None):
        if _norm_vrf(vrf) != self.world_vrf():
            return False
        if address in self.local_hosts():
            return True
        return self.settings["internet"] and address in INTERNET_HOSTS.values()

    # --- NTP
    def ntp_servers(self):
        """[(address, vrf)] of the configured NTP servers."""
        servers = []
        if self.platform == "nxos":
            for hit in self.view.match(r"^ntp server\s+(?P<address>\S+)(?P<rest>.*)$"):
                use_vrf = re.search(r"use-vrf\s+(\S+)", hit.group("rest"))
                servers.append((hit.group("address"), _norm_vrf(use_vrf.group(1)) if use_vrf else None))
        else:
            for hit in self.view.match(r"^ntp server(?:\s+vrf\s+(?P<vrf>\S+))?\s+(?P<address>\S+)"):
                servers.append((hit.group("address"), _norm_vrf(hit.group("vrf"))))
        return servers

    def ntp_answers(self, address, vrf):
        return address in self.settings["ntp_servers"] and self.reachable(address, vrf)

    # --- licensing configuration
    def transport(self):
        hits = self.view.match(r"^license smart transport\s+(smart|cslu|callhome|off)\b")
        return hits[-1].group(1).lower() if hits else "cslu"

    def smart_url(self):
        """Configured smart URL: the URL, 'default' for 'license smart url default', None when not set."""
        url = None
        for hit in self.view.match(r"^license smart url\s+(?:smart\s+(?P<url>\S+)|(?P<default>default))$"):
            url = hit.group("url") or "default"
        return url

    def cslu_url(self):
        hits = self.view.match(r"^license smart url cslu\s+(\S+)$")
        return hits[-1].group(1) if hits else None

    def license_vrf(self):
        hits = self.view.match(r"^license smart vrf\s+(\S+)$")
        return _norm_vrf(hits[-1].group(1)) if hits else None

    def sla_trustpoint(self):
        """None when missing, else {'enrollment_terminal': bool, 'revocation_none': bool}."""
        children = self.view.block(r"crypto pki trustpoint %s" % re.escape(SLA_TRUSTPOINT))
        if children is None:
            return None
        lower = [line.lower() for line in children]
        return {"enrollment_terminal": "enrollment terminal" in lower, "revocation_none": "revocation-check none" in lower}

    def sla_ca_sha1s(self):
        """SHA-1 of every CA certificate in the chain of SLA-TrustPoint (lower-case hex)."""
        name = ("crypto pki certificate chain %s" % SLA_TRUSTPOINT).lower()
        chain = next((children for text, children in self.view.root if text.lower() == name), [])
        return pki.chain_sha1s((text, [child for child, _grand in grand_children]) for text, grand_children in chain)

    def http_client_trustpoint(self):
        hits = self.view.match(r"^ip http client secure-trustpoint\s+(\S+)$")
        return hits[-1].group(1) if hits else None

    def http_client_source(self):
        hits = self.view.match(r"^ip http client source-interface\s+(\S+)$")
        return hits[-1].group(1) if hits else None

    def http_server(self):
        top = [line.lower() for line in self.view.top()]
        return "ip http server" in top or "ip http secure-server" in top

    def callhome_ios(self):
        """CiscoTAC-1 as configured (defaults when the block or profile is absent)."""
        enabled = not self.view.has("no service call-home")
        profile = {"name": CALLHOME_PROFILE_IOS, "active": True, "method": "http", "urls": [CALLHOME_URL], "emails": []}
        children = self.view.block(r"call-home", r'profile\s+"?%s"?' % re.escape(CALLHOME_PROFILE_IOS))
        if children is not None:
            lower = [line.lower() for line in children]
            profile["active"] = "no active" not in lower or "active" in lower
            methods = [line.split()[-1] for line in lower if line.startswith("destination transport-method ")]
            profile["method"] = methods[-1] if methods else "http"
            urls = [line.split()[-1] for line in children if re.match(r"^destination address http\s+\S+$", line, re.IGNORECASE)]
            profile["urls"] = urls or [CALLHOME_URL]
            profile["emails"] = [line.split()[-1] for line in children if re.match(r"^destination address email\s+\S+$", line, re.IGNORECASE)]
        return enabled, profile

    def callhome_nxos(self):
        children = self.view.block(r"callhome")
        if children is None:
            return None
        info = {"enable": False, "profiles": {}, "use_vrf": None}
        for line in children:
            lower = line.lower()
            if lower == "enable":
                info["enable"] = True
            hit = re.match(r"^destination-profile\s+(\S+)\s+transport-method\s+(\S+)$", line, re.IGNORECASE)
            if hit:
                info["profiles"].setdefault(hit.group(1), {"method": None, "urls": []})["method"] = hit.group(2).lower()
            hit = re.match(r"^destination-profile\s+(\S+)\s+index\s+\d+\s+http\s+(\S+)$", line, re.IGNORECASE)
            if hit:
                info["profiles"].setdefault(hit.group(1), {"method": None, "urls": []})["urls"].append(hit.group(2))
            hit = re.match(r"^transport http use-vrf\s+(\S+)$", line, re.IGNORECASE)
            if hit:
                info["use_vrf"] = _norm_vrf(hit.group(1))
        return info

    # --- communication
    def communicate(self):
        """(status, peer, error): status 'ok', 'failed' or 'off' (transport off: no attempt)."""
        kind = self.transport()
        if kind == "off":
            return "off", None, None
        if kind == "smart":
            return self._smart()
        if kind == "cslu":
            return self._cslu()
        return self._callhome()

    def _reach(self, host, vrf):
        address = self.resolve(host, vrf)
        if address is None:
            return None, ERROR_DNS
        if not self.reachable(address, vrf):
            return None, ERROR_TIMEOUT
        return address, None

    def _smart(self):
        configured = self.smart_url()
        url = CSSM_URL if configured in (None, "default") else configured
        parsed = parse_url(url)
        if parsed is None:
            return "failed", PEER_CSSM, ERROR_DNS
        _address, error = self._reach(parsed["host"], self.license_vrf())
        if error:
            return "failed", PEER_CSSM, error
        # The TLS handshake comes before the HTTP request: a certificate problem shows whatever the path.
        if self.platform == "ios":
            if self.sla_trustpoint() is None:
                return "failed", PEER_CSSM, ERROR_SERVER_CERT
            if (self.http_client_trustpoint() or "").lower() != SLA_TRUSTPOINT.lower():
                return "failed", PEER_CSSM, ERROR_CLIENT_CERT
        if url.rstrip("/").lower() != CSSM_URL:
            return "failed", PEER_CSSM, ERROR_404
        return "ok", PEER_CSSM, None

    def _cslu(self):
        url = self.cslu_url() or DEFAULT_CSLU_URL
        parsed = parse_url(url)
        if parsed is None:
            return "failed", PEER_CSLU, ERROR_DNS
        address, error = self._reach(parsed["host"], self.license_vrf())
        if error:
            return "failed", PEER_CSLU, error
        settings = self.settings
        if settings["topology"] == "cslu" and address == settings["cslu_address"]:
            if parsed["scheme"] != "http" or parsed["port"] != CSLU_PORT:
                return "failed", PEER_CSLU, ERROR_REFUSED
            if parsed["path"].lower() != CSLU_PATH:
                return "failed", PEER_CSLU, ERROR_404
            return "ok", PEER_CSLU, None
        if settings["topology"] == "onprem" and address == settings["onprem_address"]:
            if parsed["scheme"] != "https" or parsed["port"] != 443:
                return "failed", PEER_CSLU, ERROR_REFUSED
            if self.platform == "nxos" and IPV4.match(parsed["host"]):
                return "failed", PEER_CSLU, ERROR_SERVER_CERT
            if self.platform == "ios":
                trustpoint = self.sla_trustpoint()
                if not trustpoint or not (trustpoint["enrollment_terminal"] and trustpoint["revocation_none"]):
                    return "failed", PEER_CSLU, ERROR_SERVER_CERT
                # The trustpoint must hold the CA that signed the On-Prem server's certificate (seed 000: "the
                # necessary certificates are accepted").
                if _lab_sha1(settings["onprem_ca"]) not in self.sla_ca_sha1s():
                    return "failed", PEER_CSLU, ERROR_SERVER_CERT
            if parsed["path"] != "%s/%s" % (CSLU_PATH, settings["tenant"]):
                return "failed", PEER_CSLU, ERROR_404
            return "ok", PEER_CSLU, None
        return "failed", PEER_CSLU, ERROR_404 if address in INTERNET_HOSTS.values() else ERROR_REFUSED

    def _callhome(self):
        if self.platform == "ios":
            enabled, profile = self.callhome_ios()
            if not enabled or not profile["active"] or profile["method"] != "http" or CALLHOME_URL not in profile["urls"]:
                return "failed", PEER_CSSM, ERROR_CALLHOME
            vrf = self.license_vrf()
        else:
            info = self.callhome_nxos()
            if not info or not info["enable"]:
                return "failed", PEER_CSSM, ERROR_CALLHOME
            good = [name for name, profile in info["profiles"].items() if profile["method"] == "http" and CALLHOME_URL in profile["urls"]]
            if not good:
                return "failed", PEER_CSSM, ERROR_CALLHOME
            vrf = info["use_vrf"]
            if vrf != self.world_vrf():
                return "failed", PEER_CSSM, ERROR_CALLHOME
        _address, error = self._reach(parse_url(CALLHOME_URL)["host"], vrf)
        if error:
            return "failed", PEER_CSSM, error
        return "ok", PEER_CSSM, None


# ----------------------------------------------------------------------------- the model

class LicenseModel:  # pylint: disable=too-many-instance-attributes,too-many-public-methods
    """License state of one simulated device (API: tests/lab README and /tmp lab interface)."""

    def __init__(self, platform, hostname, scenario, now):
        self.platform = "nxos" if "nxos" in str(platform).lower() else "ios"
        self.hostname = hostname
        self.scenario = dict(scenario or {})
        self._now = now
        self.settings = scenario_settings(self.platform, hostname, self.scenario)
        self.ignored_faults = [fault for fault in self.settings["faults"]
                               if (self.platform == "nxos" and fault in IOS_ONLY_FAULTS) or fault not in FIXABLE_FAULTS + MANUAL_FAULTS]
        self.members = _members(self.settings)
        self._initial = render_config(self.settings, baseline(self.settings))
        self.state = {}
        self._build_state()

    # ------------------------------------------------------------------ time
    def real_now(self):
        return utc_naive(self._now())

    def device_now(self):
        return self.real_now() + timedelta(seconds=self.state.get("skew_seconds", 0.0))

    # ------------------------------------------------------------------ initial state
    def _build_state(self):
        settings = self.settings
        faults = settings["faults"]
        real = self.real_now()
        if settings["clock"]:
            start = from_iso(settings["clock"]) or real
            skew = (start - real).total_seconds()
        else:
            skew = settings["clock_skew_minutes"] * 60.0
        clock_fault = "clock_not_synchronized" in faults
        self.state = {
            "skew_seconds": skew,
            "synchronized": not clock_fault and skew == 0,
            "ever_synchronized": not clock_fault,
            "ntp_since": None,
            "comm": {"status": "ok", "peer": None, "error": None, "last_attempt": None},
            "stats": {},
            "trust": {},
            "policy": {"custom": False, "name": None, "installed_on": None},
            "usage": {},
            "account": {"smart": None, "virtual": None, "as_of": None},
            "messages": [],
            "files": {},
            "reports": [],
            "authorization": {},
            "pending_ack": None,
            "pending_trust": None,
            "removed_policy": False,
            "report_seq": 0,
        }
        now = self.device_now()
        topology = settings["topology"]
        direct = topology in ("direct_smart", "callhome")
        no_trust = any(fault in faults for fault in ("trust_code_missing", "account_mismatch"))
        if direct and not no_trust:
            installed = now - timedelta(days=settings["trust_days_ago"])
            for member in self.members:
                self.state["trust"][member["sn"]] = iso(installed)
        deadline = now + timedelta(days=settings["ack_deadline_days"])
        last_ack = None if (topology == "direct_smart" and no_trust) else deadline - timedelta(days=ACK_VALID_DAYS)
        usage = {"last_ack": iso(last_ack), "deadline": iso(deadline), "last_push": None, "next_push": None, "last_file_write": None}
        if last_ack and topology not in ("offline", "controller") and not settings["pull"]:
            usage["last_push"] = iso(last_ack - timedelta(minutes=5))
            usage["next_push"] = iso(last_ack + timedelta(days=REPORT_INTERVAL_DAYS))
        if "onprem_record_not_found" in faults and not settings["pull"]:
            # Reports reach SSM On-Prem but no ACK comes back: the last push, two days ago, is newer than the last ACK
            # (seed 001, "Failed to receive Report Acknowledgment": the device was registered with another On-Prem account).
            usage["last_push"] = iso(now - timedelta(days=2))
        if topology == "offline" and last_ack:
            usage["last_file_write"] = iso(last_ack - timedelta(days=1))
        if topology == "direct_smart" and no_trust:
            usage["next_push"] = iso(now + timedelta(hours=2))
        self.state["usage"] = usage
        if last_ack and "policy_removed" not in faults:
            installed_on = from_iso(self.state["trust"].get(self.members[0]["sn"])) or last_ack
            self.state["policy"] = {"custom": True, "name": "SLE Policy", "installed_on": iso(installed_on)}
        if last_ack:
            self.state["account"] = {"smart": settings["smart_account"], "virtual": settings["virtual_account"], "as_of": iso(last_ack)}
        self.state["removed_policy"] = "policy_removed" in faults
        for index in range(2 if last_ack else 0):
            self._new_report(state="ACK", when=(last_ack or now) - timedelta(days=REPORT_INTERVAL_DAYS * (1 - index)))
        self._new_report(state="OPEN", when=now - timedelta(hours=1))
        self._seed_statistics(now, last_ack)
        self._seed_history(now)
        self._evaluate(ConfigView(self._initial), initial=True)
        if self.state["synchronized"]:
            self.state["ntp_since"] = iso(self.real_now() - timedelta(days=1))

    def _seed_statistics(self, now, last_ack):
        """Communication statistics of the exchanges that produced the initial state (tech support)."""
        trusted = from_iso(self.state["trust"].get(self.members[0]["sn"]))
        if trusted:
            self._stat_ok_at("trust_establishment", trusted)
        if last_ack and self.settings["topology"] not in ("offline", "controller") and not self.settings["pull"]:
            self._stat_ok_at("usage_reporting", from_iso(self.state["usage"]["last_push"]) or last_ack, "OK_POLL")
            self._stat_ok_at("result_polling", last_ack)
        del now

    def _stat_ok_at(self, category, moment, response="OK"):
        self._stat(category, True, response=response)
        row = self.state["stats"][category]
        row["last_success"] = row["last_response_time"] = iso(moment)

    def _seed_history(self, now):
        """Syslog lines the device logged before the lab started, showing the scenario's faults."""
        faults = self.settings["faults"]
        active = udi_text(self.members[0])
        if "report_ack_overdue" in faults:
            deadline = from_iso(self.state["usage"]["deadline"])
            for days in (14, 1):
                moment = deadline - timedelta(days=days)
                if moment < now:
                    self._log("REPORTING_REQUIRED", when=moment, days=days)
            last_ack = from_iso(self.state["usage"]["last_ack"])
            if self.settings["utility"] and last_ack:
                self._log("UTILITY_NO_ACK", when=now - timedelta(hours=3), days=int((now - last_ack).days))
        if "policy_removed" in faults:
            self._log("POLICY_REMOVED", when=now - timedelta(hours=1))
        if "onprem_down_rev" in faults:
            self._log("REPORTING_NOT_SUPPORTED", when=now - timedelta(hours=2))
        if "trust_code_already_installed" in faults:
            self._log("TRUST_CODE_INSTALL_FAILED", when=now - timedelta(minutes=20), udi=active, reason=REASON_ALREADY)
        if "account_mismatch" in faults:
            self._log("TRUST_CODE_INSTALL_FAILED", when=now - timedelta(minutes=20), udi=active, reason=REASON_ACCOUNT)
        if "authorization_udi_mismatch" in faults and self.platform == "ios":
            self._log("AUTHORIZATION_INSTALL_FAILED", when=now - timedelta(minutes=30), udi=active, reason=REASON_UDI)
            self.state["authorization"][self.members[0]["sn"]] = {"status": "NOT INSTALLED", "failure": REASON_UDI}

    # ------------------------------------------------------------------ messages
    def _log(self, event, when=None, **values):
        severity, template = TEMPLATES[event]
        if self.platform == "nxos" and event in IOS_ONLY_EVENTS:
            return
        when = when or self.device_now()
        marker = "" if self.state.get("synchronized") else ("." if self.state.get("ever_synchronized") else "*")
        self.state["messages"].append({"time": iso(when), "marker": marker, "event": event, "severity": severity,
                                       "text": template.format(**values)})
        self.state["messages"].sort(key=lambda item: item["time"])
        del self.state["messages"][:-500]

    def messages(self):
        """Syslog lines (platform format, oldest first)."""
        render = outputs_nxos.syslog_line if self.platform == "nxos" else outputs_ios.syslog_line
        return [render(message, self.hostname) for message in self.state["messages"]]

    # ------------------------------------------------------------------ statistics
    def _stat(self, category, ok, error=None, response=None):
        row = self.state["stats"].setdefault(category, {"total": 0, "success": 0, "fail": 0, "ongoing": 0, "last_response": None,
                                                        "last_response_time": None, "reason": None, "last_success": None,
                                                        "last_failure": None})
        now = iso(self.device_now())
        row["total"] += 1
        row["last_response_time"] = now
        if ok:
            row["success"] += 1
            row["ongoing"] = 0
            row["last_response"] = response or "OK"
            row["reason"] = None
            row["last_success"] = now
        else:
            row["fail"] += 1
            row["ongoing"] += 1
            row["last_response"] = "NO REPLY"
            row["reason"] = error
            row["last_failure"] = now

    def _comm_category(self, report=False):
        """Statistics row of an exchange: usage reporting for a report sent by 'license smart sync', else the background one."""
        if report:
            return "usage_reporting"
        if self.settings["topology"] in ("cslu", "onprem") or not self.state["trust"].get(self.members[0]["sn"]):
            return "hello_message"
        return "trust_sync"

    # ------------------------------------------------------------------ evaluation
    def _network(self, view):
        return Network(self.settings, view)

    def _evaluate(self, view, initial=False):
        """Re-read the configuration: NTP, communication (COMM_FAILED / COMM_RESTORED on change)."""
        net = self._network(view)
        self._evaluate_ntp(net)
        status, peer, error = net.communicate()
        comm = self.state["comm"]
        previous = comm["status"]
        now = self.device_now()
        if initial:
            if status == "failed":
                for hours in (3, 2, 1):
                    moment = now - timedelta(hours=hours) + timedelta(minutes=7, seconds=hours * 9)
                    self._log("COMM_FAILED", when=moment, peer=peer, error=error)
                    self._stat_at(self._comm_category(), moment, error)
            comm.update(status=status, peer=peer, error=error, last_attempt=iso(now))
            return
        if status == "failed" and (previous != "failed" or error != comm["error"] or peer != comm["peer"]):
            self._log("COMM_FAILED", peer=peer, error=error)
            self._stat(self._comm_category(), False, error)
            comm["last_attempt"] = iso(now)
        elif status == "ok" and previous == "failed":
            self._log("COMM_RESTORED", peer=peer)
            self._stat(self._comm_category(), True)
            comm["last_attempt"] = iso(now)
        comm.update(status=status, peer=peer, error=error)

    def _stat_at(self, category, moment, error):
        self._stat(category, False, error)
        row = self.state["stats"][category]
        row["last_failure"] = row["last_response_time"] = iso(moment)

    def _evaluate_ntp(self, net):
        answering = [address for address, vrf in net.ntp_servers() if net.ntp_answers(address, vrf)]
        state = self.state
        real = self.real_now()
        if not answering:
            state["ntp_since"] = None
            state["synchronized"] = False
            return
        if state["ntp_since"] is None:
            state["ntp_since"] = iso(real)
        if state["synchronized"]:
            return
        if (real - from_iso(state["ntp_since"])).total_seconds() >= self.settings["ntp_sync_seconds"]:
            state["synchronized"] = True
            state["ever_synchronized"] = True
            state["skew_seconds"] = 0.0

    def clock_bad(self):
        """True when the device clock is an hour or more away from the real time (CSSM rejects timestamps)."""
        return abs(self.state["skew_seconds"]) >= 3600

    # ------------------------------------------------------------------ engine API
    def initial_config(self):
        return list(self._initial)

    def intended(self):
        settings = self.settings
        topology = settings["topology"]
        return {
            "smartlic_ntp_servers": list(settings["ntp_servers"]),
            "smartlic_name_servers": list(settings["name_servers"]),
            "smartlic_domain_name": settings["domain_name"],
            "smartlic_vrf": settings["vrf"],
            "smartlic_transport_type": TRANSPORT_OF[topology],
            "smartlic_transport_url": settings["transport_url"],
            "smartlic_cslu_local_address": settings["cslu_address"] if topology == "cslu" else None,
            "smartlic_id_token": settings["valid_tokens"][0] if settings["valid_tokens"] else None,
            "smartlic_topology": rule_topology(settings),
            # The CA certificate SLA-TrustPoint needs (IOS XE with SSM On-Prem): the On-Prem server's CA.
            "smartlic_trustpoint_ca_pem": pki.lab_pem(settings["onprem_ca"]) if settings["platform"] == "ios" and topology == "onprem" else None,
        }

    def on_config_change(self, config):
        self._normalise(config)
        self._evaluate(ConfigView(config_lines(config)))

    def tick(self, config):
        view = ConfigView(config_lines(config))
        self._evaluate(view)
        now = self.device_now()
        comm = self.state["comm"]
        if comm["status"] == "failed":
            last = from_iso(comm["last_attempt"])
            if last is None or (now - last).total_seconds() >= self.settings["retry_minutes"] * 60:
                self._log("COMM_FAILED", peer=comm["peer"], error=comm["error"])
                self._stat(self._comm_category(), False, comm["error"])
                comm["last_attempt"] = iso(now)
        pending = self.state.get("pending_trust")
        if pending and self.real_now() >= from_iso(pending["due"]):
            self.state["pending_trust"] = None
            self._answer_trust(pending)
        pending = self.state["pending_ack"]
        if pending and self.real_now() >= from_iso(pending["due"]):
            self.state["pending_ack"] = None
            self._receive_ack(pending.get("policy_possible", True))

    @staticmethod
    def _normalise(config):
        """A default-on command typed back (ip domain lookup, active) clears its 'no' form, as on a device."""
        remove = getattr(config, "remove", None)
        if not callable(remove) or isinstance(config, (list, tuple)):
            return
        view = ConfigView(config_lines(config))
        top = [line.lower() for line in view.top()]
        for positive in ("ip domain lookup", "ip domain-lookup", "service call-home"):
            if positive in top and "no " + positive in top:
                remove("no " + positive)
        profile = view.block(r"call-home", r'profile\s+"?%s"?' % re.escape(CALLHOME_PROFILE_IOS))
        if profile and "active" in [line.lower() for line in profile] and "no active" in [line.lower() for line in profile]:
            parent = next(line for line in (view.block(r"call-home") or []) if re.fullmatch(r'profile\s+"?%s"?' % re.escape(
                CALLHOME_PROFILE_IOS), line, re.IGNORECASE))
            remove("no active", ["call-home", parent])

    def handle(self, command, config, mode="privileged"):
        """Output of an exec command the model owns; None when the command is not one of them."""
        text = " ".join(str(command or "").split("|", maxsplit=1)[0].split())
        words = text.lower().split()
        if not words:
            return None
        if words[0] == "do":
            words, text = words[1:], " ".join(text.split()[1:])
        view = ConfigView(config_lines(config))
        self._evaluate(view)
        if words[0] == "ping":
            return self._ping(text.split()[1:], view)
        if words[0] == "license" and len(words) > 1 and words[1] == "smart":
            if str(mode).lower() in ("exec", "user", ">", "user_exec"):
                return self._invalid()
            return self._license_command(text.split()[2:], view)
        if words[0] in ("dir", "more"):
            return self._file_command(words[0], text.split()[1:])
        if words[:2] == ["clock", "set"]:
            return self._clock_set(text.split()[2:], view)
        if words[0] == "show":
            return self._show(words[1:], view)
        return None

    # ------------------------------------------------------------------ show
    def _renderer(self):
        return outputs_nxos if self.platform == "nxos" else outputs_ios

    def _show(self, words, view):
        data = self.snapshot(view)
        out = self._renderer()
        phrase = " ".join(words)
        table = {
            "license status": out.show_license_status,
            "license all": out.show_license_all,
            "license tech support": out.show_license_tech_support,
            "license udi": out.show_license_udi,
            "license summary": out.show_license_summary,
            "license usage": out.show_license_usage,
            "clock": out.show_clock,
            "clock detail": out.show_clock_detail,
        }
        if self.platform == "ios":
            table.update({
                "license authorization": outputs_ios.show_license_authorization,
                "license history message": outputs_ios.show_license_history_message,
                "license rum id all": outputs_ios.show_license_rum_id_all,
                "ntp associations": outputs_ios.show_ntp_associations,
                "ntp status": outputs_ios.show_ntp_status,
                "logging": outputs_ios.show_logging,
                "call-home profile all": outputs_ios.show_call_home_profile_all,
                "ip http client": outputs_ios.show_ip_http_client,
                "ip http server session-module": outputs_ios.show_ip_http_server_session_module,
            })
            if words[:2] == ["license", "eventlog"]:
                return outputs_ios.show_license_eventlog(data)
        else:
            table.update({
                "license tech-support": outputs_nxos.show_license_tech_support,
                "license history message": outputs_nxos.show_license_history_message,
                "ntp peer-status": outputs_nxos.show_ntp_peer_status,
                "logging logfile": outputs_nxos.show_logging_logfile,
                "logging": outputs_nxos.show_logging_logfile,
            })
        render = table.get(phrase)
        return render(data) if render else None

    def snapshot(self, view=None):
        """Everything the renderers print, as plain values (dates are datetimes, device time)."""
        view = view if view is not None else ConfigView(self._initial)
        net = self._network(view)
        state = self.state
        kind = net.transport()
        smart_url = net.smart_url()
        usage = {key: from_iso(value) for key, value in state["usage"].items()}
        ntp_peers = []
        for address, vrf in net.ntp_servers():
            answers = net.ntp_answers(address, vrf)
            ntp_peers.append({"address": address, "vrf": vrf, "answers": answers, "sys_peer": answers and state["synchronized"]})
        if self.platform == "ios":
            callhome_enabled, profile = net.callhome_ios()
            callhome = {"enabled": callhome_enabled, "profile": profile}
        else:
            callhome = net.callhome_nxos()
        return {
            "platform": self.platform,
            "hostname": self.hostname,
            "now": self.device_now(),
            "synchronized": state["synchronized"],
            "marker": "" if state["synchronized"] else ("." if state["ever_synchronized"] else "*"),
            "members": [dict(member) for member in self.members],
            "transport": {
                "type": kind,
                "url": CSSM_URL if smart_url in (None, "default") else smart_url,
                "url_default": smart_url in (None, "default"),
                "cslu_url": net.cslu_url(),
                "vrf": net.license_vrf(),
                "trustpoint": net.http_client_trustpoint(),
            },
            "account": {"smart": state["account"]["smart"], "virtual": state["account"]["virtual"],
                        "as_of": from_iso(state["account"]["as_of"])},
            "policy": {"custom": state["policy"]["custom"], "name": state["policy"]["name"],
                       "installed_on": from_iso(state["policy"]["installed_on"])},
            "usage": usage,
            "topology": self.settings["topology"],
            "utility": self.settings["utility"],
            "trust": [(member, from_iso(state["trust"].get(member["sn"]))) for member in self.members],
            "comm": dict(state["comm"]),
            "stats": {name: dict(row, **{key: from_iso(row[key]) for key in ("last_response_time", "last_success", "last_failure")})
                      for name, row in state["stats"].items()},
            "ntp": {"peers": ntp_peers, "synchronized": state["synchronized"]},
            "messages": self.messages(),
            "events": [dict(message, time=from_iso(message["time"])) for message in state["messages"]],
            "reports": [dict(report, time=from_iso(report["time"])) for report in state["reports"]],
            "licenses": self.licenses(),
            "callhome": callhome,
            "http_client": {"trustpoint": net.http_client_trustpoint(), "source": net.http_client_source()},
            "http_server": net.http_server(),
            "authorization": dict(state["authorization"]),
            "files": {name: dict(record, created=from_iso(record.get("created"))) for name, record in state["files"].items()},
            "variants": dict(self.settings["output_variants"]),
        }

    def licenses(self):
        if self.platform == "nxos":
            return [{"name": "", "tag": "LAN_ENTERPRISE_SERVICES_PKG", "description": "LAN license for Nexus 9300-XF", "count": 1,
                     "type": "Generic"}]
        return [
            {"name": "network-advantage", "tag": "C9300-24 Network Advantage", "description": "C9300-24 Network Advantage", "count": 1,
             "type": "Perpetual", "entitlement": "regid.2017-03.com.cisco.advantagek9,1.0_bd1da96e-ec1d-412b-a50e-53846b347d53"},
            {"name": "dna-advantage", "tag": "C9300-24 DNA Advantage", "description": "C9300-24 DNA Advantage", "count": 1,
             "type": "Subscription", "entitlement": "regid.2017-05.com.cisco.c9300_dna_advantage,1.0_411773c3-2116-4c10-94a4-5d357fe6ff18"},
        ]

    # ------------------------------------------------------------------ ping
    def _ping(self, args, view):
        net = self._network(view)
        target, vrf, count = None, None, 5
        index = 0
        while index < len(args):
            word = args[index].lower()
            if word == "vrf" and index + 1 < len(args):
                vrf, index = args[index + 1], index + 2
                continue
            if word in ("count", "repeat") and index + 1 < len(args) and args[index + 1].isdigit():
                count, index = max(1, min(int(args[index + 1]), 100)), index + 2
                continue
            if word in ("source", "timeout", "size", "packet-size", "interval") and index + 1 < len(args):
                index += 2
                continue
            if word in ("df-bit", "ip", "ipv4"):
                index += 1
                continue
            if target is None:
                target = args[index]
            index += 1
        if target is None:
            return self._incomplete()
        address = net.resolve(target, vrf)
        result = {"target": target, "address": address, "vrf": vrf, "count": count,
                  "reachable": bool(address) and net.reachable(address, vrf)}
        result["internet"] = address in INTERNET_HOSTS.values()
        result["rtt"] = _stable_int(address or target, 20, 45) if result["internet"] else _stable_int(address or target, 1, 3)
        return self._renderer().ping(result)

    # ------------------------------------------------------------------ license smart exec commands
    def _invalid(self):
        if self.platform == "nxos":
            return "% Invalid command at '^' marker."
        return "% Invalid input detected at '^' marker."

    def _incomplete(self):
        if self.platform == "nxos":
            return "% Incomplete command at '^' marker."
        return "% Incomplete command."

    def _license_command(self, args, view):
        words = [word.lower() for word in args]
        if not words:
            return self._incomplete()
        if words[0] == "trust":
            return self._trust(args[1:], view)
        if words[0] == "sync":
            # NX-OS: bare 'license smart sync' (Cisco NX-OS SLP user guide, seed 001 line 291); IOS XE: 'license smart
            # sync {all|local}', the keyword required (Cisco Command Reference for SLP).
            if self.platform == "nxos":
                return self._sync(view) if len(words) == 1 else self._invalid()
            if len(words) < 2 or words[1] not in ("all", "local"):
                return self._incomplete() if len(words) < 2 else self._invalid()
            return self._sync(view)
        if words[0] == "save":
            return self._save(args[1:])
        if words[0] == "import":
            if len(args) < 2:
                return self._incomplete()
            return self._import(args[1], view)
        return self._invalid()

    def _trust(self, args, view):
        words = [word.lower() for word in args]
        if not words or words[0] != "idtoken":
            return self._invalid() if words else self._incomplete()
        if len(args) < 2:
            return self._incomplete()
        token = args[1]
        rest = words[2:]
        # IOS XE: '... TOKEN {local|all} [force]' (seed 000 line 382); NX-OS: '... TOKEN [force]', no scope (seed 001 line 25).
        if self.platform == "ios" and (not rest or rest[0] not in ("local", "all")):
            return self._incomplete() if not rest else self._invalid()
        if self.platform == "nxos" and rest and rest[0] in ("local", "all"):
            return self._invalid()
        scope = rest[0] if rest and rest[0] in ("local", "all") else "local"
        force = "force" in rest
        if any(word not in ("local", "all", "force") for word in rest):
            return self._invalid()
        net = self._network(view)
        if net.transport() not in ("smart", "callhome"):
            return "% Error: Trust establishment with an ID token needs transport smart or callhome"
        status, peer, error = net.communicate()
        if status != "ok":
            self._log("COMM_FAILED", peer=peer, error=error)
            self._stat("trust_establishment", False, error)
            self.state["comm"].update(status="failed", peer=peer, error=error, last_attempt=iso(self.device_now()))
            return ""
        # CSSM judges the request as it was sent (the device's timestamp, the token, whether a trust code exists) and
        # answers trust_install_seconds later; until then show license status shows no new trust code.
        targets = self.members if scope == "all" else self.members[:1]
        answers = []
        for member in targets:
            if self.clock_bad():
                reason = REASON_TIMESTAMP
            elif token not in self.settings["valid_tokens"]:
                reason = REASON_ACCOUNT
            elif self.state["trust"].get(member["sn"]) and not force:
                reason = REASON_ALREADY
            else:
                reason = None
            answers.append({"sn": member["sn"], "reason": reason})
        request = {"due": iso(self.real_now() + timedelta(seconds=self.settings["trust_install_seconds"])), "answers": answers}
        if self.settings["trust_install_seconds"] > 0:
            self.state["pending_trust"] = request
        else:
            self._answer_trust(request)
        return ""

    def _answer_trust(self, request):
        """CSSM's answer to a trust request arrives: each UDI gets its trust code or TRUST_CODE_INSTALL_FAILED."""
        members = {member["sn"]: member for member in self.members}
        for answer in request["answers"]:
            member = members.get(answer["sn"])
            if member is None:
                continue
            udi = udi_text(member)
            if answer["reason"]:
                self._log("TRUST_CODE_INSTALL_FAILED", udi=udi, reason=answer["reason"])
                self._stat("trust_establishment", True, response="FAILED")
            else:
                self.state["trust"][member["sn"]] = iso(self.device_now())
                self._log("TRUST_CODE_INSTALL_SUCCESS", udi=udi)
                self._stat("trust_establishment", True)
        if self.state["trust"].get(self.members[0]["sn"]) and not self.state["policy"]["custom"]:
            self._install_policy()

    def _install_policy(self):
        now = self.device_now()
        self.state["policy"] = {"custom": True, "name": "SLE Policy", "installed_on": iso(now)}
        self.state["removed_policy"] = False
        self._log("POLICY_INSTALL_SUCCESS")

    def _sync(self, view):
        net = self._network(view)
        status, peer, error = net.communicate()
        now = self.device_now()
        comm = self.state["comm"]
        if status == "off":
            return ""
        if status != "ok":
            self._log("COMM_FAILED", peer=peer, error=error)
            self._stat(self._comm_category(report=True), False, error)
            comm.update(status="failed", peer=peer, error=error, last_attempt=iso(now))
            return ""
        if comm["status"] == "failed":
            self._log("COMM_RESTORED", peer=peer)
        comm.update(status="ok", peer=peer, error=None, last_attempt=iso(now))
        self.state["usage"]["last_push"] = iso(now)
        self.state["usage"]["next_push"] = iso(now + timedelta(days=REPORT_INTERVAL_DAYS))
        self._stat(self._comm_category(report=True), True, response="OK_POLL")
        if "onprem_down_rev" in self.settings["faults"] and self.settings["topology"] == "onprem":
            self._log("REPORTING_NOT_SUPPORTED")
            return ""
        if "onprem_record_not_found" in self.settings["faults"] and self.settings["topology"] == "onprem":
            # SSM On-Prem takes the report but finds no record of the device: no ACK comes back (seed 001).
            return ""
        if self.settings["topology"] == "cslu" and not self.settings["cssm_connected"]:
            # CSLU keeps the report until it is exported to CSSM and the ACK imported by hand (CSLU Disconnected from CSSM).
            return ""
        if net.transport() == "smart" and not self.state["trust"].get(self.members[0]["sn"]):
            return ""
        if self.clock_bad():
            self._log("POLICY_INSTALL_FAILED", reason=REASON_TIMESTAMP)
            return ""
        due = self.real_now() + timedelta(seconds=self.settings["ack_delay_seconds"])
        if self.settings["ack_delay_seconds"] > 0:
            # One ACK answers the reports pushed so far: a second sync before it arrives does not push it back.
            if not self.state["pending_ack"]:
                self.state["pending_ack"] = {"due": iso(due), "policy_possible": True}
        else:
            self._receive_ack(True)
        return ""

    def _receive_ack(self, policy_possible):
        now = self.device_now()
        usage = self.state["usage"]
        usage["last_ack"] = iso(now)
        usage["deadline"] = iso(now + timedelta(days=ACK_VALID_DAYS))
        self.state["account"] = {"smart": self.settings["smart_account"], "virtual": self.settings["virtual_account"], "as_of": iso(now)}
        self._stat("result_polling", True)
        for report in self.state["reports"]:
            if report["state"] != "ACK":
                report["state"] = "ACK"
        self._new_report(state="OPEN", when=now)
        if policy_possible:
            # The ACK response carries the policy (seed: POLICY_INSTALL_SUCCESS "as part of an ACK response").
            self._install_policy()

    def _new_report(self, state, when):
        self.state["report_seq"] += 1
        base = int((when - datetime(1970, 1, 1)).total_seconds())
        for offset, license_info in enumerate(self.licenses()):
            self.state["reports"].append({"id": base + offset, "feature": license_info["name"] or license_info["tag"], "state": state,
                                          "time": iso(when)})
        del self.state["reports"][:-20]

    # ------------------------------------------------------------------ files (save usage / import)
    def _file_name(self, path):
        path = str(path)
        if ":" not in path:
            path = ("bootflash:" if self.platform == "nxos" else "flash:") + path
        return path

    def _save(self, args):
        words = [word.lower() for word in args]
        if not words or words[0] != "usage":
            return self._invalid() if words else self._incomplete()
        if "file" not in words or words.index("file") + 1 >= len(args):
            return self._incomplete()
        scope = words[1] if len(words) > 1 else "all"
        if scope not in ("all", "unreported", "days", "rum-id", "file"):
            return self._invalid()
        name = self._file_name(args[words.index("file") + 1])
        now = self.device_now()
        reports = [report for report in self.state["reports"] if scope == "all" or report["state"] != "ACK"]
        content = outputs_ios.usage_file(self.members[0], reports, now)
        self.put_file(name, content, kind="usage")
        self.state["usage"]["last_file_write"] = iso(now)
        return ""

    def put_file(self, name, content, kind=None):
        """Store a file on the device (the engine calls this for SCP uploads)."""
        name = self._file_name(name)
        if kind is None:
            lower = str(content).lower()
            if "rumack" in lower or "<ack" in lower:
                kind = "ack"
            elif "smartlicenseauthorization" in lower:
                kind = "slac"
            else:
                kind = "policy" if "policy" in lower else "data"
        self.state["files"][name] = {"kind": kind, "content": str(content), "created": iso(self.device_now())}

    def get_file(self, name):
        record = self.state["files"].get(self._file_name(name))
        return record["content"] if record else None

    def _import(self, path, view):
        del view
        name = self._file_name(path)
        record = self.state["files"].get(name)
        if record is None:
            if self.platform == "nxos":
                return "Import Data Failed: file %s not found" % name
            return "%% Error: Import Data Failed: %s: No such file or directory" % name
        if record["kind"] == "ack":
            if self.clock_bad():
                self._log("POLICY_INSTALL_FAILED", reason=REASON_TIMESTAMP)
                return "Import Data Failed"
            self._receive_ack(True)
            return "Import Data Successful"
        if record["kind"] == "slac":
            return self._import_slac(record["content"])
        if record["kind"] == "policy":
            self._install_policy()
            return "Import Data Successful"
        return "Import Data Failed: unknown file content"

    def _import_slac(self, content):
        wanted = set(re.findall(r"<udi>\s*P(?:ID)?:([^,<\s]+),\s*S(?:N)?:([^<\s]+)\s*</udi>", content))
        ours = {(member["pid"], member["sn"]) for member in self.members}
        active = udi_text(self.members[0])
        if not wanted or wanted != ours:
            self._log("AUTHORIZATION_INSTALL_FAILED", udi=active, reason=REASON_UDI)
            return "Import Data Failed"
        for member in self.members:
            self.state["authorization"][member["sn"]] = {"status": "SMART AUTHORIZATION INSTALLED", "on": iso(self.device_now())}
            self._log("AUTHORIZATION_INSTALL_SUCCESS", udi=udi_text(member))
        return "Import Data Successful"

    def _file_command(self, verb, args):
        if verb == "more":
            if not args:
                return self._incomplete()
            name = self._file_name(args[-1])
            content = self.get_file(name)
            if content is None:
                if self.platform == "nxos":
                    return "more: %s: No such file or directory" % name
                return "%%Error opening %s (No such file or directory)" % name
            return content.rstrip("\n")
        prefix = self._file_name(args[0]) if args else ("bootflash:" if self.platform == "nxos" else "flash:")
        prefix = prefix.split(":", maxsplit=1)[0] + ":"
        files = {name: record for name, record in self.state["files"].items() if name.startswith(prefix)}
        return self._renderer().dir_listing(prefix, files, self.device_now())

    def _clock_set(self, args, view):
        """'clock set 10:00:00 1 Mar 2026' (or 'Mar 1 2026'): the device clock jumps; NTP, when it answers, takes it back."""
        text = " ".join(args)
        moment = None
        for pattern in ("%H:%M:%S %d %b %Y", "%H:%M:%S %b %d %Y"):
            try:
                moment = datetime.strptime(text, pattern)
                break
            except ValueError:
                continue
        if moment is None:
            return self._incomplete() if len(args) < 4 else self._invalid()
        self.state["skew_seconds"] = (moment - self.real_now()).total_seconds()
        self.state["synchronized"] = False
        self.state["ntp_since"] = None
        self._evaluate(view)
        return ""

    # ------------------------------------------------------------------ state
    def to_state(self):
        data = copy.deepcopy(self.state)
        data["real_time"] = iso(self.real_now())
        return data

    def load_state(self, data):
        data = copy.deepcopy(dict(data or {}))
        data.pop("real_time", None)
        base = copy.deepcopy(self.state)
        base.update(data)
        self.state = base


def ack_file(members, when):
    """Content of an ACK file as CSSM would hand it out for offline import (tests and demos)."""
    return outputs_ios.ack_file(members, when)
