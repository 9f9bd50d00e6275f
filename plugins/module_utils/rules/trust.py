# -*- coding: utf-8 -*-
# Copyright: contributors to smartlic.slp
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Rules ``trust_code_missing``, ``trust_code_already_installed`` (role ``trust_token``) and ``account_mismatch`` (manual).

Seeds: UTILITY_TRUST_CODE "Trust establishment with an ID TOKEN is required";
POLICY_REMOVED "Connected Directly to CSSM ... If trust has not been
established, complete Generating a New Token ... and Establishing Trust";
NX-OS "Failed to receive Report Acknowledgment: ensure that the trust code
is installed"; TRUST_CODE_INSTALL_FAILED "A trust code is already installed
... include the force keyword" and "Smart Account-Virtual Account mismatch
... CSSM Web UI ... Inventory > Product Instances".
"""

from __future__ import annotations

import re

from ansible_collections.smartlic.slp.plugins.module_utils.rules import actions, comm
from ansible_collections.smartlic.slp.plugins.module_utils.rules.base import as_dict, evidence, log_evidence, make_finding, text
from ansible_collections.smartlic.slp.plugins.module_utils.rules.clock import CLOCK_WORDS, failure_reason

ALREADY = re.compile(r"already|exists|duplicate", re.IGNORECASE)
ACCOUNT = re.compile(r"account|virtual|does not (?:belong|include)|not (?:part|a member) of|identity .* not valid|re-?register|token",
                     re.IGNORECASE)

MISSING_EXPLANATION = (
    "A product instance connected directly to CSSM (and any product instance in utility mode with smart transport) must establish trust "
    "with an ID token from its Smart Account / Virtual Account before CSSM accepts its usage reports and returns ACKs and policies (Cisco SLP troubleshooting: "
    "UTILITY_TRUST_CODE, POLICY_REMOVED, NX-OS 'Failed to receive Report Acknowledgment').")
ALREADY_EXPLANATION = (
    "Trust codes are node-locked to the UDI of the product instance: if the UDI is already registered and another trust code is installed, "
    "installation fails unless the force keyword asks CSSM to create a new trust code even if one already exists (Cisco SLP troubleshooting: "
    "TRUST_CODE_INSTALL_FAILED).")
ACCOUNT_EXPLANATION = (
    "The Smart Account or Virtual Account for which the ID token was generated does not include this product instance: the token applies "
    "only to the product instances of that account (Cisco SLP troubleshooting: TRUST_CODE_INSTALL_FAILED, Smart Account-Virtual Account mismatch).")


def trust_failure_cause(ctx, message):
    """(finding id, confidence) the seed's reasons point to for one TRUST_CODE_INSTALL_FAILED message."""
    reason = failure_reason(message)
    if ALREADY.search(reason):
        return "trust_code_already_installed", "high"
    if CLOCK_WORDS.search(reason):
        return "clock_not_synchronized", "high"
    if ACCOUNT.search(reason):
        return "account_mismatch", "high"
    if ctx.trust_installed() is True:
        return "trust_code_already_installed", "medium"
    if any(finding["id"] == "clock_not_synchronized" for finding in ctx.findings):
        return "clock_not_synchronized", "medium"
    return "account_mismatch", "low"


def _failures_for(ctx, finding_id):
    """Current TRUST_CODE_INSTALL_FAILED messages attributed to a finding id, with the best confidence."""
    active, _recovered = ctx.split("TRUST_CODE_INSTALL_FAILED")
    chosen = []
    confidence = None
    order = ("high", "medium", "low")
    for message in active:
        cause, level = trust_failure_cause(ctx, message)
        if cause == finding_id:
            chosen.append(message)
            if confidence is None or order.index(level) < order.index(confidence):
                confidence = level
    return chosen, confidence


def _trust_evidence(ctx):
    value, command = ctx.status("trust_code")
    if not command:
        return None
    trust = as_dict(value)
    return evidence(command, field="trust_code.installed", value=trust.get("installed"),
                    line="Trust Code Installed: %s" % (text(trust.get("installed_on_raw")) or ("<none>" if trust.get("installed") is False else "")))


