# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""`make demo`: the main job on the built-in lab.

Starts a lab fleet (a device for each fixable finding on both platforms, plus
healthy and multi-fault devices), then runs, for real, through network_cli:

  1. ansible-playbook smartlic.slp.diagnose
  2. ansible-playbook smartlic.slp.remediate --check --diff   (nothing may change on the devices)
  3. ansible-playbook smartlic.slp.remediate
  4. ansible-playbook smartlic.slp.diagnose                   (again, to show the result)

and prints a before/after table and where the HTML report is. Exit status 0
when every step ran and check mode changed nothing.

The devices answer with the lab's realistic delays (an ACK about 15 minutes
after the sync, as the NX-OS seed says; a trust code a minute after the ID
token; NTP synchronisation five minutes after the server is set). The roles
wait two minutes, so the table shows ``pending`` where an ACK or the clock is
still on its way (and ``deferred`` for fixes that wait for the clock), with
when to run the diagnosis again.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import time

from tests.lab.harness import lasting_state, start_lab
from tests.playbook_runner import ROOT, run_playbook

SCENARIOS = os.path.join(ROOT, "tests", "lab", "scenarios")
ACTIONABLE = ("critical", "error", "warning")


def actionable_ids(report_dir, host):
    """The actionable finding ids of one host's diagnose report, or None when there is no report."""
    path = os.path.join(report_dir, "%s.json" % host)
    if not os.path.exists(path):
        return None
    with open(path, encoding="utf-8") as handle:
        document = json.load(handle)
    return sorted({finding["id"] for finding in document.get("findings", []) if finding.get("severity") in ACTIONABLE})


def pending_roles(summary_path):
    """host -> 'pending: sync, ... (re-run diagnose after T)' from the remediation summary, for hosts with pending fixes."""
    if not os.path.exists(summary_path):
        return {}
    with open(summary_path, encoding="utf-8") as handle:
        hosts = json.load(handle).get("hosts", [])
    out = {}
    for item in hosts:
        roles = item.get("roles", {})
        waiting = ["%s %s" % (role, roles[role]["status"]) for role in item.get("pending", []) if role in roles]
        times = sorted(roles[role].get("recheck_after") or "" for role in item.get("pending", []) if role in roles)
        if waiting:
            # A deferred fix was never sent: it needs the remediation again, not only a new diagnosis.
            again = "remediate" if any(roles[role]["status"] == "deferred" for role in item.get("pending", []) if role in roles) else "diagnose"
            out[item["host"]] = "pending: %s (re-run %s after %s)" % (", ".join(waiting), again, times[-1] or "a while")
    return out


def device_status(report_dir, host):
    """The host's status word in its diagnose report (action, unusable, info or ok, as every report says it), or 'no report'."""
    path = os.path.join(report_dir, "%s.json" % host)
    if not os.path.exists(path):
        return "no report"
    with open(path, encoding="utf-8") as handle:
        return json.load(handle).get("status") or "no report"


def step(title, workdir, playbook, *args):
    """Run one playbook, print a progress line, then a one-line result; return the CompletedProcess."""
    started = time.monotonic()
    log = os.path.join(workdir, "%s.log" % title.split(" ", 1)[0].rstrip("."))
    print("%-44s running (ansible-playbook output in %s when done)" % (title, log), flush=True)
    run = run_playbook(workdir, playbook, *args, timeout=3600)
    with open(log, "w", encoding="utf-8") as handle:
        handle.write(run.stdout + run.stderr)
    recap = [line for line in run.stdout.splitlines() if " : ok=" in line]
    changed = sum(1 for line in recap if "changed=0" not in line)
    failed = sum(1 for line in recap if "failed=0" not in line or "unreachable=0" not in line)
    values = (title, run.returncode, time.monotonic() - started, len(recap), changed, failed)
    print("%-44s rc=%d  %3.0f s  hosts=%d changed=%d failed=%d" % values)
    return run


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workdir", default=os.path.join(ROOT, "tests", "output", "demo"))
    parser.add_argument("--forks", type=int, default=5)
    parser.add_argument("--scenario", action="append", help="only these scenario files (names in tests/lab/scenarios)")
    options = parser.parse_args(argv)

    workdir = os.path.abspath(options.workdir)
    shutil.rmtree(workdir, ignore_errors=True)
    os.makedirs(workdir)
    scenario_dir = SCENARIOS
    if options.scenario:
        scenario_dir = os.path.join(workdir, "scenarios")
        os.makedirs(scenario_dir)
        for name in options.scenario:
            shutil.copy(os.path.join(SCENARIOS, name), scenario_dir)
    before, after = os.path.join(workdir, "before"), os.path.join(workdir, "after")
    forks = "--forks=%d" % options.forks
    problems = []

    with start_lab(scenario_dir, os.path.join(workdir, "lab")) as lab:
        hosts = lab.hosts()
        print("lab: %d simulated devices on 127.0.0.1 (inventory %s)" % (len(hosts), lab.inventory))
        inventory = ("-i", lab.inventory, forks)
        run = step("1. diagnose", workdir, "smartlic.slp.diagnose", *inventory, "-e", "smartlic_report_dir=%s" % before)
        if run.returncode not in (0, 2):
            problems.append("diagnose failed:\n" + run.stdout[-3000:] + run.stderr[-2000:])

        states = {host: lasting_state(lab.state(host)) for host in hosts}
        run = step("2. remediate --check --diff", workdir, "smartlic.slp.remediate", *inventory, "--check", "--diff",
                   "-e", "smartlic_report_dir=%s" % os.path.join(workdir, "check"))
        untouched = [host for host in hosts if lasting_state(lab.state(host)) == states[host]]
        print("   check mode left %d of %d devices byte-identical" % (len(untouched), len(hosts)))
        if len(untouched) != len(hosts):
            problems.append("check mode changed: %s" % ", ".join(sorted(set(hosts) - set(untouched))))

        run = step("3. remediate", workdir, "smartlic.slp.remediate", *inventory,
                   "-e", "smartlic_report_dir=%s" % os.path.join(workdir, "remediation"))
        if run.returncode not in (0, 2):
            problems.append("remediate failed:\n" + run.stdout[-3000:] + run.stderr[-2000:])
        run = step("4. diagnose again", workdir, "smartlic.slp.diagnose", *inventory, "-e", "smartlic_report_dir=%s" % after)

    waiting = pending_roles(os.path.join(workdir, "remediation", "remediation", "summary.json"))
    print()
    print("%-34s %-5s  %-44s %s" % ("device", "os", "needed action before", "after"))
    print("-" * 106)
    for host in hosts:
        was, now = actionable_ids(before, host), actionable_ids(after, host)
        platform = lab.platform(host)
        # Nothing needs action: the report's own status word (docs/diagnosis.md "Device status").
        before_text = ", ".join(was) if was else device_status(before, host)
        after_text = ", ".join(now) if now else device_status(after, host)
        if host in waiting:
            # Not failed: the device took the fix and its effect (an ACK, NTP) is still on its way.
            after_text += " - " + waiting[host]
        print("%-34s %-5s  %-44s %s" % (host, platform, before_text, after_text))
    print()
    print("HTML fleet report, before: %s" % os.path.join(before, "fleet-report.html"))
    print("HTML fleet report, after:  %s" % os.path.join(after, "fleet-report.html"))
    print("What was sent, per device: %s" % os.path.join(workdir, "remediation", "remediation", "summary.md"))
    for problem in problems:
        print("PROBLEM: " + problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
