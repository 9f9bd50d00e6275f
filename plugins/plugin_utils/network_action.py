# -*- coding: utf-8 -*-
# Copyright: contributors to smartlic.slp
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The action plugin of every smartlic.slp module that talks to a device (smart_license_facts, _sync, _trust)."""

from __future__ import annotations

from ansible_collections.ansible.netcommon.plugins.action.network import ActionModule as ActionNetworkModule
from ansible_collections.smartlic.slp.plugins.module_utils.vocabulary import normalize_platform, unsupported_platform
from ansible_collections.smartlic.slp.plugins.plugin_utils import preload

# Ansible loads the action plugins importing this before it forks their workers, which inherit the network_cli plugins (preload.py).
preload.network_plugins()


class NetworkCliAction(ActionNetworkModule):
    """netcommon's network action: the module runs in the worker process and talks to the device through the connection socket.

    Before the connection logs in, the task is refused when its connection is not network_cli, or when its platform
    (the task's ``platform``, else ansible_network_os) is not one this collection reads. The module gets the platform
    as its ``platform`` option, so it needs no capabilities round trip.
    """

    MODULE = "smartlic.slp"
    # Added to the refusal of another connection than network_cli.
    CONNECTION_HINT = ""
    # The platform handed to the module: its short name (ios, nxos) or, False, as ansible_network_os spells it.
    SHORT_PLATFORM = True

    def connection_name(self):
        """The connection plugin's short name (network_cli for ansible.netcommon.network_cli)."""
        return (self._play_context.connection or "").rsplit(".", maxsplit=1)[-1]

    def session_problem(self, task_vars):
        """The failed task result when the session must not start, else None (the platform option is then set)."""
        if self.connection_name() != "network_cli":
            return {"failed": True, "msg": "%s needs connection ansible.netcommon.network_cli, not %s%s" % (
                self.MODULE, self._play_context.connection, self.CONNECTION_HINT)}
        declared = self._task.args.get("platform")
        name = declared or self._play_context.network_os or task_vars.get("ansible_network_os")
        platform = normalize_platform(name, strict=True)
        if not platform:
            return {"failed": True, "msg": unsupported_platform(name, "platform" if declared else "ansible_network_os")}
        if not declared:
            self._task.args["platform"] = platform if self.SHORT_PLATFORM else str(name)
        return None

    def run(self, tmp=None, task_vars=None):
        del tmp  # unused, kept for the ActionBase signature
        task_vars = task_vars or {}
        return self.session_problem(task_vars) or super().run(task_vars=task_vars)
