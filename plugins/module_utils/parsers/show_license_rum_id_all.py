# -*- coding: utf-8 -*-
# Copyright: contributors to smartlic.slp
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Parse ``show license rum id all`` (and ``show license rum id <id> detail``), IOS XE.

``rum id all`` prints one row per RUM (usage) report: ``Report Id, State,
Flag, Feature Name``. ``rum id <id> detail`` prints ``Report Id: N`` blocks
(metric, UDI, state, state change or close reason, start and end times,
storage state); both fill the same list.

Result (docs/facts.md): ``{reports: [{id: int, name, state, flag,
state_change_reason, start_time, end_time, acknowledged, ...}],
unacknowledged: int, by_state: {STATE: count}}``. ``unacknowledged`` counts
the reports that are closed but not acknowledged yet: every state except
``ACK`` (acknowledged), ``DELETED``/``PURGED`` (gone) and ``OPEN`` (still
collecting data). Reports whose state is unknown to this parser count too:
an unrecognised state is not evidence that CSSM acknowledged the report.

Pure Python, no Ansible imports, never raises.
"""

from __future__ import annotations

import re

from ansible_collections.smartlic.slp.plugins.module_utils.parsers.common import clean, never_raises, to_int
from ansible_collections.smartlic.slp.plugins.module_utils.parsers.license_tree import date_field, finish, read, udi_entry

COMMAND = "show license rum id all"

ACKNOWLEDGED = frozenset({"ACK", "ACKED", "ACKNOWLEDGED"})
GONE = frozenset({"DELETED", "PURGED"})
COLLECTING = frozenset({"OPEN"})

_HEADER = re.compile(r"^\s*Report Id\s*,?\s+State\s*,?\s+Flag\s*,?\s+Feature Name\s*$", re.IGNORECASE)
_ROW = re.compile(r"^\s*(?P<id>\d+)\s*,?\s+(?P<state>[A-Za-z_]+)\s*,?\s+(?P<flag>[A-Za-z])\s*,?(?:\s+(?P<name>\S.*?))?\s*$")
_NO_REPORTS = re.compile(r"^No (?:RUM )?reports?\b.*$", re.IGNORECASE)
KNOWN_TEXT = (_HEADER, _ROW, _NO_REPORTS)
_DETAIL_DATES = ("start_time", "end_time")
# States of the reports that wait for no acknowledgement.
NOT_PENDING = ACKNOWLEDGED | GONE | COLLECTING


@never_raises(COMMAND)
def parse(text, platform=None, lines=None):  # pylint: disable=unused-argument
    """``show license rum id all`` text → ``{reports, unacknowledged, by_state}``. Never raises."""
    tree = read(text, lines)
    reports = []
    header = False
    details = []
    for node in tree.root.walk():
        if node.key == "report_id" and node.children:
            details.append(node)
        for line in node.text:
            if _HEADER.match(line):
                header = True
                continue
            match = _ROW.match(line)
            if match:
                reports.append({"id": int(match.group("id")), "name": clean(match.group("name")), "state": match.group("state").upper(),
                                "flag": match.group("flag").upper(), "state_change_reason": None, "start_time": None, "end_time": None})
    # The 'Report Id: N' blocks of 'rum id N detail' come after the rows.
    reports.extend(_detail(node) for node in details)
    for report in reports:
        state = report.get("state") or ""
        report["acknowledged"] = state in ACKNOWLEDGED
        report["pending_ack"] = bool(state) and state not in NOT_PENDING
    by_state = {}
    for report in reports:
        by_state[report.get("state")] = by_state.get(report.get("state"), 0) + 1
    facts = {
        "_recognised": header or bool(reports) or tree.root.find("smart_licensing_usage_report") is not None
        or tree.root.find("smart_licensing_usage_report_detail") is not None,
        "reports": reports,
        "unacknowledged": sum(1 for report in reports if report["pending_ack"]),
        "by_state": by_state,
    }
    return finish(tree, COMMAND, facts, KNOWN_TEXT, sections=False)


def _detail(node):
    report = {"id": to_int(node.value), "name": clean(node.get("feature_name")), "state": None, "flag": None,
              "state_change_reason": None, "start_time": None, "end_time": None}
    for child in node.children:
        raw = clean(child.content())
        if child.key == "state":
            report["state"] = raw.upper() if raw else None
        elif child.key in ("state_change_reason", "close_reason"):
            report[child.key] = raw
        elif child.key in _DETAIL_DATES:
            date_field(report, child.key, raw)
        elif child.key in ("previous_report_id", "next_report_id", "transaction_id"):
            report[child.key] = to_int(raw)
        elif child.key == "udi":
            found = udi_entry(None, raw)
            report["udi"] = found["udi"] if found else raw
        elif child.key != "feature_name":
            report[child.key] = raw
    return report
