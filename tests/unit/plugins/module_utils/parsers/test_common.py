# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Shared value helpers: the fast paths give what the general ones give."""

from __future__ import annotations

import re
from datetime import datetime

from hypothesis import given, settings, strategies as st

from ansible_collections.smartlic.slp.plugins.module_utils.parsers import common, registry
from ansible_collections.smartlic.slp.plugins.module_utils.parsers.common import output_lines, printed_lines, text_lines, to_int


def test_printed_lines_drop_blank_lines_and_expand_tabs():
    text = "Profile Name: CiscoTAC-1\r\n\n   \n\tProfile status: ACTIVE\n  a\tb  \n"
    assert printed_lines(text) == ["Profile Name: CiscoTAC-1", "        Profile status: ACTIVE", "  a     b"]
    assert printed_lines(text.encode("utf-8")) == printed_lines(text)
    assert printed_lines(None) == []


def test_output_lines_are_a_copy_of_the_lines_given_else_the_text_split():
    given_lines = ["a", "  b"]
    lines = output_lines("a\n  b", given_lines)
    lines.append("c")
    assert given_lines == ["a", "  b"]
    assert output_lines("a\r\n  b  ") == ["a", "  b"]
    assert printed_lines("ignored", ["x", "", "\ty"]) == ["x", "        y"]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab :\t\r\n\u00a0", max_size=60))
def test_printed_lines_are_the_non_blank_text_lines(text):
    assert printed_lines(text) == [line.expandtabs(8) for line in text_lines(text) if line.strip()]


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="0123456789,-+ x\u0661\u00b2", max_size=12) | st.integers(-10 ** 6, 10 ** 6).map(str))
def test_to_int_takes_the_first_integer(text):
    """Plain digits skip the regex; every text gives the first integer the regex finds."""
    match = re.search(r"-?\d+", text.strip().replace(",", ""))
    expected = int(match.group(0)) if match and text.strip().lower() not in ("", "-") else None
    assert to_int(text) == expected


def _text_lines_shortening_every_line(text):
    """text_lines as it read before it checked the whole text first: every line longer than MAX_BLANK_RUN shortened."""
    text = common._ANSI.sub("", text)
    lines = common._LINE_BREAK.split(text)
    lines = [common._erase(line) if "\b" in line else line for line in lines]
    lines = [common._shorten(line) if len(line) > common.MAX_BLANK_RUN else line for line in lines]
    lines = [common._MORE.sub("", line) if "--More--" in line else line for line in lines]
    return [line.rstrip() for line in lines]


LINE_PIECES = st.sampled_from(["x", "ab", " ", " " * 30, " " * 40, " " * 64, " " * 70, "\t", "\b", "\b\b", "\n", "\r\n", "\r", "--More--",
                               "\x1b[K", "y" * 70, "z" * 4100])


@settings(max_examples=400, deadline=None)
@given(st.lists(LINE_PIECES, max_size=12).map("".join))
def test_text_lines_shortens_only_what_needs_it(text):
    """Outputs without a long line, a tab, a long blank run or a backspace skip the shortening pass, with the same lines."""
    assert text_lines(text) == _text_lines_shortening_every_line(text)


def _clean_reference(value):
    """clean as it read before its fast path for str values and short texts."""
    if value is None:
        return None
    text = str(value).strip()
    return None if text.lower() in common.NULL_WORDS else text


class _Printed(str):
    """A str subclass that prints something else (str() of it is not the text itself)."""

    def __str__(self):
        return " <NONE> "


CLEAN_PIECES = st.sampled_from(sorted(common.NULL_WORDS) + ["<NONE>", "Not Configured", "N/A", " ", "\t", "\u00a0", "\u2028", "x",
                                                            "\u0130", "\u017f", "<not configured>x", "NOT AVAILABLE"])


@settings(max_examples=500, deadline=None)
@given(st.lists(CLEAN_PIECES, max_size=4).map("".join) | st.text(max_size=20) | st.integers() | st.none())
def test_clean_gives_what_it_gave(value):
    """Short-circuiting texts longer than every null word (lower-casing never shortens a text) changes no result."""
    assert common.clean(value) == _clean_reference(value)


def test_clean_reads_a_str_subclass_through_str():
    assert common.clean(_Printed("value")) is None
    assert common.clean(_Printed("value")) == _clean_reference(_Printed("value"))


