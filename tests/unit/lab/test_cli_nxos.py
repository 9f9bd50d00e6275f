# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The lab's NX-OS CLI engine, without SSH, on a small stand-in license model."""

from __future__ import annotations

import re

import pytest

from tests.lab.cli import Device

BASE = [
    "hostname nx1",
    "feature ntp",
    "ntp server 10.1.1.1 use-vrf management",
    "callhome",
    "  email-contact sch-smart-licensing@cisco.com",
    "  destination-profile CiscoTAC-1 transport-method http",
    "  enable",
    "vrf context management",
    "  ip route 0.0.0.0/0 10.0.0.254",
    "interface mgmt0",
    "  vrf member management",
    "  ip address 10.0.0.2/24",
]


class StubModel:
    """Stands in for the license model: records what the engine hands it."""

    def __init__(self, platform, hostname, scenario, now):
        self.scenario = scenario
        self.calls = []
        self.changes = 0
        del platform, hostname, now

    def initial_config(self):
        return list(BASE)

    def intended(self):
        return {}

    def handle(self, command, config, mode):
        self.calls.append((command, mode))
        if command == "show license status":
            return "Smart licensing enabled\n\nTransport:\n  Type: Smart\n"
        if command.startswith("ping "):
            return "PING %s: %d name servers\n" % (command.split()[1], len(config.find(r"^ip name-server")))
        return None

    def on_config_change(self, config):
        del config
        self.changes += 1

    def to_state(self):
        return {}

    def load_state(self, data):
        del data


@pytest.fixture(name="session")
def fixture_session():
    device = Device({"platform": "nxos", "hostname": "nx-edge"}, StubModel)
    session = device.session()
    assert session.start() == "\r\nnx1# "
    return session


def run(session, line):
    out = session.feed(line)
    assert "\n" not in out.replace("\r\n", "") and out.endswith("# ")
    text = out.replace("\r\n", "\n")[1:]
    return text.rsplit("\n", 1)[0] if "\n" in text else ""


def test_prompt_has_a_trailing_space_and_no_enable_is_needed(session):
    assert session.feed("terminal length 0") == "\r\nnx1# "
    assert session.feed("terminal width 511") == "\r\nnx1# "
    assert "Current privilege level: -1" in run(session, "show privilege")
    assert session.mode == "privileged"


def test_errors_carry_a_caret(session):
    assert run(session, "show foo") == " " * 10 + "^\n% Invalid command at '^' marker."
    assert run(session, "show") == " " * 10 + "^\n% Incomplete command at '^' marker."
    assert run(session, "sh lic s") == " " * 12 + "^\n% Ambiguous command at '^' marker."
    assert run(session, "show vlan") == " " * 10 + "^\n% Invalid command at '^' marker."
    assert run(session, "show running-config | json") == " " * 27 + "^\n% Invalid command at '^' marker."


def test_show_version_and_inventory_match_the_cliconf_regexes(session):
    text = run(session, "show version")
    assert re.search(r"\s+NXOS:\s+version\s*(\S+)", text).group(1) == "10.3(4a)"
    assert re.search(r"Hardware\n\s+cisco(.+)$", text, re.M).group(1).strip() == "Nexus9000 C93180YC-FX Chassis"
    assert re.search(r"\s+Device name:\s*(\S+)", text).group(1) == "nx1"
    assert re.search(r"\s+NXOS image file is:\s*(\S+)", text).group(1) == "bootflash:///nxos64-cs.10.3.4a.M.bin"
    inventory = run(session, "show inventory")
    assert re.search(r'NAME: "Chassis",\s*DESCR:.*\nPID:\s*(\S+)', inventory, re.M).group(1) == "N9K-C93180YC-FX"


