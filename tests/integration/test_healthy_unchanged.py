# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Nothing changes on a healthy device: the configuration roles and smartlic.slp.remediate send no configuration.

Healthy lab devices already have what their inventory asks for, including 'ntp server 192.0.2.123 prefer' (IOS XE)
and 'ntp server 192.0.2.123 prefer use-vrf management' (NX-OS), without a version. One ansible-playbook run:

1. every configuration role (ntp, dns, transport, trustpoint) with the inventory's settings, as a pipeline would use
   them: each reads the device and finds nothing to send (the ntp role's default version 2 is not imposed on the
   existing server line);
2. smartlic.slp.remediate: the diagnosis finds nothing to fix.

The lab's command logs must hold nothing but reads, and every role must say it changed nothing.
"""

from __future__ import annotations

import json
import re

import pytest

from tests.lab.harness import start_lab
from tests.playbook_runner import run_playbook

pytestmark = pytest.mark.integration

SCENARIOS = [
    {"platform": "ios", "hostname": "ios-healthy-ntp", "faults": []},
    {"platform": "ios", "hostname": "ios-healthy-vrf", "faults": [], "vrf": "Mgmt-intf"},
    {"platform": "ios", "hostname": "ios-healthy-cslu", "faults": [], "topology": "cslu"},
    {"platform": "nxos", "hostname": "nxos-healthy-ntp", "faults": []},
]
HOSTS = [scenario["hostname"] for scenario in SCENARIOS]
READ_ONLY = re.compile(r"^(?:show |terminal |enable$)")
RECAP = re.compile(r"^(\S+)\s*: ok=\d+\s+changed=(\d+)\s+unreachable=(\d+)\s+failed=(\d+)", re.MULTILINE)
ROLES = ["ntp", "dns", "transport", "trustpoint"]
PIPELINE = """---
- name: The configuration roles on healthy devices
  hosts: all
  gather_facts: false
  tasks:
    - name: NTP
      ansible.builtin.include_role:
        name: smartlic.slp.ntp
      vars:
        ntp_servers: "{{ smartlic_ntp_servers }}"
        ntp_vrf: "{{ smartlic_ntp_vrf | default(smartlic_vrf | default('', true), true) }}"
        ntp_wait_timeout: 10
        ntp_wait_interval: 5
    - name: DNS
      ansible.builtin.include_role:
        name: smartlic.slp.dns
      vars:
        dns_name_servers: "{{ smartlic_name_servers }}"
        dns_domain_name: "{{ smartlic_domain_name | default('', true) }}"
        dns_vrf: "{{ smartlic_vrf | default('', true) }}"
        dns_cslu_local_address: "{{ smartlic_cslu_local_address | default('', true) }}"
    - name: Transport
      ansible.builtin.include_role:
        name: smartlic.slp.transport
      vars:
        transport_type: "{{ smartlic_transport_type }}"
        transport_url: "{{ smartlic_transport_url | default('', true) }}"
        transport_vrf: "{{ smartlic_vrf | default('', true) }}"
    - name: Trustpoint
      ansible.builtin.include_role:
        name: smartlic.slp.trustpoint
    - name: Write the results
      ansible.builtin.copy:
        content: "{{ {'ntp': ntp_result, 'dns': dns_result, 'transport': transport_result, 'trustpoint': trustpoint_result} | to_json }}"
        dest: "{{ results_dir }}/{{ inventory_hostname }}.json"
        mode: "0600"
      changed_when: false
      delegate_to: localhost
      vars:
        ansible_connection: local

- name: Remediate
  ansible.builtin.import_playbook: smartlic.slp.remediate
"""


@pytest.fixture(name="outcome", scope="module")
def fixture_outcome(tmp_path_factory):
    work = tmp_path_factory.mktemp("healthy")
    (work / "results").mkdir()
    (work / "pipeline.yml").write_text(PIPELINE, encoding="utf-8")
    with start_lab(SCENARIOS, work / "lab") as lab:
        run = run_playbook(work, str(work / "pipeline.yml"), "-i", lab.inventory, "-e", "results_dir=%s" % (work / "results"),
                           "-e", "smartlic_report_dir=%s" % (work / "reports"), "--forks", "10", timeout=600)
        commands = {host: lab.commands(host) for host in HOSTS}
        configs = {host: lab.state(host) for host in HOSTS}
    (work / "run.log").write_text(run.stdout + run.stderr, encoding="utf-8")
    results = {}
    for host in HOSTS:
        path = work / "results" / ("%s.json" % host)
        results[host] = json.loads(path.read_text(encoding="utf-8")) if path.exists() else None
    summary = work / "reports" / "remediation" / "summary.json"
    return {"run": run, "commands": commands, "results": results, "configs": configs,
            "summary": json.loads(summary.read_text(encoding="utf-8")) if summary.exists() else None}


def test_the_run_succeeded_and_changed_nothing(outcome):
    run = outcome["run"]
    assert run.returncode == 0, run.stdout[-4000:] + run.stderr[-2000:]
    recap = {host: (int(changed), int(unreachable), int(failed)) for host, changed, unreachable, failed in RECAP.findall(run.stdout)}
    for host in HOSTS:
        assert recap[host] == (0, 0, 0), (host, recap[host])


@pytest.mark.parametrize("host", HOSTS)
def test_nothing_but_reads_reached_the_device(outcome, host):
    commands = outcome["commands"][host]
    assert any(command.startswith("show running-config") for command in commands)
    assert [command for command in commands if not READ_ONLY.match(command)] == []


@pytest.mark.parametrize("host", HOSTS)
def test_every_role_found_nothing_to_send(outcome, host):
    result = outcome["results"][host]
    assert result is not None
    for role in ROLES:
        assert result[role]["changed"] in (False, "False"), (role, result[role])
        assert result[role]["commands"] == [], (role, result[role])
    assert result["ntp"]["msg"].startswith("NTP servers already configured"), result["ntp"]


def test_remediate_found_nothing_to_fix(outcome):
    summary = outcome["summary"]
    assert summary is not None and not summary["check_mode"]
    assert sorted(item["host"] for item in summary["hosts"]) == sorted(HOSTS)
    for item in summary["hosts"]:
        assert item["findings_before"] == [] and item.get("roles", {}) == {}, item
