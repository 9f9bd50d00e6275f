# -*- coding: utf-8 -*-
# Copyright: contributors to smartlic.slp
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Run smartlic.slp.smart_license_trust on the controller over the persistent network_cli connection."""

from __future__ import annotations

from ansible_collections.ansible.netcommon.plugins.action.network import ActionModule as ActionNetworkModule


class ActionModule(ActionNetworkModule):
    """netcommon's network action: the module runs locally and talks to the device through the connection socket.

    The platform (ios / nxos) comes from ansible_network_os unless the task sets it, so the module needs no capabilities round trip.
    """

    def run(self, tmp=None, task_vars=None):
        del tmp  # unused, kept for the ActionBase signature
        connection = (self._play_context.connection or "").rsplit(".", maxsplit=1)[-1]
        if connection != "network_cli":
            return {"failed": True,
                    "msg": "smartlic.slp.smart_license_trust needs connection ansible.netcommon.network_cli, not %s" % self._play_context.connection}
        if not self._task.args.get("platform"):
            network_os = str(self._play_context.network_os or (task_vars or {}).get("ansible_network_os") or "").rsplit(".", maxsplit=1)[-1]
            if network_os in ("ios", "nxos"):
                self._task.args["platform"] = network_os
        return super().run(task_vars=task_vars)
