# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The trust_token and sync roles on the lab: real ansible-playbook, real network_cli, both platforms.

One lab for the module (14 devices, each run's hosts in one wave of forks: the roles' waits overlap). tests/integration/playbooks/exec_roles.yml
includes the roles with explicit variables, the way another pipeline would,
and writes one result file per host. The runs, in order:

1. ``--check --diff`` with a diagnosis first: it finds each fault, the roles
   report what they would run (token masked) and the devices receive only
   read-only commands.
2. The fix, told the findings of run 1, then a diagnosis: each fault is gone
   (except ``trust_code_already_installed`` where force is not allowed: nothing
   is sent and the finding stays, with the manual step).
3. The same again, told the findings of run 2: ``changed=0`` everywhere (the
   hosts without force, unchanged by run 2 already, are left out).
4. to 6. The offline round trip (transport off) on IOS XE and NX-OS: run 2 saved the
   usage report on the device and fetched it over SCP; with an ACK file, a
   check run sends nothing, the fix copies the file back over SCP and imports
   it, the diagnosis is clean, and a last run changes nothing.

Timing: every device answers late, as a real one does (the lab's trust code
and ACK delays scaled down to seconds, never zero); the roles wait for it.
Two devices answer later than their role waits: the fix is ``pending`` (what
was sent, when to look again), the host is not failed. One device refuses the
ID token (TRUST_CODE_INSTALL_FAILED): that host fails, with the device's words.
"""

from __future__ import annotations

import copy
import json
import os
import re
import shutil
from datetime import datetime, timezone

import pytest
import yaml

from tests.lab import license_model
from tests.lab.harness import start_lab
from tests.playbook_runner import ROOT, run_playbook

pytestmark = pytest.mark.integration

PLAYBOOK = os.path.join(os.path.dirname(os.path.abspath(__file__)), "playbooks", "exec_roles.yml")
SCENARIO_DIR = os.path.join(ROOT, "tests", "lab", "scenarios")
MASKED = "license smart trust idtoken ********"
# Commands that leave a device as it is: the connection set-up and what diagnose and the roles read.
READ_ONLY = re.compile(r"^(?:show |dir |more |terminal |enable$)")
RECAP = re.compile(r"^(\S+)\s*: ok=\d+\s+changed=(\d+)\s+unreachable=(\d+)\s+failed=(\d+)", re.MULTILINE)
# The offline devices (transport off) and their file system.
OFFLINE = {"ios-offline": "flash:", "nxos-offline": "bootflash:"}


def _scenario(name, hostname=None):
    with open(os.path.join(SCENARIO_DIR, name + ".yml"), encoding="utf-8") as handle:
        scenario = yaml.safe_load(handle)
    if hostname:
        scenario = copy.deepcopy(scenario)
        scenario["hostname"] = hostname
    return scenario


# host -> (scenario, flow variables, fault, what the role runs (masked))
HOSTS = {
    "ios-trust-code-missing": (_scenario("ios-trust_code_missing"), {"exec_role": "trust_token"}, "trust_code_missing",
                               MASKED + " all"),
    # NX-OS: no scope keyword (Cisco NX-OS SLP user guide, seed 001 line 25).
    "nxos-trust-code-missing": (_scenario("nxos-trust_code_missing"), {"exec_role": "trust_token"}, "trust_code_missing", MASKED),
    "ios-trust-code-already-installed": (_scenario("ios-trust_code_already_installed"), {"exec_role": "trust_token", "exec_force_allowed": True},
                                         "trust_code_already_installed", MASKED + " local force"),
    "nxos-trust-code-already-installed": (_scenario("nxos-trust_code_already_installed"), {"exec_role": "trust_token", "exec_force_allowed": True},
                                          "trust_code_already_installed", MASKED + " force"),
    "ios-no-force": (_scenario("ios-trust_code_already_installed", "ios-no-force"), {"exec_role": "trust_token"},
                     "trust_code_already_installed", None),
    "nxos-no-force": (_scenario("nxos-trust_code_already_installed", "nxos-no-force"), {"exec_role": "trust_token"},
                      "trust_code_already_installed", None),
    "ios-report-ack-overdue": (_scenario("ios-report_ack_overdue"), {"exec_role": "sync"}, "report_ack_overdue", "license smart sync all"),
    # NX-OS: bare 'license smart sync' (seed 001 line 291).
    "nxos-report-ack-overdue": (_scenario("nxos-report_ack_overdue"), {"exec_role": "sync"}, "report_ack_overdue", "license smart sync"),
}
for _host, _fs in OFFLINE.items():
    HOSTS[_host] = ({"platform": _host.partition("-")[0], "hostname": _host, "faults": ["report_ack_overdue"], "topology": "offline"},
                    {"exec_role": "sync", "exec_sync_mode": "offline"}, "report_ack_overdue",
                    "license smart save usage all file %sslp_usage.txt" % _fs)
NO_FORCE = ("ios-no-force", "nxos-no-force")
# Scaled-down delays (seconds): shorter than the roles' wait (30 s), never zero.
TRUST_SECONDS, ACK_SECONDS = 2, 3
for _scenario_, *_rest in HOSTS.values():
    _scenario_.setdefault("trust_install_seconds", TRUST_SECONDS)
    _scenario_.setdefault("ack_delay_seconds", ACK_SECONDS)
# Devices slower than their role waits (5 s): the fix is pending, the host goes on. (The roles read every second.)
PENDING = {
    "ios-ack-pending": (dict(_scenario("ios-report_ack_overdue", "ios-ack-pending"), ack_delay_seconds=600),
                        {"exec_role": "sync", "exec_wait": 5}, "report_ack_overdue", "license smart sync all"),
    "nxos-trust-pending": (dict(_scenario("nxos-trust_code_missing", "nxos-trust-pending"), trust_install_seconds=600),
                           {"exec_role": "trust_token", "exec_wait": 5}, "trust_code_missing", MASKED),
    "nxos-ack-pending": (dict(_scenario("nxos-report_ack_overdue", "nxos-ack-pending"), ack_delay_seconds=600),
                         {"exec_role": "sync", "exec_wait": 5}, "report_ack_overdue", "license smart sync"),
}
# A token the Smart Account does not know: CSSM answers TRUST_CODE_INSTALL_FAILED, a real refusal.
REFUSED = {
    "ios-token-refused": (dict(_scenario("ios-trust_code_missing", "ios-token-refused"), trust_install_seconds=TRUST_SECONDS),
                          {"exec_role": "trust_token", "exec_token": "token-of-another-virtual-account"}, "trust_code_missing",
                          MASKED + " all"),
}
HOSTS.update(PENDING)
HOSTS.update(REFUSED)
# Hosts whose first fix is not complete: the second run would send again (as a real re-run before the answer would).
NOT_AGAIN = NO_FORCE + tuple(PENDING) + tuple(REFUSED)


class Runner:
    """Runs the playbook in a workdir of its own and records what each run did to the devices."""

    def __init__(self, lab, workdir):
        self.lab = lab
        self.workdir = workdir
        os.makedirs(workdir, exist_ok=True)
        self.playbook = os.path.join(workdir, "exec_roles.yml")
        shutil.copy(PLAYBOOK, self.playbook)

    def run(self, name, hosts, findings, *args, ack_files=None, diagnose=()):
        """One ansible-playbook run on hosts; findings: host -> ids the roles are told about."""
        flows = {"all": {"vars": {"exec_token": "{{ smartlic_id_token }}"}, "hosts": {}}}
        for host in hosts:
            variables = dict(HOSTS[host][1], exec_findings=findings.get(host, []), exec_diagnose_before="before" in diagnose,
                             exec_diagnose_after="after" in diagnose)
            if ack_files and host in ack_files:
                variables["exec_ack_file"] = ack_files[host]
            flows["all"]["hosts"][host] = variables
        flows_path = os.path.join(self.workdir, "flows-%s.yml" % name)
        with open(flows_path, "w", encoding="utf-8") as handle:
            yaml.safe_dump(flows, handle)
        out = os.path.join(self.workdir, "results-%s.json" % name)
        marks = {host: len(self.lab.commands(host)) for host in hosts}
        before = {host: self.lab.state(host)["license"] for host in hosts}
        proc = run_playbook(self.workdir, self.playbook, "-i", self.lab.inventory, "-i", flows_path, "--limit", ",".join(hosts),
                            "-e", json.dumps({"exec_out": out, "exec_usage_dir": os.path.join(self.workdir, "usage")}),
                            *args, timeout=600, env={"ANSIBLE_FORKS": str(len(hosts))})
        results = {}
        if os.path.exists(out):
            with open(out, encoding="utf-8") as handle:
                results = {host: result for host, result in json.load(handle).items() if result}
        return {
            "proc": proc,
            "recap": {host: {"changed": int(changed), "unreachable": int(unreachable), "failed": int(failed)}
                      for host, changed, unreachable, failed in RECAP.findall(proc.stdout)},
            "results": results,
            "sent": {host: self.lab.commands(host)[marks[host]:] for host in hosts},
            "before": before,
            "after": {host: self.lab.state(host)["license"] for host in hosts},
        }


def _ack_file(workdir, host):
    """The ACK file CSSM would return for an offline device's usage report."""
    platform = HOSTS[host][0]["platform"]
    member = {"pid": license_model.default_pid(platform), "sn": license_model.default_serial(platform, host)}
    path = os.path.join(workdir, "ack-%s.txt" % host)
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(license_model.ack_file([member], datetime.now(timezone.utc)))
    return path


