# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The offline entry point, run for real:

    ansible-playbook smartlic.slp.diagnose -e smartlic_capture_dir=DIR -e smartlic_report_dir=OUT

and with the old names of the same variables (slp_capture_dir, slp_report_dir), which still work with a
deprecation warning; with no inventory, on a folder of captures built from real device outputs
(fixtures/captures, see PROVENANCE.md there) plus an empty and a binary file.
"""

from __future__ import annotations

import json
import os
import shutil

import pytest

from tests.playbook_runner import ROOT, run_playbook

CAPTURES = os.path.join(ROOT, "tests", "integration", "fixtures", "captures")
FLEET_FILES = {"fleet-summary.json", "fleet-summary.md", "fleet-report.html"}
CONTRACT_KEYS = {"host", "platform", "facts", "messages", "findings"}


def ansible_playbook(tmp_path, *args):
    """Run the diagnose playbook with this checkout as the only smartlic.slp."""
    return run_playbook(tmp_path, "smartlic.slp.diagnose", *args, timeout=300)


@pytest.fixture(name="capture_dir")
def fixture_capture_dir(tmp_path):
    folder = tmp_path / "captures"
    shutil.copytree(CAPTURES, folder)
    (folder / "PROVENANCE.md").unlink()
    (folder / "empty.txt").write_bytes(b"")
    (folder / "photo.bin").write_bytes(bytes(range(256)) * 16)
    return folder


def load(path):
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


def ids(document):
    return {finding["id"] for finding in document["findings"]}


def test_offline_playbook_writes_every_report(tmp_path, capture_dir):
    out = tmp_path / "reports"
    run = ansible_playbook(tmp_path, "-e", "smartlic_capture_dir=%s" % capture_dir, "-e", "smartlic_report_dir=%s" % out)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "DEPRECATION" not in run.stdout + run.stderr
    assert "ERROR" not in run.stderr
    # The summary line uses the status words of the reports (issue 21: one voice).
    assert "8 capture file(s) by status: action 2, unusable 4, info 1, ok 1; unusable: " in run.stdout, run.stdout
    stems = {name.rsplit(".", 1)[0] for name in os.listdir(capture_dir)}
    assert set(os.listdir(out)) == {stem + ".json" for stem in stems} | FLEET_FILES
    documents = {stem: load(out / (stem + ".json")) for stem in stems}
    for stem, document in documents.items():
        assert CONTRACT_KEYS <= set(document), stem
        for finding in document["findings"]:
            assert {"id", "severity", "title", "evidence", "remediation"} <= set(finding)
            assert finding["severity"] in ("critical", "error", "warning", "info")

    cslu = documents["c9200-cslu"]
    assert cslu["host"] == "C9200-Standalone" and cslu["platform"] == "ios"
    assert {"show license status", "show clock", "show logging"} <= set(cslu["facts"])
    assert len(cslu["messages"]) == 10
    assert {"cslu_local_unresolved", "report_ack_overdue"} <= ids(cslu)
    assert cslu["ack"]["days_left"] < 0

    smart = documents["c9300-smart"]
    assert smart["platform"] == "ios" and "show license tech support" in smart["facts"]
    assert smart["usable"] is True and smart["findings"]

    pre_slp = documents["csr1-pre-slp"]
    assert pre_slp["commands"]["sh license status"]["canonical"] == "show license status"
    assert "pre_slp_device" in ids(pre_slp)

    nxos = documents["nxos-leaf"]
    assert nxos["platform"] == "nxos"
    assert {"show license usage", "show ntp peer-status", "ping 10.1.1.2 source 10.3.3.3 count 11"} <= set(nxos["facts"])

    truncated = documents["tac-s1-truncated"]
    assert truncated["commands"]["show license tech support"]["status"] == "truncated"
    assert "show license tech support" not in truncated["facts"]

    for stem, words in (("empty", "the file is empty"), ("photo", "binary"), ("switch1-no-licensing", "does not read"),
                        ("tac-s1-truncated", "truncated")):
        assert documents[stem]["usable"] is False, stem
        assert words in documents[stem]["reason"], (stem, documents[stem]["reason"])
        assert documents[stem]["findings"] == []

    fleet = load(out / "fleet-summary.json")
    assert fleet["devices"] == len(stems)
    assert fleet["status"]["unusable"] == 4
    by_id = {finding["id"]: finding for finding in fleet["findings"]}
    assert "C9200-Standalone" in by_id["cslu_local_unresolved"]["hosts"]
    page = (out / "fleet-report.html").read_text(encoding="utf-8")
    for document in documents.values():
        assert ">%s<" % document["host"] in page
    assert "cslu_local_unresolved" in (out / "fleet-summary.md").read_text(encoding="utf-8")


def test_fail_on_findings_fails_the_run_after_writing_the_reports(tmp_path, capture_dir):
    out = tmp_path / "reports"
    run = ansible_playbook(tmp_path, "-e", "smartlic_capture_dir=%s" % capture_dir, "-e", "smartlic_report_dir=%s" % out,
                           "-e", "smartlic_fail_on_findings=true")
    assert run.returncode == 2, run.stdout + run.stderr
    assert "need action" in run.stdout
    assert (out / "fleet-summary.json").exists()


def test_offline_run_says_how_far_it_is(tmp_path, capture_dir):
    """The action plugin prints progress lines while it works (0: one per file), then the summary."""
    run = ansible_playbook(tmp_path, "-e", "smartlic_capture_dir=%s" % capture_dir, "-e", "smartlic_report_dir=", "-e", "diagnose_progress_interval=0")
    assert run.returncode == 0, run.stdout + run.stderr
    files = len(os.listdir(capture_dir))
    lines = [line for line in run.stdout.splitlines() if "capture files diagnosed" in line]
    assert len(lines) == files, run.stdout
    assert lines[-1].startswith("smart_license_captures %s: %d/%d capture files diagnosed (100%%, " % (capture_dir, files, files)), lines[-1]
    # The default interval (5 s) is longer than this run: no progress line.
    quiet = ansible_playbook(tmp_path, "-e", "smartlic_capture_dir=%s" % capture_dir, "-e", "smartlic_report_dir=")
    assert quiet.returncode == 0 and "capture files diagnosed" not in quiet.stdout


def _one_task_playbook(tmp_path, name, options):
    playbook = tmp_path / name
    lines = ["- hosts: localhost", "  gather_facts: false", "  tasks:", "    - smartlic.slp.smart_license_captures:"]
    lines += ["        %s: %s" % item for item in options.items()]
    playbook.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return run_playbook(tmp_path, str(playbook), timeout=300)


def test_a_bad_option_or_folder_fails_the_task_with_a_clear_message(tmp_path, capture_dir):
    run = _one_task_playbook(tmp_path, "bad-option.yml", {"path": capture_dir, "progress_interval": "soon"})
    assert run.returncode == 2
    assert "progress_interval" in run.stdout and "Traceback" not in run.stdout + run.stderr
    missing = _one_task_playbook(tmp_path, "missing-folder.yml", {"path": tmp_path / "missing"})
    assert missing.returncode == 2
    assert "%s is not a folder" % (tmp_path / "missing") in missing.stdout and "Traceback" not in missing.stdout + missing.stderr


def test_old_variable_names_still_work_with_a_deprecation_warning(tmp_path, capture_dir):
    """slp_capture_dir and slp_report_dir (the names of the first release) give the same reports, and say so."""
    out = tmp_path / "old-names"
    run = ansible_playbook(tmp_path, "-e", "slp_capture_dir=%s" % capture_dir, "-e", "slp_report_dir=%s" % out)
    assert run.returncode == 0, run.stdout + run.stderr
    output = run.stdout + run.stderr
    assert "slp_capture_dir is deprecated, use smartlic_capture_dir" in output, output
    assert "slp_report_dir is deprecated, use smartlic_report_dir" in output, output
    stems = {name.rsplit(".", 1)[0] for name in os.listdir(capture_dir)}
    assert set(os.listdir(out)) == {stem + ".json" for stem in stems} | FLEET_FILES


def test_role_keeps_per_file_results_unless_told_not_to(tmp_path, capture_dir):
    """diagnose_offline_devices: true (the role's default) keeps every file's result and findings as facts; false keeps
    the fleet summary, and diagnose_findings is then the fleet's findings, one per id with its hosts."""
    playbook = tmp_path / "offline-role.yml"
    plays = []
    for keep in ("true", "false"):
        plays += [
            "- hosts: localhost",
            "  gather_facts: false",
            "  roles:",
            "    - role: smartlic.slp.diagnose",
            "      diagnose_capture_dir: %s" % capture_dir,
            "      diagnose_report_dir: %s" % (tmp_path / ("reports-" + keep)),
            "      diagnose_offline_devices: %s" % keep,
            "  tasks:",
            "    - ansible.builtin.copy:",
            "        content: \"{{ {'result': diagnose_result, 'findings': diagnose_findings} | to_json }}\"",
            "        dest: %s" % (tmp_path / ("facts-%s.json" % keep)),
        ]
    playbook.write_text("\n".join(plays) + "\n", encoding="utf-8")
    run = run_playbook(tmp_path, str(playbook), timeout=300)
    assert run.returncode == 0, run.stdout + run.stderr
    kept, dropped = load(tmp_path / "facts-true.json"), load(tmp_path / "facts-false.json")
    assert len(kept["result"]["devices"]) == 8
    assert "devices" not in dropped["result"]
    assert kept["result"]["summary"]["status"] == dropped["result"]["summary"]["status"]
    cslu = [finding for finding in kept["findings"] if finding["id"] == "cslu_local_unresolved"]
    assert [finding["device"] for finding in cslu] == ["c9200-cslu"] and cslu[0]["evidence"]
    fleet = {finding["id"]: finding for finding in dropped["findings"]}
    assert set(fleet) == {finding["id"] for finding in kept["findings"]}
    assert fleet["cslu_local_unresolved"]["hosts"] == ["C9200-Standalone"]
    assert sorted(os.listdir(tmp_path / "reports-true")) == sorted(os.listdir(tmp_path / "reports-false"))
