# -*- coding: utf-8 -*-
# Copyright: contributors to smartlic.slp
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Run every diagnosis rule over one device: facts + syslog messages → findings.

``diagnose(facts, messages, platform, intended=None, slac_text=None)`` returns
the findings (docs/facts.md "Findings"), sorted by severity then id
(``report.summarize`` counts them).

Severity policy (the same for every rule):

- ``critical``: licensing is out of compliance now: the usage report ACK
  deadline has passed (on the device clock, or provably before an event the
  device already recorded).
- ``error``: something is failing now and needs a fix: a failure message not
  followed by its recovery (COMM_FAILED, install failures, REPORTING_NOT_SUPPORTED,
  UTILITY_NO_ACK, UTILITY_REPORT_FAILED), a configuration that makes the current
  failure certain (wrong URL or transport, missing DNS, inactive call-home
  profile, missing trustpoint, SL_HTTP inactive), or a missing trust code while
  reporting to CSSM does not work.
- ``warning``: nothing fails yet, but it will or may: the ACK is due within
  14 days, the clock is not synchronised, configuration differs from the
  intended settings, RUM reports pile up, the custom policy was removed, a
  utility license lacks its subscription ID, a cause inferred with low
  confidence.
- ``info``: no action: recognised informational messages, failures since
  recovered, licensing messages the chapters do not list, pre-SLP devices.

Every finding says why it got its severity on this device in
``severity_reason`` (docs/diagnosis.md "Severity"). Findings also carry
``confidence`` (high: the evidence names the cause; medium: inferred from
configuration or statistics; low: the cause left among the causes Cisco
lists) and ``notes`` (what was missing or assumed).

Time: "now" is the device clock (see context.py); never the controller's.
A rule that lacks its facts does not fire; a rule that fails is reported as
an info finding ``rule_error`` instead of stopping the diagnosis.
"""

from __future__ import annotations

from ansible_collections.smartlic.slp.plugins.module_utils.rules import (
    authorization, clock, informational, name_resolution, policy, reachability, reporting, topology, transport, trust, trustpoint,
)
from ansible_collections.smartlic.slp.plugins.module_utils.rules.base import make_finding
from ansible_collections.smartlic.slp.plugins.module_utils.rules.context import Context
from ansible_collections.smartlic.slp.plugins.module_utils.vocabulary import severity_rank

# Order matters: cssm_unreachable is the fallback once every specific cause was checked, and the
# reporting rules name the connectivity findings to fix first.
RULES = (
    clock.RULES
    + name_resolution.RULES
    + transport.RULES
    + trustpoint.RULES
    + (reachability.cslu_http_server_inactive,)
    + trust.RULES
    + (policy.onprem_record_not_found, reachability.cssm_unreachable)
    + reporting.RULES
    + policy.RULES
    + authorization.RULES
    + informational.RULES
)

# Informational rules that still run on a pre-SLP device.
PRE_SLP_RULES = (informational.unlisted_message,)

NEW_IDS = ("rum_report_backlog", "informational_message", "recovered_failure", "unlisted_message", "pre_slp_device", "rule_error")


def _rule_name(rule):
    return getattr(rule, "__name__", str(rule))


def _run(ctx, rule):
    try:
        produced = rule(ctx)
    except Exception as error:  # pylint: disable=broad-except
        # One broken rule must not hide the others: report it and go on.
        produced = [make_finding(ctx, "rule_error", "info", "Rule %s could not run" % _rule_name(rule),
                                 "An internal error in a diagnosis rule; the other rules ran.", [],
                                 action="No action on the device. Please report this to the collection maintainers with the capture.",
                                 notes=["%s: %s" % (type(error).__name__, error)],
                                 severity_reason="an internal error of this collection, not a fault of the device")]
    return [finding for finding in produced or [] if isinstance(finding, dict)]


def sort_key(finding):
    return (severity_rank(finding.get("severity")), str(finding.get("id")), str(finding.get("title")))


def diagnose(facts, messages, platform, intended=None, slac_text=None, context=None):
    """Findings for one device (see the module docstring for the severity policy).

    ``context``: the :class:`Context` of these facts, when the caller made one already (it is not made twice).
    """
    try:
        ctx = context if context is not None else Context(facts, messages, platform, intended, slac_text)
    except Exception as error:  # pylint: disable=broad-except
        return [{"id": "rule_error", "severity": "info", "severity_reason": "an internal error of this collection, not a fault of the device",
                 "title": "The facts could not be read", "explanation": str(error), "evidence": [],
                 "remediation": {"role": None, "action": "No action on the device.", "commands": [], "manual_steps": []}, "topology": None,
                 "confidence": "low", "notes": ["%s: %s" % (type(error).__name__, error)]}]
    try:
        ctx.topology_info = topology.infer(ctx)
    except Exception as error:  # pylint: disable=broad-except
        ctx.topology_info = {"name": None, "initiated": None, "label": None, "reasons": ["topology could not be inferred: %s" % error]}
    ctx.topology = ctx.topology_info.get("name")
    if ctx.era == "pre_slp":
        rules = (informational.pre_slp_device,) + PRE_SLP_RULES
    else:
        rules = RULES
    for rule in rules:
        ctx.findings.extend(_run(ctx, rule))
    return sorted(ctx.findings, key=sort_key)
