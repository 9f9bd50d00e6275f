# -*- coding: utf-8 -*-
# Copyright: contributors to smartlic.slp
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Filter: diagnose parsed facts and messages."""

from __future__ import annotations

DOCUMENTATION = r"""
name: diagnose
short_description: Diagnose Smart Licensing Using Policy problems from parsed facts
version_added: 1.0.0
author:
  - smartlic contributors (@smartlic)
description:
  - Runs the troubleshooting rules (the vendor chapters for IOS XE and NX-OS) on parsed command outputs and syslog
    messages and returns the findings, worst first, each with its evidence and its fix.
  - The input is the facts dictionary keyed by canonical command (C(show license status), C(show clock), ...) as
    built with C(smartlic.slp.slp_parse), or a whole result of M(smartlic.slp.smart_license_facts) (its C(facts),
    C(messages) and C(platform) are then used unless given).
positional: platform
options:
  _input:
    description: Facts keyed by canonical command, or a result of M(smartlic.slp.smart_license_facts).
    type: dict
    required: true
  platform:
    description: V(ios) or V(nxos) (C(cisco.ios.ios) and C(cisco.nxos.nxos) accepted).
    type: str
  messages:
    description: Syslog messages as returned by C(smartlic.slp.slp_messages).
    type: list
    elements: dict
  intended:
    description:
      - The settings the device should have (C(transport_type), C(transport_url), C(ntp_servers), C(name_servers),
        C(domain_name), C(vrf), C(cslu_local_address), C(topology)).
    type: dict
  slac_text:
    description: The content of a SLAC file, to check its UDIs against C(show license udi).
    type: str
"""

EXAMPLES = r"""
- name: Diagnose outputs collected with ansible.netcommon.cli_command
  ansible.builtin.set_fact:
    findings: "{{ facts | smartlic.slp.diagnose('ios', messages=log | smartlic.slp.slp_messages) }}"
  vars:
    facts:
      show license status: "{{ status_text | smartlic.slp.slp_parse('show license status', 'ios') }}"
      show clock: "{{ clock_text | smartlic.slp.slp_parse('show clock', 'ios') }}"

- name: Diagnose again with the intended NTP servers
  ansible.builtin.debug:
    msg: "{{ slp | smartlic.slp.diagnose(intended={'ntp_servers': ['192.0.2.123']}) | map(attribute='id') }}"
"""

RETURN = r"""
_value:
  description:
    - The findings, each with C(id), C(severity) (critical, error, warning, info), C(title), C(explanation),
      C(evidence) and C(remediation) (C(role), C(action), C(commands), C(manual_steps)).
  type: list
  elements: dict
"""

from ansible.errors import AnsibleFilterError

from ansible_collections.smartlic.slp.plugins.module_utils import module_specs, pipeline, vocabulary
from ansible_collections.smartlic.slp.plugins.plugin_utils.filter_input import need_list, need_mapping, need_platform

NAME = "smartlic.slp.diagnose"


def diagnose(facts, platform=None, messages=None, intended=None, slac_text=None):
    """Findings of the rules engine."""
    facts = need_mapping(NAME, facts, "the input (facts)")
    if isinstance(facts.get("facts"), dict) and ("findings" in facts or "messages" in facts or "platform" in facts):
        result = facts
        facts = result["facts"]
        platform = platform or result.get("platform")
        if messages is None:
            messages = result.get("messages")
    platform = need_platform(NAME, platform, vocabulary.normalize_platform)
    messages = need_list(NAME, messages, "messages", optional=True)
    intended = module_specs.clean_intended(need_mapping(NAME, intended, "intended", optional=True))
    if slac_text is not None and not isinstance(slac_text, str):
        raise AnsibleFilterError("%s: slac_text must be text, not %s" % (NAME, type(slac_text).__name__))
    findings, problems = pipeline.run_rules(facts, [m for m in messages if isinstance(m, dict)], platform, intended,
                                            str(slac_text) if slac_text is not None else None)
    if problems:
        raise AnsibleFilterError("%s: %s" % (NAME, "; ".join(problems)))
    return findings


class FilterModule:
    """smartlic.slp.diagnose"""

    def filters(self):
        return {"diagnose": diagnose}
