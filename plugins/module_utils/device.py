# -*- coding: utf-8 -*-
# Copyright: contributors to smartlic.slp
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What a diagnosis collects from a device, and how outputs become one device result.

Used by the modules ``smart_license_facts`` (live, over network_cli, and
``state: parsed``) and ``smart_license_captures`` (a folder of capture files):

- ``commands_for(platform)``: every command one diagnosis runs, per platform;
- ``probe_commands(facts, platform)``: ``ping`` of the licensing server named
  by the transport URL, in the licensing VRF;
- ``analyze_outputs(outputs, platform)``: the outputs of a live session (a
  command that the device rejected is recorded as an error for that command);
- ``analyze_text(text)`` / ``analyze_file(path)``: an offline capture;
- ``analyze_files(paths, workers)``: many captures in a process pool.

Live outputs are read by ``capture.read_outputs``, which gives what
``capture.read_capture`` gives for the transcript a terminal would show, so
live and offline results go through the same code: sections, syslog messages
and truncation checks. Output that
looks cut (a line ending in ``<none>`` that network_cli took for the prompt,
a section missing its end) gives a warning for that command and is left out
of the facts, rather than diagnosed from half a page.

The device result is the per-device report document (DESIGN.md): ``host``,
``platform``, ``facts``, ``messages``, ``findings``, plus ``summary``,
``collected_at`` (device clock), ``ack`` (next ACK deadline, days left),
``commands`` (status of every command), ``warnings``, ``usable`` and
``reason``. Pure Python stdlib; never raises on device text.
"""

from __future__ import annotations

import fnmatch
import os
import re
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool

from ansible_collections.smartlic.slp.plugins.module_utils import capture
from ansible_collections.smartlic.slp.plugins.module_utils import report
from ansible_collections.smartlic.slp.plugins.module_utils.parsers import registry
from ansible_collections.smartlic.slp.plugins.module_utils.parsers.common import forget_lines, remember_lines
from ansible_collections.smartlic.slp.plugins.module_utils.rules.base import url_host, whole_days
from ansible_collections.smartlic.slp.plugins.module_utils.rules.context import Context

try:
    from ansible_collections.smartlic.slp.plugins.module_utils.rules import engine
except ImportError:  # pragma: no cover - reported in every result by run_rules()
    engine = None

TECH_SUPPORT = "show license tech support"
IOS_GATHER = (
    "show license status",
    "show license udi",
    "show license usage",
    "show license summary",
    "show license rum id all",
    "show clock",
    "show ntp associations",
    "show ntp status",
    "show running-config",
    "show call-home profile all",
    "show ip http client",
    "show ip http server session-module",
    "show logging",
)
NXOS_GATHER = (
    "show license status",
    "show license usage",
    "show license udi",
    "show running-config",
    "show running-config callhome all",
    "show clock",
    "show ntp peer-status",
    "show logging logfile",
)
# Findings whose cause the tech-support output (failure reasons, communication statistics) can tell apart.
TECH_SUPPORT_HELPS = frozenset({"cssm_unreachable", "usage_report_failed", "report_ack_overdue"})
TECH_SUPPORT_MODES = ("auto", "always", "never")
# The host name of the prompt live outputs are read under (capture.read_outputs).
TRANSCRIPT_HOST = "smartlic-gather"
# Bytes read from a capture file; the rest of a larger file is left out with a warning, and the output the cut
# falls in is reported as truncated. A device's licensing capture is well under 1 MiB; reading costs about 1 to 4
# CPU seconds and about 12 MiB of memory per MiB (docs/reliability.md), so 8 MiB keeps one file under about 30 s.
MAX_CAPTURE_BYTES = 8 * 1024 * 1024
DEFAULT_URL_HOSTS = {"smart": "smartreceiver.cisco.com", "cslu": "cslu-local", "callhome": "tools.cisco.com"}
# What the device says it runs, read last in every live session to check the declared platform. EXEC mode on both:
# IOS XE prints "Cisco IOS XE Software, Version ..." (Cisco IOS command reference, show version:
# https://www.cisco.com/E-Learning/bulk/public/tac/cim/cib/using_cisco_ios_software/cmdrefs/show_version.htm), NX-OS
# "Cisco Nexus Operating System (NX-OS) Software" (Cisco Nexus 9000 NX-API CLI reference, version commands:
# https://developer.cisco.com/docs/cisco-nexus-9000-series-nx-api-cli-reference-release-9-3x/version-commands).
# The cisco.ios and cisco.nxos connection plugins send it too when they read a device's capabilities.
VERSION_COMMAND = "show version"
# Without these two outputs a live diagnosis would call a device healthy on no evidence: a session that cannot read
# them is not diagnosed (build_result, live=...).
CORE_COMMANDS = ("show license status", "show running-config")
# The values of ansible_network_os (or the platform option) a live session accepts, and the names used in messages.
SUPPORTED_PLATFORMS = ("cisco.ios.ios", "cisco.nxos.nxos", "ios", "nxos")
PLATFORM_NAMES = {"ios": "IOS XE", "nxos": "NX-OS"}
NETWORK_OS = {"ios": "cisco.ios.ios", "nxos": "cisco.nxos.nxos"}


# What a device prints when it rejects a command (the command is then an error, the session goes on).
_CLI_REJECTION = re.compile(
    r"%\s?(?:invalid (?:input|command|parameter|range|value)|incomplete command|ambiguous command|unknown command|permission denied)"
    r"|syntax error|command (?:authorization failed|rejected)|invalid input|marker\.", re.IGNORECASE)


def is_cli_rejection(error):
    """True when an error text is the device refusing the command, False for a connection problem (timeout, SSH failure)."""
    return bool(_CLI_REJECTION.search(str(error or "")))


def normalize_platform(platform):
    """'ios' / 'nxos' from any spelling ('cisco.ios.ios', 'nx-os'); None when unknown."""
    return registry.normalize_platform(platform)


def supported_platform(name):
    """'ios' or 'nxos' for a platform a live session accepts (cisco.ios.ios, cisco.nxos.nxos, ios, nxos); else None.

    Stricter than ``normalize_platform``, which reads the spellings found in captures and would take
    cisco.iosxr.iosxr for IOS XE.
    """
    text = str(name or "").strip().lower()
    return normalize_platform(text) if text in SUPPORTED_PLATFORMS else None


def unsupported_platform(name, option="ansible_network_os"):
    """The one line that refuses a platform ``supported_platform`` does not accept."""
    if not str(name or "").strip():
        return "the platform of the device is unknown: set ansible_network_os to cisco.ios.ios (IOS XE) or cisco.nxos.nxos (NX-OS)"
    return "%s %s is not supported: smartlic.slp reads IOS XE (cisco.ios.ios) and NX-OS (cisco.nxos.nxos) devices only; nothing was sent" % (
        option, name)


def commands_for(platform, tech_support="never"):
    """The show commands one diagnosis runs on a platform ('ios' or 'nxos'), ``show version`` last; [] for an unknown platform.

    ``tech_support`` ``always`` adds ``show license tech support`` (IOS XE only).
    """
    platform = normalize_platform(platform)
    if platform == "nxos":
        return list(NXOS_GATHER) + [VERSION_COMMAND]
    if platform == "ios":
        commands = list(IOS_GATHER) + [VERSION_COMMAND]
        if tech_support is True or tech_support == "always":
            commands.insert(1, TECH_SUPPORT)
        return commands
    return []


def ping_command(target, vrf=None, platform="ios"):
    """The ping command of a platform: IOS XE ``ping vrf V host``, NX-OS ``ping host vrf V``."""
    target = str(target).strip()
    if not vrf:
        return "ping %s" % target
    if normalize_platform(platform) == "nxos":
        return "ping %s vrf %s" % (target, vrf)
    return "ping vrf %s %s" % (vrf, target)


def _split_target(item):
    """'host', 'host vrf V', 'vrf V host' or {'target', 'vrf'} → (target, vrf)."""
    if isinstance(item, dict):
        return str(item.get("target") or item.get("host") or "").strip(), (str(item.get("vrf")).strip() if item.get("vrf") else None)
    words = str(item or "").split()
    if len(words) >= 3 and words[0].lower() == "vrf":
        return words[2], words[1]
    if len(words) >= 3 and words[1].lower() == "vrf":
        return words[0], words[2]
    return (words[0] if words else ""), None


def probe_targets(facts, platform, intended=None, probes=True):
    """[(target, vrf)] to ping.

    ``probes`` True: the host of the licensing transport (smart URL, CSLU
    address, call-home destination) as the device is configured, else as
    ``intended`` says, in the licensing VRF. A list: those targets (``host``,
    ``host vrf V`` or ``{target, vrf}``); a target without a VRF gets the
    licensing VRF. False or empty: nothing.
    """
    if not probes:
        return []
    ctx = Context(facts, [], platform, intended)
    vrf = ctx.licensing_vrf()[0]
    targets = []
    if isinstance(probes, (list, tuple)):
        for item in probes:
            target, item_vrf = _split_target(item)
            if target:
                targets.append((target, item_vrf or vrf))
    else:
        transport = ctx.transport_type()[0] or str(ctx.intended.get("transport_type") or "").lower() or None
        url = None
        if transport == "cslu":
            url = ctx.cslu_url()[0] or ctx.intended.get("transport_url")
        elif transport in ("smart", "callhome"):
            url = ctx.smart_url()[0] or ctx.intended.get("transport_url")
        elif transport is None:
            url = ctx.intended.get("transport_url")
        host = url_host(url) if url else DEFAULT_URL_HOSTS.get(transport)
        if host:
            targets.append((host, vrf))
    unique = []
    for pair in targets:
        if pair not in unique:
            unique.append(pair)
    return unique


def probe_commands(facts, platform, intended=None, probes=True):
    """The ping commands of ``probe_targets``."""
    return [ping_command(target, vrf, platform) for target, vrf in probe_targets(facts, platform, intended, probes)]


def needs_tech_support(findings, platform, mode="auto"):
    """True when ``show license tech support`` should be added: mode ``always``, or ``auto`` and a finding it helps explain."""
    if normalize_platform(platform) != "ios" or mode == "never" or mode is False:
        return False
    if mode == "always" or mode is True:
        return True
    return any(isinstance(finding, dict) and finding.get("id") in TECH_SUPPORT_HELPS for finding in findings or [])


# ------------------------------------------------------------------ sections → facts


# Registry and parser warnings that mean the output was not read as the command's output.
_NOT_READ = re.compile(r"does not look like|^no parser for command|^parser module .* is not available|was not parsed|^parser '[^']*' failed")


def _parsed_ok(parsed):
    return not any(_NOT_READ.search(str(warning)) for warning in parsed.get("warnings") or [])


def _status_key(commands, command, counts=None):
    """The key of a command in ``commands``: the command, then 'command (2)', 'command (3)', ...

    ``counts`` remembers the last number used per command, so that a capture holding the same command thousands
    of times is not read in quadratic time.
    """
    if command not in commands:
        return command
    number = (counts.get(command, 1) if counts is not None else 1) + 1
    key = "%s (%d)" % (command, number)
    while key in commands:
        number += 1
        key = "%s (%d)" % (command, number)
    if counts is not None:
        counts[command] = number
    return key


def _parse_section(typed, section, platform):
    """The parser's result for a section; the parser reuses the lines the capture reader split the output into."""
    output, lines = section["output"], section.get("lines")
    if not lines:
        return registry.parse_output(typed, output, platform)
    remember_lines(output, lines)
    try:
        return registry.parse_output(typed, output, platform)
    finally:
        forget_lines(output)


