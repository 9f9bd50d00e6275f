# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""docs/diagnosis.md's troubleshooting map is the one scripts/diagnosis_map.py makes from the code today.

When this fails after a change to the catalog, the topology flows or the remediation plan, run
``python scripts/diagnosis_map.py`` and commit docs/diagnosis.md.
"""

from __future__ import annotations

import importlib.util
import os

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))


def _generator():
    spec = importlib.util.spec_from_file_location("diagnosis_map", os.path.join(ROOT, "scripts", "diagnosis_map.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_doc_holds_the_current_map():
    generator = _generator()
    text = generator.current_doc()
    assert generator.BEGIN in text and generator.END in text
    assert generator.updated(text) == text, "docs/diagnosis.md is not current: run python scripts/diagnosis_map.py"


def test_the_map_covers_every_message_finding_and_topology():
    generator = _generator()
    rendered = generator.render()
    catalog, topology = generator.catalog, generator.topology
    for event in catalog.event_names(in_seed=True):
        for spec in catalog.get(event)["platforms"].values():
            if spec:
                assert "`%%%s-%s-%s`" % (spec["facility"], spec["severity"], spec["mnemonic"]) in rendered
    for fid in catalog.FINDING_IDS:
        assert "| `%s` |" % fid in rendered
    for flow in topology.FLOWS:
        assert "`%s`" % flow in rendered


def test_devices_that_do_not_initiate_are_never_told_to_sync():
    generator = _generator()
    rows = [line for line in generator.render().splitlines() if line.startswith("| `report_ack_overdue` |")]
    cells = [cell.strip() for cell in rows[0].strip("|").split("|")][1:]
    flows = list(generator.topology.FLOWS)
    by_flow = dict(zip(flows, cells))
    for flow in ("cslu_pull", "cslu_disconnected_pull", "onprem_pull", "controller"):
        assert by_flow[flow] == "manual", flow
    for flow in ("direct_smart", "cslu_push", "cslu_disconnected_push", "onprem_push", "callhome", "offline"):
        assert by_flow[flow] == "`sync`", flow
