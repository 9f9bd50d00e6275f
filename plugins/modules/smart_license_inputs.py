#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: contributors to smartlic.slp
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Documentation of the smart_license_inputs action (it runs on the controller only)."""

from __future__ import annotations

DOCUMENTATION = r"""
module: smart_license_inputs
short_description: Check the variables of a smartlic.slp role or playbook before anything reaches a device
version_added: 1.0.0
author:
  - smartlic contributors (@smartlic)
description:
  - Reads the variables of the role or playbook named by O(role) or O(playbook) from the host's variables and checks
    each one by type and form (lists, addresses, host names, interface names, URLs, VRF names, file names, choices,
    numbers, booleans). It fails with one line per problem, each naming the variable.
  - A variable that takes a list needs a list; a single value given as text (C(-e ntp_servers=192.0.2.123)) is refused
    with a line that shows how to write it. A required variable that is not set, null or empty is reported as missing.
  - The value of a secret variable (the ID token) is never shown.
  - Every role of smartlic.slp runs it as its first task, and the playbooks C(smartlic.slp.diagnose) and
    C(smartlic.slp.remediate) before anything else. It runs on the controller, opens no connection and sends nothing.
  - The checks themselves are in C(plugins/module_utils/inputs.py); docs/remediation.md lists them.
extends_documentation_fragment:
  - ansible.builtin.action_common_attributes
attributes:
  check_mode:
    support: full
    description: The same checks run in check mode.
  diff_mode:
    support: none
    description: No diff.
  platform:
    platforms: posix
    description: Runs on the controller.
options:
  role:
    description: The role whose variables are checked.
    type: str
    choices: [diagnose, ntp, dns, transport, trustpoint, trust_token, sync]
  playbook:
    description: The playbook whose variables (C(smartlic_*), and the deprecated old names C(slp_*) with a deprecation warning) are checked.
    type: str
    choices: [diagnose, remediate]
notes:
  - Give exactly one of O(role) and O(playbook).
"""

EXAMPLES = r"""
- name: Check the variables of the ntp role
  smartlic.slp.smart_license_inputs:
    role: ntp
# With ntp_servers given as text (-e ntp_servers=192.0.2.123) the task fails with:
#   smartlic.slp.ntp on edge-1: ntp_servers must be a list of addresses or host names, not the text '192.0.2.123':
#   write it as a list, for example [192.0.2.123] in YAML or -e '{"ntp_servers": ["192.0.2.123"]}'
"""

RETURN = r"""
problems:
  description: One line per problem (empty when every variable is usable).
  returned: always
  type: list
  elements: str
"""
