# -*- coding: utf-8 -*-
# Copyright: contributors to smartlic.slp
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Rules ``policy_removed``, ``onprem_down_rev`` and ``onprem_record_not_found``.

Seeds: POLICY_REMOVED (recovery per topology); REPORTING_NOT_SUPPORTED "The
CSSM OnPrem that this product instance is connected to is down rev"; NX-OS
"Failed to receive Report Acknowledgment: the ACK received can fail if the
product instance was previously registered with a different On-Prem account"
("failed due to the following error: record not found" in the SSM On-Prem
logs).
"""

from __future__ import annotations

from ansible_collections.smartlic.slp.plugins.module_utils import commands as table
from ansible_collections.smartlic.slp.plugins.module_utils.rules import comm, reporting, topology
from ansible_collections.smartlic.slp.plugins.module_utils.rules.base import as_dict, evidence, log_evidence, make_finding, text

REMOVED_EXPLANATION = (
    "A previously installed custom licensing policy has been removed and the Cisco default policy is now in effect, which may change the "
    "behaviour of Smart Licensing; '%s' removes all licensing information including the policy. If the removal was "
    "intentional no action is required (Cisco SLP troubleshooting: POLICY_REMOVED)." % table.render("ios", "license_smart_factory_reset"))
DOWN_REV_EXPLANATION = (
    "The SSM On-Prem this product instance is connected to is down rev and does not support Smart Licensing Using Policy (supported with IOS "
    "XE from Amsterdam 17.3.3 on). The product instance stops sending registration and authorization renewals and records usage and saves RUM "
    "reports locally (Cisco SLP troubleshooting: REPORTING_NOT_SUPPORTED).")
RECORD_EXPLANATION = (
    "The ACK fails when the product instance was previously registered with a different SSM On-Prem account: SSM On-Prem logs 'Finding SL "
    "product by UDI ... failed due to the following error: record not found'. CSSM may also lack the product instance while SSM On-Prem has it "
    "(Cisco NX-OS SLP troubleshooting: Failed to receive Report Acknowledgment).")

RECORD_STEPS = [
    "On SSM On-Prem: On-Prem Admin Workspace > Support Center > System Logs > Download All Logs; save and extract AllFiles.zip.",
    "In the file 'messages' search for 'failed due to the following error: record not found' with this device's serial number.",
    "Make sure the trust code is installed and check 'Usage reporting:' in 'show license status' (Next report push).",
    "Synchronise on demand: %s (online), and on SSM On-Prem sync to Cisco and to the device; offline, upload the RUM report to "
    "CSSM and install the ACK. Wait 15 minutes for the acknowledgment." % table.render("nxos", "license_smart_sync"),
    "If the ACK still fails because the device is registered to another On-Prem account, synchronise out of band: On-Prem Smart Licensing > "
    "Inventory > SL Using Policy, select the products, Export/Import All > Export Usage to Cisco.",
    "In the CSSM account: Reports > Usage Data Files > Upload Usage Data, select the exported file; then download the ACK from the "
    "Acknowledgment column.",
    "On SSM On-Prem: Smart Licensing > Inventory > SL Using Policy > Export/Import All > Import From Cisco with the ACK; the devices then show "
    "the received acknowledgment.",
]


def policy_removed(ctx):
    active, _recovered = ctx.split("POLICY_REMOVED")
    if not active:
        return []
    items = [log_evidence(message) for message in active[-2:]]
    policy, command = ctx.status("policy")
    if command:
        policy = as_dict(policy)
        items.append(evidence(command, field="policy.in_use", value=policy.get("in_use") or policy.get("name")))
    role, action, commands, steps = topology.policy_flow(ctx, ctx.trust_installed())
    steps = ["If the policy was removed intentionally (for example by '%s'), no further action is required." % table.render(
        "ios", "license_smart_factory_reset")] + list(steps)
    steps.append("If the custom policy is not restored, contact Cisco technical support.")
    return [make_finding(ctx, "policy_removed", "warning", "The custom licensing policy was removed", REMOVED_EXPLANATION, items, role=role,
                         action="If the removal was not intended, get the policy back. " + action, commands=commands, manual_steps=steps)]


def onprem_down_rev(ctx):
    active, _recovered = ctx.split("REPORTING_NOT_SUPPORTED")
    if not active:
        return []
    items = [log_evidence(message) for message in active[-2:]]
    url, source = ctx.cslu_url()
    if url:
        items.append(evidence(source, field="transport.cslu_address", value=url))
    steps = [
        "Upgrade SSM On-Prem to a release that supports Smart Licensing Using Policy (Migrating to a Version of SSM On-Prem That Supports Smart "
        "Licensing Using Policy).",
        "Or implement one of the supported topologies instead (Supported Topologies): direct to CSSM, CSLU, or offline reporting.",
    ]
    if ctx.platform == "nxos":
        steps = steps[1:]
    return [make_finding(ctx, "onprem_down_rev", "error", "SSM On-Prem is too old for Smart Licensing Using Policy", DOWN_REV_EXPLANATION, items,
                         action="Move the device to a supported SSM On-Prem release or topology.", manual_steps=steps)]


def _record_texts(ctx):
    items = []
    for message in ctx.messages:
        if "record not found" in (text(message.get("text")) + text(message.get("raw"))).lower():
            items.append(log_evidence(message))
    for row in comm.statistics(ctx):
        if "record not found" in row["failure_reason"].lower():
            items.append(comm.stat_evidence(row))
    return items


def onprem_record_not_found(ctx):
    items = _record_texts(ctx)
    confidence = "high"
    if not items:
        if ctx.topology != "onprem" or comm.state(ctx)["failing"]:
            return []
        severity, deadline_item, _days, note = reporting.deadline_signal(ctx)
        usage = ctx.usage()
        pushed = ctx.when(usage.get("last_report_push"))
        acked = ctx.when(usage.get("last_ack_received"))
        if not severity or not pushed or (acked and acked >= pushed):
            return []
        items = [dict(deadline_item, note=note),
                 evidence(ctx.status_command(), field="usage_reporting.last_report_push", value=usage.get("last_report_push"),
                          note="reports are pushed to SSM On-Prem but no ACK came back after them (last ACK: %s)" % (
                              usage.get("last_ack_received") or "<none>"))]
        confidence = "low"
    severity = "error" if confidence == "high" else "warning"
    notes = [] if confidence == "high" else ["the device cannot see the SSM On-Prem logs: check them for 'record not found' (steps 1-2)"]
    reason = ("the device reports that SSM On-Prem does not find its record" if confidence == "high" else
              "inferred: reports are pushed to SSM On-Prem but no ACK comes back; the SSM On-Prem logs can confirm it")
    return [make_finding(ctx, "onprem_record_not_found", severity, "SSM On-Prem does not find this product instance's record",
                         RECORD_EXPLANATION, items, action="Confirm in the SSM On-Prem logs, then synchronise out of band.",
                         manual_steps=RECORD_STEPS, confidence=confidence, notes=notes, severity_reason=reason)]


RULES = (policy_removed, onprem_down_rev)