@pytest.fixture(name="runs", scope="module")
def fixture_runs(tmp_path_factory):
    work = tmp_path_factory.mktemp("remediate-exec")
    runs = {}
    with start_lab([scenario for scenario, _flow, _fault, _command in HOSTS.values()], work / "lab") as lab:
        runner = Runner(lab, str(work / "run"))
        hosts = list(HOSTS)
        runs["check"] = runner.run("check", hosts, {}, "--check", "--diff", diagnose=("before",))
        found = {host: result["before"] for host, result in runs["check"]["results"].items()}
        runs["fix"] = runner.run("fix", hosts, found, "--diff", diagnose=("after",))
        left = {host: result["after"] for host, result in runs["fix"]["results"].items()}
        # the hosts without force changed nothing in the fix: the second run is for the others
        runs["again"] = runner.run("again", [host for host in hosts if host not in NOT_AGAIN], left, "--diff")
        runs["usage_dir"] = os.path.join(runner.workdir, "usage")
        flash = {host: os.path.join(lab.state_dir, host, "flash") for host in OFFLINE}
        runs["usage_on_device"] = {host: _read(os.path.join(flash[host], "slp_usage.txt")) for host in OFFLINE}
        acks = {host: _ack_file(runner.workdir, host) for host in OFFLINE}
        runs["ack"] = acks
        offline = list(OFFLINE)
        runs["ack_check"] = runner.run("ack-check", offline, left, "--check", "--diff", ack_files=acks)
        runs["ack_fix"] = runner.run("ack-fix", offline, left, "--diff", ack_files=acks, diagnose=("after",))
        runs["ack_again"] = runner.run("ack-again", offline, {}, "--diff", ack_files=acks)
        runs["ack_on_device"] = {host: _read(os.path.join(flash[host], "slp_ack.txt")) for host in OFFLINE}
    return runs


