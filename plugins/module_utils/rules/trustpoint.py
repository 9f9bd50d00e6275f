# -*- coding: utf-8 -*-
# Copyright: contributors to smartlic.slp
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Rules ``http_client_trustpoint_missing``, ``sla_trustpoint_missing`` and ``sla_trustpoint_certificate_missing``
(role ``trustpoint``, IOS XE).

Seeds: COMM_FAILED "A TLS or SSL handshake failure caused by a missing client
certificate ... applies only to a topology where the product instance is
directly connected to CSSM ... Configure ip http client secure-trustpoint
SLA-TrustPoint"; SSM On-Prem "ensure that the correct trustpoint is used and
that the necessary certificates are accepted: crypto pki trustpoint
SLA-TrustPoint / enrollment terminal / revocation-check none".

The certificates: the running-config shows the CA certificate a trustpoint holds as
``crypto pki certificate chain SLA-TrustPoint`` / `` certificate ca SERIAL`` and
its DER in hex; the parser digests it, so the rule compares it with the CA the
operator intends (``trustpoint_ca_pem``, e.g. the SSM On-Prem CA) by SHA-1 / SHA-256.
NX-OS: neither chapter has a trustpoint step for NX-OS; these rules are IOS XE only.
"""

from __future__ import annotations

from ansible_collections.smartlic.slp.plugins.module_utils import commands as table, pki
from ansible_collections.smartlic.slp.plugins.module_utils.rules import actions, comm
from ansible_collections.smartlic.slp.plugins.module_utils.rules.base import (
    SLA_TRUSTPOINT, as_dict, as_list, dig, evidence, lower, make_finding, text,
)

# Findings fixed by a role only when the operator gave what the fix needs: {finding id: (role, intended key)}.
# Without it the finding lists manual steps (the troubleshooting map in docs/diagnosis.md says both).
FIXED_WITH_INPUT = {"sla_trustpoint_certificate_missing": ("trustpoint", "trustpoint_ca_pem")}

HTTP_CLIENT_EXPLANATION = (
    "A TLS or SSL handshake failure caused by a missing client certificate: the certificate is required for TLS authentication of both "
    "sides, and a recent server upgrade may have caused it to be removed. This applies to a product instance connected directly to CSSM; the "
    "secure HTTP client must use the certificate of the trustpoint SLA-TrustPoint (Cisco SLP troubleshooting: COMM_FAILED).")
SLA_EXPLANATION = (
    "The trustpoint SLA-TrustPoint holds the Cisco licensing CA certificates the product instance uses to accept the server's certificate; "
    "for SSM On-Prem (both forms of communication) Cisco requires it with 'enrollment terminal' and 'revocation-check none'. Without it "
    "the TLS connection to CSSM or SSM On-Prem fails (Cisco SLP troubleshooting: COMM_FAILED, SSM On-Prem).")
CERT_EXPLANATION = (
    "A trustpoint holds one CA certificate; the product instance accepts the licensing server's TLS certificate only when it was signed "
    "by that CA. For SSM On-Prem (both forms of communication) Cisco asks to 'ensure that the correct trustpoint is used and that the "
    "necessary certificates are accepted' (Cisco SLP troubleshooting: COMM_FAILED, SSM On-Prem). The certificate is installed with "
    "'%s' in global configuration mode: paste the CA certificate, end with 'quit', check the "
    "fingerprint the device prints and answer yes (Cisco IOS Security Command Reference, the command's page)." % table.render(
        "ios", "crypto_pki_authenticate", name=SLA_TRUSTPOINT))
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
                               note="'%s' is not configured" % actions.line(ctx, "ip_http_client_secure_trustpoint", name=SLA_TRUSTPOINT)))
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
    # What the trustpoint role sends to this device (the trustpoint lines it lacks too).
    line = actions.line(ctx, "ip_http_client_secure_trustpoint", name=SLA_TRUSTPOINT)
    commands = actions.trustpoint_commands(ctx=ctx) or [line]
    action = ("Configure '%s' in global configuration mode so that the secure HTTP client presents the certificate of %s; Cisco's "
              "troubleshooting guide notes that this failure does not disrupt the configuration itself." % (line, SLA_TRUSTPOINT))
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


def _trustpoint_config(ctx):
    """(evidence of what the trustpoint lacks, known): [] when it is set up as the topology needs."""
    trustpoint, known = _sla_trustpoint(ctx)
    config = []
    if known and trustpoint is None:
        config.append(evidence("show running-config", field="pki_trustpoints", value=sorted(as_dict(ctx.running.get("pki_trustpoints"))),
                               note="'%s' is missing" % actions.line(ctx, "crypto_pki_trustpoint", name=SLA_TRUSTPOINT)))
    elif trustpoint is not None and ctx.topology == "onprem":
        enrollment = lower(trustpoint.get("enrollment"))
        revocation = lower(trustpoint.get("revocation_check"))
        if enrollment and enrollment != "terminal":
            config.append(evidence("show running-config", field="pki_trustpoints.%s.enrollment" % SLA_TRUSTPOINT, value=trustpoint.get("enrollment"),
                                   note="SSM On-Prem needs 'enrollment terminal'"))
        if revocation and revocation != "none":
            config.append(evidence("show running-config", field="pki_trustpoints.%s.revocation_check" % SLA_TRUSTPOINT,
                                   value=trustpoint.get("revocation_check"), note="SSM On-Prem needs 'revocation-check none'"))
    return config, known


def sla_trustpoint_missing(ctx):
    if ctx.platform == "nxos" or ctx.topology not in TLS_TOPOLOGIES:
        return []
    config, known = _trustpoint_config(ctx)
    tls = _tls_evidence(ctx) if ctx.topology == "onprem" or config else []
    if not config and not (tls and ctx.topology == "onprem"):
        return []
    if not config and _certificate_state(ctx)["problem"]:
        # The trustpoint is set up; its certificate is what fails (sla_trustpoint_certificate_missing).
        return []
    failing = comm.state(ctx)["failing"]
    if config and not tls and not failing and comm.working(ctx):
        return []
    other_causes = set(comm.state(ctx)["classes"]) - {"network", "tls"}
    severity = "error" if tls or (failing and not other_causes) else "warning"
    # What the trustpoint role sends to this device (with the secure HTTP client line when that is missing too).
    commands = actions.trustpoint_commands(ctx=ctx)
    action = ("Configure the trustpoint in global configuration mode and accept the necessary certificates: %s; then save with 'copy "
              "running-config startup-config'." % "; ".join(line.strip() for line in commands))
    certificate = _certificate_state(ctx)
    if certificate["problem"] == "missing" and certificate["intended"] is not None:
        # The role then installs the intended CA certificate too, in that order: one finding says both.
        dialog = pki.shown_dialog(SLA_TRUSTPOINT, certificate["intended"])
        commands = list(commands) + dialog
        config = config + certificate["evidence"]
        action += " The trustpoint role then installs the intended CA certificate (%s) with '%s', answering the device's questions." % (
            pki.describe(certificate["intended"]), dialog[0])
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


def _intended_ca(ctx):
    """(certificate dict or None, note or None) of the intended CA (trustpoint_ca_pem)."""
    text_value = ctx.intended.get("trustpoint_ca_pem")
    if not text_value:
        return None, None
    try:
        return pki.read_pem(text_value), None
    except pki.PemError as error:
        return None, "the intended CA certificate (trustpoint_ca_pem) is not usable: it %s" % error


def _certificate_state(ctx):
    """What the running-config says about the CA certificate of SLA-TrustPoint, computed once per context.

    problem: None, "missing" (no CA certificate), "different" (a CA that is not the intended one) or "unaccepted" (a CA is
    there, TLS to SSM On-Prem fails and no intended CA was given to compare with).
    """
    if "sla_certificate" in ctx.cache:
        return ctx.cache["sla_certificate"]
    result = {"problem": None, "cas": [], "intended": None, "notes": [], "evidence": []}
    ctx.cache["sla_certificate"] = result
    trustpoint, known = _sla_trustpoint(ctx)
    if ctx.platform == "nxos" or ctx.topology not in TLS_TOPOLOGIES or not known:
        return result
    chains = {lower(name): as_list(items) for name, items in as_dict(ctx.running.get("pki_certificate_chains")).items()}
    cas = [as_dict(item) for item in chains.get(SLA_TRUSTPOINT.lower(), []) if lower(as_dict(item).get("type")) == "ca"]
    intended, note = _intended_ca(ctx)
    result.update(cas=cas, intended=intended)
    if note:
        result["notes"].append(note)
    field = "pki_certificate_chains.%s" % SLA_TRUSTPOINT
    shown = [{"serial": item.get("serial"), "sha1": item.get("sha1")} for item in cas]
    if trustpoint is None:
        # sla_trustpoint_missing reports the trustpoint and, when it is known, the CA certificate the role installs next.
        if intended is not None:
            result["problem"] = "missing"
            result["evidence"].append(evidence("show running-config", field=field, value=[],
                                               note="without the trustpoint %s there is no CA certificate either" % SLA_TRUSTPOINT))
    elif not cas:
        result["problem"] = "missing"
        result["evidence"].append(evidence("show running-config", field=field, value=[],
                                           note="'%s' holds no 'certificate ca'" % (pki.CHAIN_BLOCK % SLA_TRUSTPOINT)))
    elif intended is not None:
        digests = [item.get("sha1") for item in cas]
        if intended["sha1"] in digests:
            return result
        if None in digests:
            result["notes"].append("the running-config does not show the certificate's content (kept in a file): whether it is the "
                                   "intended CA is unknown")
            return result
        result["problem"] = "different"
        result["evidence"].append(evidence("show running-config", field=field, value=shown,
                                           note="the trustpoint holds a CA certificate other than the intended one (SHA-1 %s)"
                                           % pki.groups(bytes.fromhex(intended["sha1"]))))
    elif ctx.topology == "onprem" and "tls" in comm.state(ctx)["classes"]:
        result["problem"] = "unaccepted"
        result["evidence"].append(evidence("show running-config", field=field, value=shown,
                                           note="the trustpoint holds a CA certificate, yet the On-Prem server's certificate is not accepted"))
    return result


def _manual_steps(state):
    """Steps for a person: get the CA certificate, (remove a different one,) install it, save."""
    intended = state["intended"]
    dialog = pki.shown_dialog(SLA_TRUSTPOINT, intended)
    steps = []
    if intended is None:
        steps.append("Get the certificate of the CA that signed the licensing server's TLS certificate (for SSM On-Prem its CA "
                     "certificate, PEM) and check its SHA-1 fingerprint with the server's administrator; set it as "
                     "smartlic_trustpoint_ca_pem and the trustpoint role installs it, or go on by hand.")
    if state["problem"] in ("different", "unaccepted"):
        steps.append("A trustpoint holds one CA certificate: remove %s with its certificates ('%s', answer yes), then create it "
                     "again: %s." % (SLA_TRUSTPOINT, pki.remove_trustpoint_command(SLA_TRUSTPOINT), " / ".join(pki.trustpoint_lines(SLA_TRUSTPOINT))))
    steps.append("In global configuration mode enter '%s', paste the CA certificate (PEM) and end with '%s' on a line by itself." % (
        dialog[0], dialog[2]))
    steps.append("Compare the fingerprint the device prints with the CA's%s and answer '%s' to 'Do you accept this certificate? [yes/no]'." % (
        " (SHA-1 %s)" % pki.groups(bytes.fromhex(intended["sha1"])) if intended else "", dialog[3]))
    steps.append("Save with '%s'." % pki.save_command())
    return steps


def sla_trustpoint_certificate_missing(ctx):
    state = _certificate_state(ctx)
    problem = state["problem"]
    if problem is None:
        return []
    if problem == "missing" and _trustpoint_config(ctx)[0] and any(item["id"] == "sla_trustpoint_missing" for item in ctx.findings):
        # The trustpoint itself needs lines first: sla_trustpoint_missing lists them and the certificate dialog, in the role's order.
        return []
    tls = _tls_evidence(ctx)
    failing = comm.state(ctx)["failing"]
    intended = state["intended"]
    if problem == "missing" and intended is None and not tls:
        # Without an intended CA only a failing handshake shows that the certificate is needed (CSSM itself may be
        # validated through the device's trustpool).
        if ctx.topology != "onprem" or not failing or comm.working(ctx):
            return []
    other_causes = set(comm.state(ctx)["classes"]) - {"network", "tls"}
    severity = "error" if tls or (failing and not other_causes and ctx.topology == "onprem") else "warning"
    role, _needed = FIXED_WITH_INPUT["sla_trustpoint_certificate_missing"]
    fixable = problem == "missing" and intended is not None
    commands = pki.shown_dialog(SLA_TRUSTPOINT, intended) if fixable else []
    if fixable and _trustpoint_config(ctx)[0]:
        # The trustpoint is missing or incomplete too (nothing fails yet, so sla_trustpoint_missing stays quiet): the role sends its
        # lines first.
        commands = list(actions.trustpoint_commands(ctx=ctx)) + commands
    if fixable:
        action = ("The trustpoint role installs the intended CA certificate (%s) with '%s' in global configuration mode, answering "
                  "the device's questions, then saves." % (pki.describe(intended), pki.authenticate_command(SLA_TRUSTPOINT)))
        steps = []
    else:
        action = "Install the CA certificate in %s by hand (steps below)." % SLA_TRUSTPOINT
        steps = _manual_steps(state)
    titles = {
        "missing": "Trustpoint %s holds no CA certificate" % SLA_TRUSTPOINT,
        "different": "Trustpoint %s holds a CA certificate other than the intended one" % SLA_TRUSTPOINT,
        "unaccepted": "The CA certificate of %s does not validate the SSM On-Prem server" % SLA_TRUSTPOINT,
    }
    if tls:
        reason = "the TLS connection fails now"
    elif severity == "error":
        reason = "communication with SSM On-Prem fails now, and no other cause was found"
    else:
        reason = "the intended CA certificate is not installed; the TLS connection to the licensing server will fail where it needs it"
    notes = list(state["notes"])
    if problem == "different":
        notes.append("the trustpoint role does not replace a CA certificate: removing one can break what trusts it")
    return [make_finding(ctx, "sla_trustpoint_certificate_missing", severity, titles[problem], CERT_EXPLANATION, state["evidence"] + tls,
                         role=role if fixable else None, action=action, commands=commands, manual_steps=steps,
                         confidence="medium" if problem == "unaccepted" or (problem == "missing" and intended is None) else "high",
                         notes=notes, severity_reason=reason)]


RULES = (http_client_trustpoint_missing, sla_trustpoint_missing, sla_trustpoint_certificate_missing)
