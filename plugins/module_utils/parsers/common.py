# -*- coding: utf-8 -*-
# Copyright: contributors to smartlic.slp
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Value helpers shared by every parser: nulls, dates, numbers, booleans, keys.

Pure Python, no Ansible imports, never raises on odd input.
"""

from __future__ import annotations

import functools
import re
from datetime import date, datetime

# The parser of the re module (named so since Python 3.11, sre_parse before): LineGuard reads expressions with it.
try:
    from re import _parser as _SRE
except ImportError:  # pragma: no cover
    import sre_parse as _SRE  # pylint: disable=deprecated-module

NULL_WORDS = frozenset(
    {"", "<none>", "<empty>", "not configured", "none", "n/a", "na", "<not configured>", "not available", "-"}
)

_LONGEST_NULL_WORD = max(map(len, NULL_WORDS))

MONTHS = {m: i for i, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split(), 1)}
UTC_ZONES = frozenset({"utc", "gmt", "z"})

# "Oct 14 12:10:01 2021 UTC", "Jan 10 20:32:26 2022 UTC", "Mar 7 2026 23:38:41.985"
_DATE_MDTY = re.compile(
    r"(?P<mon>[A-Za-z]{3})\s+(?P<day>\d{1,2})\s+(?P<time>\d{1,2}:\d{2}:\d{2})(?:\.\d+)?\s+(?P<year>\d{4})(?:\s+(?P<tz>[A-Za-z]{2,5}))?"
)
_DATE_MDYT = re.compile(
    r"(?P<mon>[A-Za-z]{3})\s+(?P<day>\d{1,2})\s+(?P<year>\d{4})\s+(?P<time>\d{1,2}:\d{2}:\d{2})(?:\.\d+)?(?:\s+(?P<tz>[A-Za-z]{2,5}))?"
)
# "05:30:30.132 UTC Fri Oct 22 2021" (show clock style)
_DATE_TZ_FIRST = re.compile(
    r"(?P<time>\d{1,2}:\d{2}:\d{2})(?:\.\d+)?\s+(?P<tz>[A-Za-z]{2,5})\s+(?:[A-Za-z]{3}\s+)?(?P<mon>[A-Za-z]{3})\s+(?P<day>\d{1,2})\s+(?P<year>\d{4})"
)
# "2021 Jan 29 06:40:54" (NX-OS log style)
_DATE_YMD = re.compile(
    r"(?P<year>\d{4})\s+(?P<mon>[A-Za-z]{3})\s+(?P<day>\d{1,2})\s+(?P<time>\d{1,2}:\d{2}:\d{2})(?:\.\d+)?(?:\s+(?P<tz>[A-Za-z]{2,5}))?"
)
_DATE_ISO = re.compile(r"(?P<iso>\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2})(?:\.\d+)?(?P<z>Z|[+-]\d{2}:?\d{2})?")


# ---------------------------------------------------------------- prompts and echoed commands
# Every expression of the collection that reads a device prompt or an echoed command is built here.

# A prompt in a session transcript, as the capture reader and network_cli see it: the host name, up to three
# configuration modes ("(config)", "(config-if)"), then '>' (user EXEC) or '#' (privileged EXEC).
# The prompt expressions take the host name and a mode's text possessively (++, *+): what follows them ('(', ')',
# '#', '>', a blank) is a character they cannot hold, so giving characters back could never make a match; on the
# many lines that are no prompt it would only take time.
_SESSION_HOST = r"[\w+\-.:/\[\]]++"
_SESSION_MODES = r"(?:\([^)]++\)){0,3}"
SESSION_PROMPT = r"(?P<host>" + _SESSION_HOST + r")(?P<mode>" + _SESSION_MODES + r")(?P<char>[>#])"
# A prompt and the command typed after it ("csr1#show license status"), and a prompt alone on its line.
PROMPT_COMMAND = re.compile(r"^(?P<prompt>" + SESSION_PROMPT + r")(?P<space>[ \t]*)(?P<command>\S.*?)\s*$")
PROMPT_BARE = re.compile(r"^" + SESSION_PROMPT + r"\s*$")
# network_cli's IOS prompt pattern, unanchored at the start: "... <none>" matches it.
PROMPT_LIKE_END = re.compile(_SESSION_HOST + _SESSION_MODES + r"[>#] ?$")
# A user EXEC prompt alone (IOS XE privileged EXEC ends in '#'): network_cli hands it on with a rejected command's answer.
USER_EXEC_PROMPT = re.compile(r"^\s*([\w.\-]+>)\s*$")

# A prompt inside a command's output, as the parsers see it: a host name and at most one mode ("router#", "sw1(config)>").
OUTPUT_PROMPT = r"[A-Za-z0-9_.\-:/\[\]@]++(?:\([^)\s]*+\))?"
# 'show' as the CLI accepts it shortened.
_SHOW = r"(?:sh|sho|show)"


def echo_line(words, rest=r"(?:\s+\S+)*"):
    """The expression of a show command echoed alone on its line: 'sh', 'sho' or 'show', then ``words`` (an expression of
    the command's words, each as short as the device accepts it), then ``rest`` (an expression of its arguments)."""
    return re.compile(r"^\s*" + _SHOW + r"\s+" + words + rest + r"\s*$", re.IGNORECASE)


# What the table parsers skip or report, the same on every command:
# a prompt, alone or echoing a show command ("router#", "csr1#sh ntp status");
PROMPT_START = OUTPUT_PROMPT + r"[#>]"
PROMPT_ECHO = re.compile(r"^" + PROMPT_START + r"\s*(?P<command>" + _SHOW + r"\b.*)?$", re.IGNORECASE)
# the device's error answer ("% Invalid input detected", "Syntax error", "ERROR: ...");
DEVICE_ERROR = re.compile(r"^\s*(?:%\s*(?:Invalid|Incomplete|Ambiguous|Unknown|Error)|Invalid command|Syntax error|ERROR:)", re.IGNORECASE)
# The CLI header IOS XE prints before every output with 'exec prompt timestamp' (corpus iosxe/show_license_status/genie_1.txt
# lines 1-2, iosxe/show_license_tech_support/genie_7.txt line 2):
# "Load for five secs: 2%/0%; one minute: 0%; five minutes: 0%"
LOAD_LINE = re.compile(
    r"^\s*Load for five secs:\s*(?P<five_secs>\S+?);\s*one minute:\s*(?P<one_minute>\S+?);\s*five minutes:\s*(?P<five_minutes>\S+?)\s*$",
    re.IGNORECASE,
)
# "Time source is NTP, .05:30:30.132 UTC Fri Oct 22 2021" / "No time source, *17:05:54.449 UTC Mon Jul 29 2024"
TIME_LINE = re.compile(r"^\s*(?:Time source is (?P<source>[^,]+)|(?P<none>No time source)),\s*(?P<time>\S.*?)\s*$", re.IGNORECASE)


class LineGuard:
    """A cheap first test of a line against expressions matched at its start, worked out from the expressions.

    ``may_match(line)`` is False only when none of the expressions can match the line: the line's first printed
    characters start none of the literal texts an expression's every match starts with (after blanks), and it holds
    none of the characters one of which every match holds. Most lines of an output are then ruled out without running
    an expression; a changed expression changes its guard with it. The literal starts are tested by one expression
    built from them (blanks, then any of them, with the case rule of the expressions), which the re module runs at once.
    """

    __slots__ = ("prefixes", "fold", "characters", "always", "_starts")

    def __init__(self, *patterns):
        prefixes, characters = set(), set()
        self.always = False
        self.fold = any(pattern.flags & re.IGNORECASE for pattern in patterns)
        for pattern in patterns:
            items = list(_SRE.parse(pattern.pattern, pattern.flags))
            starts = _literal_starts(_skip_blanks(items))[0]
            if "" not in starts and all(start.isascii() for start in starts):
                prefixes.update(start.lower() if self.fold else start for start in starts)
                continue
            required = _required_characters(items)
            if required and not (self.fold and any(char.isalpha() for char in required)):
                characters.update(required)
            else:
                self.always = True
        self.prefixes = tuple(sorted(prefixes))
        self.characters = tuple(sorted(characters))
        starts = r"\s*(?:" + "|".join(map(re.escape, self.prefixes)) + ")"
        self._starts = re.compile(starts, re.IGNORECASE if self.fold else 0).match if self.prefixes else None

    def may_match(self, line):
        if self.always:
            return True
        if self._starts is not None and self._starts(line) is not None:
            return True
        for char in self.characters:
            if char in line:
                return True
        return False


def _skip_blanks(items):
    """The parsed items after the anchor and the blanks an expression starts with (str.lstrip() removes those)."""
    while items and (items[0][0] is _SRE.AT or items[0][0] in _REPEATS and _is_blank_class(items[0][1][2])):
        items = items[1:]
    return items


def _is_blank_class(sub):
    return len(sub) == 1 and sub[0][0] is _SRE.IN and list(sub[0][1]) == [(_SRE.CATEGORY, _SRE.CATEGORY_SPACE)]


def _literal_starts(items, limit=24):
    """({literal texts every match of the parsed items starts with}, True when the items are literal to their end)."""
    starts = {""}
    for op, value in items:
        if op is _SRE.LITERAL:
            starts = {start + chr(value) for start in starts}
        elif op is _SRE.IN and value and all(kind is _SRE.LITERAL for kind, _code in value) and len(value) <= 4:
            starts = {start + chr(code) for start in starts for _kind, code in value}
        elif op is _SRE.SUBPATTERN or op is _SRE.BRANCH:
            alternatives = [value[3]] if op is _SRE.SUBPATTERN else value[1]
            found = [_literal_starts(list(alternative), limit) for alternative in alternatives]
            starts = {start + text for start in starts for texts, _complete in found for text in texts}
            if not all(complete for _texts, complete in found):
                return starts, False
        elif op is _SRE.AT and value is not _SRE.AT_BOUNDARY:
            continue
        else:
            return starts, False
        if len(starts) > limit or max(map(len, starts)) > limit:
            return starts, False
    return starts, True


def _required_characters(items):
    """Characters one of which every match holds: the first literal item outside any optional part, or None."""
    for op, value in items:
        if op is _SRE.LITERAL:
            return {chr(value)}
        if op is _SRE.IN and value and all(kind is _SRE.LITERAL for kind, _code in value):
            return {chr(code) for _kind, code in value}
    return None


_REPEATS = (_SRE.MAX_REPEAT, _SRE.MIN_REPEAT, getattr(_SRE, "POSSESSIVE_REPEAT", _SRE.MAX_REPEAT))

_PROMPT_GUARD = LineGuard(PROMPT_ECHO)


def is_prompt_echo(stripped):
    """True when a stripped line is a prompt, alone or echoing a show command."""
    return _PROMPT_GUARD.may_match(stripped) and PROMPT_ECHO.match(stripped) is not None


# The two tests below run their expressions unguarded: each fails within the first characters of a line that is not
# what it reads, and a LineGuard in front of them cost more than it saved (callgrind, 2026-12-07).
def is_cli_header(line):
    """True when a line is one of the CLI header lines (LOAD_LINE, TIME_LINE)."""
    return LOAD_LINE.match(line) is not None or TIME_LINE.match(line) is not None


def is_device_error(line):
    """True when a line is the device's error answer."""
    return DEVICE_ERROR.match(line) is not None


def clean(value):
    """Strip a raw value; map the device's null words to None."""
    if value is None:
        return None
    text = value.strip() if value.__class__ is str else str(value).strip()
    # Lower-casing never shortens a text: a longer one cannot be a null word.
    if len(text) <= _LONGEST_NULL_WORD and text.lower() in NULL_WORDS:
        return None
    return text


def to_int(value):
    """First integer in the text, or None."""
    text = clean(value)
    if text is None:
        return None
    if text.isascii() and text.isdigit():
        return int(text)
    match = _INTEGER.search(text.replace(",", ""))
    return int(match.group(0)) if match else None


_INTEGER = re.compile(r"-?\d+")


TRUE_WORDS = frozenset({"yes", "true", "enabled", "enable", "active", "on", "installed", "allowed"})
FALSE_WORDS = frozenset({"no", "false", "disabled", "disable", "inactive", "off", "not installed", "not allowed"})


def to_bool(value):
    """yes/no, True/False, ENABLED/DISABLED and the like as bool; None when unsure."""
    text = clean(value)
    if text is None:
        return None
    word = text.lower().split("(", maxsplit=1)[0].strip()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    first = word.split()[0] if word.split() else ""
    if first in TRUE_WORDS:
        return True
    if first in FALSE_WORDS:
        return False
    return None


# A time of day as devices print it, two ASCII digits each, in range.
_TIME_OF_DAY = re.compile(r"(?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]")


def iso_from_parts(mon, day, year, time_text, tz):
    """ISO 8601 text of a date's parts ('Nov', 17, 2026, '18:05:09', 'UTC'), 'Z' added for UTC; None when they make no date."""
    month = MONTHS.get(mon.lower()[:3])
    if not month:
        return None
    try:
        if _TIME_OF_DAY.fullmatch(time_text):
            # A valid 'HH:MM:SS' is its own ISO text: only the date is checked and printed ('YYYY-MM-DD').
            iso = date(int(year), month, int(day)).isoformat() + "T" + time_text
        else:
            hour, minute, second = time_text.split(":")
            # isoformat() of a naive datetime without microseconds is 'YYYY-MM-DDTHH:MM:SS'.
            iso = datetime(int(year), month, int(day), int(hour), int(minute), int(second)).isoformat()
    except ValueError:
        return None
    if tz and tz.lower() in UTC_ZONES:
        iso += "Z"
    return iso


def to_iso(value, default_year=None):
    """Device date text → ISO 8601 string ('Z' suffix when the device says UTC), or None.

    Understands the forms Cisco licensing and clock output use. `default_year`
    fills in logs that omit the year.
    """
    text = clean(value)
    if text is None:
        return None
    # An ISO date holds '-': most device dates do not, and the search is skipped.
    match = _DATE_ISO.search(text) if "-" in text else None
    if match:
        iso = match.group("iso").replace(" ", "T")
        zone = match.group("z")
        return iso + ("Z" if zone in ("Z", "+00:00", "+0000") else "")
    for pattern in (_DATE_MDTY, _DATE_MDYT, _DATE_TZ_FIRST, _DATE_YMD):
        match = pattern.search(text)
        if match:
            return iso_from_parts(*match.group("mon", "day", "year", "time", "tz"))
    if default_year:
        match = re.search(r"(?P<mon>[A-Za-z]{3})\s+(?P<day>\d{1,2})\s+(?P<time>\d{1,2}:\d{2}:\d{2})", text)
        if match:
            return iso_from_parts(match.group("mon"), match.group("day"), default_year, match.group("time"), None)
    return None


_ISO_SECONDS = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}")


