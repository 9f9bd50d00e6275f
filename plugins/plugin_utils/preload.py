# -*- coding: utf-8 -*-
# Copyright: contributors to smartlic.slp
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Load the network_cli plugins once in the ansible-playbook process, before it forks its workers.

Ansible forks a worker for every task and host. On a network_cli host the worker creates the connection object
for every task that runs, even one that never talks to the device (``debug``, ``fail``, argument checks), and
with it imports network_cli, its SSH transport and the platform's terminal and cliconf plugins and reads each
one's option documentation (YAML). A fork of a parent that never loaded them repeats this for every task and
host: about half of a small task's controller CPU (docs/performance.md, "Where the controller CPU goes").

The action plugins of this collection call ``network_plugins()`` when Ansible loads them, which it does in the
parent before it forks the task's workers: every later fork inherits the loaded plugins.
"""

from __future__ import annotations

import importlib.util

from ansible.plugins.loader import cliconf_loader, connection_loader, terminal_loader

# The plugins a worker loads for a network_cli task on the platforms this collection reads.
NETWORK_PLUGINS = (
    (connection_loader, ("ansible.netcommon.network_cli", "ansible.netcommon.libssh", "ansible.builtin.paramiko_ssh")),
    (terminal_loader, ("cisco.ios.ios", "cisco.nxos.nxos")),
    (cliconf_loader, ("cisco.ios.ios", "cisco.nxos.nxos")),
)


def installed(name):
    """Whether the collection of plugin ``name`` (namespace.collection.plugin) is installed here.

    Asked first because the loader warns on stderr about a plugin whose collection is missing, and such a
    warning at load time would be noise for a user who has, say, only cisco.ios.
    """
    namespace, collection = name.split(".")[:2]
    if (namespace, collection) == ("ansible", "builtin"):
        return True
    try:
        return importlib.util.find_spec("ansible_collections.%s.%s" % (namespace, collection)) is not None
    except ImportError:
        return False


def network_plugins():
    """Load the plugins of NETWORK_PLUGINS into this process (each at most once; one that cannot load is skipped)."""
    for loader, names in NETWORK_PLUGINS:
        for name in names:
            if not installed(name):
                continue
            try:
                loader.get(name, class_only=True)
            except Exception:  # pylint: disable=broad-except
                # Not installed or broken here: the worker that needs it loads it and reports the error.
                continue
