# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Rejection faults: the device refuses one line a remediation role sends, one device per (role, line).

Every line the roles send on each platform (read from the lab's command logs of
a real smartlic.slp.remediate run on the single-fault and multi-fault
scenarios) gets a device of its own whose scenario rejects exactly that line
(`lab_faults: {reject_commands: [regex]}`: the platform's invalid-input error,
as a device that does not take the line answers). The whole fleet goes through
one smartlic.slp.remediate run, and for each device:

- the role fails the host, and the failure names the rejected line and
  carries the device's words (`% Invalid input detected at '^' marker.`,
  NX-OS `% Invalid command at '^' marker.`);
- the device received the role's lines up to the rejected one and none after
  it (no save either: a half-applied change is not written to the startup
  configuration);
- remediation/summary.json and summary.md say which lines were applied and
  which were not;
- the other roles of the same host, and the other hosts, go on;
- the ID token appears nowhere: not in the output, the reports, the summary
  or any file the run wrote.

The `configure terminal` / `end` around the lines are the platform plugins'
(cliconf), not the roles': they are not rejected here.

Runtime: one lab, one ansible-playbook run of 40 devices (20 forks): about 5 minutes on 2 shared cores.
"""

from __future__ import annotations

import glob
import json
import os
import re

import pytest
import yaml

from tests.lab.harness import start_lab
from tests.playbook_runner import run_playbook

pytestmark = pytest.mark.integration

SCENARIO_DIR = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "lab", "scenarios")
DELAYS = {"ntp_sync_seconds": 2, "trust_install_seconds": 2, "ack_delay_seconds": 3}
FORKS = os.environ.get("SMARTLIC_TEST_FORKS", "20")
# The roles' waits, longer than the scaled-down delays: a trust code or an ACK that cannot come (a DNS line refused
# on a device with several faults) costs one wait, and every host waits for the slowest.
WAITS = ["-e", "ntp_wait_timeout=5", "-e", "ntp_wait_interval=5", "-e", "trust_token_wait_timeout=15", "-e", "sync_wait_timeout=15"]
SAVE = "copy running-config startup-config"
CSSM_URL = "license smart url smart https://smartreceiver.cisco.com/licservice/license"
DEVICE_WORDS = {"ios": "% Invalid input detected at '^' marker.", "nxos": "% Invalid command at '^' marker."}
MASKED_TRUST = {"ios": "license smart trust idtoken ******** all", "nxos": "license smart trust idtoken ********"}

# What each role sends for a scenario, in order (the lab's command log of a remediate run; the save comes last),
# per platform: (scenario file, role, lines).
SENT = {
    "ios": [
        ("ios-clock_not_synchronized", "ntp", ["ntp server 192.0.2.123 prefer version 2", SAVE]),
        ("ios-dns_not_configured", "dns", ["ip name-server 192.0.2.53", SAVE]),
        ("ios-cslu_local_unresolved", "dns", ["ip host cslu-local 192.0.2.50", SAVE]),
        ("ios-sla_trustpoint_missing", "trustpoint", ["crypto pki trustpoint SLA-TrustPoint", "enrollment terminal", "revocation-check none", SAVE]),
        ("ios-http_client_trustpoint_missing", "trustpoint", ["ip http client secure-trustpoint SLA-TrustPoint", SAVE]),
        ("ios-transport_type_mismatch", "transport", ["license smart transport smart", SAVE]),
        ("ios-transport_url_incorrect", "transport", [CSSM_URL, SAVE]),
        ("ios-callhome_profile_inactive", "transport", ["call-home", 'profile "CiscoTAC-1"', "active", SAVE]),
        ("ios-trust_code_missing", "trust_token", [MASKED_TRUST["ios"]]),
        ("ios-report_ack_overdue", "sync", ["license smart sync all"]),
    ],
    "nxos": [
        ("nxos-clock_not_synchronized", "ntp", ["ntp server 192.0.2.123 prefer use-vrf management", SAVE]),
        ("nxos-dns_not_configured", "dns", ["ip name-server 192.0.2.53 use-vrf management", "vrf context management", "ip domain-name example.com",
                                            "ip name-server 192.0.2.53", SAVE]),
        ("nxos-cslu_local_unresolved", "dns", ["ip host cslu-local 192.0.2.50", SAVE]),
        ("nxos-transport_type_mismatch", "transport", ["license smart transport smart", SAVE]),
        ("nxos-transport_url_incorrect", "transport", [CSSM_URL, SAVE]),
        ("nxos-callhome_profile_inactive", "transport", ["callhome", "transport http use-vrf management", SAVE]),
        ("nxos-trust_code_missing", "trust_token", [MASKED_TRUST["nxos"]]),
        ("nxos-report_ack_overdue", "sync", ["license smart sync"]),
    ],
}
# Devices with several faults, one line of one role rejected: the roles before and after it still run.
# (scenario file, role, lines of that role, the rejected line, the other roles that must be fixed)
MULTI = [
    ("ios-multi", "dns", ["ip name-server 192.0.2.53", SAVE], "ip name-server 192.0.2.53", ["ntp", "trustpoint"]),
    ("nxos-multi", "dns", SENT["nxos"][1][2], "vrf context management", ["ntp", "transport", "sync"]),
]


def _regex(line):
    """A regex that matches exactly this line as typed (the trust line: whatever the token)."""
    if line.startswith("license smart trust idtoken"):
        return r"^license smart trust idtoken \S+" + re.escape(line[len(MASKED_TRUST["nxos"]):]) + "$"
    return "^" + re.escape(line) + "$"


def _load(name):
    with open(os.path.join(SCENARIO_DIR, name + ".yml"), encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def _device(name, hostname, rejected):
    scenario = dict(DELAYS, **_load(name))
    scenario["hostname"] = hostname
    scenario["valid_tokens"] = ["lab-token-" + hostname]
    scenario["lab_faults"] = {"reject_commands": [_regex(rejected)]}
    return scenario


def campaign():
    """{hostname: {scenario, role, lines, rejected, others}}: one device per (scenario, role, line)."""
    out = {}
    for platform, items in sorted(SENT.items()):
        for name, role, lines in items:
            for index, line in enumerate(lines):
                hostname = "%s-rej%d" % (name.replace("_", "-"), index + 1)
                out[hostname] = {"scenario": _device(name, hostname, line), "role": role, "lines": lines, "rejected": line, "others": [],
                                 "platform": platform}
    for name, role, lines, line, others in MULTI:
        hostname = "%s-rej-%s" % (name, role)
        out[hostname] = {"scenario": _device(name, hostname, line), "role": role, "lines": lines, "rejected": line, "others": others,
                         "platform": name.split("-", maxsplit=1)[0]}
    return out


CAMPAIGN = campaign()
HOSTS = sorted(CAMPAIGN)
RECAP = re.compile(r"^(\S+)\s*: ok=\d+\s+changed=(\d+)\s+unreachable=(\d+)\s+failed=(\d+)", re.MULTILINE)
FATAL = re.compile(r"^fatal: \[([^\]\s]+)\]: FAILED! => (\{.*?\n\}|\{.*\})$", re.MULTILINE | re.DOTALL)


@pytest.fixture(name="run", scope="module")
def fixture_run(tmp_path_factory):
    work = tmp_path_factory.mktemp("rejections")
    with start_lab([CAMPAIGN[host]["scenario"] for host in HOSTS], work / "lab") as lab:
        assert sorted(lab.hosts()) == HOSTS
        tokens = [lab.host_vars(host)["smartlic_id_token"] for host in HOSTS]
        initial = {host: lab.state(host)["startup_config"] for host in HOSTS}
        run = run_playbook(work, "smartlic.slp.remediate", "-i", lab.inventory, "--forks", FORKS, "-e", "smartlic_report_dir=%s" % (work / "reports"),
                           *WAITS, timeout=900)
        (work / "run.log").write_text(run.stdout + run.stderr, encoding="utf-8")
        logs = {host: lab.commands(host) for host in HOSTS}
        states = {host: lab.state(host) for host in HOSTS}
    with open(work / "reports" / "remediation" / "summary.json", encoding="utf-8") as handle:
        summary = {item["host"]: item for item in json.load(handle)["hosts"]}
    markdown = (work / "reports" / "remediation" / "summary.md").read_text(encoding="utf-8")
    return {"run": run, "initial": initial, "logs": logs, "states": states, "summary": summary, "markdown": markdown, "tokens": tokens, "work": work}


def _fatal_messages(stdout, host):
    """The msg of each 'fatal: [host]: FAILED! => {...}' of this host."""
    messages = []
    for name, body in FATAL.findall(stdout):
        if name != host:
            continue
        try:
            messages.append(json.loads(body)["msg"])
        except (ValueError, KeyError):
            messages.append(body)
    return messages


def test_one_device_per_line_and_every_host_reached(run):
    assert len(HOSTS) == sum(len(lines) for items in SENT.values() for _name, _role, lines in items) + len(MULTI)
    counts = {host: (int(changed), int(unreachable), int(failed)) for host, changed, unreachable, failed in RECAP.findall(run["run"].stdout)}
    assert sorted(counts) == HOSTS, run["run"].stdout[-3000:]
    # Every host fails (its role was refused), none is unreachable; the run goes on to the end for all of them.
    assert {host: counts[host][1:] for host in HOSTS} == {host: (0, 1) for host in HOSTS}
    assert run["run"].returncode == 2
    assert sorted(run["summary"]) == HOSTS


def test_the_id_token_is_nowhere(run):
    texts = [run["run"].stdout, run["run"].stderr]
    for path in glob.glob(os.path.join(str(run["work"]), "**", "*"), recursive=True):
        if os.path.isfile(path) and os.sep + "scenarios" + os.sep not in path and not path.endswith("inventory.yml"):
            with open(path, encoding="utf-8", errors="replace") as handle:
                texts.append(handle.read())
    assert len(texts) > len(HOSTS)
    for token in run["tokens"]:
        assert not any(token in text for text in texts), token


@pytest.mark.parametrize("host", HOSTS)
def test_nothing_after_the_rejected_line_is_sent(run, host):
    case = CAMPAIGN[host]
    log = run["logs"][host]
    index = case["lines"].index(case["rejected"])
    before, after = case["lines"][:index], case["lines"][index + 1:]
    assert log.count(case["rejected"]) == 1, log
    where = log.index(case["rejected"])
    # The lines before it went first, once each (the save, when it is the rejected line, is the role's last).
    for line in before:
        assert line in log[:where], (line, log)
    # None of the role's later lines, and no save by this role: a half-applied change is not saved.
    rest = log[where + 1:]
    if not case["others"]:
        assert [line for line in rest if line in after or line == SAVE] == [], rest
    else:
        assert [line for line in rest if line in after and line != SAVE] == [], rest
    # What took before the refusal is in the running configuration only: the startup configuration is untouched.
    if not case["others"]:
        state = run["states"][host]
        assert state["startup_config"] == run["initial"][host], state


@pytest.mark.parametrize("host", HOSTS)
def test_the_role_fails_with_the_device_words_and_the_line(run, host):
    case = CAMPAIGN[host]
    words = DEVICE_WORDS[case["platform"]]
    messages = _fatal_messages(run["run"].stdout, host)
    assert messages, run["run"].stdout[-2000:]
    text = "\n".join(str(message) for message in messages)
    assert case["rejected"] in text and words in text, messages
    entry = run["summary"][host]
    assert case["role"] in entry["failed"], entry
    role = entry["roles"][case["role"]]
    assert role["status"] == "failed", role
    assert case["rejected"] in role["reason"] and words in role["reason"], role


@pytest.mark.parametrize("host", HOSTS)
def test_the_summary_says_what_was_applied_and_what_was_not(run, host):
    case = CAMPAIGN[host]
    index = case["lines"].index(case["rejected"])
    role = run["summary"][host]["roles"][case["role"]]
    assert role["applied"] == case["lines"][:index], role
    assert role["not_applied"] == case["lines"][index:], role
    markdown = run["markdown"].split("## %s\n" % host, 1)[1].split("\n## ", 1)[0]
    line = [item for item in markdown.splitlines() if item.startswith("- %s: failed" % case["role"])]
    assert len(line) == 1, markdown
    assert "not applied: " + "; ".join(case["lines"][index:]) in line[0], line
    if index:
        unsaved = " (not saved)" if SAVE in case["lines"] else ""
        assert "applied%s: %s;" % (unsaved, "; ".join(case["lines"][:index])) in line[0], line
    else:
        assert "applied: nothing" in line[0], line


@pytest.mark.parametrize("host", [host for host in HOSTS if CAMPAIGN[host]["others"]])
def test_the_other_roles_of_the_host_go_on(run, host):
    entry = run["summary"][host]
    for role in CAMPAIGN[host]["others"]:
        assert entry["roles"][role]["status"] in ("changed", "pending"), (role, entry["roles"][role])
    assert entry["failed"] == [CAMPAIGN[host]["role"]], entry
