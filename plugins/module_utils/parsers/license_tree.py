# -*- coding: utf-8 -*-
# Copyright: contributors to smartlic.slp
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Read the indented ``Key: value`` tree the Cisco Smart Agent prints.

``show license status``, ``all``, ``tech support``, ``udi``, ``usage`` and
friends share one layout:

- headings underlined with ``====`` (``Smart Licensing Status``,
  ``Usage Report Summary:``) split the output into chapters;
- ``Title:`` lines open a block whose children are the deeper-indented lines
  below; ``Key: value`` lines are leaves; a key may carry a value *and*
  children (``Handle: 1``, ``Active: PID:…,SN:…``);
- lines without a key are text of the block above them (``Not Configured``,
  ``INSTALLED on …``), or free text of the chapter.

``read(text)`` gives a :class:`Tree`: the node tree (raw titles and values,
nothing normalised), the ``header`` the CLI prints before the output (``Load
for five secs``, ``Time source is NTP, …``), the echoed command and the
device's error message if it rejected the command. ``to_dict`` turns a node
into nested dicts with snake_case keys and raw string values (a repeated key
becomes a list), which is what the parsers publish as ``sections``.

A few quirks of real outputs are repaired here, once for every parser: a
``Key: value`` line printed at column 0 inside an indented block (the device
lost its indentation), two pairs on one line (``Total: 12,  Purged: 0``), a
block title followed on the same line by its first child (``Trust Code
Installed:    Trust Code Type: CSSM``) and ``Active:PID:…`` without a space.

