# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The lab's SSH front end (asyncssh in process, a stand-in license model) and its serve command line."""

from __future__ import annotations

import asyncio
import json
import os
import re
import subprocess
import sys
import time

import asyncssh
import pytest
import yaml

from tests.lab.harness import ROOT, LabError, start_lab
from tests.lab.server import DeviceFiles, Faults, Lab, build_device, check_host


class StubModel:
    """Stands in for the license model."""

    def __init__(self, platform, hostname, scenario, now):
        del hostname, scenario, now
        self.platform = platform

    def initial_config(self):
        return ["hostname R1" if self.platform == "ios" else "hostname nx1", "ntp server 10.1.1.1"]

    def intended(self):
        return {}

    def handle(self, command, config, mode):
        del config, mode
        if command == "show license status":
            return "Smart Licensing Using Policy:\n  Status: ENABLED\n"
        return None

    def on_config_change(self, config):
        del config

    def to_state(self):
        return {"stub": True}

    def load_state(self, data):
        del data


PROMPT = re.compile(r"[>#] ?$")


async def read_until(stdout, pattern=PROMPT, timeout=5.0):
    text = ""
    while not pattern.search(text):
        chunk = await asyncio.wait_for(stdout.read(65536), timeout)
        if not chunk:
            break
        text += chunk
    return text


async def open_shell(port, password="admin"):
    conn = await asyncssh.connect("127.0.0.1", port, username="admin", password=password, known_hosts=None)
    process = await conn.create_process(term_type="vt100")
    banner = await read_until(process.stdout)
    return conn, process, banner


def serve(scenarios, body, state_dir=None):
    """Run body(lab, ports) against in-process devices built from scenario dicts."""
    async def main():
        lab = Lab()
        ports = []
        for scenario in scenarios:
            ports.append(await lab.add(build_device(scenario, StubModel, state_dir)))
        try:
            return await body(lab, ports)
        finally:
            await lab.close()
    return asyncio.run(main())


def test_login_prompt_echo_and_line_endings(tmp_path):
    async def body(_lab, ports):
        conn, process, banner = await open_shell(ports[0])
        outputs = [banner]
        for chunk in ("terminal length 0\r", "enable\n", "admin\r\n", "show privilege\r"):
            process.stdin.write(chunk)
            outputs.append(await read_until(process.stdout, re.compile(r"(?:[>#]|Password: )$")))
        conn.close()
        return outputs
    banner, length, enable, password, privilege = serve([{"platform": "ios", "hostname": "r1"}], body, str(tmp_path))
    assert banner == "\r\nR1>"
    assert length == "terminal length 0\r\nR1>"
    assert enable == "enable\r\nPassword: "
    assert password == "\r\nR1#"          # the password is not echoed
    assert privilege == "show privilege\r\nCurrent privilege level is 15\r\nR1#"
    assert (tmp_path / "r1.commands.log").read_text(encoding="utf-8").splitlines() == [
        "terminal length 0", "enable", "show privilege"]


def test_state_file_follows_changes_and_sessions_share_the_device(tmp_path):
    async def body(_lab, ports):
        first = await open_shell(ports[0])
        second = await open_shell(ports[0])
        first[1].stdin.write("configure terminal\rntp server 10.2.2.2\rhostname CORE\rend\r")
        await read_until(first[1].stdout, re.compile(r"CORE# $"))
        second[1].stdin.write("show running-config | include ^ntp\r")
        out = await read_until(second[1].stdout, re.compile(r"CORE# $"))
        first[0].close()
        second[0].close()
        return out
    out = serve([{"platform": "nxos", "hostname": "nx-a"}], body, str(tmp_path))
    assert out == "show running-config | include ^ntp\r\nntp server 10.1.1.1\r\nntp server 10.2.2.2\r\nCORE# "
    state = json.loads((tmp_path / "nx-a.json").read_text(encoding="utf-8"))
    assert state["hostname"] == "nx-a" and state["platform"] == "nxos" and state["license"] == {"stub": True}
    assert "ntp server 10.2.2.2" in state["running_config"] and "hostname CORE" in state["running_config"]
    assert state["commands"] == 5
    assert not (tmp_path / "nx-a.json.tmp").exists()


