# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The lab's IOS XE CLI engine, without SSH, on a small stand-in license model."""

from __future__ import annotations

import re

import pytest

from tests.lab.cli import Device, mask

BASE = [
    "service timestamps log datetime msec",
    "hostname R1",
    "ip domain name example.com",
    "crypto pki trustpoint SLA-TrustPoint",
    " enrollment pkcs12",
    " revocation-check crl",
    "license smart transport smart",
    "license smart url smart https://smartreceiver.cisco.com/licservice/license",
    "call-home",
    " contact-email-addr sch-smart-licensing@cisco.com",
    ' profile "CiscoTAC-1"',
    "  active",
    "interface GigabitEthernet0/0/0",
    " ip address 10.0.0.1 255.255.255.0",
    "ntp server 10.1.1.1 prefer",
]


class StubModel:
    """Stands in for the license model: records what the engine hands it."""

    def __init__(self, platform, hostname, scenario, now):
        self.platform, self.hostname, self.scenario, self.now = platform, hostname, scenario, now
        self.calls = []
        self.changes = 0

    def initial_config(self):
        return list(BASE)

    def intended(self):
        return {}

    def handle(self, command, config, mode):
        self.calls.append((command, mode))
        if command == "show license udi":
            return "UDI: PID:%s,SN:%s\n" % (self.scenario["pid"], self.scenario["serial"])
        if command == "show license status":
            return "Smart Licensing Using Policy:\n  Status: ENABLED\n\nTransport:\n  Type: Smart\n"
        if command.startswith("show ip http client"):
            return "HTTP client source interface: %s\n" % ",".join(config.find(r"^ip http client source-interface"))
        return None

    def on_config_change(self, config):
        del config
        self.changes += 1

    def to_state(self):
        return {"changes": self.changes}

    def load_state(self, data):
        self.changes = data["changes"]


@pytest.fixture(name="device")
def fixture_device():
    return Device({"platform": "ios", "hostname": "edge-1", "password": "pw", "enable_password": "en"}, StubModel)


def login(device, enable=True):
    session = device.session()
    assert session.start() == "\r\n%s>" % device.hostname
    if enable:
        assert session.feed("enable") == "\r\nPassword: "
        assert session.feed(device.enable_password) == "\r\n%s#" % device.hostname
    return session


def run(session, line):
    """Output of one line with LF newlines and the trailing prompt removed."""
    out = session.feed(line)
    assert "\n" not in out.replace("\r\n", "")
    assert not out.endswith("\n")
    text = out.replace("\r\n", "\n")
    assert text.startswith("\n")
    return text[1:].rsplit("\n", 1)[0] if "\n" in text[1:] else ""


def test_connect_commands_are_silent(device):
    session = login(device, enable=False)
    for command in ("terminal length 0", "terminal width 512", "terminal width 0"):
        assert session.feed(command) == "\r\nR1>"


def test_enable_password_privilege_and_disable(device):
    session = login(device, enable=False)
    assert run(session, "show privilege") == "Current privilege level is 1"
    assert session.feed("enable") == "\r\nPassword: "
    assert session.echo is False
    assert session.feed("wrong") == "\r\n% Bad secrets\r\n\r\nR1>"
    session.feed("enable")
    assert session.feed("en") == "\r\nR1#"
    assert session.echo is True
    assert run(session, "show privilege") == "Current privilege level is 15"
    assert session.feed("disable") == "\r\nR1>"


def test_user_mode_refuses_privileged_commands(device):
    session = login(device, enable=False)
    assert session.feed("configure terminal") == "\r\n   ^\r\n% Invalid input detected at '^' marker.\r\n\r\nR1>"
    assert run(session, "sh run").split("\n")[0] == " " * 6 + "^"


def test_show_vlan_is_invalid_so_the_device_is_l3(device):
    session = login(device)
    assert session.feed("show vlan") == "\r\n        ^\r\n% Invalid input detected at '^' marker.\r\n\r\nR1#"
    assert run(session, "sh vlan").split("\n")[0] == " " * 6 + "^"


