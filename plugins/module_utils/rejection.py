# -*- coding: utf-8 -*-
# Copyright: contributors to smartlic.slp
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Which line a device rejected, and what that leaves applied and not applied.

A role sends its lines in order (configuration lines, then the save). The CLI
plugins stop at the first line the device refuses and raise with its answer:
the echo of the line, the caret and the device's '% ...' error (network_cli
hands it over as a ``b'...'`` repr, sometimes after ``Task failed: ``). The
modules of this collection say ``the device refused 'LINE': ...`` instead.

``rejection(message, sequence)`` reads either form: the rejected line, the
device's words, and the lines before it (applied: the device took them) and
from it on (not applied: refused, or never sent).

Pure Python, no Ansible imports; never raises on odd input.
"""

from __future__ import annotations

import ast
import re

from ansible_collections.smartlic.slp.plugins.module_utils import commands

# What cisco.ios.ios_config and cisco.nxos.nxos_config send to save (save_when), the last line of a role that saves.
SAVE_COMMAND = commands.render("ios", "copy_running_startup")
# The device's error: a '%' that starts a word and is followed by a letter ('% Invalid input ...', '%Error ...'),
# not a percentage ('[####] 100%').
_WORDS = re.compile(r"(?:^|\s)(%\s?[A-Za-z].*?)\s*$")
# network_cli's answer as a bytes repr, alone or after a prefix such as 'Task failed: '.
_BYTES_REPR = re.compile(r"""^(?P<prefix>.*?)(?P<repr>b(?P<quote>['"]).*(?P=quote))\s*$""", re.DOTALL)


def answer_text(message):
    """The device's answer as plain text: a ``b'...'`` repr decoded, CRLF made LF."""
    value = "" if message is None else str(message)
    match = _BYTES_REPR.match(value.strip())
    if match:
        try:
            decoded = ast.literal_eval(match.group("repr"))
        except (ValueError, SyntaxError):
            decoded = None
        if isinstance(decoded, bytes):
            # ansible-core's 'Task failed: ' says nothing; another prefix keeps a line of its own.
            prefix = match.group("prefix").strip()
            prefix = "" if prefix in ("", "Task failed:") else prefix + "\n"
            value = prefix + decoded.decode("utf-8", "replace")
    return value.replace("\r\n", "\n").replace("\r", "\n")


def device_words(message):
    """The device's error lines ('% Invalid input detected at '^' marker.'), joined with '; ' ('' when none)."""
    found = []
    for line in answer_text(message).splitlines():
        match = _WORDS.search(line)
        if match and match.group(1) not in found:
            found.append(match.group(1))
    return "; ".join(found)


def _rejected_index(text, sequence):
    """The index in ``sequence`` of the line the device refused; None when the answer holds no error of the device or
    names none of the lines (a timeout that echoes the line it was sending is not a refusal)."""
    if not device_words(text):
        return None
    lines = [line.strip() for line in text.splitlines()]
    for line in lines:
        for index, item in enumerate(sequence):
            if line == item:
                return index
    # The modules of this collection: "the device refused 'LINE': ..." (module_utils/cli_session.py).
    for index, item in enumerate(sequence):
        if "refused '%s'" % item in text:
            return index
    return None


def answer_line(message):
    """The answer on one line: its first line, and the device's words when they come later."""
    lines = [line.strip() for line in answer_text(message).splitlines() if line.strip()]
    if not lines:
        return ""
    words = device_words("\n".join(lines[1:]))
    return "%s: %s" % (lines[0], words) if words and words not in lines[0] else lines[0]


def rejection(message, sequence):
    """What a refused line leaves: ``{rejected, device_said, applied, not_applied, answer}`` (``answer``: answer_line()).

    ``sequence`` is every line the role sends, in order. When the answer names
    none of them (a lost connection, a timeout), ``rejected`` is None and
    ``applied`` / ``not_applied`` are None: what took is not known.
    """
    sequence = [str(item).strip() for item in (sequence or []) if item is not None and str(item).strip()]
    text = answer_text(message)
    index = _rejected_index(text, sequence)
    if index is None:
        return {"rejected": None, "device_said": device_words(text), "applied": None, "not_applied": None, "answer": answer_line(text)}
    return {"rejected": sequence[index], "device_said": device_words(text), "applied": sequence[:index], "not_applied": sequence[index:],
            "answer": answer_line(text)}


def describe(found, saved_last=False):
    """One line for people: the rejected line, the device's words, what was applied and what was not.

    ``saved_last``: the last line of the sequence is the save, so lines applied before a rejection are not saved.
    """
    applied = found.get("applied") or []
    not_applied = found.get("not_applied") or []
    words = found.get("device_said") or "no error text"
    unsaved = " (not saved)" if applied and saved_last and not_applied else ""
    return "the device rejected '%s': %s; applied%s: %s; not applied: %s" % (
        found.get("rejected"), words, unsaved, "; ".join(applied) or "nothing", "; ".join(not_applied))