def sections_to_facts(read, errors=None):
    """Facts, per-command status and warnings from a ``capture.read_capture`` result.

    Truncated sections are kept out of the facts. Several partial
    running-configs (``| section ntp``, ``| section license``) are parsed
    together when no whole one was captured. The last output of a command
    captured twice wins.
    """
    platform = read.get("platform")
    facts = {}
    commands = {}
    warnings = []
    partial_config = []
    whole_config = False
    counts = {}
    repeated = set()
    for section in read.get("sections", []):
        typed = section["command"]
        canonical = section.get("canonical")
        key = _status_key(commands, typed, counts)
        entry = {"command": typed, "canonical": canonical, "status": "ok", "reasons": [], "warnings": list(section.get("warnings") or [])}
        commands[key] = entry
        if not canonical:
            entry["status"] = "ignored"
            entry["reasons"].append("not a command smartlic.slp reads")
            continue
        if section.get("config_mode"):
            entry["status"] = "ignored"
            entry["reasons"].append("typed in configuration mode")
            continue
        if section.get("truncated"):
            entry["status"] = "truncated"
            entry["reasons"].extend(section.get("truncation_reasons") or ["output looks cut"])
            warnings.append("'%s': output looks truncated (%s); it was not used for the diagnosis" % (
                typed, "; ".join(section.get("truncation_reasons") or [])))
            continue
        if section.get("empty"):
            entry["status"] = "empty"
            entry["reasons"].append("no output")
            continue
        if canonical == "show running-config" and (section.get("filtered") or section.get("partial")):
            partial_config.append(section)
            entry["status"] = "partial"
            entry["reasons"].append("part of the running-config (%s)" % typed)
            continue
        parsed = _parse_section(typed, section, platform)
        entry["warnings"].extend(parsed.get("warnings") or [])
        entry["unparsed_lines"] = len(parsed.get("unparsed") or [])
        if not _parsed_ok(parsed):
            entry["status"] = "unrecognized"
            entry["reasons"].append("the output does not look like '%s'" % typed)
            warnings.append("'%s': %s" % (typed, "; ".join(str(w) for w in parsed.get("warnings") or ["output not recognised"])))
        if canonical in facts and canonical != "show running-config" and canonical not in repeated:
            repeated.add(canonical)
            warnings.append("'%s' was captured more than once; the last output is used" % canonical)
        if canonical == "show running-config":
            whole_config = True
        facts[canonical] = parsed
    if partial_config and not whole_config:
        typed = " + ".join(section["command"] for section in partial_config)
        text = "\n".join(section["output"] for section in partial_config)
        parsed = registry.parse_output("show running-config", text, platform)
        if "parts_configured" in parsed and not parsed["parts_configured"]:
            # Such as "show run int gi0/1": a running-config part that holds nothing the flows read.
            for entry in commands.values():
                if entry["status"] == "partial":
                    entry["status"] = "ignored"
                    entry["reasons"].append("holds no setting smartlic.slp reads")
            return facts, commands, warnings + _error_warnings(commands, errors, platform)
        parsed.setdefault("command_info", {}).update({"command": typed, "filtered": True, "partial": True})
        parsed["warnings"].append("only part of the running-config was captured (%s): settings missing from it are unknown" % typed)
        facts["show running-config"] = parsed
    return facts, commands, warnings + _error_warnings(commands, errors, platform)


