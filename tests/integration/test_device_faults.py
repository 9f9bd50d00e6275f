# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""smartlic.slp.diagnose against a fleet where devices misbehave (lab faults, tests/lab/README.md).

One lab, one ansible-playbook run: a healthy IOS XE and NX-OS device, an IOS XE device of an older release that
rejects two commands, and three devices that cannot be read: the connection drops in the middle of a command,
the device stops answering (every answer comes after the command timeout), the login is refused. Each of those
three fails with a message that names it and the step that failed; every other device finishes with its report;
the fleet report lists all six; no Python traceback.
"""

from __future__ import annotations

import json
import re
import time

import pytest

from tests.lab.harness import start_lab
from tests.playbook_runner import run_playbook

pytestmark = pytest.mark.integration

REJECTED = ("show license rum id all", "show license usage")
SCENARIOS = [
    {"platform": "ios", "hostname": "ios-ok", "faults": ["dns_not_configured"]},
    {"platform": "nxos", "hostname": "nx-ok", "faults": []},
    # An older release: the two commands get "% Invalid input detected", the rest answers.
    {"platform": "ios", "hostname": "ios-old", "faults": ["clock_not_synchronized"],
     "lab_faults": {"reject_commands": ["^%s$" % command for command in REJECTED]}},
    # NX-OS sends 2 commands at login: the connection drops in the middle of the 2nd diagnosis command.
    {"platform": "nxos", "hostname": "nx-drop", "faults": [], "lab_faults": {"drop_after_commands": 3}},
    # Every answer comes 8 s late; the host's command timeout is 3 s (SLOW_HOST_VARS).
    {"platform": "ios", "hostname": "ios-hang", "faults": [], "lab_faults": {"delay_ms": 8000}},
    {"platform": "nxos", "hostname": "nx-auth", "faults": [], "lab_faults": {"refuse_login": True}},
]
SLOW_HOST_VARS = "all:\n  hosts:\n    ios-hang:\n      ansible_command_timeout: 3\n"
HEALTHY = ("ios-ok", "nx-ok", "ios-old")
# The step each faulty device fails at, as its message must say it.
FAILED = {
    "nx-drop": re.compile(r"failed at 'show license usage' \(command 2, after 1 command\(s\) were read; 7 not run\)"),
    "ios-hang": re.compile(r"show license status: command timeout triggered, timeout value is 3 secs"),
    "nx-auth": re.compile(r"ssh connection failed: Failed to authenticate"),
}


@pytest.fixture(name="fleet", scope="module")
def fixture_fleet(tmp_path_factory):
    work = tmp_path_factory.mktemp("device-faults")
    slow = work / "slow.yml"
    slow.write_text(SLOW_HOST_VARS, encoding="utf-8")
    reports = work / "reports"
    started = time.monotonic()
    with start_lab(SCENARIOS, work / "lab") as lab:
        run = run_playbook(work, "smartlic.slp.diagnose", "-i", lab.inventory, "-i", str(slow), "--forks=3", "-e", "smartlic_report_dir=%s" % reports,
                           timeout=400)
        commands = {host: lab.commands(host) for host in lab.hosts()}
    elapsed = time.monotonic() - started
    device_reports = {}
    for host in (scenario["hostname"] for scenario in SCENARIOS):
        path = reports / ("%s.json" % host)
        if path.exists():
            device_reports[host] = json.loads(path.read_text(encoding="utf-8"))
    fleet_path = reports / "fleet-summary.json"
    return {"run": run, "output": run.stdout + run.stderr, "commands": commands, "reports": device_reports, "elapsed": elapsed,
            "fleet": json.loads(fleet_path.read_text(encoding="utf-8")) if fleet_path.exists() else None,
            "markdown": (reports / "fleet-summary.md").read_text(encoding="utf-8") if (reports / "fleet-summary.md").exists() else ""}


def recap(output):
    """{host: {ok, changed, unreachable, failed, ...}} from the PLAY RECAP."""
    found = {}
    for match in re.finditer(r"^(\S+)\s+:\s+((?:\w+=\d+\s*)+)$", output, re.MULTILINE):
        found[match.group(1)] = {key: int(value) for key, value in re.findall(r"(\w+)=(\d+)", match.group(2))}
    return found


def fatal_messages(output, host):
    """The msg of every 'fatal: [host]: FAILED! => {...}' line."""
    messages = []
    for line in output.splitlines():
        if line.startswith("fatal: [%s]: FAILED! => " % host):
            messages.append(json.loads(line.split(" => ", 1)[1]).get("msg", ""))
    return messages


def test_no_python_traceback_and_the_run_fails(fleet):
    assert "Traceback (most recent call last)" not in fleet["output"]
    assert "MODULE FAILURE" not in fleet["output"]
    assert fleet["run"].returncode == 2, fleet["output"][-3000:]
    assert fleet["elapsed"] < 240


def test_faulty_devices_fail_naming_the_device_and_the_step(fleet):
    counts = recap(fleet["run"].stdout)
    for host, step in FAILED.items():
        assert counts[host]["failed"] == 1 and counts[host]["unreachable"] == 0, (host, counts)
        messages = fatal_messages(fleet["run"].stdout, host)
        assert messages, host
        assert host in messages[-1] and step.search(messages[-1]), (host, messages)
        report = fleet["reports"][host]
        assert report["usable"] is False and report["findings"] == []
        assert host in report["reason"] and step.search(report["reason"]), report["reason"]


def test_the_dropped_session_is_not_diagnosed_from_half_its_outputs(fleet):
    # The device got the commands up to the one it dropped, and nothing after it.
    received = [command for command in fleet["commands"]["nx-drop"] if command.startswith("show")]
    assert received == ["show license status", "show license usage"]
    assert "run the diagnosis again" in fleet["reports"]["nx-drop"]["reason"]
    assert fleet["commands"]["nx-auth"] == []


def test_every_other_device_finishes_with_its_report(fleet):
    counts = recap(fleet["run"].stdout)
    for host in HEALTHY:
        assert counts[host]["failed"] == 0 and counts[host]["unreachable"] == 0, (host, counts)
        report = fleet["reports"][host]
        assert report["usable"] is True and report["reason"] is None
        assert report["commands"]["show license status"]["status"] == "ok"
    assert [finding["id"] for finding in fleet["reports"]["ios-ok"]["findings"] if finding["severity"] != "info"] == ["dns_not_configured"]
    assert not [finding for finding in fleet["reports"]["nx-ok"]["findings"] if finding["severity"] != "info"]


def test_the_fleet_report_lists_every_host(fleet):
    hosts = {entry["host"]: entry for entry in fleet["fleet"]["hosts"]}
    assert set(hosts) == {scenario["hostname"] for scenario in SCENARIOS}
    assert fleet["fleet"]["devices"] == 6
    for host in FAILED:
        assert hosts[host]["status"] == "unusable" and FAILED[host].search(hosts[host]["reason"])
    assert hosts["ios-ok"]["status"] == "action"
    for host in ("ios-ok", "nx-ok", "ios-old", *FAILED):
        assert "| %s |" % host in fleet["markdown"]


def test_a_device_that_rejects_commands_is_diagnosed_from_the_others(fleet):
    report = fleet["reports"]["ios-old"]
    for command in REJECTED:
        assert command in fleet["commands"]["ios-old"]
        entry = report["commands"][command]
        assert entry["status"] == "error"
        assert "% Invalid input detected at '^' marker." in entry["reasons"][0]
        assert "'%s' failed on the device: %% Invalid input detected at '^' marker." % command in report["warnings"]
    others = [entry for command, entry in report["commands"].items() if command not in REJECTED]
    assert others and all(entry["status"] == "ok" for entry in others), others
    # The rejected commands stopped nothing: the clock fault is found from show clock and the NTP outputs.
    assert "clock_not_synchronized" in [finding["id"] for finding in report["findings"]]
    assert "show license rum id all" not in report["facts"] and "show clock" in report["facts"]
