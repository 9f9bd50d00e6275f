# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Every topology of the seeds on the lab: the right findings, only the topology's own commands, manual steps for the rest.

The devices of tests/lab/scenarios/*-topology-*.yml and nxos-report_ack_overdue.yml, all with an overdue usage report
ACK, in the shared lab fleet (tests/integration/shared_fleet.py); three of its real ansible-playbook runs through
network_cli: diagnose, remediate, remediate again (between the first two, a check run that sends only reads). The
device's command log (tests/lab/harness.py) is the judge of what each run sent:

- where the product instance initiates reporting (direct, CSLU push, SSM On-Prem push, call-home, utility mode) the
  only change sent is the sync command of the platform (IOS XE 'license smart sync all', NX-OS 'license smart sync');
  offline it is 'license smart save usage' (seeds 000 / 001, REPORTING_REQUIRED);
- where CSLU or SSM On-Prem initiate, and under a controller, nothing is sent and the finding is listed as manual with
  the seed's steps; the same where the ACK waits on CSLU's export / import or SSM On-Prem's record, after one sync,
  and for a down-rev SSM On-Prem;
- the second remediate run sends nothing and changes nothing;
- on NX-OS the diagnosis also reads show license tech support and show license history message (seed 001).

Lab ACK delay 3 s, the sync role's wait cut to 15 s for the devices no ACK reaches. Runtime: the shared fleet's (about
8 minutes on 2 shared cores, with test_report_matches_check.py and test_trustpoint_certificate.py).
"""

from __future__ import annotations

import json
import os
import re

import pytest

from tests.integration.shared_fleet import TOPOLOGY_HOSTS, sent

pytestmark = pytest.mark.integration

IOS_SYNC, NXOS_SYNC = "license smart sync all", "license smart sync"
ACK = "report_ack_overdue"
# host -> (the rules' topology of the finding, the changes remediate sends, what stays for a person)
EXPECTED = {
    "nxos-report-ack-overdue": ("direct_smart", [NXOS_SYNC], []),
    "ios-topology-cslu-push": ("cslu_push", [IOS_SYNC], []),
    "ios-topology-cslu-pull": ("cslu_pull", [], [ACK]),
    "ios-topology-cslu-disconnected-push": ("cslu_push", [IOS_SYNC], [ACK]),
    "ios-topology-cslu-disconnected-pull": ("cslu_pull", [], [ACK]),
    "ios-topology-onprem-push": ("onprem", [IOS_SYNC], []),
    "ios-topology-onprem-pull": ("onprem", [], [ACK]),
    "ios-topology-onprem-record-not-found": ("onprem", [IOS_SYNC], [ACK, "onprem_record_not_found"]),
    "ios-topology-callhome": ("callhome", [IOS_SYNC], []),
    "ios-topology-offline": ("offline", ["license smart save usage all file flash:slp_usage.txt"], [ACK]),
    "ios-topology-controller": ("controller", [], [ACK]),
    "ios-topology-utility": ("direct_smart", [IOS_SYNC], []),
    "nxos-topology-cslu-push": ("cslu_push", [NXOS_SYNC], []),
    "nxos-topology-cslu-disconnected-push": ("cslu_push", [NXOS_SYNC], [ACK]),
    "nxos-topology-onprem-record-not-found": ("onprem", [NXOS_SYNC], [ACK, "onprem_record_not_found"]),
    "ios-topology-onprem-down-rev": ("onprem", [], ["onprem_down_rev"]),
    "nxos-topology-onprem-down-rev": ("onprem", [], ["onprem_down_rev"]),
}
# The finding each host is about (the overdue ACK unless named here).
PRIMARY = {"ios-topology-onprem-down-rev": "onprem_down_rev", "nxos-topology-onprem-down-rev": "onprem_down_rev"}
# The seed's words each manual ACK must carry, by host.
MANUAL_WORDS = {
    "ios-topology-cslu-pull": "Collecting Usage Reports: CSLU Initiated",
    "ios-topology-cslu-disconnected-pull": "Export to CSSM",
    "ios-topology-onprem-pull": "Synchronise now with the device",
    "ios-topology-controller": "Upload Resource Utilization Details to CSSM",
    "ios-topology-cslu-disconnected-push": "Import from CSSM",
    "nxos-topology-cslu-disconnected-push": "Upload From Cisco",
    "ios-topology-onprem-record-not-found": "Synchronize now with Cisco",
    "nxos-topology-onprem-record-not-found": "Synchronize now with Cisco",
    "ios-topology-onprem-down-rev": "Migrating to a Version of SSM On-Prem",
    "nxos-topology-onprem-down-rev": "supported topologies",
}
# What leaves a device as it is: reads, and what the platform plugins and the file transfers send.
READ_ONLY = re.compile(r"^(?:show |dir |more |terminal (?:length|width) |enable$)")
RECAP = re.compile(r"^(\S+)\s*: ok=\d+\s+changed=(\d+)\s+unreachable=(\d+)\s+failed=(\d+)", re.MULTILINE)


@pytest.fixture(name="fleet", scope="module")
def fixture_fleet(shared_fleet):
    assert sorted(TOPOLOGY_HOSTS) == sorted(EXPECTED)
    runs = {name: shared_fleet["runs"][name] for name in ("diagnose", "fix", "again")}
    return {"shared": shared_fleet, "runs": runs, "work": shared_fleet["work"], "targets": shared_fleet["targets"]}


def _sent(fleet, name, host):
    return sent(fleet["shared"], name, host)


def _changes(fleet, name, host):
    return [line for line in _sent(fleet, name, host) if not READ_ONLY.match(line.strip())]


def _report(fleet, name, host):
    with open(os.path.join(str(fleet["work"] / name), "%s.json" % host), encoding="utf-8") as handle:
        return json.load(handle)


def _summary(fleet, name):
    with open(os.path.join(str(fleet["work"] / name), "remediation", "summary.json"), encoding="utf-8") as handle:
        return {item["host"]: item for item in json.load(handle)["hosts"]}


def _recap(fleet, name):
    return {host: (int(changed), int(unreachable), int(failed)) for host, changed, unreachable, failed in RECAP.findall(fleet["runs"][name].stdout)}


def test_every_run_reaches_every_host(fleet):
    # Every run of the shared fleet reached every host it targeted (diagnose all, fix these and the trustpoint devices,
    # again these alone); none of these devices failed or was unreachable in any of them.
    assert fleet["targets"]["again"] == sorted(EXPECTED)
    for name in ("diagnose", "fix", "again"):
        recap = _recap(fleet, name)
        assert sorted(recap) == fleet["targets"][name] and set(EXPECTED) <= set(recap), name
        assert all(recap[host][1:] == (0, 0) for host in EXPECTED), (name, recap)


@pytest.mark.parametrize("host", sorted(EXPECTED))
def test_diagnose_finds_the_overdue_ack_in_its_topology(fleet, host):
    topology, commands, stays = EXPECTED[host]
    findings = {finding["id"]: finding for finding in _report(fleet, "diagnose", host)["findings"]
                if finding["severity"] in ("critical", "error", "warning")}
    primary = PRIMARY.get(host, ACK)
    assert primary in findings and set(stays) <= set(findings), sorted(findings)
    finding = findings[primary]
    assert finding["topology"] == topology
    remediation = finding["remediation"]
    if commands:
        assert remediation["role"] == "sync" and remediation["commands"] == commands
    else:
        # Nothing for the device: no role, no command, the seed's steps instead.
        assert remediation["role"] is None and remediation["commands"] == [] and remediation["manual_steps"]
        assert IOS_SYNC not in json.dumps(remediation) and "license smart sync" not in " ".join(remediation["manual_steps"])
    if host in MANUAL_WORDS and not commands:
        assert MANUAL_WORDS[host] in " ".join(remediation["manual_steps"])


@pytest.mark.parametrize("host", sorted(EXPECTED))
def test_remediate_sends_only_the_topologys_own_commands(fleet, host):
    _topology, commands, _stays = EXPECTED[host]
    assert _changes(fleet, "fix", host) == commands
    summary = _summary(fleet, "fix")[host]
    if commands:
        assert summary["roles"]["sync"]["status"] in ("changed", "pending")
    else:
        assert "sync" not in summary["roles"]


@pytest.mark.parametrize("host", sorted(EXPECTED))
def test_what_stays_is_manual_with_the_seeds_steps(fleet, host):
    _topology, _commands, stays = EXPECTED[host]
    summary = _summary(fleet, "again")[host]
    assert sorted(summary["findings_before"]) == sorted(stays)
    manual = {item["id"]: item for item in summary["manual"]}
    offline = EXPECTED[host][0] == "offline"
    assert sorted(manual) == sorted(fid for fid in stays if not offline)
    for item in manual.values():
        assert item["manual_steps"] and item["why"] == "needs a person"
    if host in MANUAL_WORDS:
        assert MANUAL_WORDS[host] in " ".join(manual[PRIMARY.get(host, ACK)]["manual_steps"])


@pytest.mark.parametrize("host", sorted(EXPECTED))
def test_second_remediate_sends_and_changes_nothing(fleet, host):
    assert _changes(fleet, "again", host) == []
    assert _recap(fleet, "again")[host][0] == 0


@pytest.mark.parametrize("host", [host for host in sorted(EXPECTED) if host.startswith("nxos-") and host not in PRIMARY])
def test_nxos_reads_tech_support_and_the_message_history(fleet, host):
    sent = _sent(fleet, "diagnose", host)
    assert "show license tech support" in sent and "show license history message" in sent
    facts = _report(fleet, "diagnose", host)["facts"]
    assert facts["show license tech support"]["usage_reporting"]["next_ack_deadline"]
    assert "history" in facts["show license history message"]


def test_nxos_down_rev_reads_the_message_history_only(fleet):
    sent = _sent(fleet, "diagnose", "nxos-topology-onprem-down-rev")
    assert "show license history message" in sent and "show license tech support" not in sent


def test_ios_utility_mode_is_seen(fleet):
    report = _report(fleet, "diagnose", "ios-topology-utility")
    evidence = json.dumps([finding["evidence"] for finding in report["findings"] if finding["id"] == ACK])
    assert "UTILITY_NO_ACK" in evidence
