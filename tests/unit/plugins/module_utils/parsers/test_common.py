# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Shared value helpers: the fast paths give what the general ones give."""

from __future__ import annotations

import re

from hypothesis import given, settings, strategies as st

from ansible_collections.smartlic.slp.plugins.module_utils.parsers import common
from ansible_collections.smartlic.slp.plugins.module_utils.parsers.common import printed_lines, text_lines, to_int


def test_printed_lines_drop_blank_lines_and_expand_tabs():
    text = "Profile Name: CiscoTAC-1\r\n\n   \n\tProfile status: ACTIVE\n  a\tb  \n"
    assert printed_lines(text) == ["Profile Name: CiscoTAC-1", "        Profile status: ACTIVE", "  a     b"]
    assert printed_lines(text.encode("utf-8")) == printed_lines(text)
    assert printed_lines(None) == []


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
