# -*- coding: utf-8 -*-
# Copyright: contributors to smartlic.slp
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Filter: the result fact of a remediation role that sends an EXEC command (trust_token, sync)."""

from __future__ import annotations

DOCUMENTATION = r"""
name: slp_exec_result
short_description: The result fact of a Smart Licensing role that sends one EXEC command
version_added: 1.0.0
author:
  - smartlic contributors (@smartlic)
description:
  - Turns what M(smartlic.slp.smart_license_trust) or M(smartlic.slp.smart_license_sync) returned (registered with
    C(failed_when=false)) into the result fact of the role, with the keys and the outcome words every remediation role
    of smartlic.slp uses (C(docs/remediation.md), "Result facts").
  - The module's outcome becomes V(unchanged), V(would_apply), V(applied), V(pending) or V(failed); a command the device
    refused becomes V(refused) with C(rejected), C(device_said), C(applied) and C(not_applied); a module that returned no
    outcome (the session was lost) becomes V(interrupted).
  - Used by the roles C(smartlic.slp.trust_token) and C(smartlic.slp.sync).
positional: check_mode
options:
  _input:
    description: The registered module result.
    type: dict
    required: true
  check_mode:
    description: Whether the play runs in check mode (C(ansible_check_mode)).
    type: bool
    default: false
"""

EXAMPLES = r"""
- name: Keep the result of the trust command
  ansible.builtin.set_fact:
    trust_token_result: "{{ trust_module_result | smartlic.slp.slp_exec_result(ansible_check_mode) }}"
"""

RETURN = r"""
_value:
  description:
    - C(changed), C(check_mode), C(outcome), C(commands) (sent or, in check mode, would be sent), C(sent), C(would_run),
      C(interrupted), C(rejected), C(device_said), C(applied), C(not_applied), C(pending), C(failures), C(manual_steps)
      and C(msg).
  type: dict
"""

from ansible.module_utils.parsing.convert_bool import boolean

from ansible_collections.smartlic.slp.plugins.module_utils.remediation_plan import exec_result
from ansible_collections.smartlic.slp.plugins.plugin_utils.filter_input import need_mapping


def slp_exec_result(module_result, check_mode=False):
    """The role's result fact from the module's result."""
    return exec_result(need_mapping("slp_exec_result", module_result, "the input (a registered module result)"),
                       boolean(check_mode, strict=False))


class FilterModule:
    """smartlic.slp EXEC role result filter."""

    def filters(self):
        return {"slp_exec_result": slp_exec_result}
