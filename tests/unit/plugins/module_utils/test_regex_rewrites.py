# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Regular expressions rewritten to run faster must match exactly what they matched before.

Each reference below is the expression as it was written before the rewrite; generated lines made of the pieces
real outputs hold (blanks, timestamps, message heads, header words, near misses) must give the same match, span and
groups with the expression the code uses now.
"""

from __future__ import annotations

import itertools
import re

import pytest
from hypothesis import given, settings, strategies as st

from ansible_collections.smartlic.slp.plugins.module_utils import catalog
from ansible_collections.smartlic.slp.plugins.module_utils.parsers import syslog
from ansible_collections.smartlic.slp.plugins.module_utils.parsers import show_logging

_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
REFERENCES = {
    "syslog._LOG_START": (
        syslog._LOG_START,
        re.compile(r"^\s*(?:<\d{1,3}>)?(?:\d+\s*:\s*)?(?:[*.]?" + _MONTH + r"\s+\d{1,2}\s|\d{4}\s+" + _MONTH + r"\s|%[A-Z])", re.IGNORECASE)),
    "syslog._SEQUENCE": (syslog._SEQUENCE, re.compile(r"^\s*(?:<\d{1,3}>)?\s*(?P<seq>\d{1,10})\s*:\s")),
    "show_logging._DESTINATION": (show_logging._DESTINATION, re.compile(
        r"^\s*(?P<dest>Console|Monitor|Buffer|Trap|File|Persistent)\s+logging:\s*"
        r"(?:(?P<disabled>disabled)|level\s+(?P<level>\w+)(?:,\s*(?P<logged>\d+)\s+message(?:\s+line)?s\s+logged)?|(?P<other>.*))",
        re.IGNORECASE)),
    "show_logging._NXOS_DESTINATION": (show_logging._NXOS_DESTINATION, re.compile(
        r"^\s*Logging\s+(?P<dest>console|monitor|linecard|fex|timestamp|server|logfile|source-interface|rate-limit|origin-id)\s*:\s*(?P<value>.*)$",
        re.IGNORECASE)),
    "show_logging._NXOS_LINE": (show_logging._NXOS_LINE, re.compile(r"^\s*\d{4}\s+[A-Za-z]{3}\s")),
    "show_logging._BUFFER": (show_logging._BUFFER, re.compile(r"^\s*Log Buffer\s*\((?P<size>\d+)\s*bytes\)\s*:?\s*$", re.IGNORECASE)),
    "show_logging._EXCEPTION": (show_logging._EXCEPTION, re.compile(
        r"^\s*(?:Exception Logging|Logging Exception)\s*:?\s*size\s*\((?P<size>\d+)\s*bytes\)", re.IGNORECASE)),
}
OLD_KNOWN_HEADER = re.compile(
    r"^\s*(?:No (?:Active|Inactive) Message Discriminator\.?|No active filter modules\.?|filtering (?:disabled|enabled)|xml (?:disabled|enabled),?"
    r"|Count and timestamp logging messages:.*|Logging Source-Interface:.*|TLS Profiles:.*|Active Message Discriminator:.*"
    r"|Inactive Message Discriminator:.*|Logging to .*|.*message lines (?:logged|rate-limited|dropped-by-MD).*|Name - .*|Facility\s+Default Severity.*"
    r"|-+\s+-+.*)\s*$",
    re.IGNORECASE,
)
OLD_PROCESS = re.compile(r"\s+-\s+(?P<process>[A-Za-z_][\w.-]*\[\d+\])\s*$")

PIECES = st.sampled_from([
    " ", "  ", "\t", "\u00a0", "<13>", "<1234>", "000123", "12", "7", "2021", "2026", ":", ": ", " :", "*", ".", "Nov", "nov", "NOV", "\u017fep",
    "Sep", "Dex", "17", " 3", "18:05:09", ".580", "UTC", "%SMART_LIC-3-COMM_FAILED:", "%", "%a", "a", "x", "Console", "Monitor", "Trap",
    "Buffer", "logging:", "Logging", "console", "logfile", "level", "debugging", "informational", ",", "0", "messages logged",
    "message lines logged", "message lines", "rate-limited", "dropped-by-MD", "Log Buffer", "(4096 bytes)", "(102400", "bytes)",
    "Exception Logging", "Logging Exception", "size", "No Active Message Discriminator", "No active filter modules", "filtering disabled",
    "xml disabled", "Logging to", "Name - ", "Name -", "Facility", "Default Severity", "---", "-", "- ", "SMART_AGENT[4941]", "[12]", "]", "disabled",
])
BLANKS = ["", " ", "  ", "\t"]
# Every line made of one choice per slot, in order, is tried: most look like real lines, many miss by one piece.
SLOTS = {
    "syslog._LOG_START": [BLANKS, ["", "<13>", "<1234>"], ["", "000123: ", "12:", "12 :  ", "7 ", "2021 "], ["", "*", ".", "x"],
                          ["Nov", "\u017fep", "Dex", "2021 Jan", "2021Jan", ""], ["", " ", "\t"], ["17", "123", ""], ["", " "], ["18:05:09: %X", "%1", ""]],
    "syslog._SEQUENCE": [BLANKS, ["", "<13>", "<x>"], BLANKS, ["000123", "12345678901", "", "x"], BLANKS, [":", ""], ["", " ", "x", "\t*Nov"]],
    "show_logging._DESTINATION": [BLANKS, ["Console", "trap", "Buffer", "File", "Persistent", "Monitor", "Consol", ""], ["", " ", "  "],
                                  ["logging:", "logging", "Logging :"], ["", " ", "  "],
                                  ["disabled", "level debugging", "level informational, 0 message lines logged", "level x,12 messages logged",
                                   "level", "xml disabled", ""]],
    "show_logging._NXOS_DESTINATION": [BLANKS, ["Logging", "logging", "Loggin", ""], ["", " ", "  "],
                                       ["console", "logfile", "source-interface", "fex", "server", "x", ""], ["", " "], [":", ""],
                                       ["", " ", "enabled (Severity: x)"]],
    "show_logging._NXOS_LINE": [BLANKS, ["2021", "202", "20211", ""], ["", " ", "  "], ["Jan", "ja", "Janu", "x1y"], ["", " ", "\t"], ["", "29"]],
    "show_logging._BUFFER": [BLANKS, ["Log Buffer", "log buffer", "Log  Buffer", "LogBuffer"], ["", " ", "  "],
                             ["(102400 bytes)", "(1bytes)", "(bytes)", "(12 byte)"], ["", ":", " : ", " x"], BLANKS],
    "show_logging._EXCEPTION": [BLANKS, ["Exception Logging", "Logging Exception", "exception logging", "Exception"], ["", " ", ":", " : "],
                                ["size", "siz", ""], ["", " "], ["(4096 bytes)", "(4096bytes)", "(x bytes)"]],
    "show_logging._KNOWN_HEADER": [BLANKS, ["No Active Message Discriminator", "No active filter modules", "filtering disabled", "xml enabled",
                                            "Logging to", "Name - ", "Name -", "Facility", "---", "- -", "-", "TLS Profiles", "Trap logging", "Count", ""],
                                   ["", " ", "  ", ".", ",", ":", " - "],
                                   ["", "x", "Default Severity", "level informational, 0 message lines logged", "message lines dropped-by-MD",
                                    "message  lines logged", "1 message lines rate-limited"], BLANKS],
    "syslog._PROCESS": [["", "text"], ["", " ", "  "], ["-", "", "--"], ["", " ", "\t"], ["SMART_AGENT", "_p", "1p", "a.b-c"],
                        ["[4941]", "[12]", "[]", "[x]", ""], ["", " "]],
}


def _outcome(match):
    return None if match is None else (match.span(), match.groupdict())


def _known_header(line):
    return bool(show_logging._KNOWN_HEADER.match(line) or show_logging._MESSAGE_LINES.search(line))


def _same(name, line):
    """Whether the expression the code uses and its reference agree on a line."""
    if name == "show_logging._KNOWN_HEADER":
        return _known_header(line) == bool(OLD_KNOWN_HEADER.match(line))
    if name == "syslog._PROCESS":
        text = line.strip()
        return _outcome(syslog._process_suffix(text)) == _outcome(OLD_PROCESS.search(text))
    current, reference = REFERENCES[name]
    return _outcome(current.match(line)) == _outcome(reference.match(line))


@pytest.mark.parametrize("name", sorted(SLOTS))
def test_rewritten_expression_agrees_on_every_slot_line(name):
    lines = ["".join(parts) for parts in itertools.product(*SLOTS[name])]
    differ = [line for line in lines if not _same(name, line)]
    assert not differ, differ[:5]


@settings(max_examples=200, deadline=None)
@given(line=st.lists(PIECES, max_size=14).map("".join))
@pytest.mark.parametrize("name", sorted(SLOTS))
def test_rewritten_expression_agrees_on_generated_lines(name, line):
    assert _same(name, line)


def _templates_ending_with_a_variable():
    found = []
    for event, entry in catalog.CATALOG.items():
        for template in catalog.templates(event):
            full, _prefix = syslog._template_regex(template, entry["variables"])
            last = re.search(r"\(\?P<(\w+)>\.\*\)\\s\*\$$", full.pattern)
            if last:
                found.append((event, template, full, last.group(1)))
    return found


TEMPLATES = _templates_ending_with_a_variable()
FILLERS = ["", " ", "x", "CSSM", "a : b", "Cannot resolve host ", "v1.2.", ": ", "  trailing  ", "PID:C9300,SN:FCW1", "\n", "x\n", "12"]


def test_templates_ending_with_a_variable_are_found():
    assert len(TEMPLATES) >= 5


@pytest.mark.parametrize("event, template, full, name", TEMPLATES, ids=[item[0] for item in TEMPLATES])
def test_last_variable_read_to_the_end_gives_the_shortest_match_values(event, template, full, name):
    """A template's last variable is read greedily to the end; the values must be those of the shortest match."""
    reference = re.compile(full.pattern[:-len(r"(?P<%s>.*)\s*$" % name)] + r"(?P<%s>.*?)\s*$" % name, full.flags)
    placeholders = re.findall(r"\[[a-z-]+\]", template)
    for filler in FILLERS:
        for last_filler in FILLERS:
            values = [filler] * (len(placeholders) - 1) + [last_filler]
            text = template
            for placeholder, value in zip(placeholders, values):
                text = text.replace(placeholder, value, 1)
            for candidate in (text, text + "  ", " " + text):
                expected, found = reference.match(candidate), full.match(candidate)
                assert (expected is None) == (found is None), candidate
                if expected:
                    assert {key: (value or "").strip() for key, value in found.groupdict().items()} == \
                        {key: (value or "").strip() for key, value in expected.groupdict().items()}, candidate
