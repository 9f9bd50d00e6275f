# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The lab against real Ansible: ansible-playbook with ansible.netcommon.network_cli on a 2-device lab.

One IOS XE and one NX-OS device; the platform modules the roles rely on
(*_command, *_config in check mode with diff then for real then again,
*_ntp_global merged twice, cli_command) must work, be idempotent and leave
the device state the lab records.
"""

from __future__ import annotations

import json
import os

import pytest

from tests.lab.harness import start_lab
from tests.playbook_runner import ROOT, run_playbook

pytestmark = pytest.mark.integration

SCENARIOS = [
    {"platform": "ios", "hostname": "smoke-ios", "faults": [], "valid_tokens": ["smoke-token"]},
    {"platform": "nxos", "hostname": "smoke-nx", "faults": [], "valid_tokens": ["smoke-token"]},
]

PLAYBOOK = """---
- name: Lab smoke test
  hosts: all
  gather_facts: false
  tasks:
    - name: IOS XE
      when: ansible_network_os == 'cisco.ios.ios'
      block:
        - name: Show commands
          cisco.ios.ios_command:
            commands: [show version, show license status, sh lic udi]
          register: ios_show
        - name: Config in check mode with diff
          cisco.ios.ios_config:
            lines: [ntp server 192.0.2.99]
          check_mode: true
          diff: true
          register: ios_check
        - name: Config for real
          cisco.ios.ios_config:
            lines: [ntp server 192.0.2.99]
          register: ios_real
        - name: Config again
          cisco.ios.ios_config:
            lines: [ntp server 192.0.2.99]
          register: ios_again
        - name: Config in a sub-mode, saved when modified
          cisco.ios.ios_config:
            parents: [call-home, profile "CiscoTAC-1"]
            lines: [destination transport-method http, active]
            save_when: modified
          register: ios_sub
        - name: NTP merged
          cisco.ios.ios_ntp_global:
            config: {servers: [{server: 192.0.2.77, prefer: true}]}
            state: merged
          register: ios_ntp
        - name: NTP merged again
          cisco.ios.ios_ntp_global:
            config: {servers: [{server: 192.0.2.77, prefer: true}]}
            state: merged
          register: ios_ntp_again
        - name: Any command
          ansible.netcommon.cli_command:
            command: show running-config | include ^ntp server
          register: ios_cli
        - name: Results
          ansible.builtin.set_fact:
            smoke: {show: "{{ ios_show }}", check: "{{ ios_check }}", real: "{{ ios_real }}", again: "{{ ios_again }}",
                    sub: "{{ ios_sub }}", ntp: "{{ ios_ntp }}", ntp_again: "{{ ios_ntp_again }}", cli: "{{ ios_cli }}"}
    - name: NX-OS
      when: ansible_network_os == 'cisco.nxos.nxos'
      block:
        - name: Show commands
          cisco.nxos.nxos_command:
            commands: [show version, show license status]
          register: nx_show
        - name: Config in check mode
          cisco.nxos.nxos_config:
            lines: [ip domain-name lab.example.net]
          check_mode: true
          register: nx_check
        - name: Config for real
          cisco.nxos.nxos_config:
            lines: [ip domain-name lab.example.net]
          register: nx_real
        - name: Config again
          cisco.nxos.nxos_config:
            lines: [ip domain-name lab.example.net]
          register: nx_again
        - name: Config in a sub-mode
          cisco.nxos.nxos_config:
            parents: [vrf context management]
            lines: [ip name-server 192.0.2.54]
          register: nx_sub
        - name: NTP merged
          cisco.nxos.nxos_ntp_global:
            config: {servers: [{server: 192.0.2.77, vrf: management}]}
            state: merged
          register: nx_ntp
        - name: NTP merged again
          cisco.nxos.nxos_ntp_global:
            config: {servers: [{server: 192.0.2.77, vrf: management}]}
            state: merged
          register: nx_ntp_again
        - name: Any command
          ansible.netcommon.cli_command:
            command: show running-config ntp
          register: nx_cli
        - name: Results
          ansible.builtin.set_fact:
            smoke: {show: "{{ nx_show }}", check: "{{ nx_check }}", real: "{{ nx_real }}", again: "{{ nx_again }}",
                    sub: "{{ nx_sub }}", ntp: "{{ nx_ntp }}", ntp_again: "{{ nx_ntp_again }}", cli: "{{ nx_cli }}"}
    - name: Write the results
      ansible.builtin.copy:
        content: "{{ smoke | to_json }}"
        dest: "{{ results_dir }}/{{ inventory_hostname }}.json"
        mode: "0600"
      delegate_to: localhost
      vars:
        ansible_connection: local