def test_many_devices_on_their_own_ports():
    async def body(lab, ports):
        banners = []
        for port in ports:
            conn, _process, banner = await open_shell(port)
            banners.append(banner)
            conn.close()
        return len(lab.devices), banners
    scenarios = [{"platform": "ios" if index % 2 else "nxos", "hostname": "d%d" % index} for index in range(6)]
    count, banners = serve(scenarios, body)
    assert count == 6
    assert banners == ["\r\nnx1# ", "\r\nR1>"] * 3


def test_wrong_password_and_refused_logins():
    async def body(_lab, ports):
        errors = []
        for port, password in ((ports[0], "nope"), (ports[1], "admin")):
            try:
                await open_shell(port, password)
            except asyncssh.PermissionDenied:
                errors.append(port)
        return errors, ports
    errors, ports = serve([{"platform": "ios", "hostname": "a"},
                           {"platform": "ios", "hostname": "b", "lab_faults": {"refuse_login": True}}], body)
    assert errors == ports


def test_delay_fault_slows_every_answer():
    async def body(_lab, ports):
        conn, process, _banner = await open_shell(ports[0])
        started = time.monotonic()
        process.stdin.write("terminal length 0\r")
        await read_until(process.stdout)
        elapsed = time.monotonic() - started
        conn.close()
        return elapsed
    assert serve([{"platform": "nxos", "hostname": "slow", "lab_faults": {"delay_ms": 300}}], body) >= 0.3


def test_drop_fault_cuts_the_connection_mid_command():
    async def body(_lab, ports):
        conn, process, _banner = await open_shell(ports[0])
        process.stdin.write("terminal length 0\r")
        first = await read_until(process.stdout)
        process.stdin.write("show license status\r")
        second = ""
        while True:
            chunk = await asyncio.wait_for(process.stdout.read(65536), 5)
            if not chunk:
                break
            second += chunk
        conn.close()
        return first, second
    first, second = serve([{"platform": "nxos", "hostname": "flaky", "lab_faults": {"drop_after_commands": 1}}], body)
    assert first == "terminal length 0\r\nnx1# "
    assert second.startswith("show license status\r\n")
    assert not second.endswith("nx1# ")


def test_rejected_command_gets_the_platform_error():
    async def body(_lab, ports):
        conn, process, _banner = await open_shell(ports[0])
        process.stdin.write("show license status\r")
        out = await read_until(process.stdout, re.compile(r"# $"))
        conn.close()
        return out
    out = serve([{"platform": "nxos", "hostname": "old", "lab_faults": {"reject_commands": ["^show license"]}}], body)
    assert out == "show license status\r\n     ^\r\n% Invalid command at '^' marker.\r\nnx1# "


def test_lab_binds_loopback_only():
    assert check_host("127.0.0.1") == "127.0.0.1"
    for host in ("0.0.0.0", "::", "localhost", "192.0.2.1", ""):
        with pytest.raises(ValueError):
            Lab(host)


def test_faults_are_validated():
    assert Faults({"drop_after_commands": 3, "delay_ms": 5}).delay == 0.005
    for bad in ({"drop_after": 1}, {"delay_ms": "x"}, {"reject_commands": ["("]}):
        with pytest.raises(ValueError):
            Faults(bad)


def test_state_writes_are_atomic(tmp_path):
    device = build_device({"platform": "ios", "hostname": "atom"}, StubModel)
    files = DeviceFiles(str(tmp_path), "atom")
    files.write_state(device)
    first = (tmp_path / "atom.json").stat().st_ino
    files.write_state(device)
    assert (tmp_path / "atom.json").stat().st_ino != first   # a new file replaced the old one
    assert json.loads((tmp_path / "atom.json").read_text(encoding="utf-8"))["running_config"][1] == "hostname R1"


