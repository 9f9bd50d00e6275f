# -*- coding: utf-8 -*-
# Copyright: contributors to smartlic.slp
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""cli_parse engine: parse Smart Licensing outputs with smartlic.slp's parsers.

Picked with ``parser: {name: smartlic.slp.slp}`` in ``ansible.utils.cli_parse``
(its loader maps ``<namespace>.<collection>.<name>`` to
``plugins/sub_plugins/cli_parser/<name>_parser.py``).
"""

from __future__ import annotations

DOCUMENTATION = r"""
author: smartlic contributors (@smartlic)
name: slp
short_description: Define configurable options for the B(slp) sub-plugin of M(ansible.utils.cli_parse)
description:
  - Parses the output of Smart Licensing related commands (C(show license status), C(show license udi),
    C(show license usage), C(show clock), C(show ntp associations), C(show running-config), C(ping ...), ...)
    on IOS XE and NX-OS with the parsers of smartlic.slp, into the dictionaries its C(docs/facts.md) describes.
  - Select it with C(parser.name=smartlic.slp.slp). C(parser.command) (or the task's C(command)) names the command;
    C(parser.os) (or C(ansible_network_os)) the platform. No template is used.
  - A command without a parser fails the task; output of another command gives an empty result with a warning in
    C(parsed.warnings).
version_added: 1.0.0
"""

EXAMPLES = r"""
- name: Run a command on the device and parse it
  ansible.utils.cli_parse:
    command: show license status
    parser:
      name: smartlic.slp.slp
  register: status

- name: Parse text already collected
  ansible.utils.cli_parse:
    text: "{{ lookup('ansible.builtin.file', 'captures/show_license_udi.txt') }}"
    parser:
      name: smartlic.slp.slp
      command: show license udi
      os: ios
    set_fact: license_udi
"""

from ansible_collections.ansible.utils.plugins.plugin_utils.base.cli_parser import CliParserBase

from ansible_collections.smartlic.slp.plugins.module_utils.parsers import registry


class CliParser(CliParserBase):
    """Parse one command's output with the smartlic.slp parser registry."""

    DEFAULT_TEMPLATE_EXTENSION = None
    PROVIDE_TEMPLATE_CONTENTS = False

    def _platform(self):
        parser = self._task_args.get("parser") or {}
        platform = parser.get("os") or (self._task_vars or {}).get("ansible_network_os")
        return registry.normalize_platform(platform)

    def parse(self, *_args, **_kwargs):
        """{"parsed": dict} or {"errors": [text]} as cli_parse expects."""
        parser = self._task_args.get("parser") or {}
        command = parser.get("command") or self._task_args.get("command")
        text = self._task_args.get("text")
        if not command:
            return {"errors": ["smartlic.slp.slp needs parser.command (or command) to know which parser to use"]}
        if text is None:
            text = ""
        if not isinstance(text, str):
            return {"errors": ["smartlic.slp.slp parses text, not %s" % type(text).__name__]}
        platform = self._platform()
        if not registry.canonical_command(command, platform):
            return {"errors": ["smartlic.slp.slp has no parser for '%s'" % command]}
        self._debug("smartlic.slp.slp: parsing '%s' (%s)" % (command, platform or "platform from content"))
        return {"parsed": registry.parse_output(command, str(text), platform)}
