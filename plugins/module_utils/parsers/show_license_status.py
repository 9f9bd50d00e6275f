# -*- coding: utf-8 -*-
# Copyright: contributors to smartlic.slp
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Parse ``show license status`` (IOS XE, NX-OS).

The status part is shared with ``show license all`` and ``show license tech
support``: :func:`status_facts` normalises it from a
:class:`license_tree.Tree` and those parsers call it. Keys follow
docs/facts.md: ``era``, ``smart_licensing_enabled``, ``slp_enabled``,
``utility``, ``account``, ``transport``, ``policy``, ``usage_reporting``,
``trust_code``; a group is present only when the device printed it, so that a
reader can fall back to another command. Registration-era (pre-SLP) output
gives ``era: "pre_slp"`` with ``registration`` and ``license_authorization``.
``sections`` keeps every key and raw value the device printed.

Pure Python, no Ansible imports, never raises.
"""

from __future__ import annotations

import re

from ansible_collections.smartlic.slp.plugins.module_utils.parsers.common import clean, never_raises, to_bool, to_int, to_iso
from ansible_collections.smartlic.slp.plugins.module_utils.parsers import license_tree
from ansible_collections.smartlic.slp.plugins.module_utils.parsers.license_tree import (
    date_field,
    finish,
    normalise_role,
    read,
    split_on_date,
    to_dict,
    udi_entry,
)

COMMAND = "show license status"
DEFAULT_SMART_URL = "https://smartreceiver.cisco.com/licservice/license"

# Blocks of the status part (license_tree.STATUS_BLOCKS); finding one of them means the output is a license status.
STATUS_BLOCKS = license_tree.STATUS_BLOCKS
# Blocks that only a license status prints (an output with just 'License Authorization:' is 'show license usage').
CORE_BLOCKS = ("utility", "smart_licensing_using_policy", "data_privacy", "transport", "policy", "usage_reporting",
               "trust_code_installed", "registration", "account_information")
SLP_BLOCKS = ("smart_licensing_using_policy", "policy", "usage_reporting", "trust_code_installed", "account_information")
PRE_SLP_BLOCKS = ("registration",)

_ENABLED_LINE = re.compile(r"^Smart Licensing is (?P<state>ENABLED|DISABLED)\b", re.IGNORECASE)
_AS_OF = re.compile(r"^(?P<name>.*?)\s+As of\s+(?P<date>.+)$", re.IGNORECASE)
_INSTALLED_ON = re.compile(r"Installed\s+On\s+(?P<date>.+)$", re.IGNORECASE)
_PARENS = re.compile(r"\((?P<inside>[^()]*)\)\s*$")
_TRUST_INSTALLED = re.compile(r"^(?P<not>NOT\s+)?INSTALLED\b(?:\s+on\s+(?P<date>.+?))?(?:\s{2,}Valid\s+on\s+(?P<valid>.+))?$", re.IGNORECASE)
_TRUST_EXPIRES = re.compile(r"^Expire[sd]\s+on\s+(?P<date>.+)$", re.IGNORECASE)
_TRUST_VALID = re.compile(r"^Valid\s+on\s+(?P<date>.+)$", re.IGNORECASE)
_BARE_DATE = re.compile(r"^[A-Za-z]{3}\s+\d{1,2}\s+\d{1,2}:\d{2}:\d{2}(?:\.\d+)?\s+\d{4}(?:\s+\S+)?$")
_TRUST_ID = re.compile(r"TrustId:\s*(?P<id>\d+)", re.IGNORECASE)
_STATE = re.compile(r"\bState\((?P<state>\d+)\)", re.IGNORECASE)
_IN_POLICY = re.compile(r"\bInPolicy\((?P<days>\d+)\)", re.IGNORECASE)

# Free-text lines of the status part that are understood (not 'unparsed').
KNOWN_TEXT = (
    _ENABLED_LINE,
    re.compile(r"^Smart Licensing Tech Support info$", re.IGNORECASE),
    _TRUST_INSTALLED,
    _TRUST_EXPIRES,
    _TRUST_VALID,
    _BARE_DATE,
    re.compile(r"^(?:<none>|<empty>|Not Configured|None)$", re.IGNORECASE),
)

_TRANSPORT_TYPES = {"smart": "smart", "cslu": "cslu", "callhome": "callhome", "off": "off", "transportoff": "off"}


@never_raises(COMMAND)
def parse(text, platform=None, lines=None):  # pylint: disable=unused-argument
    """``show license status`` text → facts dict (docs/facts.md). Never raises."""
    tree = read(text, lines)
    return finish(tree, COMMAND, status_facts(tree), KNOWN_TEXT)


def _status_block_index(tree):
    """{key: block}: the first block of each key in the 'Smart Licensing Status' chapter, else before any chapter."""
    index = {}
    for node in (tree.status_blocks(), tree.root):
        for child in node.children:
            index.setdefault(child.key, child)
    trust = "trust_code_installed"
    if trust not in index:
        # The trust code block may sit in any chapter.
        for chapter in tree.root.children:
            if chapter.heading:
                found = chapter.find(trust)
                if found is not None:
                    index[trust] = found
                    break
    return index


def status_facts(tree):
    """Normalised status part of a license output tree (dict; '_recognised' tells whether it looked like one)."""
    facts = {}
    warnings = []
    index = _status_block_index(tree)
    blocks = {key: index.get(key) for key in STATUS_BLOCKS}
    enabled_line = _enabled_line(tree)
    recognised = enabled_line is not None or any(blocks[key] is not None for key in CORE_BLOCKS)
    facts["_recognised"] = recognised
    if not recognised:
        return facts
    slp = any(blocks[key] is not None for key in SLP_BLOCKS)
    pre = any(blocks[key] is not None for key in PRE_SLP_BLOCKS)
    facts["era"] = "slp" if slp else ("pre_slp" if pre or enabled_line is not None else None)
    facts["smart_licensing_enabled"] = None if enabled_line is None else enabled_line == "ENABLED"
    slp_node = blocks["smart_licensing_using_policy"]
    facts["slp_enabled"] = to_bool(slp_node.get("status")) if slp_node is not None else None
    facts["reporting_mode"] = clean(slp_node.get("reporting_mode")) if slp_node is not None else None
    if blocks["utility"] is not None:
        facts["utility"] = utility_facts(blocks["utility"])
    account = account_facts(blocks["account_information"] or blocks["registration"])
    if account is not None:
        facts["account"] = account
    if blocks["data_privacy"] is not None:
        facts["data_privacy"] = flag_facts(blocks["data_privacy"])
    if blocks["transport"] is not None:
        facts["transport"] = transport_facts(blocks["transport"], warnings)
    if blocks["policy"] is not None:
        facts["policy"] = policy_facts(blocks["policy"])
    if blocks["usage_reporting"] is not None:
        facts["usage_reporting"] = usage_reporting_facts(blocks["usage_reporting"])
    trust = trust_facts(blocks["trust_code_installed"], tree)
    if trust is not None:
        facts["trust_code"] = trust
    if blocks["miscellaneous"] is not None:
        facts["custom_id"] = clean(blocks["miscellaneous"].get("custom_id"))
    if blocks["registration"] is not None:
        facts["registration"] = dated_facts(blocks["registration"])
    if blocks["license_authorization"] is not None:
        facts["license_authorization"] = dated_facts(blocks["license_authorization"])
    if blocks["license_conversion"] is not None:
        facts["license_conversion"] = dated_facts(blocks["license_conversion"])
    if blocks["export_authorization_key"] is not None:
        facts["export_authorization"] = export_facts(blocks["export_authorization_key"])
    telemetry = tree.root.find("device_telemetry_report_summary")
    if telemetry is not None:
        facts["telemetry"] = {"data_channel": clean(telemetry.get("data_channel")), "reports_on_disk": to_int(telemetry.get("reports_on_disk"))}
    facts["_warnings"] = warnings
    return facts


def _enabled_line(tree):
    for node in (tree.status_blocks(), tree.root):
        for line in node.text:
            match = _ENABLED_LINE.match(line)
            if match:
                return match.group("state").upper()
    return None


# ------------------------------------------------------------------ groups

def utility_facts(node):
    """{'enabled': bool|None, 'status_raw', + every other utility field (raw)}."""
    facts = {"enabled": to_bool(node.get("status")), "status_raw": clean(node.get("status"))}
    for key, value in to_dict(node).items():
        if key not in ("status", "value"):
            facts.setdefault(key, value)
    return facts


def account_facts(node):
    """{'smart_account', 'virtual_account', 'as_of', 'as_of_raw'} from Account Information (or pre-SLP Registration)."""
    if node is None:
        return None
    smart = clean(node.get("smart_account"))
    facts = {"smart_account": smart, "virtual_account": clean(node.get("virtual_account")), "as_of": None, "as_of_raw": None}
    match = _AS_OF.match(smart or "")
    if match:
        facts["smart_account"] = clean(match.group("name"))
        date_field(facts, "as_of", match.group("date"))
    return facts


def flag_facts(node):
    """Every key of a block of ENABLED/DISABLED, yes/no flags as bool (nested keys flattened)."""
    facts = {}
    for child in node.walk():
        if child is node or child.title is None:
            continue
        value = child.value if child.value is not None else child.content()
        facts[child.key] = to_bool(value)
    return facts


def transport_facts(node, warnings):
    """Transport block → {type, type_raw, url, cslu_address, url_default, vrf, proxy, server_identity_check, trustpoint, ip_mode, ...}."""
    type_raw = clean(node.get("type"))
    kind = None
    if type_raw is not None:
        kind = _TRANSPORT_TYPES.get(re.sub(r"[^a-z]", "", type_raw.lower()))
        if kind is None:
            warnings.append("unknown transport type '%s'" % type_raw)
    facts = {
        "type": kind,
        "type_raw": type_raw,
        "url": clean(node.get("url")),
        "cslu_address": clean(node.get("cslu_address")),
        "url_default": None,
        "vrf": clean(node.get("vrf")),
        "proxy": proxy_facts(node.find("proxy")),
        "server_identity_check": to_bool(node.get("server_identity_check")),
        "trustpoint": clean(node.get("trust_point") or node.get("trustpoint")),
        "ip_mode": clean(node.get("ip_mode")),
    }
    if kind == "smart" and facts["url"]:
        facts["url_default"] = facts["url"].rstrip("/").lower() == DEFAULT_SMART_URL
    elif kind == "cslu" and "cslu_address" in {child.key for child in node.children}:
        # No CSLU address configured: the product instance discovers 'cslu-local'.
        facts["url_default"] = facts["cslu_address"] is None
    known = {"type", "url", "cslu_address", "vrf", "proxy", "server_identity_check", "trust_point", "trustpoint", "ip_mode"}
    for child in node.children:
        if child.key not in known and child.key not in facts:
            facts[child.key] = to_dict(child) if child.children else clean(child.content())
    return facts


def proxy_facts(node):
    """{'address', 'port': int|None, 'username', 'configured': bool} or None when the block is absent."""
    if node is None:
        return None
    address = clean(node.get("address"))
    facts = {
        "address": address,
        "port": to_int(node.get("port")),
        "username": clean(node.get("username")),
        "configured": address is not None,
    }
    return facts


def policy_facts(node):
    """Policy block → {in_use, installed_on(+raw), name, reporting_ack_required, source, attributes}."""
    in_use = clean(node.get("policy_in_use"))
    facts = {"in_use": in_use, "installed_on": None, "installed_on_raw": None, "name": clean(node.get("policy_name"))}
    match = _INSTALLED_ON.search(in_use or "")
    if match:
        date_field(facts, "installed_on", match.group("date"))
    ack = clean(node.get("reporting_ack_required"))
    facts["reporting_ack_required"] = to_bool(ack)
    source = _PARENS.search(ack or "")
    facts["source"] = source.group("inside") if source else None
    attributes = {}
    for child in node.children:
        if not child.children:
            continue
        group = {}
        for item in child.children:
            raw = clean(item.content())
            group[item.key] = to_int(raw)
            inside = _PARENS.search(raw or "")
            if inside:
                group.setdefault("source", inside.group("inside"))
        attributes[child.key] = group
    facts["attributes"] = attributes
    return facts


USAGE_DATES = ("last_ack_received", "next_ack_deadline", "next_ack_push_check", "next_report_push", "last_report_push", "last_report_file_write")


def usage_reporting_facts(node):
    """Usage Reporting block → dates (ISO + raw) and the push interval in days."""
    facts = {}
    for name in USAGE_DATES:
        date_field(facts, name, node.get(name))
    interval = clean(node.get("reporting_push_interval"))
    facts["reporting_push_interval_days"] = to_int(interval)
    facts["reporting_push_interval_raw"] = interval
    state = _STATE.search(interval or "")
    facts["reporting_state"] = int(state.group("state")) if state else None
    in_policy = _IN_POLICY.search(interval or "")
    facts["in_policy_days"] = int(in_policy.group("days")) if in_policy else None
    return facts


def dated_facts(node):
    """A block of 'Key: WORD on <date>' lines → key (ISO), key_raw, key_status; 'Status: X on <date>' → status, status_on."""
    facts = {}
    for child in node.children:
        raw = clean(child.content())
        if child.children:
            facts[child.key] = to_dict(child)
            continue
        word, date = split_on_date(raw)
        if child.key == "status":
            facts["status"] = word
            date_field(facts, "status_on", date)
        elif date:
            date_field(facts, child.key, date)
            facts[child.key + "_status"] = word
        else:
            boolean = to_bool(raw) if raw and raw.lower() in ("true", "false", "yes", "no", "enabled", "disabled") else None
            facts[child.key] = boolean if boolean is not None else raw
    return facts


def export_facts(node):
    """Export Authorization Key → {'features_authorized': [..]} (empty list for '<none>')."""
    features = node.find("features_authorized")
    items = []
    if features is not None:
        for line in ([features.value] if features.value else []) + features.text:
            if clean(line):
                items.append(clean(line))
        items.extend(child.title for child in features.children)
    return {"features_authorized": items}


# --------------------------------------------------------------- trust code

def trust_facts(node, tree):
    """Trust Code Installed (every shape) → {installed, installed_on(+raw), type, attributes, entries, all_installed, missing, source}.

    Shapes: a date on the line; '<none>'; per-member blocks (Active/Standby/Member:
    PID:…,SN:… with 'INSTALLED on <date>'); agent 6.x blocks that add 'Valid on',
    'Expired on', 'Trust Code Type' and 'Attributes'; NX-OS's bare date line under
    the member. Without the block (older tech supports), the 'Other Info' trust
    lines ('Trust Data INSTALLED', 'Overall Trust') are read instead.
    """
    if node is None:
        return _trust_from_other_info(tree)
    facts = {"installed": None, "installed_on": None, "installed_on_raw": None, "type": clean(node.get("trust_code_type")),
             "attributes": clean(node.get("attributes")), "entries": [], "source": "trust_code_installed"}
    value = clean(node.value)
    line_installed, line_date = _trust_value(value)
    for child in node.children:
        if child.key in ("trust_code_type", "attributes"):
            continue
        entry = _trust_member(child)
        if entry is not None:
            facts["entries"].append(entry)
    for line in node.text:
        installed, date = _trust_value(clean(line))
        if installed is not None:
            line_installed, line_date = installed, date or line_date
    if not facts["entries"] and line_installed:
        # The date-on-the-line shape names no UDI: one entry for the product instance.
        entry = _trust_entry(None, None)
        entry["installed"] = True
        entry["type"] = facts["type"]
        date_field(entry, "installed_on", line_date)
        facts["entries"].append(entry)
    _summarise_trust(facts, line_installed, line_date)
    return facts


def _trust_value(value):
    """(installed, date text) of a trust value or text line: '<none>' → (False, None), a date → (True, date)."""
    if value is None:
        return False, None
    match = _TRUST_INSTALLED.match(value)
    if match:
        return match.group("not") is None, match.group("date")
    if _BARE_DATE.match(value) or (re.match(r"^[A-Za-z]{3}\s+\d", value) and to_iso(value)):
        return True, value
    flag = to_bool(value)
    return flag, None


def _trust_entry(role, udi_text):
    """A trust entry with every key: role, pid, sn, udi, installed, installed_on(+raw), valid_on(+raw), expires_on(+raw), type, attributes."""
    entry = udi_entry(role, udi_text) or {"role": normalise_role(role), "pid": None, "sn": None, "udi": None}
    entry.update({"installed": None, "installed_on": None, "installed_on_raw": None, "valid_on": None, "valid_on_raw": None,
                  "expires_on": None, "expires_on_raw": None, "type": None, "attributes": None})
    return entry


def _trust_member(child):
    if udi_entry(child.title, child.value) is None and normalise_role(child.title) is None:
        return None
    entry = _trust_entry(child.title, child.value)
    entry["type"] = clean(child.get("trust_code_type"))
    entry["attributes"] = clean(child.get("attributes"))
    for line in child.text:
        installed = _TRUST_INSTALLED.match(line)
        if installed:
            entry["installed"] = installed.group("not") is None
            date_field(entry, "installed_on", installed.group("date"))
            if installed.group("valid"):
                date_field(entry, "valid_on", installed.group("valid"))
            continue
        expires = _TRUST_EXPIRES.match(line)
        if expires:
            date_field(entry, "expires_on", expires.group("date"))
            continue
        valid = _TRUST_VALID.match(line)
        if valid:
            date_field(entry, "valid_on", valid.group("date"))
            continue
        if _BARE_DATE.match(line) or clean(line) is None:
            entry["installed"] = clean(line) is not None
            date_field(entry, "installed_on", line)
    return entry


def _summarise_trust(facts, line_installed, line_date):
    entries = facts["entries"]
    if entries:
        states = [entry.get("installed") for entry in entries]
        facts["installed"] = any(state is True for state in states) if any(state is not None for state in states) else line_installed
        facts["all_installed"] = all(state is True for state in states)
        facts["missing"] = [entry.get("udi") or entry.get("role") for entry in entries if entry.get("installed") is not True]
        dates = sorted(entry["installed_on"] for entry in entries if entry.get("installed_on"))
        if dates:
            newest = dates[-1]
            facts["installed_on"] = newest
            facts["installed_on_raw"] = next(entry["installed_on_raw"] for entry in entries if entry.get("installed_on") == newest)
    else:
        facts["installed"] = line_installed
        facts["all_installed"] = line_installed
        facts["missing"] = []
    if facts["installed_on"] is None and line_date:
        date_field(facts, "installed_on", line_date)


def _trust_from_other_info(tree):
    other = tree.root.find("other_info")
    if other is None:
        return None
    overall = clean(other.get("overall_trust"))
    entries = []
    seen = set()
    for child in other.children:
        is_udi = re.match(r"^P:", child.title or "")
        if not is_udi and child.key != "local_device":
            continue
        value = clean(child.content()) or ""
        entry = _trust_entry(None, child.title if is_udi else value)
        if entry["udi"] in seen and entry["udi"] is not None:
            continue
        seen.add(entry["udi"])
        upper = value.upper()
        entry["installed"] = "INSTALLED" in upper and "NO TRUST" not in upper and "NOT INSTALLED" not in upper
        trust_id = _TRUST_ID.search(value)
        entry["trust_id"] = int(trust_id.group("id")) if trust_id else None
        entry["trust_raw"] = value or None
        entries.append(entry)
    if overall is None and not entries:
        return None
    facts = {"installed_on": None, "installed_on_raw": None, "type": None, "attributes": None, "entries": entries,
             "source": "other_info", "overall_trust": overall}
    if overall is not None:
        facts["installed"] = overall.upper().startswith("INSTALLED")
    else:
        facts["installed"] = any(entry["installed"] for entry in entries)
    facts["all_installed"] = all(entry["installed"] for entry in entries) if entries else facts["installed"]
    facts["missing"] = [entry.get("udi") for entry in entries if not entry["installed"]]
    return facts
