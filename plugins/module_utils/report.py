# -*- coding: utf-8 -*-
# Copyright: contributors to smartlic.slp
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Turn per-device diagnosis results into report files.

A *device result* is the dict ``pipeline.analyze_*`` returns (docs/diagnosis.md "The report
files": host, platform, facts, messages, findings, plus
summary, collected_at, ack, commands, warnings, usable, reason). From a list
of them this module builds

- ``<name>.json`` per device (``name`` is the capture file stem or the host),
- ``fleet-summary.json``: counts, the hosts behind each finding id,
- ``fleet-summary.md``: the same as Markdown tables,
- ``fleet-report.html``: one self-contained page (inline CSS, no script):
  devices x findings grid coloured by severity, ACK deadline and days left,
  and per device the evidence and the fix in ``<details>`` blocks.

Every file is written atomically (temporary file in the same folder, then
``os.replace``). Everything shown in HTML is escaped. Pure Python stdlib.
"""

from __future__ import annotations

import html
import json
import os
import re
import tempfile
from collections import namedtuple
from datetime import datetime, timezone

from ansible_collections.smartlic.slp.plugins.module_utils.rules.base import days_text, unique_evidence
from ansible_collections.smartlic.slp.plugins.module_utils.vocabulary import ACTIONABLE, SEVERITIES, severity_rank

# The one status word of a device, used as is in the JSON, Markdown and HTML reports and by `make demo`
# (docs/diagnosis.md "Device status"). "info" and "ok" both mean nothing to do.
STATUSES = {
    "action": "needs action: at least one critical, error or warning finding",
    "unusable": "not diagnosed: the outputs could not be read",
    "info": "nothing to do: informational findings only",
    "ok": "nothing to do: no findings",
}
STATUS_ORDER = tuple(STATUSES)
FLEET_JSON = "fleet-summary.json"
FLEET_MARKDOWN = "fleet-summary.md"
FLEET_HTML = "fleet-report.html"
RESERVED_STEMS = frozenset(name.rsplit(".", 1)[0] for name in (FLEET_JSON, FLEET_MARKDOWN, FLEET_HTML))
FORMATS = ("json", "markdown", "html")
# The keys every per-device JSON holds (docs/diagnosis.md "The report files", plus this module's extras).
DEVICE_KEYS = ("host", "platform", "facts", "messages", "findings", "summary", "collected_at", "ack", "commands", "warnings",
               "usable", "reason", "source")
ACK_SOON_DAYS = 7
# What wrote a report: recorded in every device JSON, the fleet summary and the Markdown and HTML pages. The version is
# galaxy.yml's (tests/unit/plugins/module_utils/test_report_generator.py keeps them equal).
COLLECTION_NAME = "smartlic.slp"
COLLECTION_VERSION = "1.0.0"
GENERATOR = {"name": COLLECTION_NAME, "version": COLLECTION_VERSION}


def one_line(message):
    """A failure message on one line: the last line of a Python traceback (the error); else the first line, with the
    device's '% ...' error line when that comes later (a rejected command: its echo, the caret, the error)."""
    lines = [line.strip() for line in str(message if message is not None else "").splitlines() if line.strip()]
    if not lines:
        return "failed"
    if any(line.startswith("Traceback (most recent call last)") or line.endswith("Traceback (most recent call last):") for line in lines):
        return lines[-1]
    cause = next((line for line in lines[1:] if line.startswith("%")), None)
    return "%s: %s" % (lines[0], cause) if cause else lines[0]


def now_iso():
    """The controller's current UTC time as ISO 8601 with 'Z'."""
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _as_dict(value):
    return value if isinstance(value, dict) else {}


def _as_list(value):
    return value if isinstance(value, list) else []


