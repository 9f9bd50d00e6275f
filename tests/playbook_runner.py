# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Run real ansible-playbook processes against this checkout.

One place for the environment every test, the demo and the benchmarks use:
this checkout as the only smartlic.slp on the collections path, the cisco and
netcommon collections from the virtual environment, a private ANSIBLE_HOME,
no colours, no retry files, host key checking off (the lab's keys are new on
every start).
"""

from __future__ import annotations

import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.dirname(sys.executable)


def collections_path(workdir):
    """Create workdir/collections/ansible_collections/smartlic/slp -> this checkout; return the collections folder."""
    collections = os.path.join(str(workdir), "collections")
    link = os.path.join(collections, "ansible_collections", "smartlic", "slp")
    if not os.path.lexists(link):
        os.makedirs(os.path.dirname(link), exist_ok=True)
        os.symlink(ROOT, link, target_is_directory=True)
    return collections


def ansible_env(workdir, **extra):
    """Environment for an ansible-playbook run whose files all stay under workdir."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("ANSIBLE_")}
    env.update(
        ANSIBLE_HOME=os.path.join(str(workdir), "ansible-home"),
        ANSIBLE_COLLECTIONS_PATH=collections_path(workdir),
        ANSIBLE_NOCOLOR="1",
        ANSIBLE_FORCE_COLOR="0",
        ANSIBLE_LOCALHOST_WARNING="false",
        ANSIBLE_INVENTORY_UNPARSED_WARNING="false",
        ANSIBLE_RETRY_FILES_ENABLED="false",
        ANSIBLE_HOST_KEY_CHECKING="false",
        ANSIBLE_PERSISTENT_CONNECT_TIMEOUT="120",
        ANSIBLE_PERSISTENT_COMMAND_TIMEOUT="60",
    )
    env.update({key: str(value) for key, value in extra.items()})
    return env


def playbook_command(playbook, *args):
    """The ansible-playbook command line (the venv's binary when there is one)."""
    binary = os.path.join(BIN, "ansible-playbook")
    return [binary if os.path.exists(binary) else "ansible-playbook", playbook] + [str(arg) for arg in args]


def run_playbook(workdir, playbook, *args, timeout=900, env=None):
    """Run ansible-playbook in workdir; return the CompletedProcess (text output, never raises on failure)."""
    environment = ansible_env(workdir, **(env or {}))
    return subprocess.run(playbook_command(playbook, *args), cwd=str(workdir), env=environment, capture_output=True,
                          text=True, timeout=timeout, check=False)
