# -*- coding: utf-8 -*-
# Copyright: contributors to smartlic.slp
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The words the whole collection shares, each defined here once and imported everywhere else.

One section per kind of word, each headed by a comment line. Nothing here
imports another module of the collection (this is the lowest layer), and
nothing here changes once the module is loaded. Pure Python stdlib.
"""

from __future__ import annotations

import re

# ------------------------------------------------------------------ severities
# The severities of a finding, worst first (docs/diagnosis.md "Severity"), and the ones that ask for action.
SEVERITIES = ("critical", "error", "warning", "info")
ACTIONABLE = ("critical", "error", "warning")


def severity_rank(severity):
    """0 for critical ... 3 for info; anything else sorts last (4)."""
    return SEVERITIES.index(severity) if severity in SEVERITIES else len(SEVERITIES)


# ------------------------------------------------------------------ platforms
# The two platforms read, by their short name ('ios', 'nxos'): the name used in messages and their ansible_network_os.
PLATFORM_NAMES = {"ios": "IOS XE", "nxos": "NX-OS"}
NETWORK_OS = {"ios": "cisco.ios.ios", "nxos": "cisco.nxos.nxos"}
# The values of ansible_network_os (or a module's platform option) a live session accepts, and the platform each names.
SUPPORTED_NETWORK_OS = {"cisco.ios.ios": "ios", "cisco.nxos.nxos": "nxos", "ios": "ios", "nxos": "nxos"}


def normalize_platform(name, strict=False):
    """'ios' or 'nxos' from a platform name; None when it names neither.

    Loose (the default, for the spellings found in captures and filter arguments): 'cisco.ios.ios', 'iosxe',
    'ios-xe', 'IOS_XE' are 'ios'; 'cisco.nxos.nxos', 'nx-os' are 'nxos'; any name holding 'nxos' / 'nx-os',
    else 'ios', counts. ``strict`` (for a live session, where a wrong platform would send the wrong commands):
    only SUPPORTED_NETWORK_OS, in any case and with blanks around; 'cisco.iosxr.iosxr' is then None.
    """
    known = SUPPORTED_NETWORK_OS.get(name) if isinstance(name, str) else None
    if known:
        return known
    text = str(name or "").strip().lower()
    if strict:
        return SUPPORTED_NETWORK_OS.get(text)
    text = text.replace("_", "-")
    if "nxos" in text or "nx-os" in text:
        return "nxos"
    if "ios" in text:
        return "ios"
    return None


def unsupported_platform(name, option="ansible_network_os"):
    """The one line that refuses a platform ``normalize_platform(name, strict=True)`` does not accept."""
    if not str(name or "").strip():
        return "the platform of the device is unknown: set ansible_network_os to cisco.ios.ios (IOS XE) or cisco.nxos.nxos (NX-OS)"
    return "%s %s is not supported: smartlic.slp reads IOS XE (cisco.ios.ios) and NX-OS (cisco.nxos.nxos) devices only; nothing was sent" % (
        option, name)


# ------------------------------------------------------------------ device refusals
# What a device prints when it rejects a command we sent (the command is then an error, the session goes on).
CLI_REJECTION = re.compile(
    r"%\s?(?:invalid (?:input|command|parameter|range|value)|incomplete command|ambiguous command|unknown command|permission denied)"
    r"|syntax error|command (?:authorization failed|rejected)|invalid input|marker\.", re.IGNORECASE)


def is_cli_rejection(error):
    """True when an error text is the device refusing the command, False for a connection problem (timeout, SSH failure)."""
    return bool(CLI_REJECTION.search(str(error or "")))


# ------------------------------------------------------------------ licensing servers and terminal refusals (command table)
# The URLs the seeds name: CSSM for the smart transport (seed 000 line 193, seed 001 line 102), the default CSLU URL
# (cslu-local on port 8182, seed 000 line 263) and the call-home destination (seed 000 line 206, seed 001 line 185).
SMART_URL = "https://smartreceiver.cisco.com/licservice/license"
CSLU_URL = "http://cslu-local:8182/cslu/v1/pi"
CALLHOME_URL = "https://tools.cisco.com/its/service/oddce/services/DDCEService"
# A line of EXEC output that says the device refused the command ('% Invalid input ...', '% Error ...', a lone caret).
REFUSED_LINE = re.compile(
    r"^\s*(?:%\s*(?:invalid|incomplete|ambiguous|unknown|error|bad)\b|error:|syntax error|command authorization failed|\^$)", re.IGNORECASE)
# The terminal error patterns (ansible_terminal_stderr_re) the roles give network_cli while they run licensing commands:
# narrower than the platform defaults, whose "not found", "ERROR:" and (NX-OS) "^% \w+" also match licensing status
# text and would fail good reads. The roles read them through the slp_vocabulary filter.
TERMINAL_REFUSALS = (
    r"(?im)^\s*% ?(?:invalid (?:input|command|parameter|range|value)|incomplete command|ambiguous command|unknown command|permission denied"
    r"|bad secret)",
    r"(?im)^\s*(?:% ?)?command (?:authorization failed|rejected)",
    r"(?i)syntax error while parsing",
)


def terminal_stderr_re(extra=()):
    """TERMINAL_REFUSALS (and ``extra`` patterns) in the form of ansible_terminal_stderr_re: [{pattern}]."""
    return [{"pattern": pattern} for pattern in tuple(TERMINAL_REFUSALS) + tuple(extra or ())]


# ------------------------------------------------------------------ remediation outcomes (STYLE)
# What came of a remediation role: the one word of <role>_result.outcome, the same in every role (docs/remediation.md
# "Result facts"). The roles read the words through the slp_vocabulary filter ('outcomes'); a unit test checks that no
# role writes another.
OUTCOMES = {
    "unchanged": "nothing to do: the device already has what the role sets; nothing was sent",
    "would_apply": "check mode: the role would send 'commands'; only reads reached the device",
    "applied": "sent, the device took it and, where the role waits for an effect, the effect showed",
    "pending": "sent and taken, but its effect (clock, trust code, ACK) has not shown within the wait: see 'pending'",
    "deferred": "not run: it needs a synchronised clock and the host's ntp fix is pending (the remediate playbook)",
    "refused": "the device rejected a line: 'rejected', 'device_said', 'applied' and 'not_applied' say which and what took",
    "interrupted": "stopped while sending (the session was lost): 'commands' were being sent, what took is not known",
    "failed": "sent, but the fix did not take: the device reported it failed, a line is still missing, or the effect could not be read",
}
# The outcome words of the modules smart_license_trust and smart_license_sync, as role outcomes. A command the device
# refused is 'failed' in the module and 'refused' in the role (the role reads the refusal with the slp_rejection filter).
MODULE_OUTCOMES = {"skipped": "unchanged", "check_mode": "would_apply", "installed": "applied", "acked": "applied", "saved": "applied",
                   "pending": "pending", "failed": "failed"}
# The keys every remediation role's result fact holds, with their value when nothing happened (role-specific keys come
# on top): what it sends or would send (commands), what reached the device (sent, the save included), whether a lost
# session stopped it (interrupted), the refused line and what took (rejected, device_said, applied, not_applied),
# what a pending fix waits for, the steps left to a person, and one line for people (msg).
RESULT = {"changed": False, "check_mode": False, "outcome": "unchanged", "commands": [], "sent": [], "interrupted": False, "rejected": None,
          "device_said": "", "applied": [], "not_applied": [], "pending": None, "manual_steps": [], "msg": ""}


def empty_result():
    """A fresh copy of RESULT (its lists new), to fill in for one role's result."""
    return {key: list(value) if isinstance(value, list) else value for key, value in RESULT.items()}