def summarize(findings):
    """The one summary of a device's findings (pipeline.build_result computes it once per device).

    ``counts`` per severity, ``total``, the ``worst`` severity, how many ask for action (``actionable``;
    ``healthy`` when none), the finding ids worst first (``finding_ids``) and the roles that fix the actionable
    findings (``roles``). ``by_severity`` and ``ids`` are ``counts`` and ``finding_ids`` again, under the names
    results of release 1.0.0 also carry.
    """
    counts = {severity: 0 for severity in SEVERITIES}
    ids, roles = [], []
    # Worst first; a stable sort keeps the order of the findings within one severity.
    for finding in sorted((item for item in _as_list(findings) if isinstance(item, dict)), key=lambda item: severity_rank(item.get("severity"))):
        severity = finding.get("severity")
        if severity in counts:
            counts[severity] += 1
        fid = finding.get("id")
        if fid and fid not in ids:
            ids.append(fid)
        role = _as_dict(finding.get("remediation")).get("role")
        if role and severity in ACTIONABLE and role not in roles:
            roles.append(role)
    actionable = sum(counts[severity] for severity in ACTIONABLE)
    return {
        "counts": counts,
        "by_severity": dict(counts),
        "total": sum(counts.values()),
        "worst": next((severity for severity in SEVERITIES if counts[severity]), None),
        "actionable": actionable,
        "healthy": actionable == 0,
        "finding_ids": ids,
        "ids": list(ids),
        "roles": roles,
    }


def device_status(result, summary=None):
    """The device's status word (see STATUSES): 'unusable', 'action', 'info' or 'ok'. ``summary``: the result's, when computed already."""
    result = _as_dict(result)
    if result.get("usable") is False:
        return "unusable"
    if summary is None:
        summary = summarize(result.get("findings"))
    if summary["actionable"]:
        return "action"
    if summary["total"]:
        return "info"
    return "ok"


def normalize_device(result, host=None):
    """A device result with every contract key present (missing ones get empty values)."""
    result = dict(_as_dict(result))
    if host and not result.get("host"):
        result["host"] = host
    result.setdefault("host", None)
    result.setdefault("platform", None)
    result["facts"] = _as_dict(result.get("facts"))
    result["messages"] = _as_list(result.get("messages"))
    result["findings"] = _as_list(result.get("findings"))
    result["commands"] = _as_dict(result.get("commands"))
    result["warnings"] = _as_list(result.get("warnings"))
    result["ack"] = _as_dict(result.get("ack"))
    result.setdefault("collected_at", None)
    result.setdefault("source", None)
    result.setdefault("reason", None)
    if "usable" not in result:
        result["usable"] = bool(result["facts"] or result["messages"])
    summary = _as_dict(result.get("summary"))
    if not all(key in summary for key in ("counts", "total", "actionable")):
        summary = result["summary"] = dict(summary, **summarize(result["findings"]))
    result["status"] = device_status(result, summary)
    return result


_UNSAFE_NAME = re.compile(r"[^A-Za-z0-9._@+-]+")


def safe_name(name):
    """A file name stem made only of safe characters ('' becomes 'device')."""
    stem = _UNSAFE_NAME.sub("_", str(name or "")).strip("._") or "device"
    return stem[:150]


def assign_file_names(results):
    """{index: '<name>.json'} for each result, from its 'name' (capture stem) or host; collisions get a suffix.

    Returns (names, warnings).
    """
    names = {}
    warnings = []
    taken = set()
    for index, result in enumerate(results):
        result = _as_dict(result)
        wanted = safe_name(result.get("name") or result.get("host"))
        stem = wanted
        if stem in RESERVED_STEMS:
            stem = stem + ".device"
        number = 2
        while stem.lower() in taken:
            stem = "%s.%d" % (wanted, number)
            number += 1
        if stem != wanted:
            warnings.append("report for '%s' written as %s.json: %s.json is taken" % (result.get("source") or result.get("host") or wanted,
                                                                                      stem, wanted))
        taken.add(stem.lower())
        names[index] = stem + ".json"
    return names, warnings


