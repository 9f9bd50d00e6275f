# -*- coding: utf-8 -*-
# Copyright: contributors to smartlic.slp
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Which remediation roles a host needs, and what came of them.

``plan(findings, settings, only, skip)`` turns the findings of a diagnosis
into the roles to run, in the order the fixes must happen (clock first, since
signatures depend on it; then name resolution, TLS, transport, trust,
reporting), and says which roles cannot run for lack of a setting.

``summarize(plan, results, ...)`` turns what each role returned, the
failures caught and the findings of the second diagnosis into the host's
remediation summary: one status per role (ok, changed, would_change, failed,
blocked, pending, deferred), the findings a person must handle and why, and
one line per item for people.

``exec_result(module_result, check_mode)`` turns what the modules
smart_license_trust and smart_license_sync returned into the result fact of
their role, with the keys and outcome words every remediation role uses
(vocabulary.RESULT, vocabulary.OUTCOMES).

``pending``: the device took the fix but its effect has not shown yet (an ACK
from CSSM takes about 15 minutes, a trust code one answer from CSSM, NTP a few
polls): not a failure; the entry says what was sent and when to run the
diagnosis again. ``deferred``: the role did not run because it needs a
synchronised clock and the ntp fix of the same host is still pending.

Pure Python, no Ansible imports; it never sees a secret (only whether an ID
token was given).
"""

from __future__ import annotations

from ansible_collections.smartlic.slp.plugins.module_utils.rejection import SAVE_COMMAND, answer_text, describe, rejection
from ansible_collections.smartlic.slp.plugins.module_utils.vocabulary import ACTIONABLE, MODULE_OUTCOMES, OUTCOMES, empty_result
from ansible_collections.smartlic.slp.plugins.module_utils.rules.base import as_dict, as_list, text

ROLE_ORDER = ("ntp", "dns", "trustpoint", "transport", "trust_token", "sync")

# The ids each role fixes (docs/diagnosis.md "Findings and their fix, per topology"). A finding whose remediation names a role also selects it.
ROLE_FINDINGS = {
    "ntp": ("clock_not_synchronized",),
    "dns": ("dns_not_configured", "cslu_local_unresolved"),
    "trustpoint": ("http_client_trustpoint_missing", "sla_trustpoint_missing"),
    "transport": ("transport_type_mismatch", "transport_url_incorrect", "callhome_profile_inactive"),
    "trust_token": ("trust_code_missing", "trust_code_already_installed"),
    "sync": ("report_ack_overdue", "usage_report_failed"),
}

# Findings whose fix depends on the topology (seeds 000 / 001, REPORTING_REQUIRED, UTILITY_NO_ACK, POLICY_REMOVED, ...): the sync role
# only where the product instance initiates reporting (or saves the usage, offline); CSLU- or SSM On-Prem-initiated and
# controller-managed devices are never told to sync, and remediate does not run the sync role for them.
TOPOLOGY_DECIDED = ("report_ack_overdue", "usage_report_failed", "rum_report_backlog", "utility_subscription_missing", "policy_removed")

# Roles whose result the second diagnosis checks (trust_token and sync re-read the device themselves).
CONFIG_ROLES = ("ntp", "dns", "trustpoint", "transport")

STATUSES = ("ok", "changed", "would_change", "failed", "blocked", "pending", "deferred")

# Roles that need a synchronised clock (CSSM rejects a timestamp mismatch: "Trust code installation failed",
# "Timestamp mismatch", seeds 000 / 001): while the ntp fix of a host is pending, playbooks/tasks/remediate_role.yml
# defers them (plan()["clock_roles"]).
CLOCK_ROLES = ("trust_token", "sync")


def _unique(items):
    seen = []
    for item in items:
        if item not in seen:
            seen.append(item)
    return seen


def unknown_roles(names):
    """The names in ``names`` that are not remediation roles."""
    return [name for name in as_list(names) if name not in ROLE_ORDER]


def actionable(findings):
    """The findings worth fixing (critical, error, warning), in their order."""
    return [item for item in as_list(findings) if isinstance(item, dict) and item.get("severity") in ACTIONABLE]


def actionable_ids(findings):
    return _unique(text(item.get("id")) for item in actionable(findings))


def _named_role(finding):
    role = as_dict(finding.get("remediation")).get("role")
    return role if isinstance(role, str) and role else None


def role_for(finding):
    """The role that fixes ``finding``: the catalogue's mapping first, then the role the finding names, else None.

    The findings of TOPOLOGY_DECIDED are fixed by the role their remediation names, or by nobody: the rules chose it for the
    device's topology (rules/topology.py), and a topology whose device does not initiate reporting gets manual steps only.
    """
    remediation = finding.get("remediation")
    if finding.get("id") in TOPOLOGY_DECIDED and isinstance(remediation, dict) and "role" in remediation:
        return _named_role(finding)
    for role in ROLE_ORDER:
        if finding.get("id") in ROLE_FINDINGS[role]:
            return role
    return _named_role(finding)


def _blocked_reasons(settings, ids, cslu_local):
    """Why each role cannot run with these settings ('' when it can)."""
    force_needed = "trust_code_already_installed" in ids and "trust_code_missing" not in ids
    if not settings.get("has_id_token"):
        trust = "set smartlic_id_token (an ID token from CSSM)"
    elif force_needed and not settings.get("trust_force"):
        trust = "a trust code is already installed: set smartlic_trust_force=true to replace it (force)"
    else:
        trust = ""
    return {
        "ntp": "" if as_list(settings.get("ntp_servers")) else "set smartlic_ntp_servers",
        "dns": ""
        if as_list(settings.get("name_servers")) or cslu_local
        else "set smartlic_name_servers (or smartlic_cslu_local_address for cslu-local)",
        "transport": "" if text(settings.get("transport_type")) else "set smartlic_transport_type",
        "trust_token": trust,
    }


def plan(findings, settings=None, only=None, skip=None):
    """The remediation plan of one host.

    ``settings`` holds the intended values the roles need: ``ntp_servers``,
    ``name_servers``, ``cslu_local_address``, ``transport_type``,
    ``transport_url``, ``has_id_token`` (bool) and ``trust_force`` (bool).
    ``only`` / ``skip`` narrow the roles by name.

    Returns ``{findings, ids, wanted, blocked, roles, cslu_local, clock_roles, order}``:
    the actionable findings and their ids, the roles the findings ask for
    (narrowed), why some of them cannot run, the roles that run, the address
    ``cslu-local`` must resolve to (only when the transport relies on it),
    the roles that run but wait for a pending ntp fix, and every role in order
    (empty when none runs) for the playbook's loop.
    """
    settings = as_dict(settings)
    only = as_list(only)
    skip = as_list(skip)
    findings = actionable(findings)
    ids = actionable_ids(findings)
    needed = {role_for(item) for item in findings} | {_named_role(item) for item in findings if item.get("id") not in TOPOLOGY_DECIDED}
    wanted = [role for role in ROLE_ORDER if role in needed and (not only or role in only) and role not in skip]
    relies_on_cslu_local = "cslu_local_unresolved" in ids or "cslu-local" in text(settings.get("transport_url"))
    cslu_local = text(settings.get("cslu_local_address")) if relies_on_cslu_local else ""
    reasons = _blocked_reasons(settings, ids, cslu_local)
    blocked = {role: reasons[role] for role in wanted if reasons.get(role)}
    return {
        "findings": findings,
        "ids": ids,
        "wanted": wanted,
        "blocked": blocked,
        "roles": [role for role in wanted if role not in blocked],
        "cslu_local": cslu_local,
        "clock_roles": [role for role in wanted if role not in blocked and role in CLOCK_ROLES],
        # What playbooks/remediate.yml loops over: every role, in order, for each host with something to run (the
        # roles it does not need are skipped inside). Ansible shares a looped include between the hosts with the same
        # item, in the order it first saw them: hosts with different lists would run their roles out of order.
        "order": list(ROLE_ORDER) if any(role not in blocked for role in wanted) else [],
    }


def exec_result(module_result, check_mode=False):
    """The result fact of a role that sends one EXEC command through smart_license_trust or smart_license_sync.

    The module's own outcome word becomes the role's (MODULE_OUTCOMES); a command the device refused is ``refused``,
    with the line, the device's words and what was applied (nothing) and not applied, as config_lines records them; a
    module that returned no outcome (the session was lost, the module failed) is ``interrupted``: whether the device
    took the command is not known. ``commands`` holds what the role sends or, in check mode, would send.
    """
    found = as_dict(module_result)
    would_run, sent = as_list(found.get("would_run")), as_list(found.get("commands"))
    result = empty_result()
    result.update(changed=found.get("changed") is True, check_mode=bool(check_mode), commands=_unique(would_run + sent), sent=sent,
                  would_run=would_run, failures=as_list(found.get("failures")), pending=found.get("pending"),
                  msg=text(found.get("msg")) or one_line(found.get("module_stderr")))
    outcome = found.get("outcome")
    refused = rejection(found.get("msg"), sent) if outcome == "failed" and sent else {"rejected": None}
    if outcome not in MODULE_OUTCOMES:
        result.update(outcome=_word("interrupted"), interrupted=True)
    elif refused["rejected"]:
        result.update(outcome=_word("refused"), rejected=refused["rejected"], device_said=refused["device_said"], applied=refused["applied"],
                      not_applied=refused["not_applied"])
    else:
        result.update(outcome=MODULE_OUTCOMES[outcome], applied=sent if MODULE_OUTCOMES[outcome] in ("applied", "pending") else [])
    return result


def _word(word):
    """``word``, checked against the outcome words (a misspelt word fails here, in the unit tests)."""
    if word not in OUTCOMES:
        raise ValueError("not an outcome word: %r" % (word,))
    return word


def _pending_entry(result, sent, left):
    info = as_dict(result.get("pending"))
    how = text(info.get("how")) or "re-run smartlic.slp.diagnose later"
    what = ("sent " + "; ".join(sent)) if sent else "sent earlier (nothing new to send)"
    reason = "%s; the device took it but its effect has not shown yet: %s" % (what, how)
    if left:
        reason += " (until then the diagnosis still reports %s)" % ", ".join(left)
    entry = {"status": "pending", "commands": sent, "reason": reason, "recheck_after": info.get("recheck_after")}
    return entry


def _refusal(result, failure):
    """The line the device rejected and what it leaves applied and not applied; None when the failure names no line.

    The role's own account first (every remediation role records it), else the failure read against the lines it sent."""
    if result.get("rejected") and isinstance(result.get("not_applied"), list):
        return {"rejected": text(result.get("rejected")), "device_said": text(result.get("device_said")),
                "applied": as_list(result.get("applied")), "not_applied": as_list(result.get("not_applied"))}
    found = rejection(failure, as_list(result.get("commands")))
    return found if found["rejected"] else None


