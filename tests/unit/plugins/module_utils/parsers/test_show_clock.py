# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""show clock on real outputs (fixtures/iosxe/show_clock, see PROVENANCE.md) and on the NX-OS layouts.

Goldens: ``SMARTLIC_REGEN_GOLDENS=1 pytest <this file>`` rewrites ``<name>.json``; review the diff.
"""

from __future__ import annotations

import json
import os
import re

import pytest

from ansible_collections.smartlic.slp.plugins.module_utils.parsers import show_clock

FIXTURES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fixtures")
FOLDER = "iosxe/show_clock"
REGENERATE = os.environ.get("SMARTLIC_REGEN_GOLDENS") == "1"
STEMS = sorted(name[:-4] for name in os.listdir(os.path.join(FIXTURES, FOLDER)) if name.endswith(".txt"))


def _read(stem, suffix=".txt"):
    with open(os.path.join(FIXTURES, FOLDER, stem + suffix), encoding="utf-8") as handle:
        return handle.read()


@pytest.mark.parametrize("stem", STEMS)
def test_golden(stem):
    result = show_clock.parse(_read(stem))
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
    assert len(STEMS) == 5


def _expected_values(stem):
    """(time, timezone, day of week, month, day, year) of the source project's expected result."""
    for suffix in (".genie.json", ".muninn.json", ".ntc.json"):
        if os.path.exists(os.path.join(FIXTURES, FOLDER, stem + suffix)):
            data = json.loads(_read(stem, suffix))
            if suffix == ".ntc.json":
                data = dict(data["parsed_sample"][0], day_of_week=data["parsed_sample"][0]["dayweek"])
            return data
    return None


@pytest.mark.parametrize("stem", STEMS)
def test_every_value_of_the_source_project_is_ours(stem):
    """genie / Muninn / ntc-templates time, timezone, day_of_week, month, day, year all appear in our result."""
    expected = _expected_values(stem)
    assert expected is not None
    ours = show_clock.parse(_read(stem))
    # Mapping: time → time_raw (with milliseconds) and the time of day of `time`; timezone → timezone;
    # day_of_week → day_of_week; month/day/year → the date of `time` (ISO) and time_raw.
    assert expected["time"] in ours["time_raw"]
    assert ours["time"][11:19] == expected["time"][:8]
    assert ours["timezone"] == expected["timezone"]
    assert ours["day_of_week"] == expected["day_of_week"]
    months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    assert ours["time"][:10] == "%s-%02d-%02d" % (expected["year"], months.index(expected["month"]) + 1, int(expected["day"]))


@pytest.mark.parametrize("stem, authoritative, synchronized, source", [
    ("genie_1", False, False, None),          # '*'
    ("genie_2", True, False, None),           # '.'
    ("ntc_1", False, False, None),
    ("ios_genie_1", True, True, "ntp"),       # no prefix, 'Time source is NTP, …' header
])
def test_ios_prefixes(stem, authoritative, synchronized, source):
    result = show_clock.parse(_read(stem))
    assert (result["authoritative"], result["synchronized"], result["time_source"]) == (authoritative, synchronized, source)
    assert result["platform"] == "ios"


def test_utc_time_is_marked_z_and_other_zones_are_not():
    assert show_clock.parse(_read("genie_1"))["time"] == "2025-08-07T04:45:00Z"
    assert show_clock.parse(_read("ios_genie_1"))["time"] == "2016-10-17T18:56:04"


@pytest.mark.parametrize("text, synchronized, source", [
    ("Time source is NTP\n15:27:58.129 UTC Tue Aug 01 2023\n", True, "ntp"),
    ("Time source is none\n20:43:58.412 UTC Thu Aug 03 2023\n", False, "none"),
    ("switch# show clock\nTime source is PTP\n15:27:58.129 UTC Tue Aug 01 2023\n", True, "ptp"),
    ("Time source is Hardware calendar\n15:27:58.129 UTC Tue Aug 01 2023\n", None, "hardware calendar"),
])
def test_nxos_layout(text, synchronized, source):
    result = show_clock.parse(text)
    assert result["platform"] == "nxos"
    assert result["time"] == ("2023-08-01T15:27:58Z" if "Aug 01" in text else "2023-08-03T20:43:58Z")
    assert result["synchronized"] is synchronized
    assert result["time_source"] == source
    assert result["authoritative"] is None
    assert result["unparsed"] == []


@pytest.mark.parametrize("text, synchronized", [
    ("*17:05:54.449 UTC Mon Jul 29 2024\nTime source is NTP\n", False),      # show clock detail: the prefix wins
    ("17:05:54.449 UTC Mon Jul 29 2024\nTime source is NTP\n", True),
    ("17:05:54.449 UTC Mon Jul 29 2024\nTime source is user configuration\n", False),
    ("No time source, *17:05:54.449 UTC Mon Jul 29 2024\n\n*17:05:54.449 UTC Mon Jul 29 2024\n", False),
])
def test_ios_detail_and_header(text, synchronized):
    result = show_clock.parse(text)
    assert result["platform"] == "ios"
    assert result["synchronized"] is synchronized
    assert result["time"] == "2024-07-29T17:05:54Z"


def test_platform_argument_overrides_detection():
    result = show_clock.parse("15:27:58.129 UTC Tue Aug 01 2023\n", "nxos")
    assert result["synchronized"] is None and result["platform"] == "nxos"
    assert show_clock.parse("15:27:58.129 UTC Tue Aug 01 2023\n")["synchronized"] is True


def test_local_time_zone():
    result = show_clock.parse("*10:15:21.123 CEST Sat Dec 2 2023")
    assert result["time"] == "2023-12-02T10:15:21" and result["timezone"] == "CEST"


@pytest.mark.parametrize("text, warning", [
    ("", "empty output: nothing to parse for show clock"),
    ("% Invalid input detected at '^' marker.", "the device rejected the command: % Invalid input detected at '^' marker."),
    ("Smart Licensing is ENABLED", "output does not look like show clock"),
])
def test_not_a_clock(text, warning):
    result = show_clock.parse(text)
    assert result["warnings"] == [warning]
    assert "time" not in result
