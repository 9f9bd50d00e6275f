# -*- coding: utf-8 -*-
# Copyright: contributors to smartlic.slp
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Parse ``ping`` output (IOS XE, NX-OS, and the Linux ping of the NX-OS bash shell).

IOS XE::

    Type escape sequence to abort.
    Sending 5, 100-byte ICMP Echos to 10.1.1.1, timeout is 2 seconds:
    Packet sent with a source address of 10.1.1.2
    !!!!!                                  (. = timeout, U = unreachable, Q = source quench ...)
    Success rate is 100 percent (5/5), round-trip min/avg/max = 1/2/10 ms

and the name errors ``% Unrecognized host or address, or protocol not
running.`` / ``% Unknown command or computer name, or unable to find computer
address``. NX-OS::

    PING cisco.com (192.0.2.1): 56 data bytes
    64 bytes from 192.0.2.1: icmp_seq=0 ttl=236 time=242.279 ms      (or "Request 0 timed out")
    --- cisco.com ping statistics ---
    5 packets transmitted, 5 packets received, 0.00% packet loss
    round-trip min/avg/max = 241.968/242.133/242.279 ms

and ``% Invalid host/interface cisco.com`` / ``ping: unknown host``.

Result (docs/facts.md): ``{target, vrf, address, sent, received,
success_rate, packet_loss, rtt: {min, avg, max}|None, reachable, error,
error_raw, ...}``. ``target`` and ``vrf`` come from the echoed command when the
output holds it (``ping cisco.com vrf management``, ``ping vrf Mgmt-vrf
10.1.1.1``), else from the ``Sending … to X`` / ``PING X`` line. ``error`` is
None, ``unrecognized_host`` (the name did not resolve), ``invalid_host``,
``timeout`` (no answer: ``.....``, ``Request N timed out``), ``unreachable``
(``U``, ``Network is unreachable``), ``source_quench`` or ``other``.

