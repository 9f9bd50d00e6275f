# -*- coding: utf-8 -*-
# Copyright: contributors to smartlic.slp
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What a diagnosis asks a device: the show commands per platform, when to add tech support, and the probes.

- ``commands_for(platform)``: every command one live diagnosis runs, ``show version`` last;
- ``needs_tech_support(findings, platform, mode)``: whether ``show license tech support`` is worth adding;
- ``followup_commands(findings, platform, mode)``: what to read after a first diagnosis (tech support; on NX-OS also
  ``show license history message``);
- ``probe_commands(facts, platform)``: ``ping`` of the licensing server named by the transport URL, in the
  licensing VRF.

The commands come from the vendor chapters (seeds 000 and 001) and the Cisco command references named below.
Nothing here talks to a device (cli_session.py does) or reads an output (pipeline.py does). Pure Python stdlib.
"""

from __future__ import annotations

from ansible_collections.smartlic.slp.plugins.module_utils.rules.base import url_host
from ansible_collections.smartlic.slp.plugins.module_utils.rules.context import Context
from ansible_collections.smartlic.slp.plugins.module_utils.vocabulary import normalize_platform

TECH_SUPPORT = "show license tech support"
# Seed 001 (NX-OS), System Messages: "For all error messages ... contact your Cisco technical support representative
# with ... the output from the show license tech support and show license history message commands"; its "Failed to send
# usage Report" issue reads the reporting dates in show license tech support.
HISTORY_MESSAGE = "show license history message"
IOS_GATHER = (
    "show license status",
    "show license udi",
    "show license usage",
    "show license summary",
    "show license rum id all",
    "show clock",
    "show ntp associations",
    "show ntp status",
    "show running-config",
    "show call-home profile all",
    "show ip http client",
    "show ip http server session-module",
    "show logging",
)
NXOS_GATHER = (
    "show license status",
    "show license usage",
    "show license udi",
    "show running-config",
    "show running-config callhome all",
    "show clock",
    "show ntp peer-status",
    "show logging logfile",
)
# Findings whose cause the tech-support output (failure reasons, communication statistics) can tell apart.
TECH_SUPPORT_HELPS = frozenset({"cssm_unreachable", "usage_report_failed", "report_ack_overdue"})
# NX-OS findings of the seed's error messages whose licensing message history the rules read (the messages of
# show license history message join those of show logging logfile, which may have rotated them out).
NXOS_HISTORY_HELPS = TECH_SUPPORT_HELPS | frozenset({"trust_code_already_installed", "account_mismatch", "clock_not_synchronized", "policy_removed",
                                                     "onprem_record_not_found", "onprem_down_rev"})
TECH_SUPPORT_MODES = ("auto", "always", "never")
DEFAULT_URL_HOSTS = {"smart": "smartreceiver.cisco.com", "cslu": "cslu-local", "callhome": "tools.cisco.com"}
# What the device says it runs, read last in every live session to check the declared platform. EXEC mode on both:
# IOS XE prints "Cisco IOS XE Software, Version ..." (Cisco IOS command reference, show version:
# https://www.cisco.com/E-Learning/bulk/public/tac/cim/cib/using_cisco_ios_software/cmdrefs/show_version.htm), NX-OS
# "Cisco Nexus Operating System (NX-OS) Software" (Cisco Nexus 9000 NX-API CLI reference, version commands:
# https://developer.cisco.com/docs/cisco-nexus-9000-series-nx-api-cli-reference-release-9-3x/version-commands).
# The cisco.ios and cisco.nxos connection plugins send it too when they read a device's capabilities.
VERSION_COMMAND = "show version"
# Without these two outputs a live diagnosis would call a device healthy on no evidence: a session that cannot read
# them is not diagnosed (pipeline.broken_read).
CORE_COMMANDS = ("show license status", "show running-config")


def commands_for(platform, tech_support="never"):
    """The show commands one diagnosis runs on a platform ('ios' or 'nxos'), ``show version`` last; [] for an unknown platform.

    ``tech_support`` ``always`` adds ``show license tech support`` (and on NX-OS ``show license history message``).
    """
    platform = normalize_platform(platform)
    if platform == "nxos":
        always = tech_support is True or tech_support == "always"
        return list(NXOS_GATHER) + ([TECH_SUPPORT, HISTORY_MESSAGE] if always else []) + [VERSION_COMMAND]
    if platform == "ios":
        commands = list(IOS_GATHER) + [VERSION_COMMAND]
        if tech_support is True or tech_support == "always":
            commands.insert(1, TECH_SUPPORT)
        return commands
    return []


def ping_command(target, vrf=None, platform="ios"):
    """The ping command of a platform: IOS XE ``ping vrf V host``, NX-OS ``ping host vrf V``."""
    target = str(target).strip()
    if not vrf:
        return "ping %s" % target
    if normalize_platform(platform) == "nxos":
        return "ping %s vrf %s" % (target, vrf)
    return "ping vrf %s %s" % (vrf, target)


def _split_target(item):
    """'host', 'host vrf V', 'vrf V host' or {'target', 'vrf'} → (target, vrf)."""
    if isinstance(item, dict):
        return str(item.get("target") or item.get("host") or "").strip(), (str(item.get("vrf")).strip() if item.get("vrf") else None)
    words = str(item or "").split()
    if len(words) >= 3 and words[0].lower() == "vrf":
        return words[2], words[1]
    if len(words) >= 3 and words[1].lower() == "vrf":
        return words[0], words[2]
    return (words[0] if words else ""), None


def probe_targets(facts, platform, intended=None, probes=True):
    """[(target, vrf)] to ping.

    ``probes`` True: the host of the licensing transport (smart URL, CSLU
    address, call-home destination) as the device is configured, else as
    ``intended`` says, in the licensing VRF. A list: those targets (``host``,
    ``host vrf V`` or ``{target, vrf}``); a target without a VRF gets the
    licensing VRF. False or empty: nothing.
    """
    if not probes:
        return []
    ctx = Context(facts, [], platform, intended)
    vrf = ctx.licensing_vrf()[0]
    targets = []
    if isinstance(probes, (list, tuple)):
        for item in probes:
            target, item_vrf = _split_target(item)
            if target:
                targets.append((target, item_vrf or vrf))
    else:
        transport = ctx.transport_type()[0] or str(ctx.intended.get("transport_type") or "").lower() or None
        url = None
        if transport == "cslu":
            url = ctx.cslu_url()[0] or ctx.intended.get("transport_url")
        elif transport in ("smart", "callhome"):
            url = ctx.smart_url()[0] or ctx.intended.get("transport_url")
        elif transport is None:
            url = ctx.intended.get("transport_url")
        host = url_host(url) if url else DEFAULT_URL_HOSTS.get(transport)
        if host:
            targets.append((host, vrf))
    unique = []
    for pair in targets:
        if pair not in unique:
            unique.append(pair)
    return unique


def probe_commands(facts, platform, intended=None, probes=True):
    """The ping commands of ``probe_targets``."""
    return [ping_command(target, vrf, platform) for target, vrf in probe_targets(facts, platform, intended, probes)]


def needs_tech_support(findings, platform, mode="auto"):
    """True when ``show license tech support`` should be added: mode ``always``, or ``auto`` and a finding it helps explain."""
    if normalize_platform(platform) not in ("ios", "nxos") or mode == "never" or mode is False:
        return False
    if mode == "always" or mode is True:
        return True
    return any(isinstance(finding, dict) and finding.get("id") in TECH_SUPPORT_HELPS for finding in findings or [])


def followup_commands(findings, platform, mode="auto"):
    """The commands worth reading after a first diagnosis in mode ``auto``: ``show license tech support`` when a finding
    it helps explain is there; on NX-OS also ``show license history message`` for the findings of the seed's error
    messages (seed 001 asks for both outputs). [] in the other modes (``always`` reads them up front)."""
    if mode != "auto":
        return []
    commands = [TECH_SUPPORT] if needs_tech_support(findings, platform, mode) else []
    if normalize_platform(platform) == "nxos":
        ids = {finding.get("id") for finding in findings or [] if isinstance(finding, dict) and finding.get("severity") != "info"}
        if ids & NXOS_HISTORY_HELPS:
            commands.append(HISTORY_MESSAGE)
    return commands
