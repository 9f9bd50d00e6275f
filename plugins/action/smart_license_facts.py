# -*- coding: utf-8 -*-
# Copyright: contributors to smartlic.slp
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Run smartlic.slp.smart_license_facts on the controller.

``state: gathered`` needs the persistent ``network_cli`` connection: netcommon's
network action runs the module in the worker process (no AnsiballZ round
trip) with the connection socket. The platform defaults to the host's
``ansible_network_os``; one this collection does not read (anything but
cisco.ios.ios and cisco.nxos.nxos) fails the task before the connection logs
in (plugin_utils/network_action.py). ``state: parsed`` needs no device and
runs as a plain module on any connection.
"""

from __future__ import annotations

from ansible.plugins.action.normal import ActionModule as NormalActionModule
from ansible_collections.ansible.netcommon.plugins.action.network import ActionModule as ActionNetworkModule
from ansible_collections.smartlic.slp.plugins.plugin_utils.network_action import NetworkCliAction


class ActionModule(NetworkCliAction):
    """The network action for gathered, the normal action for parsed."""

    MODULE = "smartlic.slp.smart_license_facts state=gathered"
    CONNECTION_HINT = "; use state=parsed for captures"
    # The module reports the platform as declared (a device that answers like another platform than the one declared).
    SHORT_PLATFORM = False

    def run(self, tmp=None, task_vars=None):
        if (self._task.args.get("state") or "gathered") == "gathered":
            return super().run(tmp, task_vars)
        if self.connection_name() == "network_cli":
            return ActionNetworkModule.run(self, task_vars=task_vars or {})
        return NormalActionModule.run(self, task_vars=task_vars or {})
