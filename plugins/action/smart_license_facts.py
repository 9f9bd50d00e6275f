# -*- coding: utf-8 -*-
# Copyright: contributors to smartlic.slp
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Run smartlic.slp.smart_license_facts on the controller.

``state: gathered`` needs the persistent ``network_cli`` connection: netcommon's
network action runs the module in the worker process (no AnsiballZ round
trip) with the connection socket. The platform defaults to the host's
``ansible_network_os``; one this collection does not read (anything but
cisco.ios.ios and cisco.nxos.nxos) fails the task before the connection logs
in. ``state: parsed`` needs no device and runs as a plain module on any
connection.
"""

from __future__ import annotations

from ansible.plugins.action.normal import ActionModule as NormalActionModule
from ansible_collections.ansible.netcommon.plugins.action.network import ActionModule as ActionNetworkModule
from ansible_collections.smartlic.slp.plugins.module_utils import vocabulary


class ActionModule(ActionNetworkModule):
    """netcommon's network action for gathered, the normal action for parsed."""

    def run(self, tmp=None, task_vars=None):
        del tmp  # unused, kept for the ActionBase signature
        task_vars = task_vars or {}
        connection = (self._play_context.connection or "").split(".")[-1]
        state = self._task.args.get("state") or "gathered"
        if state == "gathered":
            if connection != "network_cli":
                return {"failed": True, "msg": "smartlic.slp.smart_license_facts state=gathered needs connection ansible.netcommon.network_cli, not %s; "
                                               "use state=parsed for captures" % self._play_context.connection}
            # An unsupported platform is refused here, before the connection logs in and sends anything.
            network_os = self._play_context.network_os or task_vars.get("ansible_network_os")
            if not vocabulary.normalize_platform(network_os, strict=True):
                return {"failed": True, "msg": vocabulary.unsupported_platform(network_os)}
            if not self._task.args.get("platform"):
                self._task.args["platform"] = str(network_os)
        if connection == "network_cli":
            return super().run(task_vars=task_vars)
        return NormalActionModule.run(self, task_vars=task_vars)
