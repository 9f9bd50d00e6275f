# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""A device that reloads in the middle of a remediation (lab fault reload_on_command, tests/lab/README.md).

Two devices lack name servers. The IOS XE one reloads when it receives `ip name-server ...`: the connection
closes without an answer and the running configuration goes back to the startup one. The first
`smartlic.slp.remediate` run must fail that host only, with a message naming it, the role, the lines it was
sending and what the second diagnosis still sees; the NX-OS device is fixed in the same run. The second run
(the device is up again) completes the fix.
"""

from __future__ import annotations

import json
import re

import pytest

from tests.lab.harness import start_lab
from tests.playbook_runner import run_playbook

pytestmark = pytest.mark.integration

SCENARIOS = [
    {"platform": "ios", "hostname": "ios-reload", "faults": ["dns_not_configured"],
     "lab_faults": {"reload_on_command": r"^\s*ip name-server "}},
    {"platform": "nxos", "hostname": "nxos-steady", "faults": ["dns_not_configured"]},
]
RECAP = re.compile(r"^(\S+)\s*: ok=\d+\s+changed=(\d+)\s+unreachable=(\d+)\s+failed=(\d+)", re.MULTILINE)


@pytest.fixture(name="runs", scope="module")
def fixture_runs(tmp_path_factory):
    work = tmp_path_factory.mktemp("remediate-reload")
    out = {}
    with start_lab(SCENARIOS, work / "lab") as lab:
        out["startup"] = lab.state("ios-reload")["startup_config"]
        for name in ("first", "second"):
            reports = work / name
            run = run_playbook(work, "smartlic.slp.remediate", "-i", lab.inventory, "--forks=2",
                               "-e", "smartlic_report_dir=%s" % reports, timeout=900)
            summary_path = reports / "remediation" / "summary.json"
            summary = json.loads(summary_path.read_text(encoding="utf-8")) if summary_path.exists() else {"hosts": []}
            out[name] = {"run": run, "output": run.stdout + run.stderr,
                         "recap": {m.group(1): (int(m.group(2)), int(m.group(4))) for m in RECAP.finditer(run.stdout)},
                         "hosts": {entry["host"]: entry for entry in summary["hosts"]},
                         "state": lab.state("ios-reload"), "commands": lab.commands("ios-reload")}
    return out


def test_the_reload_fails_only_that_host(runs):
    first = runs["first"]
    assert first["run"].returncode != 0, first["output"][-3000:]
    assert first["recap"]["ios-reload"][1] > 0
    assert first["recap"]["nxos-steady"][1] == 0, first["output"][-3000:]
    assert "Traceback" not in first["output"]


def test_the_failure_names_the_host_the_role_and_the_lines_it_was_sending(runs):
    first = runs["first"]
    dns = first["hosts"]["ios-reload"]["roles"]["dns"]
    assert dns["status"] == "failed"
    assert "stopped while sending" in dns["reason"]
    assert any(line.startswith("ip name-server ") for line in dns["commands"]), dns
    assert "the second diagnosis still reports dns_not_configured" in dns["reason"]
    assert "run the remediation again" in dns["reason"]
    assert first["hosts"]["ios-reload"]["failed"] == ["dns"]
    assert "dns_not_configured" in first["hosts"]["ios-reload"]["findings_after"]
    assert re.search(r"Remediation failed on ios-reload: dns: failed - .*stopped while sending", first["output"])


def test_the_device_lost_what_it_was_sent(runs):
    first = runs["first"]
    # The line reached the device, and the reload threw the unsaved running configuration away.
    assert any(line.lstrip().startswith("ip name-server ") for line in first["commands"])
    assert first["state"]["running_config"] == runs["startup"]


def test_the_other_device_is_fixed_in_the_same_run(runs):
    steady = runs["first"]["hosts"]["nxos-steady"]
    assert steady["failed"] == []
    assert "dns_not_configured" in steady["fixed"]
    assert steady["findings_after"] == []


def test_a_rerun_completes_the_fix(runs):
    second = runs["second"]
    assert second["run"].returncode == 0, second["output"][-3000:]
    host = second["hosts"]["ios-reload"]
    assert host["roles"]["dns"]["status"] == "changed"
    assert host["findings_after"] == []
    assert any(line.lstrip().startswith("ip name-server ") for line in second["state"]["running_config"])
    assert second["state"]["startup_config"] == second["state"]["running_config"]
    # The NX-OS device was fixed by the first run: nothing to do.
    assert second["hosts"]["nxos-steady"]["findings_before"] == []
