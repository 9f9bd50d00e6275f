# -*- coding: utf-8 -*-
# Copyright: contributors to smartlic.slp
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Parse ``show license all`` (IOS XE, NX-OS).

The ``Smart Licensing Status`` chapter is the status part, normalised by
:func:`show_license_status.status_facts`. The other chapters add (docs/facts.md):
``licenses`` (``License Usage``), ``udi`` and ``ha_udis`` (``Product
Information``), ``agent_version``, ``authorizations`` (``License
Authorizations``), ``usage_report_summary`` and ``telemetry``.
:func:`chapter_facts` is shared with ``show license tech support``.

Pure Python, no Ansible imports, never raises.
"""

from __future__ import annotations

import re

from ansible_collections.smartlic.slp.plugins.module_utils.parsers.common import clean, never_raises, to_int
from ansible_collections.smartlic.slp.plugins.module_utils.parsers.license_tree import finish, read
from ansible_collections.smartlic.slp.plugins.module_utils.parsers.show_license_authorization import KNOWN_TEXT as AUTHORIZATION_TEXT
from ansible_collections.smartlic.slp.plugins.module_utils.parsers.show_license_authorization import authorization_facts
from ansible_collections.smartlic.slp.plugins.module_utils.parsers.show_license_status import KNOWN_TEXT as STATUS_TEXT
from ansible_collections.smartlic.slp.plugins.module_utils.parsers.show_license_status import status_facts
from ansible_collections.smartlic.slp.plugins.module_utils.parsers.show_license_udi import udi_facts
from ansible_collections.smartlic.slp.plugins.module_utils.parsers.show_license_usage import license_entries

COMMAND = "show license all"
_NO_LICENSES = re.compile(r"^No licen[sc]es in use\.?$", re.IGNORECASE)
KNOWN_TEXT = STATUS_TEXT + AUTHORIZATION_TEXT + (_NO_LICENSES,)
CHAPTERS = ("smart_licensing_status", "license_usage", "product_information", "agent_version", "license_authorizations",
            "usage_report_summary", "reservation_info")


def chapter_facts(tree):
    """Normalised chapters of 'show license all' (and of tech support): licenses, udi, agent, authorizations, usage report summary."""
    facts = {}
    root = tree.root
    usage = root.find("license_usage")
    if usage is not None:
        facts["licenses"] = license_entries(usage)
        facts["no_licenses_in_use"] = any(_NO_LICENSES.match(line) for line in usage.text)
    product = root.find("product_information")
    if product is not None:
        udi = udi_facts(product)
        facts["udi"] = dict(udi["udi"] or {"pid": None, "sn": None, "udi": None})
        facts["udi"]["entries"] = udi["entries"]
        facts["udi"]["ha"] = udi["ha"]
        facts["ha_udis"] = [entry for entry in udi["entries"] if entry.get("role")]
    agent = root.find("agent_version")
    if agent is not None:
        facts["agent_version"] = clean(agent.get("smart_agent_for_licensing"))
    authorizations = root.find("license_authorizations")
    if authorizations is not None:
        facts["authorizations"] = authorization_facts(authorizations)
    summary = root.find("usage_report_summary")
    if summary is not None:
        facts["usage_report_summary"] = summary_facts(summary)
    return facts


def summary_facts(node):
    """Usage Report Summary → ints ('Waiting for Ack: 0(10)' → waiting_for_ack 0, waiting_for_ack_raw '0(10)'); words kept."""
    facts = {}
    for child in node.children:
        raw = clean(child.content())
        number = to_int(raw)
        if raw is not None and number is not None and re.match(r"^-?\d", raw):
            facts[child.key] = number
            if raw != str(number):
                facts[child.key + "_raw"] = raw
        else:
            facts[child.key] = raw
    return facts


def recognised(facts, tree):
    return bool(facts.get("_recognised")) or any(tree.root.find(name) is not None for name in CHAPTERS)


@never_raises(COMMAND)
def parse(text, platform=None, lines=None):  # pylint: disable=unused-argument
    """``show license all`` text → facts dict (docs/facts.md). Never raises."""
    tree = read(text, lines)
    facts = status_facts(tree)
    facts.update(chapter_facts(tree))
    facts["_recognised"] = recognised(facts, tree)
    return finish(tree, COMMAND, facts, KNOWN_TEXT)
