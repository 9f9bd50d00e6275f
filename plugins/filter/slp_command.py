# -*- coding: utf-8 -*-
# Copyright: contributors to smartlic.slp
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Filter: one line of the command table, rendered for a platform."""

from __future__ import annotations

DOCUMENTATION = r"""
name: slp_command
short_description: One CLI line of the smartlic.slp command table, rendered for a platform
version_added: 1.0.0
author:
  - smartlic contributors (@smartlic)
description:
  - The collection spells every command it sends or recommends in one table (C(plugins/module_utils/commands.py)), one
    entry per command and platform with its first release and its Cisco source. This filter renders one entry with
    the given values, as the roles, the modules and the diagnosis do.
  - An optional part of the line is left out when its value is empty; a required value that is missing shows as
    C(<name>).
positional: platform
options:
  _input:
    description: The key of the entry (for example V(license_smart_trust), V(ip_name_server), V(ntp_server)).
    type: str
    required: true
  platform:
    description: V(ios) or V(nxos) (C(cisco.ios.ios) and C(cisco.nxos.nxos) are accepted).
    type: str
    required: true
"""

EXAMPLES = r"""
- name: The trust line with the token masked
  ansible.builtin.debug:
    msg: "{{ 'license_smart_trust' | smartlic.slp.slp_command('ios', token='********', scope='local', force=true) }}"
# msg: "license smart trust idtoken ******** local force"
"""

RETURN = r"""
_value:
  description: The line.
  type: str
"""

from ansible.errors import AnsibleFilterError
from ansible.module_utils.common.text.converters import to_text

from ansible_collections.smartlic.slp.plugins.module_utils import commands
from ansible_collections.smartlic.slp.plugins.module_utils.vocabulary import normalize_platform
from ansible_collections.smartlic.slp.plugins.plugin_utils.filter_input import native


def slp_command(key, platform, **values):
    """The line of table entry ``key`` on ``platform`` with ``values``."""
    name = normalize_platform(to_text(platform))
    key = to_text(key)
    if name is None or not commands.entry(name, key):
        raise AnsibleFilterError("slp_command: no command %r for platform %r (known: %s)" % (
            key, platform, ", ".join(commands.keys(name or "ios"))))
    return commands.render(name, key, **{to_text(item): native(value) for item, value in values.items()})


class FilterModule:
    """smartlic.slp command table filter."""

    def filters(self):
        return {"slp_command": slp_command}
