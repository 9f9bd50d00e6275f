# -*- coding: utf-8 -*-
# Copyright: contributors to smartlic.slp
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Parse ``show clock`` (IOS XE, NX-OS).

Shapes read:

- IOS XE ``*04:45:00.857 UTC Thu Aug 7 2025``: ``*`` = the time is not
  authoritative (not synchronised), ``.`` = authoritative but NTP is not
  synchronised, no prefix = authoritative (synchronised);
- ``show clock detail`` adds ``Time source is NTP`` / ``No time source`` after
  the time; the exec-timestamp header prints ``Time source is NTP, <time>``
  (with ``Load for five secs: …``) before it;
- NX-OS ``Time source is NTP`` (or ``none``) then ``15:27:58.129 UTC Tue Aug 01 2023``.

Result (docs/facts.md): ``{time (ISO), time_raw, timezone, time_source,
authoritative, synchronized, ...}``. ``time_source`` is lower case (``ntp``,
``none``, ``hardware calendar`` …). Pure Python, no Ansible imports, never raises.
"""

from __future__ import annotations

import re

from ansible_collections.smartlic.slp.plugins.module_utils.parsers.common import (
    echo_line, is_device_error, is_prompt_echo, never_raises, new_result, output_lines, to_iso, unrecognised,
)

COMMAND = "show clock"

_CLOCK = re.compile(
    r"(?P<prefix>[*.])?(?P<time>\d{1,2}:\d{2}:\d{2}(?:\.\d+)?)\s+(?P<tz>[A-Za-z][A-Za-z0-9+\-:]{0,9})\s+"
    r"(?:(?P<dow>[A-Za-z]{3})\s+)?(?P<mon>[A-Za-z]{3})\s+(?P<day>\d{1,2})\s+(?P<year>\d{4})"
)
_CLOCK_LINE = re.compile(r"^\s*" + _CLOCK.pattern + r"\s*$")
_SOURCE = re.compile(r"^\s*(?:Time source is\s+(?P<source>[^,]+?)|(?P<none>No time source))\s*(?:,\s*(?P<rest>.*?))?\s*$", re.IGNORECASE)
_LOAD = re.compile(r"^\s*Load for five secs:.*$", re.IGNORECASE)
_ECHO = echo_line(r"cl\S*")
# Time sources that keep the clock synchronised to a reference.
SYNC_SOURCES = ("ntp", "sntp", "ptp", "gnss", "gps")


@never_raises(COMMAND)
def parse(text, platform=None, lines=None):
    """``show clock`` text → ``{time, time_raw, timezone, time_source, authoritative, synchronized, ...}``. Never raises."""
    result = new_result()
    clock = None
    header_clock = None
    source = None
    source_before_clock = False
    errors = []
    lines = [line for line in output_lines(text, lines) if line.strip()]
    for line in lines:
        match = _CLOCK_LINE.match(line)
        if match:
            clock = clock or match
            continue
        match = _SOURCE.match(line)
        if match:
            source = "none" if match.group("none") else match.group("source").strip()
            if clock is None and not match.group("rest"):
                source_before_clock = True
            rest = _CLOCK.search(match.group("rest") or "")
            if rest:
                header_clock = header_clock or rest
            continue
        if _LOAD.match(line) or is_prompt_echo(line.strip()) or _ECHO.match(line):
            continue
        if is_device_error(line):
            errors.append(line.strip())
            continue
        result["unparsed"].append(line)
    clock = clock or header_clock
    if clock is None:
        return unrecognised(result, COMMAND, errors, lines)
    if platform not in ("ios", "nxos"):
        platform = "nxos" if source_before_clock else "ios"
    result.update(clock_facts(clock, source, platform))
    return result


def clock_facts(match, source, platform):
    """The normalised keys of one clock match, its time source and the platform."""
    parts = match.groupdict()
    prefix = parts["prefix"]
    seconds = parts["time"].split(".")[0]
    zone = parts["tz"]
    iso = to_iso("%s %s %s %s %s" % (parts["mon"], parts["day"], seconds, parts["year"], zone if zone.isalpha() else ""))
    time_source = source.lower() if source else None
    if prefix == "*":
        authoritative, synchronized = False, False
    elif prefix == ".":
        authoritative, synchronized = True, False
    elif time_source == "none":
        authoritative, synchronized = (None if platform == "nxos" else True), False
    elif platform == "nxos":
        # NX-OS prints no prefix: only the time source tells.
        authoritative = None
        synchronized = True if time_source in SYNC_SOURCES else None
    else:
        authoritative = True
        synchronized = time_source is None or time_source in SYNC_SOURCES
    raw = match.group(0).strip()
    return {
        "time": iso,
        "time_raw": raw,
        "timezone": zone,
        "day_of_week": parts["dow"],
        "time_source": time_source,
        "time_source_raw": source,
        "prefix": prefix,
        "authoritative": authoritative,
        "synchronized": synchronized,
        "platform": platform,
    }
