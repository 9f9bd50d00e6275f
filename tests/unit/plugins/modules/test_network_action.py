# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The checks the device modules' action plugins make before the connection logs in (plugin_utils/network_action.py)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from ansible_collections.smartlic.slp.plugins.action import smart_license_facts, smart_license_sync, smart_license_trust


def _action(plugin, connection="ansible.netcommon.network_cli", network_os=None, **args):
    """An action plugin of a task with these arguments, without the rest of a play (only the checks are run)."""
    action = object.__new__(plugin.ActionModule)
    action._play_context = SimpleNamespace(connection=connection, network_os=network_os)
    action._task = SimpleNamespace(args=dict(args))
    return action


@pytest.mark.parametrize("plugin", [smart_license_sync, smart_license_trust])
def test_sync_and_trust_get_the_short_platform_of_ansible_network_os(plugin):
    action = _action(plugin, network_os="cisco.nxos.nxos")
    assert action.session_problem({}) is None
    assert action._task.args["platform"] == "nxos"
    action = _action(plugin)
    assert action.session_problem({"ansible_network_os": "cisco.ios.ios"}) is None
    assert action._task.args["platform"] == "ios"


@pytest.mark.parametrize("plugin", [smart_license_facts, smart_license_sync, smart_license_trust])
def test_an_unsupported_platform_is_refused_before_the_login(plugin):
    problem = _action(plugin, network_os="cisco.iosxr.iosxr").session_problem({})
    assert problem == {"failed": True, "msg": "ansible_network_os cisco.iosxr.iosxr is not supported: smartlic.slp reads IOS XE "
                                              "(cisco.ios.ios) and NX-OS (cisco.nxos.nxos) devices only; nothing was sent"}
    problem = _action(plugin, platform="junos").session_problem({})
    assert problem["msg"].startswith("platform junos is not supported")


def test_another_connection_is_refused_with_what_to_use():
    problem = _action(smart_license_sync, connection="ssh", network_os="cisco.ios.ios").session_problem({})
    assert problem == {"failed": True, "msg": "smartlic.slp.smart_license_sync needs connection ansible.netcommon.network_cli, not ssh"}
    problem = _action(smart_license_facts, connection="local").session_problem({})
    assert problem["msg"] == ("smartlic.slp.smart_license_facts state=gathered needs connection ansible.netcommon.network_cli, not local; "
                              "use state=parsed for captures")


def test_facts_keeps_the_declared_spelling():
    """smart_license_facts reports a device that answers like another platform than the one declared, as declared."""
    action = _action(smart_license_facts, network_os="cisco.ios.ios")
    assert action.session_problem({}) is None
    assert action._task.args["platform"] == "cisco.ios.ios"