def _read(path):
    if not os.path.exists(path):
        return None
    with open(path, encoding="utf-8") as handle:
        return handle.read()


def _ok(run):
    """Every host ran without failing, except the one whose token the device refused (then the run ends with 2)."""
    proc = run["proc"]
    failed = sorted(host for host, counts in run["recap"].items() if counts["failed"] or counts["unreachable"])
    refused = sorted(host for host in run["recap"] if host in REFUSED and "--check" not in proc.args)
    assert failed == refused, proc.stdout[-6000:] + proc.stderr[-3000:]
    assert proc.returncode == (2 if refused else 0), proc.stdout[-6000:] + proc.stderr[-3000:]


def _role_result(result):
    return result["trust_token"] or result["sync"]


def _exec_sent(run, host):
    return [line for line in run["sent"][host] if not READ_ONLY.match(line)]


@pytest.mark.parametrize("host", list(HOSTS))
def test_check_mode_reports_and_sends_nothing(runs, host):
    run = runs["check"]
    _ok(run)
    _unused, _flow, fault, command = HOSTS[host]
    result = run["results"][host]
    assert fault in result["before"], "the diagnosis finds %s on %s" % (fault, host)
    role = _role_result(result)
    assert role["check_mode"] is True
    assert role["sent"] == [] and role["commands"] == ([] if command is None else [command])
    if command is None:
        assert role["would_run"] == [] and role["outcome"] == "unchanged"
        assert run["recap"][host]["changed"] == 0
    else:
        assert role["would_run"] == [command]
        assert role["outcome"] == "would_apply"
        assert run["recap"][host]["changed"] >= 1
        assert "+" + command in run["proc"].stdout  # the diff shows it
    assert run["sent"][host], "the devices were read"
    assert _exec_sent(run, host) == []
    for key in ("trust", "usage", "files", "policy"):
        assert run["after"][host][key] == run["before"][host][key]


