# -*- coding: utf-8 -*-
# Copyright: contributors to smartlic.slp
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Rule ``clock_not_synchronized``: signature / timestamp mismatch, clock not synchronised to NTP.

Seeds: POLICY_INSTALL_FAILED, AUTHORIZATION_INSTALL_FAILED and
TRUST_CODE_INSTALL_FAILED list "a signature mismatch: the system clock is not
accurate" and "a timestamp mismatch: the clock is not synchronized with CSSM";
the NX-OS chapter adds that the difference with CSSM must stay under one hour.
Fixed by role ``ntp``.
"""

from __future__ import annotations

import re

from ansible_collections.smartlic.slp.plugins.module_utils.rules import actions
from ansible_collections.smartlic.slp.plugins.module_utils.rules.base import (
    as_dict, as_list, dig, evidence, log_evidence, lower, make_finding, text,
)

INSTALL_FAILURES = ("POLICY_INSTALL_FAILED", "AUTHORIZATION_INSTALL_FAILED", "TRUST_CODE_INSTALL_FAILED")
CLOCK_WORDS = re.compile(r"signature|time ?stamp|clock|\btime\b|not yet valid|in the future", re.IGNORECASE)
SKEW_MS = 3600 * 1000

EXPLANATION = (
    "Smart Licensing Using Policy needs an accurate clock synchronised with CSSM: a signature mismatch means the system clock is not accurate, "
    "a timestamp mismatch means the clock is not synchronized with CSSM; either makes policy, authorization code and trust code installation "
    "fail (Cisco SLP troubleshooting: POLICY_INSTALL_FAILED, AUTHORIZATION_INSTALL_FAILED, TRUST_CODE_INSTALL_FAILED)."
)
NXOS_NOTE = "NX-OS: if there is a difference in time between the device and CSSM, it must be less than one hour."


def failure_reason(message):
    variables = as_dict(message.get("variables"))
    return text(variables.get("reason") or variables.get("error")) or text(message.get("text"))


def _message_signals(ctx):
    """(evidence, clock cited) for install failures still current."""
    items = []
    cited = False
    for event in INSTALL_FAILURES:
        active, _recovered = ctx.split(event)
        for message in active[-2:]:
            reason = failure_reason(message)
            says_clock = bool(CLOCK_WORDS.search(reason))
            if says_clock or event == "POLICY_INSTALL_FAILED":
                cited = cited or says_clock or event == "POLICY_INSTALL_FAILED"
                items.append(log_evidence(message, note="the failure reason points at the clock" if says_clock else
                                          "the only causes Cisco lists for this failure are a signature or timestamp mismatch"))
    return items, cited


def _clock_signals(ctx):
    """(strong evidence, weak evidence, known synchronised) from show clock, NTP and tech support."""
    strong, weak = [], []
    synced_known = False
    if ctx.has("show clock"):
        clock = ctx.fact("show clock")
        source = lower(clock.get("time_source"))
        if clock.get("synchronized") is False:
            strong.append(evidence("show clock", field="synchronized", value=False, line=text(clock.get("time_raw")) or None,
                                   note=_clock_note(clock)))
        elif source in ("none",):
            strong.append(evidence("show clock", field="time_source", value=clock.get("time_source"), note="Time source is none"))
        elif clock.get("synchronized") is True:
            synced_known = True
    for command in ("show ntp status",):
        if ctx.has(command):
            status = ctx.fact(command)
            if status.get("synchronized") is False:
                strong.append(evidence(command, field="synchronized", value=False, note="Clock is unsynchronized"))
            elif status.get("synchronized") is True:
                synced_known = True
    for command in ("show ntp associations", "show ntp peer-status"):
        if not ctx.has(command):
            continue
        peers = [as_dict(peer) for peer in as_list(ctx.fact(command).get("peers"))]
        if not peers:
            strong.append(evidence(command, field="peers", value=[], note="no NTP peer is configured"))
        elif not any(peer.get("sys_peer") for peer in peers):
            strong.append(evidence(command, field="peers.sys_peer", value=False,
                                   note="no peer is the system peer (no '*'): NTP is not synchronised; peers: %s" % ", ".join(
                                       text(peer.get("address")) for peer in peers)))
        for peer in peers:
            offset = _number(peer.get("offset"))
            if peer.get("sys_peer") and offset is not None and abs(offset) > SKEW_MS:
                strong.append(evidence(command, field="peers.offset", value=peer.get("offset"),
                                       note="clock offset from %s is over one hour" % text(peer.get("address"))))
    for command, path, value in ctx.section_values(r"clock_sync"):
        if lower(value) in ("false", "no"):
            weak.append(evidence(command, field=path, value=value, note="the Smart Agent reports that its clock is not synchronised with NTP"))
    if ctx.running_knows("ntp") and not as_list(dig(ctx.running, "ntp.servers")):
        weak.append(evidence("show running-config", field="ntp.servers", value=[], note="no ntp server is configured"))
    skew = _backwards_clock(ctx)
    if skew:
        strong.append(skew)
    return strong, weak, synced_known


def _clock_note(clock):
    if clock.get("authoritative") is False:
        return "'*': the time is not authoritative and not synchronised"
    if clock.get("authoritative") is True:
        return "'.': the time is authoritative but NTP is not synchronised"
    return "the clock is not synchronised"


def _number(value):
    try:
        return float(str(value).strip())
    except (TypeError, ValueError):
        return None


def _backwards_clock(ctx):
    """Evidence when the device clock is over one hour behind an event the device already recorded (same time zone)."""
    if ctx.now_source != "show clock":
        return None
    zone = ctx.clock_zone()
    for moment, label in sorted(ctx.past_times(), reverse=True):
        raw = text(ctx.status_value(label + "_raw") if "." in label else None)
        if zone and not raw.upper().endswith(zone):
            continue
        if moment - ctx.now > ctx.skew_threshold():
            return evidence("show clock", field="time", value=text(ctx.fact("show clock").get("time")),
                            note="the device clock is more than one hour behind '%s' (%s): the clock was set back or is wrong" % (label, moment.isoformat()))
    return None


def _intended_drift(ctx):
    wanted = [text(server) for server in as_list(ctx.intended.get("ntp_servers")) if text(server)]
    if not wanted or not ctx.has("show running-config"):
        return [], []
    configured = [text(as_dict(server).get("address")) for server in as_list(dig(ctx.running, "ntp.servers"))]
    missing = [server for server in wanted if server not in configured]
    if not missing:
        return [], []
    return [evidence("show running-config", field="ntp.servers", value=configured,
                     note="intended NTP server(s) %s not configured" % ", ".join(missing))], missing


def clock_not_synchronized(ctx):
    message_items, cited = _message_signals(ctx)
    strong, weak, synced_known = _clock_signals(ctx)
    drift, _missing = _intended_drift(ctx)
    if synced_known and not strong:
        weak = []
    if cited and not ctx.has("show clock"):
        # Supporting evidence only: a '*' before a log timestamp is routine at boot.
        marked = [message for message in ctx.sorted_messages() if message.get("clock_synchronized") is False][-1:]
        weak += [log_evidence(message, note="the log timestamp carries the '*' marker: the clock was not authoritative") for message in marked]
    if not (cited or strong or weak or drift):
        return []
    severity = "error" if cited else "warning"
    confidence = "high" if (strong or cited or drift) else "medium"
    servers = as_list(ctx.intended.get("ntp_servers")) or [text(as_dict(s).get("address")) for s in as_list(dig(ctx.running, "ntp.servers"))]
    servers = [server for server in servers if server]
    configured_vrfs = [text(as_dict(server).get("vrf")) for server in as_list(dig(ctx.running, "ntp.servers")) if text(as_dict(server).get("vrf"))]
    vrf = text(ctx.intended.get("vrf")) or (configured_vrfs[0] if configured_vrfs else None)
    # What the ntp role sends: the intended servers not configured yet (a placeholder when none is intended).
    commands = actions.ntp_commands(ctx, [server for server in as_list(ctx.intended.get("ntp_servers")) if text(server)], vrf)
    notes = []
    if not servers:
        notes.append("no NTP server is known: give the intended servers (ntp_servers) to the ntp role")
    if ctx.platform == "nxos":
        notes.append(NXOS_NOTE)
    action = ("Ensure that the system clock is accurate and synchronised with CSSM: configure NTP in global configuration mode (%s). "
              "If the installation still fails afterwards, contact Cisco technical support." % "; ".join(commands))
    title = "Clock not synchronised: licensing installs fail on signature/timestamp mismatch" if cited else "Device clock is not synchronised to NTP"
    reason = ("a licensing install failed on a signature or timestamp mismatch" if cited else
              "nothing failed on the clock yet, but installs of policies, authorization and trust codes will")
    return [make_finding(ctx, "clock_not_synchronized", severity, title, EXPLANATION, message_items + strong + drift + weak,
                         role="ntp", action=action, commands=commands, confidence=confidence, notes=notes, severity_reason=reason)]


RULES = (clock_not_synchronized,)
