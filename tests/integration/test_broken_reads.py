# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""A broken read is never healthy, and failures are reported, not crashed on (issue 21, items 2 and 3).

One lab, three ansible-playbook runs through network_cli:

1. smartlic.slp.diagnose on a healthy IOS XE device and on devices the inventory gets wrong: an IOS XE device
   declared cisco.nxos.nxos, an NX-OS device declared cisco.ios.ios, an IOS XE device declared cisco.iosxr.iosxr,
   an IOS XE device without ansible_become, a device behind a port nothing listens on, and an NX-OS device that
   refuses the login. Each wrong one fails with one line saying why and is unusable in the reports; the
   cisco.iosxr.iosxr one receives nothing.
2. smartlic.slp.remediate on the wrong ones only: every host fails with one line, nothing but reads reaches a
   device, and remediation/summary.md and summary.json list every host with its reason.
3. smartlic.slp.smart_license_facts called directly on the cisco.iosxr.iosxr host: refused before the connection
   logs in.
"""

from __future__ import annotations

import json
import re
import socket

import pytest

from tests.lab.harness import start_lab
from tests.playbook_runner import run_playbook

pytestmark = pytest.mark.integration

SCENARIOS = [
    {"platform": "ios", "hostname": "ios-ok", "faults": []},
    {"platform": "ios", "hostname": "ios-as-nx", "faults": []},
    {"platform": "nxos", "hostname": "nx-as-ios", "faults": ["dns_not_configured"]},
    {"platform": "ios", "hostname": "ios-xr", "faults": []},
    {"platform": "ios", "hostname": "ios-nobecome", "faults": ["dns_not_configured"]},
    {"platform": "ios", "hostname": "ios-noport", "faults": []},
    {"platform": "nxos", "hostname": "nx-auth", "faults": [], "lab_faults": {"refuse_login": True}},
]
WRONG = [scenario["hostname"] for scenario in SCENARIOS if scenario["hostname"] != "ios-ok"]
# The one line each host fails with (diagnose), after "<host> was not diagnosed: " or "<host> could not be read: ".
REASONS = {
    "ios-as-nx": re.compile(re.escape("ios-as-nx was not diagnosed: declared cisco.nxos.nxos but the device answers like IOS XE "
                                      "(show version: IOS XE banner): set ansible_network_os to cisco.ios.ios") + "$"),
    "nx-as-ios": re.compile(re.escape("nx-as-ios was not diagnosed: declared cisco.ios.ios but the device answers like NX-OS "
                                      "(show version: NX-OS banner): set ansible_network_os to cisco.nxos.nxos") + "$"),
    "ios-nobecome": re.compile(r"^ios-nobecome was not diagnosed: show (?:license status|running-config) was rejected in user EXEC mode "
                               r"\(prompt ios-nobecome>\): set ansible_become: true and ansible_become_method: enable$"),
    "ios-xr": re.compile(r"ios-xr.*cisco\.iosxr\.iosxr"),
    "ios-noport": re.compile(r"^ios-noport could not be read: .*Connection refused"),
    "nx-auth": re.compile(r"^nx-auth could not be read: .*Failed to authenticate"),
}
# What a device may receive when nothing is to change it: the connection set-up and reads.
READ_ONLY = re.compile(r"^(?:show |terminal |enable$)")
RECAP = re.compile(r"^(\S+)\s*: ok=\d+\s+changed=(\d+)\s+unreachable=(\d+)\s+failed=(\d+)", re.MULTILINE)
DIRECT = """- name: The module on its own
  hosts: all
  gather_facts: false
  tasks:
    - name: Collect
      smartlic.slp.smart_license_facts:
        state: gathered
