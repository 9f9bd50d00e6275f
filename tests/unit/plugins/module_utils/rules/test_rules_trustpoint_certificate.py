# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Rule sla_trustpoint_certificate_missing: the CA certificate of SLA-TrustPoint, read from the running-config chain.

The captures are ios_onprem_trustpoint.txt (SSM On-Prem, TLS failure) with its running-config given a trustpoint set
up for enrollment terminal and, per case, no chain, the factory chain of a real C9200L (Cisco Licensing Root CA,
../fixtures/pki/ios_17_6_factory_chain.txt) or the lab's On-Prem CA (tests/lab/certs) as the lab renders it.
"""

from __future__ import annotations

import os

from rules_helpers import FIXTURES, actionable_ids, assert_shape, diagnose_text, evidence_text, only, read

from tests.lab import pki as lab_pki

FID = "sla_trustpoint_certificate_missing"
ONPREM = lab_pki.lab_pem("onprem-ca")
TRUSTPOINT = "crypto pki trustpoint SLA-TrustPoint\n enrollment terminal\n revocation-check none\n!\n"


def _factory_chain():
    with open(os.path.join(FIXTURES, "..", "..", "fixtures", "pki", "ios_17_6_factory_chain.txt"), encoding="utf-8") as handle:
        text = handle.read()
    return text[text.index("crypto pki certificate chain SLA-TrustPoint"):text.index("crypto pki certificate pool")]


def _onprem_chain(name="onprem-ca"):
    chain, certificate, hex_lines = lab_pki.chain_lines("SLA-TrustPoint", lab_pki.read_paste(lab_pki.lab_pem(name).splitlines()))
    return "\n".join([chain, " " + certificate] + ["  " + line for line in hex_lines] + ["  \tquit", "!", ""])


def capture(chain="", tls=True, trustpoint=TRUSTPOINT):
    text = read("ios_onprem_trustpoint.txt")
    text = text.replace("ip http client secure-trustpoint SLA-TrustPoint\n", trustpoint + chain + "ip http client secure-trustpoint SLA-TrustPoint\n")
    if not tls:
        text = "\n".join(line for line in text.split("\n") if "COMM_FAILED" not in line)
    return text


def test_no_chain_with_the_intended_ca_is_fixed_by_the_trustpoint_role():
    findings = diagnose_text(capture(), intended={"trustpoint_ca_pem": ONPREM})
    finding = only(findings, FID)
    assert_shape(finding)
    assert finding["severity"] == "error" and finding["severity_reason"] == "the TLS connection fails now"
    assert finding["topology"] == "onprem"
    assert finding["remediation"]["role"] == "trustpoint"
    commands = finding["remediation"]["commands"]
    assert commands[0] == "crypto pki authenticate SLA-TrustPoint" and commands[2:] == ["quit", "yes"]
    assert commands[1].startswith("<the CA certificate, 19 PEM lines: CN=SSM On-Prem Lab CA, serial 1A2B3C4D, SHA-1 ")
    assert "holds no 'certificate ca'" in evidence_text(finding)
    assert "TLS cert cannot be validated" in evidence_text(finding)
    # The trustpoint itself is right: the certificate is the cause, not sla_trustpoint_missing nor the network.
    assert actionable_ids(findings) == [FID]


def test_no_chain_without_an_intended_ca_lists_the_manual_steps():
    finding = only(diagnose_text(capture()), FID)
    assert finding["remediation"]["role"] is None and finding["remediation"]["commands"] == []
    steps = finding["remediation"]["manual_steps"]
    assert steps[0].startswith("1. Get the certificate of the CA that signed the licensing server's TLS certificate")
    assert "smartlic_trustpoint_ca_pem" in steps[0]
    assert any("'crypto pki authenticate SLA-TrustPoint'" in step and "'quit'" in step for step in steps)
    assert any("Do you accept this certificate? [yes/no]" in step for step in steps)
    assert steps[-1].endswith("Save with 'copy running-config startup-config'.")
    assert finding["confidence"] == "medium"


def test_the_factory_chain_is_not_the_intended_onprem_ca():
    findings = diagnose_text(capture(_factory_chain()), intended={"trustpoint_ca_pem": ONPREM})
    finding = only(findings, FID)
    assert finding["title"] == "Trustpoint SLA-TrustPoint holds a CA certificate other than the intended one"
    assert finding["remediation"]["role"] is None
    held = [item for item in finding["evidence"] if item.get("field") == "pki_certificate_chains.SLA-TrustPoint"][0]["value"]
    assert held == [{"serial": "01", "sha1": "5ca95fb6e2980ec15afb681bbb7e62b5ad3fa8b8"}]
    assert any("'no crypto pki trustpoint SLA-TrustPoint'" in step for step in finding["remediation"]["manual_steps"])
    assert any("not replace" in note for note in finding["notes"])


def test_a_chain_without_an_intended_ca_while_onprem_tls_fails_is_not_accepted():
    finding = only(diagnose_text(capture(_factory_chain())), FID)
    assert finding["title"] == "The CA certificate of SLA-TrustPoint does not validate the SSM On-Prem server"
    assert finding["confidence"] == "medium" and finding["remediation"]["role"] is None


def test_the_intended_ca_present_gives_no_finding():
    findings = diagnose_text(capture(_onprem_chain()), intended={"trustpoint_ca_pem": ONPREM})
    assert FID not in [finding["id"] for finding in findings]


def test_an_intended_ca_missing_while_communication_works_is_a_warning():
    findings = diagnose_text(capture(tls=False), intended={"trustpoint_ca_pem": ONPREM})
    finding = only(findings, FID)
    assert finding["severity"] == "warning"
    assert finding["remediation"]["role"] == "trustpoint"


def test_no_chain_and_nothing_failing_without_an_intended_ca_is_no_finding():
    assert FID not in [finding["id"] for finding in diagnose_text(capture(tls=False))]


def test_a_missing_trustpoint_with_an_intended_ca_is_one_finding_with_the_role_s_lines_in_order():
    findings = diagnose_text(read("ios_onprem_trustpoint.txt"), intended={"trustpoint_ca_pem": ONPREM})
    assert FID not in actionable_ids(findings)
    finding = only(findings, "sla_trustpoint_missing")
    commands = finding["remediation"]["commands"]
    assert commands[:3] == ["crypto pki trustpoint SLA-TrustPoint", "enrollment terminal", "revocation-check none"]
    assert commands[-4] == "crypto pki authenticate SLA-TrustPoint" and commands[-2:] == ["quit", "yes"]
    assert "without the trustpoint SLA-TrustPoint there is no CA certificate either" in evidence_text(finding)
    assert "installs the intended CA certificate" in finding["remediation"]["action"]


def test_a_trustpoint_without_enrollment_terminal_and_an_intended_ca_is_one_finding_too():
    trustpoint = "crypto pki trustpoint SLA-TrustPoint\n enrollment pkcs12\n revocation-check crl\n!\n"
    findings = diagnose_text(capture(trustpoint=trustpoint), intended={"trustpoint_ca_pem": ONPREM})
    assert FID not in actionable_ids(findings)
    commands = only(findings, "sla_trustpoint_missing")["remediation"]["commands"]
    assert commands.index("enrollment terminal") < commands.index("crypto pki authenticate SLA-TrustPoint")


def test_a_missing_trustpoint_without_an_intended_ca_is_sla_trustpoint_missing_only():
    findings = diagnose_text(read("ios_onprem_trustpoint.txt"))
    assert "sla_trustpoint_missing" in actionable_ids(findings)
    assert FID not in actionable_ids(findings)


def test_an_unusable_intended_pem_is_a_note_not_a_crash():
    finding = only(diagnose_text(capture(_factory_chain()), intended={"trustpoint_ca_pem": "not a certificate"}), FID)
    assert any("trustpoint_ca_pem) is not usable" in note for note in finding["notes"])


def test_nxos_has_no_trustpoint_certificate_finding():
    findings = diagnose_text(read("nxos_onprem_ip.txt"), intended={"trustpoint_ca_pem": ONPREM})
    assert FID not in [finding["id"] for finding in findings]


def test_a_missing_trustpoint_while_nothing_fails_lists_the_trustpoint_lines_before_the_dialog():
    text = "\n".join(line for line in read("ios_onprem_trustpoint.txt").split("\n") if "COMM_FAILED" not in line)
    findings = diagnose_text(text, intended={"trustpoint_ca_pem": ONPREM})
    assert "sla_trustpoint_missing" not in actionable_ids(findings)
    finding = only(findings, FID)
    assert finding["severity"] == "warning"
    commands = finding["remediation"]["commands"]
    assert commands[:3] == ["crypto pki trustpoint SLA-TrustPoint", "enrollment terminal", "revocation-check none"]
    assert commands[-4] == "crypto pki authenticate SLA-TrustPoint" and commands[-2:] == ["quit", "yes"]
    assert finding["remediation"]["role"] == "trustpoint"
