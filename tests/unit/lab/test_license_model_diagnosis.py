"""The lab's scenarios through the collection's diagnosis: each shows its faults, and the fixes the roles make clear them.

The facts are what the diagnose role collects (the registry's canonical
commands), parsed by the collection's parsers; the fixes are the lines and
EXEC commands the remediation roles send, applied to the running-config the
way the engine does.
"""

from __future__ import annotations

import glob
import itertools
import os
from datetime import datetime, timedelta, timezone

import pytest
import yaml

from ansible_collections.smartlic.slp.plugins.module_utils.parsers import syslog
from ansible_collections.smartlic.slp.plugins.module_utils.parsers.registry import IOS_COMMANDS, NXOS_COMMANDS, parse_output
from ansible_collections.smartlic.slp.plugins.module_utils.rules.engine import diagnose
from tests.lab import license_model, pki
from tests.lab.config_tree import ConfigTree
from tests.lab.license_model import LicenseModel

SCENARIO_DIR = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))), "lab", "scenarios")
SCENARIOS = sorted(glob.glob(os.path.join(SCENARIO_DIR, "*.yml")))
ACTIONABLE = ("critical", "error", "warning")
# Remediation order of playbooks/remediate.yml.
ORDER = ("clock_not_synchronized", "dns_not_configured", "cslu_local_unresolved", "http_client_trustpoint_missing", "sla_trustpoint_missing",
         "sla_trustpoint_certificate_missing", "transport_type_mismatch", "transport_url_incorrect", "callhome_profile_inactive",
         "trust_code_missing", "trust_code_already_installed",
         "report_ack_overdue", "onprem_record_not_found", "onprem_down_rev")


class Clock:
    def __init__(self):
        self.moment = datetime(2026, 3, 10, 12, 0, 0, tzinfo=timezone.utc)

    def __call__(self):
        return self.moment


