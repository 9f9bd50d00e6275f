# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""smartlic.slp.remediate against the lab: every configuration finding on both platforms, through network_cli.

One lab runs every scenario at once, and the whole fleet goes through each
step in one ansible-playbook run:

1. diagnose                      each host shows its faults
2. remediate --check --diff      the lines that would be sent are shown; the devices are untouched
3. remediate                     the faults are fixed, the configuration saved; the slow fix is reported pending
4. diagnose                      the fixed findings are gone
5. remediate again               nothing changes on any device

Every device answers late, as a real one does: NTP synchronises, the trust
code and the ACK arrive a few seconds after the command (the lab's realistic
delays scaled down, never zero), and the roles wait for them. One device's
clock takes a day: its ntp fix is pending (not failed), and its trust fix,
which needs the clock, is deferred.

Then two more devices of the same lab go through a playbook of their own that
uses the configuration roles alone, each twice. The assertions read the lab's
state files and command logs, not only what Ansible says.

Runtime: about 7.5 minutes on 2 shared cores (the controller is the
bottleneck: every task costs about 0.1 CPU-s per host, a network module about
1 CPU-s). 20 forks: the diagnosis waits on the devices (0.5 s per command), so
the whole fleet in one wave is much faster than 8 forks (about 11 minutes).
"""

from __future__ import annotations

import glob
import json
import os
import re
import time

import pytest
import yaml

from tests.lab.harness import lasting_state, start_lab
from tests.playbook_runner import run_playbook

pytestmark = pytest.mark.integration

# Devices of an early SLP release (IOS XE 17.3.x, NX-OS 10.2(x): the lab's grammar refuses what those releases lack):
# between them every remediation role runs on each platform.
EARLY = ["ios-early-multi", "ios-early-config", "nxos-early-multi", "nxos-early-config"]
EARLY_ROLES = {"ios": ["ntp", "dns", "trustpoint", "transport", "trust_token", "sync"], "nxos": ["ntp", "dns", "transport", "trust_token", "sync"]}
# The order fixes happen in (plugins/module_utils/remediation_plan.py ROLE_ORDER), and the first line each role sends.
ROLE_ORDER = ["ntp", "dns", "trustpoint", "transport", "trust_token", "sync"]
FIRST_LINE = [("ntp", re.compile(r"^ntp server ")), ("dns", re.compile(r"^(?:ip name-server|ip host|ip domain|vrf context)")),
              ("trustpoint", re.compile(r"^(?:crypto pki trustpoint|ip http client secure-trustpoint)")),
              ("transport", re.compile(r"^(?:license smart (?:transport|url|vrf)|call-?home$)")),
              ("trust_token", re.compile(r"^license smart trust ")), ("sync", re.compile(r"^license smart (?:sync|save|import)"))]
SCENARIO_DIR = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "lab", "scenarios")
CONFIG_IDS = {
    "ios": ["clock_not_synchronized", "dns_not_configured", "cslu_local_unresolved", "transport_type_mismatch", "transport_url_incorrect",
            "callhome_profile_inactive", "http_client_trustpoint_missing", "sla_trustpoint_missing"],
    "nxos": ["clock_not_synchronized", "dns_not_configured", "cslu_local_unresolved", "transport_type_mismatch", "transport_url_incorrect",
             "callhome_profile_inactive"],
}
ROLE_OF = {"clock_not_synchronized": "ntp", "dns_not_configured": "dns", "cslu_local_unresolved": "dns", "transport_type_mismatch": "transport",
           "transport_url_incorrect": "transport", "callhome_profile_inactive": "transport", "http_client_trustpoint_missing": "trustpoint",
           "sla_trustpoint_missing": "trustpoint"}
# An NTP server that answers, but the clock synchronises only after a day: the ntp fix is pending, not failed; the trust
# fix waits for the clock (deferred, nothing sent); the dns fix on the same device still goes through, and the SLAC whose
# UDIs do not match is left to a person.
FAILING = {"platform": "ios", "hostname": "ios-ntp-unanswered",
           "faults": ["clock_not_synchronized", "dns_not_configured", "authorization_udi_mismatch", "trust_code_missing"],
           "valid_tokens": ["lab-token-ios-ntp-unanswered"], "ntp_sync_seconds": 86400}
# The lab's realistic delays (NTP 5 min, trust code 1 min, ACK 15 min) scaled down to seconds: shorter than the roles'
# waits, never zero.
DELAYS = {"ntp_sync_seconds": 2, "trust_install_seconds": 2, "ack_delay_seconds": 3}
FORKS = os.environ.get("SMARTLIC_TEST_FORKS", "20")
# Keep the bounded NTP wait short: the slow device waits it out in steps 3 and 5 (reads at once and after 5 s).
NTP_WAIT = ["-e", "ntp_wait_timeout=5", "-e", "ntp_wait_interval=5"]
# What a device may receive while nothing is to change: reads, and what the platform plugins send on login.
READ_ONLY = re.compile(r"^(?:show |terminal (?:length|width) |enable$)")
# Commands no remediation may send unless a user asks for them (none of our roles has an option for them).
DESTRUCTIVE = re.compile(r"^\s*(?:reload\b|license smart (?:factory reset|deregister)|write erase|erase |delete |format )")
RECAP = re.compile(r"^(\S+)\s*: ok=\d+\s+changed=(\d+)\s+unreachable=(\d+)\s+failed=(\d+)", re.MULTILINE)
# A task that changed a device (delegated controller tasks print "[host -> localhost]").
DEVICE_CHANGED = re.compile(r"^changed: \[([^\]\s]+)\]", re.MULTILINE)


def scenarios():
    out = []
    for name in [platform + "-" + fid for platform, ids in sorted(CONFIG_IDS.items()) for fid in ids] + [
            "ios-healthy", "nxos-healthy", "ios-multi", "nxos-multi"] + EARLY:
        with open(os.path.join(SCENARIO_DIR, name + ".yml"), encoding="utf-8") as handle:
            out.append(yaml.safe_load(handle))
    out.append(FAILING)
    return [dict(DELAYS, **scenario) for scenario in out]


SCENARIOS = {scenario["hostname"]: scenario for scenario in scenarios()}
HOSTS = sorted(SCENARIOS)
# Two more devices, outside the fleet runs, for the roles used alone in a playbook of one's own.
STANDALONE = {
    "ios-standalone": {"platform": "ios", "hostname": "ios-standalone", "valid_tokens": ["lab-token-ios-standalone"],
                       "faults": ["dns_not_configured", "http_client_trustpoint_missing", "transport_url_incorrect"]},
    "nxos-standalone": {"platform": "nxos", "hostname": "nxos-standalone", "valid_tokens": ["lab-token-nxos-standalone"],
                        "faults": ["dns_not_configured", "transport_type_mismatch"]},
}
FLEET_ONLY = ["--limit", "all:!*-standalone"]
# Each configuration role twice, with explicit variables, as someone else's pipeline would use them: the first time it
# reads the device, sends what is missing, saves, re-reads and verifies; the second time it finds nothing to do.
PIPELINE = """---
- name: The remediation roles used alone
  hosts: all
  gather_facts: false
  vars:
    dns_vars: &dns
      dns_name_servers: "{{ smartlic_name_servers }}"
      dns_domain_name: "{{ smartlic_domain_name }}"
      dns_vrf: "{{ smartlic_vrf | default('', true) }}"
    transport_vars: &transport
      transport_type: smart
      transport_vrf: "{{ smartlic_vrf | default('', true) }}"
  tasks:
    - name: DNS
      ansible.builtin.include_role:
        name: smartlic.slp.dns
      vars: *dns
    - name: Keep the first DNS result
      ansible.builtin.set_fact:
        results: "{{ {'dns': [dns_result]} }}"
    - name: DNS again
      ansible.builtin.include_role:
        name: smartlic.slp.dns
      vars: *dns
    - name: Transport
      ansible.builtin.include_role:
        name: smartlic.slp.transport
      vars: *transport
    - name: Keep the first transport result
      ansible.builtin.set_fact:
        results: "{{ results | combine({'dns': results.dns + [dns_result], 'transport': [transport_result]}) }}"
    - name: Transport again
      ansible.builtin.include_role:
        name: smartlic.slp.transport
      vars: *transport
    - name: Trustpoint
      ansible.builtin.include_role:
        name: smartlic.slp.trustpoint
    - name: Keep the first trustpoint result
      ansible.builtin.set_fact:
        results: "{{ results | combine({'transport': results.transport + [transport_result], 'trustpoint': [trustpoint_result]}) }}"
    - name: Trustpoint again
      ansible.builtin.include_role:
        name: smartlic.slp.trustpoint
    - name: Write the results
      ansible.builtin.copy:
        content: "{{ results | combine({'trustpoint': results.trustpoint + [trustpoint_result]}) | to_json }}"
        dest: "{{ results_dir }}/{{ inventory_hostname }}.json"
        mode: "0600"
      delegate_to: localhost
      vars:
        ansible_connection: local
