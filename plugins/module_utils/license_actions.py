# -*- coding: utf-8 -*-
# Copyright: contributors to smartlic.slp
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Decisions behind the licensing EXEC commands (trust code, sync, offline usage/ACK files).

Pure functions over parsed ``show license status`` / ``show license udi`` /
``show clock`` results (docs/facts.md): which command to send, whether it is
needed at all, and whether the device took it. The modules
``smart_license_trust`` and ``smart_license_sync`` only add the connection.
No Ansible imports, never raises on odd input.
"""

from __future__ import annotations

import ast
import time
from datetime import datetime, timezone

from ansible_collections.smartlic.slp.plugins.module_utils import commands as table
from ansible_collections.smartlic.slp.plugins.module_utils.parsers.common import parse_iso, to_iso
from ansible_collections.smartlic.slp.plugins.module_utils.vocabulary import REFUSED_LINE

MASK = table.TOKEN_MASK

# How long after a fix was sent its effect usually reaches the device: when a "pending" fix is worth a second look.
# ACK: "In direct connectivity mode, acknowledgment takes around 15 minutes to be updated on the switch" and "After
# the sync is completed, wait for 15 minutes to receive acknowledgment" (NX-OS troubleshooting, seed 001 lines 248, 295).
ACK_EXPECTED_SECONDS = 900
# Trust code: Cisco gives no figure. The device sends the ID token to CSSM in one HTTPS exchange and logs
# TRUST_CODE_INSTALL_SUCCESS or _FAILED when the answer comes; five minutes leaves room for a slow CSSM or proxy.
TRUST_EXPECTED_SECONDS = 300
# NTP: a new server is polled every 64 s at first (minpoll 6, RFC 5905) and selected after a few good samples,
# so a clock usually synchronises within about five minutes; ten minutes leaves room for a large first offset.
NTP_EXPECTED_SECONDS = 600

# Lines of EXEC output that mean the device refused the command (module_utils/vocabulary.py).
_REFUSED = REFUSED_LINE


def mask(value, secrets):
    """``value`` with every secret replaced by ``********`` (strings, lists and dicts, recursively)."""
    secrets = [str(secret) for secret in (secrets or ()) if secret not in (None, "")]
    if not secrets:
        return value
    if isinstance(value, str):
        for secret in sorted(secrets, key=len, reverse=True):
            value = value.replace(secret, MASK)
        return value
    if isinstance(value, dict):
        return {key: mask(item, secrets) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [mask(item, secrets) for item in value]
    return value


def refused_lines(output):
    """Lines of a command's output that say the device rejected it (``% Invalid input``, ``% Error ...``)."""
    return [line.strip() for line in str(output or "").splitlines() if _REFUSED.search(line)]


def error_text(message):
    """A connection error as plain text: network_cli hands the device's answer over as a ``b'...'`` repr; decode it."""
    text = str(message or "")
    stripped = text.strip()
    if len(stripped) > 2 and stripped[0] == "b" and stripped[1] in "'\"" and stripped[-1] == stripped[1]:
        try:
            value = ast.literal_eval(stripped)
        except (ValueError, SyntaxError):
            value = None
        if isinstance(value, bytes):
            text = value.decode("utf-8", "replace")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def new_lines(before, after):
    """Lines of ``after`` that ``before`` did not have (each line counted, so repeats are new too)."""
    seen = {}
    for line in str(before or "").splitlines():
        line = line.strip()
        if line:
            seen[line] = seen.get(line, 0) + 1
    fresh = []
    for line in str(after or "").splitlines():
        line = line.strip()
        if not line:
            continue
        if seen.get(line, 0) > 0:
            seen[line] -= 1
        else:
            fresh.append(line)
    return fresh