def _error_warnings(commands, errors, platform):
    """Record the commands the device rejected in ``commands``; return a warning for each."""
    warnings = []
    for command, error in (errors or {}).items():
        key = _status_key(commands, command)
        commands[key] = {"command": command, "canonical": registry.canonical_command(command, platform), "status": "error",
                         "reasons": [str(error)], "warnings": []}
        warnings.append("'%s' failed on the device: %s" % (command, error_line(error)))
    return warnings


def error_line(text):
    """The line of an error that says what went wrong: the first '% ...' line, else the last non-empty line."""
    lines = [line.strip() for line in str(text or "").splitlines() if line.strip()]
    for line in lines:
        if line.startswith("%") or "error" in line.lower():
            return line
    return lines[-1] if lines else ""


# ------------------------------------------------------------------ diagnosis


def run_rules(facts, messages, platform, intended=None, slac_text=None, context=None):
    """(findings, engine summary or None, warnings) from the rules engine; never raises. ``context``: see engine.diagnose."""
    if engine is None:
        return [], None, ["the rules engine (module_utils/rules/engine.py) is not available: no diagnosis was made"]
    try:
        findings = engine.diagnose(facts, messages, platform, intended=intended, slac_text=slac_text, context=context)
    except Exception as error:  # pylint: disable=broad-except
        return [], None, ["the rules engine failed: %s" % error]
    findings = [finding for finding in findings or [] if isinstance(finding, dict)]
    summary = None
    summarize = getattr(engine, "summarize", None)
    if summarize is not None:
        try:
            summary = summarize(findings)
        except Exception:  # pylint: disable=broad-except
            summary = None
    return findings, summary, []


