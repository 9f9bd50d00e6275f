# -*- coding: utf-8 -*-
# Copyright: contributors to smartlic.slp
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Rules ``dns_not_configured`` and ``cslu_local_unresolved`` (role ``dns``).

Seeds: COMM_FAILED "Check DNS resolution: verify that the product instance can
ping smartreceiver.cisco.com / tools.cisco.com"; "If CSLU is not reachable:
check if CSLU discovery works (zero-touch DNS discovery of cslu-local) ...
configure the name server with an entry where hostname cslu-local is mapped
to the CSLU IP address"; NX-OS "If ping to cisco.com in the configured vrf for
SLP throws error % Invalid host/interface: configure DNS (ip name-server ...
use-vrf <vrf-name>, vrf context <vrf-name> ip name-server ...)" and "For
transport mode CSLU, either configure ip host cslu-local <cslu_address> or
cslu-local should be part of DNS server".
"""

from __future__ import annotations

from ansible_collections.smartlic.slp.plugins.module_utils.rules import actions, comm
from ansible_collections.smartlic.slp.plugins.module_utils.rules.topology import message_peer
from ansible_collections.smartlic.slp.plugins.module_utils.rules.base import (
    CSLU_LOCAL, as_dict, as_list, dig, evidence, is_ip, log_evidence, lower, make_finding, text, url_host,
)

DNS_EXPLANATION = (
    "The product instance must resolve the licensing server's host name (smartreceiver.cisco.com, tools.cisco.com, the CSLU or SSM On-Prem "
    "host) in the VRF used for licensing; with no name server, with name lookup disabled or (NX-OS) without a name server for the licensing "
    "VRF, every communication attempt fails (Cisco SLP troubleshooting: COMM_FAILED, 'Check DNS resolution').")
CSLU_LOCAL_EXPLANATION = (
    "With transport cslu and no explicit CSLU URL the product instance discovers CSLU by resolving the host name 'cslu-local' (zero-touch DNS "
    "discovery). When the name does not resolve, communication with CSLU fails: map cslu-local to the CSLU host with 'ip host cslu-local' or "
    "add it to the DNS server (Cisco SLP troubleshooting: COMM_FAILED, 'If CSLU is not reachable').")


def _is_default_vrf(vrf):
    return lower(vrf) in ("", "default", "<empty>", "none", "global")


def name_servers_for(ctx, vrf):
    """Name servers configured for a VRF (global ones for the default VRF), from the running-config."""
    dns = as_dict(ctx.running.get("dns"))
    servers = []
    for server in as_list(dns.get("name_servers")):
        server = as_dict(server) if isinstance(server, dict) else {"address": server}
        server_vrf = server.get("vrf")
        if (_is_default_vrf(vrf) and _is_default_vrf(server_vrf)) or (not _is_default_vrf(vrf) and lower(server_vrf) == lower(vrf)):
            servers.append(text(server.get("address")))
    if not _is_default_vrf(vrf):
        context = as_dict(as_dict(ctx.running.get("vrf_contexts")).get(vrf))
        servers += [text(server) for server in as_list(context.get("name_servers"))]
    return [server for server in servers if server]


def _config_problems(ctx, host, vrf):
    """Evidence that the running-config cannot resolve `host` in `vrf` (only when the whole config was captured)."""
    if not ctx.running_knows("dns") or not host or is_ip(host):
        return []
    dns = as_dict(ctx.running.get("dns"))
    items = []
    if dns.get("lookup_enabled") is False:
        items.append(evidence("show running-config", field="dns.lookup_enabled", value=False,
                              note="'no %s': name lookup is disabled" % actions.line(ctx, "ip_domain_lookup")))
    if host in as_dict(dns.get("hosts")):
        return items
    if not name_servers_for(ctx, vrf):
        where = "the default VRF" if _is_default_vrf(vrf) else "VRF '%s'" % vrf
        note = "no name server is configured for %s, the VRF licensing uses" % where
        if ctx.platform == "nxos" and not _is_default_vrf(vrf):
            note += " (neither '%s' nor '%s' / '%s')" % (actions.line(ctx, "ip_name_server", address="<ip>", vrf=vrf),
                                                         actions.line(ctx, "vrf_context", vrf=vrf), actions.line(ctx, "vrf_ip_name_server", address="<ip>"))
        items.append(evidence("show running-config", field="dns.name_servers", value=[text(as_dict(s).get("address")) if isinstance(s, dict) else s
                                                                                      for s in as_list(dns.get("name_servers"))], note=note))
    return items


def _intended_dns(ctx, vrf):
    """Evidence of intended name servers / domain name missing from the running-config."""
    if not ctx.has("show running-config"):
        return []
    items = []
    wanted = [text(server) for server in as_list(ctx.intended.get("name_servers")) if text(server)]
    configured = name_servers_for(ctx, vrf) + name_servers_for(ctx, None)
    missing = [server for server in wanted if server not in configured]
    if missing:
        items.append(evidence("show running-config", field="dns.name_servers", value=configured,
                              note="intended name server(s) %s not configured" % ", ".join(missing)))
    domain = text(ctx.intended.get("domain_name"))
    if domain and lower(dig(ctx.running, "dns.domain_name")) != domain.lower():
        items.append(evidence("show running-config", field="dns.domain_name", value=dig(ctx.running, "dns.domain_name"),
                              note="intended domain name '%s'" % domain))
    return items


def _resolve_evidence(ctx, want_cslu_local):
    """Failed pings and current COMM_FAILED messages that say a name did not resolve."""
    items = []
    for result in comm.ping_results(ctx):
        if result["outcome"] == "resolve" and (result["host"] == "cslu_local") == want_cslu_local:
            items.append(comm.ping_evidence(result))
    state = comm.state(ctx)
    if "dns" in state["classes"]:
        items += [item for item in comm.failure_evidence(ctx) if item.get("source") == "log" or "dns" in comm.classify(item.get("line"))]
    return items


def _remedy_dns(ctx, vrf):
    servers = [text(server) for server in as_list(ctx.intended.get("name_servers")) if text(server)]
    vrf = None if _is_default_vrf(vrf) else vrf
    # What the dns role sends (smartlic.slp.remediate adds the cslu-local entry when the transport URL names cslu-local).
    cslu_local = text(ctx.intended.get("cslu_local_address")) if CSLU_LOCAL in lower(ctx.intended.get("transport_url")) else ""
    commands = actions.dns_commands(ctx, servers, None, vrf or "", cslu_local or None)
    notes = [] if servers else ["no intended name server given: pass name_servers to the dns role"]
    return commands, notes


def dns_not_configured(ctx):
    host, url, _source = comm.server_host(ctx)
    if host == CSLU_LOCAL or lower(host).startswith(CSLU_LOCAL + "."):
        host_is_cslu_local = True
    else:
        host_is_cslu_local = False
    vrf, _vrf_source = ctx.licensing_vrf()
    active = _resolve_evidence(ctx, want_cslu_local=False)
    if host_is_cslu_local:
        # A name failure towards cslu-local belongs to cslu_local_unresolved; only pings of other names count here.
        active = [item for item in active if item.get("source") != "log"]
    config = [] if host_is_cslu_local else _config_problems(ctx, host, vrf)
    drift = _intended_dns(ctx, vrf)
    if config and not active and comm.working(ctx):
        config = []
    if not (active or config or drift):
        return []
    failing = bool(active) or (bool(config) and comm.state(ctx)["failing"])
    severity = "error" if failing else "warning"
    confidence = "high" if active or drift else "medium"
    commands, notes = _remedy_dns(ctx, vrf)
    target = host if host and not is_ip(host) else "cisco.com"
    ping = "ping %s%s" % (target, " vrf %s" % vrf if vrf and not _is_default_vrf(vrf) else "")
    action = ("Configure name resolution for the licensing VRF (%s), then check that '%s' resolves and answers."
              % ("; ".join(commands), ping))
    if url:
        notes.append("licensing server URL: %s" % url)
    if ctx.platform == "nxos":
        notes.append("NX-OS: for SSM On-Prem the URL configured on the switch must be a fully qualified domain name, not an IP address.")
    title = "Name resolution for the licensing server fails" if active else "DNS is not configured for licensing"
    if active:
        reason = "a name lookup of the licensing server failed"
    elif failing:
        reason = "communication fails now and name resolution is not configured for licensing"
    else:
        reason = "no lookup failed yet, but the name resolution the licensing server needs is missing or differs from the intended one"
    return [make_finding(ctx, "dns_not_configured", severity, title, DNS_EXPLANATION, active + config + drift, role="dns", action=action,
                         commands=commands, confidence=confidence, notes=notes, severity_reason=reason)]


def _uses_cslu_local(ctx):
    """(True/False/None, evidence): does the transport rely on the name cslu-local?"""
    if ctx.topology not in ("cslu_push", "cslu_pull", None):
        return False, None
    url, source = ctx.cslu_url()
    transport, transport_source = ctx.transport_type()
    if url:
        host = lower(url_host(url))
        uses = host == CSLU_LOCAL or host.startswith(CSLU_LOCAL + ".")
        return uses, evidence(source, field="transport.cslu_address", value=url) if uses else None
    if transport and transport.startswith("cslu"):
        return True, evidence(transport_source, field="transport.cslu_address", value=None,
                              note="transport cslu with no CSLU URL: the device discovers CSLU as 'cslu-local'")
    return None, None


def cslu_local_unresolved(ctx):
    uses, uses_evidence = _uses_cslu_local(ctx)
    if uses is False:
        return []
    state = comm.state(ctx)
    cslu_failures = [message for message in state["active"] if message_peer(message) == "cslu"
                     and "dns" in comm.classify(as_dict(message.get("variables")).get("error") or message.get("text"))]
    pings = [comm.ping_evidence(result) for result in comm.ping_results(ctx) if result["host"] == "cslu_local" and result["outcome"] == "resolve"]
    if uses is None and not cslu_failures and not pings:
        return []
    hosts = as_dict(dig(ctx.running, "dns.hosts"))
    mapped = [name for name in hosts if lower(name) == CSLU_LOCAL or lower(name).startswith(CSLU_LOCAL + ".")]
    config = []
    if ctx.running_knows("dns") and not mapped:
        vrf, _source = ctx.licensing_vrf()
        if not name_servers_for(ctx, vrf) or dig(ctx.running, "dns.lookup_enabled") is False:
            config.append(evidence("show running-config", field="dns.hosts", value=sorted(hosts),
                                   note="no 'ip host cslu-local' entry and no name server to resolve cslu-local"))
    wanted = text(ctx.intended.get("cslu_local_address"))
    drift = []
    if wanted and ctx.has("show running-config"):
        addresses = [text(address) for name in mapped for address in as_list(hosts.get(name))]
        if wanted not in addresses:
            drift.append(evidence("show running-config", field="dns.hosts.cslu-local", value=addresses or None,
                                  note="intended cslu-local address %s is not mapped" % wanted))
    active = [log_evidence(message) for message in cslu_failures[-3:]] + pings
    if config and not active and comm.working(ctx):
        config = []
    if not (active or config or drift):
        return []
    severity = "error" if active or (config and state["failing"]) else "warning"
    confidence = "high" if (active and uses) or drift or pings else "medium"
    address = wanted or "<cslu_address>"
    # What the dns role sends: the cslu-local entry with the rest of the missing DNS lines.
    servers = [text(server) for server in as_list(ctx.intended.get("name_servers")) if text(server)]
    commands = actions.dns_commands(ctx, servers, None, None, address) or [actions.line(ctx, "ip_host", name=CSLU_LOCAL, address=address)]
    notes = [] if wanted else ["the CSLU host address is unknown: pass cslu_local_address to the dns role"]
    if uses is None:
        notes.append("the transport settings were not captured; the CSLU failure names a host that did not resolve")
    action = ("Make the name cslu-local resolve to the CSLU host: '%s' (or add cslu-local to the DNS server, e.g. cslu-local.<domain>), then "
              "check 'ping cslu-local'. Alternatively configure the CSLU URL explicitly: %s."
              % (actions.line(ctx, "ip_host", name=CSLU_LOCAL, address=address),
                 actions.line(ctx, "license_smart_url_cslu", url=actions.cslu_url_for(wanted or None))))
    if active:
        reason = "the device failed to resolve or reach cslu-local"
    elif severity == "error":
        reason = "communication fails now and nothing maps cslu-local to an address"
    else:
        reason = "no lookup failed yet, but cslu-local is not mapped (or not to the intended address)"
    return [make_finding(ctx, "cslu_local_unresolved", severity, "The CSLU host name cslu-local does not resolve", CSLU_LOCAL_EXPLANATION,
                         [uses_evidence] + active + config + drift, role="dns", action=action, commands=commands, confidence=confidence,
                         notes=notes, severity_reason=reason)]


RULES = (cslu_local_unresolved, dns_not_configured)
