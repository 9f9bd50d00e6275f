# -*- coding: utf-8 -*-
# Copyright: contributors to smartlic.slp
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Is licensing communication failing now, and what do the errors say?

Shared by the connectivity rules (COMM_FAILED causes). Communication is
failing when a ``COMM_FAILED`` (or ``UTILITY_REPORT_FAILED``) message was not
followed by ``COMM_RESTORED`` / ``UTILITY_STARTED`` nor by a received ACK, or
when the tech-support "Communication Statistics" show a message type that has
never succeeded (or not for a week) while it keeps failing. The error texts of
those messages and statistics are sorted into classes (name resolution, TLS,
404, ...) so that each rule can tell its cause apart. Pings the capture holds
are classified too.
"""

from __future__ import annotations

import re

from ansible_collections.smartlic.slp.plugins.module_utils.parsers.common import parse_iso, to_iso
from ansible_collections.smartlic.slp.plugins.module_utils.rules.base import CSLU_LOCAL, as_dict, evidence, is_ip, log_evidence, lower, text, url_host

# Error classes: (name, whole words, fragments). A text is in a class when it holds one of its words as a whole word or
# one of its fragments anywhere, ignoring case.
ERROR_CLASSES = (
    ("dns", ("dns",), ("resolv", "unknown host", "name resolution", "unrecognized host", "invalid host", "domain name")),
    ("tls", ("ssl", "tls", "cert", "ca"), ("handshake", "certificat", "x509", "trustpoint", "trust point")),
    ("record_not_found", (), ("record not found",)),
    ("http_404", ("404",), ("host not found",)),
    ("callhome", (), ("callhome", "call home")),
    ("network", (), ("timeout", "time out", "timed out", "refused", "unreachable", "no route", "empty response", "no reply",
                     "connection reset", "connection closed", "connection failed", "network")),
)


def _class_pattern(words, fragments):
    parts = [re.escape(fragment) for fragment in fragments]
    if words:
        parts.insert(0, r"\b(?:%s)\b" % "|".join(map(re.escape, words)))
    return re.compile("|".join(parts), re.IGNORECASE)


# The same classes as regular expressions, for text beyond ASCII: under re.IGNORECASE letters such as 'ſ' and 'K' (Kelvin)
# match 's' and 'k', which lower-casing does not give.
_CLASS_PATTERNS = tuple((name, _class_pattern(words, fragments)) for name, words, fragments in ERROR_CLASSES)
_WORD = re.compile(r"\w+")

_ATTEMPTS = re.compile(
    r"Total\s*=\s*(?P<total>\d+)\s*,\s*Success\s*=\s*(?P<success>\d+)\s*,\s*Fail\s*=\s*(?P<fail>\d+)"
    r"(?:.*?Overall\s*=\s*(?P<overall>\d+))?(?:.*?Communication\s*=\s*(?P<communication>\d+))?",
    re.IGNORECASE | re.DOTALL,
)
STALE_SUCCESS_DAYS = 7
# Statistics categories whose failure means the device cannot reach its licensing server.
COMM_CATEGORIES = ("trust_establishment", "trust_acknowledgement", "usage_reporting", "result_polling", "hello_message", "trust_sync",
                   "authorization_request", "authorization_confirmation")


def classify(error_text):
    """Error classes ('dns', 'tls', 'http_404', 'record_not_found', 'callhome', 'network') found in a text."""
    value = text(error_text)
    if not value.isascii():
        return [name for name, pattern in _CLASS_PATTERNS if pattern.search(value)]
    # ASCII text: substring and word-set lookups in the lower-cased text. A regular expression of many alternatives
    # that ignores case is tried at every position of the text, which costs far more.
    lowered = value.lower()
    words = None
    found = []
    for name, class_words, fragments in ERROR_CLASSES:
        if any(fragment in lowered for fragment in fragments):
            found.append(name)
            continue
        if class_words:
            if words is None:
                words = set(_WORD.findall(lowered))
            if not words.isdisjoint(class_words):
                found.append(name)
    return found


def _value_of(data, *names):
    """First value among keys (at any depth) named like one of `names`."""
    for name in names:
        for key, value in data.items():
            if key == name and not isinstance(value, (dict, list)):
                return value
    for value in data.values():
        if isinstance(value, dict):
            found = _value_of(value, *names)
            if found is not None:
                return found
    return None


def statistics(ctx):
    """[{category, command, total, success, fail, ongoing, last_response, failure_reason, last_success, last_failure}] from tech support."""
    if "statistics" in ctx.cache:
        return ctx.cache["statistics"]
    found = ctx.cache["statistics"] = []
    seen = set()
    for command in ("show license tech support", "show license all", "show license status"):
        if not ctx.has(command):
            continue
        stack = [(None, ctx.fact(command))]
        while stack:
            name, data = stack.pop()
            if not isinstance(data, dict):
                continue
            attempts = data.get("attempts")
            if name and attempts is not None and name not in seen:
                row = _stat_row(name, command, data, attempts)
                if row:
                    seen.add(name)
                    found.append(row)
            for key, value in data.items():
                if isinstance(value, dict):
                    stack.append((str(key), value))
    return found


def _stat_row(name, command, data, attempts):
    if isinstance(attempts, dict):
        numbers = {key: attempts.get(key) for key in ("total", "success", "fail")}
        numbers["communication"] = attempts.get("ongoing_failure_communication", attempts.get("communication"))
        numbers["overall"] = attempts.get("ongoing_failure_overall", attempts.get("overall"))
    else:
        match = _ATTEMPTS.search(text(attempts))
        if not match:
            return None
        numbers = match.groupdict()
    try:
        values = {key: int(value) if value not in (None, "") else None for key, value in numbers.items()}
    except (TypeError, ValueError):
        return None
    return {
        "category": name,
        "command": command,
        "total": values.get("total"),
        "success": values.get("success"),
        "fail": values.get("fail"),
        "ongoing": values.get("communication") if values.get("communication") is not None else values.get("overall"),
        "ongoing_overall": values.get("overall"),
        "last_response": text(_value_of(data, "last_response")),
        "failure_reason": text(_value_of(data, "failure_reason")),
        "last_success": _date(_value_of(data, "last_success_time")),
        "last_failure": _date(_value_of(data, "last_failure_time")),
        "attempts_raw": text(attempts) if not isinstance(attempts, dict) else None,
    }


def _date(value):
    if value is None or lower(value) in ("", "<none>", "none"):
        return None
    return parse_iso(value) if re.match(r"^\d{4}-\d{2}-\d{2}T", text(value)) else parse_iso(to_iso(value))


def failing_statistics(ctx):
    """Statistics rows showing a communication failure that is still going on."""
    rows = []
    last_ack = ctx.when(ctx.usage().get("last_ack_received"))
    for row in statistics(ctx):
        if row["category"] not in COMM_CATEGORIES or not row["fail"] or not row["ongoing"]:
            continue
        if last_ack and row["last_failure"] and last_ack >= row["last_failure"]:
            continue
        never = not row["success"]
        stale = False
        if row["last_success"] and row["last_failure"] and row["last_failure"] > row["last_success"]:
            stale = (row["last_failure"] - row["last_success"]).total_seconds() > STALE_SUCCESS_DAYS * 86400
        if never or stale:
            rows.append(row)
    return rows


def stat_evidence(row):
    line = "%s: Attempts: %s; Last Response: %s" % (row["category"].replace("_", " ").title(), row["attempts_raw"] or "Total=%s, Success=%s, Fail=%s" % (
        row["total"], row["success"], row["fail"]), row["last_response"] or "<none>")
    if row["failure_reason"] and lower(row["failure_reason"]) not in ("<none>", "none"):
        line += "; Failure Reason: %s" % row["failure_reason"]
    return evidence(row["command"], field="communication_statistics.%s" % row["category"], line=line)


def state(ctx):
    """The communication state, computed once per context."""
    if "comm" in ctx.cache:
        return ctx.cache["comm"]
    active, recovered = ctx.split("COMM_FAILED")
    report_active, report_recovered = ctx.split("UTILITY_REPORT_FAILED")
    stats = failing_statistics(ctx)
    errors = [text(as_dict(message.get("variables")).get("error")) or text(message.get("text")) for message in active]
    errors += [row["failure_reason"] for row in stats if row["failure_reason"] and lower(row["failure_reason"]) not in ("<none>", "none")]
    tech_reason = text(ctx.status_value("communication.last_failure_reason"))
    if tech_reason and lower(tech_reason) not in ("<none>", "none"):
        errors.append(tech_reason)
    classes = []
    for error in errors:
        classes.extend(name for name in classify(error) if name not in classes)
    result = {
        "failing": bool(active or report_active or stats),
        "active": active,
        "recovered": recovered,
        "report_active": report_active,
        "report_recovered": report_recovered,
        "stats": stats,
        "errors": errors,
        "classes": classes,
    }
    ctx.cache["comm"] = result
    return result


def failure_evidence(ctx, limit=3):
    """Evidence items of the current communication failure: newest messages first, then statistics."""
    current = state(ctx)
    items = []
    for message in list(reversed(current["active"]))[:limit]:
        items.append(log_evidence(message))
    if len(current["active"]) > limit:
        items.append(evidence("log", field="COMM_FAILED", value=len(current["active"]), note="COMM_FAILED messages without a later recovery"))
    for message in list(reversed(current["report_active"]))[:1]:
        items.append(log_evidence(message))
    for row in current["stats"]:
        items.append(stat_evidence(row))
    return items


def ping_results(ctx):
    """[{command, target, vrf, outcome: 'ok'|'resolve'|'unreachable'|None, host: 'cslu_local'|'hostname'|'ip', error_raw}] of the captured pings."""
    results = []
    for command, parsed in ctx.pings():
        target = text(parsed.get("target")) or (command.split()[1] if len(command.split()) > 1 else "")
        error = lower(parsed.get("error"))
        if error in ("unrecognized_host", "invalid_host") or "resolv" in error:
            outcome = "resolve"
        elif parsed.get("reachable") is True:
            outcome = "ok"
        elif parsed.get("reachable") is False or error:
            outcome = "unreachable"
        else:
            outcome = None
        if lower(target).split(".", maxsplit=1)[0] == CSLU_LOCAL:
            host = "cslu_local"
        elif is_ip(target):
            host = "ip"
        else:
            host = "hostname"
        results.append({"command": command, "target": target, "vrf": parsed.get("vrf"), "outcome": outcome, "host": host,
                        "error_raw": text(parsed.get("error_raw")), "success_rate": parsed.get("success_rate")})
    return results


def ping_evidence(result):
    value = result["error_raw"] or ("success rate %s percent" % result["success_rate"] if result["success_rate"] is not None else result["outcome"])
    return evidence(result["command"], field="error" if result["error_raw"] else "success_rate", value=value)


def server_host(ctx):
    """(host, URL, source) of the licensing server the device talks to, by topology; ('', None, None) when unknown."""
    topology = ctx.topology
    if topology in ("cslu_push", "cslu_pull", "onprem"):
        url, source = ctx.cslu_url()
        if not url:
            return (CSLU_LOCAL, None, source) if topology != "onprem" else ("", None, None)
        return url_host(url), url, source
    if topology in ("direct_smart", "callhome"):
        url, source = ctx.smart_url()
        if url:
            return url_host(url), url, source
        return ("tools.cisco.com" if topology == "callhome" else "smartreceiver.cisco.com"), None, None
    return "", None, None


def working(ctx):
    """True when licensing communication evidently works: nothing failing and an ACK was received."""
    return not state(ctx)["failing"] and bool(ctx.usage().get("last_ack_received"))
