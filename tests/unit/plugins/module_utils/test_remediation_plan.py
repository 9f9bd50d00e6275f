# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Remediation planning: findings → roles, and role results → the host's summary."""

from __future__ import annotations

import pytest
from ansible.errors import AnsibleFilterError

from ansible_collections.smartlic.slp.plugins.filter import slp_remediation_plan as plan_filter
from ansible_collections.smartlic.slp.plugins.filter import slp_remediation_summary as summary_filter
from ansible_collections.smartlic.slp.plugins.module_utils import pipeline
from ansible_collections.smartlic.slp.plugins.module_utils import remediation_plan as rp
from ansible_collections.smartlic.slp.tests.unit.plugins.diagnosis_fixtures import captures

STATUS = captures.read("ios_show_license_status_genie_1.txt")
CLOCK = captures.read("ios_show_clock_genie_1.txt").split("\n", 1)[1]
LOG = captures.read("c9200_show_logging.txt")


def real_findings():
    """Findings of the real C9200 outputs (CSLU transport, cslu-local unresolved, clock not synchronised)."""
    outputs = [("show license status", STATUS), ("show clock", CLOCK), ("show logging", LOG)]
    return pipeline.analyze_outputs(outputs, "ios", host="C9200")["findings"]


def finding(fid, severity="error", role=None, action="", steps=None):
    remediation = {"action": action, "manual_steps": steps or []}
    if role:
        remediation["role"] = role
    return {"id": fid, "severity": severity, "title": fid.replace("_", " "), "remediation": remediation}


def test_real_findings_ask_for_the_clock_fix_first():
    findings = real_findings()
    ids = {item["id"] for item in findings}
    assert "clock_not_synchronized" in ids
    plan = rp.plan(findings, {"ntp_servers": ["192.0.2.123"], "cslu_local_address": "192.0.2.80", "name_servers": []})
    assert plan["wanted"][0] == "ntp"
    assert plan["roles"][0] == "ntp"
    # Every actionable finding is kept, and nothing below warning.
    assert all(item["severity"] in rp.ACTIONABLE for item in plan["findings"])
    assert set(plan["ids"]) == {item["id"] for item in findings if item["severity"] in rp.ACTIONABLE}


def test_roles_follow_the_fix_order_whatever_the_finding_order():
    findings = [finding("report_ack_overdue"), finding("trust_code_missing"), finding("dns_not_configured"), finding("clock_not_synchronized")]
    settings = {"ntp_servers": ["192.0.2.1"], "name_servers": ["192.0.2.53"], "has_id_token": True}
    assert rp.plan(findings, settings)["roles"] == ["ntp", "dns", "trust_token", "sync"]


def test_info_findings_and_unmapped_findings_select_no_role():
    findings = [finding("clock_not_synchronized", severity="info"), finding("account_mismatch")]
    plan = rp.plan(findings, {"ntp_servers": ["192.0.2.1"]})
    assert plan["ids"] == ["account_mismatch"]
    assert plan["wanted"] == []


def test_a_finding_that_names_its_role_selects_it():
    plan = rp.plan([finding("some_new_finding", role="sync")])
    assert plan["wanted"] == ["sync"]


def test_missing_settings_block_roles_with_the_variable_to_set():
    findings = [finding("clock_not_synchronized"), finding("dns_not_configured"), finding("transport_url_incorrect"), finding("trust_code_missing")]
    plan = rp.plan(findings, {})
    assert plan["roles"] == []
    assert plan["blocked"] == {
        "ntp": "set smartlic_ntp_servers",
        "dns": "set smartlic_name_servers (or smartlic_cslu_local_address for cslu-local)",
        "transport": "set smartlic_transport_type",
        "trust_token": "set smartlic_id_token (an ID token from CSSM)",
    }


def test_force_is_needed_only_when_the_only_trust_finding_is_already_installed():
    installed = [finding("trust_code_already_installed")]
    assert "force" in rp.plan(installed, {"has_id_token": True})["blocked"]["trust_token"]
    assert rp.plan(installed, {"has_id_token": True, "trust_force": True})["roles"] == ["trust_token"]
    both = installed + [finding("trust_code_missing")]
    assert rp.plan(both, {"has_id_token": True})["roles"] == ["trust_token"]


def test_cslu_local_address_only_when_the_transport_relies_on_it():
    settings = {"cslu_local_address": "192.0.2.80"}
    assert rp.plan([finding("cslu_local_unresolved")], settings)["cslu_local"] == "192.0.2.80"
    assert rp.plan([finding("dns_not_configured")], settings)["cslu_local"] == ""
    # The address alone unblocks dns when the URL uses cslu-local.
    url = dict(settings, transport_url="http://cslu-local:8182/cslu/v1/pi")
    assert rp.plan([finding("dns_not_configured")], url)["roles"] == ["dns"]


def test_only_and_skip_narrow_the_roles():
    findings = [finding("clock_not_synchronized"), finding("report_ack_overdue")]
    settings = {"ntp_servers": ["192.0.2.1"]}
    assert rp.plan(findings, settings, only=["sync"])["roles"] == ["sync"]
    assert rp.plan(findings, settings, skip=["sync"])["roles"] == ["ntp"]


