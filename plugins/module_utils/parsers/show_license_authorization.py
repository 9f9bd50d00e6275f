# -*- coding: utf-8 -*-
# Copyright: contributors to smartlic.slp
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Parse ``show license authorization`` (IOS XE).

``Overall status:`` lists each UDI (HA members included) with the state of its
authorization code (SLAC); ``Purchased Licenses:`` and ``Derived Licenses:``
follow. Result (docs/facts.md): ``{udis: [{role, pid, sn, udi, status,
status_on, ...}], status, purchased_licenses, ...}``; ``status`` is the
active (first) UDI's. :func:`authorization_facts` is shared with the
"License Authorizations" chapter of ``show license all``.

Pure Python, no Ansible imports, never raises.
"""

from __future__ import annotations

import re

from ansible_collections.smartlic.slp.plugins.module_utils.parsers.common import clean, never_raises
from ansible_collections.smartlic.slp.plugins.module_utils.parsers.license_tree import (
    date_field,
    finish,
    read,
    split_on_date,
    to_dict,
    udi_entry,
)

COMMAND = "show license authorization"
_NO_INFO = re.compile(r"^No (?:Purchase Information Available|\w+ Information Available|(?:\w+ )?licen[sc]es? (?:in use|available|found))", re.IGNORECASE)
KNOWN_TEXT = (_NO_INFO,)


def authorization_facts(node):
    """{'udis', 'status', 'purchased_licenses', 'derived_licenses', 'last_data_push', 'last_file_export'} of a node holding 'Overall status:'."""
    facts = {"udis": [], "status": None, "status_on": None, "status_on_raw": None}
    overall = node.find("overall_status")
    if overall is not None:
        for child in overall.children:
            entry = udi_entry(child.title, child.value)
            if entry is None:
                continue
            word, date = split_on_date(child.get("status"))
            entry["status"] = word
            date_field(entry, "status_on", date)
            for item in child.children:
                if item.key != "status":
                    entry[item.key] = to_dict(item) if item.children else clean(item.content())
            facts["udis"].append(entry)
    if facts["udis"]:
        first = facts["udis"][0]
        facts["status"], facts["status_on"], facts["status_on_raw"] = first["status"], first["status_on"], first["status_on_raw"]
    facts["purchased_licenses"] = _license_list(node.find("purchased_licenses"))
    facts["derived_licenses"] = _license_list(node.find("derived_licenses"))
    for name in ("last_data_push", "last_file_export"):
        if node.find(name) is not None:
            date_field(facts, name, node.get(name))
    return facts


def _license_list(node):
    """The items of a 'Purchased/Derived Licenses:' block ([] for 'No Purchase Information Available'), None when absent."""
    if node is None:
        return None
    items = []
    for line in node.text:
        text = clean(line.rstrip("#").strip())
        if text and not _NO_INFO.match(text):
            items.append(text)
    for child in node.children:
        items.append({child.key: to_dict(child) if child.children else clean(child.content())})
    return items


@never_raises(COMMAND)
def parse(text, platform=None, lines=None):  # pylint: disable=unused-argument
    """``show license authorization`` text → ``{udis, status, purchased_licenses, ...}``. Never raises."""
    tree = read(text, lines)
    node = tree.root
    facts = authorization_facts(node)
    facts["_recognised"] = node.find("overall_status") is not None or node.find("purchased_licenses") is not None
    return finish(tree, COMMAND, facts, KNOWN_TEXT)