def wait_for(probe, timeout, interval, sleep=None, clock=None):
    """Call ``probe()`` until it returns something other than None or ``timeout`` seconds pass.

    Returns ``(value or None, seconds waited, number of probes)``. The first
    probe runs at once; a timeout of 0 probes exactly once.
    """
    sleep = sleep or time.sleep
    clock = clock or time.monotonic
    start = clock()
    deadline = start + max(0, timeout or 0)
    probes = 0
    while True:
        probes += 1
        value = probe()
        if value is not None:
            return value, round(clock() - start, 1), probes
        remaining = deadline - clock()
        if remaining <= 0:
            return None, round(clock() - start, 1), probes
        sleep(min(max(interval or 1, 0.1), remaining))


def utc_text(epoch):
    """``2026-11-22T17:51:02Z`` for a POSIX time."""
    return datetime.fromtimestamp(epoch, timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def pending(sent, expected_seconds, waited=0.0, now=None):
    """What a fix that the device took but whose effect has not shown yet needs: what was sent, when, when to look again.

    ``expected_seconds`` is how long the effect usually takes from the moment of sending; ``waited`` the
    seconds already spent waiting since then; ``now`` the controller's POSIX time (default: now).
    """
    now = time.time() if now is None else now
    sent_at = now - max(0.0, float(waited or 0))
    recheck = utc_text(max(sent_at + float(expected_seconds or 0), now + 60.0))
    return {
        "sent": list(sent or []),
        "sent_at": utc_text(sent_at),
        "recheck_after": recheck,
        "how": "re-run smartlic.slp.diagnose after %s" % recheck,
    }


# --- trust code ------------------------------------------------------------------------------------


def trust_command(token, scope=None, force=False, platform="ios"):
    """The privileged EXEC trust command of the platform.

    IOS XE: ``license smart trust idtoken TOKEN {local|all} [force]``, the scope keyword is required (Cisco
    "Troubleshooting Smart Licensing Using Policy", IOS XE, seed 000 line 382). NX-OS: ``license smart trust idtoken TOKEN
    [force]``, no scope keyword (Cisco Nexus NX-OS Smart Licensing Using Policy user guide, troubleshooting, seed 001
    line 25).
    """
    platform = "nxos" if platform == "nxos" else "ios"
    return table.render(platform, "license_smart_trust", token=str(token), scope=scope if scope in ("local", "all") else "local",
                        force=bool(force))


def choose_scope(requested, udi):
    """``local``/``all`` as asked; ``auto``: ``all`` when ``show license udi`` lists HA members, else ``local``."""
    if requested in ("local", "all"):
        return requested
    udi = udi if isinstance(udi, dict) else {}
    entries = udi.get("entries") if isinstance(udi.get("entries"), list) else []
    return "all" if udi.get("ha") is True or len(entries) > 1 else "local"


def _trust_entries(status):
    trust = status.get("trust_code") if isinstance(status, dict) else None
    trust = trust if isinstance(trust, dict) else {}
    entries = [entry for entry in trust.get("entries") or [] if isinstance(entry, dict)]
    return trust, entries


def _targets(entries, scope):
    if scope == "all" or len(entries) <= 1:
        return entries
    active = [entry for entry in entries if entry.get("role") == "active"]
    return active[:1] or entries[:1]


def trust_summary(status):
    """The trust-code part of a parsed ``show license status``: ``{installed, entries: [{udi, role, installed, installed_on}]}``."""
    trust, entries = _trust_entries(status)
    return {
        "installed": trust.get("installed"),
        "installed_on": trust.get("installed_on") or trust.get("installed_on_raw"),
        "entries": [
            {
                "udi": entry.get("udi"),
                "role": entry.get("role"),
                "installed": entry.get("installed"),
                "installed_on": entry.get("installed_on") or entry.get("installed_on_raw"),
            }
            for entry in entries
        ],
    }


def trust_installed(status, scope="local"):
    """True when a trust code is installed on every UDI the scope covers (the active one for ``local``)."""
    trust, entries = _trust_entries(status)
    targets = _targets(entries, scope)
    if targets:
        return all(entry.get("installed") is True for entry in targets)
    return trust.get("installed") is True


def trust_signature(status, scope="local"):
    """What changes when a new trust code lands: (udi, installed, timestamp) of each covered UDI."""
    trust, entries = _trust_entries(status)
    rows = [(entry.get("udi"), entry.get("installed"), entry.get("installed_on") or entry.get("installed_on_raw")) for entry in _targets(entries, scope)]
    rows.append((None, trust.get("installed"), trust.get("installed_on") or trust.get("installed_on_raw")))
    return tuple(rows)


def trust_renewed(before, after, scope="local"):
    """True when ``after`` shows an installed trust code whose timestamp differs from ``before``."""
    return trust_installed(after, scope) and trust_signature(after, scope) != trust_signature(before, scope)


# --- usage reporting / ACK -------------------------------------------------------------------------


def sync_command(scope="all", platform="ios"):
    """The privileged EXEC sync command of the platform.

    IOS XE: ``license smart sync {all|local}``, the keyword is required (Cisco "Command Reference for Smart
    Licensing Using Policy"; the prose of seed 000 writes it bare). NX-OS: bare ``license smart sync`` (Cisco Nexus NX-OS Smart Licensing Using
    Policy user guide, troubleshooting, seed 001 line 291).
    """
    if platform == "nxos":
        return table.render("nxos", "license_smart_sync")
    return table.render("ios", "license_smart_sync", scope="local" if scope == "local" else "all")


def save_usage_command(path, platform="ios"):
    """``license smart save usage all file PATH`` (the same words on both platforms)."""
    return table.render("nxos" if platform == "nxos" else "ios", "license_smart_save_usage", path=path)


def import_command(path, platform="ios"):
    """``license smart import PATH`` (the same words on both platforms)."""
    return table.render("nxos" if platform == "nxos" else "ios", "license_smart_import", path=path)


def ack_summary(status):
    """The reporting part of a parsed ``show license status``."""
    status = status if isinstance(status, dict) else {}
    reporting = status.get("usage_reporting") if isinstance(status.get("usage_reporting"), dict) else {}
    policy = status.get("policy") if isinstance(status.get("policy"), dict) else {}
    return {
        "last_ack_received": reporting.get("last_ack_received") or reporting.get("last_ack_received_raw"),
        "next_ack_deadline": reporting.get("next_ack_deadline") or reporting.get("next_ack_deadline_raw"),
        "last_report_push": reporting.get("last_report_push") or reporting.get("last_report_push_raw"),
        "reporting_ack_required": policy.get("reporting_ack_required"),
    }


def ack_renewed(before, after):
    """True when ``Last ACK received`` now holds a value it did not hold before."""
    new = ack_summary(after)["last_ack_received"]
    return new is not None and new != ack_summary(before)["last_ack_received"]


def ack_received_since(status, since):
    """True when ``Last ACK received`` is at or after ``since`` (ISO 8601 or device text)."""
    last = parse_iso(to_iso(ack_summary(status)["last_ack_received"]))
    limit = parse_iso(to_iso(since)) if since else None
    return bool(last and limit and last >= limit)


def ack_due(status, now, within_days):
    """(due, reason): is a usage report ACK missing, overdue, or due within ``within_days`` of ``now``?

    ``now`` is the device clock (ISO 8601 or ``show clock`` text); without it
    only a missing ACK counts as due.
    """
    summary = ack_summary(status)
    if summary["last_ack_received"] is None:
        if summary["reporting_ack_required"] is False:
            return False, "the policy in use does not require a usage report ACK"
        return True, "no usage report ACK has been received"
    deadline = parse_iso(to_iso(summary["next_ack_deadline"]))
    current = parse_iso(to_iso(now))
    if deadline is None or current is None:
        return False, "last ACK received %s; no ACK deadline to compare with" % summary["last_ack_received"]
    days_left = (deadline - current).total_seconds() / 86400.0
    if days_left < 0:
        return True, "the ACK deadline %s has passed" % summary["next_ack_deadline"]
    if days_left <= within_days:
        return True, "the ACK deadline %s is %.1f days away (at most %d allowed)" % (summary["next_ack_deadline"], days_left, within_days)
    return False, "the ACK deadline %s is %.1f days away" % (summary["next_ack_deadline"], days_left)