def test_show_running_config_sections(session):
    text = run(session, "show running-config ntp")
    assert text.split("\n")[:2] == ["", "!Command: show running-config ntp"]
    body = text.split("\n")[text.split("\n").index("version 10.3(4a) Bios:version 05.47"):]
    assert [line for line in body if line] == ["version 10.3(4a) Bios:version 05.47", "feature ntp",
                                               "ntp server 10.1.1.1 use-vrf management"]
    assert "!Command: show running-config callhome all" in run(session, "show running-config callhome all")
    assert run(session, "sh run | sec ^callhome").split("\n")[:2] == ["callhome", "  email-contact sch-smart-licensing@cisco.com"]
    assert run(session, "sh run | i ntp | count") == "2"


def test_show_running_config_callhome_all_adds_defaults(session):
    plain = run(session, "show running-config callhome")
    full = run(session, "show running-config callhome all")
    assert "  periodic-inventory notification interval 7" in full.split("\n")
    assert "periodic-inventory" not in plain


def test_sub_modes_and_two_space_indentation(session):
    assert session.feed("configure terminal").endswith("\r\nnx1(config)# ")
    assert session.feed("vrf context management") == "\r\nnx1(config-vrf)# "
    assert session.feed("ip name-server 192.0.2.53") == "\r\nnx1(config-vrf)# "
    assert session.feed("ip domain-name example.com") == "\r\nnx1(config-vrf)# "
    assert session.feed("ntp server 10.2.2.2 use-vrf management") == "\r\nnx1(config)# "
    assert session.feed("callhome") == "\r\nnx1(config-callhome)# "
    assert session.feed("transport http use-vrf management") == "\r\nnx1(config-callhome)# "
    assert session.feed("interface ethernet1/1") == "\r\nnx1(config-if)# "
    assert session.feed("exit") == "\r\nnx1(config)# "
    assert session.feed("end") == "\r\nnx1# "
    lines = session.device.config.to_lines()
    vrf = lines.index("vrf context management")
    assert lines[vrf + 1:vrf + 4] == ["  ip route 0.0.0.0/0 10.0.0.254", "  ip name-server 192.0.2.53",
                                      "  ip domain-name example.com"]
    assert "ntp server 10.2.2.2 use-vrf management" in lines
    assert "  transport http use-vrf management" in lines
    assert "interface Ethernet1/1" in lines


def test_exec_commands_work_in_config_mode(session):
    session.feed("configure terminal")
    session.feed("ip name-server 192.0.2.53 use-vrf management")
    assert run(session, "ping cisco.com vrf management") == "PING cisco.com: 1 name servers"
    assert session.device.model.calls[-1] == ("ping cisco.com vrf management", "privileged")
    assert session.feed("show running-config | include name-server").endswith("use-vrf management\r\nnx1(config)# ")


def test_no_forms_and_replacements(session):
    device = session.device
    session.feed("configure terminal")
    session.feed("no ip domain-lookup")
    assert device.config.has("no ip domain-lookup")
    session.feed("ip domain-lookup")
    assert not device.config.find("domain-lookup")
    session.feed("ntp server 10.1.1.1 prefer use-vrf management")
    assert device.config.find("^ntp server") == ["ntp server 10.1.1.1 prefer use-vrf management"]
    session.feed("no ntp server 10.1.1.1")
    assert device.config.find("^ntp server") == []
    session.feed("callhome")
    session.feed("no enable")
    assert device.config.children("callhome") == ["email-contact sch-smart-licensing@cisco.com",
                                                  "destination-profile CiscoTAC-1 transport-method http"]
    session.feed("destination-profile CiscoTAC-1 transport-method email")
    assert device.config.children("callhome")[1] == "destination-profile CiscoTAC-1 transport-method email"
    assert session.feed("switchname core-nx") == "\r\ncore-nx(config)# "
    assert device.config.find("^hostname") == ["hostname core-nx"]
    session.feed("no callhome")
    assert not device.config.has("callhome")


def test_copy_running_config_startup_config(session):
    session.feed("configure terminal")
    session.feed("ntp server 10.9.9.9")
    session.feed("end")
    assert "ntp server 10.9.9.9" not in run(session, "show startup-config")
    assert run(session, "copy running-config startup-config") == (
        "[########################################] 100%\nCopy complete, now saving to disk (please wait)...\nCopy complete.")
    assert "ntp server 10.9.9.9" in run(session, "show startup-config")
