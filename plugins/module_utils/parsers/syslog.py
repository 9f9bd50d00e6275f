# -*- coding: utf-8 -*-
# Copyright: contributors to smartlic.slp
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Read Smart Licensing syslog lines (IOS XE ``%SMART_LIC-*``, NX-OS ``%LICMGR-*``).

``parse_messages(text)`` finds every licensing message in any text (a ``show
logging`` buffer, a syslog export, a whole capture) and returns one dict per
message, shaped as ``docs/facts.md`` "Syslog messages" says. The message text is
matched against the catalog template to pull out the named variables.

Understands IOS timestamps (``*Nov 17 18:05:09.580:``, ``.Mar 24 ...``, ``Mar  7
2026 23:38:41.985:``, with or without a time zone or a ``000123:`` sequence
number), NX-OS timestamps (``2021 Jan 29 06:40:54 host %...``), NX-OS wrappers
(``%USER-2-SYSTEM_MSG: %SMART_LIC-...``, ``- SMART_AGENT[4941]``) and console
text glued to the end of a line. Never raises.
"""

from __future__ import annotations

import re

from ansible_collections.smartlic.slp.plugins.module_utils import catalog
from ansible_collections.smartlic.slp.plugins.module_utils.parsers.common import MONTHS, iso_from_parts, parse_udi, text_lines, to_iso

SLP_FACILITIES = ("SMART_LIC", "LICMGR")

# "%SMART_LIC-3-COMM_FAILED:", "%LICENSE-SMART_LIC-6-HA_ROLE_CHANGED :", "%LICMGR-3-LOG_SMART_LIC_COMM_FAILED:"
_HEAD = re.compile(r"%(?:(?P<group>[A-Z][A-Z0-9_]*)-)?(?P<facility>[A-Z][A-Z0-9_]*)-(?P<severity>[0-7])-(?P<mnemonic>[A-Z][A-Z0-9_]*)\s*:")
# The same head without its '%', accepted only for the licensing facilities (some exports drop the '%').
_BARE_HEAD = re.compile(r"(?<![\w%-])(?P<facility>SMART_LIC|LICMGR)-(?P<severity>[0-7])-(?P<mnemonic>[A-Z][A-Z0-9_]*)\s*:")
_MENTION = re.compile(r"(?:SMART_LIC|LICMGR)-[0-7]-")
# What every head, bare head and mention holds ("-<severity>-"), and what every timestamp holds (":<minutes>:"):
# lines without them are not worth reading (lines_matching). Both start with a fixed character, which the regex
# engine skips to quickly; a pattern starting with a character class is tried at every position of the text.
_SEVERITY_DASHES = re.compile(r"-[0-7]-")
_CLOCK_MINUTES = re.compile(r":\d{2}:")

ZONES = frozenset(
    "UTC GMT Z PST PDT MST MDT CST CDT EST EDT AKST AKDT HST CET CEST EET EEST WET WEST BST IST JST KST AEST AEDT ACST AWST NZST NZDT SGT HKT MSK".split()
)
_MON = r"(?P<mon>Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
_TIME = r"(?P<time>\d{1,2}:\d{2}:\d{2})(?:\.(?P<frac>\d+))?"
# IOS: "*Nov 17 18:05:09.580:", ".Mar 24 20:17:03.508:", "Mar  7 2026 23:38:41.985 UTC:"
_IOS_STAMP = re.compile(r"(?P<marker>[*.])?" + _MON + r"\s+(?P<day>\d{1,2})\s+(?:(?P<year>\d{4})\s+)?" + _TIME
                        + r"(?:\s+(?P<tz>[A-Za-z]{1,5}))?\s*:", re.IGNORECASE)
# NX-OS: "2021 Jan 29 06:40:54 host %..."
_NXOS_STAMP = re.compile(r"(?P<year>\d{4})\s+" + _MON + r"\s+(?P<day>\d{1,2})\s+" + _TIME
                         + r"(?:\s+(?P<tz>[A-Za-z]{1,5})(?=\s))?(?:\s+(?P<host>[^\s%:]+))?", re.IGNORECASE)
# Device uptime instead of a date: "00:01:23:", "1d02h:", "2w3d:"
_UPTIME = re.compile(r"(?P<uptime>\d+[ywdh]\d+[wdhm]|\d{2}:\d{2}:\d{2}(?:\.\d+)?)\s*:\s*$")
_SEQUENCE = re.compile(r"^\s*+(?:<\d{1,3}>)?\s*(?P<seq>\d{1,10})\s*:\s")
_PROCESS = re.compile(r"\s+-\s+(?P<process>[A-Za-z_][\w.-]*\[\d+\])\s*$")
_MONTH_WORD = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
# Possessive blanks and digits (*+, ++, ?+): what follows them cannot start with what they took, so giving some back
# would never make a match, and a line that is not a log entry is rejected without trying every shorter run.
_LOG_START = re.compile(r"^\s*+(?:<\d{1,3}>)?+(?:\d++\s*+:\s*+)?+(?:[*.]?" + _MONTH_WORD + r"\s+\d{1,2}\s|\d{4}\s+" + _MONTH_WORD
                        + r"\s|%[A-Z])", re.IGNORECASE)
_PROMPT = re.compile(r"^[\w+\-.:/\[\]]+(?:\([^)]+\)){0,3}[>#]\s*\S*")

# A UDI holds colons ("PID:C9300-24UX,SN:FCW2303D16Y"): read it whole before trying the shortest text.
_VARIABLE_PATTERNS = {"udi": r"P(?:ID)?:[^,\s]*,\s*S(?:N)?:[^\s,:.]+|.*?"}
_PLACEHOLDER = re.compile(r"\[[a-z-]+\]")


def _template_regex(template, variables):
    """A catalog template compiled (full match, prefix match or None): placeholders become named groups, spaces are
    flexible, a final period optional. The texts of every catalog template are worked out once, at import (_TEMPLATES);
    the re module keeps what it compiled."""
    texts = _TEMPLATES.get((template, tuple(variables))) or _template_texts(template, variables)
    return re.compile(texts[0], _TEMPLATE_FLAGS), (re.compile(texts[1], _TEMPLATE_FLAGS) if texts[1] is not None else None)


_TEMPLATE_FLAGS = re.IGNORECASE | re.DOTALL


def _template_texts(template, variables):
    """(full match, prefix match or None) expression texts of a catalog template."""
    parts = [part for part in re.split(r"(\[[a-z-]+\])", template.strip()) if part]
    names = list(variables)
    pattern = []
    position = 0
    for number, part in enumerate(parts):
        if _PLACEHOLDER.fullmatch(part):
            name = names[position] if position < len(names) else "value%d" % (position + 1)
            position += 1
            if part in ("[dec]", "[int]"):
                pattern.append(r"(?P<%s>-?\d+)" % name)
            elif name not in _VARIABLE_PATTERNS and number == len(parts) - 1:
                # The last part: all the text to the end in one step. The shortest match ('.*?') gives the same
                # value once stripped, but tries one more character at a time.
                pattern.append(r"(?P<%s>.*)" % name)
            else:
                pattern.append(r"(?P<%s>%s)" % (name, _VARIABLE_PATTERNS.get(name, ".*?")))
            continue
        optional_period = number == len(parts) - 1 and part.endswith(".")
        literal = part[:-1] if optional_period else part
        for word in re.split(r"(\s+)", literal):
            if word:
                pattern.append(r"\s*" if word.isspace() else re.escape(word))
        if optional_period:
            pattern.append(r"\.?")
    ends_with_literal = bool(parts) and not _PLACEHOLDER.fullmatch(parts[-1])
    return r"^\s*" + "".join(pattern) + r"\s*$", (r"^\s*" + "".join(pattern) if ends_with_literal else None)


_TEMPLATES = {(template, tuple(entry.get("variables", ()))): _template_texts(template, entry.get("variables", ()))
              for event, entry in catalog.CATALOG.items() for template in catalog.templates(event)}


def match_template(event, text):
    """Match message text against the event's templates.

    Returns ``(variables, template, trailing_text)``; ``template`` is None when
    no template fits. ``trailing_text`` holds what followed a complete message
    (console output glued to the line).
    """
    entry = catalog.CATALOG.get(event)
    if not entry:
        return {}, None, None
    types = entry.get("variable_types", {})
    for template in catalog.templates(event):
        full, prefix = _template_regex(template, entry["variables"])
        match = full.match(text)
        trailing = None
        if not match and prefix is not None:
            match = prefix.match(text)
            if match:
                trailing = text[match.end():].strip() or None
        if match:
            values = {}
            for name, value in match.groupdict().items():
                value = (value or "").strip()
                if types.get(name) in ("dec", "int"):
                    try:
                        value = int(value)
                    except ValueError:
                        pass
                values[name] = value
            return values, template, trailing
    return {}, None, None


def peer_type(peer):
    """'Cisco Smart License Utility (CSLU)' → 'cslu'; CSSM → 'cssm'; SSM On-Prem → 'onprem'; else None."""
    text = str(peer or "").lower()
    if "on-prem" in text or "onprem" in text or "satellite" in text:
        return "onprem"
    if "cslu" in text or "license utility" in text:
        return "cslu"
    if "cssm" in text or "smart software manager" in text:
        return "cssm"
    return None


def _find_head(line):
    """The licensing message head of a line, plus the heads before it (wrappers)."""
    heads = list(_HEAD.finditer(line))
    for index, head in enumerate(heads):
        facility, mnemonic = head.group("facility"), head.group("mnemonic")
        if facility in SLP_FACILITIES or catalog.event_for(facility, mnemonic):
            return head, heads[:index]
    bare = _BARE_HEAD.search(line)
    if bare:
        return bare, [head for head in heads if head.start() < bare.start()]
    return None, heads


def _timestamp(prefix):
    """Timestamp parts found in the text before the message head."""
    found = {"timestamp_raw": None, "year": None, "mon": None, "day": None, "time": None, "tz": None,
             "marker": None, "hostname": None, "style": None, "uptime": None, "sequence": None}
    sequence = _SEQUENCE.match(prefix)
    if sequence:
        found["sequence"] = int(sequence.group("seq"))
    ios = None
    for ios in _IOS_STAMP.finditer(prefix):
        pass
    nxos = _NXOS_STAMP.search(prefix)
    if nxos and (ios is None or nxos.start() <= ios.start()):
        found.update(style="nxos", year=int(nxos.group("year")), mon=nxos.group("mon"), day=int(nxos.group("day")),
                     time=nxos.group("time"), hostname=nxos.group("host"))
        zone = nxos.group("tz")
        if zone and zone.upper() in ZONES:
            found["tz"] = zone.upper()
        elif zone and not found["hostname"]:
            found["hostname"] = zone
        found["timestamp_raw"] = prefix[nxos.start():nxos.end("time") if not found["tz"] else nxos.end("tz")].strip()
        return found
    if ios:
        zone = ios.group("tz")
        found.update(style="ios", mon=ios.group("mon"), day=int(ios.group("day")), time=ios.group("time"), marker=ios.group("marker"))
        if ios.group("year"):
            found["year"] = int(ios.group("year"))
        if zone and zone.upper() in ZONES:
            found["tz"] = zone.upper()
        found["timestamp_raw"] = prefix[ios.start():ios.end()].rstrip().rstrip(":").strip()
        return found
    uptime = _UPTIME.search(prefix)
    if uptime:
        found.update(style="uptime", uptime=uptime.group("uptime"), timestamp_raw=uptime.group("uptime"))
    return found


def _iso(stamp, year):
    if not stamp.get("mon") or not year:
        return None
    zone = "UTC" if stamp.get("tz") in ("UTC", "GMT", "Z") else None
    if isinstance(year, int) and 1000 <= year <= 9999:
        # The parts as read from the timestamp: no need to print them and read them back.
        return iso_from_parts(stamp["mon"], stamp["day"], year, stamp["time"], zone)
    return to_iso("%s %s %s %s%s" % (stamp["mon"], stamp["day"], year, stamp["time"], " " + zone if zone else ""))


def parse_line(line, default_year=None):
    """One line → a message dict, or None when the line holds no licensing message."""
    message = _parse_line_kept(line, default_year)
    if message is not None:
        message.pop("_stamp", None)
    return message


def _parse_line_kept(line, default_year):
    """parse_line, keeping the timestamp parts under '_stamp' for parse_messages."""
    try:
        return _parse_line(line, default_year)
    except Exception:  # pylint: disable=broad-except
        # A reader that must never raise: keep the line as an unknown message.
        text = str(line) if line is not None else ""
        if _MENTION.search(text):
            return _unknown(text)
        return None


def _unknown(line):
    return {
        "facility": None, "severity": None, "mnemonic": None, "event": None, "platform": None, "text": line.strip(),
        "timestamp": None, "timestamp_raw": None, "timestamp_has_year": False, "variables": {}, "known": False,
        "raw": line, "in_seed": False, "kind": None, "template": None, "template_matched": False, "trailing_text": None,
        "derived": {}, "hostname": None, "sequence": None, "process": None, "wrapper": None, "facility_group": None,
        "clock_marker": None, "clock_synchronized": None, "uptime": None,
    }


def _parse_line(line, default_year):
    if line is None:
        return None
    if isinstance(line, (bytes, bytearray)):
        line = bytes(line).decode("utf-8", errors="replace")
    line = str(line).rstrip("\r\n")
    head, wrappers = _find_head(line)
    if head is None:
        return _unknown(line) if _MENTION.search(line) else None
    facility, mnemonic = head.group("facility"), head.group("mnemonic")
    text = line[head.end():].strip()
    process = _process_suffix(text)
    if process:
        text = text[:process.start()].rstrip()
    first_head = wrappers[0] if wrappers else head
    stamp = _timestamp(line[:first_head.start()])
    event = catalog.event_for(facility, mnemonic)
    entry = catalog.CATALOG.get(event) if event else None
    year = stamp["year"] or default_year
    message = _unknown(line)
    message.update(
        facility=facility,
        severity=int(head.group("severity")),
        mnemonic=mnemonic,
        event=event or (mnemonic[len("LOG_SMART_LIC_"):] if mnemonic.startswith("LOG_SMART_LIC_") else mnemonic),
        text=text,
        timestamp=_iso(stamp, year),
        timestamp_raw=stamp["timestamp_raw"],
        timestamp_has_year=bool(stamp["year"]),
        known=entry is not None,
        in_seed=bool(entry and entry["in_seed"]),
        kind=entry["kind"] if entry else None,
        hostname=stamp["hostname"],
        sequence=stamp["sequence"],
        process=process.group("process") if process else None,
        wrapper=" ".join("%s-%s-%s" % (w.group("facility"), w.group("severity"), w.group("mnemonic")) for w in wrappers) or None,
        facility_group=head.groupdict().get("group"),
        clock_marker=stamp["marker"],
        uptime=stamp["uptime"],
    )
    message["platform"] = "nxos" if facility == "LICMGR" or stamp["style"] == "nxos" or "%$ VDC" in line else "ios"
    if stamp["style"] == "ios":
        message["clock_synchronized"] = stamp["marker"] is None
    message["_stamp"] = stamp
    if entry:
        _fill_variables(message, text)
    return message


def _process_suffix(text):
    """The ' - PROCESS[pid]' match at the end of a stripped message text, or None."""
    # A match ends with ']' (then blanks, which a stripped text has none of): other texts cannot hold one.
    return _PROCESS.search(text) if text.endswith("]") else None


def _fill_variables(message, text):
    variables, template, trailing = match_template(message["event"], text)
    message["variables"] = variables
    message["template"] = template
    message["template_matched"] = template is not None
    message["trailing_text"] = trailing
    derived = {}
    if "peer" in variables:
        derived["peer_type"] = peer_type(variables["peer"])
    if "udi" in variables:
        udi = parse_udi(variables["udi"])
        if udi:
            derived["udi"] = udi
    message["derived"] = derived


def _is_continuation(line):
    stripped = line.strip()
    if not stripped or _LOG_START.match(line) or _HEAD.search(line) or _MENTION.search(line):
        return False
    return not _PROMPT.match(stripped)


def lines_matching(lines, pattern):
    """Indices, in order, of the lines where ``pattern`` (which never crosses a line break) matches.

    Searches the joined text, from one matching line to the start of the next line, instead of each line in turn:
    most lines of an output hold no log line.
    """
    text = "\n".join(lines)
    indices = []
    line = position = 0
    match = pattern.search(text)
    while match is not None:
        start = match.start()
        line += text.count("\n", position, start)
        indices.append(line)
        position = text.find("\n", start)
        if position < 0:
            break
        match = pattern.search(text, position + 1)
    return indices


def parse_messages(text, default_year=None):
    """Every licensing message in a text, in order. Lines without a year get ``default_year``.

    A year-less message older than a later one by six months or more (December
    before January) is put in the year before.
    """
    try:
        lines = text_lines(text)
    except Exception:  # pylint: disable=broad-except
        return []
    return messages_in_lines(lines, default_year)


def messages_in_lines(lines, default_year=None):
    """parse_messages for text already split by ``text_lines``; a message's ``line`` is its index in ``lines`` plus one."""
    messages = []
    consumed = -1  # the last line read as the wrapped end of a message
    # Every head, bare head and mention holds "X-<severity>-": only the lines that do are read.
    for index in lines_matching(lines, _SEVERITY_DASHES):
        if index <= consumed:
            continue
        message = _parse_line_kept(lines[index], default_year)
        if message is not None:
            message["line"] = index + 1
            if message["known"] and not message["template_matched"] and index + 1 < len(lines) and _is_continuation(lines[index + 1]):
                # A message the terminal wrapped onto the next line.
                for joiner in (" ", ""):
                    joined = message["text"] + joiner + lines[index + 1].strip()
                    if match_template(message["event"], joined)[1]:
                        message["raw"] = lines[index] + "\n" + lines[index + 1]
                        message["text"] = joined
                        _fill_variables(message, joined)
                        consumed = index + 1
                        break
            messages.append(message)
    if default_year:
        _roll_back_years(messages, int(default_year))
    for message in messages:
        message.pop("_stamp", None)
    return messages