def ack_status(facts, messages, platform, context=None):
    """{next_ack_deadline, last_ack_received, days_left, reporting_push_interval_days, clock, clock_source} from the facts.

    ``context``: the rules' :class:`Context` of these facts, when one was made already.
    """
    ctx = context if context is not None else Context(facts, messages, platform)
    usage = ctx.usage()
    deadline = usage.get("next_ack_deadline")
    days = ctx.days_until(deadline) if deadline else None
    return {
        "next_ack_deadline": deadline,
        "last_ack_received": usage.get("last_ack_received"),
        "reporting_push_interval_days": usage.get("reporting_push_interval_days"),
        "days_left": whole_days(days),  # the same count as the report_ack_overdue finding (rules/base.py)
        "clock": ctx.now.strftime("%Y-%m-%dT%H:%M:%S") if ctx.now else None,
        "clock_source": ctx.now_source,
    }


def _hostname(facts, read):
    name = (facts.get("show running-config") or {}).get("hostname")
    if name:
        return str(name)
    prompt_host = read.get("hostname")
    if prompt_host and prompt_host != TRANSCRIPT_HOST:
        return prompt_host
    return None


def build_result(read, host=None, name=None, source=None, errors=None, intended=None, slac_text=None, diagnose=True, extra_warnings=(),
                 live=None):
    """One device result (see module doc) from a ``capture.read_capture`` result.

    ``live`` (from analyze_outputs): ``{declared, answers, version}`` of a live session, whose core outputs and
    platform are checked (``broken_read``).
    """
    facts, commands, warnings = sections_to_facts(read, errors)
    warnings = list(extra_warnings) + list(read.get("warnings") or []) + warnings
    messages = list(read.get("messages") or [])
    platform = read.get("platform")
    usable_facts = [command for command, parsed in facts.items() if _parsed_ok(parsed)]
    reason = None
    if live is not None:
        reason = broken_read(commands, live)
        commands[VERSION_COMMAND] = live["version"]
        if live["answers"][0] is None:
            warnings.append("the platform was not checked: neither '%s' nor the other outputs tell IOS XE from NX-OS" % VERSION_COMMAND)
    usable = bool(usable_facts or messages) and reason is None
    if not usable and reason is None:
        reason = _unusable_reason(commands) if commands else (read.get("reason") or "no command output was found")
    findings, engine_summary, rule_warnings = ([], None, [])
    context = None
    if usable:
        try:
            # One context for the rules and the ACK status: building it reads the clock, messages and facts.
            context = Context(facts, messages, platform, intended, slac_text)
        except Exception:  # pylint: disable=broad-except
            context = None  # the engine reports what failed
    if usable and diagnose:
        findings, engine_summary, rule_warnings = run_rules(facts, messages, platform, intended, slac_text, context=context)
    warnings.extend(rule_warnings)
    summary = report.summarize(findings)
    if isinstance(engine_summary, dict):
        for key, value in engine_summary.items():
            summary.setdefault(key, value)
    ack = ack_status(facts, messages, platform, context=context) if usable else {}
    result = {
        "host": host or _hostname(facts, read) or name,
        "name": name or host,
        "platform": platform,
        "source": source,
        "collected_at": ack.get("clock"),
        "usable": usable,
        "reason": reason,
        "facts": facts,
        "messages": messages,
        "findings": findings,
        "summary": summary,
        "ack": ack,
        "commands": commands,
        "warnings": warnings,
        "diagnosed": bool(usable and diagnose and engine is not None),
        "platform_evidence": read.get("platform_evidence") or ([live["answers"][1]] if live and live["answers"][1] else []),
    }
    result["status"] = report.device_status(result)  # the status word every report uses (report.STATUSES)
    if usable and not platform:
        warnings.append("the platform could not be told from the content; give a platform hint (ios or nxos)")
    return result


