# -*- coding: utf-8 -*-
# Copyright: contributors to smartlic.slp
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Parse IOS XE ``show ip http client`` (and its ``all`` / ``secure status`` forms).

The output is a list of ``<setting>: <value>`` (or ``<setting> : <value>``)
lines, grouped under headings such as ``HTTP client current connections:``.
Every setting is kept in ``settings`` (snake_case keys, raw values) and the
ones the flows use are normalised (docs/facts.md):

- ``secure_trustpoint``: the ``ip http client secure-trustpoint`` name
  (``HTTP secure client trustpoint: SLA-TrustPoint``, ``Secure trustpoint``…);
- ``source_interface``: the ``ip http client source-interface`` name;
- ``proxy``, ``secure_ciphersuite``, ``vrf``, ``version`` when printed.

An empty or ``None``/``Not configured`` value gives None. Pure Python, no
Ansible imports, never raises.
"""

from __future__ import annotations

import re

from ansible_collections.smartlic.slp.plugins.module_utils.parsers.common import (
    clean, echo_line, is_cli_header, is_device_error, is_prompt_echo, never_raises, new_result, printed_lines, snake, unrecognised,
)

COMMAND = "show ip http client"

# Greedy forms of lazy patterns, which find the same text in fewer steps: a key ends on a non-blank character
# ("[A-Za-z](?:[...]*[...])?" rather than "[A-Za-z][...]*?" before "\s*:"), and a value that runs to the end of the line
# ends on its last non-blank ("(?:.*\S)?" rather than ".*?" before "\s*$"; a line holds no newline).
_PAIR = re.compile(r"^\s*(?P<key>[A-Za-z](?:[A-Za-z0-9 ()\-/_.]*[A-Za-z0-9()\-/_.])?)\s*:\s*(?P<value>(?:.*\S)?)\s*$")
_ECHO = echo_line(r"ip\s+http\s+cl\S*")
_STATE = re.compile(r"^\s*HTTP (?:secure )?client (?:is\s+)?(?P<state>running|not running|enabled|disabled)\.?\s*$", re.IGNORECASE)
_UNSET = ("", "none", "not configured", "not set", "<unknown>", "unknown", "n/a", "-", "not set up")


def _value(raw):
    value = clean(raw)
    if value is None or value.lower() in _UNSET:
        return None
    return value


@never_raises(COMMAND)
def parse(text, platform=None, lines=None):  # pylint: disable=unused-argument
    """``show ip http client`` text → ``{secure_trustpoint, source_interface, settings, ...}``. Never raises."""
    result = new_result()
    settings = {}
    sections = []
    errors = []
    state = None
    lines = printed_lines(text, lines)
    for line in lines:
        stripped = line.strip()
        if is_prompt_echo(stripped) or _ECHO.match(line) or is_cli_header(line):
            continue
        if is_device_error(line):
            errors.append(stripped)
            continue
        if ":" in line:
            match = _PAIR.match(line)
            if match:
                key = snake(match.group("key"))
                if match.group("value"):
                    settings[key] = match.group("value")
                else:
                    sections.append(key)
                continue
        else:
            # A state line holds no colon.
            match = _STATE.match(line)
            if match:
                state = match.group("state").lower() in ("running", "enabled")
                continue
        result["unparsed"].append(line)
    if not settings and not sections and state is None:
        return unrecognised(result, COMMAND, errors, lines)
    result.update({
        "secure_trustpoint": _pick(settings, "trustpoint", ("peer", "server")),
        "source_interface": _pick(settings, "source_interface", ()),
        "secure_ciphersuite": _pick(settings, "ciphersuite", ("server",)),
        "proxy": _pick(settings, "proxy", ()),
        "vrf": _pick(settings, "vrf", ()),
        "version": _pick(settings, "version", ("tls", "server")),
        "running": state,
        "settings": settings,
        "sections": sections,
    })
    return result


def _pick(settings, wanted, excluded):
    """The value of the first setting whose key holds `wanted` and none of `excluded`."""
    for key, value in settings.items():
        if wanted in key and not any(word in key for word in excluded):
            return _value(value)
    return None
