# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Rules transport_type_mismatch, transport_url_incorrect and callhome_profile_inactive."""

from __future__ import annotations

import os

import yaml
from rules_helpers import actionable_ids, assert_shape, diagnose_fixture, evidence_text, only

from ansible_collections.smartlic.slp.plugins.module_utils.parsers import registry
from ansible_collections.smartlic.slp.plugins.module_utils.rules import actions, engine
from tests.lab.cli import Device
from tests.lab.license_model import LicenseModel

SMART_URL = "https://smartreceiver.cisco.com/licservice/license"
CALLHOME_URL = "https://tools.cisco.com/its/service/oddce/services/DDCEService"
SCENARIOS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "..", "lab", "scenarios")


def test_smart_url_not_exactly_cssm():
    findings = diagnose_fixture("ios_smart_url_wrong.txt")
    finding = only(findings, "transport_url_incorrect")
    assert_shape(finding)
    assert finding["severity"] == "error"
    assert finding["remediation"]["role"] == "transport"
    assert "license smart url smart %s" % SMART_URL in finding["remediation"]["commands"]
    assert "https://smartreceiver.cisco.com/licservice/licenses" in evidence_text(finding)
    assert "cssm_unreachable" not in actionable_ids(findings)


def test_cslu_url_without_port_8182():
    finding = only(diagnose_fixture("ios_cslu_url_wrong.txt"), "transport_url_incorrect")
    assert finding["topology"] == "cslu_push"
    assert finding["remediation"]["commands"] == ["license smart transport cslu", "license smart url cslu http://192.168.0.1:8182/cslu/v1/pi"]
    assert "8182" in evidence_text(finding)


def test_onprem_url_without_tenant():
    finding = only(diagnose_fixture("ios_onprem_url_wrong.txt"), "transport_url_incorrect")
    assert finding["topology"] == "onprem"
    assert "tenant" in evidence_text(finding)
    assert any("transport_url" in note for note in finding["notes"])


def test_onprem_url_with_an_ip_on_nxos():
    finding = only(diagnose_fixture("nxos_onprem_ip.txt", "nxos"), "transport_url_incorrect")
    assert finding["severity"] == "error"
    assert "fully qualified domain name" in evidence_text(finding)


def test_correct_urls_are_not_flagged():
    for name, platform in (("ios_direct_healthy.txt", None), ("ios_reporting_required.txt", None), ("nxos_healthy.txt", "nxos")):
        assert "transport_url_incorrect" not in [f["id"] for f in diagnose_fixture(name, platform)], name


def test_intended_url_accepts_a_non_default_url_and_flags_drift():
    findings = diagnose_fixture("ios_smart_url_wrong.txt", intended={"transport_url": "https://smartreceiver.cisco.com/licservice/licenses"})
    assert "transport_url_incorrect" not in [f["id"] for f in findings]
    finding = only(diagnose_fixture("ios_direct_healthy.txt", intended={"transport_url": "https://onprem.example.com/cslu/v1/pi/t1"}),
                   "transport_url_incorrect")
    assert finding["severity"] == "warning"
    assert "license smart url smart https://onprem.example.com/cslu/v1/pi/t1" in finding["remediation"]["commands"]


def test_intended_transport_type_differs():
    finding = only(diagnose_fixture("ios_direct_healthy.txt", intended={"transport_type": "cslu"}), "transport_type_mismatch")
    assert finding["severity"] == "warning"
    assert finding["remediation"]["role"] == "transport"
    assert finding["remediation"]["commands"][0] == "license smart transport cslu"
    assert "smart" in evidence_text(finding)


def test_utility_mode_with_callhome_transport():
    findings = diagnose_fixture("ios_utility_callhome.txt")
    finding = only(findings, "transport_type_mismatch")
    assert finding["severity"] == "error"
    assert "UTILITY_TRANSPORT_NOT_CONFIG" in evidence_text(finding)
    assert finding["remediation"]["commands"][:2] == ["license smart transport smart", "license smart url smart %s" % SMART_URL]


def test_callhome_profile_destination_wrong_real_profile_output():
    findings = diagnose_fixture("ios_callhome.txt")
    finding = only(findings, "callhome_profile_inactive")
    assert_shape(finding)
    assert finding["severity"] == "error"
    assert finding["topology"] == "callhome"
    assert "http://www.test1.com" in evidence_text(finding)
    assert "destination address http https://tools.cisco.com/its/service/oddce/services/DDCEService" in finding["remediation"]["commands"]
    assert "cssm_unreachable" not in actionable_ids(findings)


