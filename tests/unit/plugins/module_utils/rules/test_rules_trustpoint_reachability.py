# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Rules http_client_trustpoint_missing, sla_trustpoint_missing, cslu_http_server_inactive and cssm_unreachable."""

from __future__ import annotations

from rules_helpers import actionable_ids, assert_shape, diagnose_fixture, evidence_text, facts_from_text, only, read

from ansible_collections.smartlic.slp.plugins.module_utils.rules import engine


def test_tls_failure_with_http_client_trustpoint_missing():
    findings = diagnose_fixture("ios_tls_http_client.txt")
    finding = only(findings, "http_client_trustpoint_missing")
    assert_shape(finding)
    assert finding["severity"] == "error"
    assert finding["remediation"]["role"] == "trustpoint"
    assert finding["remediation"]["commands"] == ["ip http client secure-trustpoint SLA-TrustPoint"]
    assert "TLS cert cannot be validated" in evidence_text(finding)
    assert "cssm_unreachable" not in actionable_ids(findings)
    assert "sla_trustpoint_missing" not in actionable_ids(findings)


def test_onprem_tls_failure_with_sla_trustpoint_missing():
    findings = diagnose_fixture("ios_onprem_trustpoint.txt")
    finding = only(findings, "sla_trustpoint_missing")
    assert finding["severity"] == "error"
    assert finding["topology"] == "onprem"
    assert finding["remediation"]["commands"] == ["crypto pki trustpoint SLA-TrustPoint", "enrollment terminal", "revocation-check none"]
    assert "http_client_trustpoint_missing" not in actionable_ids(findings)
    assert "cssm_unreachable" not in actionable_ids(findings)


def test_generic_failure_falls_back_to_cssm_unreachable_with_evidence():
    findings = diagnose_fixture("ios_cssm_unreachable.txt")
    assert actionable_ids(findings) == ["cssm_unreachable"]
    finding = only(findings, "cssm_unreachable")
    assert_shape(finding)
    assert finding["severity"] == "error"
    assert finding["remediation"]["role"] is None
    steps = "\n".join(finding["remediation"]["manual_steps"])
    assert "ping smartreceiver.cisco.com" in steps and "no shutdown" in steps and "ip http client source-interface" in steps
    text = evidence_text(finding)
    assert "Communications failure" in text
    assert "ping 10.245.179.14" in text


def test_recovered_failure_is_not_unreachable():
    findings = diagnose_fixture("ios_direct_healthy.txt")
    assert "cssm_unreachable" not in [f["id"] for f in findings]


def test_404_names_the_server_down():
    text = read("ios_cssm_unreachable.txt").replace("(CSSM) : Communications failure", "(CSSM) : 404 host not found")
    facts, messages, platform = facts_from_text(text)
    finding = only(engine.diagnose(facts, messages, platform), "cssm_unreachable")
    assert any("server is down" in note for note in finding["notes"])


def test_cslu_initiated_without_sl_http():
    facts, messages, platform = facts_from_text(read("ios_reporting_required.txt"))
    # CSLU-initiated: the device never pushed a report and ACKs still arrived.
    for command in ("show license status",):
        facts[command]["usage_reporting"]["last_report_push"] = None
    facts["show ip http server session-module"] = {"modules": {"SL_HTTP": {"active": False}}, "unparsed": [], "warnings": []}
    findings = engine.diagnose(facts, messages, platform)
    finding = only(findings, "cslu_http_server_inactive")
    assert finding["topology"] == "cslu_pull"
    assert finding["severity"] == "error"
    assert "SL_HTTP" in evidence_text(finding)
    assert any("ip http" in step for step in finding["remediation"]["manual_steps"])
    # and the report action is the CSLU one, not a device-side sync
    report = only(findings, "report_ack_overdue")
    assert report["remediation"]["role"] is None
    assert any("CSLU Initiated" in step for step in report["remediation"]["manual_steps"])


def test_sl_http_only_checked_for_server_initiated_topologies():
    facts, messages, platform = facts_from_text(read("ios_reporting_required.txt"))
    facts["show ip http server session-module"] = {"modules": {}, "unparsed": [], "warnings": []}
    assert "cslu_http_server_inactive" not in [f["id"] for f in engine.diagnose(facts, messages, platform)]
