# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Tests of plugins/module_utils/report.py on results of real captures."""

from __future__ import annotations

import json
import os
from html.parser import HTMLParser

import pytest

from ansible_collections.smartlic.slp.plugins.module_utils import pipeline, report
from ansible_collections.smartlic.slp.tests.unit.plugins.diagnosis_fixtures import captures

VOID = {"meta", "br", "link", "img", "input", "hr"}


class TagBalance(HTMLParser):
    """Collects tag-nesting errors and every text node."""

    def __init__(self):
        super().__init__()
        self.stack, self.errors, self.texts = [], [], []

    def handle_starttag(self, tag, attrs):
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.errors.append("unexpected </%s> (open: %s)" % (tag, self.stack[-3:]))
        else:
            self.stack.pop()

    def handle_data(self, data):
        self.texts.append(data)


@pytest.fixture(name="diagnosed")
def fixture_diagnosed():
    """A device result with real findings (the C9200 log: cslu-local unresolved, clock not authoritative)."""
    return pipeline.analyze_text(captures.syslog_only_capture(), name="c9200")


def test_device_json_holds_the_contract_keys(tmp_path, diagnosed):
    written = report.write_reports(str(tmp_path), [diagnosed], generated_at="2026-11-23T10:00:00Z")
    document = json.loads((tmp_path / "c9200.json").read_text(encoding="utf-8"))
    for key in ("host", "platform", "facts", "messages", "findings"):
        assert key in document
    assert document["host"] == "C9200-Standalone"
    assert document["platform"] == "ios"
    assert len(document["messages"]) == 10
    assert document["findings"], "the C9200 log gives findings"
    for finding in document["findings"]:
        assert set(("id", "severity", "title", "evidence", "remediation")) <= set(finding)
        assert finding["severity"] in ("critical", "error", "warning", "info")
    assert document["summary"]["actionable"] == sum(1 for f in document["findings"] if f["severity"] != "info")
    assert sorted(os.path.basename(path) for path in written["files"]) == sorted(
        ["c9200.json", report.FLEET_JSON, report.FLEET_MARKDOWN, report.FLEET_HTML])


def test_fleet_summary_counts_and_lists_hosts(tmp_path, diagnosed):
    unusable = pipeline.analyze_text(captures.read("ios_switch1_blog.txt"), name="switch1")
    written = report.write_reports(str(tmp_path), [diagnosed, unusable])
    fleet = json.loads((tmp_path / report.FLEET_JSON).read_text(encoding="utf-8"))
    assert fleet == written["summary"]
    assert fleet["devices"] == 2
    assert fleet["status"]["unusable"] == 1
    assert fleet["status"]["action"] == 1
    ids = {finding["id"]: finding for finding in fleet["findings"]}
    for finding in diagnosed["findings"]:
        assert ids[finding["id"]]["hosts"] == ["C9200-Standalone"]
    hosts = {entry["host"]: entry for entry in fleet["hosts"]}
    assert hosts["Switch1"]["usable"] is False
    assert "does not read" in hosts["Switch1"]["reason"]
    assert hosts["C9200-Standalone"]["report"] == "c9200.json"


def test_html_escapes_device_text(tmp_path, diagnosed):
    # Real device lines holding '<none>' / '<empty>' and a host name with markup characters.
    status_lines = [line for line in captures.read("ios_show_license_status_genie_1.txt").splitlines() if "<none>" in line or "<empty>" in line]
    assert status_lines
    result = dict(diagnosed, host="edge<1>&\"x\"")
    result["findings"] = [dict(finding, evidence=finding["evidence"] + [{"source": "show license status", "line": line} for line in status_lines])
                          for finding in diagnosed["findings"]]
    report.write_reports(str(tmp_path), [result])
    page = (tmp_path / report.FLEET_HTML).read_text(encoding="utf-8")
    assert "<none>" not in page and "<empty>" not in page
    assert "&lt;none&gt;" in page and "&lt;empty&gt;" in page
    assert "edge&lt;1&gt;&amp;&quot;x&quot;" in page
    checker = TagBalance()
    checker.feed(page)
    checker.close()
    assert not checker.errors
    assert checker.stack == []
    shown = "".join(checker.texts)
    for line in status_lines:
        assert line.strip() in shown, "evidence line shown as text"


def test_html_grid_links_every_finding_to_its_details(tmp_path, diagnosed):
    report.write_reports(str(tmp_path), [diagnosed])
    page = (tmp_path / report.FLEET_HTML).read_text(encoding="utf-8")
    # Self-contained: no script, no external stylesheet, image or font.
    for marker in ("<script", "<link", " src=", "@import", "url("):
        assert marker not in page
    for number, finding in enumerate(sorted(diagnosed["findings"], key=lambda f: report.severity_rank(f["severity"]))):
        anchor = "dev-0-f%d" % number
        assert 'href="#%s"' % anchor in page
        assert 'id="%s"' % anchor in page
        assert ">%s<" % finding["id"] in page


