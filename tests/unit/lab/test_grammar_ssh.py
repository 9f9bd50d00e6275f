# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Over SSH, the lab refuses malformed, misplaced and release-gated commands as the real release would.

Each case names its source (REFERENCES.md tags, seed lines, coordinator decisions; I = the lab's
stricter reading, tests/lab/README.md "Command grammar"). Every refused line must get the exact
device text with the caret under the right word and leave the running-config as it was; every valid
form must be taken.
"""

from __future__ import annotations

import asyncio
import re

import asyncssh
import pytest

from tests.lab.license_model import LicenseModel
from tests.lab.server import Lab, build_device

DEVICES = {
    "ios": {"platform": "ios", "hostname": "ios-cur", "version": "17.09.04a", "valid_tokens": ["tok-ios"]},
    "ios-early": {"platform": "ios", "hostname": "ios-old", "version": "17.03.04", "valid_tokens": ["tok-old"]},
    "nxos": {"platform": "nxos", "hostname": "nx-cur", "version": "10.3(4a)", "valid_tokens": ["tok-nx"]},
    "nxos-early": {"platform": "nxos", "hostname": "nx-old", "version": "10.2(3)", "valid_tokens": ["tok-nxold"]},
}

USER, PRIV, CONFIG = "user", "priv", ()
TRUSTPOINT = ("crypto pki trustpoint SLA-TrustPoint",)
CALL_HOME = ("call-home",)
PROFILE = ("call-home", 'profile "CiscoTAC-1"')
CALLHOME = ("callhome",)
VRF_CONTEXT = ("vrf context management",)

# (device, mode, line, answer, where, source). answer: invalid | incomplete | ambiguous | a message.
# where: the word the caret must be under (the first word of the line equal to it); "" = column 0.
REFUSED = [
    # IOS XE privileged EXEC
    ("ios", PRIV, "license smart sync", "incomplete", None, "G4; coordinator: {all|local} is mandatory"),
    ("ios", PRIV, "license smart sync everything", "invalid", "everything", "G4"),
    ("ios", PRIV, "license smart trust idtoken TOKEN", "incomplete", None, "C4: {local|all} required"),
    ("ios", PRIV, "license smart trust idtoken TOKEN global", "invalid", "global", "C4"),
    ("ios", PRIV, "license smart trust idtoken TOKEN local forc3", "invalid", "forc3", "C4"),
    ("ios", PRIV, "license smart save usage all", "incomplete", None, "G2, C4: file PATH"),
    ("ios", PRIV, "license smart save usage all file", "incomplete", None, "G2"),
    ("ios", PRIV, "license smart save usage some file flash:x.txt", "invalid", "some", "G2, G4"),
    ("ios", PRIV, "license smart import", "incomplete", None, "C4"),
    ("ios", PRIV, "license smart import notafile", "invalid", "notafile", "I: a file system path (flash:NAME)"),
    ("ios", PRIV, "show license bogus", "invalid", "bogus", "C3"),
    ("ios", PRIV, "show license s", "ambiguous", None, "C3: status, summary"),
    ("ios", PRIV, "sh lic tech supprt", "invalid", "supprt", "C3, G8"),
    ("ios", PRIV, "show clock detail extra", "invalid", "extra", "C4"),
    ("ios", PRIV, "configure terminal now", "invalid", "now", "LAB_NOTES"),
    ("ios", PRIV, "terminal length 513", "invalid", "513", "LAB_NOTES; range I"),
    ("ios", PRIV, "license smart transport smart", "invalid", "transport", "C1: global configuration only"),
    ("ios", PRIV, "hostname R9", "invalid", "", "G11: global configuration only"),
    ("ios", PRIV, "show running-config bogus", "invalid", "bogus", "LAB_NOTES"),
    ("ios", PRIV, "show ip http client bogus", "invalid", "bogus", "C4"),
    ("ios", PRIV, "show vlan", "invalid", "vlan", "LAB_NOTES: an L3 device"),
    # IOS XE user EXEC (>)
    ("ios", USER, "license smart sync all", "invalid", "", "C4: privileged EXEC"),
    ("ios", USER, "show running-config", "invalid", "running-config", "I: privilege 15"),
    ("ios", USER, "configure terminal", "invalid", "", "LAB_NOTES: become first"),
    # IOS XE global configuration
    ("ios", CONFIG, "license smart trust idtoken TOKEN local", "invalid", "trust", "C4: EXEC command (IOS XE needs do)"),
    ("ios", CONFIG, "license smart sync all", "invalid", "sync", "G4: EXEC command"),
    ("ios", CONFIG, "show license status", "invalid", "", "I: IOS XE runs EXEC commands in configuration mode only with do"),
    ("ios", CONFIG, "license smart transport bogusvalue", "invalid", "bogusvalue", "C1"),
    ("ios", CONFIG, "license smart transport", "incomplete", None, "C1"),
    ("ios", CONFIG, "license smart url smart not-a-url at all", "invalid", "not-a-url", "C1; URL form I"),
    ("ios", CONFIG, "license smart url smart https://smartreceiver.cisco.com/licservice/license extra", "invalid", "extra", "C1, C4"),
    ("ios", CONFIG, "license smart url", "incomplete", None, "C1"),
    ("ios", CONFIG, "license smart u", "ambiguous", None, "C1: url, usage, utility"),
    ("ios", CONFIG, "license smart usage interval 0", "invalid", "0", "C1; G3 range 1-3650"),
    ("ios", CONFIG, "license smart usage interval 3651", "invalid", "3651", "C1; G3 range 1-3650"),
    ("ios", CONFIG, "license smart usage interval", "incomplete", None, "C1"),
    ("ios", CONFIG, "license smart proxy port 70000", "invalid", "70000", "C1; range I"),
    ("ios", CONFIG, "license smart privacy everything", "invalid", "everything", "C1"),
    ("ios", CONFIG, "ntp server vrf NOSUCHVRF 192.0.2.1", "% IP  routing table NOSUCHVRF does not exist", None, "G7"),
    ("ios", CONFIG, "ntp server 192.0.2.1 version 5", "invalid", "5", "G13: version 1-4"),
    ("ios", CONFIG, "ntp server 192.0.2.1 key 0", "invalid", "0", "G13: key 1-4294967295"),
    ("ios", CONFIG, "ntp server 192.0.2.1 prefer always", "invalid", "always", "G9"),
    ("ios", CONFIG, "ntp server 1.2.3.400", "invalid", "1.2.3.400", "G9; I: not an address nor a name"),
    ("ios", CONFIG, "ntp server", "incomplete", None, "G9"),
    ("ios", CONFIG, "ip name-server 192.0.2.999", "invalid", "192.0.2.999", "C4, G14"),
    ("ios", CONFIG, "ip domain name", "incomplete", None, "C4"),
    ("ios", CONFIG, "ip domain-name example.com", "invalid", "domain-name", "I: IOS XE spelling is ip domain name (C4)"),
    ("ios", CONFIG, "ip http client source-interface Bogus0/1", "invalid", "Bogus0/1", "C4: an interface"),
    ("ios", CONFIG, "this is garbage", "invalid", "", "issue 19"),
    ("ios", CONFIG, "no", "incomplete", None, "I"),
    ("ios", CONFIG, "hostname", "incomplete", None, "G11"),
    # IOS XE sub-modes
    ("ios", TRUSTPOINT, "enrolment terminal", "invalid", "", "C4: enrollment"),
    ("ios", TRUSTPOINT, "this is garbage", "invalid", "", "issue 19"),
    ("ios", TRUSTPOINT, "revocation-check maybe", "invalid", "maybe", "C4, G15"),
    ("ios", TRUSTPOINT, "enrollment", "incomplete", None, "G15"),
    ("ios", TRUSTPOINT, "hash sha999", "invalid", "sha999", "G15"),
    ("ios", PROFILE, "destination transport-method ftp", "invalid", "ftp", "G5, G14"),
    ("ios", PROFILE, "destination address http not-a-url", "invalid", "not-a-url", "G5; URL form I"),
    ("ios", PROFILE, "activate", "invalid", "", "C12: active"),
    ("ios", CALL_HOME, "contact-email-addr not-an-email", "invalid", "not-an-email", "G5; I: an e-mail address"),
    # IOS XE release gates (17.3.x, the first SLP releases)
    ("ios-early", CONFIG, "license smart vrf Mgmt-vrf", "invalid", "vrf", "C1 has it, C2 (17.3 era) lacks it"),
    ("ios-early", CONFIG, "no license smart vrf", "invalid", "vrf", "C1 / C2"),
    ("ios-early", CONFIG, "license smart utility customer_info id 42", "invalid", "id", "C1 has id/name, C2 lacks them"),
    ("ios-early", CONFIG, "license smart utility customer_info name ACME", "invalid", "name", "C1 / C2"),
    ("ios-early", PRIV, "show license rum id all", "invalid", "rum", "C3 has show license rum, C3b lacks it"),
    ("ios-early", PRIV, "license smart sync", "incomplete", None, "G4; coordinator"),
    # NX-OS EXEC
    ("nxos", PRIV, "license smart trust idtoken TOKEN local", "invalid", "local", "C5 (seed 001 line 25); coordinator"),
    ("nxos", PRIV, "license smart trust idtoken TOKEN all force", "invalid", "all", "C5; coordinator"),
    ("nxos", PRIV, "license smart sync all", "invalid", "all", "C5 (seed 001 line 291); coordinator"),
    ("nxos", PRIV, "license smart sync local", "invalid", "local", "C5; coordinator"),
    ("nxos", PRIV, "license smart trust idtoken", "incomplete", None, "C5"),
    ("nxos", PRIV, "show license bogus", "invalid", "bogus", "C5"),
    ("nxos", PRIV, "sh lic s", "ambiguous", "s", "C5: status, summary"),
    ("nxos", PRIV, "show", "incomplete", None, "G17 text"),
    ("nxos", PRIV, "terminal width 10", "invalid", "10", "LAB_NOTES; range I"),
    ("nxos", PRIV, "show running-config | json", "invalid", "json", "I: the lab has no JSON output"),
    ("nxos", PRIV, "ntp server 192.0.2.1", "invalid", "", "G10: configuration command"),
    # NX-OS configuration
    ("nxos", CONFIG, "license smart transport off", "invalid", "off", "C5 lists smart|cslu|callhome; off not confirmed"),
    ("nxos", CONFIG, "license smart transport bogusvalue", "invalid", "bogusvalue", "C5"),
    ("nxos", CONFIG, "license smart url smart not-a-url", "invalid", "not-a-url", "C5; URL form I"),
    ("nxos", CONFIG, "license smart trust idtoken TOKEN", "invalid", "trust", "C5: EXEC; I: stricter reading"),
    ("nxos", CONFIG, "license smart sync", "invalid", "sync", "C5: EXEC; I: stricter reading"),
    ("nxos", CONFIG, "copy running-config startup-config", "invalid", "", "I: only show and ping run in config mode"),
    ("nxos", CONFIG, "ntp server 192.0.2.1 use-vrf", "incomplete", None, "G10"),
    ("nxos", CONFIG, "ntp server 192.0.2.1 key 70000", "invalid", "70000", "G10; range I"),
    ("nxos", CONFIG, "ntp server 192.0.2.1 maxpoll 17", "invalid", "17", "G10; range I"),
    ("nxos", CONFIG, "ntp server 192.0.2.1 use-vrf management prefer", "invalid", "prefer", "G10 order; I"),
    ("nxos", CONFIG, "ip name-server 192.0.2.1 use-vrf", "incomplete", None, "C5 (seed 001 line 56)"),
    ("nxos", CONFIG, "ip domain name example.com", "ambiguous", "domain", "C5: ip domain-name / ip domain-lookup"),
    ("nxos", CONFIG, "this is garbage", "invalid", "", "issue 19"),
    ("nxos", CONFIG, "show license bogus", "invalid", "bogus", "C5"),
    ("nxos", CALLHOME, "destination-profile CiscoTAC-1 transport-method ftp", "invalid", "ftp", "C8, C5"),
    ("nxos", CALLHOME, "destination-profile CiscoTAC-1 index 1 http not-a-url", "invalid", "not-a-url", "C8; URL form I"),
    ("nxos", CALLHOME, "transport http use-vrf", "incomplete", None, "C8"),
    ("nxos", CALLHOME, "enable now", "invalid", "now", "C8"),
    ("nxos", VRF_CONTEXT, "ip name-server", "incomplete", None, "C5 (seed 001 line 59)"),
    # NX-OS 10.2(x), the first SLP release
    ("nxos-early", PRIV, "license smart trust idtoken TOKEN local", "invalid", "local", "C5; coordinator"),
    ("nxos-early", PRIV, "license smart sync all", "invalid", "all", "C5; coordinator"),
]

# (device, mode, line, source): each must be taken without an error.
ACCEPTED = [
    ("ios", PRIV, "license smart sync all", "G4"),
    ("ios", PRIV, "license smart sync local", "C4"),
    ("ios", PRIV, "license smart trust idtoken tok-ios local", "C4"),
    ("ios", PRIV, "license smart save usage all file flash:usage.txt", "G2, C4"),
    ("ios", PRIV, "license smart save usage days 30 file flash:days.txt", "G4"),
    ("ios", PRIV, "sh lic udi", "C3; abbreviations"),
    ("ios", PRIV, "SHOW LICENSE STATUS", "I: keywords are case-insensitive"),
    ("ios", PRIV, "show running-config | section ^ntp", "cisco.ios ios_ntp_global"),
    ("ios", USER, "show version", "LAB_NOTES"),
    ("ios", CONFIG, "license smart transport smart", "C1, C4"),
    ("ios", CONFIG, "license smart url smart https://smartreceiver.cisco.com/licservice/license", "C4"),
    ("ios", CONFIG, "license smart url cslu http://cslu-local:8182/cslu/v1/pi", "C4"),
    ("ios", CONFIG, "license smart usage interval 30", "C1"),
    ("ios", CONFIG, "ntp server 198.51.100.100 version 2 prefer", "C4 example"),
    ("ios", CONFIG, "ntp server 192.0.2.1 prefer version 2", "G9 order"),
    ("ios", CONFIG, "ip name-server 192.0.2.53", "C4"),
    ("ios", CONFIG, "ip domain name example.com", "C4"),
    ("ios", CONFIG, "ip host cslu-local 192.0.2.50", "C4, C7"),
    ("ios", CONFIG, "ip http client secure-trustpoint SLA-TrustPoint", "C4"),
    ("ios", CONFIG, "do show clock", "I: do"),
    ("ios", TRUSTPOINT, "enrollment terminal", "C4"),
    ("ios", TRUSTPOINT, "revocation-check none", "C4"),
    ("ios", PROFILE, "destination transport-method http", "G5"),
    ("ios", PROFILE, "destination address http https://tools.cisco.com/its/service/oddce/services/DDCEService", "C4, G5"),
    ("ios", PROFILE, "active", "C12"),
    ("ios-early", CONFIG, "license smart transport cslu", "C2"),
    ("ios-early", CONFIG, "license smart utility customer_info city Paris", "C2"),
    ("nxos", PRIV, "license smart sync", "C5"),
    ("nxos", PRIV, "license smart trust idtoken tok-nx force", "C5"),
    ("nxos", PRIV, "show license status", "C5"),
    ("nxos", CONFIG, "license smart transport smart", "C5"),
    ("nxos", CONFIG, "license smart url smart https://smartreceiver.cisco.com/licservice/license", "C5"),
    ("nxos", CONFIG, "ntp server 10.28.13.90 prefer", "C5 (seed 001)"),
    ("nxos", CONFIG, "ntp server 192.0.2.1 prefer use-vrf management", "G10"),
    ("nxos", CONFIG, "ip name-server 192.0.2.53 use-vrf management", "C5 (seed 001 line 56)"),
    ("nxos", CONFIG, "show running-config callhome all", "C5 (seed 001 line 176)"),
    ("nxos", CONFIG, "ping cisco.com vrf management", "C5 (seed 001 line 63)"),
    ("nxos", VRF_CONTEXT, "ip domain-name cisco.com", "C5 (seed 001 line 58)"),
    ("nxos", CALLHOME, "destination-profile CiscoTAC-1 transport-method http", "C8"),
    ("nxos", CALLHOME, "transport http use-vrf management", "C8, C5"),
    ("nxos-early", PRIV, "license smart sync", "C5"),
    ("nxos-early", CONFIG, "license smart transport cslu", "C5"),
]

PROMPT = re.compile(r"(?:[>#] ?|Password: )$")


def test_the_list_is_long_enough_and_sourced():
    assert len(REFUSED) >= 60
    assert {case[0] for case in REFUSED} == set(DEVICES)
    assert all(case[-1] for case in REFUSED + ACCEPTED)


def expected(platform, prompt, line, answer, where):
    """What a real device writes after echoing the line (the next prompt included)."""
    if answer not in ("invalid", "incomplete", "ambiguous"):
        return line + "\r\n" + answer + "\r\n" + prompt
    column = next(found.start() for found in re.finditer(r"\S+", line) if found.group() == where) if where else 0
    if platform == "ios":
        if answer == "incomplete":
            body = "% Incomplete command.\r\n"
        elif answer == "ambiguous":
            body = '%% Ambiguous command:  "%s"\r\n' % line
        else:
            body = " " * (len(prompt) + column) + "^\r\n% Invalid input detected at '^' marker.\r\n"
    else:
        if answer == "incomplete":
            column = len(line) + 1
        text = {"invalid": "Invalid", "incomplete": "Incomplete", "ambiguous": "Ambiguous"}[answer]
        body = " " * (len(prompt) + column) + "^\r\n% " + text + " command at '^' marker."
    return line + "\r\n" + body + "\r\n" + prompt


class Shell:
    """One SSH session on a device, moved between modes."""

    def __init__(self, device, process):
        self.device = device
        self.process = process
        self.where = None

    async def send(self, line):
        self.process.stdin.write(line + "\r")
        text = ""
        while not PROMPT.search(text):
            text += await asyncio.wait_for(self.process.stdout.read(65536), 10)
        return text

    def prompt(self, mode):
        name = self.device.hostname
        if mode == USER:
            return name + ">"
        tail = " " if self.device.platform.name == "nxos" else ""
        if mode == PRIV:
            return name + "#" + tail
        sub = {(): "config", TRUSTPOINT: "ca-trustpoint", CALL_HOME: "cfg-call-home", PROFILE: "cfg-call-home-profile",
               CALLHOME: "config-callhome", VRF_CONTEXT: "config-vrf"}[mode]
        return "%s(%s)#%s" % (name, sub, tail)

    async def go(self, mode):
        ios = self.device.platform.name == "ios"
        if self.where not in (None, USER, PRIV):
            await self.send("end")
            self.where = PRIV
        if mode == USER:
            if self.where != USER:
                await self.send("disable")
        elif self.where == USER and ios:
            await self.send("enable")
            await self.send("admin")
        if mode not in (USER, PRIV):
            await self.send("configure terminal")
            for line in mode:
                await self.send(line)
        self.where = mode


def run_cases(cases, check):
    async def main():
        lab = Lab()
        devices = {key: build_device(dict(scenario), LicenseModel) for key, scenario in DEVICES.items()}
        shells = {}
        try:
            for key, device in devices.items():
                port = await lab.add(device)
                conn = await asyncssh.connect("127.0.0.1", port, username="admin", password="admin", known_hosts=None)
                process = await conn.create_process(term_type="vt100")
                text = ""
                while not PROMPT.search(text):
                    text += await asyncio.wait_for(process.stdout.read(65536), 10)
                shells[key] = (conn, Shell(device, process))
                shells[key][1].where = USER if device.platform.name == "ios" else PRIV
            problems = []
            for case in cases:
                shell = shells[case[0]][1]
                await shell.go(case[1])
                before = shell.device.config.to_lines()
                out = await shell.send(case[2])
                problem = check(case, shell, out, before)
                if problem:
                    problems.append(problem)
            return problems
        finally:
            for conn, _shell in shells.values():
                conn.close()
            await lab.close()
    return asyncio.run(main())


def test_refused_lines_get_the_real_error_and_change_nothing():
    def check(case, shell, out, before):
        key, mode, line, answer, where, source = case
        want = expected(shell.device.platform.name, shell.prompt(mode), line, answer, where)
        if out != want:
            return "%s %r (%s): got %r, want %r" % (key, line, source, out, want)
        if shell.device.config.to_lines() != before:
            return "%s %r (%s) changed the running-config" % (key, line, source)
        return None
    assert run_cases(REFUSED, check) == []


def test_valid_forms_are_taken():
    errors = re.compile(r"^% ?(?:Invalid|Incomplete|Ambiguous)|routing table .* does not exist", re.M)

    def check(case, shell, out, before):
        del before
        key, mode, line, source = case
        if errors.search(out) or not out.startswith(line + "\r\n"):
            return "%s %r (%s) was refused: %r" % (key, line, source, out)
        if not out.endswith(shell.prompt(mode)):
            return "%s %r (%s) left the mode: %r" % (key, line, source, out[-40:])
        return None
    assert run_cases(ACCEPTED, check) == []


@pytest.mark.parametrize("key", sorted(DEVICES))
def test_a_refused_trust_line_in_config_mode_never_reaches_the_config(key):
    """The issue's first example: an ID token typed at (config)# is refused and not stored."""
    def check(case, shell, out, before):
        del out, before
        text = "\n".join(shell.device.config.to_lines())
        return None if "SECRET-TOKEN" not in text else "%s stored the token" % case[0]
    assert run_cases([(key, CONFIG, "license smart trust idtoken SECRET-TOKEN local", "")], check) == []
