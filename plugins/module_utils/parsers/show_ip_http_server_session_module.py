# -*- coding: utf-8 -*-
# Copyright: contributors to smartlic.slp
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Parse IOS XE ``show ip http server session-module``.

The session modules table (also part of ``show ip http server all``)::

    HTTP server application session modules:
     Session module Name  Handle Status   Secure-status  Description
    HTTP_IFS              1      Active   Active         HTTP based IOS File Server
    SL_HTTP               2      Active   Active         HTTP REST IOS-XE Smart License Server

Older releases print no ``Secure-status`` column. ``Key: value`` lines
(``HTTP server status: Enabled``) and the ``HTTP server current
connections:`` table are kept too.

Result (docs/facts.md): ``{modules: {name: {handle, status, secure_status,
active, secure_active, description}}, settings, connections}``. ``active`` is
True when the module is active on the HTTP or the HTTPS server.

Pure Python, no Ansible imports, never raises.
"""

from __future__ import annotations

import re

from ansible_collections.smartlic.slp.plugins.module_utils.parsers.common import (
    echo_line, is_cli_header, is_device_error, is_prompt_echo, never_raises, new_result, printed_lines, snake, unrecognised,
)

COMMAND = "show ip http server session-module"

_STATE = r"(?:Active|Inactive|Enabled|Disabled)"
# Greedy forms of lazy patterns, which find the same text in fewer steps: a key ends on a non-blank character
# ("[A-Za-z](?:[...]*[...])?" rather than "[A-Za-z][...]*?" before "\s*:"), and a value that runs to the end of the line
# ends on its last non-blank ("(?:.*\S)?" rather than ".*?" before "\s*$"; a line holds no newline).
_ROW = re.compile(r"^\s*(?P<name>\S+)\s+(?P<handle>\d+)\s+(?P<status>" + _STATE + r")(?:\s+(?P<secure>" + _STATE + r"))?"
                  r"(?:\s+(?P<description>\S(?:.*\S)?))?\s*$", re.IGNORECASE)
_TABLE_HEADER = re.compile(r"^\s*Session module Name\s+Handle\s+Status.*$", re.IGNORECASE)
_CONNECTION_HEADER = re.compile(r"^\s*local-ipaddress:port\s+remote-ipaddress:port\s+in-bytes\s+out-bytes.*$", re.IGNORECASE)
_CONNECTION = re.compile(r"^\s*(?P<local>\S+:\d+)\s+(?P<remote>\S+:\d+)\s+(?P<in_bytes>\d+)\s+(?P<out_bytes>\d+)(?:\s+(?P<end>\S(?:.*\S)?))?\s*$")
_HEADING = re.compile(r"^\s*(?P<heading>[A-Za-z][^:]*?)\s*:\s*$")
_PAIR = re.compile(r"^\s*(?P<key>[A-Za-z](?:[A-Za-z0-9 ()\-/_.]*[A-Za-z0-9()\-/_.])?)\s*:\s*(?P<value>\S(?:.*\S)?)\s*$")
_ECHO = echo_line(r"ip\s+http\s+", rest=r"(?:\S+\s*)*")


def _active(state):
    if not state:
        return None
    return state.lower() in ("active", "enabled")


@never_raises(COMMAND)
def parse(text, platform=None, lines=None):  # pylint: disable=unused-argument
    """``show ip http server session-module`` text → ``{modules: {name: {active, ...}}, ...}``. Never raises."""
    result = new_result()
    modules = {}
    settings = {}
    connections = []
    headings = []
    errors = []
    table = False
    lines = printed_lines(text, lines)
    for line in lines:
        stripped = line.strip()
        if _TABLE_HEADER.match(line):
            table = True
            continue
        match = _ROW.match(line)
        if match:
            status, secure = match.group("status"), match.group("secure")
            modules[match.group("name")] = {
                "handle": int(match.group("handle")),
                "status": status,
                "secure_status": secure,
                "active": bool(_active(status) or _active(secure)),
                "http_active": _active(status),
                "secure_active": _active(secure),
                "description": match.group("description"),
            }
            continue
        match = _CONNECTION.match(line)
        if match:
            connections.append({key: (int(value) if key.endswith("bytes") else value) for key, value in match.groupdict().items()})
            continue
        if _CONNECTION_HEADER.match(line) or is_prompt_echo(stripped) or _ECHO.match(line) or is_cli_header(line):
            continue
        if is_device_error(line):
            errors.append(stripped)
            continue
        match = _HEADING.match(line) if stripped[-1] == ":" else None
        if match:
            headings.append(match.group("heading"))
            continue
        match = _PAIR.match(line)
        if match:
            settings[snake(match.group("key"))] = match.group("value")
            continue
        result["unparsed"].append(line)
    if not (modules or table):
        return unrecognised(result, COMMAND, errors, lines)
    result.update({"modules": modules, "settings": settings, "connections": connections, "headings": headings})
    return result