def set_labels(results):
    """Give each normalized result a 'label': its host, with its file name when another result has the same host."""
    counts = {}
    for result in results:
        counts[str(result.get("host"))] = counts.get(str(result.get("host")), 0) + 1
    for result in results:
        host = result.get("host")
        name = result.get("name")
        if counts[str(host)] > 1 and name and name != host:
            result["label"] = "%s (%s)" % (host, name)
        else:
            result["label"] = str(host if host is not None else name or "?")
    return results


def fleet_summary(results, files=None, generated_at=None, title=None):
    """The fleet summary dict from normalized device results (``files``: {index: json file name})."""
    files = files or {}
    set_labels(results)
    by_severity = {severity: 0 for severity in SEVERITIES}
    by_finding = {}
    devices = []
    status_counts = {status: 0 for status in STATUS_ORDER}
    for index, result in enumerate(results):
        summary = _as_dict(result.get("summary"))
        for severity in SEVERITIES:
            by_severity[severity] += _as_dict(summary.get("counts")).get(severity, 0)
        for finding in result.get("findings", []):
            finding = _as_dict(finding)
            entry = by_finding.setdefault(finding.get("id") or "unknown", {
                "id": finding.get("id") or "unknown", "title": finding.get("title"), "severity": finding.get("severity"),
                "role": _as_dict(finding.get("remediation")).get("role"), "hosts": []})
            if severity_rank(finding.get("severity")) < severity_rank(entry["severity"]):
                entry["severity"] = finding.get("severity")
            if result["label"] not in entry["hosts"]:
                entry["hosts"].append(result["label"])
        status_counts[result["status"]] = status_counts.get(result["status"], 0) + 1
        devices.append({
            "host": result.get("host"),
            "label": result["label"],
            "name": result.get("name"),
            "platform": result.get("platform"),
            "status": result["status"],
            "usable": result.get("usable"),
            "reason": result.get("reason"),
            "worst": summary.get("worst"),
            "counts": summary.get("counts"),
            "finding_ids": summary.get("finding_ids", []),
            "collected_at": result.get("collected_at"),
            "next_ack_deadline": result["ack"].get("next_ack_deadline"),
            "ack_days_left": result["ack"].get("days_left"),
            "source": result.get("source"),
            "report": files.get(index),
            "warnings": len(result.get("warnings", [])),
        })
    findings = sorted(by_finding.values(), key=lambda item: (severity_rank(item["severity"]), -len(item["hosts"]), item["id"]))
    return {
        "title": title or "Smart Licensing diagnosis",
        "generated_at": generated_at or now_iso(),
        "generator": dict(GENERATOR),
        "devices": len(results),
        "status": status_counts,
        "by_severity": by_severity,
        "findings": findings,
        "hosts": devices,
    }


def to_json(data):
    """JSON text of report data (anything not JSON-native becomes its string form)."""
    return json.dumps(data, indent=2, sort_keys=False, default=str, ensure_ascii=False) + "\n"


