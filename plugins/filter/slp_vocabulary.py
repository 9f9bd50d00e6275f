# -*- coding: utf-8 -*-
# Copyright: contributors to smartlic.slp
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Filter: the shared words of the collection that roles need (terminal refusals, URLs, file systems, severities)."""

from __future__ import annotations

DOCUMENTATION = r"""
name: slp_vocabulary
short_description: Shared values of smartlic.slp for roles (terminal refusals, licensing URLs, device file systems)
version_added: 1.0.0
author:
  - smartlic contributors (@smartlic)
description:
  - The roles read these values from the same Python module the plugins use (C(plugins/module_utils/vocabulary.py) and
    the command table C(plugins/module_utils/commands.py)), so that no role spells them again.
positional: platform
options:
  _input:
    description:
      - V(terminal_stderr_re) - the patterns that mean the device refused a command, as C(ansible_terminal_stderr_re).
      - V(smart_url), V(cslu_url), V(callhome_url) - the licensing URLs of the Cisco procedures.
      - V(platform) - the short platform name of O(platform) (an C(ansible_network_os) value such as C(cisco.ios.ios)), V(ios)
        or V(nxos), or an empty string for a platform the collection does not support.
      - V(filesystem) - the default device file system of O(platform) for usage and ACK files.
      - V(severities) - the severities of a finding, worst first; V(actionable) - the ones that ask for action.
      - V(outcomes) - the words of a remediation role's C(<role>_result.outcome), as a dict from each word to itself (a
        misspelt word is an undefined key, not a new word); V(module_outcomes) - the outcomes of C(smart_license_trust)
        and C(smart_license_sync) mapped to those words; V(result) - the keys every remediation role's result holds,
        with their value when nothing happened.
    type: str
    required: true
    choices: [terminal_stderr_re, smart_url, cslu_url, callhome_url, platform, filesystem, severities, actionable, outcomes,
              module_outcomes, result]
  platform:
    description: V(ios) or V(nxos), or an C(ansible_network_os) value; needed for V(platform) and V(filesystem).
    type: str
"""

EXAMPLES = r"""
- name: Run a licensing command with the refusal patterns of the collection
  ansible.netcommon.cli_command:
    command: show license status
  vars:
    ansible_terminal_stderr_re: "{{ 'terminal_stderr_re' | smartlic.slp.slp_vocabulary }}"
"""

RETURN = r"""
_value:
  description: The value (a list of C({pattern}) dicts for V(terminal_stderr_re), a list of words for V(severities) and
    V(actionable), a dict for V(outcomes), V(module_outcomes) and V(result), else a string).
  type: raw
"""

from ansible.errors import AnsibleFilterError
from ansible.module_utils.common.text.converters import to_text

from ansible_collections.smartlic.slp.plugins.module_utils import commands, vocabulary


def slp_vocabulary(name, platform=None):
    """The shared value ``name`` (for ``platform`` where it depends on it)."""
    name = to_text(name)
    if name == "terminal_stderr_re":
        return vocabulary.terminal_stderr_re()
    urls = {"smart_url": vocabulary.SMART_URL, "cslu_url": vocabulary.CSLU_URL, "callhome_url": vocabulary.CALLHOME_URL}
    if name in urls:
        return urls[name]
    if name in ("severities", "actionable"):
        return list(vocabulary.SEVERITIES if name == "severities" else vocabulary.ACTIONABLE)
    if name == "outcomes":
        return {word: word for word in vocabulary.OUTCOMES}
    if name == "module_outcomes":
        return dict(vocabulary.MODULE_OUTCOMES)
    if name == "result":
        return vocabulary.empty_result()
    if name == "platform":
        return vocabulary.normalize_platform(to_text(platform or ""), strict=True) or ""
    if name == "filesystem":
        short = vocabulary.normalize_platform(to_text(platform or ""))
        if short is None:
            raise AnsibleFilterError("slp_vocabulary: filesystem needs the platform ios or nxos, not %r" % (platform,))
        return commands.FILESYSTEM[short]
    raise AnsibleFilterError("slp_vocabulary: unknown name %r (known: terminal_stderr_re, smart_url, cslu_url, callhome_url, platform, filesystem, "
                             "severities, actionable, outcomes, module_outcomes, result)" % (name,))


class FilterModule:
    """smartlic.slp shared vocabulary filter."""

    def filters(self):
        return {"slp_vocabulary": slp_vocabulary}