def test_invalid_incomplete_and_ambiguous(device):
    session = login(device)
    assert run(session, "show licensee status") == " " * 8 + "^\n% Invalid input detected at '^' marker.\n"
    assert run(session, "show") == "% Incomplete command.\n"
    assert run(session, "sh c") == '% Ambiguous command:  "sh c"\n'
    assert run(session, "frobnicate") == "   ^\n% Invalid input detected at '^' marker.\n"


def test_abbreviations_reach_the_model_in_full(device):
    session = login(device)
    assert run(session, "sh lic udi").startswith("UDI: PID:C9300-24UX,SN:FCW")
    assert run(session, "sh ip http cli") == "HTTP client source interface: "
    assert device.model.calls[-2:] == [("show license udi", "privileged"), ("show ip http client", "privileged")]


def test_unknown_model_command_is_invalid_input(device):
    session = login(device)
    assert run(session, "show license summary").endswith("% Invalid input detected at '^' marker.\n")
    assert device.model.calls[-1] == ("show license summary", "privileged")


def test_show_version_matches_the_cliconf_regexes(device):
    session = login(device)
    text = run(session, "show version")
    assert re.search(r"Version (\S+)", text).group(1) == "17.09.04a"
    assert re.search(r"^[Cc]isco (\S+).+bytes of .*memory", text, re.M).group(1) == "C9300-24UX"
    assert re.search(r"^(.+) uptime", text, re.M).group(1) == "R1"
    assert re.search(r'image file is "(.+)"', text).group(1) == "flash:packages.conf"
    assert "Processor board ID %s" % device.scenario["serial"] in text
    assert "PID: C9300-24UX" in run(session, "show inventory")


def test_router_pid_gets_the_router_shape():
    device = Device({"platform": "ios", "hostname": "r", "pid": "C8300-1N1S-4T2X", "serial": "FDO2521M0Q1"}, StubModel)
    session = login(device)
    text = run(session, "show version")
    assert "cisco C8300-1N1S-4T2X (1RU) processor" in text and "Processor board ID FDO2521M0Q1" in text
    assert 'PID: C8300-1N1S-4T2X' in run(session, "show inventory")


def test_show_running_config_and_pipes(device):
    session = login(device)
    text = run(session, "show running-config")
    assert text.startswith("Building configuration...\n\nCurrent configuration : ")
    assert text.endswith("!\nend")
    assert run(session, "show running-config | section ^ntp") == "ntp server 10.1.1.1 prefer"
    assert run(session, "sh run | sec call-home") == (
        'call-home\n contact-email-addr sch-smart-licensing@cisco.com\n profile "CiscoTAC-1"\n  active')
    assert run(session, "sh run | i ^license") == ("license smart transport smart\n"
                                                   "license smart url smart https://smartreceiver.cisco.com/licservice/license")
    assert run(session, "sh run | count ^license") == "Number of lines which match regexp = 2"
    assert run(session, "sh run | begin ^ntp") == "ntp server 10.1.1.1 prefer\n!\nend"
    assert "license" not in run(session, "sh run | exclude license")
    assert run(session, "sh run | sec") == "% Incomplete command.\n"
    assert run(session, "show running-config interface gi0/0/0").endswith(
        "!\ninterface GigabitEthernet0/0/0\n ip address 10.0.0.1 255.255.255.0\n!\nend")


def test_show_running_config_help_lists_all(device):
    session = login(device)
    words = {line.split()[0] for line in run(session, "show running-config ?").splitlines() if line.strip()}
    assert {"all", "brief", "full", "interface", "<cr>"} <= words


def test_show_running_config_all_shows_defaults(device):
    session = login(device)
    assert "ip domain lookup" in run(session, "show running-config all").splitlines()
    assert "ip domain lookup" not in run(session, "show running-config").splitlines()


