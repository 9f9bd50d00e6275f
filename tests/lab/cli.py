# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The CLI of a simulated device, independent of SSH.

A Device holds what all its sessions share: the running and startup configs
(ConfigTree), the license model, counters. A Session is one login: feed it one
typed line, get back the device's answer and the next prompt in one string
(CRLF newlines, no trailing newline). Every typed line is checked word by word
against the platform's command grammar for the current mode and the scenario's
release (tests/lab/grammar.py, grammar_ios.py, grammar_nxos.py); the PLATFORMS
tables hold the rest: prompts, errors, single-valued settings, default-on toggles.

Exec commands the engine does not own go to ``model.handle(command, config,
mode)`` with abbreviations expanded; config lines are applied to the tree and
then reported with ``model.on_config_change(config)``.
"""

from __future__ import annotations

import hashlib
import re
import sys
from datetime import datetime, timedelta, timezone

from tests.lab import grammar_ios, grammar_nxos, pki
from tests.lab.config_tree import ConfigTree, normalize
from tests.lab.grammar import ModeGrammars, tokens_of


def _tokens(text):
    return tokens_of(text)


# -- platform tables --------------------------------------------------------------------------------------------------

IOS_INTERFACES = (("gigabitethernet", "GigabitEthernet"), ("tengigabitethernet", "TenGigabitEthernet"),
                  ("fortygigabitethernet", "FortyGigabitEthernet"), ("hundredgige", "HundredGigE"),
                  ("twentyfivegige", "TwentyFiveGigE"), ("fastethernet", "FastEthernet"), ("loopback", "Loopback"),
                  ("vlan", "Vlan"), ("port-channel", "Port-channel"), ("tunnel", "Tunnel"))
NXOS_INTERFACES = (("ethernet", "Ethernet"), ("mgmt", "mgmt"), ("loopback", "loopback"), ("vlan", "Vlan"),
                   ("port-channel", "port-channel"), ("tunnel", "Tunnel"))


def _interface_name(name, table):
    match = re.match(r"([A-Za-z-]+)\s*(\d.*)?$", name)
    if not match or not match.group(2):
        return name
    prefix = match.group(1).lower()
    for long_name, shown in table:
        if long_name.startswith(prefix):
            return shown + match.group(2)
    return name


class Platform:  # pylint: disable=too-many-instance-attributes
    """Everything that differs between IOS XE and NX-OS."""

    def __init__(self, name, grammars, prompt_tail, invalid_text, default_hostname, interfaces, keyed, toggles, canon,
                 exec_in_config, all_defaults, missing_vrf=None):
        self.name = name
        self.grammars = grammars
        self.prompt_tail = prompt_tail
        self.invalid_text = invalid_text
        self.default_hostname = default_hostname
        self.interfaces = interfaces
        self.keyed = [(mode, re.compile(regex)) for mode, regex in keyed]
        self.toggles = toggles
        self.canon = [(re.compile(regex), repl) for regex, repl in canon]
        self.exec_in_config = exec_in_config
        self.all_defaults = all_defaults
        self.missing_vrf = missing_vrf
        # IOS XE prints an empty line after an error message.
        self.error_tail = "\n" if name == "ios" else ""

    def prompt(self, hostname, mode, privileged):
        if mode == "exec":
            text = hostname + ("#" if privileged else ">")
        else:
            text = "%s(%s)#" % (hostname, mode)
        return text + self.prompt_tail

    def _caret(self, prompt, offset, text):
        return "%s^\n%s%s" % (" " * (len(prompt) + max(offset, 0)), text, self.error_tail)

    def invalid(self, prompt, offset):
        """The invalid-input error with its caret under the offending word (offset into the typed line)."""
        return self._caret(prompt, offset, self.invalid_text)

    def incomplete(self, prompt, offset):
        if self.name == "ios":
            return "% Incomplete command.\n"
        return self._caret(prompt, offset, "% Incomplete command at '^' marker.")

    def ambiguous(self, prompt, offset, line):
        if self.name == "ios":
            return '%% Ambiguous command:  "%s"\n' % line.strip()
        return self._caret(prompt, offset, "% Ambiguous command at '^' marker.")


IOS = Platform(
    "ios",
    grammars=ModeGrammars("ios", grammar_ios.SPECS),
    prompt_tail="",
    invalid_text="% Invalid input detected at '^' marker.",
    default_hostname="Router",
    interfaces=IOS_INTERFACES,
    # (mode, regex): a new line replaces the siblings matching the same regex with the same groups.
    keyed=[
        ("config", r"^hostname\s"),
        ("config", r"^ip domain name\s"),
        ("config", r"^ip domain lookup source-interface\s"),
        ("config", r"^license smart transport\s"),
        ("config", r"^license smart url (smart|cslu)\s"),
        ("config", r"^license smart url (?!smart\s|cslu\s)\S+$"),
        ("config", r"^license smart vrf\s"),
        ("config", r"^license smart proxy address\s"),
        ("config", r"^license smart proxy port\s"),
        ("config", r"^license smart usage interval\s"),
        ("config", r"^ip http client source-interface\s"),
        ("config", r"^ip http client secure-trustpoint\s"),
        ("config", r"^ntp server (?:vrf (\S+) )?(?:ip |ipv6 )?(\S+)"),
        ("config", r"^ntp source\s"),
        ("config", r"^clock timezone\s"),
        ("config", r"^enable secret\s"),
        ("config", r"^ip host (?:vrf (\S+) )?(\S+)\s"),
        ("ca-trustpoint", r"^enrollment (?:terminal|url|pkcs12|selfsigned|mode)\b"),
        ("ca-trustpoint", r"^revocation-check\s"),
        ("ca-trustpoint", r"^subject-name\s"),
        ("ca-trustpoint", r"^rsakeypair\s"),
        ("cfg-call-home", r"^contact-email-addr\s"),
        ("cfg-call-home", r"^vrf\s"),
        ("cfg-call-home", r"^source-interface\s"),
        ("cfg-call-home", r"^http-proxy\s"),
        ("cfg-call-home-profile", r"^destination transport-method\s"),
        ("config-if", r"^ip address (?!.*\ssecondary$)"),
        ("config-if", r"^vrf forwarding\s"),
        ("*", r"^description\s"),
        ("config-vrf", r"^rd\s"),
    ],
    # Settings that are on by default: command -> (shown when on, shown when off as "no ...").
    toggles={"ip domain lookup": (False, True), "ip http server": (True, True), "ip http secure-server": (True, True),
             "service call-home": (True, True)},
    canon=[
        (r"^ip domain-lookup\b", "ip domain lookup"),
        (r"^ip domain-name\s", "ip domain name "),
        (r"^ip domain-list\s", "ip domain list "),
        (r'^profile "?([^"\s]+)"?$', r'profile "\1"'),
    ],
    exec_in_config=(),
    all_defaults={},
    missing_vrf=grammar_ios.MISSING_VRF,
)

NXOS = Platform(
    "nxos",
    grammars=ModeGrammars("nxos", grammar_nxos.SPECS),
    prompt_tail=" ",
    invalid_text="% Invalid command at '^' marker.",
    default_hostname="switch",
    interfaces=NXOS_INTERFACES,
    keyed=[
        ("config", r"^hostname\s"),
        ("*", r"^ip domain-name\s"),
        ("config", r"^license smart transport\s"),
        ("config", r"^license smart url (smart|cslu)\s"),
        ("config", r"^license smart url (?!smart\s|cslu\s)\S+$"),
        ("config", r"^license smart vrf\s"),
        ("config", r"^license smart usage interval\s"),
        ("config", r"^ntp server (\S+)"),
        ("config", r"^ntp source-interface\s"),
        ("config", r"^ntp source\s"),
        ("config", r"^clock timezone\s"),
        ("config", r"^ip host (\S+)\s"),
        ("config-callhome", r"^email-contact\s"),
        ("config-callhome", r"^transport http use-vrf\s"),
        ("config-callhome", r"^transport http proxy server\s"),
        ("config-callhome", r"^destination-profile (\S+) transport-method\s"),
        ("config-callhome", r"^destination-profile (\S+) index (\d+) (http|email-addr)\s"),
        ("config-callhome", r"^destination-profile (\S+) (message-size-limit|message-level)\s"),
        ("config-callhome", r"^periodic-inventory notification (interval|timeofday)\s"),
        ("config-if", r"^ip address (?!.*\ssecondary$)"),
        ("config-if", r"^vrf member\s"),
        ("*", r"^description\s"),
    ],
    toggles={"ip domain-lookup": (False, True)},
    canon=[
        (r"^switchname\s", "hostname "),
    ],
    exec_in_config=grammar_nxos.EXEC_IN_CONFIG,
    all_defaults={"callhome": ["destination-profile CiscoTAC-1 message-level 0",
                               "destination-profile CiscoTAC-1 message-size-limit 5000000",
                               "periodic-inventory notification interval 7",
                               "periodic-inventory notification timeofday 08:00"]},
)

PLATFORMS = {"ios": IOS, "nxos": NXOS}

NXOS_FEATURES = {
    "ntp": r"^(?:no )?(?:ntp|feature ntp)\b",
    "callhome": r"^callhome$",
    "vrf": r"^vrf context\b",
    "interface": r"^interface\b",
    "license": r"^(?:no )?license\b",
    "aaa": r"^aaa\b",
    "snmp": r"^snmp-server\b",
    "logging": r"^(?:no )?logging\b",
}

# Secrets replaced before a command is logged.
SECRETS = [
    (re.compile(r"(\bidtoken\s+)(?!file\b)\S+", re.I), r"\1********"),
    (re.compile(r"(\b(?:password|secret|key-string)\s+(?:\d\s+)?)\S+", re.I), r"\1********"),
]


def mask(line):
    """A command as it may be logged: ID tokens and passwords replaced by ********."""
    for pattern, repl in SECRETS:
        line = pattern.sub(repl, line)
    return line


# -- show version and friends -----------------------------------------------------------------------------------------

IOS_VERSION = """Cisco IOS XE Software, Version {version}
Cisco IOS Software [Cupertino], c8000be Software (X86_64_LINUX_IOSD-UNIVERSALK9-M), Version {short}, RELEASE SOFTWARE (fc3)
Technical Support: http://www.cisco.com/techsupport
Copyright (c) 1986-2023 by Cisco Systems, Inc.
Compiled Fri 20-Oct-23 10:44 by mcpre