def _serve_cli(*args):
    return subprocess.run([sys.executable, "-m", "tests.lab", "serve"] + list(args), cwd=ROOT, capture_output=True,
                          text=True, timeout=60, check=False)


@pytest.mark.parametrize("content, message", [
    ("platform: junos\nhostname: x\n", "platform must be ios or nxos"),
    ("platform: ios\nhostname: 'bad name'\n", "hostname must be"),
    ("platform: ios\nhostname: x\nfaults: nope\n", "faults must be a list"),
    ("platform: ios\nhostname: x\nlab_faults: {delay: 1}\n", "unknown key(s) delay"),
    ("[not, a, mapping]\n", "a scenario is a YAML mapping"),
    ("platform: ios\nhostname: x\n  bad: indent\n", "cannot read"),
])
def test_serve_rejects_a_bad_scenario(tmp_path, content, message):
    (tmp_path / "scenarios").mkdir()
    bad = tmp_path / "scenarios" / "broken.yml"
    bad.write_text(content, encoding="utf-8")
    run = _serve_cli("--scenario-dir", str(tmp_path / "scenarios"), "--inventory", str(tmp_path / "inv.yml"),
                     "--state-dir", str(tmp_path / "state"))
    assert run.returncode == 2
    assert str(bad) in run.stderr and message in run.stderr
    assert "Traceback" not in run.stderr


def test_serve_refuses_other_addresses_and_duplicate_names(tmp_path):
    folder = tmp_path / "scenarios"
    folder.mkdir()
    for name in ("a.yml", "b.yml"):
        (folder / name).write_text("platform: ios\nhostname: twin\n", encoding="utf-8")
    common = ("--scenario-dir", str(folder), "--inventory", str(tmp_path / "inv.yml"), "--state-dir", str(tmp_path / "s"))
    run = _serve_cli(*common, "--host", "0.0.0.0")
    assert run.returncode == 2 and "127.0.0.1 only" in run.stderr
    run = _serve_cli(*common)
    assert run.returncode == 2 and "b.yml: hostname twin is already used by" in run.stderr


def test_harness_reports_a_lab_that_fails(tmp_path):
    with pytest.raises(LabError, match="platform must be ios or nxos"):
        start_lab([{"platform": "junos", "hostname": "x"}], tmp_path)


def test_serve_with_the_license_model_end_to_end(tmp_path):
    scenarios = [{"platform": "ios", "hostname": "e2e-ios", "valid_tokens": ["t1"], "password": "pw1",
                  "enable_password": "en1"},
                 {"platform": "nxos", "hostname": "e2e-nx", "valid_tokens": ["t2"]}]
    with start_lab(scenarios, tmp_path) as lab:
        assert lab.hosts() == ["e2e-ios", "e2e-nx"]
        assert lab.platform("e2e-nx") == "nxos"
        with open(lab.inventory, encoding="utf-8") as handle:
            inventory = yaml.safe_load(handle)
        ios = inventory["all"]["children"]["ios"]["hosts"]["e2e-ios"]
        assert ios["ansible_host"] == "127.0.0.1" and ios["ansible_password"] == "pw1"
        assert ios["ansible_become_password"] == "en1" and ios["ansible_become_method"] == "enable"
        assert ios["ansible_connection"] == "ansible.netcommon.network_cli"
        assert ios["smartlic_lab_state_file"] == os.path.join(str(tmp_path), "state", "e2e-ios.json")
        assert "smartlic_id_token" in ios
        assert inventory["all"]["vars"]["ansible_connect_timeout"] == 120

        async def talk():
            conn, process, _banner = await open_shell(lab.port("e2e-nx"))
            process.stdin.write("show license status\r")
            out = await read_until(process.stdout, re.compile(r"# $"))
            conn.close()
            return out
        assert "show license status\r\n" in asyncio.run(talk())
        assert lab.commands("e2e-nx") == ["show license status"]
        assert lab.state("e2e-nx")["commands"] == 1
        code = lab.stop()
    assert code == 0
