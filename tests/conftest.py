"""Make the collection importable as ansible_collections.smartlic.slp for pytest.

With pytest-xdist's --dist loadfile, the test files of tests/integration/shared_fleet.py FILES form one work
unit: they share one lab fleet (a session fixture), so they run on one worker and the fleet is built once.
"""
from __future__ import annotations

import os

import pytest

from tests import collection_path  # noqa: F401  pylint: disable=unused-import

SHARED_FLEET_FILES = ("test_report_matches_check.py", "test_topologies.py", "test_trustpoint_certificate.py")


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    """--dist loadfile, except that the files sharing the lab fleet are one unit."""
    if config.getvalue("dist") != "loadfile":
        return None
    from xdist.scheduler import LoadFileScheduling  # pylint: disable=import-outside-toplevel

    class SharedFleetScheduling(LoadFileScheduling):
        def _split_scope(self, nodeid):
            path = nodeid.split("::", 1)[0]
            return "shared lab fleet" if os.path.basename(path) in SHARED_FLEET_FILES else path

    return SharedFleetScheduling(config, log)