"""


# What the diagnosis still reports while a role's fix is pending.
PENDING_IDS = {"ntp": ["clock_not_synchronized"], "trust_token": ["trust_code_missing", "trust_code_already_installed"],
               "sync": ["report_ack_overdue", "usage_report_failed"]}


def expected_ids(host):
    """The configuration findings the scenario must show (and remediate must fix)."""
    scenario = SCENARIOS[host]
    return [fid for fid in scenario["faults"] if fid in CONFIG_IDS[scenario["platform"]]]


def fixable_ids(host):
    return [fid for fid in expected_ids(host) if host != FAILING["hostname"] or fid != "clock_not_synchronized"]


def read_json(path):
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


def actionable(report):
    return sorted({finding["id"] for finding in report["findings"] if finding["severity"] in ("critical", "error", "warning")})


def recap(run):
    return {host: {"changed": int(changed), "unreachable": int(unreachable), "failed": int(failed)}
            for host, changed, unreachable, failed in RECAP.findall(run.stdout)}


@pytest.fixture(name="fleet", scope="module")
def fixture_fleet(tmp_path_factory):
    work = tmp_path_factory.mktemp("remediate")
    out = {"runs": {}, "states": {}, "logs": {}, "seconds": {}, "work": work}
    with start_lab(list(SCENARIOS.values()) + list(STANDALONE.values()), work / "lab") as lab:
        assert sorted(lab.hosts()) == sorted(HOSTS + list(STANDALONE))
        out["tokens"] = [lab.host_vars(host)["smartlic_id_token"] for host in HOSTS]

        def step(name, playbook, *args):
            started = time.monotonic()
            run = run_playbook(work, playbook, "-i", lab.inventory, "--forks", FORKS, "-e", "smartlic_report_dir=%s" % (work / name), *args,
                               timeout=600)
            out["seconds"][name] = round(time.monotonic() - started, 1)
            out["runs"][name] = run
            (work / ("%s.log" % name)).write_text(run.stdout + run.stderr, encoding="utf-8")
            out["states"][name] = {host: lab.state(host) for host in lab.hosts()}
            out["logs"][name] = {host: lab.commands(host) for host in lab.hosts()}
            return run

        step("diagnose", "smartlic.slp.diagnose", *FLEET_ONLY)
        step("check", "smartlic.slp.remediate", "--check", "--diff", *NTP_WAIT, *FLEET_ONLY)
        step("fix", "smartlic.slp.remediate", *NTP_WAIT, *FLEET_ONLY)
        step("rediagnose", "smartlic.slp.diagnose", *FLEET_ONLY)
        step("again", "smartlic.slp.remediate", *NTP_WAIT, *FLEET_ONLY)
        (work / "pipeline.yml").write_text(PIPELINE, encoding="utf-8")
        (work / "pipeline").mkdir()
        # Configuration output has no "<none>" line that looks like a prompt: the plugins' default read wait will do.
        step("pipeline", str(work / "pipeline.yml"), "-e", "results_dir=%s" % (work / "pipeline"), "--limit", "*-standalone",
             "-e", "ansible_buffer_read_timeout=0.1")
    (work / "seconds.json").write_text(json.dumps(out["seconds"]), encoding="utf-8")
    return out


def sent(fleet, name, host):
    """The commands a device received during step `name`."""
    before = {"diagnose": 0, "check": "diagnose", "fix": "check", "rediagnose": "fix", "again": "rediagnose"}[name]
    start = len(fleet["logs"][before][host]) if before else 0
    return fleet["logs"][name][host][start:]


def summary(fleet, name):
    data = read_json(os.path.join(str(fleet["work"] / name), "remediation", "summary.json"))
    return {item["host"]: item for item in data["hosts"]}


# --- the runs as a whole -----------------------------------------------------------------------------------


def test_every_run_reaches_every_host(fleet):
    for name, run in fleet["runs"].items():
        if name == "pipeline":
            continue
        counts = recap(run)
        assert sorted(counts) == HOSTS, (name, run.stdout[-3000:], run.stderr[-2000:])
        assert all(item["unreachable"] == 0 for item in counts.values()), name


def test_nothing_destructive_is_ever_sent(fleet):
    received = fleet["logs"]["pipeline"]
    assert sum(len(commands) for commands in received.values()) > 100
    assert {host: [command for command in commands if DESTRUCTIVE.match(command)] for host, commands in received.items()} == {
        host: [] for host in received}


def test_a_pending_fix_fails_no_host(fleet):
    for name in ("diagnose", "check", "fix", "rediagnose", "again"):
        run = fleet["runs"][name]
        assert run.returncode == 0, (name, run.stdout[-4000:], run.stderr[-2000:])
        assert [host for host, item in recap(run).items() if item["failed"]] == [], name


def test_the_id_token_is_nowhere(fleet):
    texts = [run.stdout + run.stderr for run in fleet["runs"].values()]
    for name in fleet["runs"]:
        if name == "pipeline":
            continue
        for path in glob.glob(os.path.join(str(fleet["work"] / name), "**", "*"), recursive=True):
            if os.path.isfile(path):
                with open(path, encoding="utf-8", errors="replace") as handle:
                    texts.append(handle.read())
    assert len(texts) > 2 * len(HOSTS)
    for token in fleet["tokens"]:
        assert not any(token in text for text in texts), token


def test_reports_before_and_after(fleet):
    fix = fleet["work"] / "fix"
    for host in HOSTS:
        assert (fix / "before" / ("%s.json" % host)).is_file()
    # Healthy devices are not diagnosed a second time: nothing ran on them.
    changed = [host for host in HOSTS if expected_ids(host)]
    for host in changed:
        assert (fix / "after" / ("%s.json" % host)).is_file(), host
    markdown = (fix / "remediation" / "summary.md").read_text(encoding="utf-8")
    assert "## ios-multi" in markdown and "dns: changed - ip name-server 192.0.2.53" in markdown


# --- per host ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("host", HOSTS)
def test_diagnose_finds_the_faults(fleet, host):
    found = actionable(read_json(os.path.join(str(fleet["work"] / "diagnose"), "%s.json" % host)))
    assert set(expected_ids(host)) <= set(found), found
    if not SCENARIOS[host]["faults"]:
        assert found == []


@pytest.mark.parametrize("host", HOSTS)
def test_check_mode_sends_nothing_and_shows_every_line(fleet, host):
    assert lasting_state(fleet["states"]["check"][host]) == lasting_state(fleet["states"]["diagnose"][host])
    commands = sent(fleet, "check", host)
    assert commands, "the check run did not read the device"
    assert [command for command in commands if not READ_ONLY.match(command)] == []
    entry = summary(fleet, "check")[host]
    assert entry["check_mode"] is True
    roles = {ROLE_OF[fid] for fid in expected_ids(host)}
    assert roles <= set(entry["roles"]), entry["roles"]
    output = fleet["runs"]["check"].stdout
    for role in roles:
        assert entry["roles"][role]["status"] == "would_change", entry["roles"][role]
        lines = entry["roles"][role]["commands"]
        assert lines
        for line in lines:
            assert line in output, (role, line)
        # What check mode showed is what the real run sent.
        real = sent(fleet, "fix", host)
        assert [line for line in lines if line not in real] == [], (role, real)
    if not SCENARIOS[host]["faults"]:
        assert entry["roles"] == {} and entry["lines"] == ["nothing to fix"]


@pytest.mark.parametrize("host", HOSTS)
def test_remediate_fixes_and_saves(fleet, host):
    entry = summary(fleet, "fix")[host]
    assert entry["check_mode"] is False
    assert set(fixable_ids(host)) <= set(entry["fixed"]), entry
    state = fleet["states"]["fix"][host]
    commands = sent(fleet, "fix", host)
    if expected_ids(host):
        assert "copy running-config startup-config" in commands
        assert state["startup_config"] == state["running_config"]
        for fid in fixable_ids(host):
            assert entry["roles"][ROLE_OF[fid]]["status"] == "changed", entry["roles"]
    else:
        assert [command for command in commands if not READ_ONLY.match(command)] == []
        assert entry["lines"] == ["nothing to fix"]


@pytest.mark.parametrize("host", HOSTS)
def test_diagnose_is_clean_afterwards(fleet, host):
    found = actionable(read_json(os.path.join(str(fleet["work"] / "rediagnose"), "%s.json" % host)))
    assert [fid for fid in fixable_ids(host) if fid in found] == [], found
    assert [fid for fid in found if fid in CONFIG_IDS[SCENARIOS[host]["platform"]] and fid not in expected_ids(host)] == []


@pytest.mark.parametrize("host", HOSTS)
def test_second_remediate_changes_nothing(fleet, host):
    run = fleet["runs"]["again"]
    assert host not in DEVICE_CHANGED.findall(run.stdout)
    assert lasting_state(fleet["states"]["again"][host])["running_config"] == lasting_state(fleet["states"]["rediagnose"][host])["running_config"]
    assert [command for command in sent(fleet, "again", host) if not READ_ONLY.match(command)] == []
    entry = summary(fleet, "again")[host]
    assert all(role["status"] in ("ok", "pending", "deferred") for role in entry["roles"].values()), entry["roles"]


def test_a_slow_clock_is_pending_its_trust_fix_deferred_and_the_rest_is_fixed(fleet):
    host = FAILING["hostname"]
    entry = summary(fleet, "fix")[host]
    assert entry["failed"] == [] and entry["pending"] == ["ntp", "trust_token"]
    ntp = entry["roles"]["ntp"]
    assert ntp["status"] == "pending" and len(ntp["commands"]) == 1 and ntp["commands"][0].startswith("ntp server 192.0.2.123 "), ntp
    assert ntp["reason"].startswith("sent %s; the device took it but its effect has not shown yet: re-run smartlic.slp.diagnose after %s"
                                    % (ntp["commands"][0], ntp["recheck_after"])), ntp
    assert "until then the diagnosis still reports clock_not_synchronized" in ntp["reason"]
    trust = entry["roles"]["trust_token"]
    assert trust["status"] == "deferred" and trust["commands"] == [] and trust["recheck_after"] == ntp["recheck_after"]
    assert "needs a synchronised clock" in trust["reason"] and "run smartlic.slp.remediate again after" in trust["reason"]
    assert entry["roles"]["dns"]["status"] == "changed"
    assert entry["fixed"] == ["dns_not_configured"]
    assert sorted(entry["remaining"]) == ["authorization_udi_mismatch", "clock_not_synchronized", "trust_code_missing"]
    # The NTP line was sent and saved; the device answers, its clock is just not synchronised yet.
    assert any(line.startswith("ntp server 192.0.2.123") for line in fleet["states"]["fix"][host]["startup_config"])
    assert "Remediation failed on %s" % host not in fleet["runs"]["fix"].stdout
    markdown = (fleet["work"] / "fix" / "remediation" / "summary.md").read_text(encoding="utf-8")
    assert "- pending: ntp, trust_token" in markdown and "- ntp: pending - sent ntp server 192.0.2.123" in markdown
    # The second run sends nothing new: still pending, nothing to send.
    again = summary(fleet, "again")[host]["roles"]
    assert again["ntp"]["status"] == "pending" and again["ntp"]["commands"] == []
    assert again["ntp"]["reason"].startswith("sent earlier (nothing new to send)")
    assert again["trust_token"]["status"] == "deferred"


def test_the_other_clocks_synchronised_within_the_wait(fleet):
    for host in HOSTS:
        if "clock_not_synchronized" in SCENARIOS[host]["faults"] and host != FAILING["hostname"]:
            entry = summary(fleet, "fix")[host]
            assert entry["roles"]["ntp"]["status"] == "changed" and entry["pending"] == [], (host, entry)
            assert "clock_not_synchronized" in entry["fixed"]


def test_findings_for_a_person_are_listed_not_attempted(fleet):
    host = FAILING["hostname"]
    for name in ("check", "fix", "again"):
        manual = summary(fleet, name)[host]["manual"]
        assert [item["id"] for item in manual] == ["authorization_udi_mismatch"], manual
        assert manual[0]["why"] == "needs a person"
        assert any("show license udi" in step for step in manual[0]["manual_steps"]), manual
        assert any(line.startswith("manual: authorization_udi_mismatch") for line in summary(fleet, name)[host]["lines"])
    # Nothing licensing-related was run for it: no import, no trust, no sync.
    for name in ("fix", "again"):
        assert [command for command in sent(fleet, name, host) if command.startswith("license ")] == []


@pytest.mark.parametrize("host", HOSTS)
def test_each_host_runs_its_roles_in_order(fleet, host):
    # The first line of each role, in the order the device received them (Ansible shares a looped include between
    # hosts: a fleet whose hosts need different roles once ran trust_token before trustpoint).
    seen = []
    for command in sent(fleet, "fix", host):
        role = next((name for name, pattern in FIRST_LINE if pattern.match(command)), None)
        if role and role not in seen:
            seen.append(role)
    assert seen == [role for role in ROLE_ORDER if role in seen], sent(fleet, "fix", host)


@pytest.mark.parametrize("platform", sorted(EARLY_ROLES))
def test_every_role_runs_on_an_early_release(fleet, platform):
    hosts = [SCENARIOS[name.replace("_", "-")]["hostname"] for name in EARLY if name.startswith(platform + "-")]
    assert all(SCENARIOS[host]["version"] in ("17.03.04", "10.2(3)") for host in hosts)
    roles = {}
    for host in hosts:
        for role, entry in summary(fleet, "fix")[host]["roles"].items():
            roles[role] = entry["status"]
            # The device took every line (changed) or the effect is on its way (pending): nothing was refused.
            assert entry["status"] in ("changed", "pending"), (host, role, entry)
        assert summary(fleet, "fix")[host]["failed"] == []
        # Afterwards: clean, or only what a pending fix is still waiting for.
        after = actionable(read_json(os.path.join(str(fleet["work"] / "rediagnose"), "%s.json" % host)))
        waiting = {fid for role in summary(fleet, "fix")[host]["pending"] for fid in PENDING_IDS[role]}
        assert [fid for fid in after if fid not in waiting] == [], (host, after)
        for name in ("check", "again"):
            assert [command for command in sent(fleet, name, host) if not READ_ONLY.match(command)] == [], (name, host)
    assert sorted(roles) == sorted(EARLY_ROLES[platform]), roles


# --- the roles alone ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("host", sorted(STANDALONE))
def test_roles_alone_fix_verify_save_and_then_do_nothing(fleet, host):
    run = fleet["runs"]["pipeline"]
    assert recap(run)[host]["failed"] == 0 and recap(run)[host]["unreachable"] == 0, run.stdout[-3000:]
    results = read_json(os.path.join(str(fleet["work"] / "pipeline"), "%s.json" % host))
    platform = STANDALONE[host]["platform"]
    for role in ("dns", "transport", "trustpoint"):
        first, second = results[role]
        fixes = any(ROLE_OF[fid] == role for fid in STANDALONE[host]["faults"])
        assert first["changed"] is fixes, (role, first)
        assert first["remaining"] == [] and second["remaining"] == [], role
        assert second["changed"] is False and second["commands"] == [], (role, second)
        if fixes:
            assert first["commands"] and first["msg"].startswith("sent: "), first
    if platform == "nxos":
        assert results["trustpoint"][0]["msg"].startswith("nothing to do on NX-OS")
    state = fleet["states"]["pipeline"][host]
    assert state["startup_config"] == state["running_config"]
    commands = fleet["logs"]["pipeline"][host]
    # Each role read the configuration itself (no diagnosis gave it one); a change costs two more reads: the one
    # cli_config makes and the check after it.
    changing = sum(1 for role in ("dns", "transport", "trustpoint") if results[role][0]["changed"])
    reads = 6 if platform == "ios" else 4
    assert commands.count("show running-config") == reads + 2 * changing
    assert commands.count("copy running-config startup-config") == changing