def _unusable_reason(commands):
    if not commands:
        return "no command output was found"
    statuses = {}
    for entry in commands.values():
        statuses.setdefault(entry["status"], []).append(entry["command"])
    parts = []
    labels = {"ignored": "commands smartlic.slp does not read", "unrecognized": "output that does not look like its command",
              "truncated": "truncated output", "empty": "empty output", "error": "commands the device rejected",
              "partial": "partial running-config"}
    for status, label in labels.items():
        if statuses.get(status):
            parts.append("%s: %s" % (label, ", ".join(statuses[status][:5]) + (" ..." if len(statuses[status]) > 5 else "")))
    return "nothing usable: " + "; ".join(parts) if parts else "nothing usable was found"


# A prompt ending in '>' is user EXEC mode on IOS XE (privileged EXEC ends in '#'); network_cli hands the prompt on with
# the answer of a rejected command.
_USER_EXEC_PROMPT = re.compile(r"^\s*([\w.\-]+>)\s*$")


def answers_like(version_text=None, outputs=(), errors=None):
    """(platform, what shows it) of what a device printed: its ``show version``, else every output and error text.

    (None, None) when they do not tell IOS XE from NX-OS. The content detection is capture.detect_platform's.
    """
    for label, texts in (("show version", [version_text or ""]),
                         ("its answers", [str(text) for _command, text in outputs] + [str(error) for error in (errors or {}).values()])):
        detected, evidence = capture.detect_platform("\n".join(texts))
        if detected:
            shown = [item.split(": ", 1)[-1] for item in evidence if item.startswith(detected + ":")]
            return detected, "%s: %s" % (label, ", ".join(shown))
    return None, None


def _core_reason(command, entry, platform):
    """One line: why a core output (CORE_COMMANDS) could not be read."""
    status = entry["status"]
    reasons = [str(reason) for reason in entry.get("reasons") or []]
    if status == "error":
        text = reasons[0] if reasons else ""
        if not is_cli_rejection(text):
            return "%s could not be read: %s" % (command, error_line(text))
        lines = [line for line in text.splitlines() if line.strip()]
        prompt = _USER_EXEC_PROMPT.match(lines[-1]) if lines else None
        if prompt and platform == "ios":
            return "%s was rejected in user EXEC mode (prompt %s): set ansible_become: true and ansible_become_method: enable" % (
                command, prompt.group(1))
        hint = "is enable/become set?" if platform == "ios" else "does the user's role allow it?"
        return "%s was rejected (%s): %s" % (command, error_line(text), hint)
    if status == "empty":
        return "%s gave no output" % command
    if status == "truncated":
        return "the output of %s looks cut (%s): run the diagnosis again" % (command, "; ".join(reasons) or "it ends early")
    if status == "unrecognized":
        return "the answer to %s does not look like its output: is ansible_network_os right?" % command
    return "%s was not read (%s)" % (command, "; ".join(reasons) or status)


