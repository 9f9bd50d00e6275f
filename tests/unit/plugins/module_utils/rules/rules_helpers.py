# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Shared by the rules tests: read a fixture capture with the real capture reader and parsers, then diagnose it."""

from __future__ import annotations

import os

from ansible_collections.smartlic.slp.plugins.module_utils import capture
from ansible_collections.smartlic.slp.plugins.module_utils.parsers import registry
from ansible_collections.smartlic.slp.plugins.module_utils.rules import engine

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.join(HERE, "fixtures")
ACTIONABLE = ("critical", "error", "warning")


def read(name):
    with open(os.path.join(FIXTURES, name), encoding="utf-8") as handle:
        return handle.read()


def facts_from_text(text, platform=None):
    """(facts keyed by canonical command, messages, platform) of a capture, through capture.py and the parser registry."""
    result = capture.read_capture(text, platform)
    found = result["platform"] or platform
    facts = {}
    for section in result["sections"]:
        if section["canonical"]:
            facts[section["canonical"]] = registry.parse_output(section["command"], section["output"], found)
    return facts, result["messages"], found


def diagnose_text(text, platform=None, **kwargs):
    facts, messages, found = facts_from_text(text, platform)
    return engine.diagnose(facts, messages, found, **kwargs)


def diagnose_fixture(name, platform=None, **kwargs):
    return diagnose_text(read(name), platform, **kwargs)


def actionable(findings):
    return [finding for finding in findings if finding["severity"] in ACTIONABLE]


def actionable_ids(findings):
    return sorted({finding["id"] for finding in actionable(findings)})


def only(findings, finding_id):
    """The one finding with this id (fails the test when there is not exactly one)."""
    found = [finding for finding in findings if finding["id"] == finding_id]
    assert len(found) == 1, "expected one %s finding, got %s" % (finding_id, [(f["id"], f["severity"], f["title"]) for f in findings])
    return found[0]


def evidence_text(finding):
    """Every evidence value, line and note of a finding as one string (for 'the evidence names X' checks)."""
    parts = []
    for item in finding["evidence"]:
        for key in ("source", "field", "value", "line", "note"):
            if key in item and item[key] is not None:
                parts.append(str(item[key]))
    return "\n".join(parts)


def assert_shape(finding):
    """The finding shape of docs/facts.md."""
    assert set(finding) >= {"id", "severity", "title", "explanation", "evidence", "remediation", "topology"}
    assert finding["severity"] in ("critical", "error", "warning", "info")
    assert isinstance(finding["title"], str) and finding["title"]
    assert isinstance(finding["explanation"], str) and finding["explanation"]
    assert isinstance(finding["evidence"], list)
    for item in finding["evidence"]:
        assert "source" in item
    remediation = finding["remediation"]
    assert set(remediation) == {"role", "action", "commands", "manual_steps"}
    assert remediation["role"] in (None, "ntp", "dns", "transport", "trustpoint", "trust_token", "sync")
    assert all(isinstance(line, str) for line in remediation["commands"])
    for number, step in enumerate(remediation["manual_steps"], 1):
        assert step.startswith("%d. " % number)
    assert finding["topology"] in (None, "direct_smart", "cslu_push", "cslu_pull", "onprem", "callhome", "offline")
    assert finding["confidence"] in ("high", "medium", "low")
