# -*- coding: utf-8 -*-
# Copyright: contributors to smartlic.slp
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Parse ``show license udi`` (IOS XE, NX-OS).

Two shapes:

- Smart Licensing: ``UDI: PID:…,SN:…`` and, on HA set-ups and stacks, an
  ``HA UDI List:`` of ``Active:``/``Standby:``/``Member:`` UDIs;
- legacy licensing (pre-SLP): a ``SlotID PID SN UDI`` table.

Result (docs/facts.md): ``{entries: [{role, pid, sn, udi}], ha: bool, udi}``;
``udi`` is always ``PID:<pid>,SN:<sn>``. :func:`udi_facts` is shared with the
"Product Information" chapter of ``show license all`` / ``tech support``.

Pure Python, no Ansible imports, never raises.
"""

from __future__ import annotations

import re

from ansible_collections.smartlic.slp.plugins.module_utils.parsers.common import clean, never_raises
from ansible_collections.smartlic.slp.plugins.module_utils.parsers.license_tree import finish, read, udi_entry

COMMAND = "show license udi"

_LEGACY_HEADER = re.compile(r"^\s*SlotID\s+PID\s+SN\s+UDI\s*$", re.IGNORECASE)
_LEGACY_ROW = re.compile(r"^\s*(?P<slot>\S+)\s+(?P<pid>\S+)\s+(?P<sn>\S+)\s+(?P<udi>\S+:\S+)\s*$")
_DASHES = re.compile(r"^\s*-{5,}\s*$")


def udi_facts(node):
    """{'udi': {pid, sn, udi}|None, 'entries': [{role, pid, sn, udi}], 'ha': bool} of a node holding 'UDI:' / 'HA UDI List:'."""
    main = udi_entry(None, node.get("udi")) if node is not None else None
    entries = []
    ha_list = node.find("ha_udi_list") if node is not None else None
    if ha_list is not None:
        for child in ha_list.children:
            entry = udi_entry(child.title, child.value)
            if entry is not None:
                entries.append(entry)
    if not entries and main is not None:
        entries.append(dict(main))
    facts = {"udi": None, "entries": entries, "ha": len(entries) > 1}
    if main is not None:
        facts["udi"] = {key: main[key] for key in ("pid", "sn", "udi")}
    return facts


@never_raises(COMMAND)
def parse(text, platform=None, lines=None):  # pylint: disable=unused-argument
    """``show license udi`` text → ``{entries, ha, udi, era}``. Never raises."""
    tree = read(text, lines)
    legacy = _legacy_rows(tree)
    if legacy is not None:
        facts = {"_recognised": True, "era": "pre_slp", "entries": legacy, "ha": len(legacy) > 1,
                 "udi": {key: legacy[0][key] for key in ("pid", "sn", "udi")} if legacy else None}
        return finish(tree, COMMAND, facts, (_LEGACY_HEADER, _LEGACY_ROW, _DASHES), sections=False)
    facts = udi_facts(tree.root)
    facts["_recognised"] = facts["udi"] is not None or bool(facts["entries"])
    facts["era"] = None
    return finish(tree, COMMAND, facts, ())


def _legacy_rows(tree):
    """Entries of the legacy SlotID table, or None when the output is not one."""
    lines = list(tree.root.text)
    if not any(_LEGACY_HEADER.match(line.expandtabs(8)) for line in lines):
        return None
    entries = []
    for line in lines:
        match = _LEGACY_ROW.match(line.expandtabs(8))
        if not match or _LEGACY_HEADER.match(line.expandtabs(8)):
            continue
        pid, serial = match.group("pid"), match.group("sn")
        entries.append({"role": None, "pid": pid, "sn": serial, "udi": "PID:%s,SN:%s" % (pid, serial),
                        "slot": clean(match.group("slot")), "udi_raw": match.group("udi")})
    return entries