def broken_read(commands, live):
    """One line saying why a live session cannot be diagnosed, or None when it can.

    The device answers like another platform than the declared one, or a core output (CORE_COMMANDS) was
    rejected, empty, cut or not recognised. ``commands``: the per-command status of sections_to_facts;
    ``live``: ``{declared, answers: (platform, what shows it)}``.
    """
    declared = live.get("declared")
    platform = normalize_platform(declared)
    answers, shown = live.get("answers") or (None, None)
    if answers and platform and answers != platform:
        return "declared %s but the device answers like %s (%s): set ansible_network_os to %s" % (
            declared, PLATFORM_NAMES[answers], shown, NETWORK_OS[answers])
    for command in CORE_COMMANDS:
        entry = commands.get(command)
        if entry is not None and entry["status"] not in ("ok", "partial"):
            return _core_reason(command, entry, platform)
    return None


def analyze_outputs(outputs, platform, host=None, errors=None, intended=None, slac_text=None, diagnose=True, source="device"):
    """A device result from live outputs: ``outputs`` is [(command, output text)], ``errors`` {command: error text}.

    When ``show version`` was run (commands_for runs it last), the session is checked: a device that answers like
    another platform than ``platform``, or core outputs that could not be read, give an unusable result whose
    ``reason`` is one line saying why (``broken_read``).
    """
    errors = dict(errors or {})
    live = None
    if VERSION_COMMAND in errors or any(command == VERSION_COMMAND for command, _text in outputs):
        version = [text for command, text in outputs if command == VERSION_COMMAND]
        outputs = [(command, text) for command, text in outputs if command != VERSION_COMMAND]
        version_error = errors.pop(VERSION_COMMAND, None)
        answers = answers_like(version[-1] if version else None, outputs, errors)
        verdict = "the device answers like %s (%s)" % (PLATFORM_NAMES[answers[0]], answers[1]) if answers[0] else "it does not tell IOS XE from NX-OS"
        entry = {"command": VERSION_COMMAND, "canonical": None, "status": "ok", "warnings": [],
                 "reasons": ["read to check the platform: %s" % verdict]}
        if version_error is not None:
            entry.update(status="error", reasons=[str(version_error)])
        live = {"declared": platform, "answers": answers, "version": entry}
    read = capture.read_outputs(outputs, normalize_platform(platform), TRANSCRIPT_HOST)
    return build_result(read, host=host, name=host, source=source, errors=errors, intended=intended, slac_text=slac_text, diagnose=diagnose,
                        live=live)


def analyze_text(text, platform=None, host=None, name=None, source=None, intended=None, slac_text=None, diagnose=True):
    """A device result from the text of a capture."""
    read = capture.read_capture(text, platform)
    return build_result(read, host=host, name=name, source=source, intended=intended, slac_text=slac_text, diagnose=diagnose)


def _unusable(name, source, reason, warnings=()):
    return {"host": name, "name": name, "platform": None, "source": source, "collected_at": None, "usable": False, "reason": reason,
            "facts": {}, "messages": [], "findings": [], "summary": report.summarize([]), "ack": {}, "commands": {},
            "warnings": list(warnings), "diagnosed": False, "platform_evidence": [], "status": "unusable"}