def test_config_sub_modes_prompts_and_indentation(device):
    session = login(device)
    assert session.feed("conf t").endswith("\r\nR1(config)#")
    assert session.feed("crypto pki trustpoint SLA-TrustPoint") == "\r\nR1(ca-trustpoint)#"
    assert session.feed("revocation-check none") == "\r\nR1(ca-trustpoint)#"
    assert session.feed("call-home") == "\r\nR1(cfg-call-home)#"
    assert session.feed("profile CiscoTAC-1") == "\r\nR1(cfg-call-home-profile)#"
    assert session.feed("destination transport-method http") == "\r\nR1(cfg-call-home-profile)#"
    assert session.feed("interface gi0/0/1") == "\r\nR1(config-if)#"
    assert session.feed("ip address 10.9.9.9 255.255.255.0") == "\r\nR1(config-if)#"
    assert session.feed("line vty 0 4") == "\r\nR1(config-line)#"
    assert session.feed("vrf definition Mgmt-vrf") == "\r\nR1(config-vrf)#"
    assert session.feed("address-family ipv4") == "\r\nR1(config-vrf-af)#"
    assert session.feed("exit-address-family") == "\r\nR1(config-vrf)#"
    assert session.feed("exit") == "\r\nR1(config)#"
    assert session.feed("end") == "\r\nR1#"
    lines = device.config.to_lines()
    assert lines[lines.index("crypto pki trustpoint SLA-TrustPoint") + 2] == " revocation-check none"
    assert " revocation-check crl" not in lines
    profile = lines.index(' profile "CiscoTAC-1"')
    assert lines[profile + 1:profile + 3] == ["  active", "  destination transport-method http"]
    assert lines[lines.index("interface GigabitEthernet0/0/1") + 1] == " ip address 10.9.9.9 255.255.255.0"


def test_global_command_in_sub_mode_drops_back_to_config(device):
    session = login(device)
    session.feed("configure terminal")
    session.feed("call-home")
    session.feed('profile "CiscoTAC-1"')
    assert session.feed("ntp server 10.3.3.3") == "\r\nR1(config)#"
    assert device.config.has("ntp server 10.3.3.3")
    assert not device.config.has("ntp server 10.3.3.3", ["call-home", 'profile "CiscoTAC-1"'])
    session.feed("interface Loopback0")
    assert session.feed("\x1a") == "\r\nR1#"


def test_no_forms(device):
    session = login(device)
    session.feed("configure terminal")
    session.feed("no ntp server 10.1.1.1")
    assert device.config.find("^ntp") == []
    session.feed("no call-home")
    assert device.config.find("call-home") == [] and device.config.find("profile") == []
    session.feed("no ip domain lookup")
    assert device.config.has("no ip domain lookup")
    session.feed("ip domain lookup")
    assert not device.config.has("no ip domain lookup") and not device.config.has("ip domain lookup")
    # The NX-OS spelling is not taken on IOS XE (tests/lab/README.md, "Command grammar").
    assert session.feed("ip domain-lookup").startswith("\r\n" + " " * 14 + "^\r\n% Invalid input")
    session.feed("no ip http server")
    assert device.config.has("no ip http server")
    session.feed("ip http server")
    assert device.config.has("ip http server") and not device.config.has("no ip http server")
    session.feed("crypto pki trustpoint SLA-TrustPoint")
    session.feed("no revocation-check crl")
    assert device.config.children("crypto pki trustpoint SLA-TrustPoint") == ["enrollment pkcs12"]
    assert session.feed("no") == "\r\n% Incomplete command.\r\n\r\nR1(ca-trustpoint)#"


def test_single_valued_settings_replace_in_place(device):
    session = login(device)
    session.feed("configure terminal")
    assert session.feed("hostname R2") == "\r\nR2(config)#"
    session.feed("license smart url smart https://other.example.com/licservice/license")
    session.feed("license smart url cslu http://cslu-local:8182/cslu/v1/pi")
    session.feed("license smart transport cslu")
    session.feed("ip domain name lab.example.net")
    session.feed("ntp server 10.1.1.1")
    top = device.config.top()
    assert top.count("hostname R2") == 1 and "hostname R1" not in top
    assert [line for line in top if line.startswith("license smart")] == [
        "license smart transport cslu",
        "license smart url smart https://other.example.com/licservice/license",
        "license smart url cslu http://cslu-local:8182/cslu/v1/pi"]
    assert device.config.find("^ip domain") == ["ip domain name lab.example.net"]
    assert device.config.find("^ntp server") == ["ntp server 10.1.1.1"]