Cisco IOS-XE software, Copyright (c) 2005-2023 by cisco Systems, Inc.
All rights reserved.  Certain components of Cisco IOS-XE software are
licensed under the GNU General Public License ("GPL") Version 2.0.  The
software code licensed under GPL Version 2.0 is free software that comes
with ABSOLUTELY NO WARRANTY.  You can redistribute and/or modify such
GPL code under the terms of GPL Version 2.0.  For more details, see the
documentation or "License Notice" file accompanying the IOS-XE software,
or the applicable URL provided on the flyer accompanying the IOS-XE
software.


ROM: 17.3(1r)

{hostname} uptime is {uptime}
Uptime for this control processor is {uptime}
System returned to ROM by Reload Command
System image file is "bootflash:packages.conf"
Last reload reason: Reload Command



This product contains cryptographic features and is subject to United
States and local country laws governing import, export, transfer and
use. Delivery of Cisco cryptographic products does not imply
third-party authority to import, export, distribute or use encryption.
Importers, exporters, distributors and users are responsible for
compliance with U.S. and local country laws. By using this product you
agree to comply with applicable laws and regulations. If you are unable
to comply with U.S. and local country laws, return this product
immediately.

A summary of U.S. laws governing Cisco cryptographic products may be found at:
http://www.cisco.com/wwl/export/crypto/tool/stqrg.html

If you require further assistance please contact us by sending email to
export@cisco.com.



Technology Package License Information:

-----------------------------------------------------------------
Technology    Type         Technology-package   Technology-package
                           Current              Next Reboot
-----------------------------------------------------------------
Smart License Perpetual    network-advantage    network-advantage
Smart License Subscription dna-advantage        dna-advantage

