# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""show ntp status (IOS XE) on the written fixtures of fixtures/iosxe/show_ntp_status (see PROVENANCE.md: no corpus sample exists).

Goldens: ``SMARTLIC_REGEN_GOLDENS=1 pytest <this file>`` rewrites ``<name>.json``; review the diff.
"""

from __future__ import annotations

import json
import os
import re

import pytest

from ansible_collections.smartlic.slp.plugins.module_utils.parsers import show_ntp_status

FIXTURES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fixtures")
FOLDER = "iosxe/show_ntp_status"
REGENERATE = os.environ.get("SMARTLIC_REGEN_GOLDENS") == "1"
STEMS = sorted(name[:-4] for name in os.listdir(os.path.join(FIXTURES, FOLDER)) if name.endswith(".txt"))


def _read(stem, suffix=".txt"):
    with open(os.path.join(FIXTURES, FOLDER, stem + suffix), encoding="utf-8") as handle:
        return handle.read()


@pytest.mark.parametrize("stem", STEMS)
def test_golden(stem):
    result = show_ntp_status.parse(_read(stem))
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


def test_synchronized():
    result = show_ntp_status.parse(_read("written_synchronized"))
    assert (result["synchronized"], result["stratum"], result["reference"]) == (True, 3, "10.16.2.2")
    assert result["reference_time"] == "2021-12-06T09:12:36Z"
    assert (result["clock_offset"], result["root_delay"], result["root_dispersion"], result["peer_dispersion"]) == (27.027, 5.61, 35.97, 3.34)
    assert (result["poll_interval"], result["last_update_seconds"], result["loopfilter_state"]) == (64, 25, "CTRL")
    assert result["fields"]["precision"] == "2**10"


def test_unsynchronized():
    result = show_ntp_status.parse(_read("written_unsynchronized"))
    assert (result["synchronized"], result["stratum"], result["reference"], result["reference_time"]) == (False, 16, None, None)
    assert result["fields"]["last_update"] == "never"


def test_reference_with_more_details():
    result = show_ntp_status.parse("Clock is synchronized, stratum 2, reference is 192.0.2.1, reference assoc id 3\n")
    assert (result["reference"], result["stratum"], result["fields"]["reference_assoc_id"]) == ("192.0.2.1", 2, "3")


def test_ntp_not_enabled():
    result = show_ntp_status.parse("%NTP is not enabled.\n")
    assert (result["synchronized"], result["ntp_enabled"]) == (False, False)


@pytest.mark.parametrize("text, warning", [
    ("", "empty output: nothing to parse for show ntp status"),
    ("% Invalid input detected at '^' marker.", "the device rejected the command: % Invalid input detected at '^' marker."),
    ("Distribution : Disabled\nLast operational state: No session\n", "output does not look like show ntp status"),
])
def test_not_ntp_status(text, warning):
    result = show_ntp_status.parse(text)
    assert result["warnings"] == [warning] and "synchronized" not in result