@pytest.mark.parametrize("host", [host for host in HOSTS if host not in NOT_AGAIN and host not in OFFLINE])
def test_roles_fix_the_finding(runs, host):
    run = runs["fix"]
    _ok(run)
    _unused, _flow, fault, command = HOSTS[host]
    result = run["results"][host]
    role = _role_result(result)
    assert role["commands"] == [command]
    assert _exec_sent(run, host) == [command]
    assert role["outcome"] == "applied" and role["sent"] == role["applied"] == [command], role
    assert fault not in result["after"]
    if fault == "report_ack_overdue":
        assert run["after"][host]["usage"]["last_ack"] != run["before"][host]["usage"]["last_ack"]
    else:
        changed = [sn for sn, when in run["after"][host]["trust"].items() if when != run["before"][host]["trust"].get(sn)]
        # 'all' on the two-member stack renews both trust codes; 'local' the active one only.
        assert len(changed) == (2 if command.endswith(" all") else 1)


@pytest.mark.parametrize("host", NO_FORCE)
def test_force_is_not_used_unless_allowed(runs, host):
    run = runs["fix"]
    _ok(run)
    result = run["results"][host]
    role = result["trust_token"]
    assert role["outcome"] == "unchanged" and role["force"] is False
    assert _exec_sent(run, host) == []
    assert run["after"][host]["trust"] == run["before"][host]["trust"]
    assert "trust_code_already_installed" in result["after"]
    assert "trust_token_force=true" in role["msg"]
    # The step names the platform's own command: NX-OS has no scope keyword.
    forced = MASKED + (" force" if host.startswith("nxos") else " local force")
    assert any(forced in step for step in role["manual_steps"]), role["manual_steps"]


@pytest.mark.parametrize("host", list(PENDING))
def test_a_device_slower_than_the_wait_is_pending_not_failed(runs, host):
    run = runs["fix"]
    _ok(run)
    _unused, _flow, fault, command = HOSTS[host]
    assert run["recap"][host]["failed"] == 0
    result = run["results"][host]
    role = _role_result(result)
    assert role["outcome"] == "pending" and role["changed"] is True
    assert role["commands"] == [command] and _exec_sent(run, host) == [command]
    pending = role["pending"]
    assert pending["sent"] == [command]
    assert pending["how"] == "re-run smartlic.slp.diagnose after " + pending["recheck_after"]
    assert pending["how"] in role["msg"]
    # When to look again: the ACK takes about 15 minutes (seed 001), a trust code a few.
    sent_at = datetime.strptime(pending["sent_at"], "%Y-%m-%dT%H:%M:%SZ")
    recheck = datetime.strptime(pending["recheck_after"], "%Y-%m-%dT%H:%M:%SZ")
    assert (recheck - sent_at).total_seconds() == (900 if fault == "report_ack_overdue" else 300)
    # The device is in between: the command was taken, its effect has not arrived, and the diagnosis still sees it.
    assert fault in result["after"]
    if fault == "report_ack_overdue":
        assert run["after"][host]["usage"]["last_ack"] == run["before"][host]["usage"]["last_ack"]
        assert run["after"][host]["usage"]["last_push"] != run["before"][host]["usage"]["last_push"]
        assert run["after"][host]["pending_ack"] is not None
    else:
        assert run["after"][host]["trust"] == run["before"][host]["trust"]
        assert run["after"][host]["pending_trust"] is not None