The current crypto throughput level is 250000 kbps


Smart Licensing Status: Smart Licensing Using Policy

cisco {pid} (1RU) processor with 3763047K/6147K bytes of memory.
Processor board ID {serial}
Router operating mode: Autonomous
1 Virtual Ethernet interface
4 Gigabit Ethernet interfaces
2 Ten Gigabit Ethernet interfaces
32768K bytes of non-volatile configuration memory.
8388608K bytes of physical memory.
7208959K bytes of flash memory at bootflash:.

Configuration register is 0x2102
"""

IOS_SWITCH_VERSION = """Cisco IOS XE Software, Version {version}
Cisco IOS Software [Cupertino], Catalyst L3 Switch Software (CAT9K_IOSXE), Version {short}, RELEASE SOFTWARE (fc3)
Technical Support: http://www.cisco.com/techsupport
Copyright (c) 1986-2023 by Cisco Systems, Inc.
Compiled Fri 20-Oct-23 10:44 by mcpre


Cisco IOS-XE software, Copyright (c) 2005-2023 by cisco Systems, Inc.
All rights reserved.  Certain components of Cisco IOS-XE software are
licensed under the GNU General Public License ("GPL") Version 2.0.  The
software code licensed under GPL Version 2.0 is free software that comes
with ABSOLUTELY NO WARRANTY.  You can redistribute and/or modify such
GPL code under the terms of GPL Version 2.0.  For more details, see the
documentation or "License Notice" file accompanying the IOS-XE software,
or the applicable URL provided on the flyer accompanying the IOS-XE
software.


ROM: IOS-XE ROMMON
BOOTLDR: System Bootstrap, Version 17.9.1r[FC2], RELEASE SOFTWARE (P)

{hostname} uptime is {uptime}
Uptime for this control processor is {uptime}
System returned to ROM by Reload Command
System image file is "flash:packages.conf"
Last reload reason: Reload Command



This product contains cryptographic features and is subject to United
States and local country laws governing import, export, transfer and
use. Delivery of Cisco cryptographic products does not imply
third-party authority to import, export, distribute or use encryption.
Importers, exporters, distributors and users are responsible for
compliance with U.S. and local country laws. By using this product you
agree to comply with applicable laws and regulations. If you are unable
to comply with U.S. and local country laws, return this product
immediately.

A summary of U.S. laws governing Cisco cryptographic products may be found at:
http://www.cisco.com/wwl/export/crypto/tool/stqrg.html

If you require further assistance please contact us by sending email to
export@cisco.com.



Technology Package License Information:

------------------------------------------------------------------------------
Technology-package                                     Technology-package
Current                        Type                       Next reboot
------------------------------------------------------------------------------
network-advantage       Smart License                 network-advantage
dna-advantage           Subscription Smart License    dna-advantage
AIR License Level: AIR DNA Advantage
Next reload AIR license Level: AIR DNA Advantage


Smart Licensing Status: Smart Licensing Using Policy

cisco {pid} (X86) processor with 1338934K/6147K bytes of memory.
Processor board ID {serial}
2048K bytes of non-volatile configuration memory.
8388608K bytes of physical memory.
1638400K bytes of Crash Files at crashinfo:.
11264000K bytes of Flash at flash:.

Base Ethernet MAC Address          : {mac}
Motherboard Assembly Number        : 73-18271-03
Motherboard Serial Number          : FOC{serial_tail}
Model Revision Number              : B0
Motherboard Revision Number        : A0
Model Number                       : {pid}
System Serial Number               : {serial}
CLEI Code Number                   :


Switch Ports Model              SW Version        SW Image              Mode
------ ----- -----              ----------        ----------            ----
*    1 41    {pid:<18} {version:<17} CAT9K_IOSXE           INSTALL


Configuration register is 0x102
"""

NXOS_VERSION = """Cisco Nexus Operating System (NX-OS) Software
TAC support: http://www.cisco.com/tac
Documents: http://www.cisco.com/en/US/products/ps9372/tsd_products_support_series_home.html
Copyright (c) 2002-2023, Cisco Systems, Inc. All rights reserved.
The copyrights to certain works contained herein are owned by
other third parties and are used and distributed under license.
Some parts of this software are covered under the GNU Public
License. A copy of the license is available at
http://www.gnu.org/licenses/gpl.html.

Software
  BIOS: version 05.47
 NXOS: version {version} [Maintenance Release]
  BIOS compile time:  04/28/2022
  NXOS image file is: bootflash:///nxos64-cs.{dotted}.M.bin
  NXOS compile time:  9/28/2023 12:00:00 [10/03/2023 05:29:51]


Hardware
  cisco Nexus9000 {chassis} Chassis
  Intel(R) Xeon(R) CPU D-1528 @ 1.90GHz with 32737132 kB of memory.
  Processor Board ID {serial}

  Device name: {hostname}
  bootflash:  115805708 kB
Kernel uptime is {uptime}

Last reset at 412349 usecs after Mon Jan 15 09:12:41 2024
  Reason: Reset Requested by CLI command reload
  System version: {version}
  Service:

plugin
  Core Plugin, Ethernet Plugin

