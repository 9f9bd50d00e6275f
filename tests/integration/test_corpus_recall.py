# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""How much of genieparser's expected values our parsers recover, with ../shared/tools/corpus_recall.py.

The tool writes one capture per genie-labelled output of ../shared/corpus; the offline diagnose playbook
reads them and writes a report per capture; the tool scores the facts in those reports.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

from tests.playbook_runner import ROOT, run_playbook

pytestmark = pytest.mark.integration

SHARED = os.path.join(os.path.dirname(ROOT), "shared")
TOOL = os.path.join(SHARED, "tools", "corpus_recall.py")
CORPUS = os.path.join(SHARED, "corpus")
SCORE = re.compile(r"corpus: (\d+) genie-labelled outputs, mean value recall ([\d.]+), (\d+) below 0.90")


@pytest.mark.skipif(not os.path.isfile(TOOL), reason="../shared/tools/corpus_recall.py is not beside the repository")
def test_parsers_recover_genieparsers_values(tmp_path):
    captures, reports = tmp_path / "captures", tmp_path / "reports"
    subprocess.run([sys.executable, TOOL, "build", CORPUS, str(captures)], check=True, capture_output=True, timeout=120)
    assert len(os.listdir(captures)) >= 30
    run = run_playbook(tmp_path, "smartlic.slp.diagnose", "-e", "smartlic_capture_dir=%s" % captures, "-e", "smartlic_report_dir=%s" % reports,
                       timeout=600)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-2000:]
    scored = subprocess.run([sys.executable, TOOL, "score", CORPUS, str(reports)], check=False, capture_output=True, text=True, timeout=120)
    match = SCORE.search(scored.stdout)
    assert match, scored.stdout + scored.stderr
    outputs, recall, below = int(match.group(1)), float(match.group(2)), int(match.group(3))
    assert outputs >= 30
    assert below == 0, scored.stdout
    assert recall >= 0.99, scored.stdout
    assert scored.returncode == 0
