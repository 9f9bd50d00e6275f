# -*- coding: utf-8 -*-
# Copyright: contributors to smartlic.slp
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Parse IOS XE ``show ntp associations``.

One row per association: markers, address, ref clock, stratum, when, poll,
reach, delay, offset, dispersion. The markers before the address follow the
legend the device prints under the table:

- current legend ``* sys.peer, # selected, + candidate, - outlyer, x falseticker, ~ configured``;
- older legend ``* master (synced), # master (unsynced), + selected, - candidate, ~ configured``.

Result (docs/facts.md): ``{peers: [{address, ref_clock, stratum, reach, offset,
delay, vrf, sys_peer, candidate, configured, status, ...}], synchronized,
sys_peer}``. ``synchronized`` is True when a peer is the system peer (``*``).
``offset``, ``delay`` and ``disp`` are milliseconds (float); ``reach`` is the
register as printed (octal digits, ``377`` = the last 8 polls answered).

Pure Python, no Ansible imports, never raises.
"""

from __future__ import annotations

import re

from ansible_collections.smartlic.slp.plugins.module_utils.parsers.common import (
    is_cli_header, is_device_error, is_prompt_echo, never_raises, new_result, printed_lines, unrecognised,
)

COMMAND = "show ntp associations"

_FLAGS = r"(?P<flags>[*#+\-xo~]*)\s*"
_ADDRESS = r"(?P<address>[0-9A-Fa-f]*[0-9A-Fa-f:.][0-9A-Fa-f:.%]*|[A-Za-z][\w.\-]*)"
_COLUMNS = (r"(?P<ref>\S+)\s+(?P<st>\d+)\s+(?P<when>\S+)\s+(?P<poll>\d+)\s+(?P<reach>\d+)\s+"
            r"(?P<delay>-?\d+(?:\.\d*)?)\s+(?P<offset>-?\d+(?:\.\d*)?)\s+(?P<disp>-?\d+(?:\.\d*)?)")
_ROW = re.compile(r"^\s*" + _FLAGS + _ADDRESS + r"\s+" + _COLUMNS + r"\s*$")
# A long address pushes the rest of the row to the next line.
_ROW_HEAD = re.compile(r"^\s*" + _FLAGS + _ADDRESS + r"\s*$")
_ROW_TAIL = re.compile(r"^\s+" + _COLUMNS + r"\s*$")
_TABLE_HEADER = re.compile(r"^\s*address\s+ref\s*clock\s+st\s+when\s+poll\s+reach\s+delay\s+offset\s+disp\s*$", re.IGNORECASE)
_LEGEND = re.compile(r"^\s*\*\s*(?P<word>sys\.peer|master)\b.*$", re.IGNORECASE)
_NOT_ENABLED = re.compile(r"^\s*%\s*NTP is not enabled\.?\s*$", re.IGNORECASE)
_ECHO = re.compile(r"^\s*(?:sh|sho|show)\s+ntp\s+a\S*\s*$", re.IGNORECASE)

# Marker → status, per legend.
STATUS_CURRENT = {"*": "sys_peer", "o": "sys_peer", "#": "selected", "+": "candidate", "-": "outlyer", "x": "falseticker"}
STATUS_OLD = {"*": "sys_peer", "#": "master_unsynced", "+": "selected", "-": "candidate", "x": "falseticker"}


def _number(text):
    try:
        return float(text)
    except (TypeError, ValueError):
        return None


def _integer(text):
    return int(text) if text is not None and text.isdigit() else None


@never_raises(COMMAND)
def parse(text, platform=None, lines=None):  # pylint: disable=unused-argument
    """``show ntp associations`` text → ``{peers, synchronized, sys_peer, ...}``. Never raises."""
    result = new_result()
    rows = []
    legend = None
    seen_table = False
    enabled = None
    errors = []
    pending = None
    lines = printed_lines(text, lines)
    for line in lines:
        # Past the rows, each regex is tried only when the line holds a character it cannot match without. Under
        # re.IGNORECASE "ſ" stands for "s" and "İ", "ı" for "i"; str.strip() removes what "^\s*" skips.
        stripped = line.strip()
        first = stripped[0]
        if pending is not None:
            tail = _ROW_TAIL.match(line)
            if tail:
                rows.append((pending.group("flags"), pending.group("address"), tail.groupdict(), pending.group(0).strip() + " " + stripped))
                pending = None
                continue
            result["unparsed"].append(pending.group(0))
            pending = None
        match = _ROW.match(line)
        if match:
            rows.append((match.group("flags"), match.group("address"), match.groupdict(), stripped))
            continue
        if first in "aA" and _TABLE_HEADER.match(line):
            seen_table = True
            continue
        match = _LEGEND.match(line) if first == "*" else None
        if match:
            legend = "old" if match.group("word").lower() == "master" else "current"
            continue
        if first == "%" and _NOT_ENABLED.match(line):
            enabled = False
            continue
        if is_prompt_echo(stripped) or (first in "sSſ" and _ECHO.match(line)) or is_cli_header(line):
            continue
        if is_device_error(line):
            errors.append(stripped)
            continue
        match = _ROW_HEAD.match(line) if seen_table else None
        if match:
            pending = match
            continue
        result["unparsed"].append(line)
    if pending is not None:
        result["unparsed"].append(pending.group(0))
    if not (rows or seen_table or legend or enabled is False):
        if not errors and not lines:
            # IOS prints nothing when no association exists.
            result["warnings"].append("empty output: no NTP association")
            result.update({"peers": [], "synchronized": False, "sys_peer": None, "legend": None, "ntp_enabled": None})
            return result
        return unrecognised(result, COMMAND, errors, lines, unparsed=lines)
    statuses = STATUS_OLD if legend == "old" else STATUS_CURRENT
    peers = [_peer(flags, address, columns, raw, statuses) for flags, address, columns, raw in rows]
    sys_peer = next((peer for peer in peers if peer["sys_peer"]), None)
    result.update({
        "peers": peers,
        "synchronized": sys_peer is not None,
        "sys_peer": sys_peer["address"] if sys_peer else None,
        "legend": legend,
        "ntp_enabled": False if enabled is False else (True if peers else None),
    })
    if enabled is False:
        result["warnings"].append("NTP is not enabled on the device")
    return result


def _peer(flags, address, columns, raw, statuses):
    markers = flags.replace("~", "")
    status = None
    for marker in markers:
        status = statuses.get(marker, status)
    return {
        "address": address,
        "ref_clock": columns["ref"],
        "stratum": _integer(columns["st"]),
        "when": _integer(columns["when"]),
        "when_raw": columns["when"],
        "poll": _integer(columns["poll"]),
        "reach": _integer(columns["reach"]),
        "delay": _number(columns["delay"]),
        "offset": _number(columns["offset"]),
        "disp": _number(columns["disp"]),
        "vrf": None,
        "markers": flags,
        "status": status,
        "sys_peer": status == "sys_peer",
        "candidate": status in ("candidate", "selected"),
        "configured": "~" in flags,
        "raw": raw,
    }
