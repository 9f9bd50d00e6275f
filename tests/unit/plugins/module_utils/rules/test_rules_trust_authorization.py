# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Rules trust_code_missing, trust_code_already_installed, account_mismatch, authorization_udi_mismatch, authorization_insufficient."""

from __future__ import annotations

from rules_helpers import actionable_ids, assert_shape, diagnose_fixture, diagnose_text, evidence_text, facts_from_text, only, read

from ansible_collections.smartlic.slp.plugins.module_utils.parsers import syslog
from ansible_collections.smartlic.slp.plugins.module_utils.rules import authorization, engine

AUTH_TEMPLATE = "*Mar 15 20:41:07.331: %%SMART_LIC-3-AUTHORIZATION_INSTALL_FAILED: The install of a new licensing authorization code has failed on %s: %s."


def test_trust_code_already_installed_is_fixed_with_force_on_all_members():
    findings = diagnose_fixture("ios_trust_already.txt")
    finding = only(findings, "trust_code_already_installed")
    assert_shape(finding)
    assert finding["severity"] == "error"
    assert finding["remediation"]["role"] == "trust_token"
    # three UDIs (HA): 'all'; the token is never written out
    assert finding["remediation"]["commands"] == ["license smart trust idtoken <id_token> all force"]
    assert "already installed" in evidence_text(finding)
    assert "account_mismatch" not in actionable_ids(findings)


def test_account_mismatch_gives_cssm_steps():
    findings = diagnose_fixture("ios_account_mismatch.txt")
    finding = only(findings, "account_mismatch")
    assert finding["remediation"]["role"] is None
    steps = finding["remediation"]["manual_steps"]
    assert steps[0].startswith("1. Log in to the CSSM Web UI at https://software.cisco.com")
    assert "Eg-VA" in evidence_text(finding)
    # no trust code, direct to CSSM, never acknowledged: the trust code is missing too
    missing = only(findings, "trust_code_missing")
    assert missing["remediation"]["commands"] == ["license smart trust idtoken <id_token> local"]


def test_utility_mode_without_trust_code():
    finding = only(diagnose_fixture("ios_utility_smart.txt"), "trust_code_missing")
    assert finding["severity"] == "error"
    text = evidence_text(finding)
    assert "UTILITY_TRUST_CODE" in text and "utility" in text


def test_trust_installed_means_no_trust_finding():
    findings = diagnose_fixture("ios_direct_healthy.txt")
    assert not {"trust_code_missing", "trust_code_already_installed", "account_mismatch"} & {f["id"] for f in findings}


def test_offline_device_needs_no_trust_code():
    assert "trust_code_missing" not in [f["id"] for f in diagnose_fixture("ios_ack_overdue_offline.txt")]


def test_slac_udis_are_compared_with_the_whole_ha_stack():
    slac = read("ios_slac_udi_mismatch.slac.xml")
    findings = diagnose_fixture("ios_slac_udi_mismatch.txt", slac_text=slac)
    finding = only(findings, "authorization_udi_mismatch")
    assert_shape(finding)
    assert finding["severity"] == "error"
    assert finding["differing_udis"]["only_in_file"] == ["PID:C9350-24U,SN:FOC2705Y9ZZ"]
    assert finding["differing_udis"]["only_on_device"] == ["PID:C9350-24U,SN:FOC2719YOHR"]
    assert finding["differing_udis"]["in_messages"] == ["PID:C9350-24U,SN:FOC2705Y9ZZ"]
    assert "FOC2719YOHR" in finding["title"] and "FOC2705Y9ZZ" in finding["title"]
    assert "PID:C9350-24U,SN:FOC2705Y8X0" in finding["remediation"]["manual_steps"][0]
    assert "authorization_insufficient" not in actionable_ids(findings)


def test_matching_slac_file_is_not_a_mismatch():
    facts, _messages, platform = facts_from_text(read("ios_slac_udi_mismatch.txt"))
    facts.pop("show logging")  # no failed install: only the file is compared
    slac = "".join("<udi>P:C9350-24U,S:%s</udi>" % serial for serial in ("FOC2705Y8X0", "FOC2705Y8XF", "FOC2718Y66X", "FOC2719YOHR"))
    findings = engine.diagnose(facts, [], platform, slac_text=slac)
    assert "authorization_udi_mismatch" not in [f["id"] for f in findings]


def test_slac_udi_reader():
    assert authorization.slac_udis("<smartLicenseAuthorization>\n<udi>P:CSR1000V,S:9D1YXJM3LKC</udi>\n</smartLicenseAuthorization>") == [
        "PID:CSR1000V,SN:9D1YXJM3LKC"]


def test_not_enough_licenses_authorized():
    text = read("ios_slac_udi_mismatch.txt").replace(
        "FOC2705Y9ZZ: UDI mismatch.", "FOC2705Y8X0: Not enough licenses with authorization for currently configured features.")
    findings = diagnose_text(text)
    finding = only(findings, "authorization_insufficient")
    assert finding["severity"] == "error"
    assert finding["confidence"] == "high"
    assert "Not enough licenses" in evidence_text(finding)
    assert "authorization_udi_mismatch" not in actionable_ids(findings)


def test_authorization_failure_recovered_by_success():
    messages = syslog.parse_messages("\n".join([
        AUTH_TEMPLATE % ("PID:C9350-24U,SN:FOC2705Y8X0", "Not enough licenses"),
        "*Mar 15 20:50:00.000: %SMART_LIC-6-AUTHORIZATION_INSTALL_SUCCESS: A new licensing authorization code was successfully installed on: "
        "PID:C9350-24U,SN:FOC2705Y8X0",
    ]), 2024)
    findings = engine.diagnose({}, messages, "ios")
    assert actionable_ids(findings) == []
    assert only(findings, "recovered_failure")["event"] == "AUTHORIZATION_INSTALL_FAILED"


def test_authorization_messages_do_not_apply_to_nxos():
    messages = syslog.parse_messages("2023 Aug  3 20:41:02 switch %LICMGR-3-LOG_SMART_LIC_AUTHORIZATION_INSTALL_FAILED: The install of a new "
                                     "licensing authorization code has failed on PID:N9K-C93180YC-FX,SN:FDO212100YT: UDI mismatch.")
    findings = engine.diagnose({}, messages, "nxos")
    assert not {"authorization_udi_mismatch", "authorization_insufficient"} & {f["id"] for f in findings}
