# -*- coding: utf-8 -*-
# Copyright: contributors to smartlic.slp
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Parser for IOS XE ``show logging`` and NX-OS ``show logging logfile``.

Returns the logging header when the output has one (IOS: syslog, console,
monitor, buffer, trap logging and the buffer size), the Smart Licensing
messages of the log (read by ``syslog.parse_messages``), how many log lines the
output holds, and the year used for lines that print none: the newest year any
line of the log prints.
"""

from __future__ import annotations

import re

from ansible_collections.smartlic.slp.plugins.module_utils.parsers import syslog
from ansible_collections.smartlic.slp.plugins.module_utils.parsers.common import is_cli_header, new_result, output_lines

# fmt: off
_SYSLOG = re.compile(r"^Syslog logging:\s*(?P<state>enabled|disabled)(?:\s*\((?P<details>.*)\))?", re.IGNORECASE)
_COUNTERS = re.compile(r"(?P<count>\d+)\s+(?P<name>messages dropped|messages rate-limited|flushes|overruns)", re.IGNORECASE)
_DESTINATION = re.compile(
    r"^\s*+(?P<dest>Console|Monitor|Buffer|Trap|File|Persistent)\s+logging:\s*"
    r"(?:(?P<disabled>disabled)|level\s+(?P<level>\w+)(?:,\s*(?P<logged>\d+)\s+message(?:\s+line)?s\s+logged)?|(?P<other>.*))",
    re.IGNORECASE,
)
_NXOS_DESTINATION = re.compile(
    r"^\s*+Logging\s+(?P<dest>console|monitor|linecard|fex|timestamp|server|logfile|source-interface|rate-limit|origin-id)\s*:\s*(?P<value>.*)$",
    re.IGNORECASE,
)
# An NX-OS log line starts with the year: "2021 Jan 29 06:40:54 ...".
_NXOS_LINE = re.compile(r"^\s*+\d{4}\s+[A-Za-z]{3}\s")
_BUFFER = re.compile(r"^\s*+Log Buffer\s*\((?P<size>\d+)\s*bytes\)\s*:?\s*$", re.IGNORECASE)
_EXCEPTION = re.compile(r"^\s*+(?:Exception Logging|Logging Exception)\s*:?\s*size\s*\((?P<size>\d+)\s*bytes\)", re.IGNORECASE)
# Header lines understood but not stored; each starts with a word (no blank), so the leading blanks are taken
# possessively (*+) and a line that is none of them is rejected after one try.
_KNOWN_HEADER = re.compile(
    r"^\s*+(?:No (?:Active|Inactive) Message Discriminator\.?|No active filter modules\.?|filtering (?:disabled|enabled)|xml (?:disabled|enabled),?"
    r"|Count and timestamp logging messages:.*|Logging Source-Interface:.*|TLS Profiles:.*|Active Message Discriminator:.*"
    r"|Inactive Message Discriminator:.*|Logging to .*|Name - .*|Facility\s+Default Severity.*"
    r"|-+\s+-+.*)\s*$",
    re.IGNORECASE,
)
# A header line that counts messages ("Trap logging: level informational, 0 message lines logged"), anywhere in the line.
_MESSAGE_LINES = re.compile(r"message lines (?:logged|rate-limited|dropped-by-MD)", re.IGNORECASE)
# fmt: on


def _destination_entry(match):
    entry = {"enabled": match.group("disabled") is None}
    if match.group("level"):
        entry["level"] = match.group("level").lower()
    if match.group("logged"):
        entry["messages_logged"] = int(match.group("logged"))
    if match.group("other"):
        entry["raw"] = match.group("other").strip()
    return entry


def _read_header_line(line, header):
    """Store one header line; False when the line is not a header line."""
    match = _SYSLOG.match(line)
    if match:
        header["syslog_enabled"] = match.group("state").lower() == "enabled"
        for counter in _COUNTERS.finditer(match.group("details") or ""):
            header[counter.group("name").lower().replace(" ", "_").replace("-", "_")] = int(counter.group("count"))
        return True
    match = _DESTINATION.match(line)
    if match:
        header[match.group("dest").lower()] = _destination_entry(match)
        return True
    if _KNOWN_HEADER.match(line) or _MESSAGE_LINES.search(line):
        return True
    match = _NXOS_DESTINATION.match(line)
    if match:
        value = match.group("value").strip()
        entry = {"enabled": value.lower().startswith("enabled") if value.lower().startswith(("enabled", "disabled")) else None, "raw": value}
        severity = re.search(r"Severity:\s*(\w+)", value, re.IGNORECASE)
        if severity:
            entry["level"] = severity.group(1).lower()
        header[match.group("dest").lower()] = entry
        return True
    match = _BUFFER.match(line)
    if match:
        header["buffer_size_bytes"] = int(match.group("size"))
        return True
    match = _EXCEPTION.match(line)
    if match:
        header["exception_size_bytes"] = int(match.group("size"))
        return True
    return False


# The capture reader may hand over the messages it read in the output (registry.parse_output): they are used as given.
READS_MESSAGES = True


def parse(text, platform=None, lines=None, messages=None):  # pylint: disable=unused-argument
    """``show logging`` / ``show logging logfile`` output → dict (see docs/facts.md); ``messages``: the output's, read already."""
    result = new_result(header=None, messages=[], lines_total=0, content_lines_total=0, default_year=None, platform=None)
    try:
        _parse_into(text, lines, result, messages)
    except Exception as error:  # pylint: disable=broad-except
        result["warnings"].append("show logging parser stopped early: %s" % error)
    return result


def _parse_into(text, lines, result, messages=None):
    lines = output_lines(text, lines)
    header = {}
    in_log = False
    seen_entry = False
    entries = 0
    content = 0
    styles = set()
    for line in lines:
        if not line.strip():
            continue
        if not in_log and _BUFFER.match(line):
            _read_header_line(line, header)
            in_log = True
            continue
        if syslog.is_log_line(line):
            entries += 1
            content += 1
            seen_entry = True
            styles.add("nxos" if _NXOS_LINE.match(line) else "ios")
            continue
        if in_log or seen_entry:
            # Console wrap of the previous entry, or the start of a wrapped buffer.
            content += 1
            continue
        if _read_header_line(line, header) or is_cli_header(line):
            continue
        result["unparsed"].append(line)
    result["header"] = header or None
    result["lines_total"] = entries
    result["content_lines_total"] = content
    result["default_year"] = syslog.newest_year_in_lines(lines)
    if "LICMGR" in (text if isinstance(text, str) else "") or styles == {"nxos"}:
        result["platform"] = "nxos"
    elif styles == {"ios"} or header.get("buffer") or header.get("syslog_enabled") is not None:
        result["platform"] = "ios"
    result["messages"] = list(messages) if messages is not None else syslog.messages_in_lines(lines, result["default_year"])
    if not header and not entries and result["unparsed"]:
        result["warnings"].append("output does not look like show logging")
