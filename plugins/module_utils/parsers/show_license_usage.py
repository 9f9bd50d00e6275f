# -*- coding: utf-8 -*-
# Copyright: contributors to smartlic.slp
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Parse ``show license usage`` (IOS XE and NX-OS).

Shapes:

- IOS XE and NX-OS 10.x (Smart Licensing Using Policy): one block per
  license, ``name (entitlement tag):`` (NX-OS: ``(TAG):``) with
  ``Description``, ``Count``, ``Status``, … below;
- tech-support ``Handle: N`` blocks (``License:``, ``Entitlement Tag:``,
  ``Status: IN USE(15)``, ``Measurements``), read by :func:`license_entries`
  for ``show license tech support`` and ``show license all``;
- NX-OS 9.x (traditional licensing): the ``Feature Ins Lic Count Status
  Expiry Date Comments`` table.

Result (docs/facts.md): ``{licenses: [{name, entitlement, count: int|None,
status, ...}], authorization_status, era}``.

Pure Python, no Ansible imports, never raises.
"""

from __future__ import annotations

import re

from ansible_collections.smartlic.slp.plugins.module_utils.parsers.common import clean, never_raises, to_bool, to_int
from ansible_collections.smartlic.slp.plugins.module_utils.parsers.license_tree import date_field, finish, read, to_dict

COMMAND = "show license usage"

_NAME_TAG = re.compile(r"^(?P<name>.*?)\s*\((?P<tag>[^()]*(?:\([^()]*\)[^()]*)*)\)$")
_STATUS_CODE = re.compile(r"^(?P<status>.*?)\s*\((?P<code>\d+)\)$")
_DATE_KEYS = ("status_time", "request_time")
_BOOL_KEYS = ("soft_enforced",)
_NO_LICENSES = re.compile(r"^No licen[sc]es in use\.?$", re.IGNORECASE)

# NX-OS 9.x table.
_NX_HEADER = re.compile(r"^\s*Feature\s+Ins\s+Lic\s+Status\s+Expiry Date\s+Comments\s*$", re.IGNORECASE)
_NX_COUNT = re.compile(r"^\s*Count\s*$", re.IGNORECASE)
_NX_DASHES = re.compile(r"^\s*-{5,}\s*$")
_NX_ROW = re.compile(r"^(?P<feature>\S+)\s+(?P<ins>Yes|No)\s+(?P<count>\d+|-)\s+(?P<rest>\S.*)$", re.IGNORECASE)
_NX_STATUS = re.compile(r"^(?P<status>In use|Unused|Unlicensed|Expired|Grace|\S+)\s*(?P<tail>.*)$", re.IGNORECASE)
_NX_GRACE = re.compile(r"Grace\s+(?P<left>.+)$", re.IGNORECASE)
KNOWN_TEXT = (_NX_HEADER, _NX_COUNT, _NX_DASHES, _NX_ROW, _NO_LICENSES)


def license_entries(node):
    """Licenses of a node whose children are 'name (tag):' blocks or 'Handle: N' blocks (in order)."""
    licenses = []
    if node is None:
        return licenses
    for child in node.children:
        if child.key == "handle" and child.children:
            licenses.append(_handle_entry(child))
            continue
        if not child.children or child.value is not None:
            continue
        match = _NAME_TAG.match(child.title or "")
        if match:
            licenses.append(_block_entry(child, match))
    return licenses


def _fields(node, entry):
    """Copy a license block's keys into `entry`: counts as int, dates as ISO, flags as bool, the status split from its code."""
    for item in node.children:
        key = item.key
        if item.children:
            entry[key] = to_dict(item)
            continue
        raw = clean(item.content())
        if key == "count":
            entry["count"] = to_int(raw)
        elif key == "status":
            entry["status_raw"] = raw
            code = _STATUS_CODE.match(raw or "")
            entry["status"] = code.group("status") if code else raw
            entry["status_code"] = int(code.group("code")) if code else None
        elif key in _DATE_KEYS:
            date_field(entry, key, raw)
        elif key in _BOOL_KEYS:
            entry[key] = to_bool(raw)
        else:
            entry[key] = raw
    return entry