Active Package(s):
"""

DEFAULTS = {
    "ios": {"pid": "C9300-24UX", "version": "17.09.04a"},
    "nxos": {"pid": "N9K-C93180YC-FX", "version": "10.3(4a)"},
}


def default_serial(platform, hostname):
    """A stable serial number for a host name (FCW... on IOS XE, FDO... on NX-OS), as the license model derives it."""
    digest = hashlib.sha256(("%s/%s" % (platform, hostname)).encode()).hexdigest().upper()
    return ("FDO" if platform == "nxos" else "FCW") + digest[:4] + "L" + digest[4:7]


def _ios_uptime(seconds):
    minutes = int(seconds // 60)
    weeks, minutes = divmod(minutes, 7 * 24 * 60)
    days, minutes = divmod(minutes, 24 * 60)
    hours, minutes = divmod(minutes, 60)
    parts = []
    for value, unit in ((weeks, "week"), (days, "day"), (hours, "hour"), (minutes, "minute")):
        if value or unit == "minute":
            parts.append("%d %s%s" % (value, unit, "" if value == 1 else "s"))
    return ", ".join(parts)


def _nxos_uptime(seconds):
    seconds = int(seconds)
    days, seconds = divmod(seconds, 86400)
    hours, seconds = divmod(seconds, 3600)
    minutes, seconds = divmod(seconds, 60)
    return "%d day(s), %d hour(s), %d minute(s), %d second(s)" % (days, hours, minutes, seconds)


# -- output filters ---------------------------------------------------------------------------------------------------

def _regex(text):
    try:
        return re.compile(text)
    except re.error:
        return re.compile(re.escape(text))


def _sections(lines):
    """Split output lines into sections: a non-indented line and the indented lines after it."""
    sections = []
    for line in lines:
        if line[:1] in (" ", "\t") and sections:
            sections[-1].append(line)
        else:
            sections.append([line])
    return sections


def _filter_section(lines, argument):
    words = argument.split(None, 1)
    if words and words[0] in ("include", "exclude") and len(words) > 1:
        pattern = _regex(words[1])
        keep = [section for section in _sections(lines) if any(pattern.search(line) for line in section)]
        if words[0] == "exclude":
            keep = [section for section in _sections(lines) if not any(pattern.search(line) for line in section)]
    else:
        pattern = _regex(argument)
        keep = [section for section in _sections(lines) if pattern.search(section[0])]
    return [line for section in keep for line in section]


PIPES = {
    "ios": ("append", "begin", "count", "exclude", "format", "include", "redirect", "section", "tee"),
    "nxos": ("begin", "count", "egrep", "exclude", "grep", "head", "include", "json", "json-pretty", "last", "less",
             "no-more", "section", "sort", "uniq", "wc", "xml"),
}


class CliError(Exception):
    """An error answer (already formatted) raised by an engine command."""

    def __init__(self, text):
        super().__init__(text)
        self.text = text


# -- the device -------------------------------------------------------------------------------------------------------

def utc_now():
    return datetime.now(timezone.utc)


class Device:
    """One simulated device: config trees, license model and counters shared by all its sessions."""

    def __init__(self, scenario, model_factory, now=utc_now):
        self.scenario = scenario
        self.platform = PLATFORMS[scenario["platform"]]
        self.name = scenario["hostname"]
        defaults = DEFAULTS[self.platform.name]
        scenario.setdefault("serial", default_serial(self.platform.name, self.name))
        scenario.setdefault("pid", defaults["pid"])
        scenario.setdefault("version", defaults["version"])
        self.username = str(scenario.get("username", "admin"))
        self.password = str(scenario.get("password", "admin"))
        self.enable_password = str(scenario.get("enable_password", self.password))
        lab_faults = scenario.get("lab_faults") or {}
        self.reject = [re.compile(regex) for regex in lab_faults.get("reject_commands") or []]
        self.now = now
        self.booted = now() - timedelta(minutes=int(scenario.get("uptime_minutes", 3 * 24 * 60 + 4 * 60 + 7)))
        self.model = model_factory(self.platform.name, self.name, scenario, now)
        self.config = ConfigTree(self.platform.name, self.model.initial_config())
        self._complete_config()
        self.startup = self.config.copy()
        self.changed_at = now()
        self.saved_at = self.changed_at
        self.commands = 0
        self.on_command = None   # callable(masked line): the command log
        self.on_state = None     # callable(device): the state file
        self._hostname = (None, None)

    def _complete_config(self):
        """A version line first and a hostname line, as every real config has."""
        tree = self.config
        if not tree.find(r"^version "):
            if self.platform.name == "ios":
                tree.insert(0, "version " + ".".join(str(int(part)) for part in re.findall(r"\d+", self.scenario["version"])[:2]))
            else:
                tree.insert(0, "version %s Bios:version 05.47" % self.scenario["version"])
        if not tree.find(r"^(?:hostname|switchname) "):
            index = max(i for i, line in enumerate(tree.top()) if line.startswith(("version ", "service ", "platform "))) + 1
            tree.insert(index, "hostname %s" % self.name)

    @property
    def hostname(self):
        """The hostname in the running config (the prompt follows it)."""
        version, name = self._hostname
        if version != self.config.version:
            found = self.config.find(r"^hostname \S")
            name = found[0].split(None, 1)[1] if found else self.platform.default_hostname
            self._hostname = (self.config.version, name)
        return name

    def session(self):
        return Session(self)

    def to_state(self):
        return {"hostname": self.name, "platform": self.platform.name, "running_config": self.config.to_lines(),
                "startup_config": self.startup.to_lines(), "license": self.model.to_state(), "commands": self.commands}

    def load_state(self, data):
        self.config = ConfigTree(self.platform.name, data.get("running_config") or [])
        self.startup = ConfigTree(self.platform.name, data.get("startup_config") or data.get("running_config") or [])
        self.commands = int(data.get("commands") or 0)
        if data.get("license") is not None:
            self.model.load_state(data["license"])

    def record(self, line):
        self.commands += 1
        if self.on_command:
            self.on_command(mask(line))

    def save(self):
        if self.on_state:
            self.on_state(self)

    def reload(self):
        """What a reload does to the device: the running configuration is lost, the startup one is loaded."""
        self.config = self.startup.copy()
        self.booted = self.now()
        self.changed_at = self.saved_at
        self.save()

    def grammar(self, mode, negated=False):
        """The command grammar of a mode for this device's release."""
        return self.platform.grammars.grammar(mode, self.scenario.get("version"), negated)

    def vrfs(self):
        """The VRF names the running-config defines (IOS XE vrf definition / ip vrf, NX-OS vrf context)."""
        names = {"default"} if self.platform.name == "nxos" else set()
        for line in self.config.find(r"^(?:vrf definition|ip vrf|vrf context) \S"):
            names.add(line.split()[-1])
        return names

    def model_command(self, command, mode):
        tick = getattr(self.model, "tick", None)
        try:
            if tick:
                tick(self.config)
            return self.model.handle(command, self.config, mode)
        except Exception as error:  # pylint: disable=broad-exception-caught
            print("lab: %s: model failed on %r: %r" % (self.name, command, error), file=sys.stderr)
            return "% Error: lab model failed: " + str(error)

    def config_changed(self, touched=True):
        """Tell the model about the config (after a changed line, or at exit / end with touched False)."""
        if touched:
            self.changed_at = self.now()
        try:
            self.model.on_config_change(self.config)
        except Exception as error:  # pylint: disable=broad-exception-caught
            print("lab: %s: model failed on a config change: %r" % (self.name, error), file=sys.stderr)