def _iso_from_parts_reference(mon, day, year, time_text, tz):
    """iso_from_parts as it read before it used isoformat() and took a valid 'HH:MM:SS' as it is: the parts read with a
    generator and printed one by one."""
    month = common.MONTHS.get(mon.lower()[:3])
    if not month:
        return None
    try:
        hour, minute, second = (int(part) for part in time_text.split(":"))
        moment = datetime(int(year), month, int(day), hour, minute, second)
    except ValueError:
        return None
    iso = "%04d-%02d-%02dT%02d:%02d:%02d" % (moment.year, moment.month, moment.day, moment.hour, moment.minute, moment.second)
    if tz and tz.lower() in common.UTC_ZONES:
        iso += "Z"
    return iso


TIME_TEXTS = st.sampled_from(["12:00:00", "1:2:3", "23:59:59", "24:00:00", "12:60:00", "12:00:61", "12:00", "12:00:00:00", "", ":",
                              " 7: 8: 9", "07:08:09.5", "ab:cd:ef", "-1:00:00", "\u0661\u0662:00:00", "00:00:00", "19:59:59",
                              "20:00:00", "09:5:00", "12:00:60", "1\u0662:00:00", "12:00:00 "])


@settings(max_examples=500, deadline=None)
@given(st.sampled_from(["Jan", "feb", "DECEMBER", "Foo", "", "Sep"]),
       st.integers(-1, 32) | st.sampled_from(["07", " 7", "x", "31"]),
       st.integers(0, 10001) | st.sampled_from(["2026", "0999", "99999", "20x6"]),
       TIME_TEXTS,
       st.sampled_from([None, "", "UTC", "utc", "GMT", "Z", "PST"]))
def test_iso_from_parts_gives_what_it_gave(mon, day, year, time_text, tz):
    assert common.iso_from_parts(mon, day, year, time_text, tz) == _iso_from_parts_reference(mon, day, year, time_text, tz)


def test_every_date_pattern_has_the_groups_to_iso_reads():
    """to_iso reads the five groups by name from whichever pattern matched."""
    for pattern in (common._DATE_MDTY, common._DATE_MDYT, common._DATE_TZ_FIRST, common._DATE_YMD):
        assert {"mon", "day", "year", "time", "tz"} <= set(pattern.groupindex)


def test_never_raises_turns_a_defect_into_a_warning_with_the_lines_unparsed():
    @common.never_raises("show thing")
    def parse(text, platform=None, lines=None):  # pylint: disable=unused-argument
        raise KeyError("oops")

    result = parse("a\n\nb  ")
    assert result["warnings"] == ["parser for show thing failed: KeyError: 'oops'"]
    assert result["unparsed"] == ["a", "b"]
    assert parse("ignored", lines=["x"])["unparsed"] == ["x"]


def test_every_parser_but_show_logging_is_wrapped_once_by_never_raises():
    """show_logging keeps what it read before a defect, so it has its own guard."""
    for name, module in registry.parser_modules().items():
        assert (name == "show_logging") != hasattr(module.parse, "__wrapped__"), name


# Lines that start like, hold or nearly hold what the guarded expressions look for, with the letters re.IGNORECASE takes
# for ASCII ones ('ſ' for 's', 'İ' and 'ı' for 'i', the Kelvin sign for 'k').
_GUARD_PIECES = ["Load for five secs: 2%/0%; one minute: 1%; five minutes: 0%", "Time source is NTP, 10:01:02.003 UTC Mon Nov 3 2025",
                 "No time source, *17:05:54.449 UTC Mon Jul 29 2024", "router#", "csr1(config)#sh ntp", "sw>", "% Invalid input", "%",
                 "Invalid command", "Syntax error", "ERROR:", "ſyntax error", "İnvalid command", "ınvalid command", "\u212a", "LOAD FOR",
                 "  ", "\t", "\u00a0", "\x0c", "x", ":", "#", ">", "sh", "error"]


@given(st.lists(st.sampled_from(_GUARD_PIECES), max_size=4).map("".join))
@settings(max_examples=500, deadline=None)
def test_line_guards_never_rule_out_a_line_their_expressions_match(line):
    for pattern in (common.PROMPT_ECHO, common.DEVICE_ERROR, common.LOAD_LINE, common.TIME_LINE):
        if pattern.match(line) or pattern.match(line.strip()):
            assert common.LineGuard(pattern).may_match(line), (pattern.pattern, line)


def test_line_guards_are_worked_out_from_the_expressions():
    assert common.LineGuard(common.DEVICE_ERROR).prefixes == ("%", "error:", "invalid command", "syntax error")
    assert common.LineGuard(common.PROMPT_ECHO).characters == ("#", ">")
    assert common.LineGuard(re.compile(r"^\s*Key:")).may_match("  Key: 1") and not common.LineGuard(re.compile(r"^\s*Key:")).may_match("key: 1")
    assert common.LineGuard(re.compile(r"^.*x")).characters == ("x",)
    assert common.LineGuard(re.compile(r"^\s*\w+")).always