def _roll_back_years(messages, default_year):
    current_year = default_year
    later_month = None
    for message in reversed(messages):
        stamp = message.get("_stamp") or {}
        month = MONTHS.get(str(stamp.get("mon") or "").lower()[:3])
        if not month:
            continue
        if stamp.get("year"):
            current_year, later_month = stamp["year"], month
            continue
        if later_month is not None and month - later_month >= 6:
            current_year -= 1
        later_month = month
        message["timestamp"] = _iso(stamp, current_year)


def log_years(text):
    """Years printed by timestamped log lines (any facility), in order of appearance."""
    try:
        return log_years_in_lines(text_lines(text))
    except Exception:  # pylint: disable=broad-except
        return []


def log_years_in_lines(lines):
    """log_years for text already split by ``text_lines``."""
    years = []
    try:
        # A year is read from a timestamp, and every timestamp holds a time of day.
        for index in lines_matching(lines, _CLOCK_MINUTES):
            line = lines[index]
            head = _HEAD.search(line)
            if head is None and not _NXOS_STAMP.search(line):
                continue  # only message lines and NX-OS log lines carry a year
            prefix = line[:head.start()] if head else line
            stamp = _timestamp(prefix)
            if stamp["year"] and (head or stamp["style"] == "nxos"):
                years.append(stamp["year"])
    except Exception:  # pylint: disable=broad-except
        return years
    return years


def newest_year(text):
    """The newest year any timestamped log line of the text prints, or None."""
    return max(log_years(text), default=None)


def newest_year_in_lines(lines):
    """newest_year for text already split by ``text_lines``."""
    return max(log_years_in_lines(lines), default=None)


def is_log_line(line):
    """True when a line starts like a log entry (timestamp, sequence number or %FACILITY)."""
    return bool(_LOG_START.match(str(line or "")))
