# -*- coding: utf-8 -*-
# Copyright: contributors to smartlic.slp
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Filter: the remediation roles a host needs, from its findings."""

from __future__ import annotations

DOCUMENTATION = r"""
name: slp_remediation_plan
short_description: The remediation roles a host needs, from its Smart Licensing findings
version_added: 1.0.0
author:
  - smartlic contributors (@smartlic)
description:
  - Maps the actionable findings (critical, error, warning) of a diagnosis to the remediation roles that fix them, in
    the order the fixes must happen (ntp, dns, trustpoint, transport, trust_token, sync), narrowed by O(only) and
    O(skip), and says which roles cannot run for lack of a setting.
  - Used by the playbook C(smartlic.slp.remediate); usable in your own pipelines the same way.
positional: settings, only, skip
options:
  _input:
    description: The findings of a diagnosis (C(diagnose_findings) of the role C(smartlic.slp.diagnose)).
    type: list
    elements: dict
    required: true
  settings:
    description:
      - "The intended settings the roles need: C(ntp_servers) (list), C(name_servers) (list), C(cslu_local_address),
        C(transport_type), C(transport_url), C(has_id_token) (bool: pass whether a token is set, never the token) and
        C(trust_force) (bool)."
    type: dict
    default: {}
  only:
    description: Run only these roles.
    type: list
    elements: str
    default: []
  skip:
    description: Never run these roles.
    type: list
    elements: str
    default: []
"""

EXAMPLES = r"""
- name: Work out what to fix
  ansible.builtin.set_fact:
    plan: >-
      {{ diagnose_findings | smartlic.slp.slp_remediation_plan({'ntp_servers': ['192.0.2.123'],
                                                               'has_id_token': my_token | length > 0}) }}
# plan.roles: [ntp, trust_token]; plan.blocked: {transport: 'set smartlic_transport_type'}
"""

RETURN = r"""
_value:
  description: The plan.
  type: dict
  contains:
    findings:
      description: The actionable findings.
      type: list
      elements: dict
    ids:
      description: Their ids, each once.
      type: list
      elements: str
    wanted:
      description: The roles the findings ask for, in order, after O(only) and O(skip).
      type: list
      elements: str
    blocked:
      description: "Roles that cannot run, and why: C({role: reason})."
      type: dict
    roles:
      description: The roles to run (wanted and not blocked).
      type: list
      elements: str
    cslu_local:
      description: The address C(cslu-local) must resolve to, when the transport relies on it; empty otherwise.
      type: str
    order:
      description:
        - Every remediation role in the order fixes must happen, when at least one role runs; empty otherwise.
        - The playbook C(smartlic.slp.remediate) loops over it and skips the roles not in RV(_value.roles), so that every host
          runs its roles in this order (a looped include is shared between hosts with the same item).
      type: list
      elements: str
"""

from ansible.errors import AnsibleFilterError

from ansible_collections.smartlic.slp.plugins.module_utils.remediation_plan import ROLE_ORDER, plan, unknown_roles
from ansible_collections.smartlic.slp.plugins.plugin_utils.filter_input import need_list, need_mapping


def slp_remediation_plan(findings, settings=None, only=None, skip=None):
    """The remediation plan of one host."""
    findings = need_list("slp_remediation_plan", findings, "the input (findings)")
    settings = need_mapping("slp_remediation_plan", settings, "settings", optional=True)
    only = need_list("slp_remediation_plan", only, "only", optional=True)
    skip = need_list("slp_remediation_plan", skip, "skip", optional=True)
    unknown = unknown_roles(only + skip)
    if unknown:
        raise AnsibleFilterError(
            "slp_remediation_plan: only and skip take role names from %s; unknown: %s" % (", ".join(ROLE_ORDER), ", ".join(map(str, unknown)))
        )
    return plan(findings, settings, only, skip)


class FilterModule:
    """smartlic.slp remediation planning filter."""

    def filters(self):
        return {"slp_remediation_plan": slp_remediation_plan}