Pure Python, no Ansible imports, never raises.
"""

from __future__ import annotations

import re

from ansible_collections.smartlic.slp.plugins.module_utils.parsers.common import (
    LOAD_LINE, PROMPT_ECHO, PROMPT_START, TIME_LINE, UDI_RE, LineGuard, clean, echo_line, new_result, output_lines, parse_udi, snake_text, to_int,
    to_iso,
)

UNDERLINE = re.compile(r"^\s*={3,}\s*$")
# The CLI header lines (common.LOAD_LINE, common.TIME_LINE) are read by parse_header(); a prompt, alone or echoing a
# command ("router#show license all", "cube-2#"), is common.PROMPT_ECHO.
# The command echoed without a prompt: "show license tech support", "show license authorization".
ECHO_LINE = echo_line(r"lic\S*")
# Device error answers (IOS XE and NX-OS).
ERROR_LINE = re.compile(
    r"^\s*(?:%\s*(?:Invalid|Incomplete|Ambiguous|Unknown|Unrecognized|Error|Smart Licensing is not)|Invalid command|Syntax error|"
    r"Command (?:rejected|authorization failed)|ERROR:)",
    re.IGNORECASE,
)
# Rules out, without running them, the five expressions above on most lines of an output.
_SPECIAL = LineGuard(LOAD_LINE, TIME_LINE, PROMPT_ECHO, ECHO_LINE, ERROR_LINE)
# The same test on a whole ASCII output at once, lower-cased, with a newline before each line: one search finds any line
# that starts as one of the four others must (their literal starts) or as a prompt does (PROMPT_START). Most outputs hold
# none, and their lines are then all content. The possessive blanks are taken once.
_ANY_SPECIAL = re.compile(
    r"\n[^\S\n]*+(?:" + "|".join([PROMPT_START] + [re.escape(start) for start in LineGuard(LOAD_LINE, TIME_LINE, ECHO_LINE, ERROR_LINE).prefixes]) + ")"
)
# A key that opens a pair in the middle of a value: "  Purged: 0", ",  Waiting for Ack: 0".
_PAIR_START = re.compile(r"(?:,\s+|\s{2,})(?P<key>[A-Z][A-Za-z0-9 ()/\-]{0,40}?):(?:\s+|$)")
# What a value needs before a second pair can start in it (see _PAIR_START): a comma or two blanks.
_MAYBE_PAIRS = re.compile(r",|\s\s")
_INLINE_KEY = re.compile(r"^[A-Z][A-Za-z0-9 ()/\-]{0,40}?:(?:\s|$)")
# "Active:PID:C9300-24UX,SN:FCW2303D16Y" (HA UDI List), no space after the first colon.
_UDI_PAIR = re.compile(r"^(?P<key>[A-Za-z][A-Za-z0-9 ]{0,30}):(?P<value>(?:PID|P):\S.*)$")
_MAX_KEY = 100
# The blocks of the status part (show license status / all / tech support), in snake_case. Every capture prints them at
# column 0; a 'Key: value' line at column 0 that opens one of them starts that block, even right under the lines of
# another block (the NX-OS seed prints 'Trust Code installed: <date>' under the 'Usage reporting:' lines with no blank
# line between): it is never a line of the block above that lost its indentation (see _repair_indent).
STATUS_BLOCKS = (
    "utility", "smart_licensing_using_policy", "account_information", "data_privacy", "transport", "policy", "miscellaneous",
    "usage_reporting", "trust_code_installed", "registration", "license_authorization", "export_authorization_key", "license_conversion",
)
_KEY_CHARACTER = re.compile(r"[A-Za-z0-9]")
# Most key lines in one match: leading blanks, a key of up to _MAX_KEY letters, digits, blanks and '_()/.,- that starts
# with a letter or digit and does not end with a blank, its colon, then nothing or blanks and a value that starts and
# ends with a printed character. Groups: blanks, key, gap, value. Other lines are read step by step
# (_split_key_step_by_step), which gives the same result on these too (tests/unit: test_license_tree.py).
_PLAIN_KEY_LINE = re.compile(r"( *)([A-Za-z0-9](?:[A-Za-z0-9 '_()/.,\-]{0,98}[A-Za-z0-9'_()/.,\-])?):(?:( +)(\S(?:.*\S)?))?")


class Node:
    """One line of the tree: a heading, a block title, a key/value pair, or the root."""

    __slots__ = ("title", "value", "children", "text", "raw_text", "indent", "line", "heading", "key")

    def __init__(self, title=None, value=None, indent=-1, line=None, heading=False):
        self.title = title          # raw key text without the colon; None for the root
        self.value = value          # raw value text; None when the line ended with the colon
        self.children = []
        self.text = []              # text lines (stripped) that belong to this node
        self.raw_text = []          # the same lines as printed
        self.indent = indent
        self.line = line            # the input line (rstripped)
        self.heading = heading
        self.key = snake_text(title) if title is not None else None   # the title (a str) in snake_case

    def find(self, *names):
        """The first child whose snake_case key is one of `names` (None when absent)."""
        for child in self.children:
            if child.key in names:
                return child
        return None

    def find_all(self, *names):
        return [child for child in self.children if child.key in names]

    def path(self, *keys):
        """Follow child keys down the tree; None when a step is missing."""
        node = self
        for key in keys:
            node = node.find(key) if node is not None else None
        return node

    def get(self, *keys):
        """Raw value of the node at `keys` (its value, else its single text line), or None."""
        # The walk of path() written out: the parsers ask for a few dozen values per output.
        node = self
        for key in keys:
            for child in node.children:
                if child.key == key:
                    node = child
                    break
            else:
                return None
        return node.content()

    def content(self):
        """The node's value, else its text when it has exactly one text line."""
        if self.value is not None:
            return self.value
        if len(self.text) == 1:
            return self.text[0]
        return None

    def walk(self):
        """This node and every node below it, depth first."""
        stack = [self]
        while stack:
            node = stack.pop()
            yield node
            if node.children:
                stack.extend(reversed(node.children))


