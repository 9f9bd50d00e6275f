# -*- coding: utf-8 -*-
# Copyright: contributors to smartlic.slp
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Parse IOS XE ``show ntp status``.

::

    Clock is synchronized, stratum 3, reference is 10.16.2.2
    nominal freq is 250.0000 Hz, actual freq is 250.0000 Hz, precision is 2**10
    ntp uptime is 1921500 (1/100 of seconds), resolution is 4000
    reference time is DA9A2D44.BE76C8B8 (10:58:44.744 UTC Mon Apr 18 2016)
    clock offset is 0.0000 msec, root delay is 0.00 msec
    root dispersion is 2.31 msec, peer dispersion is 1.20 msec
    loopfilter state is 'CTRL' (Normal Controlled Loop), drift is 0.000000000 s/s
    system poll interval is 64, last update was 5 sec ago.

An unsynchronised clock prints ``Clock is unsynchronized, stratum 16, no
reference clock``. Result (docs/facts.md): ``{synchronized, stratum,
reference, ...}``, every ``<name> is <value>`` pair kept raw in ``fields``.

Pure Python, no Ansible imports, never raises.
"""

from __future__ import annotations

import re

from ansible_collections.smartlic.slp.plugins.module_utils.parsers.common import (
    echo_line, is_cli_header, is_device_error, is_prompt_echo, never_raises, new_result, output_lines, snake, to_iso, unrecognised,
)

COMMAND = "show ntp status"

_STATE = re.compile(r"^\s*Clock is (?P<state>synchronized|unsynchronized|unsynchronised|synchronised)\b(?P<rest>.*)$", re.IGNORECASE)
# A value that runs to the end of the text ends on its last non-blank: "(?:.*\S)?" finds the same text as ".*?" before
# "\s*$" (the text holds no newline) in fewer steps.
_PAIR = re.compile(r"^\s*(?P<key>[A-Za-z][A-Za-z0-9 ]*?)\s+(?:is|was)\s+(?P<value>(?:.*\S)?)\s*$", re.IGNORECASE)
# "reference assoc id 3"
_WORDS_VALUE = re.compile(r"^\s*(?P<key>[A-Za-z][A-Za-z ]*?)\s+(?P<value>\d\S*)\s*$")
_NOT_ENABLED = re.compile(r"^\s*%\s*NTP is not enabled\.?\s*$", re.IGNORECASE)
_ECHO = echo_line(r"ntp\s+stat\S*", rest="")
_FLOAT = re.compile(r"-?\d+(?:\.\d+)?")
# "reference time is E9A1B2C3.1D2E3F40 (07:24:51.361 UTC Thu Dec 3 2026)": the time in parentheses.
_PARENTHESISED_TIME = re.compile(r"\((?P<time>[^)]*)\)")
# The characters _split() looks at: parentheses and commas.
_SPLIT_MARKS = re.compile(r"[(),]")


def _split(line):
    """'a is 1, b is 2 (x, y)' → ['a is 1', 'b is 2 (x, y)']: commas inside parentheses are kept."""
    if "(" not in line:
        parts = line.split(",")
    else:
        parts, depth, start = [], 0, 0
        for mark in _SPLIT_MARKS.finditer(line):
            char = mark.group()
            if char == "(":
                depth += 1
            elif char == ")":
                depth = max(depth - 1, 0)
            elif depth == 0:
                parts.append(line[start:mark.start()])
                start = mark.end()
        parts.append(line[start:])
    return list(filter(None, map(str.strip, parts)))  # the parts stripped, empty ones dropped


def _float(value):
    match = _FLOAT.search(value or "")
    return float(match.group(0)) if match else None


@never_raises(COMMAND)
def parse(text, platform=None, lines=None):  # pylint: disable=unused-argument
    """``show ntp status`` text → ``{synchronized, stratum, reference, ...}``. Never raises."""
    result = new_result()
    fields = {}
    state = None
    enabled = None
    errors = []
    lines = [line for line in output_lines(text, lines) if line.strip()]
    for line in lines:
        stripped = line.strip()
        match = _STATE.match(line)
        if match:
            state = match.group("state").lower().startswith("synchron")
            rest = match.group("rest")
            for part in _split(rest):
                words = part.split()
                if words[:1] == ["stratum"] and len(words) > 1:
                    fields["stratum"] = words[1]
                elif part.lower() == "no reference clock":
                    fields["reference"] = None
                else:
                    pair = _PAIR.match(part) or _WORDS_VALUE.match(part)
                    if pair:
                        fields[snake(pair.group("key"))] = pair.group("value")
            continue
        if _NOT_ENABLED.match(line):
            enabled = False
            continue
        if is_prompt_echo(stripped) or _ECHO.match(line) or is_cli_header(line):
            continue
        if is_device_error(line):
            errors.append(stripped)
            continue
        parts = _split(stripped.rstrip("."))
        pairs = list(map(_PAIR.match, parts))
        if parts and all(pair or part.lower() == "never updated" for pair, part in zip(pairs, parts)):
            for pair, part in zip(pairs, parts):
                if pair:
                    fields[snake(pair.group("key"))] = pair.group("value")
                else:
                    fields["last_update"] = "never"
            continue
        result["unparsed"].append(line)
    if state is None and enabled is None:
        return unrecognised(result, COMMAND, errors, lines)
    if enabled is False:
        result["warnings"].append("NTP is not enabled on the device")
        result.update({"synchronized": False, "stratum": None, "reference": None, "ntp_enabled": False, "fields": {}})
        return result
    reference_time = fields.get("reference_time")
    inner = _PARENTHESISED_TIME.search(reference_time or "")
    if (reference_time or "").startswith("00000000.00000000"):
        inner = None  # never set
    result.update({
        "synchronized": state,
        "stratum": int(fields["stratum"]) if str(fields.get("stratum", "")).isdigit() else None,
        "reference": fields.get("reference"),
        "reference_time": to_iso(inner.group("time")) if inner else None,
        "reference_time_raw": reference_time,
        "clock_offset": _float(fields.get("clock_offset")),
        "root_delay": _float(fields.get("root_delay")),
        "root_dispersion": _float(fields.get("root_dispersion")),
        "peer_dispersion": _float(fields.get("peer_dispersion")),
        "poll_interval": _float(fields.get("system_poll_interval")),
        "last_update_seconds": _float(fields.get("last_update")),
        "loopfilter_state": (fields.get("loopfilter_state") or "").split(" ")[0].strip("'") or None,
        "ntp_enabled": True,
        "fields": fields,
    })
    if result["poll_interval"] is not None:
        result["poll_interval"] = int(result["poll_interval"])
    if result["last_update_seconds"] is not None:
        result["last_update_seconds"] = int(result["last_update_seconds"])
    return result