def test_odd_input_is_no_plan():
    for junk in (None, "text", 3, [None, "x", {"severity": "error"}]):
        plan = rp.plan(junk, junk, junk, junk)
        assert plan["roles"] == []


def summary_of(findings, settings, results, failures=None, after=None, check_mode=False):
    plan = rp.plan(findings, settings)
    return rp.summarize("edge-1", plan, results, failures or {}, after, check_mode, "reports")


def test_summary_of_a_fix_that_took():
    findings = [finding("clock_not_synchronized")]
    summary = summary_of(findings, {"ntp_servers": ["192.0.2.1"]},
                         {"ntp": {"changed": True, "commands": ["ntp server 192.0.2.1 prefer"], "msg": "synchronised"}}, after=[])
    assert summary["roles"]["ntp"]["status"] == "changed"
    assert summary["fixed"] == ["clock_not_synchronized"]
    assert summary["remaining"] == [] and summary["failed"] == []
    assert summary["lines"] == ["ntp: changed - ntp server 192.0.2.1 prefer"]


def test_check_mode_reports_would_change_and_what_would_run():
    findings = [finding("clock_not_synchronized"), finding("report_ack_overdue")]
    results = {"ntp": {"changed": True, "commands": ["ntp server 192.0.2.1 prefer"]},
               "sync": {"changed": True, "would_run": ["license smart sync local"]}}
    summary = summary_of(findings, {"ntp_servers": ["192.0.2.1"]}, results, after=[], check_mode=True)
    assert summary["check_mode"] is True
    assert summary["roles"]["sync"] == {"status": "would_change", "commands": ["license smart sync local"], "msg": ""}
    # No second diagnosis in check mode: the findings stay as they were.
    assert summary["remaining"] == ["clock_not_synchronized", "report_ack_overdue"]


def test_a_config_fix_the_second_diagnosis_still_sees_has_failed():
    findings = [finding("dns_not_configured")]
    summary = summary_of(findings, {"name_servers": ["192.0.2.53"]}, {"dns": {"changed": True, "commands": ["ip name-server 192.0.2.53"]}},
                         after=[finding("dns_not_configured")])
    assert summary["failed"] == ["dns"]
    assert summary["roles"]["dns"]["reason"] == (
        "sent ip name-server 192.0.2.53 but the second diagnosis still reports dns_not_configured (see reports/after)")


def test_a_caught_failure_keeps_the_commands_already_sent():
    findings = [finding("trust_code_missing")]
    summary = summary_of(findings, {"has_id_token": True}, {"trust_token": {"commands": ["license smart trust idtoken ******** local"]}},
                         failures={"trust_token": "TRUST_CODE_INSTALL_FAILED"}, after=[finding("trust_code_missing")])
    assert summary["roles"]["trust_token"] == {"status": "failed", "reason": "TRUST_CODE_INSTALL_FAILED",
                                               "commands": ["license smart trust idtoken ******** local"], "msg": ""}


def test_a_fix_cut_off_while_sending_says_what_it_was_sending_and_what_is_left():
    findings = [finding("dns_not_configured")]
    interrupted = {"dns": {"changed": False, "interrupted": True, "commands": ["ip domain lookup", "ip name-server 192.0.2.53"]}}
    summary = summary_of(findings, {"name_servers": ["192.0.2.53"]}, interrupted,
                         failures={"dns": "the connection closed"}, after=[finding("dns_not_configured")])
    assert summary["failed"] == ["dns"]
    assert summary["roles"]["dns"]["reason"] == (
        "the connection closed; it stopped while sending ip domain lookup; ip name-server 192.0.2.53; the second "
        "diagnosis still reports dns_not_configured (see reports/after): run the remediation again")
    # A failure before anything was being sent is reported as it came.
    summary = summary_of(findings, {"name_servers": ["192.0.2.53"]}, {}, failures={"dns": "bad settings"},
                         after=[finding("dns_not_configured")])
    assert summary["roles"]["dns"]["reason"] == "bad settings"


def test_manual_findings_say_why_and_what_to_do():
    findings = [finding("account_mismatch", action="Use a token from the right account", steps=["Open CSSM", "Generate a token"]),
                finding("trust_code_missing"), finding("clock_not_synchronized")]
    summary = summary_of(findings, {"ntp_servers": ["192.0.2.1"]}, {"ntp": {"changed": False}}, after=[], check_mode=False)
    manual = {item["id"]: item for item in summary["manual"]}
    assert manual["account_mismatch"]["why"] == "needs a person"
    assert manual["trust_code_missing"]["why"] == "set smartlic_id_token (an ID token from CSSM)"
    assert "clock_not_synchronized" not in manual
    assert "manual: account_mismatch (needs a person) - Open CSSM Generate a token" in summary["lines"]
    assert summary["roles"]["trust_token"]["status"] == "blocked"