def trust_code_missing(ctx):
    if ctx.trust_installed() is True:
        return []
    items = []
    severity = reason = None
    active, _recovered = ctx.split("UTILITY_TRUST_CODE")
    if active:
        items.append(log_evidence(active[-1]))
        severity, reason = "error", "the device logged UTILITY_TRUST_CODE: utility mode cannot report without trust"
    installed = ctx.trust_installed()
    transport, source = ctx.transport_type()
    if installed is False and ctx.topology == "direct_smart":
        items.append(_trust_evidence(ctx))
        items.append(evidence(source, field="transport.type", value=transport, note="connected directly to CSSM"))
        if ctx.utility_enabled():
            items.append(evidence(ctx.status("utility.enabled")[1], field="utility.enabled", value=True, note="utility mode with smart transport"))
            severity, reason = "error", reason or "utility mode with smart transport requires trust, and none is installed"
        elif comm.state(ctx)["failing"]:
            if not severity:
                severity, reason = "error", "communication with CSSM fails now, and CSSM accepts reports only from a trusted device"
        elif not ctx.usage().get("last_ack_received"):
            # Nothing fails yet, but CSSM has never acknowledged a report and will not without trust.
            if not severity:
                severity, reason = "warning", ("no communication failure yet, but no ACK was ever received and CSSM sends none "
                                               "without trust")
        removed, _history = ctx.split("POLICY_REMOVED")
        if removed and severity:
            items.append(log_evidence(removed[-1], note="the policy was removed and CSSM returns it only once trust is established"))
    if not severity:
        return []
    command = actions.trust_command(ctx)
    steps = [
        "In CSSM (https://software.cisco.com > Smart Software Licensing > Inventory, in the Virtual Account of this product instance): General > "
        "New Token; copy the token (Generating a New Token for a Trust Code from CSSM).",
        "Install it on the device: %s (Establishing Trust with an ID Token); the trust_token role does this with the token kept secret." % command,
        "Check 'show license status': 'Trust Code Installed:' shows the date.",
    ]
    return [make_finding(ctx, "trust_code_missing", severity, "No trust code is installed", MISSING_EXPLANATION, items, role="trust_token",
                         action="Establish trust with an ID token from the product instance's Virtual Account: %s." % command, commands=[command],
                         manual_steps=steps, severity_reason=reason)]


def trust_code_already_installed(ctx):
    chosen, confidence = _failures_for(ctx, "trust_code_already_installed")
    if not chosen:
        return []
    items = [log_evidence(message) for message in chosen[-2:]]
    trust_item = _trust_evidence(ctx)
    if trust_item and ctx.trust_installed():
        items.append(trust_item)
    command = actions.trust_command(ctx, force=True)
    action = ("If a new trust code is wanted in spite of the existing one, re-enter the idtoken command with the force keyword: %s. The force "
              "flag asks CSSM to create a new trust code even if one already exists." % command)
    return [make_finding(ctx, "trust_code_already_installed", "error", "Trust code installation failed: a trust code is already installed",
                         ALREADY_EXPLANATION, items, role="trust_token", action=action, commands=[command], confidence=confidence)]


def _identity_rejections(ctx):
    """Tech-support statistics where CSSM rejects the product instance's identity (not in the account)."""
    rows = []
    last_ack = ctx.when(ctx.usage().get("last_ack_received"))
    for row in comm.statistics(ctx):
        reason = row["failure_reason"]
        if reason and re.search(r"identity .*not valid|re-?register", reason, re.IGNORECASE) and row["fail"]:
            if last_ack and row["last_failure"] and last_ack >= row["last_failure"]:
                continue
            if row["last_success"] and row["last_failure"] and row["last_success"] >= row["last_failure"]:
                continue
            rows.append(row)
    return rows


def account_mismatch(ctx):
    chosen, confidence = _failures_for(ctx, "account_mismatch")
    rejections = _identity_rejections(ctx)
    if not chosen and not rejections:
        return []
    items = [log_evidence(message) for message in chosen[-2:]] + [comm.stat_evidence(row) for row in rejections]
    if not chosen:
        confidence = "medium"
    notes = []
    if confidence == "low":
        notes.append("the failure reason names no cause: the clock is synchronised and no trust code is installed, which leaves the account "
                     "mismatch among the causes Cisco lists")
    account, command = ctx.status("account")
    if command:
        account = as_dict(account)
        items.append(evidence(command, field="account", value={"smart_account": account.get("smart_account"),
                                                               "virtual_account": account.get("virtual_account")}))
    return [make_finding(ctx, "account_mismatch", "error", "The ID token's Smart/Virtual Account does not hold this product instance",
                         ACCOUNT_EXPLANATION, items, action="Use an ID token generated in the Virtual Account that holds this product instance.",
                         manual_steps=actions.CSSM_ACCOUNT_STEPS, confidence=confidence, notes=notes)]


RULES = (trust_code_missing, trust_code_already_installed, account_mismatch)
