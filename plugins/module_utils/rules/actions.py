# -*- coding: utf-8 -*-
# Copyright: contributors to smartlic.slp
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Recommended actions with the device's real values filled in.

The CLI lines each remediation role would send (NTP, DNS, transport,
trustpoint, trust token, sync) per platform, and the per-topology reporting
steps of the seeds (REPORTING_REQUIRED, POLICY_REMOVED, UTILITY_NO_ACK: sync,
CSLU UI, SSM On-Prem UI, offline save/upload/import). Secrets never appear:
the ID token is the placeholder ``<id_token>``.
"""

from __future__ import annotations

from ansible_collections.smartlic.slp.plugins.module_utils.rules.base import (
    CALLHOME_PROFILE, CALLHOME_URL, CSLU_PATH, CSLU_PORT, SLA_TRUSTPOINT, SMART_URL, as_list, text,
)

TOKEN = "<id_token>"

# Manual steps the seeds give, by topology.
CSLU_EXPORT_STEPS = [
    "In CSLU: Export to CSSM (CSLU Interface) - on NX-OS 'Download All For Cisco'.",
    "From a workstation connected to CSSM: Uploading Data or Requests to CSSM and Downloading a File (upload the usage file, download the ACK).",
    "In CSLU: Import from CSSM (CSLU Interface) - on NX-OS 'Upload From Cisco' - so that CSLU hands the ACK to the product instance.",
]
CSLU_PULL_STEPS = [
    "In the CSLU interface, complete 'Collecting Usage Reports: CSLU Initiated (CSLU Interface)' for this product instance.",
    "If CSLU is not logged into CSSM, then Export to CSSM, upload the file to CSSM and Import from CSSM (CSLU Interface).",
]
ONPREM_STEPS = [
    "SSM On-Prem-initiated communication: in the SSM On-Prem UI navigate to Reports > Synchronisation pull schedule with the devices > "
    "Synchronise now with the device.",
    "SSM On-Prem connected to CSSM: in the SSM On-Prem UI, Smart Licensing workspace, navigate to Reports > Usage Schedules > Synchronize now with "
    "Cisco.",
    "SSM On-Prem not connected to CSSM: Exporting and Importing Usage Data (SSM On-Prem UI): Export Usage to Cisco, upload it to CSSM, download the "
    "ACK and Import From Cisco.",
]
OFFLINE_REPORT_STEPS = [
    "On the product instance save the usage: license smart save usage all file bootflash:usage.txt (copy the file off the device).",
    "From a workstation with connectivity to CSSM: Uploading Data or Requests to CSSM and Downloading a File (upload the usage file in CSSM "
    "Smart Software Licensing > Reports > Usage Data Files, download the ACK).",
    "Copy the ACK file to the device and install it: license smart import bootflash:<ack file> (Installing a File on the Product Instance).",
]
CSSM_ACCOUNT_STEPS = [
    "Log in to the CSSM Web UI at https://software.cisco.com and click Smart Software Licensing > Inventory > Product Instances.",
    "Check if the product instance is listed in the Virtual Account the ID token was generated in. If not, select the correct Smart Account and "
    "Virtual Account.",
    "Generate a new token for a trust code in that Virtual Account (Generating a New Token for a Trust Code from CSSM).",
    "Install it on the product instance (Establishing Trust with an ID Token / Installing a File on the Product Instance).",
]


def sync_command(ctx):
    """IOS XE 'license smart sync all' (the keyword is required: Cisco Command Reference for SLP); NX-OS bare
    'license smart sync' (Cisco NX-OS SLP user guide, seed 001 line 291). The sync role sends the same string."""
    return ctx.cmd("license smart sync all", "license smart sync")


def save_usage_command(ctx):
    return ctx.cmd("license smart save usage all file bootflash:usage.txt", "license smart save usage all file bootflash:usage.txt")


def report_remedy(ctx, purpose="the usage report and its ACK"):
    """(role, action, commands, manual_steps) to get `purpose` across in this topology (REPORTING_REQUIRED actions)."""
    topology = ctx.topology
    sync = sync_command(ctx)
    if topology in ("direct_smart", "callhome"):
        action = ("Connected directly to CSSM: enter '%s' in privileged EXEC mode to send %s now; in direct mode the ACK takes about 15 minutes "
                  "to appear on the device." % (sync, purpose))
        return "sync", action, [sync], []
    if topology == "cslu_push":
        action = ("Connected to CSSM through CSLU (product instance-initiated): enter '%s'. If CSLU is logged into CSSM the reports are sent to "
                  "the Smart Account and Virtual Account automatically; if CSLU is disconnected from CSSM, complete the CSLU export/import steps."
                  % sync)
        return "sync", action, [sync], CSLU_EXPORT_STEPS
    if topology == "cslu_pull":
        action = "Connected to CSSM through CSLU (CSLU-initiated): collect %s from the CSLU interface; the device does not push it." % purpose
        return None, action, [], CSLU_PULL_STEPS
    if topology == "onprem":
        if ctx.topology_info.get("initiated") == "server":
            action = "SSM On-Prem-initiated: synchronise the device from the SSM On-Prem UI, then synchronise SSM On-Prem with CSSM."
            return None, action, [], ONPREM_STEPS
        action = ("SSM On-Prem (product instance-initiated): enter '%s' to synchronise with SSM On-Prem, then synchronise SSM On-Prem with CSSM."
                  % sync)
        return "sync", action, [sync], ONPREM_STEPS[1:]
    if topology == "offline":
        action = ("No connectivity to CSSM and no CSLU: save the usage on the device, upload it to CSSM from a connected workstation and install "
                  "the ACK on the device.")
        return None, action, [save_usage_command(ctx)], OFFLINE_REPORT_STEPS
    action = ("The topology is unknown (no transport type captured): with product instance-initiated communication enter '%s'; with CSLU or "
              "SSM On-Prem-initiated communication synchronise from their UI; without connectivity save the usage and upload it to CSSM." % sync)
    return "sync", action, [sync], []


def policy_remedy(ctx, trust_installed):
    """(role, action, commands, manual_steps) to get a removed policy back (POLICY_REMOVED recommended action)."""
    topology = ctx.topology
    if topology == "direct_smart":
        if trust_installed is False:
            action = ("Connected directly to CSSM and no trust code is installed: generate a new token for a trust code in CSSM and establish "
                      "trust with it; CSSM then returns the policy automatically.")
            return "trust_token", action, [trust_command(ctx)], [
                "In CSSM: Smart Software Licensing > Inventory > General > New Token (Generating a New Token for a Trust Code from CSSM).",
                "On the device: %s (Establishing Trust with an ID Token)." % trust_command(ctx),
            ]
        action = ("Connected directly to CSSM with trust established: CSSM returns the policy automatically; enter '%s' to ask for it now."
                  % sync_command(ctx))
        return "sync", action, [sync_command(ctx)], []
    if topology == "offline":
        return None, "No connectivity to CSSM and no CSLU: download the policy file from CSSM and install it on the device.", [], [
            "From a workstation connected to CSSM: Downloading a Policy File from CSSM.",
            "Copy it to the device and install it: license smart import bootflash:<policy file> (Installing a File on the Product Instance).",
        ]
    role, action, commands, steps = report_remedy(ctx, "a synchronisation request (CSLU / SSM On-Prem pushes the missing policy back)")
    return role, action, commands, steps


def trust_command(ctx, force=False):
    """license smart trust idtoken … with the token as a placeholder (never a real token).

    IOS XE: '… TOKEN {local|all} [force]' (seed 000 line 382), 'all' for an HA set as the trust_token role chooses;
    NX-OS: '… TOKEN [force]', no scope keyword (seed 001 line 25). The role sends the same string with the token.
    """
    scope = ""
    if ctx.platform != "nxos":
        scope = " all" if len(ctx.udis()) > 1 else " local"
    return "license smart trust idtoken %s%s%s" % (TOKEN, scope, " force" if force else "")


def ntp_commands(ctx, servers, vrf=None):
    """ntp server lines for this platform (IOS 'ntp server [vrf V] X prefer', NX-OS 'ntp server X prefer use-vrf V')."""
    lines = []
    for number, server in enumerate(as_list(servers) or ["<ntp-server>"]):
        prefer = " prefer" if number == 0 else ""
        if ctx.platform == "nxos":
            lines.append("ntp server %s%s%s" % (server, prefer, " use-vrf %s" % vrf if vrf else ""))
        else:
            lines.append("ntp server %s%s%s" % ("vrf %s " % vrf if vrf else "", server, prefer))
    return lines


def dns_commands(ctx, servers, domain=None, vrf=None):
    """Name-server lines: IOS 'ip name-server [vrf V] X'; NX-OS 'ip name-server X use-vrf V' plus the vrf context."""
    servers = as_list(servers) or ["<dns-server-ip>"]
    if ctx.platform == "nxos":
        lines = ["ip domain-lookup"]
        if domain:
            lines.append("ip domain-name %s" % domain)
        lines += ["ip name-server %s%s" % (server, " use-vrf %s" % vrf if vrf else "") for server in servers]
        if vrf and vrf != "default":
            lines.append("vrf context %s" % vrf)
            if domain:
                lines.append("  ip domain-name %s" % domain)
            lines += ["  ip name-server %s" % server for server in servers]
        return lines
    lines = ["ip domain lookup"]
    if domain:
        lines.append("ip domain name %s%s" % ("vrf %s " % vrf if vrf else "", domain))
    lines += ["ip name-server %s%s" % ("vrf %s " % vrf if vrf else "", server) for server in servers]
    return lines


def cslu_url_for(host):
    return "http://%s:%d%s" % (host or "<cslu_ip_or_host>", CSLU_PORT, CSLU_PATH)


def transport_commands(ctx, transport, url=None):
    """license smart transport / url lines (and call-home lines for the callhome transport)."""
    transport = text(transport) or "smart"
    lines = ["license smart transport %s" % transport]
    if transport == "smart":
        lines.append("license smart url smart %s" % (url or SMART_URL))
    elif transport == "cslu" and url:
        lines.append("license smart url cslu %s" % url)
    elif transport == "callhome":
        lines += callhome_commands(ctx)
    return lines


def callhome_commands(ctx, vrf=None):
    """Call-home lines: IOS profile CiscoTAC-1 active with the DDCEService destination; NX-OS destination-profile xml over http."""
    if ctx.platform == "nxos":
        lines = [
            "callhome",
            "  destination-profile xml transport-method http",
            "  destination-profile xml index 1 http %s" % CALLHOME_URL,
        ]
        if vrf:
            lines.append("  transport http use-vrf %s" % vrf)
        lines.append("  enable")
        return lines
    return [
        "call-home",
        " profile %s" % CALLHOME_PROFILE,
        "  active",
        "  destination transport-method http",
        "  destination address http %s" % CALLHOME_URL,
    ]


def trustpoint_commands(with_http_client=True):
    """The SLA-TrustPoint block of the seed, and the secure HTTP client line."""
    lines = [
        "crypto pki trustpoint %s" % SLA_TRUSTPOINT,
        " enrollment terminal",
        " revocation-check none",
        " exit",
    ]
    if with_http_client:
        lines.append("ip http client secure-trustpoint %s" % SLA_TRUSTPOINT)
    return lines