def test_a_refused_token_fails_the_host_with_the_devices_words(runs):
    run = runs["fix"]
    _ok(run)
    host = "ios-token-refused"
    assert run["recap"][host]["failed"] == 1
    role = run["results"][host]["trust_token"]
    assert role["outcome"] == "failed" and role["commands"] == [MASKED + " all"] and role["rejected"] is None
    assert role["failures"] and all("TRUST_CODE_INSTALL_FAILED" in line for line in role["failures"])
    assert license_model.REASON_ACCOUNT in role["msg"]
    assert "Trust code not installed on %s (failed)" % host in run["proc"].stdout
    assert "token-of-another-virtual-account" not in run["proc"].stdout + run["proc"].stderr


@pytest.mark.parametrize("host", [host for host in HOSTS if host not in NOT_AGAIN])
def test_second_run_changes_nothing(runs, host):
    run = runs["again"]
    _ok(run)
    assert run["recap"][host] == {"changed": 0, "unreachable": 0, "failed": 0}
    assert _role_result(run["results"][host])["changed"] is False
    assert _exec_sent(run, host) == []


@pytest.mark.parametrize("host", list(OFFLINE))
def test_offline_usage_report_saved_and_fetched(runs, host):
    run = runs["fix"]
    _ok(run)
    device_file = OFFLINE[host] + "slp_usage.txt"
    sync = run["results"][host]["sync"]
    assert sync["mode"] == "offline" and sync["outcome"] == "applied" and sync["fetched"] is True
    assert _exec_sent(run, host) == ["license smart save usage all file " + device_file]
    fetched = os.path.join(runs["usage_dir"], "%s_slp_usage.txt" % host)
    assert sync["usage_file"] == fetched
    usage = runs["usage_on_device"][host]
    assert usage and "<rumReports" in usage
    assert _read(fetched) == usage
    assert run["after"][host]["files"][device_file]["content"] == usage
    # no ACK yet: the finding stays and the role says what to do in CSSM
    assert "report_ack_overdue" in run["results"][host]["after"]
    assert any(fetched in step for step in sync["manual_steps"])
    again = runs["again"]["results"][host]["sync"]
    assert again["outcome"] == "unchanged" and again["fetched"] is False


@pytest.mark.parametrize("host", list(OFFLINE))
def test_offline_ack_import_check_fix_and_again(runs, host):
    check, fix, again = runs["ack_check"], runs["ack_fix"], runs["ack_again"]
    for run in (check, fix, again):
        _ok(run)
    device_file = OFFLINE[host] + "slp_ack.txt"
    result = check["results"][host]["sync"]
    assert result["would_run"] == ["license smart import " + device_file] and result["copied"] is False
    assert _exec_sent(check, host) == []
    assert device_file not in check["after"][host]["files"]

    result = fix["results"][host]
    assert result["sync"]["copied"] is True and result["sync"]["outcome"] == "applied"
    assert _exec_sent(fix, host) == ["license smart import " + device_file]
    assert runs["ack_on_device"][host] == _read(runs["ack"][host])
    assert "report_ack_overdue" not in result["after"]
    assert fix["after"][host]["usage"]["last_ack"] != fix["before"][host]["usage"]["last_ack"]

    assert again["recap"][host] == {"changed": 0, "unreachable": 0, "failed": 0}
    assert again["results"][host]["sync"]["outcome"] == "unchanged"
    assert _exec_sent(again, host) == []
