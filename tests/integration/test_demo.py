# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""make demo on two of its devices, with the lab's realistic delays: progress lines, the table, pending, pointers.

nxos-report_ack_overdue needs a sync; CSSM's ACK takes about 15 minutes (the lab's default delay), longer than the
sync role waits (120 s), so its row must say pending with when to look again, not failed. ios-healthy needs nothing.
Runtime: about 4 minutes (the sync role's wait).
"""

from __future__ import annotations

import os

import pytest

from tests import demo

pytestmark = pytest.mark.integration


def test_demo_shows_progress_pending_and_where_things_are(tmp_path, capsys):
    workdir = tmp_path / "demo"
    code = demo.main(["--workdir", str(workdir), "--scenario", "nxos-report_ack_overdue.yml", "--scenario", "ios-healthy.yml"])
    out = capsys.readouterr().out
    assert code == 0, out
    lines = out.splitlines()
    for title in ("1. diagnose", "2. remediate --check --diff", "3. remediate", "4. diagnose again"):
        running = [index for index, line in enumerate(lines) if line.startswith(title) and "running" in line]
        done = [index for index, line in enumerate(lines) if line.startswith(title) and " rc=" in line]
        assert running and done and running[0] < done[0], (title, out)
    row = next(line for line in lines if line.startswith("nxos-report-ack-overdue "))
    assert "report_ack_overdue" in row and "pending: sync pending (re-run diagnose after " in row, row
    assert next(line for line in lines if line.startswith("ios-healthy ")).split()[-1] in ("ok", "info"), out
    summary = os.path.join(str(workdir), "remediation", "remediation", "summary.md")
    assert "What was sent, per device: %s" % summary in out
    with open(summary, encoding="utf-8") as handle:
        assert "license smart sync" in handle.read()
    assert os.path.isfile(os.path.join(str(workdir), "3.log"))