class Session:
    """One login on a device. feed() one typed line, get the answer and the next prompt."""

    def __init__(self, device):
        self.device = device
        self.platform = device.platform
        self.privileged = device.platform.name == "nxos"
        self.stack = []           # config mode stack: [(mode name, path of parent lines)]
        self.waiting = None       # a question the next line answers: "enable-password", "copy-destination"
        self.closed = False
        self._offsets = []        # where each word of the exec command being handled starts

    # -- prompts ----------------------------------------------------------------------------------------------------

    @property
    def mode(self):
        """Mode name given to the model: exec (IOS `>`), privileged (`#`), config, or the sub-mode (config-if, ...)."""
        if self.stack:
            return self.stack[-1][0]
        return "privileged" if self.privileged else "exec"

    @property
    def prompt(self):
        mode = self.stack[-1][0] if self.stack else "exec"
        return self.platform.prompt(self.device.hostname, mode, self.privileged)

    @property
    def echo(self):
        """False while the session waits for a password (never echoed)."""
        return self.waiting != "enable-password"

    def start(self):
        """What the device writes when the shell opens."""
        return "\r\n" + self.prompt

    # -- one line ---------------------------------------------------------------------------------------------------

    def feed(self, line):
        """Process one typed line; return the output and the next prompt (CRLF newlines, no trailing newline)."""
        line = line.rstrip("\r\n")
        prompt = self.prompt
        if self.waiting:
            question, self.waiting = self.waiting, None
            if question != "enable-password" and line.strip():
                self.device.record(line)
            out = self._answer(question, line)
        else:
            if line.strip():
                self.device.record(line)
            out = self._line(line, prompt)
        if line.strip() or out:
            self.device.save()
        if self.closed:
            return self._crlf(out) if out else ""
        if self.waiting:
            return "\r\n" + self._crlf(out)
        if out:
            return "\r\n" + self._crlf(out) + "\r\n" + self.prompt
        return "\r\n" + self.prompt

    @staticmethod
    def _crlf(text):
        return text.replace("\r\n", "\n").replace("\n", "\r\n")

    def _answer(self, question, line):
        if question == "enable-password":
            if line == self.device.enable_password:
                self.privileged = True
                return ""
            return "% Bad secrets\n"
        if question == "copy-destination":
            if line.strip() in ("", "startup-config"):
                return self._save()
            return "%Error opening bootflash:%s (Permission denied)" % line.strip()
        if isinstance(question, tuple) and question[0] == "pki-paste":
            return self._pki_paste(question, line)
        if isinstance(question, tuple) and question[0] == "pki-accept":
            return self._pki_accept(question, line)
        return ""

    def _rejected(self, text, expanded, prompt):
        for pattern in self.device.reject:
            match = pattern.search(text) or pattern.search(expanded)
            if match:
                offset = match.start() if pattern.search(text) else 0
                starts = [start for _token, start in _tokens(text) if start <= offset] or [0]
                return self.platform.invalid(prompt, starts[-1])
        return None

    def _line(self, line, prompt):
        if "\x1a" in line:  # Ctrl-Z
            line = "end" if self.stack else line.replace("\x1a", "")
        text = line.rstrip()
        if not text.strip():
            return ""
        if text.endswith("?"):
            return self._help(text[:-1])
        if self.stack:
            return self._config_line(text, prompt)
        return self._exec(text, prompt)

    def _help(self, text):
        """'?' help: the words that may come next in this mode (a partial word: the words it starts)."""
        if self.stack:
            mode = self.stack[-1][0]
        else:
            mode = "privileged" if self.privileged else "exec"
            text = text.split("|")[0]
        found = self.device.grammar(mode).next_words(text)
        if found is None:
            return self.platform.invalid(self.prompt, len(text))
        keywords, args, complete = found
        lines = ["  %-20s" % word for word in keywords]
        lines += ["  %-20s" % ("WORD" if name in ("word", "line") else "<%s>" % name) for name in args]
        if complete:
            if self.platform.name == "ios" and not self.stack:
                lines.append("  %-20s%s" % ("|", "Output modifiers"))
            lines.append("  <cr>")
        return "\n".join(line.rstrip() for line in lines)

    # -- exec mode --------------------------------------------------------------------------------------------------

    def _error(self, match, prompt, line):
        """The platform's answer to a line the grammar refused."""
        if match.kind == "ambiguous":
            return self.platform.ambiguous(prompt, match.offset, line)
        if match.kind == "incomplete":
            return self.platform.incomplete(prompt, match.offset)
        return self.platform.invalid(prompt, match.offset)

    def _missing_vrf(self, match):
        """The device's message when the line names a VRF that does not exist (None when all exist)."""
        if not self.platform.missing_vrf:
            return None
        known = self.device.vrfs()
        for kind, name in match.checked:
            if kind == "vrf!" and name not in known:
                return self.platform.missing_vrf.format(name=name)
        return None

    def _exec(self, text, prompt, mode=None, base=0):
        command, pipes = text, []
        if "|" in text:
            command, rest = text.split("|", 1)
            pipes = [rest] if self.platform.name == "ios" else re.split(r"\s*\|\s*", rest)
        grammar_mode = "privileged" if (self.privileged or mode == "privileged") else "exec"
        match = self.device.grammar(grammar_mode).match(command, base)
        words = match.words
        self._offsets = [base + offset for _token, offset in _tokens(command)]
        expanded = " ".join(words + [token for token, _offset in _tokens(command)[len(words):]])
        rejected = self._rejected(text, expanded, prompt)
        if rejected:
            return rejected
        if not match.ok:
            return self._error(match, prompt, " ".join(text.split()) if base else text)
        problem = self._missing_vrf(match)
        if problem:
            return problem
        try:
            out = self._engine_command(words, prompt)
        except CliError as error:
            return error.text
        if out is None:
            out = self.device.model_command(expanded, mode or self.mode)
        if out is None:
            print("lab: %s: the grammar accepts %r but nothing answers it" % (self.device.name, mask(expanded)), file=sys.stderr)
            return self.platform.invalid(prompt, base)
        if pipes:
            return self._pipes(out, pipes, prompt, base + len(command) + 1)
        return out[:-1] if out.endswith("\n") else out

    def _pipes(self, out, pipes, prompt, offset):
        lines = out.split("\n")
        if lines and lines[-1] == "":
            lines.pop()
        names = PIPES[self.platform.name]
        for pipe in pipes:
            words = pipe.strip().split(None, 1)
            if not words:
                return self.platform.incomplete(prompt, offset)
            matches = [name for name in names if name.startswith(words[0].lower())]
            if words[0].lower() in names:
                matches = [words[0].lower()]
            column = offset + len(pipe) - len(pipe.lstrip())
            if len(matches) != 1 or matches[0] in ("json", "json-pretty", "xml", "append", "redirect", "tee", "format"):
                return self.platform.invalid(prompt, column)
            name, argument = matches[0], words[1].strip() if len(words) > 1 else ""
            if len(argument) > 1 and argument[0] == argument[-1] and argument[0] in "'\"":
                argument = argument[1:-1]
            if name in ("include", "exclude", "begin", "section", "grep", "egrep") and not argument:
                return self.platform.incomplete(prompt, column + len(pipe.strip()) + 1)
            lines = self._pipe(name, argument, lines)
            offset += len(pipe) + 1
        return "\n".join(lines)

    def _pipe(self, name, argument, lines):
        if name in ("include", "grep", "egrep"):
            pattern = _regex(argument)
            return [line for line in lines if pattern.search(line)]
        if name == "exclude":
            pattern = _regex(argument)
            return [line for line in lines if not pattern.search(line)]
        if name == "begin":
            pattern = _regex(argument)
            for index, line in enumerate(lines):
                if pattern.search(line):
                    return lines[index:]
            return []
        if name == "section":
            return _filter_section(lines, argument)
        if name in ("count", "wc"):
            if self.platform.name == "ios":
                pattern = _regex(argument or ".")
                return ["Number of lines which match regexp = %d" % sum(1 for line in lines if pattern.search(line))]
            return [str(len(lines))]
        if name in ("head", "last"):
            count = int((re.findall(r"\d+", argument) or ["10"])[0])
            return lines[:count] if name == "head" else lines[-count:]
        if name == "sort":
            return sorted(lines)
        if name == "uniq":
            return [line for index, line in enumerate(lines) if index == 0 or lines[index - 1] != line]
        return lines

    def _engine_command(self, words, prompt):
        """Output of a command the engine owns, or None when the model should answer."""
        platform = self.platform.name
        command = " ".join(words)
        if words[0] == "terminal":
            return ""
        if command in ("exit", "logout"):
            self.closed = True
            return ""
        if command == "end":
            return "" if platform == "nxos" else None
        handler = self.ENGINE.get(command) or self.ENGINE.get(" ".join(words[:2]))
        if handler:
            return handler(self, words, prompt)
        return None

    def _enable(self, words, prompt):
        del words, prompt
        if self.privileged:
            return ""
        self.waiting = "enable-password"
        return "Password: "

    def _disable(self, words, prompt):
        del words, prompt
        self.privileged = False
        return ""

    def _show_privilege(self, words, prompt):
        del words, prompt
        if self.platform.name == "ios":
            return "Current privilege level is %d" % (15 if self.privileged else 1)
        return "User name: %s\nCurrent privilege level: -1\nFeature privilege: Disabled" % self.device.username

    def _show_version(self, words, prompt):
        del words, prompt
        device = self.device
        scenario = device.scenario
        age = (device.now() - device.booted).total_seconds()
        if self.platform.name == "ios":
            short = ".".join(str(int(part)) for part in re.findall(r"\d+", scenario["version"])[:2])
            short += "." + re.sub(r"^\d+\.\d+\.0*", "", scenario["version"])
            template = IOS_SWITCH_VERSION if scenario["pid"].upper().startswith("C9") else IOS_VERSION
            digest = hashlib.sha256(scenario["serial"].encode()).hexdigest()
            mac = ":".join(digest[index:index + 2] for index in range(0, 12, 2))
            return template.format(version=scenario["version"], short=short, hostname=device.hostname,
                                   uptime=_ios_uptime(age), pid=scenario["pid"], serial=scenario["serial"],
                                   mac=mac, serial_tail=scenario["serial"][3:])
        dotted = ".".join(re.findall(r"[0-9]+[a-z]?", scenario["version"]))
        chassis = scenario["pid"].replace("N9K-", "")
        return NXOS_VERSION.format(version=scenario["version"], dotted=dotted, chassis=chassis, serial=scenario["serial"],
                                   hostname=device.hostname, uptime=_nxos_uptime(age))

    def _show_inventory(self, words, prompt):
        del words, prompt
        scenario = self.device.scenario
        if self.platform.name == "ios" and scenario["pid"].upper().startswith("C9"):
            return ('NAME: "c93xx Stack", DESCR: "c93xx Stack"\nPID: %-18s, VID: V02  , SN: %s\n\n'
                    'NAME: "Switch 1", DESCR: "%s"\nPID: %-18s, VID: V02  , SN: %s\n'
                    % (scenario["pid"], scenario["serial"], scenario["pid"], scenario["pid"], scenario["serial"]))
        if self.platform.name == "ios":
            return ('NAME: "Chassis", DESCR: "Cisco %s Chassis"\nPID: %-18s, VID: V01  , SN: %s\n\n'
                    'NAME: "module 0", DESCR: "Cisco %s Built-In NIM controller"\nPID: %-18s, VID:      , SN:\n'
                    % (scenario["pid"], scenario["pid"], scenario["serial"], scenario["pid"], scenario["pid"]))
        chassis = scenario["pid"].replace("N9K-", "")
        return ('NAME: "Chassis",  DESCR: "Nexus9000 %s Chassis"\nPID: %-20s,  VID: V02 ,  SN: %s\n\n'
                'NAME: "Slot 1",  DESCR: "48x10/25G + 6x40/100G Ethernet Module"\nPID: %-20s,  VID: V02 ,  SN: %s\n'
                % (chassis, scenario["pid"], scenario["serial"], scenario["pid"], scenario["serial"]))

    def _word_offset(self, index):
        """Where word index of the command being handled starts in the typed line."""
        return self._offsets[index] if index < len(self._offsets) else 0

    def _show_user_account(self, words, prompt):
        del words, prompt
        return "user:%s\n        this user account has no expiry date\n        roles:network-admin\n" % self.device.username

    def _show_hostname(self, words, prompt):
        del words, prompt
        return self.device.hostname

    def _show_config(self, words, prompt):
        device = self.device
        startup = words[1] == "startup-config"
        tree = device.startup if startup else device.config
        args = words[2:]
        with_defaults = "all" in args
        select = None
        if args and args[0] == "interface" and len(args) > 1:
            name = normalize("interface " + _interface_name(" ".join(args[1:]), self.platform.interfaces))
            if not tree.has(name):
                raise CliError(self.platform.invalid(prompt, self._word_offset(3)))
            select = name.__eq__
        elif self.platform.name == "nxos" and args and args[0] in NXOS_FEATURES:
            select = re.compile(NXOS_FEATURES[args[0]]).search
        if with_defaults:
            tree = self._with_defaults(tree)
        title = " ".join(words)
        stamp = device.saved_at if startup else device.changed_at
        return tree.render(title=title, now=device.now(), changed=stamp, select=select)

    def _with_defaults(self, tree):
        tree = tree.copy()
        for command, (shown_on, _shown_off) in self.platform.toggles.items():
            if not shown_on and not tree.has("no " + command) and not tree.has(command):
                tree.set(command)
        for parent, lines in self.platform.all_defaults.items():
            if tree.has(parent):
                present = tree.children(parent)
                for line in lines:
                    key = line.rsplit(" ", 1)[0] + " "
                    if not any(child.startswith(key) for child in present):
                        tree.set(line, [parent])
        return tree

    def _configure(self, words, prompt):
        del prompt
        if len(words) > 1 and words[1] not in ("terminal",):
            return None
        self.stack = [("config", [])]
        if self.platform.name == "ios":
            return "Enter configuration commands, one per line.  End with CNTL/Z."
        return "Enter configuration commands, one per line. End with CNTL/Z."

    def _copy(self, words, prompt):
        del prompt
        if words[1:] != ["running-config", "startup-config"]:
            return None
        if self.platform.name == "ios":
            self.waiting = "copy-destination"
            return "Destination filename [startup-config]? "
        self._save()
        return "[########################################] 100%\nCopy complete, now saving to disk (please wait)...\nCopy complete."

    def _write(self, words, prompt):
        del prompt
        if words[1:] == ["terminal"]:
            return self._show_config(["show", "running-config"], "")
        return self._save()

    def _save(self):
        device = self.device
        device.startup = device.config.copy()
        device.saved_at = device.now()
        return "Building configuration...\n[OK]" if self.platform.name == "ios" else ""

    ENGINE = {
        "enable": _enable,
        "disable": _disable,
        "show privilege": _show_privilege,
        "show version": _show_version,
        "show inventory": _show_inventory,
        "show user-account": _show_user_account,
        "show hostname": _show_hostname,
        "show switchname": _show_hostname,
        "show running-config": _show_config,
        "show startup-config": _show_config,
        "configure": _configure,
        "configure terminal": _configure,
        "copy running-config": _copy,
        "write": _write,
        "write memory": _write,
        "write terminal": _write,
    }

    # -- configuration mode -----------------------------------------------------------------------------------------

    def _config_line(self, text, prompt):
        platform = self.platform
        stripped = text.strip()
        low = " ".join(stripped.lower().split())
        mode = self.stack[-1][0]
        if low == "end" or (low == "exit" and len(self.stack) == 1):
            self.stack = []
            self.device.config_changed(touched=False)
            return ""
        if low == "exit" or (low == "exit-address-family" and mode == "config-vrf-af") or (low == "quit" and mode == "config-pki-hexmode"):
            self.stack.pop()
            self.device.config_changed(touched=False)
            return ""
        rejected = self._rejected(text, stripped, prompt)
        if rejected:
            return rejected
        tokens = _tokens(text)
        first = tokens[0][0].lower()
        if first == "do" and platform.name == "ios" and mode != "config-pki-hexmode":
            if len(tokens) == 1:
                return platform.incomplete(prompt, len(text.rstrip()) + 1)
            return self._do(text[tokens[1][1]:], prompt, tokens[1][1])
        negate = first == "no" or (first == "default" and platform.name == "ios")
        rest, base = text, 0
        if negate:
            if len(tokens) == 1:
                return platform.incomplete(prompt, len(text.rstrip()) + 1)
            rest, base = text[tokens[1][1]:], tokens[1][1]
        level, match, failures = None, None, []
        for index in range(len(self.stack) - 1, -1, -1):
            found = self.device.grammar(self.stack[index][0], negated=negate).match(rest, base)
            if found.ok:
                level, match = index, found
                break
            failures.append(found)
        if match is None and platform.exec_in_config and not negate:
            found = self.device.grammar("privileged").match(text.split("|")[0])
            if found.ok and found.words[0] in platform.exec_in_config:
                return self._do(text, prompt, 0)
            if found.words and found.words[0] in platform.exec_in_config:
                failures.append(found)
        if match is None:
            worst = max(failures, key=lambda item: item.offset if item.kind != "incomplete" else len(text) + 1)
            return self._error(worst, prompt, text)
        problem = self._missing_vrf(match)
        if problem:
            return problem
        line = self._canonical(normalize(" ".join(match.words)))
        self.stack = self.stack[:level + 1]
        if not negate and match.words[:3] == ["crypto", "pki", "authenticate"]:
            return self._pki_authenticate(match.words[3])
        mode, path = self.stack[-1]
        if negate:
            changed = self._negate(line, mode, path)
        else:
            changed = self._apply(line, mode, path)
            if match.entry.enter:
                self.stack.append((match.entry.enter, path + [line]))
        if changed:
            self.device.config_changed()
        return ""

    # -- crypto pki authenticate (IOS XE global configuration; texts and sources in tests/lab/pki.py) -------------

    def _pki_authenticate(self, name):
        """Start the paste dialog for a trustpoint that exists, has 'enrollment terminal' and no CA certificate yet."""
        tree = self.device.config
        head = "crypto pki trustpoint %s" % name
        if not tree.has(head):
            return pki.NO_TRUSTPOINT.format(name=name)
        if not any(child.lower().split()[:2] == ["enrollment", "terminal"] for child in tree.children(head)):
            return pki.NOT_TERMINAL.format(name=name)
        chain = "crypto pki certificate chain %s" % name
        if any(child.lower().startswith("certificate ca ") for child in tree.children(chain)):
            return pki.HAS_CA.format(name=name)
        self.waiting = ("pki-paste", name, [])
        return pki.PASTE_PROMPT

    def _pki_paste(self, question, line):
        _kind, name, lines = question
        if line.strip() and line.strip().lower() != "quit":
            self.waiting = ("pki-paste", name, lines + [line])
            return ""
        cert = pki.read_paste(lines)
        if cert is None or not pki.self_signed(cert):
            return pki.SAVE_FAILED
        self.waiting = ("pki-accept", name, cert)
        return "\n".join(pki.fingerprint_lines(cert)) + "\n\n" + pki.ACCEPT_QUESTION

    def _pki_accept(self, question, line):
        _kind, name, cert = question
        answer = line.strip().lower()
        if answer in ("no", "n"):
            return pki.NOT_ACCEPTED
        if answer not in ("yes", "y"):
            self.waiting = question
            return pki.ANSWER_AGAIN + "\n" + pki.ACCEPT_QUESTION
        tree = self.device.config
        chain, certificate, hex_lines = pki.chain_lines(name, cert)
        tree.set(chain)
        tree.set(certificate, [chain])
        for index, hex_line in enumerate(hex_lines + ["quit"]):
            tree.insert(index, hex_line, [chain, certificate])
        self.device.config_changed()
        return pki.ACCEPTED

    def _do(self, command, prompt, offset):
        saved = self.privileged
        self.privileged = True
        try:
            return self._exec(command, prompt, mode="privileged", base=offset)
        finally:
            self.privileged = saved

    def _canonical(self, line):
        for pattern, repl in self.platform.canon:
            line = pattern.sub(repl, line, count=1)
        if line.startswith("interface "):
            line = "interface " + _interface_name(line[len("interface "):], self.platform.interfaces)
        return line

    def _keyed(self, mode, line):
        for rule_mode, pattern in self.platform.keyed:
            if rule_mode not in ("*", mode):
                continue
            match = pattern.search(line)
            if match:
                return pattern, match.groups()
        return None, None

    def _apply(self, line, mode, path):
        tree = self.device.config
        before = tree.version
        toggle = self.platform.toggles.get(line) if mode == "config" else None
        if toggle is not None:
            tree.remove("no " + line, path)
            if toggle[0]:
                tree.set(line, path)
            return tree.version != before
        if self.platform.name == "ios" and mode == "config" and line.startswith("ip name-server "):
            return self._name_servers(line, path, add=True)
        pattern, key = self._keyed(mode, line)
        if pattern is not None:
            siblings = tree.children(path) if path else tree.top()
            same = [s for s in siblings if s != line and pattern.search(s) and pattern.search(s).groups() == key]
            if same:
                if tree.has(line, path):
                    for old in same:
                        tree.remove(old, path)
                else:
                    tree.replace_line(same[0], line, path)
                    for old in same[1:]:
                        tree.remove(old, path)
                return True
        tree.set(line, path)
        return tree.version != before

    def _negate(self, line, mode, path):
        tree = self.device.config
        before = tree.version
        toggle = self.platform.toggles.get(line) if mode == "config" else None
        if toggle is not None:
            tree.remove(line, path)
            if toggle[1]:
                tree.set("no " + line, path)
            return tree.version != before
        if self.platform.name == "ios" and mode == "config" and line.startswith("ip name-server "):
            return self._name_servers(line, path, add=False)
        if not tree.remove(line, path):
            escaped = re.escape(line)
            removed = tree.remove_matching(r"^%s(?:\s|$)" % escaped, path)
            if not removed:
                pattern, key = self._keyed(mode, line)
                if pattern is not None:
                    siblings = tree.children(path) if path else tree.top()
                    for sibling in siblings:
                        match = pattern.search(sibling)
                        if match and match.groups() == key:
                            tree.remove(sibling, path)
        return tree.version != before

    def _name_servers(self, line, path, add):
        """IOS XE keeps the name servers of one VRF on one line: `ip name-server [vrf V] A B ...`."""
        tree = self.device.config
        words = line.split()[2:]
        vrf = []
        if len(words) >= 2 and words[0] == "vrf":
            vrf, words = words[:2], words[2:]
        head = " ".join(["ip name-server"] + vrf)
        existing = [s for s in tree.top() if s.startswith(head + " ") and (vrf or not s.startswith("ip name-server vrf "))]
        current = existing[0].split()[len(head.split()):] if existing else []
        if add:
            wanted = current + [word for word in words if word not in current]
        else:
            wanted = [word for word in current if word not in words] if words else []
        if wanted == current:
            return False
        if not wanted:
            tree.remove(existing[0], path)
        elif existing:
            tree.replace_line(existing[0], " ".join([head] + wanted[:6]), path)
        else:
            tree.set(" ".join([head] + wanted[:6]), path)
        return True
