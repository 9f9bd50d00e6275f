# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The diagnose report and `remediate --check --diff` say the same lines, for every fixable finding on both platforms.

Both render from one command table (plugins/module_utils/commands.py): a
finding's ``remediation.commands`` are what its role would send to that
device. The shared lab fleet (tests/integration/shared_fleet.py) runs every
scenario of tests/lab/scenarios (one fault each, the multi-fault devices
ios-multi / nxos-multi, the early releases) plus an IOS XE device whose
intended HTTP client source interface differs from its configuration and one
with no SLA-TrustPoint; this file reads its diagnose run and its check run.

For each host and role, the commands of the report's actionable findings that
name the role (in order, without repeats) equal, line for line, the commands
the check run's summary lists for that role (what it showed it would send).
The ID token is ``<id_token>`` in the report and ``********`` in the role's
output: the only difference allowed.

Runtime: the shared fleet's (about 8 minutes on 2 shared cores, with test_topologies.py and
test_trustpoint_certificate.py).
"""

from __future__ import annotations

import json
import os
import re

import pytest

from tests.integration.shared_fleet import SCENARIOS, SOURCE

pytestmark = pytest.mark.integration

ACTIONABLE = ("critical", "error", "warning")
RECAP = re.compile(r"^(\S+)\s*: ok=\d+\s+changed=\d+\s+unreachable=(\d+)\s+failed=(\d+)", re.MULTILINE)


def _read(path):
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


@pytest.fixture(name="runs", scope="module")
def fixture_runs(shared_fleet):
    work = shared_fleet["work"]
    summary = {item["host"]: item for item in _read(str(work / "check" / "remediation" / "summary.json"))["hosts"]}
    reports = {host: _read(str(work / "diagnose" / ("%s.json" % host))) for host in SCENARIOS
               if os.path.exists(str(work / "diagnose" / ("%s.json" % host)))}
    return {"diagnose": shared_fleet["runs"]["diagnose"], "check": shared_fleet["runs"]["check"], "summary": summary, "reports": reports}


def report_commands(report):
    """{role: [lines]} of the report's actionable findings, in finding order, without repeats; the token as the roles mask it."""
    out = {}
    for finding in report["findings"]:
        remediation = finding.get("remediation") or {}
        if finding["severity"] not in ACTIONABLE or not remediation.get("role"):
            continue
        lines = out.setdefault(remediation["role"], [])
        for line in remediation["commands"]:
            line = line.replace("<id_token>", "********")
            if line not in lines:
                lines.append(line)
    return out


def test_both_runs_reach_every_host(runs):
    for name in ("diagnose", "check"):
        run = runs[name]
        recap = {host: (int(unreachable), int(failed)) for host, unreachable, failed in RECAP.findall(run.stdout)}
        assert sorted(recap) == sorted(SCENARIOS), (name, run.stdout[-3000:], run.stderr[-2000:])
        assert all(unreachable == 0 for unreachable, _failed in recap.values()), name
    assert sorted(runs["reports"]) == sorted(SCENARIOS)


@pytest.mark.parametrize("host", sorted(SCENARIOS))
def test_report_says_what_check_mode_would_send(runs, host):
    wanted = report_commands(runs["reports"][host])
    roles = runs["summary"][host]["roles"]
    output = runs["check"].stdout
    for role, entry in roles.items():
        if entry["status"] != "would_change":
            continue
        # Line for line, in order: the report's lines for this role are exactly what check mode showed.
        assert wanted.get(role, []) == entry["commands"], (role, wanted.get(role), entry)
        for line in entry["commands"]:
            assert line in output, (role, line)
    # A role the report names with lines runs in check mode and shows them (or is blocked, with the reason).
    for role, lines in wanted.items():
        if not lines:
            continue
        entry = roles.get(role)
        assert entry is not None, (role, lines, roles)
        assert entry["status"] in ("would_change", "blocked"), (role, entry)


def test_every_role_is_compared_on_both_platforms(runs):
    compared = {}
    for host, item in runs["summary"].items():
        for role, entry in item["roles"].items():
            if entry["status"] == "would_change" and entry["commands"]:
                compared.setdefault(SCENARIOS[host]["platform"], set()).add(role)
    assert compared["ios"] >= {"ntp", "dns", "trustpoint", "transport", "trust_token", "sync"}, compared
    assert compared["nxos"] >= {"ntp", "dns", "transport", "trust_token", "sync"}, compared


def test_the_source_interface_fix_is_reported_and_shown(runs):
    findings = [item for item in runs["reports"][SOURCE["hostname"]]["findings"] if item["id"] == "http_client_source_interface_mismatch"]
    assert findings and findings[0]["remediation"]["commands"] == ["ip http client source-interface GigabitEthernet0/0"]
    assert runs["summary"][SOURCE["hostname"]]["roles"]["transport"]["commands"] == ["ip http client source-interface GigabitEthernet0/0"]
