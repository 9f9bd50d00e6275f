# -*- coding: utf-8 -*-
# Copyright: contributors to smartlic.slp
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The diagnosis pipeline of one device: outputs → facts → findings → result.

1. ``capture.read_capture`` (a capture's text) or ``capture.read_outputs`` (live outputs) splits the outputs
   into sections and reads the licensing syslog messages, once, for the whole device;
2. ``sections_to_facts``: each section parsed once by its parser (parsers/registry.py), with the lines the
   reader split it into; truncated, empty or foreign outputs are kept out of the facts;
3. ``run_rules``: the rules engine (rules/engine.py) turns facts and messages into findings;
4. ``build_result``: the device result, with one summary (``report.summarize``) and the ACK status.

``analyze_outputs(outputs, platform)`` runs the steps on a live session (a command the device rejected is an
error for that command; ``show version`` checks the declared platform), ``analyze_text(text)`` on a capture.
Live and offline results go through the same code. Output that looks cut (a line ending in ``<none>`` that
network_cli took for the prompt, a section missing its end) gives a warning for that command and is left out of
the facts, rather than diagnosed from half a page.

The device result is the per-device report document (docs/diagnosis.md "The report files"): ``host``, ``platform``, ``facts``,
``messages``, ``findings``, plus ``summary``, ``collected_at`` (device clock), ``ack`` (next ACK deadline,
days left), ``commands`` (status of every command), ``warnings``, ``usable`` and ``reason``.
Reading files and talking to devices are elsewhere (capture_files.py, cli_session.py). Pure Python stdlib;
never raises on device text.
"""

from __future__ import annotations

import re

from ansible_collections.smartlic.slp.plugins.module_utils import capture
from ansible_collections.smartlic.slp.plugins.module_utils import report
from ansible_collections.smartlic.slp.plugins.module_utils.gather import CORE_COMMANDS, VERSION_COMMAND
from ansible_collections.smartlic.slp.plugins.module_utils.parsers import registry
from ansible_collections.smartlic.slp.plugins.module_utils.parsers.common import USER_EXEC_PROMPT
from ansible_collections.smartlic.slp.plugins.module_utils.rules.base import whole_days
from ansible_collections.smartlic.slp.plugins.module_utils.rules.context import LOG_COMMANDS, Context
from ansible_collections.smartlic.slp.plugins.module_utils.vocabulary import NETWORK_OS, PLATFORM_NAMES, is_cli_rejection, normalize_platform

try:
    from ansible_collections.smartlic.slp.plugins.module_utils.rules import engine
except ImportError:  # pragma: no cover - reported in every result by run_rules()
    engine = None

# The host name of the prompt live outputs are read under (capture.read_outputs).
TRANSCRIPT_HOST = "smartlic-gather"


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


def _parse_section(typed, section, platform, cache=None):
    """The parser's result for a section; the parser reuses the lines the capture reader split the output into, and
    the messages it read in them (the reader is the one that reads messages).

    ``cache``: {(command, output): parser result} of the outputs of one live session parsed already (analyze_outputs).
    """
    key = (typed, section["output"])
    if cache is not None and key in cache:
        return cache[key]
    parsed = registry.parse_output(typed, section["output"], platform, lines=section.get("lines") or None, messages=section.get("messages"))
    if cache is not None:
        cache[key] = parsed
    return parsed


def sections_to_facts(read, errors=None, cache=None):
    """Facts, per-command status and warnings from a ``capture.read_capture`` result.

    Truncated sections are kept out of the facts. Several partial
    running-configs (``| section ntp``, ``| section license``) are parsed
    together when no whole one was captured. The last output of a command
    captured twice wins. ``cache``: see _parse_section.
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
        parsed = _parse_section(typed, section, platform, cache)
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
    """(findings, warnings) from the rules engine; never raises. ``context``: see engine.diagnose."""
    if engine is None:
        return [], ["the rules engine (module_utils/rules/engine.py) is not available: no diagnosis was made"]
    try:
        findings = engine.diagnose(facts, messages, platform, intended=intended, slac_text=slac_text, context=context)
    except Exception as error:  # pylint: disable=broad-except
        return [], ["the rules engine failed: %s" % error]
    return [finding for finding in findings or [] if isinstance(finding, dict)], []


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
                 live=None, cache=None):
    """One device result (see module doc) from a ``capture.read_capture`` result.

    ``live`` (from analyze_outputs): ``{declared, answers, version}`` of a live session, whose core outputs and
    platform are checked (``broken_read``). ``cache``: see _parse_section.
    """
    facts, commands, warnings = sections_to_facts(read, errors, cache)
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
    findings, rule_warnings = [], []
    context = None
    if usable:
        try:
            # One context for the rules and the ACK status: building it reads the clock, messages and facts.
            context = Context(facts, messages, platform, intended, slac_text)
        except Exception:  # pylint: disable=broad-except
            context = None  # the engine reports what failed
    if usable and diagnose:
        findings, rule_warnings = run_rules(facts, messages, platform, intended, slac_text, context=context)
    warnings.extend(rule_warnings)
    summary = report.summarize(findings)
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
    result["status"] = report.device_status(result, summary)  # the status word every report uses (report.STATUSES)
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
        prompt = USER_EXEC_PROMPT.match(lines[-1]) if lines else None
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


def analyze_outputs(outputs, platform, host=None, errors=None, intended=None, slac_text=None, diagnose=True, source="device", cache=None):
    """A device result from live outputs: ``outputs`` is [(command, output text)], ``errors`` {command: error text}.

    When ``show version`` was run (commands_for runs it last), the session is checked: a device that answers like
    another platform than ``platform``, or core outputs that could not be read, give an unusable result whose
    ``reason`` is one line saying why (``broken_read``). ``cache`` (a dict the caller keeps for the session): the
    outputs parsed already by facts_of_outputs or an earlier analysis of the same session are not parsed again.
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
                        live=live, cache=cache)


def facts_of_outputs(outputs, platform, cache=None):
    """The facts of live outputs but the logs, without messages, checks or diagnosis (what the probes are chosen from).

    With the ``cache`` the session's analyze_outputs is given later, every output is still parsed only once (the
    logs there, with the messages read once for the whole session).
    """
    platform = normalize_platform(platform)
    outputs = [(command, text) for command, text in outputs
               if command != VERSION_COMMAND and registry.canonical_command(command, platform) not in LOG_COMMANDS]
    read = capture.read_outputs(outputs, platform, TRANSCRIPT_HOST, messages=False)
    return sections_to_facts(read, None, cache)[0]


def analyze_text(text, platform=None, host=None, name=None, source=None, intended=None, slac_text=None, diagnose=True):
    """A device result from the text of a capture."""
    read = capture.read_capture(text, platform)
    return build_result(read, host=host, name=name, source=source, intended=intended, slac_text=slac_text, diagnose=diagnose)


def unusable_result(name, source, reason, warnings=()):
    return {"host": name, "name": name, "platform": None, "source": source, "collected_at": None, "usable": False, "reason": reason,
            "facts": {}, "messages": [], "findings": [], "summary": report.summarize([]), "ack": {}, "commands": {},
            "warnings": list(warnings), "diagnosed": False, "platform_evidence": [], "status": "unusable"}
