# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""show call-home profile all (IOS XE) on real outputs (fixtures/iosxe/show_call-home_profile_all, see PROVENANCE.md).

Goldens: ``SMARTLIC_REGEN_GOLDENS=1 pytest <this file>`` rewrites ``<name>.json``; review the diff.
"""

from __future__ import annotations

import json
import os
import re

import pytest

from ansible_collections.smartlic.slp.plugins.module_utils.parsers import show_call_home_profile_all

FIXTURES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fixtures")
FOLDER = "iosxe/show_call-home_profile_all"
REGENERATE = os.environ.get("SMARTLIC_REGEN_GOLDENS") == "1"
STEMS = sorted(name[:-4] for name in os.listdir(os.path.join(FIXTURES, FOLDER)) if name.endswith(".txt"))
TABLE_HEADERS = ("Alert-group", "Syslog-Pattern", "N/A")


def _read(stem, suffix=".txt"):
    with open(os.path.join(FIXTURES, FOLDER, stem + suffix), encoding="utf-8") as handle:
        return handle.read()


@pytest.mark.parametrize("stem", STEMS)
def test_golden(stem):
    result = show_call_home_profile_all.parse(_read(stem))
    path = os.path.join(FIXTURES, FOLDER, stem + ".json")
    if REGENERATE:
        with open(path, "w", encoding="utf-8") as handle:
            json.dump(result, handle, indent=1, ensure_ascii=False)
            handle.write("\n")
    assert json.loads(json.dumps(result)) == json.loads(_read(stem, ".json"))
    assert result["unparsed"] == [] and result["warnings"] == []


def test_provenance_lists_every_fixture():
    listed = set(re.findall(r"^\| `([^`]+\.txt)` \|", _read("PROVENANCE", ".md"), re.MULTILINE))
    assert listed == {stem + ".txt" for stem in STEMS}
    assert len(STEMS) == 3


def _addresses(value):
    """genie's address string as our list: 'Not yet set up' → [], 'a,b' → ['a', 'b']."""
    if value is None or value.lower() == "not yet set up":
        return []
    return [item for item in value.split(",") if item]


@pytest.mark.parametrize("stem", STEMS)
def test_every_genie_value_is_ours(stem):
    genie = json.loads(_read(stem, ".genie.json"))["profile"]["name"]
    ours = show_call_home_profile_all.parse(_read(stem))["profiles"]
    assert set(genie) == set(ours)
    for name, expected in genie.items():
        profile = ours[name]
        # status, mode, reporting_data, transport_method as is; preferred_message_format → message_format;
        # message_size_limit_in_bytes → message_size_limit; http_address / email_address / other_address → the *_addresses lists;
        # periodic_info → periodic; group_pattern (without genie's table-header keys and N/A rows) → alert_groups + syslog_patterns.
        for key in ("status", "mode", "reporting_data", "transport_method"):
            assert expected[key] == profile[key], key
        assert expected["preferred_message_format"] == profile["message_format"]
        assert expected["message_size_limit_in_bytes"] == profile["message_size_limit"]
        assert _addresses(expected.get("http_address")) == profile["http_addresses"]
        assert _addresses(expected.get("email_address")) == profile["email_addresses"]
        assert _addresses(expected.get("other_address")) == profile["other_addresses"]
        assert expected.get("periodic_info", {}) == profile["periodic"]
        patterns = {key: value["severity"] for key, value in expected["group_pattern"].items() if key not in TABLE_HEADERS}
        assert patterns == dict(profile["alert_groups"], **profile["syslog_patterns"])
        assert profile["active"] is (expected["status"] == "ACTIVE")


def test_ciscotac_profile_for_the_rules():
    profile = show_call_home_profile_all.parse(_read("genie_3"))["profiles"]["CiscoTAC-1"]
    assert profile["active"] is True and profile["transport_method"] == "http" and profile["smart_licensing"] is True
    assert profile["http_addresses"] == ["https://tools.cisco.com/its/service/oddce/services/DDCEService"]
    inactive = show_call_home_profile_all.parse(_read("genie_3"))["profiles"]["MohamedMuskan"]
    assert inactive["active"] is False and inactive["status"] == "INACTIVE"


def test_continuation_lines_of_an_address_list():
    profile = show_call_home_profile_all.parse(_read("genie_3"))["profiles"]["Shishir"]
    assert profile["email_addresses"] == ["shishir@cisco.com", "Shisihir213@cisco.com"]
    text = ("Profile Name: CiscoTAC-1\n    Profile status: ACTIVE\n    Transport Method: http\n"
            "    HTTP  address(es): https://a.example.com/x\n                       https://b.example.com/y\n")
    assert show_call_home_profile_all.parse(text)["profiles"]["CiscoTAC-1"]["http_addresses"] == ["https://a.example.com/x", "https://b.example.com/y"]


def test_short_smart_licensing_form():
    text = ("Current smart-licensing transport settings:\nSmart-license messages: enabled\nProfile: CiscoTAC-1 (status: ACTIVE)\n"
            "Destination URL(s): https://tools.cisco.com/its/service/oddce/services/DDCEService\n")
    result = show_call_home_profile_all.parse(text)
    assert result["unparsed"] == [] and result["smart_license_messages"] is True
    profile = result["profiles"]["CiscoTAC-1"]
    assert profile["active"] is True and profile["http_addresses"] == ["https://tools.cisco.com/its/service/oddce/services/DDCEService"]


@pytest.mark.parametrize("text, warning", [
    ("", "empty output: nothing to parse for show call-home profile all"),
    ("% Invalid input detected at '^' marker.", "the device rejected the command: % Invalid input detected at '^' marker."),
    ("Smart Licensing is ENABLED", "output does not look like show call-home profile all"),
])
def test_not_a_profile_list(text, warning):
    result = show_call_home_profile_all.parse(text)
    assert result["warnings"] == [warning] and "profiles" not in result