class Tree:
    """What :func:`read` found: the node tree and the lines around it."""

    def __init__(self):
        self.root = Node()
        self.header = {}
        self.command = None         # the command echoed in the output, if any
        self.errors = []            # device error lines ("% Invalid input detected ...")
        self.nonblank = 0           # non-blank content lines read into the tree
        self.problems = []          # defects of this reader, reported as warnings

    def status_blocks(self):
        """The node holding the status blocks (Utility, Transport, …): the 'Smart Licensing Status' chapter, else the root."""
        chapter = self.root.find("smart_licensing_status")
        return chapter if chapter is not None and chapter.heading else self.root

    def loose(self):
        """(node, raw line) of each text line nothing owns as a value: chapter text, or text beside key children."""
        found = []
        # The walk of Node.walk() written out: every node of the tree is visited, most of them leaves without text.
        stack = [self.root]
        while stack:
            node = stack.pop()
            if node.children:
                stack.extend(reversed(node.children))
            if node.text and (node.title is None or node.heading or any(child.title is not None for child in node.children)):
                found.extend((node, line) for line in node.raw_text)
        return found


def parse_header(line):
    """The CLI header fields of one line ({} when it is not a header line)."""
    match = LOAD_LINE.match(line)
    if match:
        five_secs = re.findall(r"\d+", match.group("five_secs"))
        return {
            "load_five_seconds": match.group("five_secs"),
            "load_one_minute": match.group("one_minute"),
            "load_five_minutes": match.group("five_minutes"),
            # "2%/0%": total CPU, then the part spent at interrupt level.
            "cpu_five_seconds_percent": int(five_secs[0]) if five_secs else None,
            "cpu_five_seconds_interrupt_percent": int(five_secs[1]) if len(five_secs) > 1 else None,
            "cpu_one_minute_percent": to_int(match.group("one_minute")),
            "cpu_five_minutes_percent": to_int(match.group("five_minutes")),
        }
    match = TIME_LINE.match(line)
    if match:
        raw = match.group("time")
        stamp = raw.lstrip("*.")
        return {
            "time_source": None if match.group("none") else match.group("source").strip(),
            "time": to_iso(stamp),
            "time_raw": raw,
            # IOS: '*' = not authoritative, '.' = authoritative but not synchronised.
            "time_authoritative": not raw.startswith("*"),
            "time_synchronized": not raw.startswith(("*", ".")) and not match.group("none"),
        }
    return {}


def split_key(stripped):
    """('Key', 'value' or None, gap after the colon) of a key line, or None for a text line."""
    found = key_line(stripped)
    return found[1:] if found is not None else None


def key_line(line):
    """(indent, 'Key', 'value' or None, gap after the colon) of a key line, or None for a text line."""
    plain = _PLAIN_KEY_LINE.fullmatch(line)
    if plain is not None:
        blanks, key, gap, value = plain.groups()
        return len(blanks), key, value, len(gap) if gap else 0
    found = _split_key_step_by_step(line.lstrip())
    return (_indent(line),) + found if found else None


def _split_key_step_by_step(stripped):
    """split_key for any line: what _PLAIN_KEY_LINE matches gives the same result here, only slower."""
    # The key ends at the first colon followed by a blank or the end of the line (not the colon of a time or a URL).
    index = stripped.find(":")
    if index < 0:
        return None
    last = len(stripped) - 1
    while 0 <= index < last and stripped[index + 1] not in " \t":
        index = stripped.find(":", index + 1)
    if index < 0:
        match = _UDI_PAIR.match(stripped)
        if match:
            return match.group("key").strip(), match.group("value").strip(), 0
        return None
    key = stripped[:index].rstrip().rstrip(":").rstrip()
    if not key or len(key) > _MAX_KEY or '"' in key or "=" in key or key[0] in "%*!#" or not (
            key[0].isascii() and key[0].isalnum() or _KEY_CHARACTER.search(key)):
        return None
    rest = stripped[index + 1:]
    value = rest.strip()
    gap = len(rest) - len(rest.lstrip())
    return key, (value or None), gap


