# -*- coding: utf-8 -*-
# Copyright: contributors to smartlic.slp
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Parse NX-OS ``show ntp peer-status``.

::

    Total peers : 4
    * - selected for sync, + -  peer mode(active),
    - - peer mode(passive), = - polled in client mode
        remote               local              st   poll   reach delay   vrf
    ---------------------------------------------------------------------------
    *10.4.1.1               0.0.0.0             8   16     377   0.01311 default
    =10.64.4.4              0.0.0.0            16  256       0   0.00000 VRF1

Rows wrapped on narrow terminals (address and local on one line, the numbers
on the next, even with the VRF glued to the delay) are joined. The ``vrf``
column may be empty.

Result (docs/facts.md): ``{peers: [{address, local, stratum, poll, reach,
delay, vrf, sys_peer, candidate, configured, mode, ...}], synchronized,
sys_peer, total_peers}``. ``sys_peer`` is the ``*`` row ("selected for
sync"); ``delay`` is in seconds as printed; NX-OS prints no offset
(``offset: None``) and has no candidate marker (``candidate: False``).

Pure Python, no Ansible imports, never raises.
"""

from __future__ import annotations

import re

from ansible_collections.smartlic.slp.plugins.module_utils.parsers.common import (
    is_device_error, is_prompt_echo, never_raises, new_result, printed_lines, unrecognised,
)

COMMAND = "show ntp peer-status"

_HEAD = r"(?P<mark>[*+=\-])?(?P<address>[0-9A-Za-z][\w.:%\-]*)\s+(?P<local>[0-9A-Za-z][\w.:%\-]*)"
_NUMBERS = r"(?P<st>\d+)\s+(?P<poll>\d+)\s+(?P<reach>\d+)\s+(?P<delay>\d+(?:\.\d+)?)(?:\s*(?P<vrf>[A-Za-z_][\w.:\-]*))?"
_ROW = re.compile(r"^\s*" + _HEAD + r"\s+" + _NUMBERS + r"\s*$")
_ROW_HEAD = re.compile(r"^\s*" + _HEAD + r"\s*$")
_ROW_TAIL = re.compile(r"^\s*" + _NUMBERS + r"\s*$")
_TOTAL = re.compile(r"^\s*Total peers\s*:\s*(?P<total>\d+)\s*$", re.IGNORECASE)
_LEGEND = re.compile(r"^\s*(?:\*\s*-\s*selected for sync.*|-\s*-\s*peer mode\(passive\).*)$", re.IGNORECASE)
_COLUMNS = re.compile(r"^\s*(?:remote\s+local(?:\s+st\s+poll\s+reach\s+delay(?:\s+vrf)?)?|st\s+poll\s+reach\s+delay(?:\s+vrf)?)\s*$", re.IGNORECASE)
_DASHES = re.compile(r"^\s*-{5,}\s*$")
_ECHO = re.compile(r"^\s*(?:sh|sho|show)\s+ntp\s+peer-s\S*\s*$", re.IGNORECASE)

MODES = {"*": None, "+": "active", "-": "passive", "=": "client"}


@never_raises(COMMAND)
def parse(text, platform=None, lines=None):  # pylint: disable=unused-argument
    """``show ntp peer-status`` text → ``{peers, synchronized, sys_peer, total_peers}``. Never raises."""
    result = new_result()
    rows = []
    total = None
    table = False
    errors = []
    pending = None
    lines = printed_lines(text, lines)
    for line in lines:
        # Past the rows, each regex is tried only when the line holds a character it cannot match without. Under
        # re.IGNORECASE "ſ" stands for "s" and "İ", "ı" for "i"; str.strip() removes what "^\s*" skips.
        stripped = line.strip()
        first = stripped[0]
        column_header = first in "rRsSſ" and _COLUMNS.match(line)
        if pending is not None:
            tail = _ROW_TAIL.match(line)
            if tail:
                fields = dict(pending.groupdict())
                fields.update(tail.groupdict())
                rows.append((fields, pending.group(0).strip() + " " + stripped))
                pending = None
                continue
            result["unparsed"].append(pending.group(0))
            pending = None
        match = _ROW.match(line)
        if match and not column_header:
            rows.append((match.groupdict(), stripped))
            continue
        match = _TOTAL.match(line) if first in "tT" else None
        if match:
            total = int(match.group("total"))
            continue
        if (first in "*-" and _LEGEND.match(line)) or column_header:
            table = True
            continue
        if first == "-" and _DASHES.match(line):
            # Many tables have a dashed rule: alone it does not make this output the peer table.
            continue
        if is_prompt_echo(stripped) or (first in "sSſ" and _ECHO.match(line)):
            continue
        if is_device_error(line):
            errors.append(stripped)
            continue
        match = _ROW_HEAD.match(line) if table else None
        if match:
            pending = match
            continue
        result["unparsed"].append(line)
    if pending is not None:
        result["unparsed"].append(pending.group(0))
    if not (rows or table or total is not None):
        return unrecognised(result, COMMAND, errors, lines, unparsed=lines)
    peers = [_peer(fields, raw) for fields, raw in rows]
    sys_peer = next((peer for peer in peers if peer["sys_peer"]), None)
    result.update({
        "peers": peers,
        "synchronized": sys_peer is not None,
        "sys_peer": sys_peer["address"] if sys_peer else None,
        "total_peers": total,
    })
    if total is not None and total != len(peers):
        result["warnings"].append("the device counts %d peers, %d rows were read" % (total, len(peers)))
    return result


def _peer(fields, raw):
    mark = fields.get("mark")
    return {
        "address": fields["address"],
        "local": fields["local"],
        "stratum": int(fields["st"]),
        "poll": int(fields["poll"]),
        "reach": int(fields["reach"]),
        "delay": float(fields["delay"]),
        "offset": None,
        "vrf": fields.get("vrf"),
        "marker": mark,
        "mode": MODES.get(mark),
        "sys_peer": mark == "*",
        "candidate": False,
        "configured": mark != "-",
        "raw": raw,
    }