"""


@pytest.fixture(name="smoke", scope="module")
def fixture_smoke(tmp_path_factory):
    work = tmp_path_factory.mktemp("lab-smoke")
    playbook = work / "smoke.yml"
    playbook.write_text(PLAYBOOK, encoding="utf-8")
    results = work / "results"
    results.mkdir()
    with start_lab(SCENARIOS, work / "lab") as lab:
        run = run_playbook(work, str(playbook), "-i", lab.inventory, "--forks=2", "-e", "results_dir=%s" % results,
                           timeout=300, env={"ANSIBLE_COLLECTIONS_PATH": os.path.join(ROOT, "collections")})
        states = {host: lab.state(host) for host in lab.hosts()}
        commands = {host: lab.commands(host) for host in lab.hosts()}
    assert run.returncode == 0, run.stdout[-4000:] + run.stderr[-2000:]
    out = {}
    for host in states:
        with open(results / ("%s.json" % host), encoding="utf-8") as handle:
            out[host] = json.load(handle)
    return {"results": out, "states": states, "commands": commands}


def test_ios_show_commands_expand_and_answer(smoke):
    show = smoke["results"]["smoke-ios"]["show"]["stdout"]
    assert "Cisco IOS XE Software, Version 17.09.04a" in show[0]
    assert "smoke-ios uptime is" in show[0]
    assert "Smart Licensing Using Policy" in show[1]
    assert "UDI: PID:" in show[2]


def test_ios_config_check_mode_real_and_idempotent(smoke):
    results, commands = smoke["results"]["smoke-ios"], smoke["commands"]["smoke-ios"]
    assert results["check"]["changed"] is True
    assert results["check"]["updates"] == ["ntp server 192.0.2.99"]
    assert results["real"]["changed"] is True
    assert results["again"]["changed"] is False
    # check mode sent nothing: the line went to the device exactly once
    assert commands.count("ntp server 192.0.2.99") == 1
    assert "ntp server 192.0.2.99" in smoke["states"]["smoke-ios"]["running_config"]


def test_ios_sub_mode_config_and_save(smoke):
    state, commands = smoke["states"]["smoke-ios"], smoke["commands"]["smoke-ios"]
    running = state["running_config"]
    profile = running.index(' profile "CiscoTAC-1"')
    assert "  destination transport-method http" in running[profile + 1:]
    assert "copy running-config startup-config" in commands
    # saved by save_when: modified, before the NTP tasks changed the running config again
    startup = state["startup_config"]
    assert "  destination transport-method http" in startup[startup.index(' profile "CiscoTAC-1"') + 1:]
    assert "ntp server 192.0.2.77 prefer" in running and "ntp server 192.0.2.77 prefer" not in startup


def test_ios_ntp_global_merged_is_idempotent(smoke):
    results = smoke["results"]["smoke-ios"]
    assert results["ntp"]["changed"] is True
    assert results["ntp"]["commands"] == ["ntp server 192.0.2.77 prefer"]
    assert results["ntp_again"]["changed"] is False
    assert "ntp server 192.0.2.77 prefer" in results["cli"]["stdout"]


def test_nxos_show_and_config(smoke):
    results, state = smoke["results"]["smoke-nx"], smoke["states"]["smoke-nx"]
    assert "NXOS: version 10.3(4a)" in results["show"]["stdout"][0]
    assert "Smart Licensing Using Policy" in results["show"]["stdout"][1]
    assert results["check"]["changed"] is True
    assert results["real"]["changed"] is True
    assert results["again"]["changed"] is False
    assert smoke["commands"]["smoke-nx"].count("ip domain-name lab.example.net") == 1
    running = state["running_config"]
    assert "ip domain-name lab.example.net" in running
    vrf = running.index("vrf context management")
    assert "  ip name-server 192.0.2.54" in running[vrf + 1:]


def test_nxos_ntp_global_merged_is_idempotent(smoke):
    results = smoke["results"]["smoke-nx"]
    assert results["ntp"]["changed"] is True
    assert results["ntp_again"]["changed"] is False
    assert "ntp server 192.0.2.77 use-vrf management" in results["cli"]["stdout"]
    assert "!Command: show running-config ntp" in results["cli"]["stdout"]