def split_pairs(key, value):
    """[(key, value)] of a line that may hold several pairs ('Total: 12,  Purged: 0'); an 'a=b' list is one value, and so
    is a UDI with blanks ('Active: PID: N9K-C93180YC-FX, SN: FDO21120U8F', the NX-OS seed's trust block)."""
    if value is None or "=" in value or ":" not in value or UDI_RE.match(value):
        return [(key, value)]
    pairs = []
    current_key, start = key, 0
    for match in _PAIR_START.finditer(value):
        segment = value[start:match.start()].strip()
        if not segment:
            return [(key, value)]
        pairs.append((current_key, segment))
        current_key, start = match.group("key").strip(), match.end()
    pairs.append((current_key, value[start:].strip() or None))
    return pairs


def _indent(line):
    if "\t" in line:
        line = line.expandtabs(8)
    return len(line) - len(line.lstrip())


def _next_content(lines, index, step):
    """The neighbouring non-blank line of lines[index] in direction `step` without crossing a blank line, or None."""
    position = index + step
    if 0 <= position < len(lines) and lines[position].strip() and not UNDERLINE.match(lines[position]):
        return lines[position]
    return None


def read(text, lines=None):
    """Read a Smart Agent output (or its ``lines``, see common.output_lines) into a :class:`Tree`. Never raises."""
    tree = Tree()
    try:
        _read_into(tree, output_lines(text, lines))
    except Exception as error:  # pylint: disable=broad-except
        # A defect here must not hide the output: keep what was read and say so.
        tree.problems.append("internal error while reading the output: %s" % error)
    return tree


def _read_into(tree, lines):
    lines = _content_lines(tree, lines)
    root = tree.root
    # (indent, node) of the open blocks. The root and a chapter heading sit at negative levels, so no content line
    # (indent 0 or more) closes them.
    stack = [(-1, root)]
    last_key = None           # the previous content line, when it was a bare "Title:" line
    # Only a line holding "===" can be an underline: looked for once per line.
    underline = {number for number, candidate in enumerate(lines) if "===" in candidate and UNDERLINE.match(candidate)}
    for index, line in enumerate(lines):
        # The underline of a heading is skipped here too.
        if not line or index in underline:
            last_key = None
            continue
        if index + 1 in underline:
            heading = Node(title=line.strip().rstrip(":").strip(), indent=-1, line=line, heading=True)
            root.children.append(heading)
            stack = [(-2, root), (-1, heading)]
            last_key = None
            continue
        tree.nonblank += 1
        found = key_line(line)
        if found:
            indent, key, value, gap = found
            if indent == 0 and value is not None and len(stack) > 1:
                indent = _repair_indent(lines, index, indent, key, value, stack)
            while stack[-1][0] >= indent:
                stack.pop()
            parent = stack[-1][1]
            if value is None or ":" not in value or gap < 2 and _MAYBE_PAIRS.search(value) is None:
                # Most lines: one pair. A second pair needs a colon and, before its key, a comma or two blanks
                # (_PAIR_START); an inline title needs a colon and two blanks after the first one.
                node = Node(key, value, indent, line)
                parent.children.append(node)
                stack.append((indent, node))
                last_key = node if value is None else None
            else:
                _add_pairs(stack, parent, key, value, gap, indent, line)
                last_key = None
        else:
            indent = _indent(line)
            attach = last_key if last_key is not None and last_key.indent == indent and not last_key.children else None
            if attach is None:
                while stack[-1][0] >= indent:
                    stack.pop()
                attach = stack[-1][1]
            attach.text.append(line.lstrip())
            attach.raw_text.append(line)
            last_key = None


def _content_lines(tree, lines):
    """Drop the CLI header, prompts and echoed commands; note device errors."""
    # Text beyond ASCII is read line by line: under re.IGNORECASE, letters such as 'ſ' and 'İ' match 's' and 'i', which
    # lower-casing does not give.
    joined = "\n" + "\n".join(lines)
    if joined.isascii() and _ANY_SPECIAL.search(joined.lower()) is None:
        return lines
    return _content_lines_each(tree, lines)


