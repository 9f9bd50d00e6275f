# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Rules dns_not_configured and cslu_local_unresolved on real-format captures."""

from __future__ import annotations

from rules_helpers import actionable_ids, assert_shape, diagnose_fixture, evidence_text, only


def test_unresolved_smart_receiver_with_no_name_server():
    findings = diagnose_fixture("ios_dns_missing.txt", intended={"name_servers": ["192.0.2.53"], "domain_name": "example.com"})
    finding = only(findings, "dns_not_configured")
    assert_shape(finding)
    assert finding["severity"] == "error"
    assert finding["remediation"]["role"] == "dns"
    # What the dns role sends to this device: the lines it lacks (name lookup is on, the domain name is there).
    assert finding["remediation"]["commands"] == ["ip name-server 192.0.2.53"]
    text = evidence_text(finding)
    assert "% Unrecognized host or address" in text
    assert "Unable to resolve server hostname" in text
    assert "no name server" in text
    # the specific cause is named; the generic fallback is not reported
    assert "cssm_unreachable" not in actionable_ids(findings)


def test_nxos_name_server_missing_for_the_licensing_vrf():
    findings = diagnose_fixture("nxos_dns_vrf.txt", "nxos", intended={"name_servers": ["192.0.2.53"]})
    finding = only(findings, "dns_not_configured")
    assert finding["severity"] == "error"
    commands = finding["remediation"]["commands"]
    assert "ip name-server 192.0.2.53 use-vrf management" in commands
    assert commands[commands.index("vrf context management") + 1:] == ["ip name-server 192.0.2.53"]
    text = evidence_text(finding)
    assert "% Invalid host/interface cisco.com" in text
    assert "VRF 'management'" in text
    # The check after the fix pings the licensing server of the transport URL, in the licensing VRF.
    assert "ping smartreceiver.cisco.com vrf management" in finding["remediation"]["action"]


def test_nxos_name_server_in_the_vrf_is_enough():
    findings = diagnose_fixture("nxos_healthy.txt", "nxos")
    assert "dns_not_configured" not in [f["id"] for f in findings]


def test_cslu_local_does_not_resolve_real_c9200_log():
    findings = diagnose_fixture("ios_cslu_local.txt", intended={"cslu_local_address": "192.168.0.1"})
    finding = only(findings, "cslu_local_unresolved")
    assert_shape(finding)
    assert finding["severity"] == "error"
    assert finding["remediation"]["role"] == "dns"
    assert finding["remediation"]["commands"] == ["ip host cslu-local 192.168.0.1"]
    assert finding["topology"] == "cslu_push"
    text = evidence_text(finding)
    assert "Unable to resolve server hostname/domain name" in text
    assert "% Unrecognized host or address" in text
    # a cslu-local failure is not reported again as a generic DNS or reachability problem
    assert "dns_not_configured" not in actionable_ids(findings)
    assert "cssm_unreachable" not in actionable_ids(findings)


def test_cslu_local_without_address_asks_for_it():
    finding = only(diagnose_fixture("ios_cslu_local.txt"), "cslu_local_unresolved")
    assert finding["remediation"]["commands"] == ["ip host cslu-local <cslu_address>"]
    assert any("cslu_local_address" in note for note in finding["notes"])


def test_explicit_cslu_url_is_not_a_cslu_local_problem():
    assert "cslu_local_unresolved" not in [f["id"] for f in diagnose_fixture("ios_cslu_url_wrong.txt")]
    assert "cslu_local_unresolved" not in [f["id"] for f in diagnose_fixture("ios_reporting_required.txt")]
