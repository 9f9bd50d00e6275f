# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The message catalog against the two vendor chapters it is built from.

The seeds (copied into fixtures/seeds) are parsed here: every ``Error Message %...`` of both
chapters must be in the catalog with the same facility, severity, mnemonic and
template, and every configuration example of the chapters must be among the
catalog's action commands.
"""

from __future__ import annotations

import os
import re

import pytest

from ansible_collections.smartlic.slp.plugins.module_utils import catalog

FIXTURES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fixtures")
IOS_SEED = os.path.join(FIXTURES, "seeds", "000_071836bcdbe923d9.txt")
NXOS_SEED = os.path.join(FIXTURES, "seeds", "001_bf5bcbad8eb8b5e5.txt")
DESIGN = os.path.join(FIXTURES, "design_finding_ids.md")

# The COMM_RESTORED entries of both chapters run the template on into notes about it.
_ANNOTATION = " [chars] - depends on the transport type"


def _read(path):
    with open(path, encoding="utf-8") as handle:
        return handle.read()


def seed_messages(path):
    """[(facility, severity, mnemonic, template)] of every 'Error Message %...' of a chapter, wrapped lines joined."""
    lines = _read(path).splitlines()
    found = []
    for index, line in enumerate(lines):
        match = re.search(r"Error Message %(?P<fac>[A-Z_]+)-(?P<sev>\d)-(?P<mnem>[A-Z_]+):\s*(?P<text>.*)", line)
        if not match:
            continue
        parts = [match.group("text").strip()]
        for following in lines[index + 1:]:
            stripped = following.strip()
            if not stripped or stripped.startswith("```") or stripped.startswith(("Explanation", "This message")):
                break
            parts.append(stripped)
        text = " ".join(" ".join(parts).split())
        if _ANNOTATION in text:
            text = text[:text.index(_ANNOTATION)]
        found.append((match.group("fac"), int(match.group("sev")), match.group("mnem"), text))
    return found


def seed_explanations(path):
    """{mnemonic: first sentence of its Explanation:} of a chapter."""
    text = _read(path)
    found = {}
    for match in re.finditer(r"Error Message %[A-Z_]+-\d-(?P<mnem>[A-Z_]+):(?P<body>.*?)(?=Error Message %|\Z)", text, re.DOTALL):
        explanation = re.search(r"Explanation:\s*(?P<text>.+)", match.group("body"))
        if explanation and explanation.group("text").strip():
            found[match.group("mnem")] = " ".join(explanation.group("text").split())
    return found


def seed_config_examples(path, prompt):
    """Configuration example lines of a chapter ('Device(config)# ntp server ...')."""
    return sorted({" ".join(line.split()) for line in _read(path).splitlines() if re.match(r"\s*%s\((?:config|ca-trustpoint|config-vrf)\)\s*#" % prompt, line)})


IOS_MESSAGES = seed_messages(IOS_SEED)
NXOS_MESSAGES = seed_messages(NXOS_SEED)


def test_seeds_were_read():
    # 19 messages in the IOS XE chapter, 12 in the NX-OS chapter.
    assert len(IOS_MESSAGES) == 19
    assert len(NXOS_MESSAGES) == 12
    assert all(fac == "SMART_LIC" for fac, _sev, _mnem, _text in IOS_MESSAGES)
    assert all(fac == "LICMGR" and mnem.startswith("LOG_SMART_LIC_") for fac, _sev, mnem, _text in NXOS_MESSAGES)


@pytest.mark.parametrize("facility, severity, mnemonic, template", IOS_MESSAGES, ids=[m[2] for m in IOS_MESSAGES])
def test_every_ios_seed_message_is_catalogued(facility, severity, mnemonic, template):
    entry = catalog.by_mnemonic(facility, mnemonic)
    assert entry is not None, mnemonic
    assert entry["event"] == mnemonic
    assert entry["in_seed"] is True
    spec = entry["platforms"]["ios"]
    assert (spec["facility"], spec["severity"], spec["mnemonic"]) == (facility, severity, mnemonic)
    assert spec["template"] == template
    assert entry["template"] == template


@pytest.mark.parametrize("facility, severity, mnemonic, template", NXOS_MESSAGES, ids=[m[2] for m in NXOS_MESSAGES])
def test_every_nxos_seed_message_is_catalogued(facility, severity, mnemonic, template):
    entry = catalog.by_mnemonic(facility, mnemonic)
    assert entry is not None, mnemonic
    assert entry["event"] == mnemonic[len("LOG_SMART_LIC_"):]
    spec = entry["platforms"]["nxos"]
    assert (spec["facility"], spec["severity"], spec["mnemonic"]) == (facility, severity, mnemonic)
    assert spec["template"] == template


def test_placeholders_have_named_variables():
    for entry in catalog.all_events():
        placeholders = re.findall(r"\[[a-z-]+\]", entry["template"])
        assert len(entry["variables"]) == len(placeholders), entry["event"]
        assert list(entry["variable_types"]) == entry["variables"]


@pytest.mark.parametrize("event, variables", [
    ("COMM_FAILED", ["peer", "error"]),
    ("COMM_RESTORED", ["peer"]),
    ("TRUST_CODE_INSTALL_FAILED", ["udi", "reason"]),
    ("AUTHORIZATION_INSTALL_FAILED", ["udi", "reason"]),
    ("POLICY_INSTALL_FAILED", ["reason"]),
    ("REPORTING_REQUIRED", ["days"]),
    ("UTILITY_NO_ACK", ["days"]),
    ("UTILITY_SUBSCRIPTION_LICENSE", ["license"]),
    ("TRUST_CODE_INSTALL_SUCCESS", ["udi"]),
])
def test_variable_names(event, variables):
    assert catalog.get(event)["variables"] == variables


def test_ios_summary_list_matches_the_messages():
    # The chapter's bullet list names each message once more; UTILITY_STARTED is listed at severity 3 there.
    listed = re.findall(r"^\s*-\s*\[?%SMART_LIC-(\d)-([A-Z_]+)", _read(IOS_SEED), re.MULTILINE)
    assert len(listed) == 19
    for severity, mnemonic in listed:
        spec = catalog.platform_spec(mnemonic, "ios")
        assert spec is not None, mnemonic
        assert int(severity) in [spec["severity"]] + spec["listed_severities"]
    assert catalog.platform_spec("UTILITY_STARTED", "ios")["listed_severities"] == [3]


def test_nxos_not_applicable_and_absent_messages():
    nxos_text = _read(NXOS_SEED)
    for event in ("AUTHORIZATION_INSTALL_FAILED", "AUTHORIZATION_INSTALL_SUCCESS"):
        spec = catalog.platform_spec(event, "nxos")
        assert spec["applicable"] is False
        assert "not applicable to Cisco Nexus Switches" in spec["note"]
    # AUTHORIZATION_REMOVED has a real explanation in the NX-OS chapter.
    assert catalog.platform_spec("AUTHORIZATION_REMOVED", "nxos")["applicable"] is True
    for event in catalog.event_names(in_seed=True):
        present = ("LOG_SMART_LIC_%s:" % event) in nxos_text
        assert (catalog.platform_spec(event, "nxos") is not None) == present, event


def test_explanations_are_the_seeds():
    def words(text, count=8):
        return " ".join(re.sub(r"[*_]", "", text).split()[:count]).lower()

    for path, platform, prefix in ((IOS_SEED, "ios", ""), (NXOS_SEED, "nxos", "LOG_SMART_LIC_")):
        explanations = seed_explanations(path)
        assert explanations
        for mnemonic, explanation in explanations.items():
            event = mnemonic[len(prefix):]
            spec = catalog.platform_spec(event, platform)
            expected = words(explanation)
            assert words(spec["explanation"], len(expected.split())) == expected, (platform, event)


def _typed(line):
    """The command part of an example line: 'switch(config) # ping x' → 'ping x'."""
    return " ".join(line.split("#", 1)[1].split()) if "#" in line else " ".join(line.split())


def test_every_configuration_example_is_an_action_command():
    commands = set()
    for entry in catalog.all_events():
        for spec in entry["platforms"].values():
            for action in (spec or {}).get("actions", []):
                commands.update(_typed(command) for command in action["commands"])
    ios_examples = seed_config_examples(IOS_SEED, "Device")
    nxos_examples = seed_config_examples(NXOS_SEED, "switch ?")
    assert "Device(config)# ntp server 198.51.100.100 version 2 prefer" in ios_examples
    assert "switch(config)# ip name-server <dns-server-ip> use-vrf <vrf-name>" in nxos_examples
    typed = [_typed(example) for example in ios_examples + nxos_examples if _typed(example)]
    assert len(typed) >= 15
    assert [command for command in typed if command not in commands] == []


def _design_finding_ids():
    return re.findall(r"^\| `([a-z_]+)` \|", _read(DESIGN), re.MULTILINE)


def test_finding_ids_are_the_design_table():
    assert list(catalog.FINDING_IDS) == _design_finding_ids()
    for entry in catalog.all_events():
        ids = set(entry["findings"]) | set(entry["primary_findings"])
        for spec in entry["platforms"].values():
            for item in (spec or {}).get("reasons", []) + (spec or {}).get("actions", []):
                ids.update(item["findings"])
                if item in (spec or {}).get("reasons", []):
                    assert set(item["findings"]) <= set(entry["findings"]), entry["event"]
        assert ids <= set(catalog.FINDING_IDS), (entry["event"], ids - set(catalog.FINDING_IDS))


@pytest.mark.parametrize("event, expected", [
    ("POLICY_INSTALL_FAILED", {"clock_not_synchronized"}),
    ("COMM_FAILED", {"dns_not_configured", "cslu_local_unresolved", "transport_type_mismatch", "transport_url_incorrect", "callhome_profile_inactive",
                     "http_client_trustpoint_missing", "sla_trustpoint_missing", "cssm_unreachable", "cslu_http_server_inactive"}),
    ("TRUST_CODE_INSTALL_FAILED", {"clock_not_synchronized", "trust_code_already_installed", "account_mismatch"}),
    ("AUTHORIZATION_INSTALL_FAILED", {"authorization_insufficient", "authorization_udi_mismatch", "clock_not_synchronized"}),
    ("REPORTING_NOT_SUPPORTED", {"onprem_down_rev"}),
    ("REPORTING_REQUIRED", {"report_ack_overdue", "onprem_record_not_found"}),
    ("UTILITY_NO_ACK", {"report_ack_overdue", "cssm_unreachable"}),
    ("UTILITY_TRUST_CODE", {"trust_code_missing"}),
    ("UTILITY_SUBSCRIPTION_LICENSE", {"utility_subscription_missing"}),
    ("UTILITY_TRANSPORT_NOT_CONFIG", {"transport_type_mismatch"}),
    ("UTILITY_REPORT_FAILED", {"usage_report_failed"}),
    ("POLICY_REMOVED", {"policy_removed"}),
])
def test_messages_point_to_their_findings(event, expected):
    assert expected <= set(catalog.get(event)["findings"])
    assert event in catalog.events_for_finding(sorted(expected)[0])


def test_info_messages_point_to_no_finding():
    for event in ("COMM_RESTORED", "POLICY_INSTALL_SUCCESS", "AUTHORIZATION_INSTALL_SUCCESS", "TRUST_CODE_INSTALL_SUCCESS", "UTILITY_STARTED",
                  "UTILITY_STOPPED", "AUTHORIZATION_REMOVED"):
        entry = catalog.get(event)
        assert entry["kind"] == "info"
        assert entry["findings"] == []
    kinds = {entry["event"]: entry["kind"] for entry in catalog.all_events()}
    assert set(kinds.values()) <= set(catalog.KINDS)
    assert kinds["COMM_FAILED"] == kinds["TRUST_CODE_INSTALL_FAILED"] == kinds["POLICY_INSTALL_FAILED"] == "failure"
    assert kinds["REPORTING_REQUIRED"] == "warning"


def test_clearing_events():
    assert "COMM_RESTORED" in catalog.events_clearing("COMM_FAILED")
    for failed in ("POLICY_INSTALL_FAILED", "AUTHORIZATION_INSTALL_FAILED", "TRUST_CODE_INSTALL_FAILED"):
        assert catalog.events_clearing(failed) == [failed.replace("_FAILED", "_SUCCESS")]
    for acked in ("REPORTING_REQUIRED", "UTILITY_NO_ACK"):
        facts = catalog.get(acked)["cleared_by_facts"]
        assert facts and facts[0]["field"] == "usage_reporting.last_ack_received"
    for entry in catalog.all_events():
        assert set(entry["cleared_by"]) <= set(catalog.event_names()), entry["event"]
        assert set(entry["related_events"]) <= set(catalog.event_names()), entry["event"]


def test_actions_carry_the_seed_commands():
    trust = catalog.get("TRUST_CODE_INSTALL_FAILED")
    assert any("force" in command for action in trust["actions"] for command in action["commands"])
    comm = catalog.get("COMM_FAILED")
    commands = [command for action in comm["actions"] for command in action["commands"]]
    assert "Device(config)# ip http client secure-trustpoint SLA-TrustPoint" in commands
    assert "Device# show call-home profile all" in commands
    nxos_comm = catalog.platform_spec("COMM_FAILED", "nxos")
    nxos_commands = [command for action in nxos_comm["actions"] for command in action["commands"]]
    assert "switch(config)# ip host cslu-local <cslu_address>" in nxos_commands
    for entry in catalog.all_events(in_seed=True):
        for spec in entry["platforms"].values():
            if spec and spec["applicable"]:
                assert spec["explanation"], entry["event"]
                assert spec["actions"], entry["event"]
                if entry["kind"] == "failure":
                    assert spec["reasons"], entry["event"]


def test_non_seed_messages():
    others = {entry["event"]: entry for entry in catalog.all_events(in_seed=False)}
    assert {"AGENT_ENABLED", "EXPORT_CONTROLLED", "PLATFORM_ERROR", "AUTH_RENEW_FAILED", "AGENT_REG_FAILED"} <= set(others)
    for entry in others.values():
        assert entry["in_seed"] is False
        assert entry["findings"] == []
        assert entry["kind"] in ("info", "other")
    assert others["PLATFORM_ERROR"]["variables"] == ["error"]
    assert catalog.event_for("CALL_HOME", "SL_MESSAGE_FAILED") == "SL_MESSAGE_FAILED"


def test_lookups():
    assert catalog.event_for("LICMGR", "LOG_SMART_LIC_COMM_FAILED") == "COMM_FAILED"
    assert catalog.event_for("smart_lic", "comm_failed") == "COMM_FAILED"
    # An NX-OS spelling of an IOS XE message the NX-OS chapter lacks still resolves.
    assert catalog.event_for("LICMGR", "LOG_SMART_LIC_UTILITY_NO_ACK") == "UTILITY_NO_ACK"
    assert catalog.event_for("LICMGR", "LOG_LIC_NO_LIC") is None
    assert catalog.event_for(None, None) is None
    assert catalog.get("nope") is None
    assert catalog.by_mnemonic("SMART_LIC", "NOPE") is None
    assert catalog.templates("COMM_RESTORED") == ["Communications with the [chars] restored.", "Communications with [chars] restored"]
    assert catalog.templates("nope") == []
    assert catalog.platform_spec("UTILITY_NO_ACK", "nxos") is None
    assert len(catalog.all_events()) == len(catalog.event_names()) == len(catalog.CATALOG)


def test_lookups_hand_out_copies():
    entry = catalog.get("COMM_FAILED")
    entry["findings"].clear()
    entry["platforms"]["ios"]["template"] = "changed"
    assert catalog.get("COMM_FAILED")["findings"]
    assert catalog.platform_spec("COMM_FAILED", "ios")["template"] == "Communications failure with the [chars] : [chars]"