def _role_entry(role, the_plan, result, failure, left, check_mode, where):
    sent = _unique(as_list(result.get("would_run")) + as_list(result.get("commands")))
    outcome = text(result.get("outcome"))
    refusal = _refusal(result, failure) if failure is not None else None
    if role in the_plan["blocked"]:
        entry = {"status": "blocked", "reason": the_plan["blocked"][role]}
    elif failure is None and outcome == _word("deferred"):
        entry = {"status": "deferred", "commands": [], "reason": text(result.get("msg")) or "deferred",
                 "recheck_after": as_dict(result.get("pending")).get("recheck_after")}
    elif failure is None and outcome == _word("pending") and not check_mode:
        entry = _pending_entry(result, sent, left)
    elif refusal is not None:
        # The device refused a line: say which, in its words, and what was applied and what was not.
        reason = describe(refusal, (refusal["applied"] + refusal["not_applied"])[-1:] == [SAVE_COMMAND])
        if left:
            reason += "; the second diagnosis still reports %s%s" % (", ".join(left), where)
        entry = {"status": "failed", "reason": reason, "commands": as_list(result.get("commands")), "applied": refusal["applied"],
                 "not_applied": refusal["not_applied"]}
    elif failure is not None:
        reason = one_line(failure)
        commands = as_list(result.get("commands"))
        if commands and result.get("interrupted"):
            # Stopped half-way: say what was being sent, and what the second diagnosis saw afterwards.
            reason += "; it stopped while sending " + "; ".join(commands)
            if left:
                reason += "; the second diagnosis still reports %s%s: run the remediation again" % (", ".join(left), where)
        entry = {"status": "failed", "reason": reason, "commands": commands}
    elif left:
        what = "sent " + "; ".join(sent) if sent else "nothing was missing"
        entry = {
            "status": "failed",
            "commands": sent,
            "reason": "%s but the second diagnosis still reports %s%s" % (what, ", ".join(left), where),
        }
    elif result.get("changed") in (True, "True", "true"):
        entry = {"status": "would_change" if check_mode else "changed", "commands": sent}
    else:
        entry = {"status": "ok", "commands": []}
    if as_list(result.get("manual_steps")):
        entry["manual_steps"] = as_list(result.get("manual_steps"))
    entry["msg"] = text(result.get("msg"))
    return entry


