# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The CA certificate of SLA-TrustPoint, through smartlic.slp.remediate over network_cli against the lab (IOS XE, SSM On-Prem).

One fleet of three devices whose inventory gives smartlic_trustpoint_ca_pem (the On-Prem CA, tests/lab/certs/onprem-ca.pem):
no CA certificate in SLA-TrustPoint, a different CA there, and no SLA-TrustPoint at all (the role creates it, then
installs the certificate; the healthy On-Prem scenario with the right one is diagnosed clean in
tests/unit/lab/test_license_model_diagnosis.py). Three runs: remediate --check --diff (its first
diagnosis finds the missing and the different certificate; the dialog is shown with the certificate as one line and
nothing is sent), remediate (installs it on the first device answering the device's questions and saves, its second
diagnosis is clean; the different one is left for a person), then the trustpoint role alone with the same certificate
(reads, finds the fingerprint, changes nothing). About 55 CPU-seconds on the controller: 3 minutes on an idle
machine, 7 when the two cores are shared with other runs.
"""

from __future__ import annotations

import json
import os
import re

import pytest
import yaml

from tests.lab import pki
from tests.lab.harness import start_lab
from tests.playbook_runner import run_playbook

pytestmark = pytest.mark.integration

SCENARIO_DIR = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "lab", "scenarios")
NAMES = {"missing": "ios-sla_trustpoint_certificate_missing", "wrong": "ios-sla_trustpoint_certificate_wrong", "both": None}
# No SLA-TrustPoint at all on an SSM On-Prem device: the trustpoint lines first, then the certificate.
BOTH = {"platform": "ios", "hostname": "ios-sla-tp-and-ca", "topology": "onprem", "faults": ["sla_trustpoint_missing"],
        "valid_tokens": ["lab-token-ios-sla-tp-and-ca"]}
FID = "sla_trustpoint_certificate_missing"
READ_ONLY = re.compile(r"^(?:show |terminal (?:length|width) |enable$)")
RECAP = re.compile(r"^(\S+)\s*: ok=\d+\s+changed=(\d+)\s+unreachable=(\d+)\s+failed=(\d+)", re.MULTILINE)
PEM_BODY = pki.lab_pem("onprem-ca").strip().splitlines()[1:-1]
AGAIN = """---
- name: The trustpoint role alone, with the certificate already installed
  hosts: all
  gather_facts: false
  roles:
    - role: smartlic.slp.trustpoint
      vars:
        trustpoint_ca_pem: "{{ smartlic_trustpoint_ca_pem }}"
