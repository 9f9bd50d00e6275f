# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Rule clock_not_synchronized on real-format captures (fixtures/PROVENANCE.md)."""

from __future__ import annotations

from rules_helpers import actionable_ids, assert_shape, diagnose_fixture, evidence_text, only


def test_policy_install_failed_on_signature_mismatch_with_unsynchronised_clock():
    findings = diagnose_fixture("ios_clock_policy_failed.txt", intended={"ntp_servers": ["198.51.100.100"]})
    finding = only(findings, "clock_not_synchronized")
    assert_shape(finding)
    assert finding["severity"] == "error"
    assert finding["remediation"]["role"] == "ntp"
    assert finding["remediation"]["commands"] == ["ntp server 198.51.100.100 prefer version 2"]
    text = evidence_text(finding)
    assert "POLICY_INSTALL_FAILED" in text and "signature mismatch" in text
    assert "synchronized" in text  # show clock '*'
    assert "sys_peer" in text  # no '*' in show ntp associations
    assert "198.51.100.100" in text  # intended server missing from the running-config


def test_without_intended_servers_the_line_has_a_placeholder():
    # The ntp role cannot run without smartlic_ntp_servers: the line shows where the server goes.
    finding = only(diagnose_fixture("ios_clock_policy_failed.txt"), "clock_not_synchronized")
    assert finding["remediation"]["commands"] == ["ntp server <ntp-server> prefer version 2"]


def test_nxos_trust_code_timestamp_mismatch_and_time_source_none():
    findings = diagnose_fixture("nxos_trust_timestamp.txt", "nxos", intended={"ntp_servers": ["10.28.13.90"], "vrf": "management"})
    finding = only(findings, "clock_not_synchronized")
    assert finding["severity"] == "error"
    assert finding["remediation"]["commands"] == ["ntp server 10.28.13.90 prefer use-vrf management"]
    assert any("less than one hour" in note for note in finding["notes"])
    text = evidence_text(finding)
    assert "Timestamp mismatch" in text
    assert "TRUST_CODE_INSTALL_FAILED" in text
    # the timestamp mismatch is the clock's, not an account problem nor an installed trust code
    assert "account_mismatch" not in actionable_ids(findings)
    assert "trust_code_already_installed" not in actionable_ids(findings)


def test_synchronised_device_has_no_clock_finding():
    assert "clock_not_synchronized" not in [f["id"] for f in diagnose_fixture("ios_direct_healthy.txt")]
    assert "clock_not_synchronized" not in [f["id"] for f in diagnose_fixture("nxos_healthy.txt", "nxos")]


def test_intended_ntp_server_missing_is_drift_on_a_synchronised_device():
    finding = only(diagnose_fixture("ios_direct_healthy.txt", intended={"ntp_servers": ["198.51.100.100"]}), "clock_not_synchronized")
    assert finding["severity"] == "warning"
    assert finding["remediation"]["commands"] == ["ntp server 198.51.100.100 prefer version 2"]
    assert "198.51.100.100" in evidence_text(finding)


def test_intended_ntp_servers_already_configured_is_not_drift():
    findings = diagnose_fixture("ios_direct_healthy.txt", intended={"ntp_servers": ["2001:DB8::EEE8"]})
    assert "clock_not_synchronized" not in [f["id"] for f in findings]
