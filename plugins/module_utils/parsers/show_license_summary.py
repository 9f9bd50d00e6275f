# -*- coding: utf-8 -*-
# Copyright: contributors to smartlic.slp
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Parse ``show license summary`` (IOS XE, NX-OS).

The ``License Usage:`` table (``License  Entitlement Tag  Count Status``) and
what may precede it: ``Account Information`` (SLP) or, in registration-era
output, ``Smart Licensing is ENABLED`` with ``Registration`` and ``License
Authorization`` blocks (read by the shared status code). Result
(docs/facts.md): ``{licenses: [{name, entitlement, count, status}], account,
era, ...}``.

Pure Python, no Ansible imports, never raises.
"""

from __future__ import annotations

import re

from ansible_collections.smartlic.slp.plugins.module_utils.parsers.common import clean, never_raises
from ansible_collections.smartlic.slp.plugins.module_utils.parsers.license_tree import finish, read
from ansible_collections.smartlic.slp.plugins.module_utils.parsers.show_license_status import KNOWN_TEXT as STATUS_TEXT
from ansible_collections.smartlic.slp.plugins.module_utils.parsers.show_license_status import status_facts
from ansible_collections.smartlic.slp.plugins.module_utils.parsers.show_license_usage import era_from_statuses

COMMAND = "show license summary"

_HEADER = re.compile(r"^\s*License\s+Entitlement\s+tag\s+Count\s+Status\s*$", re.IGNORECASE)
_DASHES = re.compile(r"^\s*-{5,}\s*$")
# "network-advantage       (C9300-24 Network Advan...)       2 IN USE"
_ROW = re.compile(r"^\s*(?P<name>\S.*?)\s+\((?P<tag>[^()]*(?:\([^()]*\)[^()]*)*)\)\s+(?P<count>\d+)\s+(?P<status>\S.*?)\s*$")
_NO_LICENSES = re.compile(r"^\s*No licen[sc]es in use\.?\s*$", re.IGNORECASE)
KNOWN_TEXT = STATUS_TEXT + (_HEADER, _DASHES, _ROW, _NO_LICENSES)


def table_rows(lines):
    """Licenses of the summary table rows among `lines`."""
    licenses = []
    for line in lines:
        # A row holds the entitlement tag in parentheses.
        match = _ROW.match(line) if "(" in line else None
        if match:
            licenses.append({"name": clean(match.group("name")), "entitlement": clean(match.group("tag")),
                             "count": int(match.group("count")), "status": clean(match.group("status"))})
    return licenses


@never_raises(COMMAND)
def parse(text, platform=None, lines=None):  # pylint: disable=unused-argument
    """``show license summary`` text → ``{licenses, account, era, ...}``. Never raises."""
    tree = read(text, lines)
    lines = [line for node in tree.root.walk() for line in node.text]
    licenses = table_rows(lines)
    table = any(_HEADER.match(line) for line in lines) or tree.root.find("license_usage") is not None
    status = status_facts(tree)
    facts = {key: value for key, value in status.items() if key not in ("era", "smart_licensing_enabled", "slp_enabled", "reporting_mode")}
    facts["_recognised"] = bool(licenses) or table or status.get("_recognised", False)
    facts["licenses"] = licenses
    facts["no_licenses_in_use"] = any(_NO_LICENSES.match(line) for line in lines)
    era = status.get("era") if status.get("era") == "pre_slp" else None
    facts["era"] = era or era_from_statuses(licenses) or status.get("era")
    if status.get("smart_licensing_enabled") is not None:
        facts["smart_licensing_enabled"] = status["smart_licensing_enabled"]
    return finish(tree, COMMAND, facts, KNOWN_TEXT)
