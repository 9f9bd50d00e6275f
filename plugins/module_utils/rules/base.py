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

import json
import re

from ansible_collections.smartlic.slp.plugins.module_utils.vocabulary import SEVERITIES
# Re-exported to the rules, which read every building block from here.
from ansible_collections.smartlic.slp.plugins.module_utils.vocabulary import CALLHOME_URL, SMART_URL  # noqa: F401 pylint: disable=unused-import
SLA_TRUSTPOINT = "SLA-TrustPoint"
CALLHOME_PROFILE = "CiscoTAC-1"
CSLU_LOCAL = "cslu-local"
CSLU_PORT = 8182
CSLU_PATH = "/cslu/v1/pi"

# What each severity means; a finding's severity_reason says why it got its severity on this device.
SEVERITY_MEANING = {
    "critical": "licensing is out of compliance now",
    "error": "something fails now and needs a fix",
    "warning": "nothing fails yet, but it will or may",
    "info": "for information only: nothing to do",
}
ROLES = ("ntp", "dns", "transport", "trustpoint", "trust_token", "sync")
# The topologies the rules tell apart (rules/topology.py), then the finer names an operator may give as the intended
# topology (smartlic_topology) for what the device cannot show: CSLU disconnected from CSSM, who initiates with SSM On-Prem.
TOPOLOGIES = ("direct_smart", "cslu_push", "cslu_pull", "onprem", "callhome", "offline", "controller",
              "cslu_disconnected_push", "cslu_disconnected_pull", "onprem_push", "onprem_pull")
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


def whole_days(days):
    """The one day count every output shows, from fractional days (negative when past); None stays None.

    Days left are counted down to whole days (5.7 days left: 5); a passed deadline counts the whole days since,
    and at least 1 (0.3 days past: -1, 5.3 days past: -5), so the sign always tells overdue from due.
    """
    if days is None:
        return None
    if days < 0:
        return -max(1, int(-days))
    return int(days)


def days_text(days):
    """'overdue by N day(s)' or 'N day(s) left' of a day count (whole or fractional); '' for None."""
    count = whole_days(days)
    if count is None:
        return ""
    if count < 0:
        return "overdue by %d day(s)" % -count
    return "%d day(s) left" % count


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


def _evidence_key(item):
    """What makes two evidence items the same: the raw line read (with its log time), else the field and value."""
    if item.get("line"):
        return (item.get("source"), item["line"], str(item.get("timestamp")))
    return (item.get("source"), item.get("field"), json.dumps(item.get("value"), sort_keys=True, default=str))


def unique_evidence(items):
    """Evidence items without repeats: the first of items showing the same line (or field and value) is kept,
    completed with keys (a note) only a later one had."""
    kept, index = [], {}
    for item in items or ():
        if not isinstance(item, dict) or not item:
            continue
        key = _evidence_key(item)
        if key in index:
            first = kept[index[key]]
            for name, value in item.items():
                first.setdefault(name, value)
            continue
        index[key] = len(kept)
        kept.append(dict(item))
    return kept


def make_finding(ctx, fid, severity, title, explanation, evidence_items, role=None, action="", commands=(), manual_steps=(),
                 confidence="high", notes=(), severity_reason=None, **extra):
    """A finding dict (docs/facts.md "Findings") plus severity_reason, confidence, notes and any extra keys.

    ``severity_reason``: why this finding has this severity on this device (docs/diagnosis.md "Severity"); rules whose
    severity depends on the device give it, the others get the meaning of their severity. Informational findings ask
    for nothing: no role, commands or steps, and their action (when given) says that no action is needed.
    """
    severity = severity if severity in SEVERITIES else "warning"
    if severity == "info":
        role, commands, manual_steps = None, (), ()
        action = action or "No action required."
    finding = {
        "id": fid,
        "severity": severity,
        "severity_reason": severity_reason or SEVERITY_MEANING[severity],
        "title": title,
        "explanation": explanation,
        "evidence": unique_evidence(evidence_items),
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
