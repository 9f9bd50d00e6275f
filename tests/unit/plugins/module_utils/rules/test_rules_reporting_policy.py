# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Rules report_ack_overdue, usage_report_failed, rum_report_backlog, utility_subscription_missing, policy_removed, onprem_*."""

from __future__ import annotations

from rules_helpers import actionable_ids, assert_shape, diagnose_fixture, evidence_text, facts_from_text, only, read

from ansible_collections.smartlic.slp.plugins.module_utils.parsers import syslog
from ansible_collections.smartlic.slp.plugins.module_utils.rules import engine


def test_offline_ack_deadline_passed_on_the_device_clock():
    finding = only(diagnose_fixture("ios_ack_overdue_offline.txt"), "report_ack_overdue")
    assert_shape(finding)
    assert finding["severity"] == "critical"
    assert finding["topology"] == "offline"
    # Feb 06 2024 10:31 deadline, device clock Jun 12 2024 10:00: 126.98 days past, 126 whole days, shown once everywhere
    assert finding["days_left"] == -126
    assert finding["title"] == "Usage report ACK overdue by 126 day(s)"
    assert "the Next ACK deadline has passed: overdue by 126 day(s)" in finding["severity_reason"]
    # The sync role's offline mode saves the usage on the device (the step the seed asks for); the rest is manual.
    assert finding["remediation"]["role"] == "sync"
    assert finding["remediation"]["commands"] == ["license smart save usage all file flash:slp_usage.txt"]
    steps = "\n".join(finding["remediation"]["manual_steps"])
    assert "Uploading Data or Requests to CSSM" in steps and "license smart import" in steps
    assert "Feb 06 10:31:23 2024 EDT" in evidence_text(finding)


def test_without_a_clock_the_deadline_is_not_judged():
    facts, messages, platform = facts_from_text(read("ios_ack_overdue_offline.txt"))
    facts.pop("show clock")
    assert "report_ack_overdue" not in [f["id"] for f in engine.diagnose(facts, messages, platform)]


def test_reporting_required_with_five_days_left_cslu():
    findings = diagnose_fixture("ios_reporting_required.txt")
    finding = only(findings, "report_ack_overdue")
    assert finding["severity"] == "warning"
    assert finding["topology"] == "cslu_push"
    assert finding["remediation"]["role"] == "sync"
    assert finding["remediation"]["commands"] == ["license smart sync all"]
    assert finding["days_left"] == 5
    assert finding["title"] == "Usage report ACK due: 5 day(s) left"
    assert "REPORTING_REQUIRED" in evidence_text(finding)


def test_nxos_reporting_required_direct():
    finding = only(diagnose_fixture("nxos_report_required.txt", "nxos"), "report_ack_overdue")
    assert finding["severity"] == "warning"
    assert finding["remediation"]["commands"] == ["license smart sync"]
    assert any("does not affect any function of the switch" in note for note in finding["notes"])


def test_reporting_required_far_away_is_information():
    messages = syslog.parse_messages("Nov 19 14:54:45.907: %SMART_LIC-6-REPORTING_REQUIRED: A Usage report acknowledgement will be required in "
                                     "364 days.", 2022)
    findings = engine.diagnose({}, messages, "ios")
    assert actionable_ids(findings) == []
    assert only(findings, "informational_message")["event"] == "REPORTING_REQUIRED"


def test_utility_messages():
    findings = diagnose_fixture("ios_utility_smart.txt")
    ack = only(findings, "report_ack_overdue")
    assert ack["severity"] == "error"
    assert "UTILITY_NO_ACK" in evidence_text(ack)
    failed = only(findings, "usage_report_failed")
    assert failed["severity"] == "error"
    assert "UTILITY_REPORT_FAILED" in evidence_text(failed)
    assert any("trust_code_missing" in note for note in failed["notes"])
    subscription = only(findings, "utility_subscription_missing")
    assert subscription["severity"] == "warning"
    assert subscription["licenses"] == ["network-advantage"]
    assert "CCW" in subscription["remediation"]["manual_steps"][0]


def test_usage_report_recovered_by_utility_started():
    messages = syslog.parse_messages("\n".join([
        "Dec  6 08:51:13.771 UTC: %SMART_LIC-3-UTILITY_REPORT_FAILED: Smart Agent for Licensing Utility has failed to send usage Report.",
        "Dec  6 09:51:13.771 UTC: %SMART_LIC-6-UTILITY_STARTED: Smart Agent for Licensing Utility has started sending usage reports",
    ]), 2021)
    findings = engine.diagnose({}, messages, "ios")
    assert actionable_ids(findings) == []
    assert only(findings, "recovered_failure")["event"] == "UTILITY_REPORT_FAILED"


