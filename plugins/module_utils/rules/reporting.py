# -*- coding: utf-8 -*-
# Copyright: contributors to smartlic.slp
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Rules ``report_ack_overdue``, ``usage_report_failed``, ``rum_report_backlog`` and ``utility_subscription_missing``.

Seeds: REPORTING_REQUIRED "A Usage report acknowledgement will be required in
[dec] days" (actions per topology); UTILITY_NO_ACK "An Acknowledgement is
required every 30 days"; the ``Next ACK deadline`` of ``show license status``
read against the device clock; UTILITY_REPORT_FAILED and the NX-OS issue
"Failed to send usage Report"; UTILITY_SUBSCRIPTION_LICENSE. Beyond the
seeds, ``rum_report_backlog``: unacknowledged RUM reports piling up.
"""

from __future__ import annotations

import re
from datetime import timedelta

from ansible_collections.smartlic.slp.plugins.module_utils.rules import comm, topology
from ansible_collections.smartlic.slp.plugins.module_utils.rules.base import (
    as_dict, as_list, days_text, evidence, log_evidence, lower, make_finding, text, whole_days,
)
from ansible_collections.smartlic.slp.plugins.module_utils.vocabulary import ACTIONABLE, severity_rank

ACK_WARNING_DAYS = 14
RUM_BACKLOG_THRESHOLD = 100
CONNECTIVITY_IDS = ("dns_not_configured", "cslu_local_unresolved", "transport_type_mismatch", "transport_url_incorrect", "callhome_profile_inactive",
                    "http_client_trustpoint_missing", "sla_trustpoint_missing", "cslu_http_server_inactive", "cssm_unreachable", "trust_code_missing",
                    "account_mismatch")
NXOS_SEND_FAILED = re.compile(r"failed to send (?:the )?usage report", re.IGNORECASE)

ACK_EXPLANATION = (
    "RUM reporting to Cisco is required: the policy asks for a usage report acknowledgement (ACK) by the 'Next ACK deadline'; "
    "REPORTING_REQUIRED gives the days left, and in utility mode an ACK is required every 30 days (UTILITY_NO_ACK). Causes are connectivity "
    "problems or delayed communication (CSLU / SSM On-Prem synchronise on their own schedule; in direct mode the ACK takes about 15 minutes). "
    "The reporting method depends on the topology (Cisco SLP troubleshooting: REPORTING_REQUIRED, UTILITY_NO_ACK, NX-OS 'Failed to receive Report "
    "Acknowledgment').")
FAILED_EXPLANATION = (
    "Because of a communications failure the product instance failed to send the RUM report. If the report is not due soon and a server or "
    "link is down, try again later; if the failure persists, check that the transport type and URL are set as the topology requires "
    "(Cisco SLP troubleshooting: UTILITY_REPORT_FAILED, NX-OS 'Failed to send usage Report').")
BACKLOG_EXPLANATION = (
    "Not a message of Cisco's SLP troubleshooting chapters: RUM reports are kept on the device until an ACK confirms them. When many "
    "reports stay unacknowledged (never sent, or sent without an ACK coming back) they pile up in storage, the device purges the oldest, "
    "and usage data is lost; the reporting flow (sync and ACK import) is not completing.")
SUBSCRIPTION_EXPLANATION = (
    "Utility mode is in use with a license that has no subscription ID: either the RUM ACK returned subscription information without an ID "
    "for it, the ID was still missing 30 days after the license came into use, or communication is delayed (CSLU / SSM On-Prem synchronise on "
    "their own schedule) (Cisco SLP troubleshooting: UTILITY_SUBSCRIPTION_LICENSE).")


def _connectivity_notes(ctx):
    ids = sorted({finding["id"] for finding in ctx.findings if finding["id"] in CONNECTIVITY_IDS and finding["severity"] in ACTIONABLE})
    return ["fix these findings first, then synchronise: %s" % ", ".join(ids)] if ids else []


def deadline_signal(ctx):
    """(severity, evidence, days_left, note) from the Next ACK deadline; (None, …) when not due.

    ``note`` (when due) also says why the severity: ``report_ack_overdue`` uses it as its severity_reason.
    """
    usage, command = ctx.status("usage_reporting")
    usage = as_dict(usage)
    deadline = usage.get("next_ack_deadline")
    if not deadline or ctx.status_value("policy.reporting_ack_required") is False:
        return None, None, None, None
    item = evidence(command, field="usage_reporting.next_ack_deadline", value=deadline, line="Next ACK deadline: %s" % text(usage.get(
        "next_ack_deadline_raw") or deadline))
    days = ctx.days_until(deadline)
    if days is not None:
        if days < 0:
            return "critical", item, days, "the Next ACK deadline has passed: %s on the device clock (%s)" % (days_text(days), ctx.now_source)
        if days <= ACK_WARNING_DAYS:
            return "warning", item, days, "the Next ACK deadline is within %d days: %s on the device clock (%s)" % (
                ACK_WARNING_DAYS, days_text(days), ctx.now_source)
        return None, item, days, None
    moment = ctx.when(deadline)
    if moment and ctx.now_floor and moment < ctx.now_floor:
        days = (moment - ctx.now_floor).total_seconds() / 86400.0
        return "critical", item, days, ("the Next ACK deadline has passed: the device already recorded a later event (%s); no clock was "
                                        "captured" % ctx.now_floor.isoformat())
    return None, item, None, None


def _reporting_required(ctx):
    """(severity, evidence list, days left, why the severity) of the current REPORTING_REQUIRED messages."""
    active, _recovered = ctx.split("REPORTING_REQUIRED")
    if not active:
        return None, [], None, None
    message = active[-1]
    days = as_dict(message.get("variables")).get("days")
    days = days if isinstance(days, int) else None
    left = days
    if days is not None and message.get("_time") and ctx.now:
        left = ((message["_time"] + timedelta(days=days)) - ctx.now).total_seconds() / 86400.0
    if left is None:
        return "warning", [log_evidence(message)], None, "REPORTING_REQUIRED asks for an ACK; the days left are not known"
    if left < 0:
        return ("critical", [log_evidence(message, note="the deadline it announced has passed (%s)" % days_text(left))], left,
                "the deadline REPORTING_REQUIRED announced has passed (%s)" % days_text(left))
    if left <= ACK_WARNING_DAYS:
        return ("warning", [log_evidence(message, note=days_text(left))], left,
                "REPORTING_REQUIRED announces a deadline within %d days (%s)" % (ACK_WARNING_DAYS, days_text(left)))
    ctx.cache.setdefault("info_messages", []).append(message)
    return None, [], left, None


def report_ack_overdue(ctx):
    severities = []
    items = []
    notes = []
    deadline_severity, deadline_item, days_left, deadline_note = deadline_signal(ctx)
    if deadline_severity:
        severities.append((deadline_severity, deadline_note))
        items.append(dict(deadline_item, note=deadline_note))
    message_severity, message_items, message_left, message_reason = _reporting_required(ctx)
    if message_severity:
        severities.append((message_severity, message_reason))
        items += message_items
        if days_left is None:
            days_left = message_left
    no_ack, _recovered = ctx.split("UTILITY_NO_ACK")
    if no_ack:
        severities.append(("error", "utility mode requires an ACK every 30 days and the device reports none (UTILITY_NO_ACK)"))
        items.append(log_evidence(no_ack[-1], note="utility mode requires an ACK every 30 days"))
    if not severities:
        return []
    severity, reason = min(severities, key=lambda pair: severity_rank(pair[0]))
    last_ack, command = ctx.status("usage_reporting.last_ack_received")
    items.append(evidence(command or ctx.status_command(), field="usage_reporting.last_ack_received", value=last_ack))
    role, action, commands, steps = topology.report_flow(ctx)
    notes += _connectivity_notes(ctx)
    if ctx.topology == "direct_smart" and ctx.trust_installed() is False:
        notes.append("no trust code is installed: CSSM returns ACKs only after trust is established")
    if ctx.topology == "onprem":
        notes.append("if the device was registered with another SSM On-Prem account the ACK fails: see onprem_record_not_found")
    if ctx.platform == "nxos":
        notes.append("NX-OS: not receiving an acknowledgment does not affect any function of the switch; syslog reminders continue until it is "
                     "received")
    days_left = whole_days(days_left)
    if days_left is not None:
        title = ("Usage report ACK %s" if days_left < 0 else "Usage report ACK due: %s") % days_text(days_left)
    else:
        title = "Usage report ACK required"
    return [make_finding(ctx, "report_ack_overdue", severity, title, ACK_EXPLANATION, items, role=role, action=action, commands=commands,
                         manual_steps=steps, notes=notes, days_left=days_left, severity_reason=reason)]


def _failed_stat_rows(ctx):
    rows = []
    last_ack = ctx.when(ctx.usage().get("last_ack_received"))
    for row in comm.statistics(ctx):
        if row["category"] != "usage_reporting" or not row["fail"] or not (row["ongoing_overall"] or row["ongoing"]):
            continue
        if row["last_failure"] and last_ack and last_ack >= row["last_failure"]:
            continue
        if row["last_success"] and row["last_failure"] and row["last_success"] >= row["last_failure"]:
            continue
        rows.append(row)
    return rows


def _nxos_lines(ctx):
    """The NX-OS 'Failed to send usage report' text in a current COMM_FAILED, an uncatalogued message or an unparsed status line."""
    items = []
    candidates = comm.state(ctx)["active"] + [message for message in ctx.messages if message.get("known") is False]
    for message in candidates:
        if NXOS_SEND_FAILED.search(text(message.get("raw")) or text(message.get("text"))):
            items.append(log_evidence(message))
    for command in ("show license status", "show license tech support", "show license all", "show license usage"):
        for line in as_list(ctx.fact(command).get("unparsed")):
            if NXOS_SEND_FAILED.search(text(line)):
                items.append(evidence(command, line=text(line)))
    return items


def usage_report_failed(ctx):
    state = comm.state(ctx)
    items = [log_evidence(message) for message in state["report_active"][-2:]]
    items += _nxos_lines(ctx)
    items += [comm.stat_evidence(row) for row in _failed_stat_rows(ctx)]
    if not items:
        return []
    next_push, command = ctx.status("usage_reporting.next_report_push")
    deadline = ctx.usage().get("next_ack_deadline")
    days = ctx.days_until(deadline)
    if deadline:
        items.append(evidence(command or ctx.status_command(), field="usage_reporting.next_ack_deadline", value=deadline,
                              note=days_text(days) or None))
    if next_push:
        items.append(evidence(command, field="usage_reporting.next_report_push", value=next_push))
    role, action, commands, steps = topology.report_flow(ctx, "the usage report")
    steps = ["Check if the RUM report is due soon ('show license tech support': Next ACK deadline, Next report push). If it is not, and a server "
             "or link is down, try again later."] + [
        "If the communication failure persists, check that the transport type and URL are set as the topology requires (see "
        "%%%s-3-COMM_FAILED)." % ("LICMGR" if ctx.platform == "nxos" else "SMART_LIC")] + list(steps)
    return [make_finding(ctx, "usage_report_failed", "error", "The usage (RUM) report could not be sent", FAILED_EXPLANATION, items, role=role,
                         action="Restore communication, then send the report again. " + action, commands=commands, manual_steps=steps,
                         notes=_connectivity_notes(ctx))]


SUMMARY_LABELS = (
    ("waiting", re.compile(r"waiting for ack\s*:\s*(\d+)(?:\s*\((\d+)\))?", re.IGNORECASE)),
    ("available", re.compile(r"available to report\s*:\s*(\d+)", re.IGNORECASE)),
    ("purged", re.compile(r"purged\s*:\s*(\d+)(?:\s*\((\d+)\))?", re.IGNORECASE)),
)


def _summary_lines(ctx):
    """(command, path, 'label: value') of the Usage Report Summary, from its raw values ('Waiting for Ack: 0(349)')."""
    found = []
    for command in ("show license tech support", "show license all", "show license status"):
        if not ctx.has(command):
            continue
        for prefix, leaf, value in ctx.leaves(command):
            if value is None or ".usage_report_summary." not in "." + prefix + leaf:
                continue
            path = prefix + leaf
            key = path.rsplit(".", 1)[-1].replace("_", " ")
            if key.endswith(" raw"):
                key = key[:-4]
            found.append((command, path, "%s: %s" % (key, text(value))))
        if found:
            break
    return found


def backlog_counts(ctx):
    """{'waiting', 'pending', 'purged', 'sources'}: reports sent without ACK, reports not acknowledged (sent or not), reports purged."""
    counts = {"waiting": 0, "pending": 0, "purged": 0, "sources": []}
    if ctx.has("show license rum id all"):
        rum = ctx.fact("show license rum id all")
        pending = rum.get("unacknowledged")
        if not isinstance(pending, int):
            pending = sum(1 for report in as_list(rum.get("reports")) if lower(as_dict(report).get("state")) not in ("ack", "acknowledged"))
        if pending:
            counts["waiting"] = pending
            counts["pending"] = pending
            counts["sources"].append(evidence("show license rum id all", field="unacknowledged", value=pending))
    for command, path, line in _summary_lines(ctx):
        for name, pattern in SUMMARY_LABELS:
            match = pattern.search(line)
            if not match:
                continue
            numbers = [int(group) for group in match.groups() if group]
            if name == "waiting":
                counts["waiting"] = max(counts["waiting"], numbers[0])
            if name in ("waiting", "available"):
                counts["pending"] = max([counts["pending"]] + numbers)
            if name == "purged":
                counts["purged"] = max([counts["purged"]] + numbers)
            if max(numbers):
                item = evidence(command, field=path, line=match.group(0))
                if item not in counts["sources"]:
                    counts["sources"].append(item)
    return counts


def _acks_flowing(ctx):
    """True when an ACK was received and its deadline has not passed: reports are being acknowledged."""
    if not ctx.usage().get("last_ack_received"):
        return False
    severity = deadline_signal(ctx)[0]
    return severity != "critical"


def rum_report_backlog(ctx):
    counts = backlog_counts(ctx)
    flowing = _acks_flowing(ctx)
    # Reports sent and left without an ACK pile up whatever else happens; reports not yet sent are only a
    # backlog when no ACK is coming back (right after a push a healthy device holds many of them).
    if counts["waiting"] < RUM_BACKLOG_THRESHOLD and (flowing or counts["pending"] < RUM_BACKLOG_THRESHOLD):
        return []
    number = counts["waiting"] if counts["waiting"] >= RUM_BACKLOG_THRESHOLD else counts["pending"]
    role, action, commands, steps = topology.report_flow(ctx, "the pending RUM reports")
    steps = list(steps) + [
        "Check the ACK flow: after the sync, 'show license all' must show a new 'Last ACK received' and the unacknowledged count must fall.",
        "If ACKs arrive but the count keeps growing, the release may be affected by a known defect in RUM report handling: check the release notes "
        "and the Cisco Bug Search Tool for the running release and upgrade to a release with the fix.",
    ]
    notes = _connectivity_notes(ctx)
    if not ctx.usage().get("last_ack_received"):
        notes.append("no ACK was ever received: none of these reports is acknowledged")
    if counts["purged"]:
        notes.append("%d report(s) were already purged from storage" % counts["purged"])
    usage_item = evidence(ctx.status_command(), field="usage_reporting.last_ack_received", value=ctx.usage().get("last_ack_received"))
    return [make_finding(ctx, "rum_report_backlog", "warning", "%d RUM reports are waiting for an acknowledgement" % number,
                         BACKLOG_EXPLANATION, counts["sources"] + [usage_item], role=role, action="Get the pending reports acknowledged. " + action,
                         commands=commands, manual_steps=steps, notes=notes, unacknowledged=number, purged=counts["purged"])]


def utility_subscription_missing(ctx):
    active, _recovered = ctx.split("UTILITY_SUBSCRIPTION_LICENSE")
    if not active or ctx.status_value("utility.enabled") is False:
        return []
    names = []
    for message in active:
        name = text(as_dict(message.get("variables")).get("license"))
        if name and name not in names:
            names.append(name)
    role, action, commands, steps = topology.report_flow(ctx, "a synchronisation that fetches the subscription IDs")
    steps = ["If the licenses in use (%s) have no subscription IDs, order them in CCW; the licenses and subscription IDs are deposited in the "
             "Smart Account and Virtual Account in CSSM." % (", ".join(names) or "see the messages")] + list(steps)
    return [make_finding(ctx, "utility_subscription_missing", "warning", "Utility mode license without a subscription ID: %s" % (
        ", ".join(names) or "unknown license"), SUBSCRIPTION_EXPLANATION, [log_evidence(message) for message in active[-3:]], role=role,
        action="If the subscription IDs exist, the delay is communication: " + action, commands=commands, manual_steps=steps, licenses=names)]


RULES = (report_ack_overdue, usage_report_failed, rum_report_backlog, utility_subscription_missing)
