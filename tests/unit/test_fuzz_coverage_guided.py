# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""A bounded coverage-guided fuzz run (atheris, tests/fuzz/coverage_guided.py) from the real captures.

Fixed seed and budget, so a failure here is reproducible: the input that failed is written to crash-* in the
working folder and libFuzzer's report is in the assertion message. For a longer run:
python -m tests.fuzz.coverage_guided -max_total_time=600 SEED_DIR
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SEEDS = [os.path.join(ROOT, "tests", "integration", "fixtures", "captures"),
         os.path.join(ROOT, "tests", "unit", "plugins", "module_utils", "rules", "fixtures")]
RUNS = 3000


def test_coverage_guided_fuzzing_finds_nothing(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for folder in SEEDS:
        for path in glob.glob(os.path.join(folder, "*.txt")):
            shutil.copy(path, corpus)
    assert len(os.listdir(corpus)) >= 20
    run = subprocess.run([sys.executable, "-m", "tests.fuzz.coverage_guided", "-runs=%d" % RUNS, "-seed=1", "-max_len=16384",
                          "-timeout=30", "-rss_limit_mb=2048", "-artifact_prefix=%s/" % tmp_path, str(corpus)],
                         cwd=ROOT, capture_output=True, text=True, timeout=900, check=False)
    report = run.stderr[-4000:]
    assert run.returncode == 0, report
    assert "Done %d runs" % RUNS in run.stderr, report
    assert not glob.glob(str(tmp_path / "crash-*")), report
