# -*- coding: utf-8 -*-
# Copyright: contributors to smartlic.slp
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Rules ``cslu_http_server_inactive`` and ``cssm_unreachable`` (manual).

Seeds: COMM_FAILED "For CSLU-initiated communication ... check that SL_HTTP
is active" (and the same for SSM On-Prem-initiated communication); "CSSM,
CSLU, SSM On-Prem is not reachable: a network reachability problem", "404
host not found: the CSSM server is down", the interface, subnet, DNS IP, HTTP
client source-interface, routing and firewall checks.

``cssm_unreachable`` is the fallback: it is reported only when communication
is failing now and no more specific cause (DNS, cslu-local, transport type or
URL, call-home profile, trustpoints, SL_HTTP) was found.
"""

from __future__ import annotations

from ansible_collections.smartlic.slp.plugins.module_utils.rules import actions, comm
from ansible_collections.smartlic.slp.plugins.module_utils.rules.base import CALLHOME_URL, as_dict, evidence, lower, make_finding, text

SPECIFIC_CAUSES = ("dns_not_configured", "cslu_local_unresolved", "transport_type_mismatch", "transport_url_incorrect", "callhome_profile_inactive",
                   "http_client_trustpoint_missing", "sla_trustpoint_missing", "cslu_http_server_inactive", "onprem_record_not_found",
                   "sla_trustpoint_certificate_missing")

HTTP_EXPLANATION = (
    "When CSLU or SSM On-Prem initiates the communication, it connects to the product instance's HTTP(S) server; the session module SL_HTTP "
    "must be active under 'HTTP server current connections' (show ip http server session-module), otherwise CSLU / SSM On-Prem cannot collect "
    "usage or deliver ACKs (Cisco SLP troubleshooting: COMM_FAILED, CSLU-initiated and SSM On-Prem-initiated communication).")
UNREACHABLE_EXPLANATION = (
    "Smart Licensing communication with CSSM, CSLU or SSM On-Prem failed and keeps failing: a network reachability problem (route, interface "
    "down, firewall, wrong source interface) or, with '404 host not found', the server is down. While it persists, product instance-initiated "
    "reporting is retried for four hours after the scheduled time, then every 15 minutes (Cisco SLP troubleshooting: COMM_FAILED).")


def _session_module(ctx):
    """(state, evidence) of SL_HTTP: True active, False inactive or absent, None unknown."""
    command = "show ip http server session-module"
    if not ctx.has(command):
        return None, None
    modules = as_dict(ctx.fact(command).get("modules"))
    for name, module in modules.items():
        if lower(name) == "sl_http":
            active = as_dict(module).get("active")
            if active is False:
                return False, evidence(command, field="modules.SL_HTTP.active", value=False, note="SL_HTTP is not active")
            return (True, None) if active else (None, None)
    return False, evidence(command, field="modules", value=sorted(modules), note="SL_HTTP is not listed")


def cslu_http_server_inactive(ctx):
    server_initiated = ctx.topology == "cslu_pull" or (ctx.topology == "onprem" and ctx.topology_info.get("initiated") == "server")
    if not server_initiated or ctx.platform == "nxos":
        return []
    items = []
    active, item = _session_module(ctx)
    if item:
        items.append(item)
    http = as_dict(ctx.running.get("ip_http"))
    if ctx.running_knows("ip_http") and http.get("server") is False and http.get("secure_server") is False:
        items.append(evidence("show running-config", field="ip_http", value=http, note="neither 'ip http server' nor 'ip http secure-server'"))
    if active is True or not items:
        return []
    who = "CSLU" if ctx.topology == "cslu_pull" else "SSM On-Prem"
    steps = [
        "Re-configure the ip http commands as in 'Ensuring Network Reachability for %s-Initiated Communication' (the HTTP(S) server and its "
        "authentication, e.g. ip http server, ip http authentication local, ip http secure-server)." % who,
        "Check 'show ip http server session-module': under 'HTTP server current connections:' SL_HTTP must be active.",
        "From a Web browser on the host where %s is installed, open https://<product-instance-ip>/ to check that the REST API answers." % who,
    ]
    return [make_finding(ctx, "cslu_http_server_inactive", "error", "%s cannot reach the device: SL_HTTP is not active" % who, HTTP_EXPLANATION,
                         items, action="Enable the device's HTTP(S) server for %s-initiated communication." % who, manual_steps=steps)]


def _steps(ctx, host, vrf):
    in_vrf = " vrf %s" % vrf if vrf else ""
    topology = ctx.topology
    steps = []
    if topology in ("cslu_push", "cslu_pull"):
        steps.append("In 'show license all' check 'Last ACK received:': a recent timestamp means CSLU was reachable.")
        steps.append("Check that the device can ping the CSLU host (ping %s%s) and that CSLU runs and listens on port 8182 on that host." % (
            host or "<cslu host>", in_vrf))
    elif topology == "onprem":
        steps.append("Check that the device can ping the SSM On-Prem server (ping %s%s) and that the server is up." % (host or "<on-prem host>", in_vrf))
    else:
        target = host or ("tools.cisco.com" if topology == "callhome" else "smartreceiver.cisco.com")
        if topology == "callhome":
            steps.append(ctx.cmd("Check with 'show call-home profile all' that CiscoTAC-1 is ACTIVE with the destination %s." % CALLHOME_URL,
                                 "Check 'show running-config callhome all': '%s', '%s', '%s'." % (
                                     actions.line(ctx, "callhome_address_http", profile="xml", url=CALLHOME_URL),
                                     actions.line(ctx, "callhome_use_vrf", vrf="<vrf>"), actions.line(ctx, "callhome_enable"))))
        steps.append("Check DNS resolution and reachability: ping %s%s (or the nslookup translated IP)." % (target, in_vrf))
    steps += [
        "Check that the product instance IP network is up ('no shutdown' on the interface), that the interface has the right subnet mask, and that "
        "the DNS IP is configured.",
        ctx.cmd("Verify the HTTPS client source interface: 'show ip http client'; reconfigure it with '%s'."
                % actions.line(ctx, "ip_http_client_source_interface", interface="<interface>"),
                "Check the VRF licensing uses (show license status 'VRF:') and that the switch reaches the server in it."),
        "Double-check routing rules and firewall settings (HTTPS to the licensing server).",
        "If the error is '404 host not found' the CSSM server is down: try again later.",
        "If the communication failure persists, contact Cisco technical support with 'show license tech support' and 'show license history "
        "message'.",
    ]
    return steps


def cssm_unreachable(ctx):
    state = comm.state(ctx)
    if not (state["active"] or state["stats"]):
        return []
    if "record_not_found" in state["classes"]:
        return []
    if any(finding["id"] in SPECIFIC_CAUSES and finding["severity"] in ("critical", "error") for finding in ctx.findings):
        return []
    items = comm.failure_evidence(ctx)
    for result in comm.ping_results(ctx):
        if result["outcome"] in ("unreachable", "ok"):
            items.append(comm.ping_evidence(result))
    host, url, source = comm.server_host(ctx)
    if url:
        items.append(evidence(source, field="transport.url", value=url))
    vrf, _vrf_source = ctx.licensing_vrf()
    server = {"cslu_push": "CSLU", "cslu_pull": "CSLU", "onprem": "SSM On-Prem"}.get(ctx.topology, "CSSM")
    notes = []
    if "http_404" in state["classes"]:
        notes.append("'404 host not found': the CSSM server is down; retry later")
    if not state["active"]:
        notes.append("no current COMM_FAILED message was captured: the failure is read from the tech-support communication statistics")
    confidence = "high" if state["active"] else "medium"
    title = "%s is not reachable" % server
    errors = sorted({text(error) for error in state["errors"] if text(error)})
    if errors:
        title += ": %s" % errors[-1][:80]
    return [make_finding(ctx, "cssm_unreachable", "error", title, UNREACHABLE_EXPLANATION, items,
                         action="Find why the device cannot reach %s%s; no configuration error was found in the captured outputs." % (
                             server, " (%s)" % host if host else ""),
                         manual_steps=_steps(ctx, host, vrf), confidence=confidence, notes=notes)]


RULES = (cslu_http_server_inactive, cssm_unreachable)