"""


def _scenario(name):
    with open(os.path.join(SCENARIO_DIR, "%s.yml" % name), encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def _json(path):
    with open(str(path), encoding="utf-8") as handle:
        return json.load(handle)


@pytest.fixture(name="runs", scope="module")
def fixture_runs(tmp_path_factory):
    work = tmp_path_factory.mktemp("trustpoint_certificate")
    scenarios = [_scenario(name) if name else BOTH for name in NAMES.values()]
    out = {"work": work, "runs": {}, "logs": {}, "states": {}}
    with start_lab(scenarios, work / "lab") as lab:
        hosts = {key: scenario["hostname"] for key, scenario in zip(NAMES, scenarios)}
        out["hosts"] = hosts
        assert lab.host_vars(hosts["missing"])["smartlic_trustpoint_ca_pem"].strip() == pki.lab_pem("onprem-ca").strip()
        (work / "again.yml").write_text(AGAIN, encoding="utf-8")
        for step, args in (("check", ["smartlic.slp.remediate", "--check", "--diff"]), ("fix", ["smartlic.slp.remediate"]),
                           ("again", [str(work / "again.yml"), "--limit", hosts["missing"]])):
            run = run_playbook(work, args[0], "-i", lab.inventory, "-e", "smartlic_report_dir=%s" % (work / step), *args[1:], timeout=600)
            (work / ("%s.log" % step)).write_text(run.stdout + run.stderr, encoding="utf-8")
            out["runs"][step] = run
            out["logs"][step] = {key: lab.commands(host) for key, host in hosts.items()}
            out["states"][step] = {key: lab.state(host) for key, host in hosts.items()}
    return out


def _sent(runs, step, key):
    before = {"check": None, "fix": "check", "again": "fix"}[step]
    start = len(runs["logs"][before][key]) if before else 0
    return runs["logs"][step][key][start:]


def _findings(runs, step, when, key):
    report = _json(runs["work"] / step / when / ("%s.json" % runs["hosts"][key]))
    return {finding["id"]: finding for finding in report["findings"] if finding["severity"] in ("critical", "error", "warning")}


def test_every_run_completes(runs):
    for step, run in runs["runs"].items():
        counts = {host: (int(failed), int(unreachable)) for host, _changed, unreachable, failed in RECAP.findall(run.stdout)}
        hosts = [runs["hosts"]["missing"]] if step == "again" else list(runs["hosts"].values())
        assert sorted(counts) == sorted(hosts), (step, run.stdout[-3000:])
        assert all(value == (0, 0) for value in counts.values()), (step, counts, run.stdout[-4000:])


def test_diagnose_finds_the_missing_and_the_different_certificate(runs):
    missing = _findings(runs, "check", "before", "missing")[FID]
    assert missing["remediation"]["role"] == "trustpoint"
    assert missing["remediation"]["commands"][0] == "crypto pki authenticate SLA-TrustPoint"
    assert missing["remediation"]["commands"][2:] == ["quit", "yes"]
    assert "CN=SSM On-Prem Lab CA" in missing["remediation"]["commands"][1]
    assert missing["evidence"][0]["field"] == "pki_certificate_chains.SLA-TrustPoint"
    wrong = _findings(runs, "check", "before", "wrong")[FID]
    assert wrong["remediation"]["role"] is None
    assert any("no crypto pki trustpoint SLA-TrustPoint" in step for step in wrong["remediation"]["manual_steps"])
    assert wrong["evidence"][0]["value"][0]["serial"] == "05"


def test_a_missing_trustpoint_and_its_certificate_are_one_finding_fixed_in_order(runs):
    finding = _findings(runs, "check", "before", "both")["sla_trustpoint_missing"]
    assert FID not in _findings(runs, "check", "before", "both")
    commands = finding["remediation"]["commands"]
    assert commands[:3] == ["crypto pki trustpoint SLA-TrustPoint", "enrollment terminal", "revocation-check none"]
    assert commands[-4] == "crypto pki authenticate SLA-TrustPoint" and commands[-2:] == ["quit", "yes"]
    # Check mode (the trustpoint is not there yet, it would be) shows the same lines in the same order.
    entry = {item["host"]: item for item in _json(runs["work"] / "check" / "remediation" / "summary.json")["hosts"]}
    assert entry[runs["hosts"]["both"]]["roles"]["trustpoint"]["commands"] == commands
    sent = _sent(runs, "fix", "both")
    assert sent.index("crypto pki trustpoint SLA-TrustPoint") < sent.index("enrollment terminal") < sent.index(
        "crypto pki authenticate SLA-TrustPoint")
    after = _findings(runs, "fix", "after", "both")
    assert "sla_trustpoint_missing" not in after and FID not in after, sorted(after)


def test_check_mode_shows_the_dialog_and_sends_nothing(runs):
    output = runs["runs"]["check"].stdout
    for key in NAMES:
        assert [line for line in _sent(runs, "check", key) if not READ_ONLY.match(line)] == [], key
        assert runs["states"]["check"][key]["running_config"] == runs["states"]["check"][key]["startup_config"]
    assert "crypto pki authenticate SLA-TrustPoint" in output
    assert "<the CA certificate, 19 PEM lines: CN=SSM On-Prem Lab CA, serial 1A2B3C4D, SHA-1 " in output
    # The certificate itself is not printed (it is no secret, but the output stays short).
    assert not [line for line in PEM_BODY if line in output]
    entry = {item["host"]: item for item in _json(runs["work"] / "check" / "remediation" / "summary.json")["hosts"]}
    role = entry[runs["hosts"]["missing"]]["roles"]["trustpoint"]
    assert role["status"] == "would_change", role
    assert "crypto pki authenticate SLA-TrustPoint" in role["commands"]


def test_the_real_run_installs_the_certificate_and_saves(runs):
    sent = _sent(runs, "fix", "missing")
    start = sent.index("crypto pki authenticate SLA-TrustPoint")
    assert sent[start + 1:start + 1 + 19] == pki.lab_pem("onprem-ca").strip().splitlines()
    assert sent[start + 20:start + 22] == ["quit", "yes"]
    assert "copy running-config startup-config" in sent[start:]
    state = runs["states"]["fix"]["missing"]
    assert state["startup_config"] == state["running_config"]
    assert "crypto pki certificate chain SLA-TrustPoint" in state["running_config"]
    assert " certificate ca 1A2B3C4D" in state["running_config"]
    assert FID not in _findings(runs, "fix", "after", "missing")
    # A different CA is never replaced by the role: nothing is typed into the trustpoint, the finding stays, manual.
    assert not [line for line in _sent(runs, "fix", "wrong") if "crypto pki" in line]
    assert FID in _findings(runs, "fix", "after", "wrong")


def test_a_second_run_changes_nothing(runs):
    assert [line for line in _sent(runs, "again", "missing") if not READ_ONLY.match(line)] == []
    assert runs["states"]["again"]["missing"]["running_config"] == runs["states"]["fix"]["missing"]["running_config"]
    output = runs["runs"]["again"].stdout
    assert [(host, changed) for host, changed, _unreachable, _failed in RECAP.findall(output)] == [(runs["hosts"]["missing"], "0")]
    assert "SLA-TrustPoint already holds the CA certificate <the CA certificate, 19 PEM lines: CN=SSM On-Prem Lab CA" in output