def decode_capture(data):
    """(text, problem) of a capture file's bytes: problem is a reason when the bytes are not text."""
    if not data:
        return "", "the file is empty"
    head = data[:65536]
    if b"\x00" in head and not (head.startswith(b"\xff\xfe") or head.startswith(b"\xfe\xff")):
        return "", "the file is binary, not text"
    for encoding in ("utf-8-sig", "utf-16") if head.startswith((b"\xff\xfe", b"\xfe\xff")) else ("utf-8-sig",):
        try:
            return data.decode(encoding), None
        except UnicodeDecodeError:
            continue
    text = data.decode("utf-8", errors="replace")
    bad = text[:65536].count("\ufffd")
    if bad > max(16, len(head) // 20):
        return "", "the file is binary, not text (%d undecodable bytes at its start)" % bad
    return text, None


def file_stem(path):
    """The capture file name without its last extension ('r1.txt' → 'r1', 'r1' → 'r1')."""
    base = os.path.basename(str(path).rstrip("/"))
    stem = base.rsplit(".", 1)[0] if "." in base.lstrip(".") else base
    return stem or base


def analyze_file(path, platform=None, intended=None, slac_text=None, diagnose=True):
    """A device result from one capture file; a file that cannot be read or holds no usable output says why."""
    name = file_stem(path)
    warnings = []
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_CAPTURE_BYTES + 1)
    except OSError as error:
        return _unusable(name, path, "the file could not be read: %s" % (error.strerror or error))
    cut = len(data) > MAX_CAPTURE_BYTES
    limit_mib = MAX_CAPTURE_BYTES // (1024 * 1024)
    if cut:
        data = data[:MAX_CAPTURE_BYTES]
        warnings.append("the file is larger than %d MiB: only its first %d MiB were read, outputs after that are missing "
                        "(save the licensing commands in a file of their own)" % (limit_mib, limit_mib))
    text, problem = decode_capture(data)
    if problem:
        return _unusable(name, path, problem, warnings)
    try:
        read = capture.read_capture(text, platform)
        if cut and read.get("sections"):
            last = read["sections"][-1]
            last["truncated"] = True
            last["truncation_reasons"].append("the file was cut after %d MiB inside this output" % limit_mib)
        result = build_result(read, name=name, source=path, intended=intended, slac_text=slac_text, diagnose=diagnose,
                              extra_warnings=warnings)
    except Exception as error:  # pylint: disable=broad-except
        return _unusable(name, path, "the capture could not be analysed: %s" % error, warnings)
    if not result["host"]:
        result["host"] = name
    return result


def list_captures(folder, patterns=None):
    """Sorted paths of the regular files of a folder (hidden files skipped), optionally filtered by glob patterns."""
    paths = []
    for entry in sorted(os.listdir(folder)):
        if entry.startswith("."):
            continue
        path = os.path.join(folder, entry)
        if not os.path.isfile(path):
            continue
        if patterns and not any(fnmatch.fnmatch(entry, pattern) for pattern in patterns):
            continue
        paths.append(path)
    return paths


def _analyze_job(job):
    path, platform, intended, slac_text, diagnose = job
    return analyze_file(path, platform, intended, slac_text, diagnose)


def worker_count(requested, jobs):
    """Processes to use: the request, else the CPUs; never more than the jobs, at least 1."""
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    wanted = requested if requested and requested > 0 else cpus
    return max(1, min(wanted, jobs))


def analyze_files(paths, platform=None, intended=None, slac_text=None, diagnose=True, workers=None, progress=None):
    """Device results of many capture files, in input order, in a process pool sized to the CPUs.

    ``progress(done, total)`` is called as results arrive. Falls back to one
    process when a pool cannot be started. Returns (results, workers used).
    """
    jobs = [(path, platform, intended, slac_text, diagnose) for path in paths]
    count = worker_count(workers, len(jobs))
    results = [None] * len(jobs)
    if count > 1:
        try:
            with ProcessPoolExecutor(max_workers=count) as pool:
                futures = {pool.submit(_analyze_job, job): index for index, job in enumerate(jobs)}
                for done, future in enumerate(as_completed(futures), 1):
                    index = futures[future]
                    try:
                        results[index] = future.result()
                    except BrokenProcessPool:
                        raise
                    except Exception as error:  # pylint: disable=broad-except
                        results[index] = _unusable(file_stem(jobs[index][0]), jobs[index][0], "the capture could not be analysed: %s" % error)
                    if progress:
                        progress(done, len(jobs))
            return results, count
        except (OSError, ImportError, BrokenProcessPool, NotImplementedError):
            # No process pool here (no /dev/shm, a sandbox): finish in this process.
            count = 1
    for index, job in enumerate(jobs):
        if results[index] is None:
            results[index] = _analyze_job(job)
        if progress:
            progress(index + 1, len(jobs))
    return results, 1


def brief(result):
    """A device result without facts and messages (what a module returns per device by default)."""
    return {key: value for key, value in result.items() if key not in ("facts", "messages")}


# ------------------------------------------------------------------ argument specs (plain data shared by the modules)

INTENDED_SPEC = {
    "transport_type": {"type": "str", "choices": ["smart", "cslu", "callhome", "off"]},
    "transport_url": {"type": "str"},
    "ntp_servers": {"type": "list", "elements": "str"},
    "name_servers": {"type": "list", "elements": "str"},
    "domain_name": {"type": "str"},
    "vrf": {"type": "str"},
    "cslu_local_address": {"type": "str"},
    "topology": {"type": "str", "choices": ["direct_smart", "cslu_push", "cslu_pull", "onprem", "callhome", "offline"]},
}


