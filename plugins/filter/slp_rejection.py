# -*- coding: utf-8 -*-
# Copyright: contributors to smartlic.slp
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Filter: which line a device rejected, and what was applied and what was not."""

from __future__ import annotations

DOCUMENTATION = r"""
name: slp_rejection
short_description: Which line a device rejected, and what that leaves applied and not applied
version_added: 1.0.0
author:
  - smartlic contributors (@smartlic)
description:
  - Reads the error of a task that sent lines to a device (the CLI plugins stop at the first line the device refuses
    and hand over its answer, the echo of the line and the device's C(% ...) error) and names the rejected line among
    the lines the task sends, in order.
  - The lines before it were applied; the rejected line and the ones after it were not (the plugins send nothing
    after a refused line).
  - Used by the internal role C(config_lines) (roles C(dns), C(transport), C(trustpoint)) and the role C(ntp) when a
    line is refused, and by the remediation summary.
positional: sequence, saved_last
options:
  _input:
    description: The error message of the failed task (C(ansible_failed_result.msg)).
    type: raw
    required: true
  sequence:
    description: Every line the task sends, in order (the save last, when there is one).
    type: list
    elements: str
    required: true
  saved_last:
    description: The last line of O(sequence) saves the configuration (the summary then says that applied lines are not saved).
    type: bool
    default: false
"""

EXAMPLES = r"""
- name: Say what took
  ansible.builtin.debug:
    msg: "{{ (ansible_failed_result.msg | smartlic.slp.slp_rejection(['ip name-server 192.0.2.53', 'copy running-config startup-config'], true)).summary }}"
"""

RETURN = r"""
_value:
  description: What the refusal leaves.
  type: dict
  contains:
    rejected:
      description: The line the device refused; V(null) when the error names none of the lines (a lost connection, a timeout).
      type: str
    device_said:
      description: The device's error lines (C(% Invalid input detected at '^' marker.)), joined with C(; ).
      type: str
    applied:
      description: The lines before the rejected one (V(null) when the rejected line is not known).
      type: list
      elements: str
    not_applied:
      description: The rejected line and the lines after it (V(null) when the rejected line is not known).
      type: list
      elements: str
    answer:
      description: The error on one line (its first line, and the device's words when they come later).
      type: str
    summary:
      description: One line for people (V(null) when the rejected line is not known).
      type: str
"""

from ansible.module_utils.parsing.convert_bool import boolean

from ansible_collections.smartlic.slp.plugins.module_utils.rejection import describe, rejection
from ansible_collections.smartlic.slp.plugins.plugin_utils.filter_input import native, need_list


def slp_rejection(message, sequence, saved_last=False):
    """The rejected line of ``sequence`` named by ``message``, and what was applied and what was not."""
    found = rejection(native(message), need_list("slp_rejection", sequence, "sequence"))
    found["summary"] = describe(found, boolean(saved_last, strict=False)) if found["rejected"] else None
    return found


class FilterModule:
    """smartlic.slp rejection filter."""

    def filters(self):
        return {"slp_rejection": slp_rejection}
