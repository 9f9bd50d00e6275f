# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Command line of the lab.

  python -m tests.lab serve --scenario-dir DIR --inventory OUT.yml --state-dir STATE [--resume]

Starts one simulated device per scenario file (*.yml, *.yaml) in DIR, each on
its own 127.0.0.1 port, writes an Ansible inventory for them, keeps
STATE/<host>.json and STATE/<host>.commands.log up to date, prints
"lab ready: N devices" once every device listens, and runs until SIGTERM or
SIGINT (exit 0). A bad scenario stops it with exit 2 and a message naming the file.
"""

from __future__ import annotations

import argparse
import asyncio
import glob
import json
import os
import re
import signal
import sys

import yaml

from tests.lab.server import DeviceFiles, Faults, Lab, build_device, check_host

HOSTNAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$")
STRING_KEYS = ("username", "password", "enable_password", "serial", "pid", "version")
GROUP_VARS = {
    "ansible_host_key_checking": False,
    "ansible_connect_timeout": 120,
    "ansible_command_timeout": 30,
    "ansible_buffer_read_timeout": 0.5,
}


class ScenarioError(Exception):
    """A scenario file that cannot be served."""


def load_scenario(path):
    """Parse and check one scenario file; raise ScenarioError naming the file."""
    try:
        with open(path, encoding="utf-8") as handle:
            data = yaml.safe_load(handle)
    except (OSError, yaml.YAMLError) as error:
        raise ScenarioError("%s: cannot read: %s" % (path, error)) from error
    try:
        return check_scenario(data)
    except ValueError as error:
        raise ScenarioError("%s: %s" % (path, error)) from error


def check_scenario(data):
    """Validate the engine's keys of a scenario dict (the model checks its own); return it."""
    if not isinstance(data, dict):
        raise ValueError("a scenario is a YAML mapping")
    if data.get("platform") not in ("ios", "nxos"):
        raise ValueError("platform must be ios or nxos, not %r" % (data.get("platform"),))
    hostname = data.get("hostname")
    if not isinstance(hostname, str) or not HOSTNAME.match(hostname):
        raise ValueError("hostname must be a name of letters, digits, '.', '_' or '-', not %r" % (hostname,))
    for key in ("faults", "valid_tokens"):
        value = data.setdefault(key, [])
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise ValueError("%s must be a list of strings" % key)
    for key in STRING_KEYS:
        if key not in data:
            continue
        if isinstance(data[key], bool) or not isinstance(data[key], (str, int)) or str(data[key]) == "":
            raise ValueError("%s must be a non-empty string" % key)
        data[key] = str(data[key])
    if "lab_faults" in data and data["lab_faults"] is not None and not isinstance(data["lab_faults"], dict):
        raise ValueError("lab_faults must be a mapping")
    Faults(data.get("lab_faults"))
    return data


def scenario_files(directory):
    files = sorted(glob.glob(os.path.join(directory, "*.yml")) + glob.glob(os.path.join(directory, "*.yaml")))
    if not files:
        raise ScenarioError("%s: no scenario files (*.yml)" % directory)
    return files


def model_factory():
    from tests.lab.license_model import LicenseModel  # pylint: disable=import-outside-toplevel
    return LicenseModel


def host_vars(device, port, state_dir):
    platform = device.platform.name
    entry = {
        "ansible_host": "127.0.0.1",
        "ansible_port": port,
        "ansible_user": device.username,
        "ansible_password": device.password,
        "ansible_network_os": "cisco.%s.%s" % (platform, platform),
        "ansible_connection": "ansible.netcommon.network_cli",
    }
    if platform == "ios":
        entry.update(ansible_become=True, ansible_become_method="enable", ansible_become_password=device.enable_password)
    entry["smartlic_lab_state_file"] = os.path.abspath(os.path.join(state_dir, "%s.json" % device.name))
    # Settings the scenario does not need (None) are left out: an inventory null would override a role default.
    entry.update({key: value for key, value in device.model.intended().items() if value is not None})
    return entry


def write_inventory(path, lab, state_dir):
    groups = {"ios": {"hosts": {}}, "nxos": {"hosts": {}}}
    for device, _faults, port in lab.devices:
        groups[device.platform.name]["hosts"][device.name] = host_vars(device, port, state_dir)
    inventory = {"all": {"vars": dict(GROUP_VARS), "children": groups}}
    temp = path + ".tmp"
    with open(temp, "w", encoding="utf-8") as handle:
        handle.write("# Written by `python -m tests.lab serve`; the ports change on every start.\n")
        yaml.safe_dump(inventory, handle, default_flow_style=False, sort_keys=False)
    os.replace(temp, path)


def prepare(options):
    """Load every scenario and build its device (errors raise ScenarioError)."""
    files = scenario_files(options.scenario_dir)
    scenarios, seen = [], {}
    for path in files:
        scenario = load_scenario(path)
        other = seen.get(scenario["hostname"].lower())
        if other:
            raise ScenarioError("%s: hostname %s is already used by %s" % (path, scenario["hostname"], other))
        seen[scenario["hostname"].lower()] = path
        scenarios.append((path, scenario))
    try:
        factory = model_factory()
    except Exception as error:  # pylint: disable=broad-exception-caught
        raise ScenarioError("tests/lab/license_model.py cannot be imported: %s: %s" % (type(error).__name__, error)) from error
    os.makedirs(options.state_dir, exist_ok=True)
    devices = []
    for path, scenario in scenarios:
        try:
            device = build_device(scenario, factory)
            if options.resume:
                resume(device, options.state_dir)
            files = DeviceFiles(options.state_dir, device.name)
            files.attach(device)
            files.write_state(device)
        except Exception as error:  # pylint: disable=broad-exception-caught
            raise ScenarioError("%s: %s: %s" % (path, type(error).__name__, error)) from error
        devices.append(device)
    return devices


def resume(device, state_dir):
    path = os.path.join(state_dir, "%s.json" % device.name)
    if os.path.exists(path):
        with open(path, encoding="utf-8") as handle:
            device.load_state(json.load(handle))


async def serve(options, devices):
    lab = Lab(options.host)
    for device in devices:
        await lab.add(device)
    write_inventory(options.inventory, lab, options.state_dir)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    print("lab ready: %d devices" % len(devices), flush=True)
    await stop.wait()
    await lab.close()


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m tests.lab", description="Simulated IOS XE / NX-OS devices over SSH.")
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("serve", help="serve one device per scenario file until SIGTERM")
    run.add_argument("--scenario-dir", required=True, help="folder of scenario files (*.yml)")
    run.add_argument("--inventory", required=True, help="Ansible inventory (YAML) to write")
    run.add_argument("--state-dir", required=True, help="folder for <host>.json and <host>.commands.log")
    run.add_argument("--host", default="127.0.0.1", help="listen address; only 127.0.0.1 is accepted")
    run.add_argument("--resume", action="store_true", help="start from the state files in --state-dir when present")
    options = parser.parse_args(argv)
    try:
        check_host(options.host)
        devices = prepare(options)
    except (ScenarioError, ValueError) as error:
        print("lab: error: %s" % error, file=sys.stderr)
        return 2
    asyncio.run(serve(options, devices))
    return 0


if __name__ == "__main__":
    sys.exit(main())