# Keys of ``failures`` that are not roles: the host could not be checked or diagnosed before any fix (nothing was
# sent), or the second diagnosis failed (what was sent is not verified).
NOT_DIAGNOSED = "diagnose"
AFTER_FAILED = "diagnose_after"


def one_line(message):
    """A failure message on one line: its first line, with the device's '% ...' error line when that comes later."""
    lines = [line.strip() for line in answer_text(text(message)).splitlines() if line.strip()]
    if not lines:
        return "failed"
    cause = next((line for line in lines[1:] if line.startswith("%")), None)
    return "%s: %s" % (lines[0], cause) if cause else lines[0]


def not_diagnosed(host, reason, check_mode=False):
    """The summary of a host that was not remediated because it could not be checked, read or diagnosed (one-line reason)."""
    reason = one_line(reason)
    return {"host": host, "check_mode": bool(check_mode), "reason": reason, "findings_before": [], "findings_after": [], "fixed": [],
            "remaining": [], "roles": {}, "failed": [NOT_DIAGNOSED], "pending": [], "manual": [], "lines": ["not remediated: " + reason]}


def summarize(host, the_plan, results=None, failures=None, findings_after=None, check_mode=False, report_dir=""):
    """The remediation summary of one host.

    ``results`` maps a role to what it returned (``<role>_result``);
    ``failures`` maps a role to the error caught while it ran, and
    NOT_DIAGNOSED / AFTER_FAILED to why the first / second diagnosis failed;
    ``findings_after`` are the findings of the second diagnosis (None when
    there was none: check mode, nothing to run, or it failed).
    """
    the_plan = as_dict(the_plan)
    for key in ("findings", "ids", "wanted", "roles"):
        the_plan[key] = as_list(the_plan.get(key))
    the_plan["blocked"] = as_dict(the_plan.get("blocked"))
    results = as_dict(results)
    failures = as_dict(failures)
    if failures.get(NOT_DIAGNOSED) is not None:
        return not_diagnosed(host, failures[NOT_DIAGNOSED], check_mode)
    rediagnosed = bool(the_plan["roles"]) and not check_mode and findings_after is not None
    after = actionable_ids(findings_after) if rediagnosed else list(the_plan["ids"])
    where = " (see %s/after)" % report_dir if report_dir else ""

    roles = {}
    lines = []
    for role in the_plan["wanted"]:
        left = []
        if rediagnosed and role in CONFIG_ROLES and role in the_plan["roles"]:
            left = [item for item in after if item in ROLE_FINDINGS.get(role, ())]
        entry = _role_entry(role, the_plan, as_dict(results.get(role)), failures.get(role), left, check_mode, where)
        roles[role] = entry
        detail = entry.get("reason") or "; ".join(entry.get("commands", []))
        lines.append("%s: %s%s" % (role, entry["status"], " - " + detail if detail else ""))

    manual = []
    for finding in the_plan["findings"]:
        role = role_for(finding)
        if role is not None and role in the_plan["roles"]:
            continue
        if role is None:
            why = "needs a person"
        else:
            why = the_plan["blocked"].get(role) or "role %s skipped" % role
        remediation = as_dict(finding.get("remediation"))
        item = {
            "id": finding.get("id"),
            "severity": finding.get("severity"),
            "title": text(finding.get("title")),
            "why": why,
            "action": text(remediation.get("action")),
            "manual_steps": as_list(remediation.get("manual_steps")),
        }
        manual.append(item)
        steps = " ".join(text(step) for step in item["manual_steps"]) if item["manual_steps"] else item["action"]
        lines.append("manual: %s (%s)%s" % (item["id"], why, " - " + steps if steps else ""))
    if failures.get(AFTER_FAILED) is not None:
        lines.append("the second diagnosis failed, so the fixes are not verified: " + one_line(failures[AFTER_FAILED]))

    return {
        "host": host,
        "check_mode": bool(check_mode),
        "findings_before": list(the_plan["ids"]),
        "findings_after": after,
        "fixed": [item for item in the_plan["ids"] if item not in after],
        "remaining": after,
        "roles": roles,
        "failed": [role for role, entry in roles.items() if entry["status"] == "failed"] + ([AFTER_FAILED] if failures.get(AFTER_FAILED) is not None else []),
        "pending": [role for role, entry in roles.items() if entry["status"] in ("pending", "deferred")],
        "manual": manual,
        "lines": lines or ["nothing to fix"],
    }
