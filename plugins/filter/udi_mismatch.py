# -*- coding: utf-8 -*-
# Copyright: contributors to smartlic.slp
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Filter: the UDIs that differ between a SLAC file and the device."""

from __future__ import annotations

DOCUMENTATION = r"""
name: udi_mismatch
short_description: UDIs that differ between a Smart License Authorization Code (SLAC) file and the device
version_added: 1.0.0
author:
  - smartlic contributors (@smartlic)
description:
  - The check of the vendor chapter for C(AUTHORIZATION_INSTALL_FAILED) "UDI mismatch" - every UDI in the
    authorization code file (C(<udi>P:CSR1000V,S:9D1YXJM3LKC</udi>)) must match a UDI of the product instance
    (C(show license udi), all members of a High Availability set-up).
  - Returns the UDIs found on one side only, compared by serial number. An empty list means the file fits the device.
positional: udi
options:
  _input:
    description: The content of the SLAC file.
    type: str
    required: true
  udi:
    description:
      - The parsed C(show license udi) (C(smartlic.slp.slp_parse)), or facts keyed by command holding it, or a result of
        M(smartlic.slp.smart_license_facts).
    type: dict
    required: true
"""

EXAMPLES = r"""
- name: Check a SLAC file before installing it
  ansible.builtin.assert:
    that: differing | length == 0
    fail_msg: "Generate the SLAC again for the device's UDIs; these differ: {{ differing | map(attribute='udi') | join(', ') }}"
  vars:
    udi: "{{ udi_output.stdout[0] | smartlic.slp.slp_parse('show license udi', 'ios') }}"
    differing: "{{ lookup('ansible.builtin.file', 'slac_edge-1.xml') | smartlic.slp.udi_mismatch(udi) }}"
"""

RETURN = r"""
_value:
  description:
    - One entry per differing UDI, C(udi) (C(PID:x,SN:y)) and C(where) - V(file) (in the SLAC file, not on the device)
      or V(device) (on the device, missing from the file).
  type: list
  elements: dict
"""

from ansible.errors import AnsibleFilterError

from ansible_collections.smartlic.slp.plugins.module_utils.rules.authorization import slac_udis, udi_differences
from ansible_collections.smartlic.slp.plugins.module_utils.rules.context import Context
from ansible_collections.smartlic.slp.plugins.plugin_utils.filter_input import need_mapping, need_text

NAME = "smartlic.slp.udi_mismatch"
UDI_COMMAND = "show license udi"


def _udi_facts(data):
    """The facts dict holding 'show license udi', from any of the accepted input shapes."""
    if isinstance(data.get("facts"), dict):
        data = data["facts"]
    if isinstance(data.get(UDI_COMMAND), dict):
        return data
    if "entries" in data:
        return {UDI_COMMAND: data}
    return data


def udi_mismatch(slac_text, udi):
    """[{'udi', 'where'}] of the UDIs found only in the file or only on the device."""
    slac_text = need_text(NAME, slac_text, "the input (SLAC file content)")
    facts = _udi_facts(need_mapping(NAME, udi, "the udi argument"))
    if not slac_udis(slac_text):
        raise AnsibleFilterError("%s: no <udi>P:...,S:...</udi> element found in the SLAC text" % NAME)
    ctx = Context(facts, [], None, slac_text=slac_text)
    if not ctx.udis():
        raise AnsibleFilterError("%s: the udi argument holds no UDI (give the parsed 'show license udi')" % NAME)
    diff = udi_differences(ctx)
    return [{"udi": value, "where": "file"} for value in diff["only_in_file"]] + [{"udi": value, "where": "device"} for value in diff["only_on_device"]]


class FilterModule:
    """smartlic.slp.udi_mismatch"""

    def filters(self):
        return {"udi_mismatch": udi_mismatch}
