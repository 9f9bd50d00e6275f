# -*- coding: utf-8 -*-
# Copyright: contributors to smartlic.slp
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Parse IOS XE ``show call-home profile all``.

One block per profile::

    Profile Name: CiscoTAC-1
        Profile status: ACTIVE
        Reporting Data: Smart Call Home, Smart Licensing
        Transport Method: http
        HTTP  address: https://tools.cisco.com/its/service/oddce/services/DDCEService
        Email address(es): a@example.com
                           b@example.com
        Periodic inventory info message is scheduled every 1 day of the month at 09:00
        Alert-group               Severity
        ------------------------  ------------
        crash                     debugging

The short form some documents show (``Profile: CiscoTAC-1 (status: ACTIVE)``,
``Destination URL(s): …``, ``Smart-license messages: enabled``, as printed by
``show call-home smart-licensing``) is read too.

Result (docs/facts.md): ``{profiles: {name: {status, active, transport_method,
http_addresses, email_addresses, other_addresses, mode, reporting_data,
smart_licensing, message_format, message_size_limit, periodic, alert_groups,
syslog_patterns, fields}}, smart_license_messages}``. ``Not yet set up`` and
``N/A`` give empty lists.

Pure Python, no Ansible imports, never raises.
"""

from __future__ import annotations

import re

from ansible_collections.smartlic.slp.plugins.module_utils.parsers.common import (
    clean, echo_line, is_cli_header, is_device_error, is_prompt_echo, never_raises, new_result, printed_lines, snake, to_bool, to_int, unrecognised,
)

COMMAND = "show call-home profile all"

# Greedy forms of lazy patterns, which find the same text in fewer steps: a key ends on a non-blank character
# ("[A-Za-z](?:[...]*[...])?" rather than "[A-Za-z][...]*?" before "\s*:"), and a value that runs to the end of the line
# ends on its last non-blank ("(?:.*\S)?" rather than ".*?" before "\s*$"; a line holds no newline).
_PROFILE = re.compile(r"^\s*Profile Name\s*:\s*(?P<name>\S(?:.*\S)?)\s*$", re.IGNORECASE)
_SHORT_PROFILE = re.compile(r"^\s*Profile\s*:\s*(?P<name>\S+)\s*\(status:\s*(?P<status>[^)]*)\)\s*$", re.IGNORECASE)
_PAIR = re.compile(r"^(?P<indent>\s*)(?P<key>[A-Za-z](?:[A-Za-z0-9 ()\-/]*[A-Za-z0-9()\-/])?)\s*:\s*(?P<value>(?:.*\S)?)\s*$")
_PERIODIC = re.compile(r"^\s*Periodic\s+(?P<kind>\S+)\s+info message is scheduled\s+(?P<when>.*?)\s+at\s+(?P<time>\d{1,2}:\d{2})\s*$", re.IGNORECASE)
_TABLE_HEADER = re.compile(r"^\s*(?P<kind>Alert-group|Syslog-Pattern)\s+Severity\s*$", re.IGNORECASE)
_DASHES = re.compile(r"^\s*-{3,}(?:\s+-{3,})*\s*$")
_ECHO = echo_line(r"call\S*")
_SHORT_HEADER = re.compile(r"^\s*Current smart-licensing transport settings\s*:?\s*$", re.IGNORECASE)
_LIST_SEPARATORS = re.compile(r"[,\s]+")
_EMPTY_WORDS = ("not yet set up", "n/a", "none", "")

# "Key:" of a profile → the list field its values go to (continuation lines included).
LIST_FIELDS = {
    "http_address": "http_addresses", "http_addresses": "http_addresses", "http_address_es": "http_addresses",
    "destination_url_s": "http_addresses", "email_address_es": "email_addresses", "email_addresses": "email_addresses",
    "email_address": "email_addresses", "other_address_es": "other_addresses", "other_addresses": "other_addresses",
}


def _new_profile(name):
    return {"name": name, "status": None, "active": None, "mode": None, "reporting_data": None, "smart_licensing": None,
            "message_format": None, "message_size_limit": None, "transport_method": None, "http_addresses": [], "email_addresses": [],
            "other_addresses": [], "periodic": {}, "alert_groups": {}, "syslog_patterns": {}, "fields": {}}


@never_raises(COMMAND)
def parse(text, platform=None, lines=None):  # pylint: disable=unused-argument
    """``show call-home profile all`` text → ``{profiles: {name: {...}}}``. Never raises."""
    result = new_result()
    profiles = {}
    profile = None
    last_list = None
    table = None
    errors = []
    messages = None
    lines = printed_lines(text, lines)
    for line in lines:
        stripped = line.strip()
        match = _PROFILE.match(line) or _SHORT_PROFILE.match(line)
        if match:
            name = match.group("name")
            profile = profiles.setdefault(name, _new_profile(name))
            if "status" in match.groupdict() and match.group("status"):
                _set_status(profile, match.group("status"))
            last_list, table = None, None
            continue
        if is_prompt_echo(stripped) or _ECHO.match(line) or _SHORT_HEADER.match(line) or is_cli_header(line):
            continue
        if is_device_error(line):
            errors.append(stripped)
            continue
        pair = _PAIR.match(line)
        if pair and pair.group("value").startswith("//"):
            pair = None  # a URL continuing the list above
        key = snake(pair.group("key")) if pair else None
        if key == "smart_license_messages":
            messages = to_bool(pair.group("value"))
            continue
        if profile is None:
            result["unparsed"].append(line)
            continue
        match = _TABLE_HEADER.match(line)
        if match:
            table = "alert_groups" if match.group("kind").lower().startswith("alert") else "syslog_patterns"
            last_list = None
            continue
        if _DASHES.match(line):
            continue
        match = _PERIODIC.match(line)
        if match:
            profile["periodic"][snake(match.group("kind"))] = {"scheduled": match.group("when"), "time": match.group("time")}
            table, last_list = None, None
            continue
        # The words are needed only for a table row (two words: name and severity) or a list continuation (one word).
        words = stripped.split() if table or last_list else ()
        row = table and len(words) == 2
        if pair and not (row and ":" not in words[0]):
            table = None
            last_list = _set_field(profile, key, pair.group("value"))
            continue
        if row:
            if words[0].upper() != "N/A":
                profile[table][words[0]] = words[1]
            continue
        if last_list and len(words) == 1:
            _add_values(profile[last_list], stripped)
            continue
        result["unparsed"].append(line)
    if not profiles and messages is None:
        return unrecognised(result, COMMAND, errors, lines)
    result["profiles"] = profiles
    result["smart_license_messages"] = messages
    return result


def _set_status(profile, status):
    profile["status"] = clean(status)
    word = (profile["status"] or "").lower()
    profile["active"] = True if word == "active" else (False if word in ("inactive", "disabled") else None)


def _add_values(target, value):
    for item in _LIST_SEPARATORS.split(value or ""):
        if item and item.lower() not in _EMPTY_WORDS and item not in target:
            target.append(item)


def _set_field(profile, name, value):
    """Store one 'Key: value' of a profile (`name`: the key in snake_case); the list field name when the key takes continuation lines."""
    profile["fields"][name] = value
    if name in LIST_FIELDS:
        if (value or "").strip().lower() not in _EMPTY_WORDS:
            _add_values(profile[LIST_FIELDS[name]], value)
        return LIST_FIELDS[name]
    if name == "profile_status":
        _set_status(profile, value)
    elif name == "profile_mode":
        profile["mode"] = clean(value)
    elif name == "reporting_data":
        profile["reporting_data"] = clean(value)
        profile["smart_licensing"] = "smart licensing" in (value or "").lower()
    elif name == "preferred_message_format":
        profile["message_format"] = clean(value)
    elif name == "message_size_limit":
        profile["message_size_limit"] = to_int(value)
    elif name == "transport_method":
        profile["transport_method"] = clean(value)
    return None
