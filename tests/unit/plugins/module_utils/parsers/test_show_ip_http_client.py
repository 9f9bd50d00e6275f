# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""show ip http client (IOS XE) on the written fixtures of fixtures/iosxe/show_ip_http_client (see PROVENANCE.md: no corpus sample exists).

Goldens: ``SMARTLIC_REGEN_GOLDENS=1 pytest <this file>`` rewrites ``<name>.json``; review the diff.
"""

from __future__ import annotations

import json
import os
import re

import pytest

from ansible_collections.smartlic.slp.plugins.module_utils.parsers import show_ip_http_client

FIXTURES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fixtures")
FOLDER = "iosxe/show_ip_http_client"
REGENERATE = os.environ.get("SMARTLIC_REGEN_GOLDENS") == "1"
STEMS = sorted(name[:-4] for name in os.listdir(os.path.join(FIXTURES, FOLDER)) if name.endswith(".txt"))


def _read(stem, suffix=".txt"):
    with open(os.path.join(FIXTURES, FOLDER, stem + suffix), encoding="utf-8") as handle:
        return handle.read()


@pytest.mark.parametrize("stem", STEMS)
def test_golden(stem):
    result = show_ip_http_client.parse(_read(stem))
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


def test_trustpoint_and_source_interface():
    result = show_ip_http_client.parse(_read("written_sla_trustpoint"))
    assert (result["secure_trustpoint"], result["source_interface"]) == ("SLA-TrustPoint", "GigabitEthernet0")
    assert result["secure_ciphersuite"] == "aes-128-cbc-sha aes-256-cbc-sha" and result["proxy"] is None


def test_unset_values_are_none():
    result = show_ip_http_client.parse(_read("written_no_trustpoint"))
    assert (result["secure_trustpoint"], result["source_interface"]) == (None, None)


@pytest.mark.parametrize("text, trustpoint", [
    ("HTTP secure client ciphersuite: aes-128-cbc-sha\nHTTP secure client trustpoint: TP-1\n", "TP-1"),
    ("Secure trustpoint: SLA-TrustPoint\nPeer validation trustpoint: OTHER\n", "SLA-TrustPoint"),
    ("HTTP secure server trustpoint: SERVER-TP\nHTTP client secure trustpoint: SLA-TrustPoint\n", "SLA-TrustPoint"),
])
def test_trustpoint_wordings(text, trustpoint):
    assert show_ip_http_client.parse(text)["secure_trustpoint"] == trustpoint


@pytest.mark.parametrize("text, warning", [
    ("", "empty output: nothing to parse for show ip http client"),
    ("% Invalid input detected at '^' marker.", "the device rejected the command: % Invalid input detected at '^' marker."),
    ("!!!!!\nSmart Licensing is ENABLED", "output does not look like show ip http client"),
])
def test_not_http_client(text, warning):
    result = show_ip_http_client.parse(text)
    assert result["warnings"] == [warning] and "secure_trustpoint" not in result
