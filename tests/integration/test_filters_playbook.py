# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The filters in a real ansible-playbook run: FQCN lookup, 2.19 lazy containers, clear errors."""

from __future__ import annotations

import os

import pytest

from tests.playbook_runner import ROOT, run_playbook

pytestmark = pytest.mark.integration


def test_filters_in_a_play(tmp_path):
    playbook = os.path.join(ROOT, "tests", "integration", "playbooks", "filters.yml")
    run = run_playbook(tmp_path, playbook, timeout=300)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "ok=4 " in run.stdout and "failed=0" in run.stdout and "ignored=1" in run.stdout
    assert "Traceback" not in run.stdout + run.stderr