def test_name_servers_share_one_line(device):
    session = login(device)
    session.feed("configure terminal")
    session.feed("ip name-server 192.0.2.53")
    session.feed("ip name-server 192.0.2.54 192.0.2.53")
    # A VRF must exist before a name server can use it (G7: the same check as ntp server vrf).
    assert run(session, "ip name-server vrf Mgmt-vrf 192.0.2.55") == "% IP  routing table Mgmt-vrf does not exist"
    session.feed("vrf definition Mgmt-vrf")
    session.feed("exit")
    session.feed("ip name-server vrf Mgmt-vrf 192.0.2.55")
    assert device.config.find("^ip name-server") == [
        "ip name-server 192.0.2.53 192.0.2.54", "ip name-server vrf Mgmt-vrf 192.0.2.55"]
    session.feed("no ip name-server 192.0.2.53")
    assert device.config.find("^ip name-server") == ["ip name-server 192.0.2.54", "ip name-server vrf Mgmt-vrf 192.0.2.55"]


def test_invalid_config_line_and_do(device):
    session = login(device)
    session.feed("configure terminal")
    assert session.feed("frobnicate now") == "\r\n           ^\r\n% Invalid input detected at '^' marker.\r\n\r\nR1(config)#"
    assert run(session, "do show running-config | include ^hostname") == "hostname R1"
    assert run(session, "show running-config").startswith(" " * 11 + "^\n% Invalid input")


def test_model_is_told_about_each_config_line(device):
    session = login(device)
    before = device.model.changes
    session.feed("configure terminal")
    session.feed("ntp server 10.4.4.4")
    session.feed("ntp server 10.4.4.4")
    session.feed("end")
    assert device.model.changes == before + 2


def test_copy_and_write_save_the_startup_config(device):
    session = login(device)
    session.feed("configure terminal")
    session.feed("ntp server 10.5.5.5")
    session.feed("end")
    assert "ntp server 10.5.5.5" not in run(session, "show startup-config")
    assert session.feed("copy running-config startup-config") == "\r\nDestination filename [startup-config]? "
    assert session.feed("") == "\r\nBuilding configuration...\r\n[OK]\r\nR1#"
    startup = run(session, "show startup-config")
    assert startup.startswith("Using ") and "ntp server 10.5.5.5" in startup
    session.feed("configure terminal")
    session.feed("no ntp server 10.5.5.5")
    session.feed("end")
    assert run(session, "write memory") == "Building configuration...\n[OK]"
    assert "ntp server 10.5.5.5" not in device.startup.to_lines()


def test_sessions_share_the_device(device):
    first, second = login(device), login(device)
    first.feed("configure terminal")
    first.feed("hostname CORE")
    assert second.feed("show privilege").endswith("\r\nCORE#")


def test_exit_closes_the_session(device):
    session = login(device)
    assert session.feed("exit") == ""
    assert session.closed


def test_rejected_commands_answer_like_an_older_release():
    scenario = {"platform": "ios", "hostname": "old", "lab_faults": {"reject_commands": [r"^license smart trust"]}}
    device = Device(scenario, StubModel)
    session = login(device)
    assert run(session, "license smart trust idtoken abc local") == "   ^\n% Invalid input detected at '^' marker.\n"
    assert not any(call[0].startswith("license smart trust") for call in device.model.calls)


def test_command_log_masks_secrets_and_skips_passwords(device):
    logged = []
    device.on_command = logged.append
    session = login(device)
    session.feed("license smart trust idtoken SECRET-TOKEN local force")
    session.feed("configure terminal")
    session.feed("username bob privilege 15 password 0 hunter2")
    assert logged[0] == "enable"
    assert "en" not in logged
    assert "license smart trust idtoken ******** local force" in logged
    assert "username bob privilege 15 password 0 ********" in logged
    assert not any("SECRET-TOKEN" in line or "hunter2" in line for line in logged)
    assert mask("enable secret 9 abc") == "enable secret 9 ********"


def test_state_round_trip(device):
    session = login(device)
    session.feed("configure terminal")
    session.feed("ntp server 10.6.6.6")
    session.feed("end")
    state = device.to_state()
    assert state["hostname"] == "edge-1" and state["platform"] == "ios" and state["commands"] == 4
    other = Device({"platform": "ios", "hostname": "edge-1"}, StubModel)
    other.load_state(state)
    assert other.config.to_lines() == device.config.to_lines()
    assert other.model.changes == device.model.changes
