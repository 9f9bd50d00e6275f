# -*- coding: utf-8 -*-
# Copyright: contributors to smartlic.slp
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Filter: the Smart Licensing syslog messages of a text."""

from __future__ import annotations

DOCUMENTATION = r"""
name: slp_messages
short_description: Read the Smart Licensing syslog messages of any text
version_added: 1.0.0
author:
  - smartlic contributors (@smartlic)
description:
  - Finds every IOS XE C(%SMART_LIC-*) and NX-OS C(%LICMGR-*-LOG_SMART_LIC_*) message in a text (a C(show logging)
    buffer, a syslog export, a whole capture) and returns one dictionary per message, oldest first as printed.
  - Each message carries its timestamp (ISO 8601), severity, mnemonic, the platform-neutral event name and the
    variables of the message template (UDI, server, reason, ...).
positional: default_year
options:
  _input:
    description: The text (a string, or a list of lines).
    type: raw
    required: true
  default_year:
    description: The year given to timestamps that print none (IOS C(*Nov 17 18:05:09.580)).
    type: int
"""

EXAMPLES = r"""
- name: Licensing messages of the log buffer
  ansible.builtin.set_fact:
    slp_log: "{{ logging_output.stdout[0] | smartlic.slp.slp_messages(2026) }}"

- name: Communication failures only
  ansible.builtin.debug:
    msg: "{{ slp_log | selectattr('event', 'equalto', 'COMM_FAILED') | map(attribute='text') }}"
"""

RETURN = r"""
_value:
  description:
    - One dictionary per message with C(facility), C(severity), C(mnemonic), C(event), C(platform), C(text),
      C(timestamp), C(variables), C(known) (in the message catalog) and C(raw) (the whole line).
  type: list
  elements: dict
"""

from ansible.errors import AnsibleFilterError

from ansible_collections.smartlic.slp.plugins.module_utils.parsers import syslog
from ansible_collections.smartlic.slp.plugins.plugin_utils.filter_input import need_text

NAME = "smartlic.slp.slp_messages"


def slp_messages(text, default_year=None):
    """Syslog message dicts of a text."""
    text = need_text(NAME, text)
    if default_year is not None:
        try:
            default_year = int(default_year)
        except (TypeError, ValueError):
            raise AnsibleFilterError("%s: default_year must be a year such as 2026, not %r" % (NAME, default_year)) from None
    return syslog.parse_messages(text, default_year)


class FilterModule:
    """smartlic.slp.slp_messages"""

    def filters(self):
        return {"slp_messages": slp_messages}
