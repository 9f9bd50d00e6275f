# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The shared lab fleet fixture, and the order test files start in (the longest first).

`make test` runs pytest on 3 xdist workers, one test file at a time each (--dist loadfile, --no-loadscope-reorder:
the files are handed out in collection order). Starting the longest integration files first keeps one
worker from running a long file alone at the end. LONGEST_FIRST is measured (pytest --durations, setup
included), longest first; files not listed follow, then the unit tests, each in their usual order.
"""

from __future__ import annotations

import os

import pytest

from tests.integration import shared_fleet

HERE = os.path.dirname(os.path.abspath(__file__))
LONGEST_FIRST = ["test_remediate.py", "test_report_matches_check.py", "test_topologies.py", "test_trustpoint_certificate.py",
                 "test_rejections.py", "test_remediate_exec.py", "test_demo.py", "test_role_readmes.py", "test_input_checks.py",
                 "test_remediate_reload.py", "test_own_inventory.py", "test_healthy_unchanged.py", "test_lab_smoke.py",
                 "test_release_gating.py", "test_secrets.py", "test_broken_reads.py", "test_device_faults.py"]


def _rank(item):
    path = str(item.path)
    if os.path.dirname(path) != HERE:
        return len(LONGEST_FIRST) + 1
    name = os.path.basename(path)
    return LONGEST_FIRST.index(name) if name in LONGEST_FIRST else len(LONGEST_FIRST)


def pytest_collection_modifyitems(items):
    """Longest integration files first; a stable sort, so each file's tests stay together and in order."""
    items.sort(key=_rank)


@pytest.fixture(name="shared_fleet", scope="session")
def fixture_shared_fleet(tmp_path_factory):
    """The lab fleet and runs of tests/integration/shared_fleet.py, made once per session."""
    return shared_fleet.run_fleet(tmp_path_factory.mktemp("shared_fleet"))