def test_nxos_failed_to_send_usage_report_text():
    message = {"facility": "LICMGR", "severity": 3, "mnemonic": "LOG_SMART_LIC_COMM_FAILED", "event": "COMM_FAILED", "platform": "nxos",
               "text": "Communications failure with the Cisco Smart Software Manager (CSSM) : Failed to send usage report",
               "timestamp": "2023-08-03T20:30:11", "variables": {"peer": "Cisco Smart Software Manager (CSSM)", "error": "Failed to send usage report"},
               "known": True, "raw": "2023 Aug  3 20:30:11 switch %LICMGR-3-LOG_SMART_LIC_COMM_FAILED: Communications failure with the Cisco "
                                     "Smart Software Manager (CSSM) : Failed to send usage report"}
    finding = only(engine.diagnose({}, [message], "nxos"), "usage_report_failed")
    assert "Failed to send usage report" in evidence_text(finding)
    assert "%LICMGR-3-COMM_FAILED" in "\n".join(finding["remediation"]["manual_steps"])


def test_rum_backlog_real_tech_support():
    finding = only(diagnose_fixture("ios_rum_backlog.txt"), "rum_report_backlog")
    assert finding["severity"] == "warning"
    assert finding["unacknowledged"] == 349
    assert finding["purged"] == 902
    assert "upgrade to a release with the fix" in "\n".join(finding["remediation"]["manual_steps"])
    assert "349" in evidence_text(finding)


def test_rum_id_all_unacknowledged_count():
    facts = {"show license rum id all": {"reports": [{"id": n, "state": "CLOSED"} for n in range(120)], "unacknowledged": 120,
                                         "unparsed": [], "warnings": []}}
    finding = only(engine.diagnose(facts, [], "ios"), "rum_report_backlog")
    assert finding["unacknowledged"] == 120
    facts["show license rum id all"]["unacknowledged"] = 12
    assert "rum_report_backlog" not in [f["id"] for f in engine.diagnose(facts, [], "ios")]


def test_policy_removed_direct_with_trust_waits_for_cssm():
    # Seed 000 POLICY_REMOVED, Connected Directly to CSSM: with trust established CSSM returns the policy by itself; nothing to send.
    finding = only(diagnose_fixture("ios_policy_removed.txt"), "policy_removed")
    assert_shape(finding)
    assert finding["severity"] == "warning"
    assert finding["remediation"]["role"] is None
    assert finding["remediation"]["commands"] == []
    assert "returns the policy automatically" in finding["remediation"]["action"]
    assert finding["remediation"]["manual_steps"][0].startswith("1. If the policy was removed intentionally")


def test_policy_removed_direct_without_trust_needs_a_token():
    text = read("ios_policy_removed.txt").replace("Trust Code Installed: Dec 03 08:23:45 2021 UTC", "Trust Code Installed: <none>")
    facts, messages, platform = facts_from_text(text)
    findings = engine.diagnose(facts, messages, platform)
    assert only(findings, "policy_removed")["remediation"]["role"] == "trust_token"


def test_policy_reinstalled_is_history():
    text = read("ios_policy_removed.txt").replace(
        "%SMART_LIC-3-POLICY_REMOVED: The licensing policy has been removed.",
        "%SMART_LIC-3-POLICY_REMOVED: The licensing policy has been removed.\n"
        "Dec  6 09:05:00.000 UTC: %SMART_LIC-6-POLICY_INSTALL_SUCCESS: A new licensing policy was successfully installed.")
    facts, messages, platform = facts_from_text(text)
    findings = engine.diagnose(facts, messages, platform)
    assert "policy_removed" not in actionable_ids(findings)
    assert any(f["id"] == "recovered_failure" and f["event"] == "POLICY_REMOVED" for f in findings)


def test_onprem_down_rev_real_message():
    finding = only(diagnose_fixture("ios_onprem_down_rev.txt"), "onprem_down_rev")
    assert finding["severity"] == "error"
    assert finding["topology"] == "onprem"
    assert "down rev" in evidence_text(finding)
    assert any("Upgrade SSM On-Prem" in step for step in finding["remediation"]["manual_steps"])


def test_onprem_reports_pushed_without_ack():
    findings = diagnose_fixture("ios_onprem_no_ack.txt")
    finding = only(findings, "onprem_record_not_found")
    assert finding["confidence"] == "low"
    assert finding["severity"] == "warning"
    assert any("record not found" in step for step in finding["remediation"]["manual_steps"])
    assert only(findings, "report_ack_overdue")["severity"] == "critical"


def test_onprem_healthy_has_no_record_finding():
    assert "onprem_record_not_found" not in [f["id"] for f in diagnose_fixture("ios_onprem_down_rev.txt")]
