# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The engine: finding shape, order, summary, device time, topology, healthy and recovered devices, informational messages."""

from __future__ import annotations

import os

import pytest
from rules_helpers import FIXTURES, actionable_ids, assert_shape, diagnose_fixture, facts_from_text, only, read

from ansible_collections.smartlic.slp.plugins.module_utils import report
from ansible_collections.smartlic.slp.plugins.module_utils.parsers import syslog
from ansible_collections.smartlic.slp.plugins.module_utils.rules import engine, topology
from ansible_collections.smartlic.slp.plugins.module_utils.rules.context import Context

CAPTURES = sorted(name for name in os.listdir(FIXTURES) if name.endswith(".txt"))


def _platform(name):
    return "nxos" if name.startswith("nxos") else "ios"


@pytest.mark.parametrize("name", CAPTURES)
def test_every_fixture_gives_well_formed_sorted_findings(name):
    findings = diagnose_fixture(name, _platform(name))
    for finding in findings:
        assert_shape(finding)
        assert finding["id"] != "rule_error", finding["notes"]
    assert findings == sorted(findings, key=engine.sort_key)
    assert diagnose_fixture(name, _platform(name)) == findings  # deterministic


@pytest.mark.parametrize("name", CAPTURES)
def test_every_fixture_is_read_by_the_real_parsers(name):
    facts, _messages, _platform_found = facts_from_text(read(name), _platform(name))
    assert facts
    for command, result in facts.items():
        assert not [w for w in result.get("warnings", []) if "not available" in w or "does not look like" in w], (command, result["warnings"])


def test_healthy_direct_device_with_recovered_failure():
    findings = diagnose_fixture("ios_direct_healthy.txt")
    assert actionable_ids(findings) == []
    recovered = only(findings, "recovered_failure")
    assert recovered["event"] == "COMM_FAILED"
    assert any("COMM_RESTORED" in (item.get("line") or "") for item in recovered["evidence"])
    events = sorted(f["event"] for f in findings if f["id"] == "informational_message")
    assert events == ["COMM_RESTORED", "POLICY_INSTALL_SUCCESS", "TRUST_CODE_INSTALL_SUCCESS"]
    summary = report.summarize(findings)
    assert summary["healthy"] is True and summary["actionable"] == 0 and summary["worst"] == "info"


def test_healthy_nxos_device():
    findings = diagnose_fixture("nxos_healthy.txt", "nxos")
    assert actionable_ids(findings) == []


def test_pre_slp_device_gets_one_info_finding():
    findings = diagnose_fixture("ios_pre_slp.txt")
    assert [f["id"] for f in findings] == ["pre_slp_device"]
    assert findings[0]["severity"] == "info"
    assert "do not apply" in findings[0]["title"]


def test_summary_counts_and_roles():
    findings = diagnose_fixture("ios_utility_smart.txt")
    summary = report.summarize(findings)
    assert summary["total"] == len(findings)
    assert summary["actionable"] == sum(1 for f in findings if f["severity"] != "info")
    assert summary["worst"] == "error"
    assert summary["healthy"] is False
    assert "trust_token" in summary["roles"]
    assert report.summarize([]) == {"counts": {"critical": 0, "error": 0, "warning": 0, "info": 0}, "total": 0, "worst": None, "actionable": 0,
                                    "healthy": True, "finding_ids": [], "roles": [],
                                    "by_severity": {"critical": 0, "error": 0, "warning": 0, "info": 0}, "ids": []}


def test_order_is_severity_then_id():
    findings = diagnose_fixture("ios_account_mismatch.txt")
    ranks = [("critical", "error", "warning", "info").index(f["severity"]) for f in findings]
    assert ranks == sorted(ranks)
    errors = [f["id"] for f in findings if f["severity"] == "error"]
    assert errors == sorted(errors)


def test_device_clock_is_now_then_tech_support_then_newest_message():
    facts, messages, platform = facts_from_text(read("ios_ack_overdue_offline.txt"))
    ctx = Context(facts, messages, platform)
    assert ctx.now_source == "show clock" and ctx.now.isoformat() == "2024-06-12T10:00:00"
    facts.pop("show clock")
    late = syslog.parse_messages("Jul  1 10:00:00.000 EDT: %SMART_LIC-6-REPORTING_REQUIRED: A Usage report acknowledgement will be required "
                                 "in 5 days.", 2024)
    ctx = Context(facts, late, platform)
    assert ctx.now_source == "log" and ctx.now.isoformat() == "2024-07-01T10:00:00"
    finding = only(engine.diagnose(facts, late, platform), "report_ack_overdue")
    assert finding["severity"] == "critical"  # deadline Feb 06 2024 against the log's Jul 01 2024


def test_tech_support_current_time_is_the_clock():
    facts, messages, platform = facts_from_text(read("ios_rum_backlog.txt"))
    ctx = Context(facts, messages, platform)
    assert ctx.now_source == "show license tech support"
    assert ctx.now.isoformat() == "2023-12-02T10:15:21"


@pytest.mark.parametrize("name, expected", [
    ("ios_direct_healthy.txt", "direct_smart"),
    ("ios_cslu_local.txt", "cslu_push"),
    ("ios_onprem_url_wrong.txt", "onprem"),
    ("ios_onprem_down_rev.txt", "onprem"),
    ("ios_callhome.txt", "callhome"),
    ("ios_ack_overdue_offline.txt", "offline"),
    ("nxos_onprem_ip.txt", "onprem"),
    ("nxos_healthy.txt", "direct_smart"),
])
def test_topology_from_the_transport(name, expected):
    facts, messages, platform = facts_from_text(read(name), _platform(name))
    assert topology.infer(Context(facts, messages, platform))["name"] == expected


def test_topology_from_messages_and_intent():
    messages = syslog.parse_messages("*Nov 17 18:05:09.580: %SMART_LIC-3-COMM_FAILED: Communications failure with the Cisco Smart License Utility "
                                     "(CSLU) : Unable to resolve server hostname/domain name", 2021)
    assert topology.infer(Context({}, messages, "ios"))["name"] == "cslu_push"
    assert topology.infer(Context({}, messages, "ios", {"topology": "offline"}))["name"] == "offline"


@pytest.mark.parametrize("url, expected", [
    ("http://8.39.22.48/cslu/v1/pi/CUBE%20Regression%20Mirabile-1", True),
    ("https://192.168.0.1/cslu/v1/pi/on-prem-default", True),
    ("https://onprem.example.com/cslu/v1/pi", True),
    ("http://192.168.0.1:8182/cslu/v1/pi", False),
    ("http://172.19.180.22:8182/cslu/v1/pi", False),
    ("cslu-local", False),
])
def test_onprem_url(url, expected):
    assert topology.is_onprem_url(url) is expected


def test_missing_facts_do_not_fire_rules():
    assert engine.diagnose({}, [], "ios") == []
    assert engine.diagnose({"show clock": {"time": "2024-01-01T00:00:00Z", "synchronized": True}}, [], "nxos") == []


def test_unlisted_messages_are_information():
    messages = syslog.parse_messages(read("c9300l_boot_17_3_1.log"))
    findings = engine.diagnose({}, messages, "ios")
    assert actionable_ids(findings) == []
    assert {"AGENT_ENABLED", "EXPORT_CONTROLLED"} <= {f["event"] for f in findings if f["id"] == "unlisted_message"}
