# -*- coding: utf-8 -*-
# Copyright: contributors to smartlic.slp
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Info findings: recognised messages, recovered failures, pre-SLP devices.

- ``informational_message``: COMM_RESTORED, the ``*_SUCCESS`` messages,
  AUTHORIZATION_REMOVED, UTILITY_STARTED / UTILITY_STOPPED and a
  REPORTING_REQUIRED whose deadline is still far: the seeds' "No action
  required", one finding per event.
- ``recovered_failure``: a failure message followed by its recovery (or by an
  ACK received after it): history, not a current problem.
- ``unlisted_message``: licensing messages the chapters do not list
  (AGENT_ENABLED, EXPORT_CONTROLLED, PLATFORM_ERROR, registration-era ones).
- ``pre_slp_device``: registration-era output; the SLP checks do not apply.
"""

from __future__ import annotations

from ansible_collections.smartlic.slp.plugins.module_utils import catalog
from ansible_collections.smartlic.slp.plugins.module_utils.rules.base import as_dict, evidence, log_evidence, make_finding, text
from ansible_collections.smartlic.slp.plugins.module_utils.rules.context import CLEARING

FAILURE_EVENTS = tuple(CLEARING)
PRE_SLP_EXPLANATION = (
    "The outputs show registration-era Smart Licensing (registration and authorization status, evaluation period) or legacy licensing, "
    "not Smart Licensing Using Policy (IOS XE 17.3.2 and later, NX-OS 10.2 and later). The SLP troubleshooting checks do not apply.")


def _spec(ctx, event):
    spec = catalog.platform_spec(event, ctx.platform or "ios") or catalog.platform_spec(event, "ios") or catalog.platform_spec(event, "nxos")
    return as_dict(spec)


def _explanation(ctx, event):
    spec = _spec(ctx, event)
    if spec.get("explanation"):
        return spec["explanation"]
    entry = as_dict(catalog.get(event))
    return text(entry.get("explanation")) or "Not described by the troubleshooting chapters."


def _no_action_text(ctx, event):
    for action in _spec(ctx, event).get("actions") or []:
        if as_dict(action).get("text"):
            return action["text"]
    return "No action required."


def _label(message):
    return "%%%s-%s-%s" % (message.get("facility") or "?", message.get("severity") if message.get("severity") is not None else "?",
                           message.get("mnemonic") or message.get("event"))


def informational_message(ctx):
    groups = {}
    for message in ctx.sorted_messages():
        entry = catalog.CATALOG.get(message.get("event") or "")
        if entry and entry.get("in_seed") and entry.get("kind") == "info":
            groups.setdefault(message["event"], []).append(message)
    for message in ctx.cache.get("info_messages", []):
        groups.setdefault(message["event"], []).append(message)
    findings = []
    for event, messages in sorted(groups.items()):
        latest = messages[-1]
        count = " (%d messages)" % len(messages) if len(messages) > 1 else ""
        findings.append(make_finding(ctx, "informational_message", "info", "%s: %s%s" % (_label(latest), text(latest.get("text")), count),
                                     _explanation(ctx, event), [log_evidence(message) for message in messages[-3:]],
                                     action=_no_action_text(ctx, event), event=event))
    return findings


def recovered_failure(ctx):
    findings = []
    for event in FAILURE_EVENTS:
        active, recovered = ctx.split(event)
        if active or not recovered:
            continue
        latest = recovered[-1]
        items = [log_evidence(latest, note="no longer current")]
        if latest.get("_cleared_by"):
            items.append(log_evidence(latest["_cleared_by"], note="recovery"))
        elif latest.get("_cleared_by_ack"):
            items.append(evidence(ctx.status_command(), field="usage_reporting.last_ack_received", value=latest["_cleared_by_ack"],
                                  note="an ACK was received after the failure"))
        elif latest.get("_cleared_by_field"):
            field, value = latest["_cleared_by_field"]
            items.append(evidence(ctx.status_command(), field=field, value=value, note="newer than the failure"))
        findings.append(make_finding(ctx, "recovered_failure", "info", "Past %s, since recovered (%d message%s)" % (
            event, len(recovered), "s" if len(recovered) > 1 else ""), _explanation(ctx, event), items,
            action="No action required: the failure is history.", event=event))
    return findings


def unlisted_message(ctx):
    groups = {}
    for message in ctx.sorted_messages():
        event = message.get("event") or ""
        entry = catalog.CATALOG.get(event)
        if entry is None or not entry.get("in_seed"):
            if (message.get("facility") or "") in ("SMART_LIC", "LICMGR", "CALL_HOME") or entry is not None:
                groups.setdefault(event or text(message.get("mnemonic")) or "unknown", []).append(message)
    findings = []
    for event, messages in sorted(groups.items()):
        latest = messages[-1]
        entry = as_dict(catalog.CATALOG.get(event))
        note = "not listed in the SLP troubleshooting chapters"
        severity = latest.get("severity")
        if entry.get("kind") == "other" and isinstance(severity, int) and severity <= 3:
            note += "; if it repeats, contact Cisco technical support with the message"
        count = " (%d messages)" % len(messages) if len(messages) > 1 else ""
        title = "%s: %s%s" % (_label(latest), text(latest.get("text"))[:120], count)
        findings.append(make_finding(ctx, "unlisted_message", "info", title,
                                     "A licensing message the troubleshooting chapters do not describe; it is reported for completeness.",
                                     [log_evidence(message) for message in messages[-3:]], action="No action required by the SLP troubleshooting chapters.",
                                     notes=[note], event=event))
    return findings


def pre_slp_device(ctx):
    command = next((name for name in ("show license tech support", "show license all", "show license status")
                    if ctx.fact(name).get("era") == "pre_slp"), None)
    items = [evidence(command, field="era", value="pre_slp")] if command else []
    for path in ("registration.status", "authorization.status", "license_authorization.status"):
        value, source = ctx.status(path)
        if value:
            items.append(evidence(source, field=path, value=value))
    return [make_finding(ctx, "pre_slp_device", "info", "Pre-SLP (registration-era) licensing: the SLP checks do not apply", PRE_SLP_EXPLANATION,
                         items, action="No action required. Upgrading to a release with Smart Licensing Using Policy brings the device under these checks.")]


RULES = (informational_message, recovered_failure, unlisted_message)
