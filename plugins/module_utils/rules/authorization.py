# -*- coding: utf-8 -*-
# Copyright: contributors to smartlic.slp
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Rules ``authorization_udi_mismatch`` and ``authorization_insufficient`` (manual, IOS XE).

Seed: AUTHORIZATION_INSTALL_FAILED "UDI mismatch: one or more UDIs in the
authorization code file do not match with the product instance ... all the
UDIs listed in the authorization code file must match with all the UDIs in
the High Availability set-up" (``<udi>P:CSR1000V,S:9D1YXJM3LKC</udi>`` against
``show license udi``) and "Not enough licenses with authorization for
currently configured features". The NX-OS chapter says the message does not
apply to Nexus switches.
"""

from __future__ import annotations

import re

from ansible_collections.smartlic.slp.plugins.module_utils.rules import actions, comm
from ansible_collections.smartlic.slp.plugins.module_utils.rules.base import (
    as_dict, as_list, evidence, log_evidence, lower, make_finding, text,
)
from ansible_collections.smartlic.slp.plugins.module_utils.rules.clock import CLOCK_WORDS, failure_reason

_SLAC_UDI = re.compile(r"<udi>\s*(?:P|PID):(?P<pid>[^,<\s]*)\s*,\s*(?:S|SN):(?P<sn>[^<\s,]+)\s*</udi>", re.IGNORECASE)
UDI_WORDS = re.compile(r"\budi\b|mismatch|does not match", re.IGNORECASE)
NOT_ENOUGH = re.compile(r"not enough|insufficient|exceed|count|no (?:license|authori[sz]ation)", re.IGNORECASE)
BAD_STATUS = re.compile(r"not authori[sz]ed|out of compliance|eval(?:uation)? expired", re.IGNORECASE)

UDI_EXPLANATION = (
    "One or more UDIs in the authorization code (SLAC) file do not match the product instance where it is installed. For a High Availability "
    "set-up, all the UDIs listed in the file must match all the UDIs of the set-up; otherwise installation fails (Cisco SLP troubleshooting: "
    "AUTHORIZATION_INSTALL_FAILED).")
INSUFFICIENT_EXPLANATION = (
    "Not enough licenses with authorization for the currently configured features: the requisite authorizations were not generated for all "
    "the required licenses (Cisco SLP troubleshooting: AUTHORIZATION_INSTALL_FAILED).")


def slac_udis(slac_text):
    """['PID:x,SN:y'] of every <udi>P:x,S:y</udi> in an authorization code file."""
    found = []
    for match in _SLAC_UDI.finditer(text(slac_text)):
        udi = "PID:%s,SN:%s" % (match.group("pid"), match.group("sn"))
        if udi not in found:
            found.append(udi)
    return found


def _message_udi(message):
    derived = as_dict(as_dict(message.get("derived")).get("udi"))
    if derived.get("udi"):
        return derived["udi"]
    match = re.search(r"P(?:ID)?:([^,\s]*),\s*S(?:N)?:([^\s,:.]+)", text(as_dict(message.get("variables")).get("udi")) or text(message.get("text")))
    return "PID:%s,SN:%s" % (match.group(1), match.group(2)) if match else None


def _serial(udi):
    return lower(udi.split("SN:", 1)[-1])


def _active_failures(ctx):
    active, _recovered = ctx.split("AUTHORIZATION_INSTALL_FAILED")
    return active


def udi_differences(ctx):
    """{'device': [...], 'file': [...], 'only_in_file': [...], 'only_on_device': [...], 'messages': [(message, udi)]} or None."""
    device = [udi for _role, udi, _source in ctx.udis()]
    device_serials = {_serial(udi) for udi in device}
    file_udis = slac_udis(ctx.slac_text) if ctx.slac_text else []
    result = {"device": device, "file": file_udis, "only_in_file": [], "only_on_device": [], "messages": []}
    if device and file_udis:
        file_serials = {_serial(udi) for udi in file_udis}
        result["only_in_file"] = [udi for udi in file_udis if _serial(udi) not in device_serials]
        result["only_on_device"] = [udi for udi in device if _serial(udi) not in file_serials]
    for message in _active_failures(ctx):
        udi = _message_udi(message)
        if device and udi and _serial(udi) not in device_serials:
            result["messages"].append((message, udi))
    return result


def authorization_udi_mismatch(ctx):
    if ctx.platform == "nxos":
        return []
    diff = udi_differences(ctx)
    worded = [message for message in _active_failures(ctx) if UDI_WORDS.search(failure_reason(message))]
    if not (diff["only_in_file"] or diff["only_on_device"] or diff["messages"] or worded):
        return []
    items = []
    for message, udi in diff["messages"]:
        items.append(log_evidence(message, note="UDI %s is not one of the device's UDIs" % udi))
    items += [log_evidence(message) for message in worded if all(message is not pair[0] for pair in diff["messages"])]
    if diff["only_in_file"] or diff["only_on_device"]:
        items.append(evidence("slac", field="udi", value=diff["file"], note="UDIs in the authorization code file"))
    if diff["device"]:
        items.append(evidence(ctx.udis()[0][2], field="entries.udi", value=diff["device"], note="UDIs of the product instance (HA members included)"))
    parts = []
    if diff["only_in_file"]:
        parts.append("in the file but not on the device: %s" % ", ".join(diff["only_in_file"]))
    if diff["only_on_device"]:
        parts.append("on the device but not in the file: %s" % ", ".join(diff["only_on_device"]))
    for _message, udi in diff["messages"]:
        parts.append("the failed install names %s" % udi)
    title = "Authorization code UDIs do not match the device" + (" (%s)" % "; ".join(parts) if parts else "")
    steps = [
        "Run 'show license udi' and note every UDI (all members of a High Availability set-up): %s." % (", ".join(diff["device"]) or "<device UDIs>"),
        "In CSSM, generate the SLAC again for exactly these UDIs (Generating and Downloading SLAC from CSSM to a File).",
        "Install the new file on the product instance: %s (Installing a File on the Product Instance)." % actions.import_command(ctx, "<slac file>"),
    ]
    notes = [] if diff["device"] else ["the device's UDIs were not captured (show license udi): the comparison could not be made"]
    return [make_finding(ctx, "authorization_udi_mismatch", "error", title, UDI_EXPLANATION, items,
                         action="Regenerate the authorization code for the device's UDIs and install it.", manual_steps=steps, notes=notes,
                         differing_udis={"only_in_file": diff["only_in_file"], "only_on_device": diff["only_on_device"],
                                         "in_messages": [udi for _message, udi in diff["messages"]]})]


def _bad_licenses(ctx):
    items = []
    if ctx.era != "slp":
        return items
    for command in ("show license summary", "show license usage", "show license all", "show license tech support"):
        for license_entry in as_list(ctx.fact(command).get("licenses")):
            license_entry = as_dict(license_entry)
            status = text(license_entry.get("status"))
            if BAD_STATUS.search(status):
                items.append(evidence(command, field="licenses.status", value=status, note="license %s" % text(license_entry.get("name"))))
        if items:
            break
    return items


def authorization_insufficient(ctx):
    if ctx.platform == "nxos":
        return []
    active = _active_failures(ctx)
    diff_ids = {id(message) for message, _udi in udi_differences(ctx)["messages"]}
    worded = [message for message in active if NOT_ENOUGH.search(failure_reason(message))]
    unexplained = [message for message in active if id(message) not in diff_ids and message not in worded
                   and not UDI_WORDS.search(failure_reason(message)) and not CLOCK_WORDS.search(failure_reason(message))]
    licenses = _bad_licenses(ctx)
    if not (worded or unexplained or licenses):
        return []
    items = [log_evidence(message) for message in (worded + unexplained)[-3:]] + licenses
    for row in comm.statistics(ctx):
        if row["category"] == "authorization_confirmation" and row["failure_reason"] and lower(row["failure_reason"]) not in ("<none>", "none"):
            items.append(comm.stat_evidence(row))
    confidence = "high" if worded or licenses else "low"
    notes = ["the failure reason names no cause; UDI mismatch and clock were checked and not found"] if confidence == "low" else []
    steps = [
        "Check the 'Failure Reason:' field under 'Authorization Confirmation:' in 'show license tech support'.",
        "Run 'show license udi' and make sure the authorization covers every UDI and every license the configured features need.",
        "In CSSM, generate the authorizations for all the required licenses (Generating and Downloading SLAC from CSSM to a File), then install "
        "the file (Installing a File on the Product Instance).",
    ]
    severity = "error" if worded or unexplained else "warning"
    reason = ("an authorization code installation failed (AUTHORIZATION_INSTALL_FAILED)" if severity == "error" else
              "no installation failed, but licenses in use are not authorized")
    return [make_finding(ctx, "authorization_insufficient", severity, "Not enough licenses are authorized for the configured features",
                         INSUFFICIENT_EXPLANATION, items, action="Generate and install an authorization code that covers every required license.",
                         manual_steps=steps, confidence=confidence, notes=notes, severity_reason=reason)]


RULES = (authorization_udi_mismatch, authorization_insufficient)