def _block_entry(node, match):
    name, tag = clean(match.group("name")), clean(match.group("tag"))
    entry = {"name": name or tag, "entitlement": tag, "count": None, "status": None}
    return _fields(node, entry)


def _handle_entry(node):
    entry = {"name": None, "entitlement": None, "count": None, "status": None, "handle": to_int(node.value)}
    _fields(node, entry)
    entry["name"] = entry.pop("license", None)
    return entry


def nxos_table(lines):
    """Licenses of the NX-OS 9.x 'Feature Ins Lic Count Status Expiry Date Comments' table, or None when absent."""
    header = next((line for line in lines if _NX_HEADER.match(line)), None)
    if header is None:
        return None
    status_at, expiry_at, comments_at = header.find("Status"), header.find("Expiry"), header.find("Comments")
    licenses = []
    for line in lines:
        match = _NX_ROW.match(line.strip())
        if not match or _NX_HEADER.match(line):
            continue
        row = line.rstrip()
        if line.startswith(match.group("feature")) and 0 < status_at < expiry_at < comments_at and len(row) > status_at:
            status = row[status_at:expiry_at].strip()
            expiry = row[expiry_at:comments_at].strip()
            comments = row[comments_at:].strip()
        else:
            parts = _NX_STATUS.match(match.group("rest"))
            status, tail = parts.group("status"), parts.group("tail").split(None, 1)
            expiry = tail[0] if tail else ""
            comments = tail[1] if len(tail) > 1 else ""
        count = match.group("count")
        grace = _NX_GRACE.search(comments)
        licenses.append({
            "name": match.group("feature"),
            "entitlement": None,
            "count": int(count) if count.isdigit() else None,
            "status": status or None,
            "in_use": status.lower() == "in use" if status else None,
            "installed": match.group("ins").lower() == "yes",
            "expiry": clean(expiry),
            "comments": clean(comments),
            "grace_left": grace.group("left").strip() if grace else None,
        })
    return licenses


_SLP_STATUS = re.compile(r"^(?:NOT )?IN USE$", re.IGNORECASE)
_PRE_SLP_STATUS = re.compile(r"AUTHORI[SZ]ED|OUT OF COMPLIANCE|EVAL|REGISTERED|GRACE", re.IGNORECASE)


def era_from_statuses(licenses, authorization=None):
    """'slp' for IN USE / NOT IN USE licenses (or 'License Authorization: Not Applicable'), 'pre_slp' for AUTHORIZED/EVAL…, else None."""
    statuses = [str(entry.get("status") or "") for entry in licenses]
    if authorization is not None and str(authorization.get("status") or "").strip().lower() == "not applicable":
        return "slp"
    if any(_PRE_SLP_STATUS.search(status) for status in statuses):
        return "pre_slp"
    if any(_SLP_STATUS.match(status.strip()) for status in statuses):
        return "slp"
    return None


@never_raises(COMMAND)
def parse(text, platform=None, lines=None):  # pylint: disable=unused-argument
    """``show license usage`` text → ``{licenses, authorization_status, era}``. Never raises."""
    tree = read(text, lines)
    table = nxos_table(list(tree.root.raw_text))
    if table is not None:
        facts = {"_recognised": True, "era": "pre_slp", "licenses": table, "authorization_status": None}
        return finish(tree, COMMAND, facts, KNOWN_TEXT, sections=False)
    licenses = license_entries(tree.root)
    authorization = tree.root.find("license_authorization")
    no_licenses = any(_NO_LICENSES.match(line) for line in tree.root.text)
    facts = {
        "_recognised": bool(licenses) or authorization is not None or no_licenses,
        "era": era_from_statuses(licenses, authorization),
        "licenses": licenses,
        "authorization_status": clean(authorization.get("status")) if authorization is not None else None,
    }
    return finish(tree, COMMAND, facts, KNOWN_TEXT)
