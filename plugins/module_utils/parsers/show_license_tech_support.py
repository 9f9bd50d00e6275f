# -*- coding: utf-8 -*-
# Copyright: contributors to smartlic.slp
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Parse ``show license tech support`` (IOS XE).

Everything ``show license all`` gives (status part, licenses, UDIs,
authorizations, usage report summary; see :mod:`show_license_all`), plus the
chapters only tech support prints (docs/facts.md):

- ``communication``: ``Communication Statistics`` per message category
  (attempts, ongoing failures, last response, ``Failure Reason``, last
  success/failure times) and the newest failure: ``last_failure_reason``,
  ``last_failure_time``, ``last_failure_category``, ``last_failure_response``;
- ``scheduled_jobs``: ``Current time`` and each upcoming job;
- ``ha_info``, ``reservation``, ``agent`` (``Other Info``: agent state,
  default URL, NTP clock sync, overall trust).

Pure Python, no Ansible imports, never raises.
"""

from __future__ import annotations

import re

from ansible_collections.smartlic.slp.plugins.module_utils.parsers.common import clean, never_raises, to_bool, to_int
from ansible_collections.smartlic.slp.plugins.module_utils.parsers.license_tree import date_field, finish, read, split_on_date, udi_entry
from ansible_collections.smartlic.slp.plugins.module_utils.parsers.show_license_all import KNOWN_TEXT as ALL_TEXT
from ansible_collections.smartlic.slp.plugins.module_utils.parsers.show_license_all import chapter_facts, recognised
from ansible_collections.smartlic.slp.plugins.module_utils.parsers.show_license_status import status_facts

COMMAND = "show license tech support"
KNOWN_TEXT = ALL_TEXT + (
    re.compile(r"^Not registered\. No certificates installed$", re.IGNORECASE),
    re.compile(r"^No certificates installed$", re.IGNORECASE),
)
_ATTEMPTS = {name: re.compile(r"\b%s\s*=\s*(\d+)" % name, re.IGNORECASE) for name in ("Total", "Success", "Fail", "Overall", "Communication")}
_REMAINING = re.compile(r"^(?P<date>.*?)\s*\((?P<inside>[^()]*)\)\s*$")
_DURATION = re.compile(r"(?P<number>\d+)\s+(?P<unit>day|hour|minute|second)s?", re.IGNORECASE)
_SECONDS = {"day": 86400, "hour": 3600, "minute": 60, "second": 1}
_FLAGS = ("rmf", "cf", "message_flow_allowed")


@never_raises(COMMAND)
def parse(text, platform=None, lines=None):  # pylint: disable=unused-argument
    """``show license tech support`` text → facts dict (docs/facts.md). Never raises."""
    tree = read(text, lines)
    facts = status_facts(tree)
    facts.update(chapter_facts(tree))
    facts["_recognised"] = recognised(facts, tree) or tree.root.find("communication_statistics") is not None
    root = tree.root
    jobs = root.find("upcoming_scheduled_jobs")
    if jobs is not None:
        facts["scheduled_jobs"] = scheduled_jobs(jobs)
    stats = root.find("communication_statistics")
    if stats is not None:
        facts["communication"] = communication_facts(stats)
    ha_info = root.find("ha_info")
    if ha_info is not None:
        facts["ha_info"] = {child.key: (to_bool(child.content()) if child.key in _FLAGS else clean(child.content())) for child in ha_info.children}
    reservation = root.find("reservation_info")
    if reservation is not None:
        facts["reservation"] = reservation_facts(reservation)
    other = root.find("other_info")
    if other is not None:
        facts["agent"] = agent_facts(other, facts.get("agent_version"))
    _roles_from_udis(facts)
    return finish(tree, COMMAND, facts, KNOWN_TEXT)


def communication_facts(node):
    """Communication Statistics → {level_allowed, overall_state, statistics: {category: row}, ongoing_failures, last_failure_*}."""
    facts = {"level_allowed": clean(node.get("communication_level_allowed")), "overall_state": clean(node.get("overall_state")),
             "statistics": {}, "ongoing_failures": []}
    for child in node.children:
        if child.find("attempts") is None:
            continue
        row = _statistics_row(child)
        facts["statistics"][child.key] = row
        if row["failing"]:
            facts["ongoing_failures"].append(child.key)
    # The failure that matters most: one still going on (with a reason first), else the newest past one.
    rows = [(name, row) for name, row in facts["statistics"].items() if row["last_failure_time"] or row["failure_reason"] or row["failing"]]
    chosen = (_newest([item for item in rows if item[1]["failing"] and item[1]["failure_reason"]])
              or _newest([item for item in rows if item[1]["failing"]])
              or _newest([item for item in rows if item[1]["failure_reason"]])
              or _newest(rows))
    row = chosen[1] if chosen else {}
    facts["last_failure_category"] = chosen[0] if chosen else None
    facts["last_failure_reason"] = row.get("failure_reason")
    facts["last_failure_time"] = row.get("last_failure_time")
    facts["last_failure_time_raw"] = row.get("last_failure_time_raw")
    facts["last_failure_ongoing"] = row.get("failing") if chosen else None
    # The category's last response, when it is the failed one (not a later success).
    response_time, failure_time, success_time = row.get("last_response_time"), row.get("last_failure_time"), row.get("last_success_time")
    failed_last = row.get("failing") or (response_time and response_time == failure_time) or (
        not response_time and failure_time and (not success_time or failure_time > success_time))
    facts["last_failure_response"] = row.get("last_response") if failed_last else None
    return facts


def _newest(rows):
    """The (name, row) with the newest last failure time (rows without one count as oldest), or None."""
    if not rows:
        return None
    return sorted(rows, key=lambda item: item[1]["last_failure_time"] or "")[-1]


def _statistics_row(node):
    raw = clean(node.get("attempts"))
    attempts = {}
    for name, pattern in _ATTEMPTS.items():
        match = pattern.search(raw or "")
        key = name.lower() if name in ("Total", "Success", "Fail") else "ongoing_failure_" + name.lower()
        attempts[key] = int(match.group(1)) if match else None
    response_node = node.find("last_response")
    response_raw = clean(response_node.value if response_node is not None and response_node.value is not None else node.get("last_response"))
    reason = None
    if response_node is not None:
        reason = response_node.get("failure_reason")
    if reason is None:
        reason = node.get("failure_reason")
    word, date = split_on_date(response_raw)
    row = {"attempts": attempts, "attempts_raw": raw, "last_response": word, "last_response_raw": response_raw}
    date_field(row, "last_response_time", date)
    row["failure_reason"] = clean(reason)
    date_field(row, "last_success_time", node.get("last_success_time"))
    date_field(row, "last_failure_time", node.get("last_failure_time"))
    row["failing"] = bool(attempts.get("ongoing_failure_overall") or attempts.get("ongoing_failure_communication"))
    return row


def scheduled_jobs(node):
    """Upcoming Scheduled Jobs → {current_time(+raw), jobs: {name: {next_run(+raw), remaining_seconds, status}}}."""
    facts = {}
    date_field(facts, "current_time", node.get("current_time"))
    jobs = {}
    for child in node.children:
        if child.key == "current_time":
            continue
        raw = clean(child.content())
        job = {"next_run": None, "next_run_raw": None, "remaining_seconds": None, "status": None, "raw": raw}
        match = _REMAINING.match(raw or "")
        date_text, inside = (match.group("date"), match.group("inside")) if match else (raw, None)
        if date_text and re.match(r"^[A-Za-z]{3}\s+\d", date_text):
            date_field(job, "next_run", date_text)
        elif date_text:
            job["status"] = date_text
        if inside and "remaining" in inside.lower():
            job["remaining_seconds"] = sum(int(part.group("number")) * _SECONDS[part.group("unit").lower()] for part in _DURATION.finditer(inside))
        elif inside:
            job["status"] = inside
        jobs[child.key] = job
    facts["jobs"] = jobs
    return facts


def reservation_facts(node):
    """Reservation Info → {enabled: bool|None, udis: [{role, pid, sn, udi, reservation_status, ...}]}."""
    facts = {"enabled": to_bool(node.get("license_reservation")), "udis": []}
    overall = node.find("overall_status")
    for child in (overall.children if overall is not None else []):
        entry = udi_entry(child.title, child.value)
        if entry is None:
            continue
        for item in child.children:
            entry[item.key] = clean(item.content())
        facts["udis"].append(entry)
    return facts


def agent_facts(node, version):
    """Other Info → {version, software_id, state, transport_raw, default_url, clock_synced_with_ntp, overall_trust, capabilities}."""
    transport = node.find("transport")
    capabilities = clean(node.get("agent_capabilities"))
    return {
        "version": version,
        "software_id": clean(node.get("software_id")),
        "state": clean(node.get("agent_state")),
        "transport_raw": clean(transport.value) if transport is not None else None,
        "default_url": clean(transport.get("default_url")) if transport is not None else None,
        "clock_synced_with_ntp": to_bool(node.get("clock_sync_ed_with_ntp")),
        "overall_trust": clean(node.get("overall_trust")),
        "capabilities": [item.strip() for item in capabilities.split(",")] if capabilities else [],
        "event_log_current_size_kb": to_int(node.get("event_log_current_size")),
    }


def _roles_from_udis(facts):
    """Give the trust entries read from 'Other Info' (no role printed) the HA role of their UDI."""
    roles = {}
    for entry in facts.get("ha_udis") or []:
        if entry.get("sn"):
            roles.setdefault(entry["sn"], entry.get("role"))
    trust = facts.get("trust_code")
    if not roles or not isinstance(trust, dict):
        return
    for entry in trust.get("entries") or []:
        if entry.get("role") is None and entry.get("sn") in roles:
            entry["role"] = roles[entry["sn"]]
