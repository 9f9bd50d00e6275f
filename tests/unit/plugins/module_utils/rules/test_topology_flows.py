# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Every topology of the seeds: what it is read from, and what the reporting findings ask for in it (rules/topology.py).

The same real captures (an IOS XE device on CSLU with REPORTING_REQUIRED, an NX-OS switch with REPORTING_REQUIRED) are
diagnosed as each topology: 'license smart sync' only where the product instance initiates (seeds 000 and 001,
REPORTING_REQUIRED / UTILITY_NO_ACK / POLICY_REMOVED), manual steps elsewhere, and remediate plans the sync role only then.
"""

from __future__ import annotations

import pytest
from rules_helpers import diagnose_fixture, facts_from_text, only, read

from ansible_collections.smartlic.slp.plugins.module_utils import remediation_plan
from ansible_collections.smartlic.slp.plugins.module_utils.rules import engine, topology
from ansible_collections.smartlic.slp.plugins.module_utils.rules.context import Context

IOS_SYNC = "license smart sync all"
NXOS_SYNC = "license smart sync"

# flow -> (remediate runs sync, words the action or steps must hold)
EXPECTED = {
    "direct_smart": (True, ["Connected directly to CSSM"]),
    "callhome": (True, ["Connected directly to CSSM"]),
    "cslu_push": (True, ["product instance-initiated", "If CSLU is not logged into CSSM"]),
    "cslu_disconnected_push": (True, ["CSLU disconnected from CSSM", "Export to CSSM", "Import from CSSM"]),
    "cslu_pull": (False, ["CSLU-initiated", "Collecting Usage Reports: CSLU Initiated"]),
    "cslu_disconnected_pull": (False, ["Collecting Usage Reports: CSLU Initiated", "Export to CSSM", "Import from CSSM"]),
    "onprem_push": (True, ["SSM On-Prem (product instance-initiated)", "Synchronize now with Cisco"]),
    "onprem_pull": (False, ["SSM On-Prem-initiated", "Synchronise now with the device"]),
    "offline": (True, ["No connectivity to CSSM", "Uploading Data or Requests to CSSM", "license smart import"]),
    "controller": (False, ["controller", "Upload Resource Utilization Details to CSSM"]),
}


def _words(finding):
    remediation = finding["remediation"]
    return " ".join([remediation["action"]] + remediation["manual_steps"])


@pytest.mark.parametrize("flow", sorted(EXPECTED))
@pytest.mark.parametrize("fixture, platform, sync", [("ios_reporting_required.txt", "ios", IOS_SYNC),
                                                     ("nxos_report_required.txt", "nxos", NXOS_SYNC)])
def test_report_ack_flow_per_topology(flow, fixture, platform, sync):
    findings = diagnose_fixture(fixture, intended={"topology": flow})
    finding = only(findings, "report_ack_overdue")
    runs_sync, words = EXPECTED[flow]
    for word in words:
        assert word in _words(finding), (flow, word, _words(finding))
    commands = finding["remediation"]["commands"]
    the_plan = remediation_plan.plan(findings, {"ntp_servers": ["192.0.2.1"], "name_servers": ["192.0.2.53"], "transport_type": "cslu"})
    if runs_sync:
        assert finding["remediation"]["role"] == "sync"
        assert "sync" in the_plan["roles"]
        if flow == "offline":
            assert len(commands) == 1 and commands[0].startswith("license smart save usage")
        else:
            assert commands == [sync]
    else:
        # Nothing is sent: no role, no command, and the summary lists the finding as manual with the seed's steps.
        assert finding["remediation"]["role"] is None
        assert commands == []
        assert "sync" not in the_plan["wanted"]
        summary = remediation_plan.summarize("h", the_plan, {}, {}, None, check_mode=True)
        manual = [item for item in summary["manual"] if item["id"] == "report_ack_overdue"]
        assert manual and manual[0]["manual_steps"] and manual[0]["why"] == "needs a person"
    assert not any(sync in step for step in finding["remediation"]["manual_steps"]) or runs_sync


@pytest.mark.parametrize("flow, name, initiated, connected", [
    ("cslu_disconnected_push", "cslu_push", "device", False),
    ("cslu_disconnected_pull", "cslu_pull", "server", False),
    ("onprem_push", "onprem", "device", None),
    ("onprem_pull", "onprem", "server", None),
    ("controller", "controller", "server", None),
])
def test_intended_fine_topology_names(flow, name, initiated, connected):
    facts, messages, platform = facts_from_text(read("ios_reporting_required.txt"))
    info = topology.infer(Context(facts, messages, platform, {"topology": flow}))
    assert (info["name"], info["flow"], info["initiated"], info["cssm_connected"]) == (name, flow, initiated, connected)
    assert info["label"] == topology.FLOWS[flow][3]


def test_inferred_topologies_of_real_captures():
    cases = {
        "ios_reporting_required.txt": ("cslu_push", "cslu_push"),
        "ios_ack_overdue_offline.txt": ("offline", "offline"),
        "ios_callhome.txt": ("callhome", "callhome"),
        "ios_direct_healthy.txt": ("direct_smart", "direct_smart"),
        "ios_onprem_down_rev.txt": ("onprem", "onprem_push"),
        "nxos_onprem_ip.txt": ("onprem", "onprem_push"),
    }
    for name, expected in cases.items():
        facts, messages, platform = facts_from_text(read(name))
        info = topology.infer(Context(facts, messages, platform))
        assert (info["name"], info["flow"]) == expected, name


def test_utility_mode_is_flagged_and_keeps_its_topology():
    facts, messages, platform = facts_from_text(read("ios_utility_smart.txt"))
    info = topology.infer(Context(facts, messages, platform))
    assert info["utility"] is True and info["name"] == "direct_smart"


def test_onprem_pull_is_read_from_the_usage_dates():
    # An SSM On-Prem device that receives ACKs but never pushed a report: SSM On-Prem pulls.
    text = read("ios_onprem_no_ack.txt")
    facts, messages, platform = facts_from_text(text)
    usage = facts["show license all"].setdefault("usage_reporting", {})
    usage["last_ack_received"] = usage.get("last_ack_received") or "2024-01-01T00:00:00"
    usage["last_report_push"] = None
    usage["last_report_file_write"] = None
    info = topology.infer(Context(facts, messages, platform))
    assert (info["name"], info["flow"], info["initiated"]) == ("onprem", "onprem_pull", "server")


def test_policy_removed_per_topology():
    text = read("ios_policy_removed.txt")
    facts, messages, platform = facts_from_text(text)
    roles = {}
    for flow in sorted(EXPECTED):
        finding = only(engine.diagnose(facts, messages, platform, intended={"topology": flow}), "policy_removed")
        roles[flow] = finding["remediation"]["role"]
    assert roles == {"callhome": None, "controller": None, "cslu_disconnected_pull": None, "cslu_disconnected_push": "sync",
                     "cslu_pull": None, "cslu_push": "sync", "direct_smart": None, "offline": None, "onprem_pull": None, "onprem_push": "sync"}


def test_a_report_without_remediation_roles_still_plans_sync():
    # Findings from an older report (no remediation key): the catalogue's mapping decides, as before.
    the_plan = remediation_plan.plan([{"id": "report_ack_overdue", "severity": "critical"}], {})
    assert the_plan["roles"] == ["sync"]