def parse_iso(iso):
    """ISO text made by to_iso() → naive datetime (zone dropped), or None."""
    if not iso:
        return None
    text = str(iso)[:19]
    if not _ISO_SECONDS.fullmatch(text):
        return None
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        return None


_NOT_WORD = re.compile(r"[^0-9A-Za-z]+")


@functools.lru_cache(maxsize=4096)
def snake_text(key):
    """snake() of a str (a pure function: outputs print the same few keys again and again, each is worked out once)."""
    return _NOT_WORD.sub("_", key).strip("_").lower() or "_"


def snake(key):
    """'Next ACK deadline' → 'next_ack_deadline'; 'First report requirement (days)' → 'first_report_requirement_days'."""
    return snake_text(str(key))


def set_date(target, name, raw, default_year=None):
    """Store `name` as ISO and `name_raw` as the device text."""
    raw_clean = clean(raw)
    target[name] = to_iso(raw_clean, default_year) if raw_clean else None
    target[name + "_raw"] = raw_clean


def unrecognised(result, command, errors, has_content, unparsed=None):
    """Say in ``result`` why an output gave no facts: the device's error message, the output of something else
    (``unparsed`` then replaces the unparsed lines when given), or no output at all. Returns ``result``."""
    if errors:
        result["warnings"].append("the device rejected the command: %s" % errors[0])
    elif has_content:
        result["warnings"].append("output does not look like %s" % command)
        if unparsed is not None:
            result["unparsed"] = unparsed
    else:
        result["warnings"].append("empty output: nothing to parse for %s" % command)
    return result


