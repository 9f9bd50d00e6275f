# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""NX-OS show running-config callhome all (fixtures/nxos/show_running-config_callhome_all, see PROVENANCE.md).

Goldens: ``SMARTLIC_REGEN_GOLDENS=1 pytest <this file>`` rewrites ``<name>.json``; review the diff.
"""

from __future__ import annotations

import json
import os
import re

import pytest

from ansible_collections.smartlic.slp.plugins.module_utils.parsers import show_running_config, show_running_config_callhome

FIXTURES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fixtures")
FOLDER = "nxos/show_running-config_callhome_all"
REGENERATE = os.environ.get("SMARTLIC_REGEN_GOLDENS") == "1"
STEMS = sorted(name[:-4] for name in os.listdir(os.path.join(FIXTURES, FOLDER)) if name.endswith(".txt"))
DDCE = "https://tools.cisco.com/its/service/oddce/services/DDCEService"


def _read(stem, suffix=".txt"):
    with open(os.path.join(FIXTURES, FOLDER, stem + suffix), encoding="utf-8") as handle:
        return handle.read()


@pytest.mark.parametrize("stem", STEMS)
def test_golden(stem):
    result = show_running_config_callhome.parse(_read(stem))
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
    assert len(STEMS) == 2


def test_seed_example():
    call_home = show_running_config_callhome.parse(_read("seed_001"))["call_home"]
    assert (call_home["enabled"], call_home["http_use_vrf"], call_home["contact_email"]) == (True, "<vrf-name>", "<email-address>")
    xml = call_home["destination_profiles"]["xml"]
    assert (xml["transport_method"], xml["http_addresses"], xml["email_addresses"]) == ("http", [DDCE], ["<email-address>"])


def test_disabled_callhome():
    result = show_running_config_callhome.parse(_read("written_disabled"))
    call_home = result["call_home"]
    assert (call_home["enabled"], call_home["http_use_vrf"], call_home["http_proxy"]) == (False, None, {"address": "192.0.2.3", "port": 3128})
    assert sorted(call_home["destination_profiles"]) == ["CiscoTAC-1", "full_txt", "short_txt", "xml"]
    assert call_home["destination_profiles"]["xml"]["transport_method"] == "email"
    assert call_home["destination_profiles"]["CiscoTAC-1"]["http_addresses"] == ["http://www.example.com/callhome"]
    assert result["header"]["command"] == "switch# show running-config callhome all"


@pytest.mark.parametrize("stem", STEMS)
def test_same_logic_as_the_whole_running_config(stem):
    """The callhome block gives the same call_home dict here and inside show running-config."""
    whole = show_running_config.parse(_read(stem), "nxos")
    assert show_running_config_callhome.parse(_read(stem))["call_home"] == whole["call_home"]


def test_ios_call_home_block_is_read_too():
    text = 'call-home\n contact-email-addr a@example.com\n profile "CiscoTAC-1"\n  no active\n  destination transport-method http\n'
    result = show_running_config_callhome.parse(text)
    assert result["platform"] == "ios"
    assert result["call_home"]["profiles"]["CiscoTAC-1"]["active"] is False


@pytest.mark.parametrize("text, warning", [
    ("", "empty output: nothing to parse for show running-config callhome all"),
    ("% Invalid command at '^' marker.", "the device rejected the command: % Invalid command at '^' marker."),
    ("hostname switch\nfeature nxapi\n", "output does not look like show running-config callhome all"),
])
def test_not_callhome(text, warning):
    result = show_running_config_callhome.parse(text)
    assert result["warnings"] == [warning] and "call_home" not in result


def test_header_only_means_callhome_not_configured():
    result = show_running_config_callhome.parse("!Command: show running-config callhome all\n!Time: Mon Oct  9 08:01:12 2023\n\nversion 9.3(10)\n")
    assert result["call_home"]["enabled"] is False and result["call_home"]["configured"] is False
