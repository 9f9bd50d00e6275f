# -*- coding: utf-8 -*-
# Copyright: contributors to smartlic.slp
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Which Smart Licensing Using Policy topology a device is in, and what each topology asks for.

The seeds give different actions per topology (REPORTING_REQUIRED, POLICY_REMOVED,
UTILITY_NO_ACK, UTILITY_SUBSCRIPTION_LICENSE and COMM_FAILED of seed 000; the
NX-OS "Failed to receive Report Acknowledgment" issue and REPORTING_REQUIRED,
POLICY_REMOVED of seed 001). ``ctx.topology`` is one of:

- ``direct_smart``: transport smart ("Connected Directly to CSSM");
- ``cslu_push`` / ``cslu_pull``: transport cslu to CSLU, product instance- or
  CSLU-initiated ("Connected to CSSM Through CSLU", and "CSLU Disconnected
  from CSSM" when ``cssm_connected`` is False);
- ``onprem``: transport cslu to SSM On-Prem (``/cslu/v1/pi/<tenant>``, or https
  without port 8182), ``initiated`` ``device`` or ``server``;
- ``callhome``: transport callhome (a direct connection through call-home);
- ``offline``: transport off ("No Connectivity to CSSM and No CSLU");
- ``controller``: managed by a controller (Cisco DNA Center / Catalyst
  Center): "the controller will send the RUM report at the scheduled time".

The device shows the transport and URL; who initiates is read from the usage
report dates (ACKs received while the device never pushed a report: the server
collects them). What the device cannot show (a controller, CSLU disconnected
from CSSM) comes from the intended topology (``smartlic_topology``), whose finer
names (``cslu_disconnected_push``, ``onprem_pull``, ...) win over the inference.
Utility mode is not a topology: ``utility`` says it is on, and the flows of the
topology apply (UTILITY_NO_ACK / UTILITY_SUBSCRIPTION_LICENSE give the same
per-topology actions).

``report_flow`` and ``policy_flow`` turn the topology into (role, action,
commands, manual steps): the commands come from the command table
(``commands.py`` through ``rules/actions.py``), never spelled here.
"""

from __future__ import annotations

from ansible_collections.smartlic.slp.plugins.module_utils.parsers import syslog
from ansible_collections.smartlic.slp.plugins.module_utils.rules import actions
from ansible_collections.smartlic.slp.plugins.module_utils.rules.base import CSLU_PATH, CSLU_PORT, TOPOLOGIES, as_dict, lower, parse_url, text

# Every flow the seeds describe: the topology name the rules use, who initiates, whether CSLU / SSM On-Prem is
# connected to CSSM (None: unknown or not relevant), and the seeds' name for it.
FLOWS = {
    "direct_smart": ("direct_smart", "device", None, "Connected Directly to CSSM"),
    "cslu_push": ("cslu_push", "device", None, "Connected to CSSM Through CSLU (product instance-initiated communication)"),
    "cslu_pull": ("cslu_pull", "server", None, "Connected to CSSM Through CSLU (CSLU-initiated communication)"),
    "cslu_disconnected_push": ("cslu_push", "device", False, "CSLU Disconnected from CSSM (product instance-initiated communication)"),
    "cslu_disconnected_pull": ("cslu_pull", "server", False, "CSLU Disconnected from CSSM (CSLU-initiated communication)"),
    "onprem_push": ("onprem", "device", None, "SSM On-Prem Deployment (product instance-initiated communication)"),
    "onprem_pull": ("onprem", "server", None, "SSM On-Prem Deployment (SSM On-Prem-initiated communication)"),
    "callhome": ("callhome", "device", None, "Connected to CSSM through the call-home transport"),
    "offline": ("offline", None, None, "No Connectivity to CSSM and No CSLU"),
    "controller": ("controller", "server", None, "Connected to CSSM Through a Controller (Cisco DNA Center / Catalyst Center)"),
}
# How each flow is told (docs/diagnosis.md "Topologies").
TOLD_BY = {
    "direct_smart": "transport smart",
    "cslu_push": "transport cslu to CSLU (port 8182); the device pushes its reports",
    "cslu_pull": "transport cslu to CSLU; ACKs arrive although the device never pushed a report",
    "cslu_disconnected_push": "smartlic_topology only (CSLU's link to CSSM is not visible on the device)",
    "cslu_disconnected_pull": "smartlic_topology only (CSLU's link to CSSM is not visible on the device)",
    "onprem_push": "transport cslu to an SSM On-Prem URL (/cslu/v1/pi/<tenant>); the device pushes its reports",
    "onprem_pull": "transport cslu to an SSM On-Prem URL; ACKs arrive although the device never pushed a report",
    "callhome": "transport callhome",
    "offline": "transport off",
    "controller": "smartlic_topology only (a controller is not visible on the device)",
}
_ALL = tuple(FLOWS)
_ONLINE = tuple(flow for flow in _ALL if flow not in ("offline", "controller"))
_CSLU = ("cslu_push", "cslu_pull", "cslu_disconnected_push", "cslu_disconnected_pull")
_ONPREM = ("onprem_push", "onprem_pull")
# Where each finding can arise, from the seeds and the rules' own checks: the troubleshooting map of docs/diagnosis.md.
FINDING_FLOWS = {
    "clock_not_synchronized": _ALL,
    "dns_not_configured": tuple(flow for flow in _ALL if flow != "offline"),
    "cslu_local_unresolved": _CSLU,
    "transport_type_mismatch": _ALL,
    "transport_url_incorrect": _ONLINE,
    "callhome_profile_inactive": ("callhome",),
    # COMM_FAILED: the missing client certificate "applies only to a topology where the product instance is directly connected to CSSM".
    "http_client_trustpoint_missing": ("direct_smart", "callhome"),
    # COMM_FAILED, SSM On-Prem: "For both forms of communication ... ensure that the correct trustpoint is used".
    "sla_trustpoint_missing": ("direct_smart", "callhome") + _ONPREM,
    "sla_trustpoint_certificate_missing": ("direct_smart", "callhome") + _ONPREM,
    "trust_code_missing": ("direct_smart", "callhome"),
    "trust_code_already_installed": _ONLINE,
    "account_mismatch": _ONLINE,
    "authorization_udi_mismatch": _ALL,
    "authorization_insufficient": _ALL,
    "report_ack_overdue": _ALL,
    "usage_report_failed": _ONLINE,
    "rum_report_backlog": _ALL,
    "policy_removed": _ALL,
    "onprem_down_rev": _ONPREM,
    "onprem_record_not_found": _ONPREM,
    "utility_subscription_missing": _ALL,
    "cssm_unreachable": _ONLINE,
    # COMM_FAILED: SL_HTTP must be active for CSLU-initiated and SSM On-Prem-initiated communication.
    "cslu_http_server_inactive": ("cslu_pull", "cslu_disconnected_pull", "onprem_pull"),
}
# The flow of a topology name when nothing finer is known.
DEFAULT_FLOW = {"direct_smart": "direct_smart", "cslu_push": "cslu_push", "cslu_pull": "cslu_pull", "callhome": "callhome",
                "offline": "offline", "controller": "controller"}
LABELS = {name: label for name, (_topology, _initiated, _connected, label) in FLOWS.items()}
LABELS["onprem"] = "SSM On-Prem Deployment"

_PEER_TOPOLOGY = {"cssm": "direct_smart", "cslu": "cslu_push", "onprem": "onprem"}

# Manual steps of the seeds, by flow (REPORTING_REQUIRED, UTILITY_NO_ACK, POLICY_REMOVED recommended actions).
CSLU_COLLECT = ("In the CSLU interface, complete 'Collecting Usage Reports: CSLU Initiated (CSLU Interface)' for this product instance: CSLU "
                "collects the usage, sends it to CSSM and returns the ACK.")
CSLU_EXPORT_STEPS = (
    "In CSLU: Export to CSSM (CSLU Interface) - on NX-OS 'Download All For Cisco'.",
    "From a workstation connected to CSSM: Uploading Data or Requests to CSSM and Downloading a File (upload the usage file, download the ACK).",
    "In CSLU: Import from CSSM (CSLU Interface) - on NX-OS 'Upload From Cisco' - so that CSLU hands the ACK to the product instance.",
)
CSLU_MAYBE_DISCONNECTED = "If CSLU is not logged into CSSM (CSLU Disconnected from CSSM), then: " + " ".join(CSLU_EXPORT_STEPS)
ONPREM_PULL_STEP = ("SSM On-Prem-initiated communication: in the SSM On-Prem UI navigate to Reports > Synchronisation pull schedule with the "
                    "devices > Synchronise now with the device.")
ONPREM_CSSM_STEPS = (
    "SSM On-Prem connected to CSSM: in the SSM On-Prem UI, Smart Licensing workspace, navigate to Reports > Usage Schedules > Synchronize now "
    "with Cisco.",
    "SSM On-Prem not connected to CSSM: Exporting and Importing Usage Data (SSM On-Prem UI): Export Usage to Cisco, upload it to CSSM, download the "
    "ACK and Import From Cisco.",
)
CONTROLLER_STEPS = (
    "The controller sends the RUM report at the scheduled time: check the device's licensing state in the controller.",
    "Cisco DNA Center (Release 2.2.2 onwards) can report ad hoc: Manage Licenses > Upload Resource Utilization Details to CSSM (Cisco DNA "
    "Center Administrator Guide).",
)
TAC_STEP = "If the above does not work, contact your Cisco technical support representative."


def is_onprem_url(url):
    """True for an SSM On-Prem address: '/cslu/v1/pi/<tenant>', or https to a host without port 8182."""
    parsed = parse_url(url)
    if not parsed:
        return False
    path = parsed["path"].rstrip("/")
    if path.lower().startswith(CSLU_PATH + "/") and len(path) > len(CSLU_PATH) + 1:
        return True
    return parsed["scheme"] == "https" and parsed["port"] != CSLU_PORT and CSLU_PATH in path.lower()


def message_peer(message):
    """'cssm', 'cslu', 'onprem' or None: the peer a COMM_FAILED / COMM_RESTORED message names."""
    message = as_dict(message)
    peer = as_dict(message.get("derived")).get("peer_type")
    return peer or syslog.peer_type(as_dict(message.get("variables")).get("peer") or message.get("text"))


def _server_initiated(ctx):
    """True when reports are collected by CSLU / SSM On-Prem rather than pushed by the device."""
    usage = ctx.usage()
    if ctx.status_command() and usage:
        if usage.get("last_ack_received") and not usage.get("last_report_push") and not usage.get("last_report_file_write"):
            return True
    return False


def _utility(ctx):
    """True when utility mode is on (status), or a current UTILITY_* message says so."""
    if ctx.status_value("utility.enabled") is True:
        return True
    if ctx.status_value("utility.enabled") is False:
        return False
    events = ("UTILITY_NO_ACK", "UTILITY_TRUST_CODE", "UTILITY_SUBSCRIPTION_LICENSE", "UTILITY_STARTED")
    return any(not ctx.clearing_message(message) for message in ctx.events(*events))


def infer(ctx):
    """{'name', 'flow', 'initiated': 'device'|'server'|None, 'cssm_connected', 'utility', 'label', 'reasons': [...]}."""
    info = {"name": None, "flow": None, "initiated": None, "cssm_connected": None, "utility": False, "label": None, "reasons": []}
    wanted = lower(as_dict(ctx.intended).get("topology"))
    if wanted in FLOWS or wanted == "onprem":
        info["reasons"].append("intended topology '%s'" % wanted)
        if wanted == "onprem":
            info["name"] = "onprem"
        else:
            info["flow"] = wanted
            info["name"], info["initiated"], info["cssm_connected"] = FLOWS[wanted][:3]
    elif wanted in TOPOLOGIES:
        info["name"] = wanted
    else:
        _from_facts(ctx, info)
        if info["name"] is None:
            _from_messages(ctx, info)
    if info["flow"] is None and info["name"] is not None:
        if info["name"] == "onprem":
            if info["initiated"] is None:
                info["initiated"] = "server" if _server_initiated(ctx) else "device"
                if info["initiated"] == "server":
                    info["reasons"].append("ACKs are received but the device never pushed a report: SSM On-Prem collects the reports")
            info["flow"] = "onprem_pull" if info["initiated"] == "server" else "onprem_push"
        else:
            info["flow"] = DEFAULT_FLOW.get(info["name"])
            info["initiated"] = FLOWS[info["flow"]][1] if info["flow"] else None
    try:
        info["utility"] = _utility(ctx)
    except Exception:  # pylint: disable=broad-except
        info["utility"] = False
    info["label"] = LABELS.get(info["flow"]) or LABELS.get(info["name"])
    return info


def _from_facts(ctx, info):
    transport, source = ctx.transport_type()
    if not transport:
        return
    info["reasons"].append("transport type '%s' (%s)" % (transport, source))
    if transport.startswith("off"):
        info["name"] = "offline"
    elif transport.startswith("callhome") or transport.startswith("call-home"):
        info["name"] = "callhome"
    elif transport.startswith("smart"):
        info["name"] = "direct_smart"
    elif transport.startswith("cslu"):
        url, url_source = ctx.cslu_url()
        if url and is_onprem_url(url):
            info["name"] = "onprem"
            info["reasons"].append("SSM On-Prem URL '%s' (%s)" % (url, url_source))
        elif _server_initiated(ctx):
            info["name"] = "cslu_pull"
            info["reasons"].append("ACKs are received but the device never pushed a report: CSLU collects the reports")
        else:
            info["name"] = "cslu_push"


def _from_messages(ctx, info):
    for message in reversed(ctx.sorted_messages()):
        if message.get("event") == "REPORTING_NOT_SUPPORTED":
            info["name"] = "onprem"
            info["reasons"].append("REPORTING_NOT_SUPPORTED names an SSM On-Prem")
            return
        peer = message_peer(message)
        if message.get("event") in ("COMM_FAILED", "COMM_RESTORED") and peer in _PEER_TOPOLOGY:
            info["name"] = _PEER_TOPOLOGY[peer]
            info["reasons"].append("%s names the peer '%s'" % (message.get("event"), text(as_dict(message.get("variables")).get("peer"))))
            return


# ------------------------------------------------------------------ flows


def flow_of(ctx):
    """The flow name of the device (a key of FLOWS), or None when the topology is unknown."""
    return as_dict(getattr(ctx, "topology_info", None)).get("flow") or DEFAULT_FLOW.get(getattr(ctx, "topology", None))


def device_initiates(flow):
    """True when the product instance itself sends reports in this flow (the seeds' 'product instance-initiated' topologies)."""
    return flow in FLOWS and FLOWS[flow][1] == "device"


def awaiting_ack(ctx, hours=24):
    """The 'Last report push' (as printed) when the device pushed a report after its last ACK within ``hours``, else None."""
    usage_of = getattr(ctx, "usage", None)
    if not callable(usage_of):
        return None
    usage = usage_of()
    push, ack = ctx.when(usage.get("last_report_push")), ctx.when(usage.get("last_ack_received"))
    if not push or (ack and ack >= push):
        return None
    age = ctx.age_days(push)
    if age is None or age < -1.0 / 24 or age * 24 > hours:
        return None
    return usage.get("last_report_push")


def report_flow(ctx, purpose="the usage report and its ACK"):
    """(role, action, commands, manual_steps) to get `purpose` across in this topology.

    Seeds: REPORTING_REQUIRED, UTILITY_NO_ACK and UTILITY_SUBSCRIPTION_LICENSE recommended actions (seed 000), REPORTING_REQUIRED
    and "Failed to receive Report Acknowledgment" (seed 001). ``license smart sync`` only where the product instance initiates
    the communication; the offline flow saves the usage (the sync role's offline mode); the others are manual.
    """
    flow = flow_of(ctx)
    sync = actions.sync_command(ctx)
    pushed = awaiting_ack(ctx) if device_initiates(flow) else None
    if pushed:
        # The report went out after the last ACK: sending it again brings nothing (seed 001: "After the sync is completed, wait
        # for 15 minutes to receive acknowledgment"); what is left is waiting, or the steps outside the device.
        steps = {"cslu_push": [CSLU_MAYBE_DISCONNECTED], "cslu_disconnected_push": list(CSLU_EXPORT_STEPS),
                 "onprem_push": list(ONPREM_CSSM_STEPS)}.get(flow, [])
        action = ("%s: the device pushed a report at %s, after the last ACK; nothing more to send. Wait for the ACK (direct: about 15 "
                  "minutes) and run the diagnosis again%s." % (LABELS[flow], pushed, "; complete the steps below" if steps else ""))
        return None, action, [], steps + [TAC_STEP]
    if flow in ("direct_smart", "callhome"):
        action = ("Connected directly to CSSM: enter '%s' in privileged EXEC mode to send %s now; in direct mode the ACK takes about 15 minutes "
                  "to appear on the device." % (sync, purpose))
        return "sync", action, [sync], []
    if flow == "cslu_push":
        action = ("Connected to CSSM through CSLU (product instance-initiated): enter '%s'. If CSLU is logged into CSSM the reports are sent to "
                  "the Smart Account and Virtual Account automatically." % sync)
        return "sync", action, [sync], [CSLU_MAYBE_DISCONNECTED]
    if flow == "cslu_disconnected_push":
        action = ("CSLU disconnected from CSSM (product instance-initiated): enter '%s' so that CSLU has the usage, then carry it to CSSM and "
                  "the ACK back through CSLU." % sync)
        return "sync", action, [sync], list(CSLU_EXPORT_STEPS)
    if flow == "cslu_pull":
        action = "Connected to CSSM through CSLU (CSLU-initiated): collect %s from the CSLU interface; the device does not push it." % purpose
        return None, action, [], [CSLU_COLLECT, CSLU_MAYBE_DISCONNECTED]
    if flow == "cslu_disconnected_pull":
        action = ("CSLU disconnected from CSSM (CSLU-initiated): collect %s from the CSLU interface, then carry it to CSSM and the ACK back "
                  "through CSLU; the device does not push it." % purpose)
        return None, action, [], [CSLU_COLLECT] + list(CSLU_EXPORT_STEPS)
    if flow == "onprem_pull":
        action = ("SSM On-Prem-initiated: synchronise the device from the SSM On-Prem UI, then synchronise SSM On-Prem with CSSM; the device "
                  "does not push %s." % purpose)
        return None, action, [], [ONPREM_PULL_STEP] + list(ONPREM_CSSM_STEPS)
    if flow == "onprem_push":
        action = ("SSM On-Prem (product instance-initiated): enter '%s' to synchronise with SSM On-Prem, then synchronise SSM On-Prem with CSSM."
                  % sync)
        return "sync", action, [sync], list(ONPREM_CSSM_STEPS)
    if flow == "offline":
        action = ("No connectivity to CSSM and no CSLU: save the usage on the device, upload it to CSSM from a connected workstation and install "
                  "the ACK on the device.")
        return "sync", action, [actions.save_usage_command(ctx)], actions.offline_report_steps(ctx)
    if flow == "controller":
        action = ("Managed by a controller: the controller (Cisco DNA Center / Catalyst Center) sends %s at the scheduled time; nothing is sent "
                  "to the device." % purpose)
        return None, action, [], list(CONTROLLER_STEPS)
    action = ("The topology is unknown (no transport type captured): with product instance-initiated communication enter '%s'; with CSLU or "
              "SSM On-Prem-initiated communication synchronise from their UI; through a controller the controller reports; without "
              "connectivity save the usage and upload it to CSSM. Set smartlic_topology to let remediate act." % sync)
    return None, action, [], []


def policy_flow(ctx, trust_installed):
    """(role, action, commands, manual_steps) to get a removed policy back (POLICY_REMOVED recommended action, seeds 000 and 001)."""
    flow = flow_of(ctx)
    if flow in ("direct_smart", "callhome"):
        if trust_installed is False:
            command = actions.trust_command(ctx)
            action = ("Connected directly to CSSM and no trust code is installed: generate a new token for a trust code in CSSM and establish "
                      "trust with it; CSSM then returns the policy automatically.")
            return "trust_token", action, [command], [
                "In CSSM: Smart Software Licensing > Inventory > General > New Token (Generating a New Token for a Trust Code from CSSM).",
                "On the device: %s (Establishing Trust with an ID Token)." % command,
            ]
        action = ("Connected directly to CSSM with trust established: CSSM returns the policy automatically and installs it on the product "
                  "instances of the Virtual Account; nothing is sent to the device.")
        return None, action, [], ["Check 'Trust Code Installed:' in show license status, then wait for the policy.", TAC_STEP]
    if flow == "offline":
        return None, "No connectivity to CSSM and no CSLU: download the policy file from CSSM and install it on the device.", [], [
            "From a workstation connected to CSSM: Downloading a Policy File from CSSM.",
            "Copy it to the device and install it: %s (Installing a File on the Product Instance)." % actions.import_command(
                ctx, "<policy file>"),
        ]
    if flow == "controller":
        return None, "Managed by a controller: the controller restores the policy with its next report; nothing is sent to the device.", [], \
            list(CONTROLLER_STEPS) + [TAC_STEP]
    return report_flow(ctx, "a synchronisation request (CSLU / SSM On-Prem pushes the missing policy back)")
