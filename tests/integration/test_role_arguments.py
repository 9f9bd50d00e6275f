# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Every role rejects an invalid variable with a message naming it, before anything reaches the device.

One playbook includes each role with one bad value against a lab device over network_cli; the role's
argument spec must stop it with a message that names the variable and what it expects, and the lab's
command log must stay empty (no login, no command).
"""

from __future__ import annotations

import json

import pytest

from tests.lab.harness import start_lab
from tests.playbook_runner import run_playbook

pytestmark = pytest.mark.integration

# role -> (variable, bad value, words the message must hold besides the variable's name)
BAD = {
    "diagnose": ("diagnose_capture_platform", "junos", ["one of", "ios", "nxos", "junos"]),
    "dns": ("dns_lookup", "perhaps", ["bool"]),
    "ntp": ("ntp_version", 7, ["one of", "4"]),
    "sync": ("sync_mode", "sometimes", ["one of", "offline"]),
    "transport": ("transport_type", "carrier-pigeon", ["one of", "cslu"]),
    "trust_token": ("trust_token_scope", "everywhere", ["one of", "local"]),
    "trustpoint": ("trustpoint_http_client", "perhaps", ["bool"]),
}
HOST = "ios-args"


def playbook(path, results):
    tasks = []
    for role, (variable, value, _words) in BAD.items():
        tasks.append({
            "name": "Include %s with a bad %s" % (role, variable),
            "block": [{"ansible.builtin.include_role": {"name": "smartlic.slp.%s" % role}, "vars": {variable: value}}],
            "rescue": [{"ansible.builtin.set_fact": {
                "messages": "{{ messages | default({}) | combine({%r: ansible_failed_result.msg | default('')}) }}" % role}}],
        })
    tasks.append({"name": "Keep the messages", "delegate_to": "localhost", "vars": {"ansible_connection": "local"},
                  "ansible.builtin.copy": {"content": "{{ messages | default({}) | to_json }}", "dest": str(results), "mode": "0600"}})
    play = [{"name": "Bad role variables", "hosts": HOST, "gather_facts": False, "tasks": tasks}]
    path.write_text(json.dumps(play), encoding="utf-8")


@pytest.fixture(name="outcome", scope="module")
def fixture_outcome(tmp_path_factory):
    work = tmp_path_factory.mktemp("role-arguments")
    results = work / "messages.json"
    playbook(work / "bad.yml", results)
    with start_lab([{"platform": "ios", "hostname": HOST, "faults": ["dns_not_configured"]}], work / "lab") as lab:
        run = run_playbook(work, str(work / "bad.yml"), "-i", lab.inventory, timeout=300)
        commands = lab.commands(HOST)
    messages = json.loads(results.read_text(encoding="utf-8")) if results.exists() else {}
    return {"run": run, "messages": messages, "commands": commands}


def test_the_playbook_ran_every_include(outcome):
    assert outcome["run"].returncode == 0, outcome["run"].stdout[-3000:] + outcome["run"].stderr[-2000:]
    assert sorted(outcome["messages"]) == sorted(BAD)


@pytest.mark.parametrize("role", sorted(BAD))
def test_the_message_names_the_variable_and_what_it_expects(outcome, role):
    variable, _value, words = BAD[role]
    message = outcome["messages"][role]
    assert variable in message, message
    for word in words:
        assert word in message, (word, message)
    assert "Traceback" not in message


def test_nothing_reached_the_device(outcome):
    assert outcome["commands"] == []
