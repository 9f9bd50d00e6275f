# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""One lab fleet and one set of ansible-playbook runs for three test files (the fixture shared_fleet, conftest.py).

test_report_matches_check.py, test_topologies.py and test_trustpoint_certificate.py each used to start a lab
of their own and run diagnose and remediate over it; their devices were the same scenarios with the same
delays. Now one lab runs every scenario of tests/lab/scenarios (lab delays scaled to 2-3 s, never zero), plus
an IOS XE device whose intended HTTP client source interface differs from its configuration and an IOS XE
SSM On-Prem device with no SLA-TrustPoint at all. Five real runs through network_cli, in this order:

1. ``diagnose``            smartlic.slp.diagnose, every host
2. ``check``               smartlic.slp.remediate --check --diff, every host (smartlic_trust_force=true, so the
                           trust_token role shows its lines on both platforms)
3. ``fix``                 smartlic.slp.remediate, the topology devices and the three trustpoint devices
4. ``again``               smartlic.slp.remediate again, the topology devices
5. ``trustpoint_again``    the trustpoint role alone, the device whose CA certificate step 3 installed

After each run the fixture keeps every device's command log and state file, so a test sees exactly what one
run sent (sent()). tests/conftest.py (SHARED_FLEET_FILES) schedules the three files on one pytest-xdist worker, so the fleet is
built once per `make test`. Runtime: about 8 minutes on 2 shared cores (one file alone costs as much).
"""

from __future__ import annotations

import glob
import os

import yaml

from tests.lab.harness import start_lab
from tests.playbook_runner import ROOT, run_playbook

SCENARIO_DIR = os.path.join(ROOT, "tests", "lab", "scenarios")
# The lab's realistic delays (NTP 5 min, trust code 1 min, ACK 15 min) scaled down: shorter than the roles' waits, never zero.
DELAYS = {"ntp_sync_seconds": 2, "trust_install_seconds": 2, "ack_delay_seconds": 3}
# A healthy IOS XE device told that its HTTP client should leave through GigabitEthernet0/0 (the lab's interface).
SOURCE = {"platform": "ios", "hostname": "ios-source-interface", "faults": [], "valid_tokens": ["lab-token-ios-source-interface"]}
SOURCE_VARS = {"smartlic_source_interface": "GigabitEthernet0/0", "smartlic_transport_type": "smart"}
# No SLA-TrustPoint at all on an SSM On-Prem device: the trustpoint lines first, then the CA certificate.
TRUSTPOINT_AND_CA = {"platform": "ios", "hostname": "ios-sla-tp-and-ca", "topology": "onprem", "faults": ["sla_trustpoint_missing"],
                     "valid_tokens": ["lab-token-ios-sla-tp-and-ca"]}
# The sync role's wait cut to 15 s for the topology devices no ACK reaches.
SYNC_WAIT = ["-e", "sync_wait_timeout=15", "-e", "sync_wait_interval=2"]
STEPS = ("diagnose", "check", "fix", "again", "trustpoint_again")
TRUSTPOINT_AGAIN = """---
- name: The trustpoint role alone, with the certificate already installed
  hosts: all
  gather_facts: false
  roles:
    - role: smartlic.slp.trustpoint
      vars:
        trustpoint_ca_pem: "{{ smartlic_trustpoint_ca_pem }}"
"""


def _load(path):
    with open(path, encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def scenarios():
    """{hostname: scenario} of the fleet: every scenario file, then the two devices above."""
    found = [_load(path) for path in sorted(glob.glob(os.path.join(SCENARIO_DIR, "*.yml")))]
    return {scenario["hostname"]: dict(DELAYS, **scenario) for scenario in found + [SOURCE, TRUSTPOINT_AND_CA]}


SCENARIOS = scenarios()
# The devices of test_topologies.py: every topology scenario and the direct-to-CSSM one with an overdue ACK.
TOPOLOGY_HOSTS = sorted(host for host in SCENARIOS if "-topology-" in host) + ["nxos-report-ack-overdue"]
# The devices of test_trustpoint_certificate.py: no CA certificate, a different CA, no SLA-TrustPoint at all.
TRUSTPOINT_HOSTS = {"missing": _load(os.path.join(SCENARIO_DIR, "ios-sla_trustpoint_certificate_missing.yml"))["hostname"],
                    "wrong": _load(os.path.join(SCENARIO_DIR, "ios-sla_trustpoint_certificate_wrong.yml"))["hostname"],
                    "both": TRUSTPOINT_AND_CA["hostname"]}


def run_fleet(work):
    """Start the lab, make the five runs, stop the lab; return what the tests read."""
    out = {"work": work, "runs": {}, "logs": {}, "states": {}, "targets": {}}
    with start_lab(list(SCENARIOS.values()), work / "lab") as lab:
        out["host_vars"] = {host: lab.host_vars(host) for host in lab.hosts()}
        extra = work / "extra_inventory.yml"
        extra.write_text(yaml.safe_dump({"all": {"hosts": {SOURCE["hostname"]: SOURCE_VARS}}}), encoding="utf-8")
        (work / "trustpoint_again.yml").write_text(TRUSTPOINT_AGAIN, encoding="utf-8")
        everyone = ["-i", lab.inventory, "-i", str(extra), "--forks", "20", "-e", "smartlic_trust_force=true"]
        remediated = TOPOLOGY_HOSTS + sorted(TRUSTPOINT_HOSTS.values())
        fixing = ["-i", lab.inventory, "--forks", "20", "-e", "sync_usage_dir=%s" % (work / "usage"), *SYNC_WAIT]
        plan = [
            ("diagnose", lab.hosts(), ["smartlic.slp.diagnose", *everyone]),
            ("check", lab.hosts(), ["smartlic.slp.remediate", "--check", "--diff", *everyone, "-e", "ntp_wait_timeout=5"]),
            ("fix", remediated, ["smartlic.slp.remediate", *fixing, "--limit", ",".join(remediated)]),
            ("again", TOPOLOGY_HOSTS, ["smartlic.slp.remediate", *fixing, "--limit", ",".join(TOPOLOGY_HOSTS)]),
            ("trustpoint_again", [TRUSTPOINT_HOSTS["missing"]],
             [str(work / "trustpoint_again.yml"), "-i", lab.inventory, "--limit", TRUSTPOINT_HOSTS["missing"]]),
        ]
        for step, targets, args in plan:
            run = run_playbook(work, args[0], *args[1:], "-e", "smartlic_report_dir=%s" % (work / step), timeout=900)
            (work / ("%s.log" % step)).write_text(run.stdout + run.stderr, encoding="utf-8")
            out["runs"][step] = run
            out["targets"][step] = sorted(targets)
            out["logs"][step] = {host: lab.commands(host) for host in lab.hosts()}
            out["states"][step] = {host: lab.state(host) for host in lab.hosts()}
    return out


def sent(fleet, step, host):
    """The commands the device received during one run (the runs are in STEPS order)."""
    index = STEPS.index(step)
    start = len(fleet["logs"][STEPS[index - 1]][host]) if index else 0
    return fleet["logs"][step][host][start:]