def _content_lines_each(tree, lines):
    """_content_lines, line by line."""
    kept = []
    # Whether a non-blank line was kept (a flag, not a scan of kept: leading blank lines would make that quadratic).
    content = False
    may_be_special = _SPECIAL.may_match
    for line in lines:
        if not may_be_special(line):
            kept.append(line)
            content = content or bool(line.strip())
            continue
        header = parse_header(line)
        if header:
            tree.header.update(header)
            continue
        prompt = PROMPT_ECHO.match(line.strip()) if line.strip() else None
        if prompt and (prompt.group("command") or not line.strip().endswith(":")):
            if prompt.group("command"):
                tree.command = tree.command or " ".join(prompt.group("command").split())
            continue
        if not content and ECHO_LINE.match(line):
            tree.command = tree.command or " ".join(line.split())
            continue
        if ERROR_LINE.match(line):
            tree.errors.append(line.strip())
        kept.append(line)
        content = content or bool(line.strip())
    return kept


def _repair_indent(lines, index, indent, key, value, stack):
    """A 'Key: value' line at column 0 between lines of an open block belongs to that block (lost indentation),
    unless it opens a block of the status part (STATUS_BLOCKS)."""
    if indent != 0 or value is None or len(stack) < 2:
        return indent
    block = next((node for level, node in stack if level == 0), None)
    if block is None or block.value is not None:
        return indent
    before, after = _next_content(lines, index, -1), _next_content(lines, index, 1)
    if before is None or after is None or _indent(before) == 0 or _indent(after) == 0 or split_key(after.strip()) is None:
        return indent
    if snake_text(key) in STATUS_BLOCKS:
        return indent
    return _indent(after)


def _add_pairs(stack, parent, key, value, gap, indent, line):
    """Add the node(s) of a key line whose value holds a colon under `parent` (several pairs, or a title and its
    first child); push the one that may get children."""
    if gap >= 2 and _INLINE_KEY.match(value) and not UDI_RE.match(value):
        # "Trust Code Installed:    Trust Code Type: CSSM": a title and its first child on one line.
        node = Node(key, None, indent, line)
        parent.children.append(node)
        stack.append((indent, node))
        inner = split_key(value)
        if inner:
            child_indent = indent + len(key) + 1 + gap
            first = None
            for child_key, child_value in split_pairs(inner[0], inner[1]):
                child = Node(child_key, child_value, child_indent, line)
                node.children.append(child)
                first = first or child
            stack.append((child_indent, first))
        return
    first = None
    for pair_key, pair_value in split_pairs(key, value):
        node = Node(pair_key, pair_value, indent, line)
        parent.children.append(node)
        first = first or node
    stack.append((indent, first))


# ----------------------------------------------------------------- to dicts

def to_dict(node):
    """Nested dict of a node's children: snake_case keys, raw values; repeated keys become lists; text under 'text'."""
    value = _convert(node)
    return value if isinstance(value, dict) else {"value": value}


def _convert(node):
    if not node.children:
        if node.text and node.value is None:
            return node.text[0] if len(node.text) == 1 else list(node.text)
        if node.text:
            return {"value": node.value, "text": list(node.text)}
        return node.value if node.value is not None else ""
    result = {}
    if node.value is not None:
        result["_value" if any(child.key == "value" for child in node.children) else "value"] = node.value
    repeated = set()
    for child in node.children:
        key = child.key
        converted = _convert(child)
        if key not in result:
            result[key] = converted
        elif key in repeated:
            result[key].append(converted)
        else:
            result[key] = [result[key], converted]
            repeated.add(key)
    if node.text:
        result["_text" if any(child.key == "text" for child in node.children) else "text"] = list(node.text)
    return result


# ------------------------------------------------------------ results