def new_result(**fields):
    """A parser result with the keys every parser returns."""
    result = {"unparsed": [], "warnings": []}
    result.update(fields)
    return result


def never_raises(command):
    """Decorator of every parser's ``parse(text, platform=None, lines=None)``: a defect in it gives a result that says
    so, with the output's lines as unparsed, never an exception. ``given`` (such as ``messages``) goes to the parser."""
    def wrap(function):
        @functools.wraps(function)
        def parse(text, platform=None, lines=None, **given):
            try:
                return function(text, platform, lines, **given)
            except Exception as error:  # pylint: disable=broad-except
                result = new_result()
                result["warnings"].append("parser for %s failed: %s: %s" % (command, type(error).__name__, error))
                try:
                    result["unparsed"] = [line for line in output_lines(text, lines) if line.strip()]
                except Exception:  # pylint: disable=broad-except
                    result["unparsed"] = []
                return result
        return parse
    return wrap


# Longest line kept, in characters. Device output lines are far shorter (the longest in the corpus has 243); a
# longer line is pasted noise or binary data, and the parsers' regular expressions could take quadratic time on it.
MAX_LINE_CHARS = 4096
# Longest run of blanks kept inside a line. Device tables use runs of up to about 40 blanks; longer runs are cut
# to this length, for the same reason.
MAX_BLANK_RUN = 64

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
_LONG_BLANKS = re.compile(r"[ \t]{%d,}" % (MAX_BLANK_RUN + 1))
_BLANK_RUN_TEXT = " " * (MAX_BLANK_RUN + 1)
# The pager prompt of a terminal session saved without "terminal length 0": it is removed from its line only.
_MORE = re.compile(r" *--More-- *")


