# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Every role's README.md: its variables are its argument spec, its result facts are named, its example play runs.

Without a device:

- each role under roles/ has a README.md whose "Role variables" table lists
  exactly the options of meta/argument_specs.yml (no more, no fewer);
- it names the result facts the role sets (RESULT_FACTS, fixed names) and has
  one example play (the YAML block after ``<!-- role-example -->``), which
  targets the group ``edge``.

With the lab: every README's example play, as written, in one ansible-playbook
run through network_cli against two devices (IOS XE and NX-OS, the group
``edge``) whose faults each example fixes. Only the roles' waits are shortened
with extra variables (the lab's delays are scaled to 2-3 s). The internal
config_lines example (what the dns role does inside) runs just before the dns
example: it sends the DNS lines, and the dns example then finds nothing
missing. Between the examples a play
of the test keeps each example's result facts; the assertions read them and
the lab's state files.

Runtime: about 2 minutes on 2 shared cores (one lab of two devices, one run).
"""

from __future__ import annotations

import json
import os
import re

import pytest
import yaml

from ansible_collections.smartlic.slp.plugins.module_utils import vocabulary
from tests.lab.harness import start_lab
from tests.playbook_runner import ROOT, run_playbook

ROLES_DIR = os.path.join(ROOT, "roles")
ROLES = sorted(name for name in os.listdir(ROLES_DIR) if os.path.isdir(os.path.join(ROLES_DIR, name)))
# The facts each role leaves for later tasks: fixed names, documented in its README.
RESULT_FACTS = {"config_lines": ["config_lines_result"], "diagnose": ["diagnose_result", "diagnose_findings"], "dns": ["dns_result"], "ntp": ["ntp_result"],
                "sync": ["sync_result"], "transport": ["transport_result"], "trust_token": ["trust_token_result"],
                "trustpoint": ["trustpoint_result"]}
# The order the examples run in: diagnose first, the internal include before the role that wraps it, the
# clock before the trust code and the usage report.
ORDER = ["diagnose", "ntp", "config_lines", "dns", "trustpoint", "transport", "trust_token", "sync"]
# The roles whose result fact has the keys of every remediation role (vocabulary.RESULT), and the save line.
REMEDIATION_ROLES = ["ntp", "config_lines", "dns", "trustpoint", "transport", "trust_token", "sync"]
SAVE = "copy running-config startup-config"
EXAMPLE = re.compile(r"<!-- role-example -->\s*```yaml\n(?P<body>.*?)```", re.DOTALL)
VARIABLE_ROW = re.compile(r"^\|\s*`(?P<name>[a-z_]+)`\s*\|", re.MULTILINE)
SECTION = re.compile(r"^## (?P<title>.+)$", re.MULTILINE)

DELAYS = {"ntp_sync_seconds": 2, "trust_install_seconds": 2, "ack_delay_seconds": 3}
# Both devices in the global routing table: the examples give no VRF.
SCENARIOS = [
    dict(DELAYS, platform="ios", hostname="readme-ios", vrf=None, valid_tokens=["lab-token-readme-ios"],
         faults=["clock_not_synchronized", "dns_not_configured", "sla_trustpoint_missing", "transport_url_incorrect", "trust_code_missing"]),
    dict(DELAYS, platform="nxos", hostname="readme-nxos", vrf=None, valid_tokens=["lab-token-readme-nxos"],
         faults=["clock_not_synchronized", "dns_not_configured", "transport_url_incorrect", "report_ack_overdue"]),
]
HOSTS = [scenario["hostname"] for scenario in SCENARIOS]
GROUPS = {"all": {"children": {"edge": {"children": {"ios": {}, "nxos": {}}}}}}
WAITS = ["-e", "ntp_wait_timeout=20", "-e", "ntp_wait_interval=2", "-e", "trust_token_wait_timeout=20", "-e", "sync_wait_timeout=20"]
RECAP = re.compile(r"^(\S+)\s*: ok=\d+\s+changed=(\d+)\s+unreachable=(\d+)\s+failed=(\d+)", re.MULTILINE)
KEEP = """- name: Keep the results of the {role} example
  hosts: edge
  gather_facts: false
  tasks:
    - name: Keep them
      ansible.builtin.set_fact:
        readme_results: "{{{{ readme_results | default({{}}) | combine({{'{role}': {facts}}}) }}}}"
"""
WRITE = """- name: Write the results
  hosts: edge
  gather_facts: false
  tasks:
    - name: Write them
      ansible.builtin.copy:
        content: "{{ readme_results | to_json }}"
        dest: "{{ results_dir }}/{{ inventory_hostname }}.json"
        mode: "0600"
      delegate_to: localhost
      vars:
        ansible_connection: local
"""


def readme(role):
    with open(os.path.join(ROLES_DIR, role, "README.md"), encoding="utf-8") as handle:
        return handle.read()


def section(text, title):
    """The text of one '## title' section."""
    marks = list(SECTION.finditer(text))
    for index, mark in enumerate(marks):
        if mark.group("title").strip() == title:
            end = marks[index + 1].start() if index + 1 < len(marks) else len(text)
            return text[mark.end():end]
    return ""


def spec_options(role):
    with open(os.path.join(ROLES_DIR, role, "meta", "argument_specs.yml"), encoding="utf-8") as handle:
        return yaml.safe_load(handle)["argument_specs"]["main"]["options"]


def example(role):
    found = EXAMPLE.findall(readme(role))
    assert len(found) == 1, "%s: %d example blocks" % (role, len(found))
    return found[0]


def test_every_role_is_covered():
    assert sorted(ORDER) == ROLES == sorted(RESULT_FACTS)


@pytest.mark.parametrize("role", ROLES)
def test_variables_are_the_argument_spec(role):
    text = section(readme(role), "Role variables")
    listed = VARIABLE_ROW.findall(text)
    assert len(listed) == len(set(listed)), "%s: a variable is listed twice" % role
    spec = set(spec_options(role))
    assert set(listed) == spec, "%s: only in the README %s, only in argument_specs.yml %s" % (
        role, sorted(set(listed) - spec), sorted(spec - set(listed)))
    # A dict variable's keys (diagnose_intended) are named in its row.
    for name, option in spec_options(role).items():
        row = next(line for line in text.splitlines() if line.startswith("| `%s` |" % name))
        for key in option.get("options") or {}:
            assert "`%s`" % key in row, (role, name, key)


@pytest.mark.parametrize("role", ROLES)
def test_result_facts_and_check_mode_are_documented(role):
    text = readme(role)
    result = section(text, "Result")
    for fact in RESULT_FACTS[role]:
        assert "`%s`" % fact in result, (role, fact)
    assert section(text, "Check mode").strip(), role
    assert section(text, "When to use it").strip(), role


@pytest.mark.parametrize("role", ROLES)
def test_example_is_a_play_on_edge_using_the_role(role):
    plays = yaml.safe_load(example(role))
    assert isinstance(plays, list) and plays, role
    for play in plays:
        assert play["hosts"] == "edge" and play["gather_facts"] is False, (role, play)
    names = [task.get("ansible.builtin.include_role", {}).get("name") for play in plays for task in play["tasks"]]
    assert "smartlic.slp." + role in names, (role, names)


def test_internal_role_says_so():
    assert readme("config_lines").startswith("# smartlic.slp.config_lines (internal)")
    assert "Internal to smartlic.slp: not for playbooks" in readme("config_lines")


def combined_playbook():
    """Every README example as written, each followed by a play keeping its facts."""
    parts = []
    for role in ORDER:
        plays = yaml.safe_load(example(role))
        parts.append(yaml.safe_dump(plays, sort_keys=False, width=1000))
        facts = RESULT_FACTS[role]
        parts.append(KEEP.format(role=role, facts="{" + ", ".join("'%s': %s | default(none)" % (fact, fact) for fact in facts) + "}"))
    parts.append(WRITE)
    return "---\n" + "".join(parts)


@pytest.mark.integration
def test_examples_run_against_the_lab(tmp_path):
    (tmp_path / "results").mkdir()
    (tmp_path / "examples.yml").write_text(combined_playbook(), encoding="utf-8")
    (tmp_path / "groups.yml").write_text(yaml.safe_dump(GROUPS), encoding="utf-8")
    with start_lab(SCENARIOS, tmp_path / "lab") as lab:
        run = run_playbook(tmp_path, str(tmp_path / "examples.yml"), "-i", lab.inventory, "-i", str(tmp_path / "groups.yml"),
                           "-e", "results_dir=%s" % (tmp_path / "results"), *WAITS, timeout=600)
        states = {host: lab.state(host) for host in HOSTS}
    output = run.stdout + run.stderr
    (tmp_path / "run.log").write_text(output, encoding="utf-8")
    assert run.returncode == 0, output[-5000:]
    recap = {host: (int(unreachable), int(failed)) for host, _changed, unreachable, failed in RECAP.findall(run.stdout)}
    assert recap == {host: (0, 0) for host in HOSTS}, recap
    results = {host: json.loads((tmp_path / "results" / ("%s.json" % host)).read_text(encoding="utf-8")) for host in HOSTS}

    for host in HOSTS:
        got = results[host]
        platform = "ios" if host.endswith("ios") else "nxos"
        # diagnose: what the later examples fix was found first.
        found = {finding["id"] for finding in got["diagnose"]["diagnose_findings"]}
        assert {"clock_not_synchronized", "dns_not_configured", "transport_url_incorrect"} <= found, (host, found)
        assert got["diagnose"]["diagnose_result"]["usable"] is True
        # ntp: the server line sent and the clock synchronised within the (shortened) wait.
        ntp = got["ntp"]["ntp_result"]
        assert ntp["changed"] is True and ntp["outcome"] == "applied" and ntp["synchronized"] is True, ntp
        assert ntp["commands"] == [{"ios": "ntp server 192.0.2.123 prefer version 2", "nxos": "ntp server 192.0.2.123 prefer"}[platform]], ntp
        # config_lines (as the dns role uses it) sent the DNS lines; the dns example then found nothing missing.
        included = got["config_lines"]["config_lines_result"]
        dns = got["dns"]["dns_result"]
        assert included["changed"] is True and included["commands"] and included["remaining"] == [], included
        assert included["outcome"] == "applied" and included["sent"] == included["commands"] + [SAVE], included
        assert dns["changed"] is False and dns["commands"] == [] and dns["msg"] == "name resolution already configured", dns
        assert dns["outcome"] == "unchanged" and dns["sent"] == [], dns
        # trustpoint: configured on IOS XE, nothing to do on NX-OS.
        trustpoint = got["trustpoint"]["trustpoint_result"]
        if platform == "ios":
            assert trustpoint["changed"] is True and "crypto pki trustpoint SLA-TrustPoint" in trustpoint["commands"], trustpoint
            assert trustpoint["outcome"] == "applied" and trustpoint["sent"][-1] == SAVE, trustpoint
        else:
            assert trustpoint["changed"] is False and trustpoint["msg"].startswith("nothing to do on NX-OS"), trustpoint
            assert trustpoint["outcome"] == "unchanged" and trustpoint["sent"] == [], trustpoint
        # transport: the smart URL set.
        transport = got["transport"]["transport_result"]
        assert transport["changed"] is True and transport["remaining"] == [] and transport["outcome"] == "applied", transport
        # trust_token: installed where it was missing, skipped where a trust code is installed; the token never shown.
        trust = got["trust_token"]["trust_token_result"]
        assert trust["outcome"] == ("applied" if platform == "ios" else "unchanged"), trust
        assert trust["sent"] == (["license smart trust idtoken ******** local"] if platform == "ios" else []), trust
        assert "lab-token-" not in json.dumps(trust)
        # sync: forced, the ACK came within the wait.
        sync = got["sync"]["sync_result"]
        assert sync["outcome"] == "applied" and sync["mode"] == "online", sync
        assert sync["sent"] == sync["commands"] == [{"ios": "license smart sync all", "nxos": "license smart sync"}[platform]], sync
        # One style: every remediation role's result holds the same keys, its outcome one of the same words.
        for role in REMEDIATION_ROLES:
            fact = got[role]["%s_result" % role]
            assert set(vocabulary.RESULT) <= set(fact), (role, sorted(set(vocabulary.RESULT) - set(fact)))
            assert fact["outcome"] in vocabulary.OUTCOMES and fact["interrupted"] is False and fact["rejected"] is None, (role, fact)
            assert fact["check_mode"] is False, (role, fact)

        running = states[host]["running_config"]
        assert states[host]["startup_config"] == running, host
        assert any(line.startswith("ntp server 192.0.2.123") for line in running), running
    assert "lab-token-" not in output
