# -*- coding: utf-8 -*-
# Copyright: contributors to smartlic.slp
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The NTP peer table: one reader for IOS XE ``show ntp associations`` and NX-OS ``show ntp peer-status``.

Both print a legend, a column header and one row per peer with its markers first; a long address pushes the rest of
its row to the next line. What differs between the platforms is data, which each command's module gives as a
:class:`PeerTable`: the row expressions, the lines around the table and what they mean, and how the columns of a row
make a peer.

Result: ``{peers, synchronized, sys_peer}`` plus what the platform adds (see the command modules and docs/facts.md).

Pure Python, no Ansible imports, never raises (through ``common.never_raises``).
"""

from __future__ import annotations

from ansible_collections.smartlic.slp.plugins.module_utils.parsers.common import (
    is_cli_header, is_device_error, is_prompt_echo, new_result, printed_lines, unrecognised,
)

# What a line around the table (PeerTable.marks) means:
TABLE = "table"   # a column header or legend: the table is there, and an address alone on its line starts a wrapped row
SKIP = "skip"     # a rule of the table's frame, which alone does not make the output this table
# any other name: a fact of the output, kept (the last match) under that name for PeerTable.finish


class PeerTable:  # pylint: disable=too-few-public-methods,too-many-instance-attributes
    """The data of one platform's peer table.

    ``row``, ``row_head``, ``row_tail``: a whole row, and its two parts when wrapped (their named groups are the
    columns); ``echo``: the command echoed alone; ``marks``: ((regex, meaning), ...) tried in order on the other
    lines; ``cli_header``: the platform prints the CLI header (common.is_cli_header) before outputs; ``peer(columns,
    raw, facts)``: a peer dict; ``finish(result, peers, facts)``: the platform's own keys and warnings; ``empty``: (warning, result fields) of
    an empty output when the platform prints nothing for no peer, else None (reported as an empty output).
    """

    def __init__(self, command, row, row_head, row_tail, echo, marks, peer, finish, cli_header=False, empty=None):
        self.command = command
        self.row, self.row_head, self.row_tail, self.echo = row, row_head, row_tail, echo
        self.marks = marks
        self.peer, self.finish = peer, finish
        self.cli_header = cli_header
        self.empty = empty


def _meaning(table, line):
    for regex, meaning in table.marks:
        match = regex.match(line)
        if match:
            return meaning, match
    return None, None


def read(table, text, lines=None):
    """The result of ``table.command`` for an output (or its ``lines``, see common.output_lines)."""
    result = new_result()
    rows, facts, errors = [], {}, []
    in_table, pending = False, None
    lines = printed_lines(text, lines)
    for line in lines:
        stripped = line.strip()
        if pending is not None:
            tail = table.row_tail.match(line)
            if tail:
                columns = dict(pending.groupdict())
                columns.update(tail.groupdict())
                rows.append((columns, pending.group(0).strip() + " " + stripped))
                pending = None
                continue
            result["unparsed"].append(pending.group(0))
            pending = None
        meaning, match = _meaning(table, line)
        row = table.row.match(line)
        if row and meaning != TABLE:
            rows.append((row.groupdict(), stripped))
        elif meaning == TABLE:
            in_table = True
        elif meaning is not None:
            if meaning != SKIP:
                facts[meaning] = match
        elif is_prompt_echo(stripped) or table.echo.match(line) or (table.cli_header and is_cli_header(line)):
            continue
        elif is_device_error(line):
            errors.append(stripped)
        else:
            pending = table.row_head.match(line) if in_table else None
            if pending is None:
                result["unparsed"].append(line)
    if pending is not None:
        result["unparsed"].append(pending.group(0))
    if not (rows or in_table or facts):
        if table.empty is not None and not errors and not lines:
            warning, fields = table.empty
            result["warnings"].append(warning)
            result.update(fields)
            return result
        return unrecognised(result, table.command, errors, lines, unparsed=lines)
    peers = [table.peer(columns, raw, facts) for columns, raw in rows]
    sys_peer = next((peer for peer in peers if peer["sys_peer"]), None)
    result.update({"peers": peers, "synchronized": sys_peer is not None, "sys_peer": sys_peer["address"] if sys_peer else None})
    table.finish(result, peers, facts)
    return result
