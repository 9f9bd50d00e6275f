# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Start and stop a lab from tests, the demo and the benchmarks.

    with start_lab(scenarios, tmp_path) as lab:
        run ansible-playbook -i lab.inventory ...
        lab.state("edge-1")["running_config"], lab.commands("edge-1")

scenarios is a folder of scenario files or a list of scenario dicts. The lab
runs as a subprocess (`python -m tests.lab serve`); its stderr goes to
<workdir>/lab.log.
"""

from __future__ import annotations

import json
import os
import select
import signal
import subprocess
import sys
import time

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
READY = "lab ready:"


def lasting_state(state):
    """The part of a device's state file that only commands change: configurations and the license model, without
    the model's wall clock (it moves on by itself). A check-mode run must leave it exactly as it was."""
    license_state = {key: value for key, value in state["license"].items() if key != "real_time"}
    return {"running_config": state["running_config"], "startup_config": state["startup_config"], "license": license_state}


class LabError(RuntimeError):
    """The lab did not start."""


class Lab:
    """A running lab subprocess and the files it writes."""

    def __init__(self, process, workdir, inventory, state_dir, log_path):
        self.process = process
        self.workdir = workdir
        self.inventory = inventory
        self.state_dir = state_dir
        self.log_path = log_path
        self._hosts = {}
        with open(inventory, encoding="utf-8") as handle:
            data = yaml.safe_load(handle)
        for group in ("ios", "nxos"):
            for host, variables in ((data["all"]["children"].get(group) or {}).get("hosts") or {}).items():
                self._hosts[host] = variables

    @property
    def pid(self):
        return self.process.pid

    def hosts(self):
        """Host names, IOS XE first, as in the inventory."""
        return list(self._hosts)

    def host_vars(self, host):
        return dict(self._hosts[host])

    def platform(self, host):
        """ios or nxos."""
        return self._hosts[host]["ansible_network_os"].rsplit(".", 1)[-1]

    def port(self, host):
        return self._hosts[host]["ansible_port"]

    def state(self, host):
        """The device's state file: hostname, platform, running_config, startup_config, license, commands."""
        with open(os.path.join(self.state_dir, "%s.json" % host), encoding="utf-8") as handle:
            return json.load(handle)

    def commands(self, host):
        """Every command the device received, in order (secrets masked)."""
        path = os.path.join(self.state_dir, "%s.commands.log" % host)
        if not os.path.exists(path):
            return []
        with open(path, encoding="utf-8") as handle:
            return handle.read().splitlines()

    def log(self):
        with open(self.log_path, encoding="utf-8", errors="replace") as handle:
            return handle.read()

    def stop(self, timeout=15):
        """SIGTERM the lab and wait; return its exit code."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self.process.stdout:
            self.process.stdout.close()
        return self.process.returncode

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()
        return False


def _write_scenarios(scenarios, folder):
    os.makedirs(folder, exist_ok=True)
    for index, scenario in enumerate(scenarios):
        name = "%04d_%s.yml" % (index, scenario.get("hostname", "device"))
        with open(os.path.join(folder, name), "w", encoding="utf-8") as handle:
            yaml.safe_dump(scenario, handle, default_flow_style=False, sort_keys=False)
    return folder


def start_lab(scenarios, workdir, timeout=180, resume=False):
    """Start a lab for a scenario folder or a list of scenario dicts; return a Lab once every device listens."""
    workdir = os.path.abspath(str(workdir))
    os.makedirs(workdir, exist_ok=True)
    if isinstance(scenarios, (list, tuple)):
        scenario_dir = _write_scenarios(scenarios, os.path.join(workdir, "scenarios"))
    else:
        scenario_dir = os.path.abspath(str(scenarios))
    inventory = os.path.join(workdir, "inventory.yml")
    state_dir = os.path.join(workdir, "state")
    log_path = os.path.join(workdir, "lab.log")
    command = [sys.executable, "-m", "tests.lab", "serve", "--scenario-dir", scenario_dir, "--inventory", inventory,
               "--state-dir", state_dir] + (["--resume"] if resume else [])
    with open(log_path, "w", encoding="utf-8") as log:
        process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=log, text=True)  # pylint: disable=consider-using-with
    deadline = time.monotonic() + timeout
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            process.kill()
            process.wait()
            raise LabError("the lab did not start within %d s; see %s" % (timeout, log_path))
        ready, _w, _x = select.select([process.stdout], [], [], min(remaining, 1.0))
        if ready:
            line = process.stdout.readline()
            if line.startswith(READY):
                break
            if line:
                continue
        if process.poll() is not None:
            with open(log_path, encoding="utf-8", errors="replace") as handle:
                raise LabError("the lab exited with %s: %s" % (process.returncode, handle.read().strip()))
    return Lab(process, workdir, inventory, state_dir, log_path)
