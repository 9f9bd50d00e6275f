# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Wrong types and malformed values for every role and playbook variable: one clear line, nothing but reads sent.

One ansible-playbook run against two lab devices that each have faults every role would fix (so a role that got
past its checks would send configuration):

1. A play includes each role once per bad value (block / rescue), and keeps the message and the task that stopped it.
2. smartlic.slp.diagnose and smartlic.slp.remediate run on inventory aliases of the IOS XE device, each alias with one
   bad playbook variable (the inventory's smartlic_* or an slp_* option). Aliases whose values diagnose does not use
   are diagnosed (reads only); remediate refuses every alias.

The lab's command logs must hold nothing but reads (show ..., terminal ..., enable), every message must name the
variable, no message may hold a traceback, and the ID token must not appear anywhere in the output.
"""

from __future__ import annotations

import json
import os
import re

import pytest
import yaml

from tests.lab.harness import start_lab
from tests.playbook_runner import run_playbook

pytestmark = pytest.mark.integration

IOS = "ios-inputs"
NXOS = "nxos-inputs"
FAULTS = {"ios": ["clock_not_synchronized", "dns_not_configured", "transport_url_incorrect", "http_client_trustpoint_missing",
                  "trust_code_missing", "report_ack_overdue"],
          "nxos": ["clock_not_synchronized", "dns_not_configured", "transport_type_mismatch", "trust_code_missing", "report_ack_overdue"]}
READ_ONLY = re.compile(r"^(?:show |terminal |enable$)")
# Part of every bad ID token: it must never be printed.
SECRET = "Zm9vYmFyc2VjcmV0dG9rZW4"
HERE = os.path.abspath(__file__)
CHECK_TASK = "Check the variables"
SPEC_TASK = "Validating arguments against arg spec"

# (role, variables, the variable the message must name, hosts): each role with each wrong type and each malformed value.
ROLE_CASES = [
    ("ntp", {"ntp_servers": "192.0.2.123"}, "ntp_servers", "both"),
    ("ntp", {"ntp_servers": ["192.0.2.999"]}, "ntp_servers", "ios"),
    ("ntp", {"ntp_servers": ["ntp server 192.0.2.1"]}, "ntp_servers", "ios"),
    ("ntp", {"ntp_servers": {"server": "192.0.2.1"}}, "ntp_servers", "ios"),
    ("ntp", {"ntp_servers": []}, "ntp_servers", "ios"),
    ("ntp", {"ntp_servers": ["192.0.2.123"], "ntp_prefer": "perhaps"}, "ntp_prefer", "ios"),
    ("ntp", {"ntp_servers": ["192.0.2.123"], "ntp_version": "two"}, "ntp_version", "ios"),
    ("ntp", {"ntp_servers": ["192.0.2.123"], "ntp_version": 7}, "ntp_version", "ios"),
    ("ntp", {"ntp_servers": ["192.0.2.123"], "ntp_vrf": "my vrf"}, "ntp_vrf", "ios"),
    ("ntp", {"ntp_servers": ["192.0.2.123"], "ntp_vrf": ["red"]}, "ntp_vrf", "ios"),
    ("ntp", {"ntp_servers": ["192.0.2.123"], "ntp_wait": "perhaps"}, "ntp_wait", "ios"),
    ("ntp", {"ntp_servers": ["192.0.2.123"], "ntp_wait_timeout": "soon"}, "ntp_wait_timeout", "ios"),
    ("ntp", {"ntp_servers": ["192.0.2.123"], "ntp_wait_timeout": -5}, "ntp_wait_timeout", "ios"),
    ("ntp", {"ntp_servers": ["192.0.2.123"], "ntp_wait_interval": 0}, "ntp_wait_interval", "ios"),
    ("ntp", {"ntp_servers": ["192.0.2.123"], "ntp_save_config": "perhaps"}, "ntp_save_config", "ios"),
    ("ntp", {"ntp_servers": ["192.0.2.123"], "ansible_network_os": "cisco.iosxr.iosxr"}, "ansible_network_os", "ios"),
    ("dns", {"dns_name_servers": "192.0.2.53"}, "dns_name_servers", "both"),
    ("dns", {"dns_name_servers": ["dns.example.com"]}, "dns_name_servers", "ios"),
    ("dns", {"dns_name_servers": [53]}, "dns_name_servers", "ios"),
    ("dns", {"dns_domain_name": "exa mple.com"}, "dns_domain_name", "ios"),
    ("dns", {"dns_domain_name": ["example.com"]}, "dns_domain_name", "ios"),
    ("dns", {"dns_vrf": "a b"}, "dns_vrf", "ios"),
    ("dns", {"dns_lookup": "perhaps"}, "dns_lookup", "ios"),
    ("dns", {"dns_cslu_local_address": "cslu.example.com"}, "dns_cslu_local_address", "ios"),
    ("dns", {"dns_cslu_local_address": ["192.0.2.10"]}, "dns_cslu_local_address", "ios"),
    ("dns", {"dns_save_config": "perhaps"}, "dns_save_config", "ios"),
    ("dns", {"dns_verify": "perhaps"}, "dns_verify", "ios"),
    ("dns", {"dns_running_config": 42}, "dns_running_config", "ios"),
    ("dns", {"dns_lookup": False}, "dns_lookup", "ios"),
    ("transport", {"transport_type": "carrier-pigeon"}, "transport_type", "ios"),
    ("transport", {"transport_type": ["smart"]}, "transport_type", "ios"),
    ("transport", {"transport_type": "cslu", "transport_url": "ftp://cslu.example.com/cslu/v1/pi"}, "transport_url", "ios"),
    ("transport", {"transport_type": "cslu", "transport_url": "http://cslu.example.com/cslu/v1/pi"}, "transport_url", "both"),
    ("transport", {"transport_type": "cslu", "transport_url": "http://cslu.example.com:8182/cslu/v2/pi"}, "transport_url", "ios"),
    ("transport", {"transport_type": "cslu", "transport_url": "http://cslu example.com:8182/cslu/v1/pi"}, "transport_url", "ios"),
    ("transport", {"transport_type": "cslu", "transport_url": "https://192.0.2.20/cslu/v1/pi/TenantA"}, "transport_url", "nxos"),
    ("transport", {"transport_type": "smart", "transport_url": "https://cssm.example.com/licservice"}, "transport_url", "ios"),
    ("transport", {"transport_type": "smart", "transport_url": ["https://smartreceiver.cisco.com/licservice/license"]}, "transport_url", "ios"),
    ("transport", {"transport_type": "smart", "transport_vrf": "bad vrf"}, "transport_vrf", "ios"),
    ("transport", {"transport_type": "smart", "transport_source_interface": "Gigabit Ethernet 0/0"}, "transport_source_interface", "ios"),
    ("transport", {"transport_type": "callhome", "transport_callhome_profile": 'Cisco "TAC"'}, "transport_callhome_profile", "ios"),
    ("transport", {"transport_type": "smart", "transport_save_config": "perhaps"}, "transport_save_config", "ios"),
    ("transport", {"transport_type": "smart", "transport_verify": "perhaps"}, "transport_verify", "ios"),
    ("transport", {"transport_type": "smart", "transport_running_config": 42}, "transport_running_config", "ios"),
    ("trustpoint", {"trustpoint_name": "SLA TrustPoint"}, "trustpoint_name", "ios"),
    ("trustpoint", {"trustpoint_name": ""}, "trustpoint_name", "ios"),
    ("trustpoint", {"trustpoint_http_client": "perhaps"}, "trustpoint_http_client", "ios"),
    ("trustpoint", {"trustpoint_save_config": "perhaps"}, "trustpoint_save_config", "ios"),
    ("trustpoint", {"trustpoint_verify": "perhaps"}, "trustpoint_verify", "ios"),
    ("trustpoint", {"trustpoint_running_config": 42}, "trustpoint_running_config", "ios"),
    ("trustpoint", {"trustpoint_ca_pem": "-----BEGIN CERTIFICATE-----\nnot base64!\n-----END CERTIFICATE-----"}, "trustpoint_ca_pem", "ios"),
    ("trust_token", {}, "trust_token_id_token", "both"),
    ("trust_token", {"trust_token_id_token": "two words " + SECRET}, "trust_token_id_token", "ios"),
    ("trust_token", {"trust_token_id_token": [SECRET]}, "trust_token_id_token", "ios"),
    ("trust_token", {"trust_token_id_token": SECRET + "?"}, "trust_token_id_token", "ios"),
    ("trust_token", {"trust_token_id_token": SECRET, "trust_token_scope": "everywhere"}, "trust_token_scope", "ios"),
    ("trust_token", {"trust_token_id_token": SECRET, "trust_token_force": "perhaps"}, "trust_token_force", "ios"),
    ("trust_token", {"trust_token_id_token": SECRET, "trust_token_findings": "trust_code_missing"}, "trust_token_findings", "ios"),
    ("trust_token", {"trust_token_id_token": SECRET, "trust_token_findings": ["Trust Code"]}, "trust_token_findings", "ios"),
    ("trust_token", {"trust_token_id_token": SECRET, "trust_token_wait_timeout": "soon"}, "trust_token_wait_timeout", "ios"),
    ("trust_token", {"trust_token_id_token": SECRET, "trust_token_wait_interval": 0}, "trust_token_wait_interval", "ios"),
    ("sync", {"sync_mode": "sometimes"}, "sync_mode", "ios"),
    ("sync", {"sync_scope": "everything"}, "sync_scope", "ios"),
    ("sync", {"sync_due_within_days": -1}, "sync_due_within_days", "ios"),
    ("sync", {"sync_force": "perhaps"}, "sync_force", "ios"),
    ("sync", {"sync_wait_timeout": "soon"}, "sync_wait_timeout", "ios"),
    ("sync", {"sync_wait_interval": 0}, "sync_wait_interval", "ios"),
    ("sync", {"sync_fail_on_pending": "perhaps"}, "sync_fail_on_pending", "ios"),
    ("sync", {"sync_filesystem": "flash"}, "sync_filesystem", "both"),
    ("sync", {"sync_usage_file": "usage file.txt"}, "sync_usage_file", "ios"),
    ("sync", {"sync_usage_file": ""}, "sync_usage_file", "ios"),
    ("sync", {"sync_usage_overwrite": "perhaps"}, "sync_usage_overwrite", "ios"),
    ("sync", {"sync_usage_dir": ["usage"]}, "sync_usage_dir", "ios"),
    ("sync", {"sync_transfer_protocol": "ftp"}, "sync_transfer_protocol", "ios"),
    ("sync", {"sync_mode": "offline", "sync_ack_file": "/nonexistent/ack.txt"}, "sync_ack_file", "ios"),
    ("sync", {"sync_mode": "online", "sync_ack_file": HERE}, "sync_ack_file", "ios"),
    ("sync", {"sync_ack_device_file": "dir/ack.txt"}, "sync_ack_device_file", "ios"),
    ("diagnose", {"diagnose_capture_dir": "/nonexistent/captures"}, "diagnose_capture_dir", "ios"),
    ("diagnose", {"diagnose_capture_dir": ["captures"]}, "diagnose_capture_dir", "ios"),
    ("diagnose", {"diagnose_capture_platform": "junos"}, "diagnose_capture_platform", "ios"),
    ("diagnose", {"diagnose_report_dir": ["reports"]}, "diagnose_report_dir", "ios"),
    ("diagnose", {"diagnose_report_title": ["title"]}, "diagnose_report_title", "ios"),
    ("diagnose", {"diagnose_progress_interval": "fast"}, "diagnose_progress_interval", "ios"),
    ("diagnose", {"diagnose_fail_on_findings": "perhaps"}, "diagnose_fail_on_findings", "ios"),
    ("diagnose", {"diagnose_intended": {"ntp_servers": "192.0.2.123"}}, "diagnose_intended.ntp_servers", "both"),
    ("diagnose", {"diagnose_intended": {"transport_type": "cslu", "transport_url": "http://cslu:8000/cslu/v1/pi"}},
     "diagnose_intended.transport_url", "ios"),
    ("diagnose", {"diagnose_intended": ["192.0.2.123"]}, "diagnose_intended", "ios"),
    ("diagnose", {"diagnose_probes": "192.0.2.1"}, "diagnose_probes", "ios"),
    ("diagnose", {"diagnose_probes": ["192.0.2.1 via red"]}, "diagnose_probes", "ios"),
    ("diagnose", {"diagnose_tech_support": "sometimes"}, "diagnose_tech_support", "ios"),
    ("diagnose", {"diagnose_slac_file": "/nonexistent/slac.txt"}, "diagnose_slac_file", "ios"),
    ("diagnose", {"diagnose_buffer_read_timeout": 0}, "diagnose_buffer_read_timeout", "ios"),
]

# alias -> (bad inventory variables, {playbook: the variable its message names}). Every alias is refused by remediate.
BOTH = ("remediate", "diagnose")
ALIASES = {
    "bad-ntp-text": ({"smartlic_ntp_servers": "192.0.2.123"}, dict.fromkeys(BOTH, "smartlic_ntp_servers")),
    "bad-ntp-vrf": ({"smartlic_ntp_vrf": "my vrf"}, dict.fromkeys(BOTH, "smartlic_ntp_vrf")),
    "bad-dns-text": ({"smartlic_name_servers": "192.0.2.53"}, dict.fromkeys(BOTH, "smartlic_name_servers")),
    "bad-domain": ({"smartlic_domain_name": "exa mple.com"}, dict.fromkeys(BOTH, "smartlic_domain_name")),
    "bad-vrf": ({"smartlic_vrf": "a b"}, dict.fromkeys(BOTH, "smartlic_vrf")),
    "bad-type": ({"smartlic_transport_type": "pigeon"}, dict.fromkeys(BOTH, "smartlic_transport_type")),
    "bad-url": ({"smartlic_transport_type": "cslu", "smartlic_transport_url": "http://cslu.example.com/cslu/v1/pi"},
                dict.fromkeys(BOTH, "smartlic_transport_url")),
    "bad-cslu": ({"smartlic_cslu_local_address": "cslu"}, dict.fromkeys(BOTH, "smartlic_cslu_local_address")),
    "bad-topology": ({"smartlic_topology": "mesh"}, dict.fromkeys(BOTH, "smartlic_topology")),
    "bad-pem": ({"smartlic_trustpoint_ca_pem": "MIIDBzCCAe+gAwIBAgIEGis8TTANBgkq"}, dict.fromkeys(BOTH, "smartlic_trustpoint_ca_pem")),
    "bad-os": ({"ansible_network_os": "cisco.iosxr.iosxr"}, dict.fromkeys(BOTH, "ansible_network_os")),
    "bad-token": ({"smartlic_id_token": "two words " + SECRET}, {"remediate": "smartlic_id_token"}),
    "bad-force": ({"smartlic_trust_force": "perhaps"}, {"remediate": "smartlic_trust_force"}),
    "bad-ack": ({"smartlic_ack_file": "/nonexistent/ack.txt"}, {"remediate": "smartlic_ack_file"}),
    "bad-only": ({"smartlic_remediate_only": "ntp"}, {"remediate": "smartlic_remediate_only"}),
    "bad-skip": ({"smartlic_remediate_skip": ["clock"]}, {"remediate": "smartlic_remediate_skip"}),
    # Options of one playbook only: each alias has a bad one of each, so that remediate refuses it too.
    "bad-fail": ({"smartlic_fail_on_error": "sometimes", "smartlic_fail_on_findings": "sometimes"},
                 {"remediate": "smartlic_fail_on_error", "diagnose": "smartlic_fail_on_findings"}),
    "bad-capture-platform": ({"smartlic_capture_platform": "junos", "smartlic_remediate_only": ["clock"]},
                             {"remediate": "smartlic_remediate_only", "diagnose": "smartlic_capture_platform"}),
}
FATAL = re.compile(r"^fatal: \[([^\]]+)\]: FAILED! => (\{.*\})$", re.MULTILINE)
PLAY = re.compile(r"^PLAY \[(.*)\] \*+$", re.MULTILINE)


def case_id(index):
    role, _variables, variable, _hosts = ROLE_CASES[index]
    return "%02d-%s-%s" % (index, role, variable)


def cases_playbook(path, results, cases=None):
    """The role cases, then the diagnose playbook for the aliases."""
    tasks = []
    for index, (role, variables, _variable, hosts) in enumerate(ROLE_CASES if cases is None else cases):
        block = {
            "name": "Case %s" % case_id(index),
            "block": [{"ansible.builtin.include_role": {"name": "smartlic.slp.%s" % role}, "vars": variables}],
            "rescue": [{"ansible.builtin.set_fact": {
                "case_messages": "{{ case_messages | default({}) | combine({%r: {'msg': ansible_failed_result.msg | default(''), "
                                 "'task': ansible_failed_task.name | default('')}}) }}" % case_id(index)}}],
        }
        if hosts != "both":
            block["when"] = "inventory_hostname == %r" % (IOS if hosts == "ios" else NXOS)
        tasks.append(block)
    tasks.append({"name": "Keep the messages", "delegate_to": "localhost", "vars": {"ansible_connection": "local"},
                  "ansible.builtin.copy": {"content": "{{ case_messages | default({}) | to_json }}",
                                           "dest": "%s/{{ inventory_hostname }}.json" % results, "mode": "0600"}})
    play = [{"name": "Bad role variables", "hosts": "%s,%s" % (IOS, NXOS), "gather_facts": False, "tasks": tasks},
            {"ansible.builtin.import_playbook": "smartlic.slp.diagnose"}]
    path.write_text(json.dumps(play), encoding="utf-8")


def aliases_inventory(path, lab):
    base = dict(lab.host_vars(IOS))
    hosts = {}
    for alias, (variables, _named) in ALIASES.items():
        hosts[alias] = dict(base, **variables)
    path.write_text(yaml.safe_dump({"input_aliases": {"hosts": hosts}}), encoding="utf-8")


@pytest.fixture(name="outcome", scope="module")
def fixture_outcome(tmp_path_factory):
    work = tmp_path_factory.mktemp("input-checks")
    results = work / "cases"
    results.mkdir()
    cases_playbook(work / "cases.yml", results)
    scenarios = [{"platform": "ios", "hostname": IOS, "faults": FAULTS["ios"], "valid_tokens": [SECRET]},
                 {"platform": "nxos", "hostname": NXOS, "faults": FAULTS["nxos"], "valid_tokens": [SECRET]}]
    with start_lab(scenarios, work / "lab") as lab:
        aliases_inventory(work / "aliases.yml", lab)
        args = ["-i", lab.inventory, "-i", str(work / "aliases.yml"), "-e", "smartlic_hosts=input_aliases",
                "-e", "smartlic_report_dir=%s" % (work / "reports"), "--forks", "10"]
        run = run_playbook(work, str(work / "cases.yml"), *args, timeout=600)
        # A second run: a host that failed in one play is left out of the later plays of the same run.
        remediate = run_playbook(work, "smartlic.slp.remediate", *args, timeout=300)
        commands = {host: lab.commands(host) for host in (IOS, NXOS)}
    (work / "run.log").write_text(run.stdout + run.stderr + remediate.stdout + remediate.stderr, encoding="utf-8")
    messages = {}
    for host in (IOS, NXOS):
        path = results / ("%s.json" % host)
        messages[host] = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    return {"run": run, "remediate": remediate, "messages": messages, "commands": commands,
            "fatal": playbook_failures(run.stdout + remediate.stdout)}


def playbook_failures(stdout):
    """{playbook: {alias: msg}} from the 'fatal:' lines of the remediate and diagnose plays."""
    out = {"remediate": {}, "diagnose": {}}
    plays = [(match.start(), match.group(1)) for match in PLAY.finditer(stdout)]
    for match in FATAL.finditer(stdout):
        play = [name for start, name in plays if start < match.start()][-1]
        playbook = "remediate" if play.startswith("Remediate") else "diagnose" if play.startswith("Diagnose") else None
        if playbook and match.group(1) in ALIASES:
            out[playbook].setdefault(match.group(1), json.loads(match.group(2)).get("msg", ""))
    return out


def test_nothing_but_reads_reached_the_devices(outcome):
    for host, commands in outcome["commands"].items():
        sent = [command for command in commands if not READ_ONLY.match(command)]
        assert sent == [], (host, sent)


def test_every_case_ran(outcome):
    ran = outcome["run"].stdout + outcome["run"].stderr
    assert "Bad role variables" in ran and "Traceback" not in ran, ran[-3000:]
    for host in (IOS, NXOS):
        wanted = [case_id(index) for index, case in enumerate(ROLE_CASES) if case[3] in ("both", "ios" if host == IOS else "nxos")]
        assert sorted(outcome["messages"][host]) == sorted(wanted), host


@pytest.mark.parametrize("index", range(len(ROLE_CASES)), ids=case_id)
def test_a_bad_role_variable_is_named_before_anything_is_sent(outcome, index):
    _role, _variables, variable, hosts = ROLE_CASES[index]
    for host in ([IOS, NXOS] if hosts == "both" else [IOS if hosts == "ios" else NXOS]):
        result = outcome["messages"][host][case_id(index)]
        assert result["task"].startswith((CHECK_TASK, SPEC_TASK)), result
        assert variable in result["msg"], result
        assert "Traceback" not in result["msg"]


@pytest.mark.parametrize("alias", sorted(ALIASES))
def test_a_bad_playbook_variable_is_named_before_anything_is_read(outcome, alias):
    _variables, named = ALIASES[alias]
    assert "remediate" in named
    for playbook, variable in named.items():
        message = outcome["fatal"][playbook].get(alias)
        assert message is not None, (playbook, alias)
        assert variable in message and "Traceback" not in message, message


def test_the_token_is_never_printed(outcome):
    for run in (outcome["run"], outcome["remediate"]):
        assert SECRET not in run.stdout + run.stderr
    assert SECRET not in json.dumps(outcome["messages"])