Pure Python, no Ansible imports, never raises.
"""

from __future__ import annotations

import re

from ansible_collections.smartlic.slp.plugins.module_utils.parsers.common import OUTPUT_PROMPT, never_raises, new_result, output_lines

COMMAND = "ping"

# A prompt (common.OUTPUT_PROMPT; '$' also ends one here) with the ping typed after it, and a prompt alone.
_ECHO = re.compile(r"^(?:" + OUTPUT_PROMPT + r"\s*[#>$]\s*)?(?P<command>ping6?\s+\S.*?)\s*$", re.IGNORECASE)
_PROMPT = re.compile(r"^" + OUTPUT_PROMPT + r"\s*[#>$]\s*$")
_ESCAPE = re.compile(r"^\s*Type escape sequence to abort\.?\s*$", re.IGNORECASE)
_SENDING = re.compile(
    r"^\s*Sending\s+(?P<count>\d+),\s*(?P<size>\d+)-byte ICMP Echos? to\s+(?P<address>\S+?),\s*timeout is\s+(?P<timeout>\d+)\s+seconds?:?\s*$",
    re.IGNORECASE,
)
_SOURCE = re.compile(r"^\s*Packet sent with a source address of\s+(?P<source>\S+)\s*$", re.IGNORECASE)
_IOS_NOTES = re.compile(r"^\s*(?:Packet sent with the DF bit set|Reply data will be validated|Packet has data pattern .*|Packet has IP options:.*)\s*$",
                        re.IGNORECASE)
_TRANSLATING = re.compile(r'^\s*Translating\s+"(?P<name>[^"]+)"\.*(?:domain server\s*\((?P<server>[^)]*)\))?\s*(?P<state>\[OK\])?.*$',
                          re.IGNORECASE)
_STREAM = re.compile(r"^\s*[!.UQMB?&CIAN]+\s*$")
_SUCCESS = re.compile(
    r"^\s*Success rate is\s+(?P<rate>\d+)\s+percent\s*\((?P<received>\d+)/(?P<sent>\d+)\)"
    r"(?:,\s*round-trip min/avg/max\s*=\s*(?P<min>[\d.]+)/(?P<avg>[\d.]+)/(?P<max>[\d.]+)\s*ms)?\s*$",
    re.IGNORECASE,
)
_REPLY_TO = re.compile(r"^\s*Reply to request\s+(?P<seq>\d+)\s+from\s+(?P<address>[^,\s]+),\s*(?P<time>[\d.]+)\s*ms\s*$", re.IGNORECASE)
_PING = re.compile(
    r"^\s*PING\s+(?P<target>\S+)\s*\((?P<address>[^)]*)\)(?:\s+from\s+(?P<source>[^:\s]+))?[:\s].*?(?P<size>\d+)(?:\(\d+\))?\s+(?:data\s+)?bytes",
    re.IGNORECASE,
)
_BYTES_FROM = re.compile(r"^\s*\d+\s+bytes from\s+(?P<address>.+?):\s*icmp\s*_?\s*seq=(?P<seq>\d+).*?time[=<](?P<time>[\d.]+)\s*ms\.?\s*$", re.IGNORECASE)
_TIMED_OUT = re.compile(r"^\s*Request\s+(?P<seq>\d+)\s+timed out\.?\s*$", re.IGNORECASE)
_STATS_HEADER = re.compile(r"^\s*-{2,3}\s*(?P<target>\S+)\s+ping statistics\s*-{2,3}\s*$", re.IGNORECASE)
_STATS = re.compile(
    r"^\s*(?P<sent>\d+)\s+packets transmitted,\s*(?P<received>\d+)\s+(?:packets\s+)?received,"
    r"(?:\s*\+\d+\s+errors,)?\s*(?P<loss>[\d.]+)%\s+packet loss(?:,\s*time\s+\d+\s*ms)?\s*$",
    re.IGNORECASE,
)
_RTT = re.compile(r"^\s*(?:round-trip|rtt)\s+min/avg/max(?:/mdev)?\s*=\s*(?P<min>[\d.]+)/(?P<avg>[\d.]+)/(?P<max>[\d.]+)(?:/[\d.]+)?\s*ms\.?\s*$",
                  re.IGNORECASE)
_ERROR_TARGET = re.compile(r"(?:%\s*Invalid host/interface|ping6?:\s*unknown host)\s+(?P<target>[^\s,]+)", re.IGNORECASE)
_INTERRUPT = re.compile(r"^\s*\^\S\s*$")

# Device errors, first match wins: (pattern, error code).
ERRORS = (
    (re.compile(r"%\s*Unrecognized host or address", re.IGNORECASE), "unrecognized_host"),
    (re.compile(r"%\s*Unknown command or computer name|unable to find computer address", re.IGNORECASE), "unrecognized_host"),
    (re.compile(r"\bping6?:\s*(?:unknown host|.*Name or service not known|.*Temporary failure in name resolution)", re.IGNORECASE), "unrecognized_host"),
    (re.compile(r"%\s*Invalid host/interface", re.IGNORECASE), "invalid_host"),
    (re.compile(r"%\s*(?:Bad IP address or host name|Invalid (?:IP )?address)", re.IGNORECASE), "invalid_host"),
    (re.compile(r"Network is unreachable|No route to host|%\s*No valid route", re.IGNORECASE), "unreachable"),
    (re.compile(r"%\s*No valid source address|source address .* not valid|%\s*VRF .* (?:does not|not)", re.IGNORECASE), "no_source"),
    (re.compile(r"^\s*%\s*(?:Invalid input|Incomplete command|Ambiguous command)", re.IGNORECASE), "rejected"),
    (re.compile(r"^\s*(?:%.*|ping6?:\s.*|connect:\s.*|ERROR:.*)$", re.IGNORECASE), "other"),
)


def command_target(command):
    """(target, vrf) of a ping command as typed: IOS 'ping vrf V X …', NX-OS 'ping X … vrf V'."""
    words = str(command or "").split()
    if not words or not words[0].lower().startswith("ping"):
        return None, None
    words = words[1:]
    vrf = None
    target = None
    index = 0
    takes_value = {"vrf", "source", "repeat", "count", "size", "timeout", "df-bit", "data", "interval", "packet-size", "validate", "tos", "ttl",
                   "use-vrf"}
    flags = {"ip", "ipv6", "df-bit", "validate", "verbose", "numeric"}
    while index < len(words):
        word = words[index]
        lower = word.lower()
        if lower in ("vrf", "use-vrf") and index + 1 < len(words):
            vrf = words[index + 1]
            index += 2
            continue
        if target is None and lower not in flags and lower not in takes_value and not word.startswith("-"):
            target = word
        elif lower in takes_value and lower not in flags:
            index += 1
        index += 1
    return target, vrf


def _number(text):
    try:
        value = float(text)
    except (TypeError, ValueError):
        return None
    return int(value) if value.is_integer() and "." not in str(text) else value


@never_raises(COMMAND)
def parse(text, platform=None, lines=None):  # pylint: disable=unused-argument
    """``ping`` output → ``{target, vrf, sent, received, success_rate, rtt, reachable, error, error_raw, ...}``. Never raises."""
    result = new_result()
    facts = {"target": None, "vrf": None, "address": None, "source": None, "size": None, "timeout": None, "sent": None, "received": None,
             "success_rate": None, "packet_loss": None, "rtt": None, "results": None, "replies": [], "timeouts": 0, "resolved_by": None,
             "command": None, "platform": None}
    stream = []
    errors = []
    rejected = []
    recognised = False
    lines = [line for line in output_lines(text, lines) if line.strip()]
    for line in lines:
        if _parse_ios_line(line, facts, stream):
            recognised = True
            continue
        if _parse_nxos_line(line, facts):
            recognised = True
            continue
        match = _ECHO.match(line.strip())
        if match:
            facts["command"] = match.group("command")
            continue
        if _PROMPT.match(line.strip()) or _INTERRUPT.match(line):
            continue
        code = _error_code(line)
        if code == "rejected":
            rejected.append(line.strip())
            continue
        if code:
            errors.append((code, line.strip()))
            named = _ERROR_TARGET.search(line)
            if named and not facts["target"]:
                facts["target"] = named.group("target")
            continue
        result["unparsed"].append(line)
    typed_target, typed_vrf = command_target(facts["command"])
    facts["target"] = typed_target or facts["target"]
    facts["vrf"] = typed_vrf
    if not (recognised or errors):
        if rejected:
            result["warnings"].append("the device rejected the command: %s" % rejected[0])
        elif lines and not facts["command"]:
            result["warnings"].append("output does not look like %s" % COMMAND)
        else:
            result["warnings"].append("empty output: nothing to parse for %s" % COMMAND)
        if facts["command"]:
            result.update({"target": facts["target"], "vrf": facts["vrf"], "command": facts["command"]})
        return result
    facts["results"] = "".join(stream) if stream else None
    _finish(facts, errors)
    result.update(facts)
    return result


def _error_code(line):
    for pattern, code in ERRORS:
        if pattern.search(line):
            return code
    return None


def _parse_ios_line(line, facts, stream):
    """True when the line is one of the IOS ping lines (facts updated)."""
    match = _SENDING.match(line)
    if match:
        facts.update({"platform": "ios", "address": match.group("address"), "size": int(match.group("size")),
                      "timeout": int(match.group("timeout")), "sent": int(match.group("count"))})
        facts["target"] = facts["target"] or match.group("address")
        return True
    match = _SUCCESS.match(line)
    if match:
        facts.update({"platform": "ios", "success_rate": int(match.group("rate")), "received": int(match.group("received")),
                      "sent": int(match.group("sent"))})
        if match.group("min"):
            facts["rtt"] = {"min": _number(match.group("min")), "avg": _number(match.group("avg")), "max": _number(match.group("max"))}
        return True
    match = _SOURCE.match(line)
    if match:
        facts["source"] = match.group("source")
        return True
    match = _TRANSLATING.match(line)
    if match:
        facts["target"] = match.group("name")
        facts["resolved_by"] = match.group("server")
        return True
    match = _REPLY_TO.match(line)
    if match:
        facts["platform"] = "ios"
        facts["replies"].append({"seq": int(match.group("seq")), "address": match.group("address"), "time": _number(match.group("time"))})
        return True
    if _STREAM.match(line) and facts["platform"] == "ios":
        stream.append(line.strip())
        return True
    return bool(_ESCAPE.match(line) or _IOS_NOTES.match(line))


def _parse_nxos_line(line, facts):
    """True when the line is one of the NX-OS / Linux ping lines (facts updated)."""
    match = _PING.match(line)
    if match:
        facts.update({"platform": "nxos", "target": match.group("target"), "address": match.group("address"), "size": int(match.group("size"))})
        if match.group("source"):
            facts["source"] = match.group("source")
        return True
    match = _BYTES_FROM.match(line)
    if match:
        facts["replies"].append({"seq": int(match.group("seq")), "address": match.group("address").strip(), "time": _number(match.group("time"))})
        return True
    match = _TIMED_OUT.match(line)
    if match:
        facts["timeouts"] += 1
        return True
    match = _STATS.match(line)
    if match:
        sent, received = int(match.group("sent")), int(match.group("received"))
        facts.update({"sent": sent, "received": received, "packet_loss": float(match.group("loss"))})
        facts["success_rate"] = int(round(100.0 * received / sent)) if sent else 0
        return True
    match = _RTT.match(line)
    if match:
        facts["rtt"] = {"min": _number(match.group("min")), "avg": _number(match.group("avg")), "max": _number(match.group("max"))}
        return True
    return bool(_STATS_HEADER.match(line))


def _finish(facts, errors):
    """Fill reachable / error / error_raw from the counters, the result stream and the device errors."""
    if facts["packet_loss"] is None and facts["success_rate"] is not None:
        facts["packet_loss"] = float(100 - facts["success_rate"])
    if facts["received"] is None and facts["replies"]:
        # Replies to a broadcast: several per request.
        facts["received"] = len({reply["seq"] for reply in facts["replies"]})
    error, error_raw = (errors[0] if errors else (None, None))
    if error is None and facts["received"] == 0:
        codes = facts["results"] or ""
        if "U" in codes or "N" in codes or "A" in codes:
            error = "unreachable"
        elif "Q" in codes:
            error = "source_quench"
        else:
            error = "timeout"
        error_raw = facts["results"] or ("%d packets transmitted, 0 received" % facts["sent"] if facts["sent"] else None)
        if facts["timeouts"] and not facts["results"]:
            error_raw = "Request timed out (%d of %d)" % (facts["timeouts"], facts["sent"] or facts["timeouts"])
    if error in ("unrecognized_host", "invalid_host", "no_source", "other") or (error and not facts["received"]):
        facts["reachable"] = False
    elif facts["received"] is not None:
        facts["reachable"] = facts["received"] > 0
    else:
        facts["reachable"] = None
    facts["error"] = error
    facts["error_raw"] = error_raw
    facts["name_resolution_failed"] = error == "unrecognized_host" or (error == "invalid_host" and not _is_address(facts["target"]))


def _is_address(value):
    value = str(value or "")
    return bool(re.match(r"^\d{1,3}(?:\.\d{1,3}){3}$", value)) or (":" in value and all(c in "0123456789abcdefABCDEF:." for c in value))
