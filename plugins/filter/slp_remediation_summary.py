# -*- coding: utf-8 -*-
# Copyright: contributors to smartlic.slp
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Filter: what came of a host's remediation."""

from __future__ import annotations

DOCUMENTATION = r"""
name: slp_remediation_summary
short_description: What came of a host's Smart Licensing remediation
version_added: 1.0.0
author:
  - smartlic contributors (@smartlic)
description:
  - Combines a plan of C(smartlic.slp.slp_remediation_plan), what each role returned, the failures caught and the
    findings of the second diagnosis into the host's summary, as written by the playbook C(smartlic.slp.remediate).
  - A configuration role (ntp, dns, trustpoint, transport) whose findings the second diagnosis still reports counts
    as failed, whatever it sent, unless the role reported its fix C(pending) (the device took it; the effect, such as
    NTP synchronisation or an ACK from CSSM, has not arrived yet).
positional: host, results, failures, findings_after, check_mode, report_dir
options:
  _input:
    description: The plan.
    type: dict
    required: true
  host:
    description: The host's name.
    type: str
    required: true
  results:
    description: "What each role returned: C({role: <role>_result})."
    type: dict
    default: {}
  failures:
    description: "The error caught while a role ran: C({role: message})."
    type: dict
    default: {}
  findings_after:
    description: The findings of the second diagnosis; omit (or V(null)) when there was none.
    type: list
    elements: dict
  check_mode:
    description: Whether the run was in check mode (statuses become C(would_change)).
    type: bool
    default: false
  report_dir:
    description: Where the reports are, named in failure reasons.
    type: str
    default: ""
"""

EXAMPLES = r"""
- name: Summarise this host
  ansible.builtin.set_fact:
    summary: "{{ plan | smartlic.slp.slp_remediation_summary(inventory_hostname, {'ntp': ntp_result}, {}, diagnose_findings) }}"
"""

RETURN = r"""
_value:
  description: The summary.
  type: dict
  contains:
    host:
      description: The host.
      type: str
    check_mode:
      description: Whether nothing was sent.
      type: bool
    findings_before:
      description: Actionable finding ids of the first diagnosis.
      type: list
      elements: str
    findings_after:
      description: Actionable finding ids of the second diagnosis (the first when there was none).
      type: list
      elements: str
    fixed:
      description: Finding ids gone after the fixes.
      type: list
      elements: str
    remaining:
      description: Finding ids still there.
      type: list
      elements: str
    roles:
      description:
        - "Per role: C(status) (ok, changed, would_change, failed, blocked, pending, deferred), C(commands), C(reason), C(msg),
          C(manual_steps), and for pending and deferred C(recheck_after) (when to run C(smartlic.slp.diagnose) again)."
        - C(pending) means the device took the fix and its effect has not shown yet; C(deferred) that the role did not run
          because it needs a synchronised clock and the host's ntp fix is pending.
      type: dict
    failed:
      description: The roles that failed.
      type: list
      elements: str
    pending:
      description: The roles whose fix is pending or deferred (not failed).
      type: list
      elements: str
    manual:
      description: Findings a person must handle (C(id), C(severity), C(title), C(why), C(action), C(manual_steps)).
      type: list
      elements: dict
    lines:
      description: One line per role and per manual finding.
      type: list
      elements: str
"""

from ansible.module_utils.parsing.convert_bool import boolean

from ansible_collections.smartlic.slp.plugins.module_utils.remediation_plan import summarize
from ansible_collections.smartlic.slp.plugins.plugin_utils.filter_input import need_list, need_mapping


def slp_remediation_summary(the_plan, host, results=None, failures=None, findings_after=None, check_mode=False, report_dir=""):
    """The remediation summary of one host."""
    name = "slp_remediation_summary"
    return summarize(
        str(host),
        need_mapping(name, the_plan, "the input (a plan)"),
        need_mapping(name, results, "results", optional=True),
        need_mapping(name, failures, "failures", optional=True),
        None if findings_after is None else need_list(name, findings_after, "findings_after"),
        boolean(check_mode, strict=False),
        str(report_dir or ""),
    )


class FilterModule:
    """smartlic.slp remediation summary filter."""

    def filters(self):
        return {"slp_remediation_summary": slp_remediation_summary}