def _erase(line):
    """Apply the backspaces of a line as a terminal does (each removes the character before it)."""
    kept = []
    for char in line:
        if char == "\b":
            if kept:
                kept.pop()
        else:
            kept.append(char)
    return "".join(kept)


def has_terminal_noise(text):
    """True when text_lines removes more than line ends from the text: ANSI sequences, backspaces, pager prompts.

    Removing them can make new ones (``--Mo--More--re--``), so the lines of such a text, joined again, may not
    split into the same lines.
    """
    return "\x1b" in text or "\b" in text or "--More--" in text


def text_lines(text):
    """Split any input into lines: None/bytes tolerated, CR/LF/CRLF each one break, terminal noise removed.

    Noise removed: ANSI escape sequences, backspaces (applied), the ``--More--`` pager prompt. Lines longer than
    MAX_LINE_CHARS are cut and blank runs longer than MAX_BLANK_RUN shortened, so that parsing time stays linear.
    Runs in linear time in the length of the text.
    """
    if text is None:
        return []
    if isinstance(text, (bytes, bytearray)):
        text = bytes(text).decode("utf-8", errors="replace")
    text = str(text)
    if "\x1b" in text:
        text = _ANSI.sub("", text)
    # Each kind of noise is looked for in the whole text first: most outputs hold none, and a pass over the
    # lines is then skipped. The passes run in the order a terminal would apply them to each line.
    lines = text.split("\n") if "\r" not in text else _LINE_BREAK.split(text)
    if "\b" in text:
        lines = [_erase(line) if "\b" in line else line for line in lines]
    # _shorten changes only a line over MAX_LINE_CHARS or one holding a tab or a long run of blanks (which erased
    # backspaces may have joined). No line is longer than the text: a short text needs no line lengths.
    blanks = "\t" in text or _BLANK_RUN_TEXT in text or "\b" in text
    if blanks or len(text) > MAX_LINE_CHARS:
        longest = max(map(len, lines))
        if longest > MAX_BLANK_RUN and (longest > MAX_LINE_CHARS or blanks):
            lines = [_shorten(line) if len(line) > MAX_BLANK_RUN else line for line in lines]
    if "--More--" in text or "\b" in text:
        lines = [_MORE.sub("", line) if "--More--" in line else line for line in lines]
    return list(map(str.rstrip, lines))