def common_spec():
    """A fresh argument spec of the options of plugins/doc_fragments/intended.py (AnsibleModule fills defaults in place)."""
    return {
        "intended": {"type": "dict", "default": {}, "options": {key: dict(value) for key, value in INTENDED_SPEC.items()}},
        "platform": {"type": "str"},
        "slac_file": {"type": "path"},
        "slac_text": {"type": "str"},
        "diagnose": {"type": "bool", "default": True},
    }


def clean_intended(intended):
    """The intended settings without the keys left empty."""
    return {key: value for key, value in (intended or {}).items() if value not in (None, "", [], {})}


def read_slac(path=None, text=None):
    """(SLAC text or None, error or None) from a file path or given text."""
    if text:
        return str(text), None
    if not path:
        return None, None
    try:
        with open(path, "rb") as handle:
            return handle.read(16 * 1024 * 1024).decode("utf-8", errors="replace"), None
    except OSError as error:
        return None, "the SLAC file %s could not be read: %s" % (path, error.strerror or error)


# ------------------------------------------------------------------ a folder of captures (smart_license_captures)

class FolderError(Exception):
    """A folder of captures that cannot be diagnosed at all (the task fails with this message)."""


def captures_spec():
    """A fresh argument spec of smartlic.slp.smart_license_captures (its module and its action plugin)."""
    spec = common_spec()
    spec.update(
        path={"type": "path", "required": True},
        patterns={"type": "list", "elements": "str", "default": []},
        report_dir={"type": "path"},
        title={"type": "str", "default": "Smart Licensing diagnosis"},
        workers={"type": "int", "default": 0},
        return_facts={"type": "bool", "default": False},
        progress_interval={"type": "float", "default": 5.0},
    )
    return spec


CAPTURES_MUTUALLY_EXCLUSIVE = [("slac_file", "slac_text")]


def diagnose_folder(params, check_mode=False, progress=None):
    """(task result, warnings) of smart_license_captures for validated ``params``; raises FolderError.

    ``progress(done, total)`` is called as files are diagnosed.
    """
    if not os.path.isdir(params["path"]):
        raise FolderError("%s is not a folder" % params["path"])
    slac_text, slac_error = read_slac(params["slac_file"], params["slac_text"])
    if slac_error:
        raise FolderError(slac_error)
    try:
        paths = list_captures(params["path"], params["patterns"])
    except OSError as error:
        raise FolderError("the folder %s could not be listed: %s" % (params["path"], error)) from error
    warnings = [] if paths else ["no capture file found in %s" % params["path"]]
    results, workers = analyze_files(paths, platform=params["platform"], intended=clean_intended(params["intended"]), slac_text=slac_text,
                                     diagnose=params["diagnose"], workers=params["workers"], progress=progress)
    output = {"changed": False, "files": [], "workers": workers}
    if params["report_dir"] and not check_mode:
        try:
            written = report.write_reports(params["report_dir"], results, title=params["title"])
        except OSError as error:
            raise FolderError("the reports could not be written to %s: %s" % (params["report_dir"], error)) from error
        output.update(changed=written["changed"], files=written["files"], summary=written["summary"])
        warnings.extend(written["warnings"])
    else:
        normalized = [report.normalize_device(result) for result in results]
        names, _warnings = report.assign_file_names(normalized)
        output["summary"] = report.fleet_summary(normalized, names, title=params["title"])
        if params["report_dir"]:
            output["files"] = [os.path.join(params["report_dir"], name) for name in names.values()] + [
                os.path.join(params["report_dir"], name) for name in (report.FLEET_JSON, report.FLEET_MARKDOWN, report.FLEET_HTML)]
            warnings.append("check mode: the reports were not written")
    output["devices"] = results if params["return_facts"] else [brief(result) for result in results]
    return output, warnings


class ProgressLine:
    """``progress(done, total)`` for analyze_files that says how far a long run is, at most every ``interval`` seconds.

    ``say(line)`` prints; nothing is said for a run that ends within the first interval. ``clock`` is for tests.
    """

    def __init__(self, say, interval=5.0, clock=None):
        self.say = say
        self.interval = max(0.0, float(interval))
        self.clock = clock or time.monotonic
        self.started = self.last = self.clock()
        self.said = 0

    def __call__(self, done, total):
        now = self.clock()
        if now - self.last < self.interval and not (done == total and self.said):
            return
        rate = done / max(now - self.started, 1e-9)
        shown = ("%.0f" if rate >= 10 else "%.1f") % rate
        self.say("%d/%d capture files diagnosed (%d%%, %s per second)" % (done, total, 100 * done // max(total, 1), shown))
        self.last = now
        self.said += 1
