# -*- coding: utf-8 -*-
# Copyright: contributors to smartlic.slp
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Parse ``show license history message`` (IOS XE).

Two chapters, ``Message History (oldest to newest)`` (one block per message
category: Trust Establishment, Usage Reporting, Result Polling, …) and
``Import Message History`` (``Import POLICY``, ``Import TRUST CODE``, …),
each block ``No past history`` or the messages exchanged.

Result (docs/facts.md): ``{messages: [...]}`` holds the licensing syslog
messages found in the output (``syslog.parse_messages``); ``history`` and
``imports`` map each category to its entries (``[]`` for "No past
history"), every entry ``{raw, time, time_raw}``.

Pure Python, no Ansible imports, never raises.
"""

from __future__ import annotations

import re

from ansible_collections.smartlic.slp.plugins.module_utils.parsers import syslog
from ansible_collections.smartlic.slp.plugins.module_utils.parsers.common import never_raises, output_lines, to_iso
from ansible_collections.smartlic.slp.plugins.module_utils.parsers.license_tree import finish, read

COMMAND = "show license history message"
_NO_HISTORY = re.compile(r"^No past (?:\w+ )?history\.?$", re.IGNORECASE)
_DATE = re.compile(r"[A-Za-z]{3}\s+\d{1,2}\s+\d{1,2}:\d{2}:\d{2}(?:\.\d+)?\s+\d{4}(?:\s+[A-Za-z]{2,5}\b)?|\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}")


# The capture reader may hand over the messages it read in the output (registry.parse_output): they are used as given.
READS_MESSAGES = True


@never_raises(COMMAND)
def parse(text, platform=None, lines=None, messages=None):  # pylint: disable=unused-argument
    """``show license history message`` text → ``{messages, history, imports}``; ``messages``: the output's, read already. Never raises."""
    tree = read(text, lines)
    history, imports = {}, {}
    for chapter in tree.root.children:
        if not chapter.heading:
            continue
        target = imports if "import" in (chapter.key or "") else history
        for block in chapter.children:
            name = block.key
            if target is imports and name.startswith("import_"):
                name = name[len("import_"):]
            target[name] = _entries(block)
    if messages is not None:
        messages = list(messages)
    else:
        try:
            messages = syslog.messages_in_lines(output_lines(text, lines) if isinstance(text, str) else [])
        except Exception:  # pylint: disable=broad-except
            messages = []
    facts = {
        "_recognised": bool(history or imports) or tree.root.find("message_history_oldest_to_newest") is not None,
        "messages": messages,
        "history": history,
        "imports": imports,
    }
    return finish(tree, COMMAND, facts, (_NO_HISTORY,), sections=False)


def _entries(block):
    """Entries of one category: its text lines and child lines, 'No past history' left out."""
    lines = [line for line in block.text if not _NO_HISTORY.match(line)]
    if block.value is not None and not _NO_HISTORY.match(block.value):
        lines.insert(0, block.value)
    for node in block.walk():
        if node is not block and node.line is not None:
            lines.append(node.line.strip())
            lines.extend(node.text)
    entries = []
    for line in lines:
        found = _DATE.search(line)
        stamp = found.group(0) if found else None
        entries.append({"raw": line, "time": to_iso(stamp) if stamp else None, "time_raw": stamp})
    return entries