def write_atomic(path, text):
    """Write text to path through a temporary file in the same folder and os.replace; True when the content changed.

    A reader sees the old report or the new one, never half of one. The file is not synced to disk: a report can be
    written again from the captures, and a sync per file made writing 1,000 device reports wait on the disk for seconds.
    """
    folder = os.path.dirname(os.path.abspath(path)) or "."
    data = text.encode("utf-8")
    try:
        with open(path, "rb") as handle:
            if handle.read() == data:
                return False
    except OSError:
        pass
    handle, temp = tempfile.mkstemp(prefix="." + os.path.basename(path) + ".", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.chmod(temp, 0o644)
        os.replace(temp, path)
    except BaseException:
        try:
            os.unlink(temp)
        except OSError:
            pass
        raise
    return True


def read_device_reports(folder):
    """The device results stored as <host>.json in a report folder (fleet files and unreadable files skipped).

    Returns (results, warnings). Used to merge the reports of separate runs (job slices, batches) into one fleet report.
    """
    results, warnings = [], []
    try:
        names = sorted(os.listdir(folder))
    except OSError as error:
        return [], ["report folder %s cannot be read: %s" % (folder, error)]
    for name in names:
        stem, _dot, extension = name.rpartition(".")
        if extension != "json" or stem in RESERVED_STEMS:
            continue
        path = os.path.join(folder, name)
        try:
            with open(path, encoding="utf-8") as handle:
                document = json.load(handle)
        except (OSError, ValueError) as error:
            warnings.append("%s skipped: %s" % (path, error))
            continue
        if isinstance(document, dict) and document.get("host"):
            results.append(document)
        else:
            warnings.append("%s skipped: not a device report" % path)
    return results, warnings


def device_json(result):
    """The per-device JSON document (contract keys first)."""
    document = {key: result.get(key) for key in DEVICE_KEYS}
    for key, value in result.items():
        if key not in document and not key.startswith("_"):
            document[key] = value
    document["generator"] = dict(GENERATOR)
    return document


def brief(result):
    """A device result without facts and messages (what a module returns per device by default)."""
    return {key: value for key, value in result.items() if key not in ("facts", "messages")}


class ReadyDevice(namedtuple("ReadyDevice", "result text")):
    """A device made ready for the reports: its normalized result without facts and messages (all the fleet reports
    read) and the text of its ``<device>.json``. Neither needs another device, so a process pool can make them."""

    __slots__ = ()


def ready_device(result):
    """The ReadyDevice of a device result."""
    normalized = normalize_device(result)
    text = to_json(device_json(normalized))
    return ReadyDevice(brief(normalized), text)


def write_reports(report_dir, results, formats=FORMATS, per_device=True, title=None, generated_at=None):
    """Write every report of a list of device results (or of ReadyDevice items) into report_dir.

    Returns ``{"files": [paths written or kept], "changed": bool, "summary": fleet summary, "warnings": [...]}``.
    """
    formats = [fmt for fmt in (formats or FORMATS) if fmt in FORMATS]
    generated_at = generated_at or now_iso()
    os.makedirs(report_dir, exist_ok=True)
    ready = [item if isinstance(item, ReadyDevice) else ready_device(item) for item in results]
    normalized = [item.result for item in ready]
    names, warnings = assign_file_names(normalized)
    if not per_device:
        names = {}
    files = []
    changed = False
    for index, item in enumerate(ready):
        if index not in names:
            continue
        path = os.path.join(report_dir, names[index])
        changed = write_atomic(path, item.text) or changed
        files.append(path)
    fleet = fleet_summary(normalized, names, generated_at, title)
    outputs = {
        "json": (FLEET_JSON, lambda: to_json(fleet)),
        "markdown": (FLEET_MARKDOWN, lambda: render_markdown(fleet, normalized)),
        "html": (FLEET_HTML, lambda: render_html(fleet, normalized, names)),
    }
    for fmt in formats:
        name, render = outputs[fmt]
        path = os.path.join(report_dir, name)
        changed = write_atomic(path, render()) or changed
        files.append(path)
    return {"files": files, "changed": changed, "summary": fleet, "warnings": warnings}


# ---------------------------------------------------------------- Markdown


def _md(value):
    """Text safe inside a Markdown table cell."""
    text = "" if value is None else str(value)
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\r", " ").replace("\n", " ").replace("<", "&lt;").replace(">", "&gt;")


def status_counts_text(status):
    """'action 1, unusable 0, info 2, ok 3': the device count of every status word."""
    return ", ".join("%s %d" % (name, _as_dict(status).get(name, 0)) for name in STATUS_ORDER)


def fixed_by(finding):
    """How a finding is fixed, in words: its role, 'manual steps', or 'no action' for an informational finding."""
    finding = _as_dict(finding)
    if finding.get("severity") not in ACTIONABLE:
        return "no action"
    role = _as_dict(finding.get("remediation")).get("role")
    return "role `%s`" % role if role else "manual steps"


def render_markdown(fleet, results):
    """The fleet summary as Markdown."""
    lines = ["# %s" % _md(fleet["title"]), "", "Generated %s by %s %s. %d device(s) by status: %s." % (
        fleet["generated_at"], COLLECTION_NAME, COLLECTION_VERSION, fleet["devices"], status_counts_text(fleet["status"])), "",
        "Status: %s." % "; ".join("**%s** %s" % (name, meaning) for name, meaning in STATUSES.items()), ""]
    lines += ["## Devices", "", "| host | platform | status | critical | error | warning | info | findings | next ACK deadline |",
              "| --- | --- | --- | ---: | ---: | ---: | ---: | --- | --- |"]
    for device in _sorted_devices(fleet["hosts"]):
        counts = _as_dict(device.get("counts"))
        deadline = device.get("next_ack_deadline") or ""
        if deadline and device.get("ack_days_left") is not None:
            deadline += " (%s)" % days_text(device["ack_days_left"])
        status = device["status"] if device["status"] != "unusable" else "unusable: %s" % (device.get("reason") or "no usable output")
        lines.append("| %s | %s | %s | %s | %s | %s | %s | %s | %s |" % (
            _md(device.get("label")), _md(device.get("platform") or "?"), _md(status), counts.get("critical", 0), counts.get("error", 0),
            counts.get("warning", 0), counts.get("info", 0), _md(", ".join(device.get("finding_ids") or [])), _md(deadline)))
    lines += ["", "## Findings", ""]
    if not fleet["findings"]:
        lines.append("No findings.")
    else:
        lines += ["| finding | severity | devices | fixed by | hosts |", "| --- | --- | ---: | --- | --- |"]
        for finding in fleet["findings"]:
            role = fixed_by({"severity": finding.get("severity"), "remediation": {"role": finding.get("role")}})
            lines.append("| `%s` %s | %s | %d | %s | %s |" % (
                _md(finding["id"]), _md(finding.get("title") or ""), _md(finding.get("severity")), len(finding["hosts"]), role,
                _md(", ".join(str(host) for host in finding["hosts"]))))
    lines += ["", "## What to do", ""]
    any_action = False
    for result in results:
        actionable = [f for f in result["findings"] if _as_dict(f).get("severity") in ACTIONABLE]
        if not actionable:
            continue
        any_action = True
        lines.append("### %s" % _md(result.get("label")))
        lines.append("")
        for finding in sorted(actionable, key=lambda item: severity_rank(item.get("severity"))):
            remediation = _as_dict(finding.get("remediation"))
            lines.append("- **%s** `%s`: %s" % (_md(finding.get("severity")), _md(finding.get("id")), _md(finding.get("title"))))
            if finding.get("severity_reason"):
                lines.append("  - why %s: %s" % (_md(finding.get("severity")), _md(finding["severity_reason"])))
            if remediation.get("action"):
                lines.append("  - %s" % _md(remediation["action"]))
            if remediation.get("role"):
                lines.append("  - fixed by role `smartlic.slp.%s`" % _md(remediation["role"]))
            for step in _as_list(remediation.get("manual_steps")):
                lines.append("  - %s" % _md(step))
        lines.append("")
    if not any_action:
        lines.append("Nothing to do.")
    return "\n".join(lines).rstrip() + "\n"


# -------------------------------------------------------------------- HTML

_CSS = """
body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:1.5rem;color:#1f2937;background:#f9fafb}
h1{font-size:1.5rem;margin:0 0 .25rem}h2{font-size:1.15rem;margin:1.5rem 0 .5rem}
.meta{color:#6b7280;font-size:.9rem}
.cards{display:flex;flex-wrap:wrap;gap:.75rem;margin:1rem 0}
.card{background:#fff;border:1px solid #e5e7eb;border-radius:8px;padding:.6rem 1rem;min-width:7rem}
.card b{display:block;font-size:1.4rem}
table.grid{border-collapse:collapse;background:#fff;font-size:.85rem}
.grid th,.grid td{border:1px solid #e5e7eb;padding:.3rem .45rem;text-align:center;white-space:nowrap}
.grid th.fid{writing-mode:vertical-rl;transform:rotate(180deg);text-align:left;font-weight:500;max-height:16rem}
.grid td.host{text-align:left;font-weight:600}
.cell{display:inline-block;min-width:1.4rem;border-radius:4px;color:#fff;font-weight:700;text-decoration:none}
.sev-critical{background:#7f1d1d;color:#fff}.sev-error{background:#dc2626;color:#fff}
.sev-warning{background:#f59e0b;color:#1f2937}.sev-info{background:#3b82f6;color:#fff}
.sev-ok{background:#16a34a;color:#fff}.sev-unusable{background:#6b7280;color:#fff}
.badge{display:inline-block;border-radius:4px;padding:0 .4rem;font-size:.8rem;font-weight:600}
.late{color:#b91c1c;font-weight:700}.soon{color:#b45309;font-weight:700}
details.device{background:#fff;border:1px solid #e5e7eb;border-radius:8px;margin:.5rem 0;padding:.4rem .8rem}
details.device>summary{cursor:pointer;font-weight:600}
details.finding{border-left:4px solid #d1d5db;margin:.5rem 0 .5rem .5rem;padding:.2rem .6rem}
details.finding.sev-b-critical{border-color:#7f1d1d}details.finding.sev-b-error{border-color:#dc2626}
details.finding.sev-b-warning{border-color:#f59e0b}details.finding.sev-b-info{border-color:#3b82f6}
details.finding>summary{cursor:pointer}
pre{background:#111827;color:#e5e7eb;padding:.5rem;border-radius:6px;overflow-x:auto;font-size:.8rem}
code{background:#f3f4f6;padding:0 .2rem;border-radius:3px;font-size:.85em;word-break:break-word}
ul.evidence{font-size:.85rem}
.muted{color:#6b7280}
"""


def _e(value):
    """HTML-escaped text of any value (None → '')."""
    if value is None:
        return ""
    if isinstance(value, (dict, list)):
        value = json.dumps(value, default=str, ensure_ascii=False)
    return html.escape(str(value), quote=True)


def _sorted_devices(devices):
    order = {name: number for number, name in enumerate(STATUS_ORDER)}

    def key(device):
        return (order.get(device.get("status"), len(order)), severity_rank(device.get("worst")), str(device.get("label")))

    return sorted(devices, key=key)


def _ack_cell(ack):
    deadline = ack.get("next_ack_deadline")
    days = ack.get("days_left")
    if not deadline and days is None:
        return '<span class="muted">-</span>'
    css = ""
    if days is not None and days < 0:
        css = "late"
    elif days is not None and days <= ACK_SOON_DAYS:
        css = "soon"
    label = _e(deadline or "")
    if days is not None:
        label += '<br><span class="%s">%s</span>' % (css, _e(days_text(days)))
    return label


def _evidence_html(items):
    rows = []
    for item in unique_evidence(_as_list(items)):
        parts = ["<b>%s</b>" % _e(item.get("source") or "?")]
        if item.get("field"):
            parts.append("<code>%s</code>" % _e(item["field"]))
        if "value" in item:
            parts.append("= <code>%s</code>" % _e(item["value"]))
        if item.get("line"):
            parts.append("<code>%s</code>" % _e(item["line"]))
        extra = {key: value for key, value in item.items() if key not in ("source", "field", "value", "line") and value not in (None, "")}
        if extra:
            parts.append('<span class="muted">%s</span>' % _e(", ".join("%s: %s" % (k, v) for k, v in extra.items())))
        rows.append("<li>%s</li>" % " ".join(parts))
    return '<ul class="evidence">%s</ul>' % "".join(rows) if rows else '<p class="muted">No evidence recorded.</p>'


def _finding_html(finding, anchor):
    finding = _as_dict(finding)
    severity = finding.get("severity") if finding.get("severity") in SEVERITIES else "info"
    remediation = _as_dict(finding.get("remediation"))
    parts = ['<details class="finding sev-b-%s" id="%s">' % (severity, _e(anchor)),
             '<summary><span class="badge sev-%s">%s</span> <code>%s</code> %s</summary>' % (
                 severity, _e(severity), _e(finding.get("id")), _e(finding.get("title")))]
    if finding.get("severity_reason"):
        parts.append("<p><b>Why %s:</b> %s</p>" % (_e(severity), _e(finding["severity_reason"])))
    if finding.get("explanation"):
        parts.append("<p>%s</p>" % _e(finding["explanation"]))
    parts.append("<p><b>Evidence</b></p>" + _evidence_html(finding.get("evidence")))
    fix = []
    if severity not in ACTIONABLE:
        remediation = {"action": remediation.get("action") or "No action required."}
    if remediation.get("action"):
        fix.append("<p>%s</p>" % _e(remediation["action"]))
    if remediation.get("role"):
        fix.append("<p>Fixed by role <code>smartlic.slp.%s</code> (playbook <code>smartlic.slp.remediate</code>).</p>" % _e(remediation["role"]))
    if remediation.get("commands"):
        fix.append("<pre>%s</pre>" % _e("\n".join(str(line) for line in remediation["commands"])))
    if remediation.get("manual_steps"):
        fix.append("<ol>%s</ol>" % "".join("<li>%s</li>" % _e(re.sub(r"^\d+\.\s*", "", str(step))) for step in remediation["manual_steps"]))
    parts.append("<p><b>%s</b></p>" % ("Fix" if severity in ACTIONABLE else "Action") + ("".join(fix) or '<p class="muted">No fix recorded.</p>'))
    notes = [note for note in _as_list(finding.get("notes")) if note]
    if notes:
        parts.append('<p class="muted">%s</p>' % "<br>".join(_e(note) for note in notes))
    parts.append("</details>")
    return "".join(parts)


def _status_css(result):
    """The colour of a device's status badge: its worst severity when it needs action, else its status."""
    if result["status"] == "action":
        return _e(_as_dict(result.get("summary")).get("worst") or "warning")
    return _e(result["status"])


def _device_html(result, index, json_name):
    status = result["status"]
    summary = result["summary"]
    counts = _as_dict(summary.get("counts"))
    head = '<span class="badge sev-%s" title="%s">%s</span> %s <span class="muted">%s</span> %s' % (
        _status_css(result), _e(STATUSES.get(status)), _e(status), _e(result.get("label")), _e(result.get("platform") or "platform unknown"),
        _e(" ".join("%s %d" % (severity, counts.get(severity, 0)) for severity in SEVERITIES if counts.get(severity))))
    parts = ['<details class="device" id="dev-%d"%s><summary>%s</summary>' % (index, " open" if status == "unusable" else "", head)]
    meta = []
    if result.get("source"):
        meta.append("source %s" % _e(result["source"]))
    if result.get("collected_at"):
        meta.append("device clock %s" % _e(result["collected_at"]))
    if json_name:
        meta.append('JSON <a href="%s">%s</a>' % (_e(json_name), _e(json_name)))
    if meta:
        parts.append('<p class="muted">%s</p>' % " · ".join(meta))
    if status == "unusable":
        parts.append("<p><b>No diagnosis:</b> %s</p>" % _e(result.get("reason") or "nothing usable was collected"))
    findings = sorted(result["findings"], key=lambda item: severity_rank(_as_dict(item).get("severity")))
    for number, finding in enumerate(findings):
        parts.append(_finding_html(finding, "dev-%d-f%d" % (index, number)))
    if status == "ok":
        parts.append("<p>No findings.</p>")
    if result["warnings"]:
        parts.append("<p><b>Collection warnings</b></p><ul>%s</ul>" % "".join("<li>%s</li>" % _e(w) for w in result["warnings"]))
    problems = [(command, _as_dict(info)) for command, info in result["commands"].items() if _as_dict(info).get("status") not in (None, "ok")]
    if problems:
        parts.append("<p><b>Commands not used</b></p><ul>%s</ul>" % "".join(
            "<li><code>%s</code>: %s %s</li>" % (_e(command), _e(info.get("status")), _e("; ".join(str(r) for r in _as_list(info.get("reasons")))))
            for command, info in problems))
    parts.append("</details>")
    return "".join(parts)


def render_html(fleet, results, files=None):
    """The self-contained HTML fleet report."""
    files = files or {}
    indexed = list(enumerate(results))
    order = {name: number for number, name in enumerate(STATUS_ORDER)}
    indexed.sort(key=lambda pair: (order.get(pair[1]["status"], len(order)), severity_rank(pair[1]["summary"].get("worst")), str(pair[1].get("label"))))
    finding_ids = [finding["id"] for finding in fleet["findings"]]
    titles = {finding["id"]: finding.get("title") or finding["id"] for finding in fleet["findings"]}
    status = fleet["status"]
    out = ["<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
           '<meta name="viewport" content="width=device-width, initial-scale=1">',
           "<title>%s</title><style>%s</style></head><body>" % (_e(fleet["title"]), _CSS),
           "<h1>%s</h1>" % _e(fleet["title"]),
           '<p class="meta">Generated %s by %s %s from %d device(s).</p>' % (
               _e(fleet["generated_at"]), COLLECTION_NAME, COLLECTION_VERSION, fleet["devices"]),
           '<div class="cards">']
    for name in STATUS_ORDER:
        css = "sev-error" if name == "action" else "sev-%s" % name
        out.append('<div class="card" title="%s"><b>%d</b><span class="badge %s">%s</span></div>' % (
            _e(STATUSES[name]), status.get(name, 0), css, _e(name)))
    for severity in SEVERITIES:
        out.append('<div class="card"><b>%d</b><span class="badge sev-%s">%s findings</span></div>' % (
            fleet["by_severity"].get(severity, 0), severity, severity))
    out.append("</div>")
    out.append('<p class="muted">Status: %s.</p>' % "; ".join("<b>%s</b> %s" % (_e(name), _e(meaning)) for name, meaning in STATUSES.items()))
    out.append("<h2>Devices and findings</h2>")
    out.append('<table class="grid"><thead><tr><th>device</th><th>platform</th><th>status</th><th>next ACK deadline</th>')
    for fid in finding_ids:
        out.append('<th class="fid" title="%s">%s</th>' % (_e(titles[fid]), _e(fid)))
    out.append("</tr></thead><tbody>")
    for index, result in indexed:
        out.append('<tr><td class="host"><a href="#dev-%d">%s</a></td><td>%s</td><td><span class="badge sev-%s" title="%s">%s</span></td><td>%s</td>' % (
            index, _e(result.get("label")), _e(result.get("platform") or "?"), _status_css(result), _e(STATUSES.get(result["status"])),
            _e(result["status"]), _ack_cell(result["ack"])))
        by_id = {}
        findings = sorted(result["findings"], key=lambda item: severity_rank(_as_dict(item).get("severity")))
        for number, finding in enumerate(findings):
            finding = _as_dict(finding)
            by_id.setdefault(finding.get("id"), (number, finding))
        for fid in finding_ids:
            if fid in by_id:
                number, finding = by_id[fid]
                severity = finding.get("severity") if finding.get("severity") in SEVERITIES else "info"
                out.append('<td><a class="cell sev-%s" href="#dev-%d-f%d" title="%s">%s</a></td>' % (
                    severity, index, number, _e("%s: %s" % (severity, finding.get("title") or fid)), _e(severity[0].upper())))
            else:
                out.append("<td></td>")
        out.append("</tr>")
    out.append("</tbody></table>")
    out.append('<p class="muted">C critical · E error · W warning · I info. Click a cell or a device for the evidence and the fix.</p>')
    out.append("<h2>Details</h2>")
    for index, result in indexed:
        out.append(_device_html(result, index, files.get(index)))
    out.append("</body></html>")
    return "\n".join(out) + "\n"
