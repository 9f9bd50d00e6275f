# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""A line the device's release does not have is never sent, and the role says what to do instead.

IOS XE 17.3 (an early Smart Licensing Using Policy release) has no 'license smart vrf' (the lab refuses it there, as
the release would); 17.9 has it. The transport role is asked for the same VRF on both, in check mode and for real:
the 17.9 device gets the line, the 17.3 device gets the rest of the fix, the line is never sent to it (the lab's
command log), the role does not fail, and its message names the line and the alternative.
"""

from __future__ import annotations

import json

import pytest

from tests.lab.harness import start_lab
from tests.playbook_runner import run_playbook

pytestmark = pytest.mark.integration

SMART_URL = "https://smartreceiver.cisco.com/licservice/license"
SCENARIOS = [
    {"platform": "ios", "hostname": "ios-17-3-vrf", "version": "17.03.04", "faults": ["transport_url_incorrect"]},
    {"platform": "ios", "hostname": "ios-17-9-vrf", "version": "17.09.04a", "faults": ["transport_url_incorrect"]},
]
PLAYBOOK = """---
- name: The transport role with a licensing VRF
  hosts: all
  gather_facts: false
  tasks:
    # The VRF exists on both devices (IOS XE refuses a command that names an unknown VRF).
    - name: Define the VRF
      cisco.ios.ios_config:
        lines: [vrf definition Mgmt-vrf]
      check_mode: false
    - name: Transport
      ansible.builtin.include_role:
        name: smartlic.slp.transport
      vars:
        transport_type: smart
        transport_url: "%s"
        transport_vrf: Mgmt-vrf
    - name: Write the result
      ansible.builtin.copy:
        content: "{{ transport_result | to_json }}"
        dest: "{{ results_dir }}/{{ inventory_hostname }}-{{ 'check' if ansible_check_mode else 'real' }}.json"
        mode: "0600"
      check_mode: false
      changed_when: false
      delegate_to: localhost
      vars:
        ansible_connection: local
""" % SMART_URL


def test_license_smart_vrf_only_where_the_release_has_it(tmp_path):
    playbook = tmp_path / "transport.yml"
    playbook.write_text(PLAYBOOK, encoding="utf-8")
    with start_lab(SCENARIOS, tmp_path / "lab") as lab:
        results = {}
        for mode in (["--check", "--diff"], []):
            run = run_playbook(tmp_path, str(playbook), "-i", lab.inventory, "-e", "results_dir=%s" % tmp_path, *mode)
            assert run.returncode == 0, run.stdout[-4000:] + run.stderr[-4000:]
            for host in ("ios-17-3-vrf", "ios-17-9-vrf"):
                with open(str(tmp_path / ("%s-%s.json" % (host, "check" if mode else "real"))), encoding="utf-8") as handle:
                    results[host, bool(mode)] = json.load(handle)
        for check in (True, False):
            early, current = results["ios-17-3-vrf", check], results["ios-17-9-vrf", check]
            assert "license smart vrf Mgmt-vrf" in current["commands"]
            assert "license smart vrf Mgmt-vrf" not in early["commands"]
            assert "license smart url smart %s" % SMART_URL in early["commands"]
            assert [item["line"] for item in early["not_sent"]] == ["license smart vrf Mgmt-vrf"]
            assert "IOS XE 17.3 has no 'license smart vrf' (first in 17.7)" in early["msg"], early["msg"]
            assert current["not_sent"] == []
        for scenario in SCENARIOS:
            assert "vrf definition Mgmt-vrf" in lab.state(scenario["hostname"])["running_config"]
        sent_early = lab.commands("ios-17-3-vrf")
        sent_current = lab.commands("ios-17-9-vrf")
        assert not [line for line in sent_early if "license smart vrf" in line], sent_early
        assert "license smart vrf Mgmt-vrf" in sent_current
        assert "license smart url smart %s" % SMART_URL in sent_early
