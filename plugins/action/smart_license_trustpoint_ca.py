# -*- coding: utf-8 -*-
# Copyright: contributors to smartlic.slp
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Run smartlic.slp.smart_license_trustpoint_ca on the controller over the persistent network_cli connection (plugin_utils/network_action.py)."""

from __future__ import annotations

from ansible_collections.smartlic.slp.plugins.plugin_utils.network_action import NetworkCliAction


class ActionModule(NetworkCliAction):
    """Refuses another connection than network_cli or an unsupported platform; hands the module the platform."""

    MODULE = "smartlic.slp.smart_license_trustpoint_ca"