def finish(tree, command, facts, known, sections=True):
    """Common ending of the parsers built on the tree.

    `facts` holds the normalised keys plus '_recognised' (the output looked
    like `command`) and '_warnings'. Adds the CLI header, the echoed command,
    ``sections`` (every key/value, raw), the loose text lines not matched by
    the `known` regexes as ``unparsed``, and warnings for device errors, a
    wrong command's output or an output cut short.
    """
    result = new_result()
    result["warnings"].extend(tree.problems)
    if tree.errors and not facts.get("_recognised"):
        result["warnings"].append("the device rejected the command: %s" % tree.errors[0])
        result["unparsed"] = [line for _node, line in tree.loose()]
        return result
    if not facts.get("_recognised"):
        if tree.nonblank or tree.root.children:
            result["warnings"].append("output does not look like %s" % command)
            result["unparsed"] = _all_lines(tree)
        else:
            result["warnings"].append("empty output: nothing to parse for %s" % command)
        return result
    facts = dict(facts)
    facts.pop("_recognised", None)
    warnings = facts.pop("_warnings", [])
    # 'sections' (raw) comes before the normalised keys: a depth-first reader
    # that walks the result backwards meets the normalised values first.
    if sections:
        result["sections"] = to_dict(tree.root)
    result.update(facts)
    if tree.header:
        result["header"] = dict(tree.header)
    if tree.command:
        result["command"] = tree.command
    result["unparsed"] = [line for _node, line in tree.loose() if not known_line(line, known)]
    result["warnings"].extend(warnings)
    last = _last_title(tree)
    if last is not None:
        result["warnings"].append("output looks truncated: it ends with the empty block '%s'" % last)
    return result


def _all_lines(tree):
    lines = []
    for node in tree.root.walk():
        if node.line is not None and node.line not in lines[-1:]:
            lines.append(node.line)
        lines.extend(node.raw_text)
    return lines


def _last_title(tree):
    """Title of the last node when it is a bare 'Title:' with nothing below it (a cut-off output), else None."""
    node = tree.root
    while node.children:
        node = node.children[-1]
    if node is tree.root or node.heading or node.value is not None or node.text:
        return None
    if node.key in ("specified_license_reservations", "connect_info_additional"):
        return None
    return node.title


# ------------------------------------------------------------ value helpers

def date_field(target, name, raw):
    """Store `name` (ISO) and `name_raw` (device text, None for '<none>') from a raw date text."""
    raw_clean = clean(raw)
    target[name] = to_iso(raw_clean) if raw_clean else None
    target[name + "_raw"] = raw_clean


def split_on_date(raw):
    """('SUCCEEDED', 'Mar 13 08:09:28 2024 UTC') from 'SUCCEEDED on Mar 13 08:09:28 2024 UTC'; (text, None) without a date."""
    text = clean(raw)
    if text is None:
        return None, None
    match = re.match(r"^(?P<word>.*?)\s+on\s+(?P<date>[A-Za-z]{3}\s+\d{1,2}\s.*)$", text, re.IGNORECASE)
    if match and to_iso(match.group("date")):
        return match.group("word").strip() or None, match.group("date").strip()
    if to_iso(text) and re.match(r"^[A-Za-z]{3}\s+\d{1,2}\s", text):
        return None, text
    return text, None


def udi_entry(role, raw):
    """{'role', 'pid', 'sn', 'udi'} from a role title ('Active') and 'PID:x,SN:y' (None when the text holds no UDI)."""
    found = parse_udi(raw)
    if not found:
        match = re.search(r"\bP:\s*(?P<pid>[^,\s]*)\s*,\s*S:\s*(?P<sn>[^,\s:]+)", str(raw or ""))
        if not match:
            return None
        found = {"pid": match.group("pid") or None, "sn": match.group("sn"), "udi": "PID:%s,SN:%s" % (match.group("pid"), match.group("sn"))}
    entry = {"role": normalise_role(role)}
    entry.update(found)
    return entry


def normalise_role(title):
    """'Active' → 'active', 'Standby' → 'standby', 'Member' → 'member'; anything else → None."""
    word = str(title or "").strip().lower()
    for role in ("active", "standby", "member"):
        if word.startswith(role):
            return role
    return None


def known_line(line, patterns):
    """True when a stripped line matches one of the compiled regexes."""
    stripped = line.strip()
    return any(pattern.search(stripped) for pattern in patterns)