def test_nxos_callhome_without_use_vrf():
    finding = only(diagnose_fixture("nxos_callhome.txt", "nxos"), "callhome_profile_inactive")
    assert "use-vrf management" in evidence_text(finding)
    # No intended VRF: the transport role would not send the VRF line; the note says how to get it sent.
    assert "transport http use-vrf management" not in finding["remediation"]["commands"]
    assert any("smartlic_vrf=management" in note and "'transport http use-vrf management'" in note for note in finding["notes"])
    with_vrf = only(diagnose_fixture("nxos_callhome.txt", "nxos", intended={"vrf": "management"}), "callhome_profile_inactive")
    assert "transport http use-vrf management" in with_vrf["remediation"]["commands"]


def test_callhome_profile_only_matters_with_the_callhome_transport():
    assert "callhome_profile_inactive" not in [f["id"] for f in diagnose_fixture("ios_direct_healthy.txt")]


def test_http_client_source_interface_against_the_intended_one():
    # A healthy device whose running-config has no 'ip http client source-interface'; the intended one is Loopback0.
    findings = diagnose_fixture("ios_direct_healthy.txt", intended={"source_interface": "Loopback0", "transport_type": "smart"})
    finding = only(findings, "http_client_source_interface_mismatch")
    assert_shape(finding)
    assert finding["remediation"]["role"] == "transport"
    assert "ip http client source-interface Loopback0" in finding["remediation"]["commands"]
    assert "Loopback0" in evidence_text(finding)
    # Nothing intended, or NX-OS (no such line): no finding.
    assert "http_client_source_interface_mismatch" not in [item["id"] for item in diagnose_fixture("ios_direct_healthy.txt")]
    assert "http_client_source_interface_mismatch" not in [
        item["id"] for item in diagnose_fixture("nxos_callhome.txt", "nxos", intended={"source_interface": "mgmt0"})]


class _Ctx:
    """Just what rules/actions reads: the platform, the intended settings and the parsed running-config."""

    def __init__(self, version, intended):
        self.platform = "ios"
        self.intended = intended
        self.running = {"version": version, "license_smart": {"transport": "smart", "url_smart": SMART_URL, "vrf": None}}


def test_a_line_the_release_lacks_is_not_listed_and_a_note_names_the_alternative():
    # IOS XE 17.3 has no 'license smart vrf' (first in 17.7 by the command table): the transport role never sends it, so the
    # finding's lines leave it out and a note says what to do instead; 17.9 has it.
    early = _Ctx("17.3", {"vrf": "Mgmt-vrf", "transport_type": "smart"})
    assert actions.transport_commands(early, "smart") == []
    notes = actions.transport_not_sent(early, "smart")
    assert len(notes) == 1 and "'license smart vrf Mgmt-vrf'" in notes[0] and "route to the licensing server" in notes[0]
    later = _Ctx("17.9", {"vrf": "Mgmt-vrf", "transport_type": "smart"})
    assert actions.transport_commands(later, "smart") == ["license smart vrf Mgmt-vrf"]
    assert actions.transport_not_sent(later, "smart") == []


def test_ios_callhome_destination_read_from_the_running_config_and_fixed_by_its_profile_line():
    # Only the running-config (no 'show call-home profile all'): the CiscoTAC-1 destination is read from its
    # 'destination address http' line; the fix is the profile's destination line the transport role sends, never
    # 'license smart url' with the DDCEService URL.
    with open(os.path.join(SCENARIOS, "ios-callhome_profile_inactive.yml"), encoding="utf-8") as handle:
        scenario = dict(yaml.safe_load(handle), faults=[])
    device = Device(scenario, LicenseModel)
    wrong = "https://tools.cisco.com/its/service/oddce/services/Wrong"
    text = "\n".join(device.config.to_lines()).replace(CALLHOME_URL, wrong)
    facts = {"show running-config": registry.parse_output("show running-config", text, "ios")}
    findings = engine.diagnose(facts, [], "ios", intended={"topology": "callhome", "transport_type": "callhome"})
    finding = only(findings, "callhome_profile_inactive")
    assert wrong in evidence_text(finding) and "show running-config" in evidence_text(finding)
    assert finding["remediation"]["commands"] == ["call-home", 'profile "CiscoTAC-1"', "destination address http %s" % CALLHOME_URL]
    assert not any(line.startswith("license smart url") for line in finding["remediation"]["commands"])
