# -*- coding: utf-8 -*-
# Copyright: contributors to smartlic.slp
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Which Smart Licensing Using Policy topology a device is in.

The seeds give different actions per topology ("Connected Directly to CSSM",
"Connected to CSSM Through CSLU" product-instance- or CSLU-initiated, "SSM
On-Prem Deployment", call-home transport, "No Connectivity to CSSM and No
CSLU"). The topology is read from the transport type and URL, then from the
messages when no status output was captured:

- ``direct_smart``: transport smart;
- ``onprem``: transport cslu with an SSM On-Prem URL (``/cslu/v1/pi/<tenant>``,
  or https without port 8182);
- ``cslu_pull``: transport cslu and CSLU collects the reports itself (ACKs
  arrive while the device never pushed a report), else ``cslu_push``;
- ``callhome``: transport callhome;
- ``offline``: transport off.

An ``intended['topology']`` naming one of these wins.
"""

from __future__ import annotations

from ansible_collections.smartlic.slp.plugins.module_utils.parsers import syslog
from ansible_collections.smartlic.slp.plugins.module_utils.rules.base import CSLU_PATH, CSLU_PORT, TOPOLOGIES, as_dict, lower, parse_url, text

LABELS = {
    "direct_smart": "Connected Directly to CSSM",
    "cslu_push": "Connected to CSSM Through CSLU (product instance-initiated communication)",
    "cslu_pull": "Connected to CSSM Through CSLU (CSLU-initiated communication)",
    "onprem": "SSM On-Prem Deployment",
    "callhome": "Connected to CSSM through the call-home transport",
    "offline": "No Connectivity to CSSM and No CSLU",
}

_PEER_TOPOLOGY = {"cssm": "direct_smart", "cslu": "cslu_push", "onprem": "onprem"}


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


def infer(ctx):
    """{'name': topology or None, 'initiated': 'device'|'server'|None, 'label', 'reasons': [...]}."""
    info = {"name": None, "initiated": None, "label": None, "reasons": []}
    wanted = lower(as_dict(ctx.intended).get("topology"))
    if wanted in TOPOLOGIES:
        info["name"] = wanted
        info["reasons"].append("intended topology '%s'" % wanted)
    else:
        _from_facts(ctx, info)
        if info["name"] is None:
            _from_messages(ctx, info)
    if info["name"] in ("cslu_pull",):
        info["initiated"] = "server"
    elif info["name"] in ("direct_smart", "cslu_push", "callhome"):
        info["initiated"] = "device"
    elif info["name"] == "onprem" and info["initiated"] is None:
        info["initiated"] = "server" if _server_initiated(ctx) else "device"
    info["label"] = LABELS.get(info["name"])
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
