# -*- coding: utf-8 -*-
# Copyright: contributors to smartlic.slp
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The device side of the modules that send one EXEC command (smart_license_sync, smart_license_trust).

:class:`CliSession` reads the device over the persistent ``network_cli``
connection (``run_command`` is the one seam unit tests replace), tells the
platform from the cliconf capabilities, shows an EXEC command in the diff
and in check mode, and sends it, telling a device's refusal (``% Invalid
input``) from a lost connection.
"""

from __future__ import annotations

import json

from ansible.module_utils.common.text.converters import to_text
from ansible.module_utils.connection import Connection, ConnectionError

from ansible_collections.smartlic.slp.plugins.module_utils import license_actions as actions
from ansible_collections.smartlic.slp.plugins.module_utils.parsers.registry import normalize_platform, parse_output


class CliSession:
    """Reads and EXEC commands of one module run over the persistent connection."""

    def __init__(self, module):
        self.module = module
        self.params = module.params
        self._connection = None
        self._platform = None

    def _device(self):
        if self._connection is None:
            self._connection = Connection(self.module._socket_path)
        return self._connection

    def run_command(self, command):
        """Send one command over the persistent connection and return its text output."""
        return to_text(self._device().get(command=command), errors="surrogate_then_replace")

    def platform(self):
        """``ios`` or ``nxos``: the ``platform`` option, else the cliconf capabilities."""
        if self._platform is None and self.params.get("platform"):
            self._platform = self.params["platform"]
        if self._platform is None:
            capabilities = json.loads(self._device().get_capabilities())
            self._platform = normalize_platform(capabilities.get("device_info", {}).get("network_os")) or "ios"
        return self._platform

    def read(self, command):
        """The parsed output of a show command."""
        return parse_output(command, self.run_command(command), self.platform())

    def preview_exec(self, result, shown):
        """Put the EXEC command (as it may be shown) in the diff; in check mode record it as would-run.

        Returns True in check mode: the caller then sends nothing.
        """
        if self.module._diff:
            result["diff"] = {"before": "", "after": shown + "\n", "after_header": "EXEC commands"}
        if self.module.check_mode:
            result.update(changed=True, would_run=[shown], outcome="check_mode", msg="check mode: would run '%s'" % shown)
            return True
        return False

    def send_exec(self, result, command, shown):
        """Send an EXEC command; the lines of the device's refusal ([] when it took it). ``result`` says which.

        A ConnectionError whose text is not a refusal (a lost session) is raised.
        """
        try:
            output = self.run_command(command)
        except ConnectionError as error:
            # The play's terminal error patterns matched the answer (for example % Invalid input): a refusal, not a lost connection.
            output = actions.error_text(to_text(error))
            if not actions.refused_lines(output):
                raise
        result.update(changed=True, commands=[shown])
        refused = actions.refused_lines(output)
        if refused:
            result.update(changed=False, outcome="failed", msg="the device refused '%s': %s" % (shown, "; ".join(refused)))
        return refused