class Device:
    def __init__(self, path):
        with open(path, encoding="utf-8") as handle:
            self.scenario = yaml.safe_load(handle)
        self.platform = self.scenario["platform"]
        self.clock = Clock()
        self.model = LicenseModel(self.platform, self.scenario["hostname"], self.scenario, self.clock)
        self.config = ConfigTree(self.platform, self.model.initial_config())

    def run(self, command):
        self.model.tick(self.config)
        return self.model.handle(command, self.config, "privileged")

    def configure(self, line, parents=(), replace=None):
        self.config.set(line, parents, replace=replace)
        self.model.on_config_change(self.config)

    def findings(self):
        facts = {}
        for command in IOS_COMMANDS if self.platform == "ios" else NXOS_COMMANDS:
            if command.startswith("show running-config"):
                select = (lambda line: line == "callhome") if command.endswith("callhome all") else None
                text = self.config.render(title=command, select=select)
            else:
                text = self.run(command)
            facts[command] = parse_output(command, text, self.platform)
        log = facts["show logging logfile" if self.platform == "nxos" else "show logging"]
        messages = syslog.parse_messages(self.run("show logging logfile" if self.platform == "nxos" else "show logging"))
        assert log["warnings"] == []
        intended = {key[len("smartlic_"):]: value for key, value in self.model.intended().items() if key != "smartlic_id_token"}
        return diagnose(facts, messages, self.platform, intended)

    def fix(self, fault):
        """What the role for the fault sends (roles ntp, dns, trustpoint, transport, trust_token, sync)."""
        settings = self.model.settings
        vrf = settings["vrf"]
        nxos = self.platform == "nxos"
        token = settings["valid_tokens"][0]
        scope = "all" if len(self.model.members) > 1 else "local"
        if fault == "clock_not_synchronized":
            self.configure("ntp server 192.0.2.123 prefer" + (" use-vrf %s" % vrf if nxos and vrf else ""))
        elif fault == "dns_not_configured":
            if nxos:
                self.configure("ip name-server 192.0.2.53 use-vrf %s" % vrf)
                self.configure("ip name-server 192.0.2.53", ["vrf context %s" % vrf])
            else:
                self.configure("ip name-server 192.0.2.53")
        elif fault == "cslu_local_unresolved":
            self.configure("ip host cslu-local %s" % settings["cslu_address"])
        elif fault == "http_client_trustpoint_missing":
            self.configure("ip http client secure-trustpoint SLA-TrustPoint")
        elif fault == "sla_trustpoint_missing":
            self.configure("enrollment terminal", ["crypto pki trustpoint SLA-TrustPoint"])
            self.configure("revocation-check none", ["crypto pki trustpoint SLA-TrustPoint"])
        elif fault == "sla_trustpoint_certificate_missing":
            # crypto pki authenticate SLA-TrustPoint as the trustpoint role answers it (tests/lab/pki.py); a different CA is
            # first removed with its trustpoint by hand (the finding's manual steps), then the trustpoint made again.
            chain = "crypto pki certificate chain SLA-TrustPoint"
            if self.config.has(chain):
                self.config.remove(chain)
            cert = pki.read_paste(pki.lab_pem(settings["onprem_ca"]).splitlines())
            head, certificate, hex_lines = pki.chain_lines("SLA-TrustPoint", cert)
            self.config.set(head)
            self.config.set(certificate, [head])
            for index, line in enumerate(hex_lines + ["quit"]):
                self.config.insert(index, line, [head, certificate])
            self.model.on_config_change(self.config)
        elif fault == "transport_type_mismatch":
            self.configure("license smart transport %s" % self.model.intended()["smartlic_transport_type"], replace=r"^license smart transport ")
        elif fault == "transport_url_incorrect":
            url = self.model.intended()["smartlic_transport_url"]
            if settings["topology"] in ("cslu", "onprem"):
                self.configure("license smart url cslu %s" % url, replace=r"^license smart url cslu ")
            else:
                self.configure("license smart url smart %s" % url, replace=r"^license smart url (?:smart |default$)")
        elif fault == "callhome_profile_inactive":
            if nxos:
                self.configure("transport http use-vrf %s" % vrf, ["callhome"])
            else:
                self.configure("active", ["call-home", 'profile "CiscoTAC-1"'])
                self.config.remove("no active", ["call-home", 'profile "CiscoTAC-1"'])
                self.model.on_config_change(self.config)
        elif fault == "trust_code_missing":
            self.run("license smart trust idtoken %s%s" % (token, "" if nxos else " " + scope))
        elif fault == "trust_code_already_installed":
            self.run("license smart trust idtoken %s%s force" % (token, "" if nxos else " " + scope))
        elif fault == "report_ack_overdue" and settings["topology"] == "offline":
            # The sync role's offline mode: save the usage; the upload to CSSM and the ACK file are the operator's.
            self.run("license smart save usage all file %sslp_usage.txt" % ("bootflash:" if nxos else "flash:"))
        elif fault == "report_ack_overdue":
            self.run("license smart sync" if nxos else "license smart sync all")
        # Wait as long as the device takes (the scenario's realistic delays: NTP, trust code, ACK).
        delays = [settings[key] for key in ("ntp_sync_seconds", "trust_install_seconds", "ack_delay_seconds")]
        self.clock.moment += timedelta(seconds=30 + max(delays))


def _check(device, masked=()):
    faults = list(device.scenario.get("faults") or [])
    before = device.findings()
    found = {finding["id"] for finding in before if finding["severity"] in ACTIONABLE}
    missing = [fault for fault in faults if fault not in found and fault not in masked]
    assert missing == [], [(finding["id"], finding["severity"]) for finding in before]
    if not faults:
        assert found == set()
    else:
        assert found & set(faults)
    # What the topology leaves to a person (rules/topology.py): no role, nothing to send; the lab fixes only the rest.
    manual = {finding["id"] for finding in before if finding["severity"] in ACTIONABLE and finding["remediation"]["role"] is None
              and finding["id"] == "report_ack_overdue"}
    for fault in sorted(faults, key=ORDER.index):
        if fault not in manual:
            device.fix(fault)
    after = device.findings()
    left = sorted((finding["id"], finding["remediation"]["role"]) for finding in after if finding["severity"] in ACTIONABLE)
    assert left == sorted(_stays(device).items())


