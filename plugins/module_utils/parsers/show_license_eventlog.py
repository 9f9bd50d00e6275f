# -*- coding: utf-8 -*-
# Copyright: contributors to smartlic.slp
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Parse ``show license eventlog [days]`` (IOS XE).

One Smart Agent event per line after ``**** Event Log ****``::

    2021-11-17 03:31:32.921 UTC SAEVT_ENDPOINT_USAGE count="0" entitlementTag="regid…"

Result: ``{events: [{time, time_raw, event, attributes: {snake_key: value},
raw}], header}``; ``No EventLog Found.`` gives an empty list.

Pure Python, no Ansible imports, never raises.
"""

from __future__ import annotations

import re

from ansible_collections.smartlic.slp.plugins.module_utils.parsers.common import PROMPT_ECHO, never_raises, new_result, output_lines, snake, to_iso
from ansible_collections.smartlic.slp.plugins.module_utils.parsers.license_tree import ECHO_LINE, ERROR_LINE, parse_header

COMMAND = "show license eventlog"
_EVENT = re.compile(
    r"^\s*(?P<time>\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(?:\.\d+)?)(?:\s+(?P<zone>[A-Za-z]{2,5}))?\s+(?P<event>SAEVT_\w+|[A-Z][A-Z0-9_]{3,})(?P<rest>.*)$"
)
_ATTRIBUTE = re.compile(r'(?P<key>[A-Za-z_][\w.]*)="(?P<value>[^"]*)"')
_BANNER = re.compile(r"^\s*\*+\s*Event Log\s*\*+\s*$", re.IGNORECASE)
_NONE = re.compile(r"^\s*No Event ?Log Found\.?\s*$", re.IGNORECASE)


def _key(name):
    """'entitlementTag' → 'entitlement_tag', 'MSG' → 'msg'."""
    return snake(re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", name))


@never_raises(COMMAND)
def parse(text, platform=None, lines=None):  # pylint: disable=unused-argument
    """``show license eventlog`` text → ``{events, header}``. Never raises."""
    result = new_result(events=[])
    header = {}
    recognised = False
    try:
        lines = output_lines(text, lines)
    except Exception:  # pylint: disable=broad-except
        lines = []
    for line in lines:
        if not line.strip():
            continue
        found = parse_header(line)
        if found:
            header.update(found)
            continue
        if _BANNER.match(line) or _NONE.match(line):
            recognised = True
            continue
        if PROMPT_ECHO.match(line.strip()) or ECHO_LINE.match(line):
            continue
        if ERROR_LINE.match(line):
            result["warnings"].append("the device rejected the command: %s" % line.strip())
            result["unparsed"].append(line)
            continue
        match = _EVENT.match(line)
        if not match:
            result["unparsed"].append(line)
            continue
        recognised = True
        stamp = match.group("time").replace("T", " ")
        iso = to_iso(stamp)
        if iso and (match.group("zone") or "").upper() in ("UTC", "GMT"):
            iso += "Z"
        attributes = {_key(item.group("key")): item.group("value") for item in _ATTRIBUTE.finditer(match.group("rest"))}
        result["events"].append({"time": iso, "time_raw": " ".join(filter(None, (match.group("time"), match.group("zone")))),
                                 "event": match.group("event"), "attributes": attributes, "raw": line.strip()})
    if header:
        result["header"] = header
    if not recognised and result["unparsed"] and not result["warnings"]:
        result["warnings"].append("output does not look like %s" % COMMAND)
    return result
