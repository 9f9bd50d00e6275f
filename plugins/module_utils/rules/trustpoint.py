# -*- coding: utf-8 -*-
# Copyright: contributors to smartlic.slp
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Rules ``http_client_trustpoint_missing`` and ``sla_trustpoint_missing`` (role ``trustpoint``, IOS XE).

Seeds: COMM_FAILED "A TLS or SSL handshake failure caused by a missing client
certificate ... applies only to a topology where the product instance is
directly connected to CSSM ... Configure ip http client secure-trustpoint
SLA-TrustPoint"; SSM On-Prem "ensure that the correct trustpoint is used and
that the necessary certificates are accepted: crypto pki trustpoint
SLA-TrustPoint / enrollment terminal / revocation-check none".
"""

from __future__ import annotations

from ansible_collections.smartlic.slp.plugins.module_utils.rules import actions, comm
from ansible_collections.smartlic.slp.plugins.module_utils.rules.base import (
    SLA_TRUSTPOINT, as_dict, as_list, dig, evidence, lower, make_finding, text,
)

HTTP_CLIENT_EXPLANATION = (
    "A TLS or SSL handshake failure caused by a missing client certificate: the certificate is required for TLS authentication of both "
    "sides, and a recent server upgrade may have caused it to be removed. This applies to a product instance connected directly to CSSM; the "
    "secure HTTP client must use the certificate of the trustpoint SLA-TrustPoint (Cisco SLP troubleshooting: COMM_FAILED).")
SLA_EXPLANATION = (
    "The trustpoint SLA-TrustPoint holds the Cisco licensing CA certificates the product instance uses to accept the server's certificate; "
    "for SSM On-Prem (both forms of communication) Cisco requires it with 'enrollment terminal' and 'revocation-check none'. Without it "
    "the TLS connection to CSSM or SSM On-Prem fails (Cisco SLP troubleshooting: COMM_FAILED, SSM On-Prem).")
TLS_TOPOLOGIES = ("direct_smart", "callhome", "onprem", None)


def _tls_evidence(ctx):
    state = comm.state(ctx)
    if "tls" not in state["classes"]:
        return []
    return [item for item in comm.failure_evidence(ctx) if "tls" in comm.classify(item.get("line"))] or comm.failure_evidence(ctx)


def _configured_http_trustpoints(ctx):
    """(names, source) of 'ip http client secure-trustpoint' names, or (None, None) when unknown."""
    if ctx.has("show ip http client"):
        value = ctx.fact("show ip http client").get("secure_trustpoint")
        names = [text(name) for name in (value if isinstance(value, list) else [value]) if text(name)]
        return names, "show ip http client"
    if ctx.running_knows("http_client"):
        return [text(name) for name in as_list(dig(ctx.running, "http_client.secure_trustpoints")) if text(name)], "show running-config"
    return None, None


def http_client_trustpoint_missing(ctx):
    if ctx.platform == "nxos" or ctx.topology not in ("direct_smart", "callhome", None):
        return []
    tls = _tls_evidence(ctx)
    names, source = _configured_http_trustpoints(ctx)
    config = []
    if names is not None and not any(lower(name) == SLA_TRUSTPOINT.lower() for name in names):
        config.append(evidence(source, field="http_client.secure_trustpoints", value=names,
                               note="'ip http client secure-trustpoint %s' is not configured" % SLA_TRUSTPOINT))
    status_tp, status_source = ctx.status("transport.trustpoint")
    if status_tp and lower(status_tp) != SLA_TRUSTPOINT.lower():
        config.append(evidence(status_source, field="transport.trustpoint", value=status_tp))
    if tls and names is not None and not config:
        # The line is there: the TLS failure has another cause (sla_trustpoint_missing or the server side).
        return []
    other_causes = set(comm.state(ctx)["classes"]) - {"network", "tls"}
    if not tls and not (config and comm.state(ctx)["failing"] and ctx.topology == "direct_smart" and not other_causes):
        return []
    severity = "error"
    confidence = "high" if tls and config else "medium"
    commands = ["ip http client secure-trustpoint %s" % SLA_TRUSTPOINT]
    action = ("Configure '%s' in global configuration mode so that the secure HTTP client presents the certificate of %s; Cisco's "
              "troubleshooting guide notes that this failure does not disrupt the configuration itself." % (commands[0], SLA_TRUSTPOINT))
    notes = [] if names is not None else ["the running-config was not captured: whether the line is configured is unknown"]
    return [make_finding(ctx, "http_client_trustpoint_missing", severity, "TLS handshake fails: the HTTP client trustpoint is not set",
                         HTTP_CLIENT_EXPLANATION, tls + config, role="trustpoint", action=action, commands=commands, confidence=confidence,
                         notes=notes, severity_reason="the TLS handshake with the licensing server fails now" if tls else
                         "communication with CSSM fails now, the line is missing and no other cause was found")]


def _sla_trustpoint(ctx):
    """(trustpoint dict or None, known: bool)."""
    if not ctx.running_knows("pki_trustpoints"):
        return None, False
    for name, trustpoint in as_dict(ctx.running.get("pki_trustpoints")).items():
        if lower(name) == SLA_TRUSTPOINT.lower():
            return as_dict(trustpoint), True
    return None, True


def sla_trustpoint_missing(ctx):
    if ctx.platform == "nxos" or ctx.topology not in TLS_TOPOLOGIES:
        return []
    trustpoint, known = _sla_trustpoint(ctx)
    config = []
    if known and trustpoint is None:
        config.append(evidence("show running-config", field="pki_trustpoints", value=sorted(as_dict(ctx.running.get("pki_trustpoints"))),
                               note="'crypto pki trustpoint %s' is missing" % SLA_TRUSTPOINT))
    elif trustpoint is not None and ctx.topology == "onprem":
        enrollment = lower(trustpoint.get("enrollment"))
        revocation = lower(trustpoint.get("revocation_check"))
        if enrollment and enrollment != "terminal":
            config.append(evidence("show running-config", field="pki_trustpoints.%s.enrollment" % SLA_TRUSTPOINT, value=trustpoint.get("enrollment"),
                                   note="SSM On-Prem needs 'enrollment terminal'"))
        if revocation and revocation != "none":
            config.append(evidence("show running-config", field="pki_trustpoints.%s.revocation_check" % SLA_TRUSTPOINT,
                                   value=trustpoint.get("revocation_check"), note="SSM On-Prem needs 'revocation-check none'"))
    tls = _tls_evidence(ctx) if ctx.topology == "onprem" or config else []
    if not config and not (tls and ctx.topology == "onprem"):
        return []
    failing = comm.state(ctx)["failing"]
    if config and not tls and not failing and comm.working(ctx):
        return []
    other_causes = set(comm.state(ctx)["classes"]) - {"network", "tls"}
    severity = "error" if tls or (failing and not other_causes) else "warning"
    commands = actions.trustpoint_commands(with_http_client=False)
    action = ("Configure the trustpoint in global configuration mode and accept the necessary certificates: %s; then save with 'copy "
              "running-config startup-config'." % "; ".join(line.strip() for line in commands))
    notes = [] if known else ["the running-config was not captured: the trustpoint configuration is unknown"]
    if tls:
        reason = "the TLS connection fails now"
    elif severity == "error":
        reason = "communication fails now, and no other cause was found"
    else:
        reason = "the trustpoint is missing or incomplete, but communication fails for another cause or not yet"
    return [make_finding(ctx, "sla_trustpoint_missing", severity, "Trustpoint %s is missing or not set up for licensing" % SLA_TRUSTPOINT,
                         SLA_EXPLANATION, config + tls, role="trustpoint", action=action, commands=commands,
                         confidence="high" if config else "medium", notes=notes, severity_reason=reason)]


RULES = (http_client_trustpoint_missing, sla_trustpoint_missing)
