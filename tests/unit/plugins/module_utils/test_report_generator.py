# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Every report says which collection and version wrote it, and that version is galaxy.yml's."""

from __future__ import annotations

import json
import os

import yaml

from ansible_collections.smartlic.slp.plugins.module_utils import pipeline, report
from ansible_collections.smartlic.slp.tests.unit.plugins.diagnosis_fixtures import captures

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))))


def test_version_is_galaxy_version():
    with open(os.path.join(ROOT, "galaxy.yml"), encoding="utf-8") as handle:
        galaxy = yaml.safe_load(handle)
    assert report.COLLECTION_NAME == "%s.%s" % (galaxy["namespace"], galaxy["name"])
    assert report.COLLECTION_VERSION == galaxy["version"]


def test_every_report_names_its_generator(tmp_path):
    result = pipeline.analyze_text(captures.syslog_only_capture(), name="c9200")
    report.write_reports(str(tmp_path), [result], generated_at="2026-11-23T10:00:00Z")
    expected = {"name": "smartlic.slp", "version": report.COLLECTION_VERSION}
    assert json.loads((tmp_path / "c9200.json").read_text(encoding="utf-8"))["generator"] == expected
    assert json.loads((tmp_path / report.FLEET_JSON).read_text(encoding="utf-8"))["generator"] == expected
    stamp = "by smartlic.slp %s" % report.COLLECTION_VERSION
    assert stamp in (tmp_path / report.FLEET_MARKDOWN).read_text(encoding="utf-8")
    assert stamp in (tmp_path / report.FLEET_HTML).read_text(encoding="utf-8")
