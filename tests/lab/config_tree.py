# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The running-config of a simulated device as an ordered tree of lines.

A line is stored stripped, with single spaces; its children are the lines
indented under it. Rendering uses the platform's real layout: children are
indented by 1 space per level on IOS XE and 2 on NX-OS (the cisco.ios and
cisco.nxos config modules parse with exactly these indents), IOS XE puts `!`
around blocks and ends with `end`, NX-OS puts a blank line before blocks.
"""

from __future__ import annotations

import re

INDENT = {"ios": 1, "nxos": 2}
# Lines of a rendered config that are not configuration (headers, comments).
_SKIP = re.compile(r"^(?:!|Building configuration|Current configuration\s*:|Using \d+ out of \d+ bytes)")
_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def normalize(line):
    """A config line as the device stores it: stripped, runs of blanks collapsed."""
    return " ".join(str(line).split())


def ios_time(when):
    """IOS XE time stamp: 10:56:21 UTC Mon Jun 10 2024."""
    day, month = _DAYS[when.weekday()], _MONTHS[when.month - 1]
    return "%02d:%02d:%02d UTC %s %s %d %d" % (when.hour, when.minute, when.second, day, month, when.day, when.year)


def nxos_time(when):
    """NX-OS time stamp: Mon Jun  3 10:56:21 2024."""
    return "%s %s %2d %02d:%02d:%02d %d" % (_DAYS[when.weekday()], _MONTHS[when.month - 1], when.day,
                                            when.hour, when.minute, when.second, when.year)


class _Node:
    __slots__ = ("text", "children")

    def __init__(self, text):
        self.text = text
        self.children = []

    def copy(self):
        node = _Node(self.text)
        node.children = [child.copy() for child in self.children]
        return node


def _path(parents):
    if parents is None:
        return []
    if isinstance(parents, str):
        return [normalize(parents)]
    return [normalize(parent) for parent in parents]


def _group_key(text):
    words = text.split()
    if words and words[0] in ("no", "default"):
        words = words[1:]
    return words


def _insert_index(siblings, text):
    """Where a new line goes: after the last sibling sharing its first two words, else its first word, else last."""
    words = _group_key(text)
    for size in (2, 1):
        if len(words) < size:
            continue
        for index in range(len(siblings) - 1, -1, -1):
            if _group_key(siblings[index].text)[:size] == words[:size]:
                return index + 1
    return len(siblings)


class ConfigTree:
    """Running-config lines of one device, in order, with their sub-mode children."""

    def __init__(self, platform, lines=None):
        if platform not in INDENT:
            raise ValueError("unknown platform %r (ios or nxos)" % (platform,))
        self.platform = platform
        self.indent = INDENT[platform]
        self.nodes = []
        self.version = 0
        if lines:
            self._load(lines)

    # -- building ---------------------------------------------------------------------------------------------------

    def _load(self, lines):
        if isinstance(lines, str):
            lines = lines.splitlines()
        stack = [(-1, self.nodes)]
        for raw in lines:
            raw = str(raw).rstrip("\r\n").expandtabs()
            text = normalize(raw)
            depth = len(raw) - len(raw.lstrip(" "))
            if not text or _SKIP.match(text) or (text == "end" and depth == 0):
                continue
            while stack[-1][0] >= depth:
                stack.pop()
            node = _Node(text)
            stack[-1][1].append(node)
            stack.append((depth, node.children))

    @classmethod
    def from_lines(cls, platform, lines):
        """A tree from indented running-config lines (as to_lines() gives them)."""
        return cls(platform, lines)

    def copy(self):
        tree = ConfigTree(self.platform)
        tree.nodes = [node.copy() for node in self.nodes]
        tree.version = self.version
        return tree

    # -- reading ----------------------------------------------------------------------------------------------------

    def _siblings(self, parents, create=False):
        """The children list under parents (a path of exact lines); None when absent and not created."""
        level = self.nodes
        for parent in _path(parents):
            for node in level:
                if node.text == parent:
                    level = node.children
                    break
            else:
                if not create:
                    return None
                node = _Node(parent)
                level.insert(_insert_index(level, parent), node)
                self.version += 1
                level = node.children
        return level

    def top(self):
        """Top-level lines in order."""
        return [node.text for node in self.nodes]

    def children(self, parent):
        """Direct child lines of a top-level line (or of a path given as a list); [] when absent."""
        level = self._siblings(parent)
        return [node.text for node in level] if level else []

    def has(self, line, parent=None):
        """True when the exact line is present (top level, or under parent: a top-level line or a path)."""
        level = self._siblings(parent)
        line = normalize(line)
        return bool(level) and any(node.text == line for node in level)

    def find(self, regex, parent=None):
        """Lines matching re.search at one level: top level, or the children of parent."""
        level = self._siblings(parent) or []
        pattern = re.compile(regex)
        return [node.text for node in level if pattern.search(node.text)]

    def block(self, line, parents=()):
        """The indented lines of one line and everything under it; [] when absent."""
        level = self._siblings(parents) or []
        line = normalize(line)
        depth = len(_path(parents))
        for node in level:
            if node.text == line:
                out = []
                self._emit(node, depth, out)
                return out
        return []

    # -- changing ---------------------------------------------------------------------------------------------------

    def set(self, line, parents=(), replace=None):
        """Add line under parents (created when missing); return True when the tree changed.

        replace: a regex; siblings matching it (other than line) are removed first and the new line takes the place
        of the first of them (single-valued settings such as hostname or a URL).
        """
        line = normalize(line)
        before = self.version
        level = self._siblings(parents, create=True)
        position = None
        if replace:
            pattern = re.compile(replace)
            for index in range(len(level) - 1, -1, -1):
                if level[index].text != line and pattern.search(level[index].text):
                    del level[index]
                    position = index
                    self.version += 1
        if any(node.text == line for node in level):
            return self.version != before
        if position is None:
            position = _insert_index(level, line)
        level.insert(position, _Node(line))
        self.version += 1
        return True

    def insert(self, index, line, parents=()):
        """Insert a line at a given position among its siblings (no check for duplicates)."""
        level = self._siblings(parents, create=True)
        level.insert(index, _Node(normalize(line)))
        self.version += 1

    def remove(self, line, parents=()):
        """Remove a line, or a whole block when the line has children; return True when it was there."""
        level = self._siblings(parents)
        line = normalize(line)
        if not level:
            return False
        for index, node in enumerate(level):
            if node.text == line:
                del level[index]
                self.version += 1
                return True
        return False

    def remove_matching(self, regex, parents=()):
        """Remove every line (or block) at one level matching re.search; return the removed lines."""
        level = self._siblings(parents)
        if not level:
            return []
        pattern = re.compile(regex)
        removed = [node.text for node in level if pattern.search(node.text)]
        if removed:
            level[:] = [node for node in level if not pattern.search(node.text)]
            self.version += 1
        return removed

    def replace_line(self, old, new, parents=()):
        """Change the text of one line in place (its children stay); return True when old was there."""
        level = self._siblings(parents)
        old, new = normalize(old), normalize(new)
        for node in level or []:
            if node.text == old:
                if old != new:
                    node.text = new
                    self.version += 1
                return True
        return False

    # -- output -----------------------------------------------------------------------------------------------------

    def _emit(self, node, depth, out, shown=False):
        """Append a line and its children; ``shown``: as the device prints it (the certificate chain's quit line)."""
        if shown and depth == 2 and node.text == "quit" and self.platform == "ios":
            # A certificate's hex ends with two spaces, a tab and quit (G6b, G7).
            out.append("  \tquit")
            return
        out.append(" " * (self.indent * depth) + node.text)
        for child in node.children:
            self._emit(child, depth + 1, out, shown)

    def to_lines(self):
        """Every line with its platform indentation, in order (no headers, no `!`)."""
        out = []
        for node in self.nodes:
            self._emit(node, 0, out)
        return out

    def render(self, title="show running-config", now=None, changed=None, select=None, header=True):
        """Config text in the platform's layout (LF newlines).

        title: the command shown (NX-OS `!Command:` line; `show startup-config` switches the IOS XE header).
        now / changed: datetimes for the time stamps of the header (omitted when None).
        select: a predicate on top-level lines; only the blocks it accepts are shown (NX-OS keeps `version`).
        """
        nodes = self.nodes
        if select is not None:
            keep_version = self.platform == "nxos"
            nodes = [node for node in nodes if select(node.text) or (keep_version and node.text.startswith("version "))]
        if self.platform == "ios":
            return self._render_ios(nodes, title, changed, header)
        return self._render_nxos(nodes, title, now, changed, header)

    def _render_ios(self, nodes, title, changed, header):
        body = []
        for node in nodes:
            if node.children:
                if body and body[-1] != "!":
                    body.append("!")
                self._emit(node, 0, body, shown=True)
                body.append("!")
            else:
                body.append(node.text)
        if not body or body[-1] != "!":
            body.append("!")
        body.append("end")
        if not header:
            return "\n".join(body)
        stamp = ["!", "! Last configuration change at %s by admin" % ios_time(changed)] if changed else []
        size = len("\n".join(stamp + body)) + 2
        if title.startswith("show startup-config"):
            head = ["Using %d out of 33554432 bytes" % size]
        else:
            head = ["Building configuration...", "", "Current configuration : %d bytes" % size]
        return "\n".join(head + stamp + ["!"] + body)

    def _render_nxos(self, nodes, title, now, changed, header):
        body = []
        for node in nodes:
            if node.children and body and body[-1] != "":
                body.append("")
            self._emit(node, 0, body)
            if node.children:
                body.append("")
        while body and body[-1] == "":
            body.pop()
        if not header:
            return "\n".join(body)
        head = ["", "!Command: %s" % title]
        if changed:
            if title.startswith("show startup-config"):
                head.append("!Startup config saved at: %s" % nxos_time(changed))
            else:
                head.append("!Running configuration last done at: %s" % nxos_time(changed))
        if now:
            head.append("!Time: %s" % nxos_time(now))
        return "\n".join(head + [""] + body) + "\n"