def output_lines(text, lines=None):
    """The lines of an output: a copy of ``lines`` when the caller split ``text`` already, else ``text_lines(text)``.

    The capture reader splits each output into lines and hands them to the parser with the text (see
    ``registry.parse_output``); they must be what ``text_lines(text)`` gives (see has_terminal_noise).
    """
    return list(lines) if lines is not None else text_lines(text)


def printed_lines(text, lines=None):
    """The non-blank lines of ``output_lines(text, lines)``, tabs expanded to 8 columns: what the table parsers read."""
    return [line.expandtabs(8) if "\t" in line else line for line in output_lines(text, lines) if line.strip()]


def _shorten(line):
    """A line cut to MAX_LINE_CHARS, its blank runs cut to MAX_BLANK_RUN."""
    line = line[:MAX_LINE_CHARS]
    # The regex counts the blanks from every blank of the line: looked for only where a long run can be.
    if "\t" in line or _BLANK_RUN_TEXT in line:
        line = _LONG_BLANKS.sub(" " * MAX_BLANK_RUN, line)
    return line


UDI_RE = re.compile(r"PID:\s*(?P<pid>[^,\s]*)\s*,\s*SN:\s*(?P<sn>[^,\s]+)", re.IGNORECASE)


def parse_udi(text):
    """'PID:C9300-24UX,SN:FCW2303D16Y' → {'pid', 'sn', 'udi'} or None."""
    match = UDI_RE.search(str(text or ""))
    if not match:
        return None
    pid, serial = match.group("pid"), match.group("sn")
    return {"pid": pid or None, "sn": serial, "udi": "PID:%s,SN:%s" % (pid, serial)}