def test_roles_that_need_the_clock_are_named():
    findings = [finding("report_ack_overdue"), finding("trust_code_missing"), finding("clock_not_synchronized")]
    settings = {"ntp_servers": ["192.0.2.1"], "has_id_token": True}
    assert rp.plan(findings, settings)["clock_roles"] == ["trust_token", "sync"]
    assert rp.plan(findings, {"ntp_servers": ["192.0.2.1"]})["clock_roles"] == ["sync"]  # trust_token blocked: no token


PENDING_ACK = {"sent": ["license smart sync all"], "sent_at": "2026-11-22T17:40:10Z", "recheck_after": "2026-11-22T17:55:10Z",
               "how": "re-run smartlic.slp.diagnose after 2026-11-22T17:55:10Z"}


def test_a_pending_fix_is_not_a_failure():
    findings = [finding("report_ack_overdue")]
    results = {"sync": {"changed": True, "outcome": "pending", "commands": ["license smart sync all"], "pending": PENDING_ACK, "msg": "pending"}}
    summary = summary_of(findings, {}, results, after=[finding("report_ack_overdue")])
    entry = summary["roles"]["sync"]
    assert entry["status"] == "pending" and entry["recheck_after"] == "2026-11-22T17:55:10Z"
    assert entry["commands"] == ["license smart sync all"]
    assert entry["reason"] == ("sent license smart sync all; the device took it but its effect has not shown yet: re-run "
                               "smartlic.slp.diagnose after 2026-11-22T17:55:10Z")
    assert summary["failed"] == [] and summary["pending"] == ["sync"]
    assert summary["remaining"] == ["report_ack_overdue"]
    assert summary["lines"] == ["sync: pending - " + entry["reason"]]


def test_a_pending_clock_is_not_failed_although_the_second_diagnosis_still_sees_it():
    findings = [finding("clock_not_synchronized"), finding("trust_code_missing")]
    ntp = {"changed": True, "outcome": "pending", "commands": ["ntp server 192.0.2.1 prefer"],
           "pending": {"sent": ["ntp server 192.0.2.1 prefer"], "recheck_after": "2026-11-22T18:00:00Z",
                       "how": "re-run smartlic.slp.diagnose after 2026-11-22T18:00:00Z"}}
    deferred = {"changed": False, "outcome": "deferred", "commands": [], "pending": {"recheck_after": "2026-11-22T18:00:00Z"},
                "msg": "not run: it needs a synchronised clock and the ntp fix is still pending"}
    summary = summary_of(findings, {"ntp_servers": ["192.0.2.1"], "has_id_token": True}, {"ntp": ntp, "trust_token": deferred},
                         after=[finding("clock_not_synchronized"), finding("trust_code_missing")])
    assert summary["roles"]["ntp"]["status"] == "pending"
    assert "until then the diagnosis still reports clock_not_synchronized" in summary["roles"]["ntp"]["reason"]
    assert summary["roles"]["trust_token"] == {"status": "deferred", "commands": [], "reason": deferred["msg"],
                                               "recheck_after": "2026-11-22T18:00:00Z", "msg": deferred["msg"]}
    assert summary["failed"] == [] and summary["pending"] == ["ntp", "trust_token"]
    # A refusal stays a failure, whatever else is pending.
    summary = summary_of(findings, {"ntp_servers": ["192.0.2.1"], "has_id_token": True}, {"ntp": ntp},
                         failures={"trust_token": "TRUST_CODE_INSTALL_FAILED: Timestamp mismatch"}, after=[])
    assert summary["failed"] == ["trust_token"] and summary["pending"] == ["ntp"]
    # In check mode nothing is pending: it would change.
    summary = summary_of(findings, {"ntp_servers": ["192.0.2.1"]}, {"ntp": dict(ntp, outcome="check_mode")}, check_mode=True)
    assert summary["roles"]["ntp"]["status"] == "would_change"


def test_nothing_to_fix():
    assert rp.summarize("edge-1", rp.plan([]))["lines"] == ["nothing to fix"]


def test_filters_check_their_input():
    with pytest.raises(AnsibleFilterError, match="only and skip take role names from ntp, dns.*unknown: nttp"):
        plan_filter.slp_remediation_plan([], {}, ["nttp"])
    with pytest.raises(AnsibleFilterError, match="the input \\(findings\\) must be a list"):
        plan_filter.slp_remediation_plan("clock_not_synchronized")
    with pytest.raises(AnsibleFilterError, match="the input \\(a plan\\) must be a dictionary"):
        summary_filter.slp_remediation_summary([], "edge-1")


def test_filters_give_what_the_library_gives():
    findings = real_findings()
    plan = plan_filter.slp_remediation_plan(findings, {"ntp_servers": ["192.0.2.1"]})
    assert plan == rp.plan(findings, {"ntp_servers": ["192.0.2.1"]})
    summary = summary_filter.slp_remediation_summary(plan, "C9200", {}, {}, None, "yes")
    assert summary["check_mode"] is True
    assert summary == rp.summarize("C9200", plan, {}, {}, None, True, "")
