# -*- coding: utf-8 -*-
# Copyright: contributors to smartlic.slp
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Rules ``transport_type_mismatch``, ``transport_url_incorrect`` and ``callhome_profile_inactive`` (role ``transport``).

Seeds: COMM_FAILED "Check if the smart URL is configured correctly ... exactly
https://smartreceiver.cisco.com/licservice/license"; callhome "the URL is
exactly https://tools.cisco.com/its/service/oddce/services/DDCEService" and
"Call Home profile CiscoTAC-1 is active and destination URL is correct";
CSLU "Cslu address ... port number is 8182 ... /cslu/v1/pi"; SSM On-Prem
"/cslu/v1/pi/<tenantID>" (NX-OS: a fully qualified domain name, not an IP);
NX-OS callhome "destination-profile xml transport-method http ... transport
http use-vrf <vrf-name> ... enable"; UTILITY_TRANSPORT_NOT_CONFIG "the
transport must be set to 'smart transport' or 'cslu'".
"""

from __future__ import annotations

from ansible_collections.smartlic.slp.plugins.module_utils import commands as table
from ansible_collections.smartlic.slp.plugins.module_utils.rules import actions, comm
from ansible_collections.smartlic.slp.plugins.module_utils.rules.base import (
    CALLHOME_PROFILE, CALLHOME_URL, CSLU_PATH, CSLU_PORT, SMART_URL, as_dict, as_list, dig, evidence, is_ip, log_evidence, lower,
    make_finding, parse_url, text,
)
from ansible_collections.smartlic.slp.plugins.module_utils.rules.topology import is_onprem_url

TYPE_EXPLANATION = (
    "The transport type decides where the product instance sends usage reports: smart (directly to CSSM), cslu (CSLU or SSM On-Prem), "
    "callhome, or off (no connectivity). A type that does not match the topology sends nothing where it should; in utility mode the transport "
    "must be smart or cslu (Cisco SLP troubleshooting: UTILITY_TRANSPORT_NOT_CONFIG, COMM_FAILED).")
URL_EXPLANATION = (
    "CSSM is reached only at exactly %s (smart transport) or "
    "%s (callhome); CSLU listens on http://<cslu_ip_or_host>:8182/cslu/v1/pi; "
    "SSM On-Prem on http(s)://<host>/cslu/v1/pi/<tenant ID> of the default local virtual account (NX-OS: a fully qualified domain name). "
    "Any other URL makes every communication attempt fail (Cisco SLP troubleshooting: COMM_FAILED)." % (SMART_URL, CALLHOME_URL))
CALLHOME_EXPLANATION = (
    "With the callhome transport, Smart Licensing messages go through the call-home profile CiscoTAC-1: it must be ACTIVE, use the http "
    "transport method and have the destination " + CALLHOME_URL + "; on NX-OS the callhome "
    "configuration needs '%s', '%s' and '%s' (Cisco SLP troubleshooting: COMM_FAILED, callhome)." % (
        table.render("nxos", "callhome_transport_http", profile="xml"), table.render("nxos", "callhome_use_vrf", vrf="<vrf>"),
        table.render("nxos", "callhome_enable")))
VALID_TYPES = ("smart", "cslu", "callhome", "off")


def _norm_type(value):
    value = lower(value)
    for name in VALID_TYPES:
        if value.startswith(name) or (name == "callhome" and value.startswith("call-home")):
            return name
    if "off" in value:
        return "off"
    return value or None


def _same_url(first, second):
    return text(first).rstrip("/") == text(second).rstrip("/")


def transport_type_mismatch(ctx):
    current, source = ctx.transport_type()
    current = _norm_type(current)
    items = []
    wanted = _norm_type(ctx.intended.get("transport_type"))
    drift = bool(wanted and current and wanted != current)
    if drift:
        items.append(evidence(source, field="transport.type", value=current, note="intended transport type is '%s'" % wanted))
    hard = []
    active, _recovered = ctx.split("UTILITY_TRANSPORT_NOT_CONFIG")
    if active and (current is None or current == "callhome"):
        hard += [log_evidence(message) for message in active[-1:]]
    if ctx.utility_enabled() and current == "callhome":
        hard.append(evidence(source, field="transport.type", value=current, note="utility mode is enabled: the transport must be smart or cslu"))
        wanted = wanted or "smart"
    smart_url, smart_source = ctx.smart_url()
    if current == "smart" and smart_url and CSLU_PATH in lower(smart_url):
        hard.append(evidence(smart_source, field="transport.url", value=smart_url, note="a CSLU / SSM On-Prem URL under the smart transport"))
        wanted = wanted or "cslu"
    cslu_url, cslu_source = ctx.cslu_url()
    if current == "cslu" and cslu_url and "smartreceiver" in lower(cslu_url):
        hard.append(evidence(cslu_source, field="transport.cslu_address", value=cslu_url, note="the CSSM URL under the cslu transport"))
        wanted = wanted or "smart"
    if not (hard or drift):
        return []
    severity = "error" if hard or comm.state(ctx)["failing"] else "warning"
    url = text(ctx.intended.get("transport_url")) or None
    if not url and wanted == "cslu" and smart_url and CSLU_PATH in lower(smart_url):
        url = smart_url
    commands = actions.transport_commands(ctx, text(ctx.intended.get("transport_type")) or wanted or "smart", url)
    action = ("Set the transport type the topology needs in global configuration mode: %s (Setting the Transport Type, URL, and Reporting "
              "Interval)." % "; ".join(commands))
    notes = [] if wanted else ["the intended transport type is unknown: pass transport_type to the transport role"]
    notes += actions.transport_not_sent(ctx, text(ctx.intended.get("transport_type")) or wanted or "smart", url)
    title = "Transport type '%s' does not match the topology%s" % (current or "unknown", " ('%s' intended)" % wanted if wanted else "")
    if hard:
        reason = "the configured transport cannot work as it is set"
    elif severity == "error":
        reason = "communication fails now and the transport type differs from the one the topology needs"
    else:
        reason = "nothing fails yet, but the transport type differs from the intended one"
    return [make_finding(ctx, "transport_type_mismatch", severity, title, TYPE_EXPLANATION, hard + items, role="transport", action=action,
                         commands=commands, notes=notes, severity_reason=reason)]


def _url_problems(ctx):
    """(problems [(evidence, reason)], the URL to configure, transport) for the configured transport URL."""
    topology = ctx.topology
    problems = []
    if topology in ("direct_smart", "callhome"):
        url, source = ctx.smart_url()
        expected = SMART_URL if topology == "direct_smart" else CALLHOME_URL
        if url and not _same_url(url, expected) and not _intended_ok(ctx, url):
            problems.append((evidence(source, field="transport.url", value=url), "the URL is not exactly %s" % expected))
        return problems, expected, "smart" if topology == "direct_smart" else "callhome"
    if topology in ("cslu_push", "cslu_pull", "onprem"):
        url, source = ctx.cslu_url()
        if not url or _intended_ok(ctx, url):
            return problems, None, "cslu"
        parsed = parse_url(url)
        item = evidence(source, field="transport.cslu_address", value=url)
        if not parsed:
            if lower(url) not in ("cslu-local",):
                problems.append((item, "not a URL: expected http://<cslu_ip_or_host>:8182/cslu/v1/pi"))
            return problems, None, "cslu"
        if topology == "onprem" or is_onprem_url(url):
            path = parsed["path"].rstrip("/")
            if not path.lower().startswith(CSLU_PATH + "/") or len(path) <= len(CSLU_PATH) + 1:
                problems.append((item, "an SSM On-Prem URL must end in /cslu/v1/pi/<tenant ID> of the default local virtual account"))
            if ctx.platform == "nxos" and is_ip(parsed["host"]):
                problems.append((item, "NX-OS needs a fully qualified domain name in the SSM On-Prem URL, not the IP address %s" % parsed["host"]))
            return problems, None, "cslu"
        reasons = []
        if parsed["port"] != CSLU_PORT:
            reasons.append("port %s instead of 8182" % (parsed["port"] or "missing"))
        if parsed["path"].rstrip("/").lower() != CSLU_PATH:
            reasons.append("path '%s' instead of /cslu/v1/pi" % (parsed["path"] or "/"))
        if reasons:
            problems.append((item, "a CSLU URL must be http://<cslu_ip_or_host>:8182/cslu/v1/pi: " + ", ".join(reasons)))
        return problems, actions.cslu_url_for(parsed["host"]), "cslu"
    return problems, None, None


def _intended_ok(ctx, url):
    wanted = text(ctx.intended.get("transport_url"))
    return bool(wanted) and _same_url(wanted, url)


def transport_url_incorrect(ctx):
    problems, suggested, transport = _url_problems(ctx)
    items = []
    for item, reason in problems:
        items.append(dict(item, note=reason))
    wanted = text(ctx.intended.get("transport_url"))
    if wanted:
        url, source = ctx.cslu_url() if transport == "cslu" else ctx.smart_url()
        if url and not _same_url(url, wanted):
            items.append(evidence(source, field="transport.url", value=url, note="intended URL is %s" % wanted))
        suggested = wanted
    if not items:
        return []
    # A wrong URL makes every attempt fail: error once the failure shows, warning before.
    severity = "error" if comm.state(ctx)["failing"] else "warning"
    # What the transport role sends: with callhome, the URL is the call-home profile's destination (IOS XE 'destination address
    # http', NX-OS 'destination-profile xml index 1 http'), read from the running-config.
    kind = text(ctx.intended.get("transport_type")) or transport or "smart"
    commands = actions.transport_commands(ctx, kind, suggested) if suggested or transport in ("smart", "callhome") else []
    notes = actions.transport_not_sent(ctx, kind, suggested) if commands else []
    if not suggested and transport == "cslu":
        notes.append("the correct CSLU / SSM On-Prem URL is unknown: retrieve it (SSM On-Prem UI: Retrieving the Transport URL) and pass "
                     "transport_url to the transport role")
        commands = [actions.line(ctx, "license_smart_transport", type="cslu"),
                    actions.line(ctx, "license_smart_url_cslu", url="<http://<host>/cslu/v1/pi/<tenant ID> or http://<cslu>:8182/cslu/v1/pi>")]
    action = "Configure the correct licensing URL in global configuration mode: %s." % "; ".join(commands)
    reason = ("communication fails now, and a wrong URL makes every attempt fail" if severity == "error" else
              "no communication failure was recorded yet, but every attempt to this URL will fail")
    return [make_finding(ctx, "transport_url_incorrect", severity, "The licensing transport URL is wrong", URL_EXPLANATION, items,
                         role="transport", action=action, commands=commands, notes=notes, severity_reason=reason)]


def _ios_profile(ctx):
    """(profile dict, source) of CiscoTAC-1 from show call-home profile all, else from the running-config."""
    for command, path in (("show call-home profile all", "profiles"), ("show running-config", "call_home.profiles")):
        profiles = as_dict(dig(ctx.fact(command), path))
        for name, profile in profiles.items():
            if lower(name) == CALLHOME_PROFILE.lower():
                return as_dict(profile), command
    return None, None


def _ios_callhome_problems(ctx):
    profile, source = _ios_profile(ctx)
    if profile is None:
        if ctx.has("show call-home profile all") or ctx.running_knows("call_home"):
            return [evidence(ctx.has("show call-home profile all") and "show call-home profile all" or "show running-config",
                             field="profiles.%s" % CALLHOME_PROFILE, value=None, note="the CiscoTAC-1 profile is missing")]
        return []
    items = []
    active = profile.get("active")
    if active is None:
        active = lower(profile.get("status")) == "active" if profile.get("status") else None
    if active is False:
        items.append(evidence(source, field="profiles.%s.status" % CALLHOME_PROFILE, value=profile.get("status") or "INACTIVE",
                              note="CiscoTAC-1 is not ACTIVE"))
    addresses = [text(address) for address in as_list(profile.get("http_addresses"))]
    if addresses and not any(_same_url(address, CALLHOME_URL) for address in addresses):
        items.append(evidence(source, field="profiles.%s.http_addresses" % CALLHOME_PROFILE, value=addresses,
                              note="the destination URL is not %s" % CALLHOME_URL))
    method = lower(profile.get("transport_method"))
    if method and "http" not in method:
        items.append(evidence(source, field="profiles.%s.transport_method" % CALLHOME_PROFILE, value=profile.get("transport_method"),
                              note="the transport method is not http"))
    return items


def _nxos_callhome_problems(ctx, vrf):
    for command in ("show running-config callhome all", "show running-config"):
        if ctx.has(command) and isinstance(ctx.fact(command).get("call_home"), dict):
            call_home = ctx.fact(command)["call_home"]
            break
    else:
        return []
    items = []
    if call_home.get("enabled") is False:
        items.append(evidence(command, field="call_home.enabled", value=False, note="callhome is not enabled ('enable' missing)"))
    profiles = dict(as_dict(call_home.get("profiles")))
    profiles.update(as_dict(call_home.get("destination_profiles")))
    usable = [name for name, profile in profiles.items() if "http" in lower(as_dict(profile).get("transport_method"))
              and any(_same_url(address, CALLHOME_URL) for address in as_list(as_dict(profile).get("http_addresses")))]
    if not usable:
        described = {name: {"transport_method": as_dict(profile).get("transport_method"), "http_addresses": as_dict(profile).get("http_addresses")}
                     for name, profile in profiles.items()}
        items.append(evidence(command, field="call_home.destination_profiles", value=described,
                              note="no destination profile sends over http to %s ('%s', '%s')" % (
                                  CALLHOME_URL, actions.line(ctx, "callhome_transport_http", profile="xml"),
                                  actions.line(ctx, "callhome_address_http", profile="xml", url=CALLHOME_URL))))
    use_vrf = text(call_home.get("http_use_vrf") or call_home.get("vrf"))
    if vrf and lower(vrf) != "default" and lower(use_vrf) != lower(vrf):
        items.append(evidence(command, field="call_home.http_use_vrf", value=use_vrf or None,
                              note="'%s' is missing" % actions.line(ctx, "callhome_use_vrf", vrf=vrf)))
    return items


def callhome_profile_inactive(ctx):
    if ctx.topology != "callhome":
        return []
    vrf, _source = ctx.licensing_vrf()
    items = _nxos_callhome_problems(ctx, vrf) if ctx.platform == "nxos" else _ios_callhome_problems(ctx)
    if not items:
        return []
    related = [log_evidence(message) for message in ctx.events("SL_MESSAGE_FAILED")[-2:]]
    severity = "error"
    # What the transport role sends (the VRF is the intended one, smartlic_vrf, as smartlic.slp.remediate passes it).
    commands = actions.transport_commands(ctx, "callhome") if lower(ctx.intended.get("transport_type")) in ("", "callhome") else \
        actions.callhome_commands(ctx)
    notes = actions.transport_not_sent(ctx, "callhome")
    if vrf and lower(vrf) != "default" and not text(ctx.intended.get("vrf")):
        notes.append("the licensing VRF is %s: set smartlic_vrf=%s so that the transport role also sends '%s'" % (
            vrf, vrf, actions.line(ctx, "callhome_use_vrf", vrf=vrf) if ctx.platform == "nxos" else actions.line(ctx, "license_smart_vrf", vrf=vrf)))
    action = "Make the call-home transport usable for Smart Licensing: %s; then check '%s'." % (
        "; ".join(commands) or "nothing to send", actions.line(ctx, "ping", host="tools.cisco.com", vrf=vrf))
    title = "Call-home profile %s is not ready for Smart Licensing" % (CALLHOME_PROFILE if ctx.platform != "nxos" else "xml")
    return [make_finding(ctx, "callhome_profile_inactive", severity, title, CALLHOME_EXPLANATION, items + related, role="transport",
                         action=action, commands=commands, notes=notes)]


SOURCE_EXPLANATION = (
    "All HTTP(S) client traffic of the product instance, Smart Licensing included, leaves through the interface of "
    "'%s'; an interface without a route to the licensing server makes every attempt fail (Cisco SLP "
    "troubleshooting: COMM_FAILED, 'Verify that the HTTPs client source interface is correct')." % table.render(
        "ios", "ip_http_client_source_interface", interface="<interface>"))


def _source_interface(ctx):
    """(interface, source) the HTTP client leaves through: the running-config, else show ip http client; (None, None) when unknown."""
    if ctx.running_knows("http_client"):
        return text(dig(ctx.running, "http_client.source_interface")) or None, "show running-config"
    if ctx.has("show ip http client"):
        return text(ctx.fact("show ip http client").get("source_interface")) or None, "show ip http client"
    return None, None


def http_client_source_interface_mismatch(ctx):
    """IOS XE: 'ip http client source-interface' differs from the intended interface (smartlic_source_interface)."""
    wanted = text(ctx.intended.get("source_interface"))
    if ctx.platform == "nxos" or not wanted:
        return []
    current, source = _source_interface(ctx)
    if source is None or lower(current) == lower(wanted):
        return []
    items = [evidence(source, field="http_client.source_interface", value=current,
                      note="the intended HTTP client source interface is %s" % wanted)]
    failing = comm.state(ctx)["failing"]
    severity = "error" if failing else "warning"
    kind = text(ctx.intended.get("transport_type"))
    commands = actions.transport_commands(ctx, kind) if kind else [actions.line(ctx, "ip_http_client_source_interface", interface=wanted)]
    action = "Set the HTTP client source interface in global configuration mode: %s; check it with '%s'." % (
        "; ".join(commands), actions.line(ctx, "show_ip_http_client"))
    reason = ("communication fails now and the HTTP client leaves through another interface" if failing else
              "nothing fails yet, but the HTTP client leaves through another interface than the intended one")
    return [make_finding(ctx, "http_client_source_interface_mismatch", severity, "The HTTP client source interface is not the intended one",
                         SOURCE_EXPLANATION, items, role="transport", action=action, commands=commands, severity_reason=reason,
                         notes=actions.transport_not_sent(ctx, kind) if kind else [])]


RULES = (transport_type_mismatch, transport_url_incorrect, callhome_profile_inactive, http_client_source_interface_mismatch)