def test_atomic_write_leaves_no_temporary_file(tmp_path, diagnosed):
    report.write_reports(str(tmp_path), [diagnosed], generated_at="2026-11-23T10:00:00Z")
    again = report.write_reports(str(tmp_path), [diagnosed], generated_at="2026-11-23T10:00:00Z")
    assert again["changed"] is False
    assert sorted(os.listdir(tmp_path)) == sorted(["c9200.json", report.FLEET_JSON, report.FLEET_MARKDOWN, report.FLEET_HTML])


def test_failed_replace_keeps_the_old_file_and_removes_the_temporary(tmp_path, monkeypatch):
    target = tmp_path / "r1.json"
    target.write_text("old", encoding="utf-8")

    def broken_replace(_source, _destination):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(report.os, "replace", broken_replace)
    with pytest.raises(OSError):
        report.write_atomic(str(target), "new")
    assert target.read_text(encoding="utf-8") == "old"
    assert os.listdir(tmp_path) == ["r1.json"]


def test_file_names_never_collide():
    results = [{"name": "edge-1"}, {"name": "edge-1"}, {"name": "fleet-summary"}, {"host": "a/b c"}, {}]
    names, warnings = report.assign_file_names(results)
    assert names == {0: "edge-1.json", 1: "edge-1.2.json", 2: "fleet-summary.device.json", 3: "a_b_c.json", 4: "device.json"}
    assert len(warnings) == 2


def test_markdown_tables_survive_pipes_and_newlines(diagnosed):
    result = report.normalize_device(dict(diagnosed, host="core|1\nx"))
    fleet = report.fleet_summary([result])
    text = report.render_markdown(fleet, [result])
    rows = [line for line in text.splitlines() if line.startswith("| core")]
    assert rows == [rows[0]] and "core\\|1 x" in rows[0]
    assert rows[0].count(" | ") == 8


def test_ack_deadline_shows_days_left_and_overdue():
    late = report.normalize_device({"host": "r1", "facts": {"x": {}}, "ack": {"next_ack_deadline": "2022-01-12T12:10:32Z", "days_left": -30}})
    soon = report.normalize_device({"host": "r2", "facts": {"x": {}}, "ack": {"next_ack_deadline": "2026-12-01T00:00:00Z", "days_left": 3}})
    page = report.render_html(report.fleet_summary([late, soon]), [late, soon])
    assert '<span class="late">overdue by 30 day(s)</span>' in page
    assert '<span class="soon">3 day(s) left</span>' in page


def test_summarize_orders_ids_worst_first():
    findings = [{"id": "b", "severity": "info"}, {"id": "a", "severity": "critical"}, {"id": "c", "severity": "warning"}, "noise"]
    summary = report.summarize(findings)
    assert summary["finding_ids"] == ["a", "c", "b"]
    assert summary["worst"] == "critical"
    assert summary["actionable"] == 2
    assert summary["counts"] == {"critical": 1, "error": 0, "warning": 1, "info": 1}


def test_devices_with_the_same_host_are_told_apart(diagnosed):
    first = report.normalize_device(dict(diagnosed, name="before"))
    second = report.normalize_device(dict(diagnosed, name="after"))
    fleet = report.fleet_summary([first, second])
    assert [entry["label"] for entry in fleet["hosts"]] == ["C9200-Standalone (before)", "C9200-Standalone (after)"]
    for finding in fleet["findings"]:
        assert finding["hosts"] == ["C9200-Standalone (before)", "C9200-Standalone (after)"]
    assert "C9200-Standalone (after)" in report.render_html(fleet, [first, second])


def test_reports_of_separate_runs_merge_into_one_fleet(tmp_path, diagnosed):
    """Job slices write their own folders; read_device_reports brings the devices back for one fleet report."""
    slice_one, slice_two = tmp_path / "slice-1", tmp_path / "slice-2"
    report.write_reports(str(slice_one), [diagnosed])
    other = dict(diagnosed, host="edge-2", name="edge-2")
    report.write_reports(str(slice_two), [other])
    (slice_two / "broken.json").write_text("{not json", encoding="utf-8")
    merged, warnings = [], []
    for folder in (slice_one, slice_two, tmp_path / "missing"):
        results, problems = report.read_device_reports(str(folder))
        merged += results
        warnings += problems
    assert sorted(result["host"] for result in merged) == ["C9200-Standalone", "edge-2"]
    assert any("broken.json" in warning for warning in warnings)
    assert any("missing" in warning for warning in warnings)
    fleet = report.write_reports(str(tmp_path / "fleet"), merged)["summary"]
    assert fleet["devices"] == 2
    assert fleet["findings"] and all(len(item["hosts"]) == 2 for item in fleet["findings"])
