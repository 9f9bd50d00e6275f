# -*- coding: utf-8 -*-
# Copyright: contributors to smartlic.slp
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Filter: the configuration lines a remediation role still has to send."""

from __future__ import annotations

DOCUMENTATION = r"""
name: slp_missing_config
short_description: Configuration lines a Smart Licensing remediation role still has to send
version_added: 1.0.0
author:
  - smartlic contributors (@smartlic)
description:
  - Compares a parsed C(show running-config) (as returned by C(smartlic.slp.slp_parse)) with the settings a role
    is asked to apply and returns only what is missing, ordered so that no global line is typed inside a sub-mode.
  - Used by the roles C(smartlic.slp.dns), C(smartlic.slp.transport) and C(smartlic.slp.trustpoint) to decide what to
    send, and again after the change to verify that it took.
positional: role, platform, settings
options:
  _input:
    description: The parsed C(show running-config) (keys C(dns), C(vrf_contexts), C(license_smart), C(call_home), C(http_client), C(pki_trustpoints)).
    type: dict
    required: true
  role:
    description: Which flow to plan.
    type: str
    choices: [dns, transport, trustpoint]
    required: true
  platform:
    description: V(ios) or V(nxos) (C(cisco.ios.ios) and C(cisco.nxos.nxos) are accepted).
    type: str
    required: true
  settings:
    description:
      - "V(dns): C(name_servers) (list), C(domain_name), C(vrf), C(lookup) (bool), C(hosts) (dict name: address)."
      - "V(transport): C(type) (smart, cslu, callhome, off), C(url), C(vrf), C(source_interface), C(callhome_profile)."
      - "V(trustpoint): C(name), C(http_client) (bool)."
    type: dict
    required: true
"""

EXAMPLES = r"""
- name: What the DNS role would still send
  ansible.builtin.debug:
    msg: "{{ running | smartlic.slp.slp_missing_config('dns', 'ios', {'name_servers': ['192.0.2.53'], 'domain_name': 'example.com'}) }}"
  vars:
    running: "{{ running_config_text | smartlic.slp.slp_parse('show running-config', 'ios') }}"
# msg.commands: ["ip domain name example.com", "ip name-server 192.0.2.53"]
"""

RETURN = r"""
_value:
  description: The plan.
  type: dict
  contains:
    commands:
      description: Lines in the order they are sent (parents included, C(exit) between nested blocks).
      type: list
      elements: str
    text:
      description: The same lines as indented configuration text.
      type: str
    blocks:
      description: "The missing lines grouped by parents: C([{parents: [...], lines: [...]}])."
      type: list
      elements: dict
    checks:
      description: Every line compared, with C(missing) and the reason it is needed.
      type: list
      elements: dict
    missing:
      description: True when anything is missing.
      type: bool
    not_sent:
      description:
        - Lines the role would need but this device's release does not have, judged from the C(version) line of the
          running-config and the first release of each line in the collection's command table. They are never sent; each is a
          dict with C(line) and C(why) (what to do instead).
        - For example C(license smart vrf) before IOS XE 17.7, or any C(license smart) line before IOS XE 17.3.2 / NX-OS 10.2(1).
      type: list
      elements: dict
    warnings:
      description: Problems with the input, and one line for each line not sent.
      type: list
      elements: str
"""

from ansible.errors import AnsibleFilterError
from ansible.module_utils.common.text.converters import to_text

from ansible_collections.smartlic.slp.plugins.module_utils.config_plan import missing_config
from ansible_collections.smartlic.slp.plugins.plugin_utils.filter_input import need_mapping


def slp_missing_config(config, role, platform, settings):
    """The missing configuration of ``role`` for ``platform`` given the parsed running-config."""
    config = need_mapping("slp_missing_config", config, "the input (a parsed show running-config)")
    settings = need_mapping("slp_missing_config", settings, "settings")
    if role not in ("dns", "transport", "trustpoint"):
        raise AnsibleFilterError("slp_missing_config: role must be dns, transport or trustpoint, not %r" % (role,))
    return missing_config(role, to_text(platform), config, settings)


class FilterModule:
    """smartlic.slp remediation planning filter."""

    def filters(self):
        return {"slp_missing_config": slp_missing_config}