def _stays(device):
    """{finding: role} of the faults no role can clear in this scenario's topology: the report of a device the server
    collects from (CSLU- or SSM On-Prem-initiated, a controller), the ACK of a CSLU disconnected from CSSM or of an SSM
    On-Prem that lost the device's record (only the CSLU / SSM On-Prem steps bring it), the record itself (all manual);
    offline, the ACK file the operator brings back (the sync role imports it once given)."""
    settings = device.model.settings
    faults = set(settings["faults"])
    stays = dict.fromkeys(faults & {"onprem_record_not_found", "onprem_down_rev"})
    if "report_ack_overdue" in faults and (settings["pull"] or not settings["cssm_connected"] or "onprem_record_not_found" in faults):
        stays["report_ack_overdue"] = None
    if "report_ack_overdue" in faults and settings["topology"] == "offline":
        stays["report_ack_overdue"] = "sync"
    return stays


@pytest.mark.parametrize("path", SCENARIOS, ids=[os.path.basename(path)[:-4] for path in SCENARIOS])
def test_scenario_shows_its_faults_and_the_fixes_clear_them(path):
    _check(Device(path))


# Faults each topology can show (a fault outside its topology has nothing to break there).
TOPOLOGY_FAULTS = {
    "direct_smart": set(license_model.FIXABLE_FAULTS) - {"cslu_local_unresolved", "callhome_profile_inactive", "sla_trustpoint_certificate_missing"},
    "cslu": {"clock_not_synchronized", "dns_not_configured", "cslu_local_unresolved", "transport_type_mismatch", "transport_url_incorrect",
             "report_ack_overdue"},
    "callhome": {"clock_not_synchronized", "dns_not_configured", "callhome_profile_inactive", "transport_type_mismatch", "report_ack_overdue",
                 "trust_code_already_installed"},
}
# Pairs where the first failure hides the second until it is fixed, as on a device: (platform, fault shown, fault hidden).
MASKED = {
    ("ios", "dns_not_configured", "http_client_trustpoint_missing"),      # no TLS handshake without a resolved name
    ("ios", "transport_type_mismatch", "http_client_trustpoint_missing"),  # transport off: no TLS at all
    ("ios", "transport_type_mismatch", "sla_trustpoint_missing"),
    ("nxos", "cslu_local_unresolved", "dns_not_configured"),             # the failing name is cslu-local, not the DNS servers
    ("nxos", "transport_type_mismatch", "dns_not_configured"),           # transport off: no name is looked up
}


def _pairs():
    for platform in ("ios", "nxos"):
        faults = [fault for fault in license_model.FIXABLE_FAULTS if not (platform == "nxos" and fault in license_model.IOS_ONLY_FAULTS)]
        for first, second in itertools.combinations(faults, 2):
            topology = "cslu" if "cslu_local_unresolved" in (first, second) else (
                "callhome" if "callhome_profile_inactive" in (first, second) else "direct_smart")
            if {first, second} <= TOPOLOGY_FAULTS[topology]:
                yield platform, first, second


@pytest.mark.parametrize("platform,first,second", list(_pairs()))
def test_two_faults_combined(tmp_path, platform, first, second):
    path = tmp_path / "pair.yml"
    path.write_text(yaml.safe_dump({"platform": platform, "hostname": "pair", "faults": [first, second], "valid_tokens": ["token"]}))
    masked = [hidden for name, shown, hidden in MASKED if name == platform and {shown, hidden} == {first, second}]
    _check(Device(str(path)), masked)
