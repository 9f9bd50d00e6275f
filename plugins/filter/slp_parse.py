# -*- coding: utf-8 -*-
# Copyright: contributors to smartlic.slp
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Filter: parse the output of one licensing command."""

from __future__ import annotations

DOCUMENTATION = r"""
name: slp_parse
short_description: Parse the output of a Smart Licensing related show command
version_added: 1.0.0
author:
  - smartlic contributors (@smartlic)
description:
  - Turns the text output of one command (C(show license status), C(show license udi), C(show clock),
    C(show running-config), C(ping ...), ...) into the dictionary described in the collection's C(docs/facts.md).
  - Abbreviated commands are understood (C(sh lic stat)). Output of another command than the one named gives
    an empty result with a warning in C(warnings); lines not understood are kept in C(unparsed).
positional: command, platform
options:
  _input:
    description: The output text of the command (a string, or a list of lines).
    type: raw
    required: true
  command:
    description: The command that printed the text, as typed.
    type: str
    required: true
  platform:
    description: V(ios) or V(nxos) (C(cisco.ios.ios) and C(cisco.nxos.nxos) accepted). Some commands differ per platform.
    type: str
"""

EXAMPLES = r"""
- name: Parse show license status
  ansible.builtin.set_fact:
    status: "{{ status_output.stdout[0] | smartlic.slp.slp_parse('show license status', 'ios') }}"

- name: Read the ACK deadline
  ansible.builtin.debug:
    msg: "{{ status.usage_reporting.next_ack_deadline }}"

- name: Parse a filtered running-config from a file
  ansible.builtin.debug:
    msg: "{{ lookup('ansible.builtin.file', 'ntp.txt') | smartlic.slp.slp_parse('sh run | section ntp') }}"
"""

RETURN = r"""
_value:
  description:
    - The parsed output. Always holds C(unparsed) (lines not understood) and C(warnings), and
      C(command_info) (the canonical command, whether a pipe filtered the output).
  type: dict
"""

from ansible.errors import AnsibleFilterError

from ansible_collections.smartlic.slp.plugins.module_utils.parsers import registry
from ansible_collections.smartlic.slp.plugins.plugin_utils.filter_input import need_platform, need_text

NAME = "smartlic.slp.slp_parse"


def slp_parse(text, command, platform=None):
    """Parsed dict of one command's output."""
    text = need_text(NAME, text)
    if not isinstance(command, str) or not command.strip():
        raise AnsibleFilterError("%s: the command must be a non-empty string, not %r" % (NAME, command))
    return registry.parse_output(str(command), text, need_platform(NAME, platform, registry.normalize_platform))


class FilterModule:
    """smartlic.slp.slp_parse"""

    def filters(self):
        return {"slp_parse": slp_parse}
