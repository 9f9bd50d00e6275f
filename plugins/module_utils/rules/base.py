# -*- coding: utf-8 -*-
# Copyright: contributors to smartlic.slp
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Building blocks shared by every diagnosis rule.

Constants the seeds name (the CSSM and call-home URLs, the trustpoint name),
safe lookups in nested facts, URL helpers, evidence items and the finding
builder that gives every finding the shape docs/facts.md "Findings" fixes.
Pure Python, never raises on odd input.
"""

from __future__ import annotations

import re

SMART_URL = "https://smartreceiver.cisco.com/licservice/license"
CALLHOME_URL = "https://tools.cisco.com/its/service/oddce/services/DDCEService"
SLA_TRUSTPOINT = "SLA-TrustPoint"
CALLHOME_PROFILE = "CiscoTAC-1"
CSLU_LOCAL = "cslu-local"
CSLU_PORT = 8182
CSLU_PATH = "/cslu/v1/pi"

SEVERITIES = ("critical", "error", "warning", "info")
ACTIONABLE = ("critical", "error", "warning")
ROLES = ("ntp", "dns", "transport", "trustpoint", "trust_token", "sync")
TOPOLOGIES = ("direct_smart", "cslu_push", "cslu_pull", "onprem", "callhome", "offline")
CONFIDENCES = ("high", "medium", "low")

_IPV4 = re.compile(r"^\d{1,3}(?:\.\d{1,3}){3}$")
_URL = re.compile(r"^(?P<scheme>[A-Za-z][A-Za-z0-9+.-]*)://(?P<host>\[[^\]]+\]|[^/:?#\s]+)(?::(?P<port>\d+))?(?P<path>/[^?#\s]*)?")


def dig(data, path, default=None):
    """Value at a dotted path ('transport.url') of nested dicts; default when any step is missing."""
    current = data
    for part in str(path).split("."):
        if isinstance(current, dict) and part in current:
            current = current[part]
        else:
            return default
    return default if current is None else current


def as_dict(value):
    """The value when it is a dict, else an empty dict."""
    return value if isinstance(value, dict) else {}


def as_list(value):
    """The value when it is a list, else an empty list."""
    return value if isinstance(value, list) else []


def text(value):
    """A stripped string, or '' for None and non-text values."""
    if value is None or isinstance(value, (dict, list)):
        return ""
    return str(value).strip()


def lower(value):
    return text(value).lower()


def is_ip(host):
    """True for an IPv4 or bracketed/colon IPv6 literal."""
    host = text(host).strip("[]")
    return bool(_IPV4.match(host)) or (":" in host and all(c in "0123456789abcdefABCDEF:." for c in host))


def parse_url(url):
    """{'scheme', 'host', 'port' (int|None), 'path'} of a URL, or None when it is not one."""
    match = _URL.match(text(url))
    if not match:
        return None
    port = match.group("port")
    return {
        "scheme": match.group("scheme").lower(),
        "host": match.group("host").strip("[]"),
        "port": int(port) if port else None,
        "path": match.group("path") or "",
    }


def url_host(url):
    """The host of a URL, or the value itself when it is a bare host name ('cslu-local')."""
    parsed = parse_url(url)
    if parsed:
        return parsed["host"]
    value = text(url)
    return value if value and " " not in value and "/" not in value else ""


def evidence(source, field=None, value=None, line=None, **extra):
    """One evidence item: where it was read (command or 'log'), which field, the value, the raw line."""
    item = {"source": source}
    if field is not None:
        item["field"] = field
    if value is not None:
        item["value"] = value
    if line is not None:
        item["line"] = line
    item.update({key: val for key, val in extra.items() if val is not None})
    return item


def log_evidence(message, note=None):
    """Evidence item for one syslog message dict."""
    message = as_dict(message)
    return evidence(
        "log",
        line=text(message.get("raw")) or text(message.get("text")),
        event=message.get("event"),
        timestamp=message.get("timestamp"),
        note=note,
    )


def numbered(steps):
    """['a', 'b'] → ['1. a', '2. b'] (steps already numbered are kept)."""
    result = []
    for number, step in enumerate([step for step in steps if step], 1):
        step = str(step)
        result.append(step if re.match(r"^\d+\.\s", step) else "%d. %s" % (number, step))
    return result


def make_finding(ctx, fid, severity, title, explanation, evidence_items, role=None, action="", commands=(), manual_steps=(),
                 confidence="high", notes=(), **extra):
    """A finding dict (docs/facts.md "Findings") plus confidence, notes and any extra keys."""
    finding = {
        "id": fid,
        "severity": severity if severity in SEVERITIES else "warning",
        "title": title,
        "explanation": explanation,
        "evidence": [item for item in evidence_items if item],
        "remediation": {
            "role": role if role in ROLES else None,
            "action": action,
            "commands": [line for line in commands if line],
            "manual_steps": numbered(manual_steps),
        },
        "topology": getattr(ctx, "topology", None),
        "platform": getattr(ctx, "platform", None),
        "confidence": confidence if confidence in CONFIDENCES else "medium",
        "notes": [note for note in notes if note],
    }
    finding.update(extra)
    return finding


def severity_rank(severity):
    """0 for critical … 3 for info; unknown severities sort last."""
    return SEVERITIES.index(severity) if severity in SEVERITIES else len(SEVERITIES)
