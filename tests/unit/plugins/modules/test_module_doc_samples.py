# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The EXAMPLES and RETURN samples of smart_license_captures and smart_license_report come from a real run.

Each module runs on captures of real device outputs (tests/integration/fixtures/captures); every documented value
must be in its result (see test_smart_license_facts_docs.mismatch). Paths are compared relative to the run's folder,
and the fleet summary's ``generated_at`` (the time of the run) is not compared.
"""

from __future__ import annotations

import json
import os
import shutil

import pytest
import yaml
from ansible.module_utils.testing import patch_module_args

from ansible_collections.smartlic.slp.plugins.modules import smart_license_captures, smart_license_facts, smart_license_report
from ansible_collections.smartlic.slp.tests.unit.plugins.modules.test_smart_license_facts_docs import CAPTURES, comment_block, mismatch

# The capture folder of the smart_license_captures EXAMPLES: real outputs, and a binary file (bytes made here).
FOLDER = ("c9200-cslu.txt", "c9300-smart.log", "tac-s1-truncated.txt")
BINARY = "notes.docx"
# The devices of the smart_license_report EXAMPLES: inventory name -> capture of real outputs.
INVENTORY = {"edge-1": "c9200-cslu.txt", "core-2": "nxos-leaf.txt"}


def run(module, args, capsys):
    with patch_module_args(args):
        with pytest.raises(SystemExit):
            module.main()
    return json.loads(capsys.readouterr().out)


def relative(value, base):
    """The result with the run's folder taken out of every path (``<base>/reports/x`` -> ``reports/x``)."""
    text = json.dumps(value).replace(base.rstrip("/") + "/", "")
    return json.loads(text)


def check_return(module, result):
    documented = yaml.safe_load(module.RETURN)
    for key, spec in documented.items():
        assert key in result, "RETURN documents %s, the module does not return it" % key
        sample = spec["sample"]
        if key == "summary":
            sample = {name: value for name, value in sample.items() if name != "generated_at"}
        problem = mismatch(sample, result[key], key)
        assert problem is None, problem


@pytest.fixture(name="captures_run")
def fixture_captures_run(tmp_path, capsys, monkeypatch):
    folder = tmp_path / "captures"
    folder.mkdir()
    for name in FOLDER:
        shutil.copy(os.path.join(CAPTURES, name), str(folder / name))
    (folder / BINARY).write_bytes(bytes(range(256)) * 16)
    monkeypatch.chdir(str(tmp_path))
    result = run(smart_license_captures, {"path": "captures", "report_dir": "reports", "workers": 2}, capsys)
    return relative(result, str(tmp_path))


@pytest.fixture(name="report_run")
def fixture_report_run(tmp_path, capsys, monkeypatch):
    results = []
    for host, name in INVENTORY.items():
        with open(os.path.join(CAPTURES, name), encoding="utf-8") as handle:
            results.append(run(smart_license_facts, {"state": "parsed", "running_config": handle.read(), "host": host}, capsys))
    monkeypatch.chdir(str(tmp_path))
    result = run(smart_license_report, {"results": results, "hosts": list(INVENTORY), "report_dir": "reports"}, capsys)
    return relative(result, str(tmp_path))


def test_captures_return_samples_come_from_a_real_run(captures_run):
    check_return(smart_license_captures, captures_run)


def test_captures_examples_show_the_folder_and_the_files_of_that_run(captures_run):
    folder = [line.split()[0] for line in comment_block(smart_license_captures.EXAMPLES, "Folder content")]
    assert folder == sorted("captures/%s" % name for name in FOLDER + (BINARY,))
    written = " ".join(comment_block(smart_license_captures.EXAMPLES, "Files written")).split()
    assert sorted(word for word in written if word.startswith("reports/")) == sorted(captures_run["files"])


def test_report_return_samples_come_from_a_real_run(report_run):
    check_return(smart_license_report, report_run)


def test_report_examples_show_the_files_of_that_run(report_run):
    written = " ".join(comment_block(smart_license_report.EXAMPLES, "Files written")).split()
    assert sorted(word for word in written if word.startswith("reports/")) == sorted(report_run["files"])
