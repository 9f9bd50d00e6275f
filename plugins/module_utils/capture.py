# -*- coding: utf-8 -*-
# Copyright: contributors to smartlic.slp
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Split an offline capture into the command outputs it holds.

A capture is a text file with one or more command outputs, each introduced by
a tech-support section header (``------------------ show license status
------------------``) or by a CLI prompt line echoing the command
(``R1#show license status``, ``switch# show license status``, ``R1>sh lic
stat``). Abbreviated commands are expanded (``sh lic stat``), output pipes are
noted (``sh run | sec ntp`` is a filtered running-config).

``read_capture(text)`` returns the sections with their metadata (where each
starts, whether its output looks truncated and why), the platform detected
from the content (or given as a hint), and every licensing syslog message of
the file. ``split(text)`` returns the plain ``(command as typed, canonical
command, output)`` list. Nothing here guesses: output that looks cut is
reported as such, text with no recognisable section gives an empty list and a
reason. Never raises.
"""

from __future__ import annotations

import bisect
import re

from ansible_collections.smartlic.slp.plugins.module_utils.parsers import syslog
from ansible_collections.smartlic.slp.plugins.module_utils.parsers import registry
from ansible_collections.smartlic.slp.plugins.module_utils.parsers.common import PROMPT_BARE as _PROMPT_BARE
from ansible_collections.smartlic.slp.plugins.module_utils.parsers.common import PROMPT_COMMAND as _PROMPT_COMMAND
from ansible_collections.smartlic.slp.plugins.module_utils.parsers.common import PROMPT_LIKE_END as _PROMPT_LIKE_END
from ansible_collections.smartlic.slp.plugins.module_utils.parsers.common import has_terminal_noise, text_lines

# fmt: off
_HEADER = re.compile(r"^\s*-{6,}\s*(?P<command>[A-Za-z].*?)\s*-{6,}\s*$")
# The prompt expressions (a prompt and its command, a prompt alone, a line ending like one) are parsers.common's.
# Characters at the end of a line searched for something that looks like a prompt.
_PROMPT_TAIL = 256
_HEADING_END = re.compile(r"^[A-Z][A-Za-z0-9 ,/()_'-]*:\s*$")
_UNDERLINE_ONLY = re.compile(r"\s*=+\s*")
# fmt: on

# Command words an echoed prompt line may start with (in exec mode), beyond the commands the registry knows.
EXEC_VERBS = (
    "show", "ping", "terminal", "configure", "copy", "write", "dir", "more", "enable", "disable", "exit", "end", "license",
    "traceroute", "clear", "reload", "run", "bash", "tclsh", "debug", "undebug", "send", "request", "test", "verify", "do",
)

# Platform evidence: (pattern, platform, weight, label, needles). A pattern can match only where the lower-cased
# text holds one of its needles: those cheap substring tests run first, and most patterns are then never searched.
_EVIDENCE = (
    (re.compile(r"%LICMGR-\d-"), "nxos", 3, "%LICMGR messages", ("%licmgr-",)),
    (re.compile(r"Cisco Nexus Operating System|NX-OS|\bNXOS\b", re.IGNORECASE), "nxos", 3, "NX-OS banner", ("nexus", "nx-os", "nxos")),
    (re.compile(r"show ntp peer-status|^Total peers\s*:", re.IGNORECASE | re.MULTILINE), "nxos", 3, "show ntp peer-status",
     ("show ntp peer-status", "total peers")),
    (re.compile(r"show running-config callhome|show logging logfile", re.IGNORECASE), "nxos", 3, "NX-OS-only command",
     ("show running-config callhome", "show logging logfile")),
    (re.compile(r"\buse-vrf\b"), "nxos", 2, "use-vrf", ("use-vrf",)),
    (re.compile(r"^(?:\S*#)?\s*vrf context\s", re.MULTILINE), "nxos", 2, "vrf context", ("vrf context",)),
    (re.compile(r"^!Command: show", re.MULTILINE), "nxos", 2, "NX-OS running-config header", ("!command: show",)),
    (re.compile(r"^\s*feature\s+\S+\s*$", re.MULTILINE), "nxos", 1, "feature lines", ("feature",)),
    (re.compile(r"^switch(?:\([^)]+\))?# ", re.MULTILINE), "nxos", 1, "switch# prompt", ("switch",)),
    (re.compile(r"%SMART_LIC-\d-"), "ios", 2, "%SMART_LIC messages", ("%smart_lic-",)),
    (re.compile(r"Cisco IOS XE Software|IOS-XE|IOSXE|Cisco IOS Software", re.IGNORECASE), "ios", 3, "IOS XE banner",
     ("cisco ios", "ios-xe", "iosxe")),
    (re.compile(r"show ntp associations|^\s*address\s+ref clock\s+st\s", re.IGNORECASE | re.MULTILINE), "ios", 3, "show ntp associations",
     ("show ntp associations", "ref clock")),
    (re.compile(r"^Building configuration|^Current configuration\s*:", re.MULTILINE), "ios", 3, "IOS running-config header",
     ("building configuration", "current configuration")),
    (re.compile(r"show call-home|show license tech support|show ip http (?:client|server)", re.IGNORECASE), "ios", 2, "IOS XE-only command",
     ("show call-home", "show license tech support", "show ip http ")),
    (re.compile(r"^\s*crypto pki trustpoint\s", re.MULTILINE), "ios", 2, "crypto pki trustpoint", ("crypto pki trustpoint",)),
    (re.compile(r"^Type escape sequence to abort", re.MULTILINE), "ios", 1, "IOS ping", ("type escape sequence to abort",)),
    (re.compile(r"^Router(?:\([^)]+\))?[>#]", re.MULTILINE), "ios", 1, "Router# prompt", ("router",)),
)


def detect_platform(text, hint=None):
    """(platform, evidence) where platform is 'ios', 'nxos' or None.

    A hint (``ios``, ``cisco.nxos.nxos``, ...) wins; the evidence still lists
    what the content shows.
    """
    try:
        # Without blank lines: a pattern starting with ^\s* would otherwise scan every run of blank lines from each of its lines.
        body = "\n".join(line for line in text_lines(text) if line.strip())
    except Exception:  # pylint: disable=broad-except
        body = ""
    scores = {"ios": 0, "nxos": 0}
    evidence = []
    # Lower-casing can turn a non-ASCII letter into several characters (as 'İ'), which the regex's case-insensitive
    # match does not: the needles are a safe shortcut only for ASCII text.
    lowered = body.lower() if body.isascii() else None
    for pattern, platform, weight, label, needles in _EVIDENCE:
        if lowered is not None and not any(needle in lowered for needle in needles):
            continue
        if pattern.search(body):
            scores[platform] += weight
            evidence.append("%s: %s" % (platform, label))
    chosen = registry.normalize_platform(hint)
    if chosen:
        return chosen, evidence
    if scores["ios"] == scores["nxos"]:
        return None, evidence
    return ("ios" if scores["ios"] > scores["nxos"] else "nxos"), evidence


_MESSAGE_HEAD = re.compile(r"%[A-Z][A-Z0-9_]*-[0-7]-[A-Z0-9_]+")


def _looks_like_command(command, mode, platform):
    if syslog.is_log_line(command) or _MESSAGE_HEAD.search(command):
        # A log message printed right after the prompt, not a typed command.
        return False
    if registry.canonical_command(command, platform) or registry.canonical_command(command):
        return True
    words = command.split()
    if not words:
        return False
    if mode:
        # Configuration mode: any line typed there is a command.
        return True
    first = words[0].lower()
    return len(first) >= 2 and any(verb.startswith(first) for verb in EXEC_VERBS)


def _starts(lines, platform, host=None):
    """Every line that opens a section: tech-support headers and prompts echoing a command (only ``host``'s prompts when given)."""
    starts = []
    for index, line in enumerate(lines):
        # A header holds six dashes, a prompt '#' or '>': tested first, as most lines are neither.
        header = None if host or "------" not in line else _HEADER.match(line)
        if header:
            starts.append({"index": index, "source": "header", "command": header.group("command").strip(), "prompt": None, "host": None,
                           "mode": None})
            continue
        prompt = _PROMPT_COMMAND.match(line) if "#" in line or ">" in line else None
        if prompt and host and prompt.group("host") != host:
            continue
        if prompt and _looks_like_command(prompt.group("command"), prompt.group("mode"), platform):
            starts.append({"index": index, "source": "prompt", "command": prompt.group("command").strip(), "prompt": prompt.group("prompt"),
                           "host": prompt.group("host"), "mode": prompt.group("mode") or None})
    return starts


def _trim(lines):
    start, end = 0, len(lines)
    while start < end and not lines[start].strip():
        start += 1
    while end > start and not lines[end - 1].strip():
        end -= 1
    return lines[start:end]


def _structure_problems(section, output_lines, platform):
    """Reasons to believe an output was cut, from what the output itself shows (``output_lines`` trimmed of blank edges,
    ``section["output"]`` their text)."""
    reasons = []
    canonical = section["canonical"] or ""
    if not output_lines:
        return reasons
    last = output_lines[-1]
    if canonical.startswith("show license") and _HEADING_END.match(last):
        reasons.append("ends with the heading '%s' and nothing under it" % last.strip())
    if canonical.startswith("show license") and "=" in last and _UNDERLINE_ONLY.fullmatch(last):
        reasons.append("ends with a section title underline and nothing under it")
    if canonical == "show license tech support":
        text = section["output"]
        if re.search(r"^Smart Licensing Status\s*$", text, re.MULTILINE) and not re.search(r"^Platform Provided Mapping Table", text, re.MULTILINE):
            reasons.append("show license tech support without its last section 'Platform Provided Mapping Table'")
    if canonical == "show running-config" and not section["pipes"] and platform != "nxos" \
            and re.search(r"^(?:Building configuration|Current configuration\s*:)", section["output"], re.MULTILINE) \
            and "end" not in map(str.strip, output_lines):
        reasons.append("running-config without its final 'end' line")
    return reasons


def read_capture(text, platform=None, detect=True, host=None):
    """A capture file's text → sections with metadata, platform, messages (see module doc).

    ``detect`` False skips the content scan for the platform when ``platform`` is given (live outputs).
    ``host``: only prompt lines of this host open sections (a transcript of live outputs, which may quote
    other prompts or tech-support headers).
    """
    result = {"platform": None, "platform_source": None, "platform_detected": None, "platform_evidence": [], "hostname": None,
              "sections": [], "messages": [], "default_year": None, "reason": None, "warnings": [], "preamble": ""}
    try:
        _read_into(text, platform, result, detect, host)
    except Exception as error:  # pylint: disable=broad-except
        result["warnings"].append("capture reader stopped early: %s" % error)
        if not result["sections"] and not result["reason"]:
            result["reason"] = "the capture could not be read"
    return result


def read_outputs(outputs, platform, host, messages=True):
    """read_capture's result for live outputs, [(command, output text)], without laying them out as text and reading it back.

    Gives what ``read_capture`` gives for the transcript ``<host>#<command>`` / output / ... / ``<host>#``
    (line numbers count that transcript), with each output taken whole: a live output is never split, so no
    line is searched for prompts. ``messages`` False leaves the syslog messages unread (only the sections are wanted).
    """
    result = {"platform": registry.normalize_platform(platform), "platform_source": "hint", "platform_detected": None,
              "platform_evidence": [], "hostname": None, "sections": [], "messages": [], "default_year": None, "reason": None,
              "warnings": [], "preamble": ""}
    try:
        lines, starts = [], []
        for command, output in outputs:
            command = " ".join(str(command).split())
            output = "" if output is None else str(output).rstrip("\r\n")
            starts.append({"index": len(lines), "source": "prompt", "command": command, "prompt": host + "#", "host": host, "mode": None,
                           "plain": not has_terminal_noise(output)})
            lines.append(host + "#" + command)
            lines.extend(text_lines(output))
        _read_sections(lines, starts, result, {host} if starts else set(), scan_prompts=False, messages=messages)
    except Exception as error:  # pylint: disable=broad-except
        result["warnings"].append("reading the outputs stopped early: %s" % error)
    if not result["sections"] and not result["reason"]:
        result["reason"] = "no command output was given"
    return result


def _read_into(text, hint, result, detect=True, host=None):
    lines = text_lines(text)
    hinted = registry.normalize_platform(hint)
    # Live outputs come with their platform (detect False): the content scan is for files.
    detected, evidence = detect_platform(text) if detect or not hinted else (None, [])
    result["platform_detected"] = detected
    result["platform_evidence"] = evidence
    result["platform"] = hinted or detected
    result["platform_source"] = "hint" if hinted else ("content" if detected else None)
    if hinted and detected and hinted != detected:
        result["warnings"].append("platform hint '%s' overrides the content, which looks like %s" % (hinted, detected))
    platform = result["platform"]
    if not any(line.strip() for line in lines):
        result["reason"] = "the capture is empty"
        return
    starts = _starts(lines, platform, host)
    typed_at = [start["host"] for start in starts if start["host"]]
    hosts = set(typed_at)
    if hosts:
        # The hostname of the prompt most commands were typed at.
        result["hostname"] = max(sorted(hosts), key=typed_at.count)
    if len(hosts) > 1:
        result["warnings"].append("commands were typed at %d different prompts (%s): the file may hold more than one device, and it is read as one"
                                  % (len(hosts), ", ".join(sorted(hosts)[:5]) + (", ..." if len(hosts) > 5 else "")))
    if len({item.split(":", 1)[0] for item in evidence}) > 1:
        result["warnings"].append("the content shows both IOS XE and NX-OS (%s): the file may hold more than one device; it is read as %s"
                                  % ("; ".join(evidence), result["platform"] or "one device of an unknown platform"))
    result["preamble"] = "\n".join(_trim(lines[:starts[0]["index"]] if starts else lines))
    plain = not has_terminal_noise(text)
    for start in starts:
        start["plain"] = plain
    _read_sections(lines, starts, result, hosts)
    if not starts:
        result["reason"] = "no tech-support section header (------ show ... ------) or prompt line echoing a command (R1#show ...) was found"
        if result["messages"]:
            result["reason"] += "; %d licensing syslog message(s) were read from the text" % len(result["messages"])


def _read_sections(lines, starts, result, hosts, scan_prompts=True, messages=True):
    """Sections, default year and messages (unless ``messages`` is False) of ``lines``, where each of ``starts`` opens a section."""
    platform = result["platform"]
    if result["hostname"] is None and len(hosts) == 1:
        result["hostname"] = next(iter(hosts))
    for number, start in enumerate(starts):
        end = starts[number + 1]["index"] if number + 1 < len(starts) else len(lines)
        result["sections"].append(_section(lines, start, end, hosts, platform, scan_prompts))
    _flag_prompt_cuts(result["sections"], platform)
    if not messages:
        return
    result["default_year"] = syslog.newest_year_in_lines(lines) or _clock_year(result["sections"])
    # The one read of the messages: each section gets the messages of its lines, for the parser of a log output.
    result["messages"] = syslog.messages_in_lines(lines, result["default_year"])
    sections = result["sections"]
    section_starts = [section["start_line"] for section in sections]
    for section in sections:
        section["messages"] = []
    for message in result["messages"]:
        index = _section_at(sections, message.get("line"), section_starts)
        message["source_command"] = sections[index]["command"] if index is not None else None
        if index is not None:
            sections[index]["messages"].append(message)


def _section(lines, start, end, hosts, platform, scan_prompts=True):
    info = registry.command_info(start["command"], platform)
    section = {
        "command": start["command"],
        "canonical": info["canonical"],
        "filtered": info["filtered"],
        "partial": info["partial"],
        "pipes": info["pipes"],
        "format": info["format"],
        "source": start["source"],
        "prompt": start["prompt"],
        "hostname": start["host"],
        "config_mode": bool(start["mode"]),
        "start_line": start["index"] + 1,
        "end_line": end,
        "output": "",
        "empty": True,
        "truncated": False,
        "truncation_reasons": [],
        "after_prompt": None,
        "ends_like_prompt": False,
        "possible_continuation_of": None,
        "warnings": [],
    }
    body = lines[start["index"] + 1:end]
    cut = None
    for offset, line in enumerate(body if scan_prompts else ()):
        bare = _PROMPT_BARE.match(line.strip()) if "#" in line or ">" in line else None
        if bare and bare.group("host") in hosts:
            cut = offset
            break
    output_lines = body if cut is None else body[:cut]
    if cut is not None:
        rest = _trim(body[cut + 1:])
        rest = [line for line in rest if not _PROMPT_BARE.match(line.strip() or "-")]
        if rest:
            section["truncated"] = True
            section["truncation_reasons"].append(
                "the prompt reappears at line %d and output continues after it" % (start["index"] + 2 + cut))
            section["after_prompt"] = "\n".join(rest)
    output_lines = _trim(output_lines)
    section["output"] = "\n".join(output_lines)
    section["empty"] = not output_lines
    # The output's lines, for its parser, when splitting the output again gives the same lines (see has_terminal_noise).
    section["lines"] = output_lines if output_lines and start.get("plain") else None
    section["end_line"] = start["index"] + 1 + (cut if cut is not None else len(body))
    reasons = _structure_problems(section, output_lines, platform)
    if reasons:
        section["truncated"] = True
        section["truncation_reasons"].extend(reasons)
    # Only the end of the last line can look like a prompt: searching a whole very long line would take quadratic time.
    if output_lines and output_lines[-1].endswith(("#", ">", "# ", "> ")) and _PROMPT_LIKE_END.search(output_lines[-1][-_PROMPT_TAIL:]) \
            and not _PROMPT_BARE.match(output_lines[-1].strip()):
        section["ends_like_prompt"] = True
    return section


def _flag_prompt_cuts(sections, platform):
    """network_cli can take a line ending in '<none>' for the prompt and hand the rest of the output to the next command.

    Reported when a section ends like a prompt and the next section's parser
    says the output does not look like its command.
    """
    for number, section in enumerate(sections[:-1]):
        following = sections[number + 1]
        if not section["ends_like_prompt"] or following["source"] != "prompt" or not following["canonical"] or following["empty"]:
            continue
        parsed = registry.parse_output(following["command"], following["output"], platform)
        if not any("does not look like" in warning for warning in parsed.get("warnings", [])):
            continue
        last = section["output"].splitlines()[-1].strip()
        section["truncated"] = True
        section["truncation_reasons"].append(
            "ends with '%s', which network_cli can take for a prompt, and the next section's output does not look like '%s': "
            "the rest of this output is probably there" % (last, following["command"]))
        following["warnings"].append("output does not look like '%s'; it may be the rest of '%s'" % (following["command"], section["command"]))
        following["possible_continuation_of"] = section["command"]


def _clock_year(sections):
    for section in sections:
        if section["canonical"] == "show clock":
            match = re.search(r"\b(19|20)\d{2}\b", section["output"])
            if match:
                return int(match.group(0))
    return None


def _section_at(sections, line_number, starts):
    """The index of the section holding a line, or None; ``starts``: the sections' start lines, in order (a binary search)."""
    if not line_number:
        return None
    # Sections follow each other without overlap: only the last one starting before the line can hold it.
    index = bisect.bisect_left(starts, line_number) - 1
    if index >= 0 and line_number <= sections[index]["end_line"]:
        return index
    return None


def split(text, platform=None):
    """[(command as typed, canonical command or None, output text)] of a capture."""
    return [(section["command"], section["canonical"], section["output"]) for section in read_capture(text, platform)["sections"]]
