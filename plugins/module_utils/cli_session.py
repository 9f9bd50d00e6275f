# -*- coding: utf-8 -*-
# Copyright: contributors to smartlic.slp
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The one session with a device that every device module opens (smart_license_facts, _sync, _trust).

:class:`CliSession` talks to the device over the persistent ``network_cli``
connection (``run_command`` is the one seam unit tests replace):

- ``platform()``: ``ios`` or ``nxos`` from the ``platform`` option, else the cliconf capabilities; any other
  platform fails the task before a command is sent;
- ``gather(commands)``: runs show commands one at a time, recording the commands the device rejected
  (``% Invalid input``) and going on; a lost connection (a timeout, a closed session) stops the session, and the
  commands left are recorded as not run (``lost_message`` says where it failed);
- ``read(command)``: one show command, parsed;
- ``preview_exec`` / ``send_exec``: shows an EXEC command in the diff and in check mode, and sends it, telling
  a device's refusal from a lost connection.
"""

from __future__ import annotations

import ast
import json
import re

from ansible.module_utils.common.text.converters import to_text
from ansible.module_utils.connection import Connection, ConnectionError

from ansible_collections.smartlic.slp.plugins.module_utils import license_actions as actions
from ansible_collections.smartlic.slp.plugins.module_utils.parsers.registry import parse_output
from ansible_collections.smartlic.slp.plugins.module_utils.report import one_line
from ansible_collections.smartlic.slp.plugins.module_utils.vocabulary import is_cli_rejection, normalize_platform, unsupported_platform

NOT_RUN = "not run: "
# network_cli gives a rejected command's answer as the repr of its bytes (b'...').
_BYTES_REPR = re.compile(r"^b(['\"]).*\1$", re.DOTALL)


def _answer_text(error):
    """The device's answer in a connection error, as the device printed it (line ends kept)."""
    message = to_text(error)
    if _BYTES_REPR.match(message):
        try:
            return to_text(ast.literal_eval(message), errors="surrogate_then_replace")
        except (ValueError, SyntaxError):
            return message
    return message


class CliSession:
    """Reads, show commands and EXEC commands of one module run over the persistent connection."""

    def __init__(self, module):
        self.module = module
        self.params = module.params
        self._connection = None
        self._platform = None
        # What gather() read: [(command, output)], {command: error text}, and where a lost connection stopped it.
        self.outputs = []
        self.errors = {}
        self.stopped = None
        self.lost = None
        self.sent = 0

    def _device(self):
        if self._connection is None:
            self._connection = Connection(self.module._socket_path)
        return self._connection

    def run_command(self, command):
        """Send one command over the persistent connection and return its text output."""
        return to_text(self._device().get(command=command), errors="surrogate_then_replace")

    def platform(self):
        """``ios`` or ``nxos``: the ``platform`` option, else the network_os of the cliconf capabilities; fails the task on any other."""
        if self._platform is None:
            name, option = self.params.get("platform"), "platform"
            if not name:
                try:
                    capabilities = json.loads(self._device().get_capabilities())
                except (ConnectionError, ValueError, TypeError) as error:
                    self.module.fail_json(msg="Could not read the device capabilities to tell its platform: %s" % to_text(error))
                name = (capabilities.get("device_info") or {}).get("network_os") or capabilities.get("network_os")
                option = "ansible_network_os"
            self._platform = normalize_platform(name, strict=True)
            if not self._platform:
                self.module.fail_json(msg=unsupported_platform(name, option))
        return self._platform

    def read(self, command):
        """The parsed output of a show command."""
        return parse_output(command, self.run_command(command), self.platform())

    # ------------------------------------------------------------------ show commands of a diagnosis

    def gather(self, commands):
        """Run show commands one at a time into ``outputs`` and ``errors``; after a lost connection, record the rest as not run."""
        for command in commands:
            if self.stopped:
                self.errors[command] = NOT_RUN + self.stopped
                continue
            self.sent += 1
            try:
                answer = self.run_command(command)
            except ConnectionError as error:
                message = _answer_text(error)
                self.errors[command] = message
                if not is_cli_rejection(message):
                    self._lose(command, message)
                continue
            if answer == "None":
                # network_cli returns None, not an error, when the session closes before the prompt comes back, and
                # the cliconf plugin hands that on as the text "None".
                self.errors[command] = "the connection closed before the device answered"
                self._lose(command, self.errors[command])
                continue
            self.outputs.append((command, answer))

    def _lose(self, command, message):
        """A timeout or a broken session leaves the persistent connection unusable for the next commands."""
        first = one_line(message) if message else ""
        self.stopped = "the connection failed on an earlier command (%s): %s" % (command, first)
        self.lost = (command, self.sent, len(self.outputs), first)

    def lost_message(self):
        """Why the session is incomplete (the command and step it failed at), or None."""
        if not self.lost:
            return None
        command, number, read, message = self.lost
        not_run = sum(1 for error in self.errors.values() if error.startswith(NOT_RUN))
        return ("The connection to the device failed at '%s' (command %d, after %d command(s) were read; %d not run): %s. "
                "The session is incomplete, so the device was not diagnosed; run the diagnosis again." % (command, number, read, not_run, message))

    # ------------------------------------------------------------------ EXEC commands

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