"""


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(name="runs", scope="module")
def fixture_runs(tmp_path_factory):
    work = tmp_path_factory.mktemp("broken-reads")
    wrong = work / "wrong.yml"
    wrong.write_text(
        "all:\n  hosts:\n"
        "    ios-as-nx: {ansible_network_os: cisco.nxos.nxos}\n"
        "    nx-as-ios: {ansible_network_os: cisco.ios.ios}\n"
        "    ios-xr: {ansible_network_os: cisco.iosxr.iosxr}\n"
        "    ios-nobecome: {ansible_become: false}\n"
        "    ios-noport: {ansible_port: %d}\n" % _free_port(), encoding="utf-8")
    (work / "direct.yml").write_text(DIRECT, encoding="utf-8")
    out = {"work": work, "logs": {}}
    with start_lab(SCENARIOS, work / "lab") as lab:
        inventory = ("-i", lab.inventory, "-i", str(wrong), "--forks", "7")
        out["diagnose"] = run_playbook(work, "smartlic.slp.diagnose", *inventory, "-e", "smartlic_report_dir=%s" % (work / "diagnose"), timeout=600)
        out["logs"]["diagnose"] = {host: lab.commands(host) for host in lab.hosts()}
        out["remediate"] = run_playbook(work, "smartlic.slp.remediate", *inventory, "--limit", ",".join(WRONG),
                                        "-e", "smartlic_report_dir=%s" % (work / "remediate"), timeout=600)
        out["logs"]["remediate"] = {host: lab.commands(host) for host in lab.hosts()}
        out["direct"] = run_playbook(work, str(work / "direct.yml"), *inventory, "--limit", "ios-xr", timeout=300)
        out["logs"]["direct"] = {host: lab.commands(host) for host in lab.hosts()}
    return out


def recap(run):
    return {host: {"changed": int(changed), "unreachable": int(unreachable), "failed": int(failed)}
            for host, changed, unreachable, failed in RECAP.findall(run.stdout)}


def fatal_messages(run, host):
    """The msg of each 'fatal: [host]: FAILED! => {...}' (one JSON line, or a JSON block up to the closing brace)."""
    messages = []
    lines = run.stdout.splitlines()
    for index, line in enumerate(lines):
        prefix = "fatal: [%s]: FAILED! => " % host
        if line.startswith(prefix):
            body = line[len(prefix):]
            end = index + 1
            while body.strip() == "{" or not body.rstrip().endswith("}"):
                body += "\n" + lines[end]
                end += 1
                if lines[end - 1] == "}":
                    break
            messages.append(json.loads(body)["msg"])
    return messages


def read_json(path):
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


def test_no_crash_and_no_raw_cli_echoes(runs):
    for name in ("diagnose", "remediate", "direct"):
        output = runs[name].stdout + runs[name].stderr
        assert "Traceback (most recent call last)" not in output, name
        assert "MODULE FAILURE" not in output and "Error while resolving value" not in output, name
        assert "template error" not in output.lower() and "AnsibleUndefinedVariable" not in output, name
        # The device's own answers ("% Invalid input detected at '^' marker.") are in the reports, not on screen.
        assert "marker." not in output, (name, [line for line in output.splitlines() if "marker." in line][:5])
        assert runs[name].returncode == 2, (name, runs[name].stdout[-3000:])


def test_diagnose_fails_each_wrong_host_with_one_line(runs):
    counts = recap(runs["diagnose"])
    assert counts["ios-ok"] == {"changed": 0, "unreachable": 0, "failed": 0}
    for host in WRONG:
        assert counts[host]["failed"] == 1 and counts[host]["unreachable"] == 0, (host, counts)
        messages = fatal_messages(runs["diagnose"], host)
        assert messages and REASONS[host].search(messages[-1]), (host, messages)
        assert "\n" not in messages[-1]


def test_a_wrong_platform_or_a_broken_read_is_unusable_in_the_reports(runs):
    folder = runs["work"] / "diagnose"
    fleet = {entry["host"]: entry for entry in read_json(folder / "fleet-summary.json")["hosts"]}
    assert fleet["ios-ok"]["status"] == "ok"
    for host in ("ios-as-nx", "nx-as-ios", "ios-nobecome", "ios-noport", "nx-auth"):
        report = read_json(folder / ("%s.json" % host))
        assert report["usable"] is False and report["findings"] == [], host
        assert fleet[host]["status"] == "unusable", fleet[host]
        assert REASONS[host].search("%s was not diagnosed: %s" % (host, report["reason"])) or REASONS[host].search(report["reason"]), report
    # The NX-OS device declared IOS XE has a fault: it is not reported, and no IOS XE-only finding is made up.
    assert read_json(folder / "nx-as-ios.json")["summary"]["total"] == 0
    # The device's answers are kept for whoever looks closer.
    nobecome = read_json(folder / "ios-nobecome.json")["commands"]
    rejected = [entry for entry in nobecome.values() if entry["status"] == "error"]
    assert rejected and all("Invalid input detected" in entry["reasons"][0] for entry in rejected)
    assert read_json(folder / "ios-as-nx.json")["commands"]["show version"]["status"] == "ok"


def test_the_platform_is_checked_with_show_version(runs):
    for host in ("ios-ok", "ios-as-nx", "nx-as-ios", "ios-nobecome"):
        assert runs["logs"]["diagnose"][host][-1] == "show version", host


def test_an_unsupported_platform_is_refused_before_anything_is_sent(runs):
    assert runs["logs"]["direct"]["ios-xr"] == []
    messages = fatal_messages(runs["direct"], "ios-xr")
    assert messages == ["ansible_network_os cisco.iosxr.iosxr is not supported: smartlic.slp reads IOS XE (cisco.ios.ios) and "
                        "NX-OS (cisco.nxos.nxos) devices only; nothing was sent"]


def test_remediate_fails_each_host_with_one_line_and_sends_nothing_but_reads(runs):
    counts = recap(runs["remediate"])
    assert sorted(counts) == sorted(WRONG)
    for host in WRONG:
        assert counts[host] == {"changed": 0, "unreachable": 0, "failed": 1}, (host, counts)
        messages = fatal_messages(runs["remediate"], host)
        # The diagnosis may have said it first (rescued); the host fails at the end with the same line.
        assert messages and all("\n" not in message for message in messages), (host, messages)
        assert messages[-1].startswith("Remediation failed on %s: not remediated: " % host), messages
        assert REASONS[host].search(messages[-1].split(": not remediated: ", 1)[1]), messages
        start = len(runs["logs"]["diagnose"][host])
        sent = runs["logs"]["remediate"][host][start:]
        assert [command for command in sent if not READ_ONLY.match(command)] == [], (host, sent)
    assert runs["logs"]["remediate"]["ios-xr"] == []


def test_the_remediation_summary_lists_every_host_with_its_reason(runs):
    folder = runs["work"] / "remediate" / "remediation"
    hosts = {item["host"]: item for item in read_json(folder / "summary.json")["hosts"]}
    assert sorted(hosts) == sorted(WRONG)
    markdown = (folder / "summary.md").read_text(encoding="utf-8")
    for host, item in hosts.items():
        assert item["failed"] == ["diagnose"] and item["roles"] == {}, item
        assert REASONS[host].search(item["reason"]), item
        assert item["lines"] == ["not remediated: " + item["reason"]]
        assert "## %s\n\n- not remediated: %s\n" % (host, item["reason"]) in markdown
