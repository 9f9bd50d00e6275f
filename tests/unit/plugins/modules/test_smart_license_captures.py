# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""smartlic.slp.smart_license_captures and smart_license_report on real captures."""

from __future__ import annotations

import json
import os
import re

import pytest
from ansible.module_utils.testing import patch_module_args

from ansible_collections.smartlic.slp.plugins.modules import smart_license_captures, smart_license_facts, smart_license_report
from ansible_collections.smartlic.slp.tests.unit.plugins.diagnosis_fixtures import captures

FLEET = ["fleet-report.html", "fleet-summary.json", "fleet-summary.md"]


def run(module, args, capsys):
    with patch_module_args(args):
        with pytest.raises(SystemExit):
            module.main()
    return json.loads(capsys.readouterr().out)


@pytest.fixture(name="folder")
def fixture_folder(tmp_path):
    folder = tmp_path / "captures"
    folder.mkdir()
    (folder / "c9200.txt").write_text(captures.ios_cslu_capture(), encoding="utf-8")
    (folder / "switch1.log").write_text(captures.read("ios_switch1_blog.txt"), encoding="utf-8")
    (folder / "notes.bin").write_bytes(b"\x00\x01\x02PK\x03\x04" * 64)
    return folder


def test_captures_reports_every_file_and_goes_on(folder, tmp_path, capsys):
    out = tmp_path / "out"
    result = run(smart_license_captures, {"path": str(folder), "report_dir": str(out), "workers": 2}, capsys)
    assert result["changed"] is True
    assert sorted(os.listdir(out)) == sorted(["c9200.json", "notes.json", "switch1.json"] + FLEET)
    devices = {device["name"]: device for device in result["devices"]}
    assert devices["notes"]["usable"] is False and "binary" in devices["notes"]["reason"]
    assert devices["switch1"]["usable"] is False
    assert devices["c9200"]["usable"] is True
    assert "facts" not in devices["c9200"] and devices["c9200"]["findings"]
    assert result["summary"]["status"]["unusable"] == 2
    document = json.loads((out / "c9200.json").read_text(encoding="utf-8"))
    assert document["findings"] == devices["c9200"]["findings"]
    assert "show license status" in document["facts"]


def test_captures_check_mode_writes_nothing(folder, tmp_path, capsys):
    out = tmp_path / "out"
    result = run(smart_license_captures, {"path": str(folder), "report_dir": str(out), "_ansible_check_mode": True, "return_facts": True}, capsys)
    assert not out.exists()
    assert result["changed"] is False
    assert str(out / "c9200.json") in result["files"]
    assert "facts" in result["devices"][0]


def test_captures_without_devices_carries_the_summary_and_the_same_reports(folder, tmp_path, capsys):
    """return_devices=false: no per-file results in the task result, reports byte-identical to a run with them."""
    kept, dropped = tmp_path / "kept", tmp_path / "dropped"
    with_devices = run(smart_license_captures, {"path": str(folder), "report_dir": str(kept), "workers": 1, "return_facts": True}, capsys)
    without = run(smart_license_captures, {"path": str(folder), "report_dir": str(dropped), "workers": 2, "return_devices": False}, capsys)
    assert "devices" not in without and "devices" in with_devices
    assert without["summary"]["status"] == with_devices["summary"]["status"] == {"action": 1, "unusable": 2, "info": 0, "ok": 0}
    assert [host["name"] for host in without["summary"]["hosts"]] == ["c9200", "notes", "switch1"]
    assert sorted(os.listdir(dropped)) == sorted(os.listdir(kept))
    for name in ("c9200.json", "notes.json", "switch1.json"):
        assert (dropped / name).read_bytes() == (kept / name).read_bytes(), name
    for name in ("fleet-summary.md", "fleet-report.html"):
        stamp = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ")  # the two runs may be a second apart
        assert stamp.sub("T", (dropped / name).read_text(encoding="utf-8")) == stamp.sub("T", (kept / name).read_text(encoding="utf-8")), name
    assert without["files"] == [path.replace(str(kept), str(dropped)) for path in with_devices["files"]]


def test_captures_facts_need_devices(folder, capsys):
    result = run(smart_license_captures, {"path": str(folder), "return_devices": False, "return_facts": True}, capsys)
    assert result["failed"] is True and result["msg"] == "return_facts needs return_devices: the facts are returned in devices"


def test_captures_needs_a_folder(tmp_path, capsys):
    result = run(smart_license_captures, {"path": str(tmp_path / "nothing")}, capsys)
    assert result["failed"] is True and "is not a folder" in result["msg"]


def test_report_writes_once_for_all_hosts(tmp_path, capsys):
    parsed = run(smart_license_facts, {"state": "parsed", "running_config": captures.ios_cslu_capture(), "host": "edge-1"}, capsys)
    # The controller takes warnings and deprecations out of a registered result.
    parsed = {key: value for key, value in parsed.items() if key not in ("warnings", "deprecations")}
    failed = {"failed": True, "msg": "ssh connection refused", "changed": False}
    result = run(smart_license_report, {"results": [parsed, failed], "hosts": ["edge-1", "edge-2"], "report_dir": str(tmp_path)}, capsys)
    names = sorted(os.listdir(tmp_path))
    assert names == sorted(["edge-1.json", "edge-2.json", "device.json"] + FLEET)
    fleet = result["summary"]
    hosts = {entry["host"]: entry for entry in fleet["hosts"]}
    assert hosts["edge-2"]["usable"] is False and "unreachable" in hosts["edge-2"]["reason"]
    assert hosts[None]["reason"] == "the task failed: ssh connection refused"
    document = json.loads((tmp_path / "edge-1.json").read_text(encoding="utf-8"))
    assert "invocation" not in document and "diagnosis_warnings" not in document
    assert document["findings"] == parsed["findings"]


def test_progress_line_waits_for_its_interval_and_closes_a_long_run():
    from ansible_collections.smartlic.slp.plugins.module_utils import capture_files  # pylint: disable=import-outside-toplevel

    now = [100.0]
    said = []
    progress = capture_files.ProgressLine(said.append, interval=5, clock=lambda: now[0])
    for done, moment in ((1, 101.0), (2, 104.9), (3, 105.5), (4, 107.0), (5, 111.0)):
        now[0] = moment
        progress(done, 6)
    now[0] = 111.5
    progress(6, 6)
    assert said == ["3/6 capture files diagnosed (50%, 0.5 per second)", "5/6 capture files diagnosed (83%, 0.5 per second)",
                    "6/6 capture files diagnosed (100%, 0.5 per second)"]
    quiet = []
    short = capture_files.ProgressLine(quiet.append, interval=5, clock=lambda: 0.0)
    for done in range(1, 4):
        short(done, 3)
    assert quiet == []
