# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The CA certificate of SLA-TrustPoint, through smartlic.slp.remediate over network_cli against the lab (IOS XE, SSM On-Prem).

Three devices of the shared lab fleet (tests/integration/shared_fleet.py) whose inventory gives smartlic_trustpoint_ca_pem
(the On-Prem CA, tests/lab/certs/onprem-ca.pem):
no CA certificate in SLA-TrustPoint, a different CA there, and no SLA-TrustPoint at all (the role creates it, then
installs the certificate; the healthy On-Prem scenario with the right one is diagnosed clean in
tests/unit/lab/test_license_model_diagnosis.py). Three of the fleet's runs: remediate --check --diff (its first
diagnosis finds the missing and the different certificate; the dialog is shown with the certificate as one line and
nothing is sent), remediate (installs it on the first device answering the device's questions and saves, its second
diagnosis is clean; the different one is left for a person), then the trustpoint role alone with the same certificate
(reads, finds the fingerprint, changes nothing). Runtime: the shared fleet's (about 8 minutes on 2 shared cores, with
test_report_matches_check.py and test_topologies.py).
"""

from __future__ import annotations

import json
import re

import pytest

from tests.integration.shared_fleet import TRUSTPOINT_HOSTS, sent
from tests.lab import pki

pytestmark = pytest.mark.integration

# The keys of the three devices: no CA certificate in SLA-TrustPoint, a different CA there, no SLA-TrustPoint at all.
NAMES = ("missing", "wrong", "both")
# The fleet's runs this file reads, by the names used here.
STEPS = {"check": "check", "fix": "fix", "again": "trustpoint_again"}
FID = "sla_trustpoint_certificate_missing"
READ_ONLY = re.compile(r"^(?:show |terminal (?:length|width) |enable$)")
RECAP = re.compile(r"^(\S+)\s*: ok=\d+\s+changed=(\d+)\s+unreachable=(\d+)\s+failed=(\d+)", re.MULTILINE)
PEM_BODY = pki.lab_pem("onprem-ca").strip().splitlines()[1:-1]


def _json(path):
    with open(str(path), encoding="utf-8") as handle:
        return json.load(handle)


@pytest.fixture(name="runs", scope="module")
def fixture_runs(shared_fleet):
    hosts = dict(TRUSTPOINT_HOSTS)
    assert sorted(hosts) == sorted(NAMES)
    assert shared_fleet["host_vars"][hosts["missing"]]["smartlic_trustpoint_ca_pem"].strip() == pki.lab_pem("onprem-ca").strip()
    out = {"work": shared_fleet["work"], "hosts": hosts, "shared": shared_fleet, "targets": {}, "runs": {}, "states": {}}
    for step, name in STEPS.items():
        out["runs"][step] = shared_fleet["runs"][name]
        out["targets"][step] = shared_fleet["targets"][name]
        out["states"][step] = {key: shared_fleet["states"][name][host] for key, host in hosts.items()}
    return out


def _sent(runs, step, key):
    return sent(runs["shared"], STEPS[step], runs["hosts"][key])


def _findings(runs, step, when, key):
    report = _json(runs["work"] / STEPS[step] / when / ("%s.json" % runs["hosts"][key]))
    return {finding["id"]: finding for finding in report["findings"] if finding["severity"] in ("critical", "error", "warning")}


def test_every_run_completes(runs):
    # Every run reached every host it targeted (check: the whole shared fleet; fix: these three and the topology devices;
    # again: the first device alone); none of these three failed or was unreachable.
    assert runs["targets"]["again"] == [runs["hosts"]["missing"]]
    for step, run in runs["runs"].items():
        counts = {host: (int(failed), int(unreachable)) for host, _changed, unreachable, failed in RECAP.findall(run.stdout)}
        hosts = [runs["hosts"]["missing"]] if step == "again" else list(runs["hosts"].values())
        assert sorted(counts) == runs["targets"][step] and set(hosts) <= set(counts), (step, run.stdout[-3000:])
        assert all(counts[host] == (0, 0) for host in hosts), (step, counts, run.stdout[-4000:])


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
