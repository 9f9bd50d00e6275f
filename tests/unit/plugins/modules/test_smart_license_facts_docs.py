# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The EXAMPLES and RETURN samples of smart_license_facts are what the module returns on a real capture.

The module runs (state parsed) on real captured outputs; every sample value in its documentation must appear in
that result: a documented dict may leave keys out and a documented list may leave items out, but every value
shown is the value the code produces. When a rule changes a title or a severity, this test names the sample to
update.
"""

from __future__ import annotations

import json
import os

import pytest
import yaml
from ansible.module_utils.testing import patch_module_args

from ansible_collections.smartlic.slp.plugins.module_utils import gather
from ansible_collections.smartlic.slp.plugins.modules import smart_license_facts as module

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", "..", ".."))
CAPTURES = os.path.join(ROOT, "tests", "integration", "fixtures", "captures")
EXAMPLE_CAPTURE = "c9200-cslu.txt"  # real C9200 outputs (PROVENANCE.md of that folder)
UNUSABLE_CAPTURE = "tac-s1-truncated.txt"  # a real tech support cut by its source
# The RETURN samples of an unusable result come from the truncated capture; the others from the C9200 one.
UNUSABLE_KEYS = ("usable", "reason", "diagnosis_warnings", "commands")


def read(name):
    with open(os.path.join(CAPTURES, name), encoding="utf-8") as handle:
        return handle.read()


def run_parsed(name, capsys):
    with patch_module_args({"state": "parsed", "running_config": read(name)}):
        with pytest.raises(SystemExit):
            module.main()
    return json.loads(capsys.readouterr().out)


def mismatch(sample, real, path="sample"):
    """None when every value of the sample is in the real result (dict keys may be left out, list items too, in order)."""
    if isinstance(sample, dict):
        if not isinstance(real, dict):
            return "%s: documented a dict, the module returns %r" % (path, real)
        for key, value in sample.items():
            if key not in real:
                return "%s.%s: the module returns no such key" % (path, key)
            problem = mismatch(value, real[key], "%s.%s" % (path, key))
            if problem:
                return problem
        return None
    if isinstance(sample, list):
        if not isinstance(real, list):
            return "%s: documented a list, the module returns %r" % (path, real)
        position = 0
        for number, value in enumerate(sample):
            while position < len(real) and mismatch(value, real[position]):
                position += 1
            if position == len(real):
                return "%s[%d] = %r is not in the module's result (in this order)" % (path, number, value)
            position += 1
        return None
    return None if sample == real else "%s: documented %r, the module returns %r" % (path, sample, real)


def comment_block(text, header, stop=""):
    """The lines of the comment block under ``# <header>`` and its '# ---' rule, without '# ', up to ``stop`` or a blank line."""
    lines = text.splitlines()
    start = next(number for number, line in enumerate(lines) if line.startswith("# " + header))
    block = []
    for line in lines[start + 2:]:
        if not line.startswith("#") or (stop and line.startswith("# " + stop)):
            break
        block.append(line[2:])
    return block


@pytest.fixture(name="results")
def fixture_results(capsys):
    return {name: run_parsed(name, capsys) for name in (EXAMPLE_CAPTURE, UNUSABLE_CAPTURE)}


def test_the_checker_rejects_a_value_the_code_does_not_produce():
    real = {"findings": [{"id": "a", "severity": "error", "title": "T"}, {"id": "b", "severity": "warning"}]}
    assert mismatch({"findings": [{"id": "b"}]}, real) is None
    assert mismatch({"findings": [{"id": "a", "severity": "warning"}]}, real) is not None
    assert mismatch({"findings": [{"id": "b"}, {"id": "a"}]}, real) is not None
    assert mismatch({"findings": [{"id": "a", "explanation": "x"}]}, real) is not None


def test_every_return_sample_comes_from_a_real_run(results):
    documented = yaml.safe_load(module.RETURN)
    assert len(documented) >= 12
    for key, spec in documented.items():
        assert "sample" in spec, key
        real = results[UNUSABLE_CAPTURE if key in UNUSABLE_KEYS else EXAMPLE_CAPTURE]
        assert key in real, "RETURN documents %s, the module does not return it" % key
        problem = mismatch(spec["sample"], real[key], key)
        assert problem is None, problem


def test_the_returned_values_in_examples_come_from_a_real_run(results):
    real = results[EXAMPLE_CAPTURE]
    shown = yaml.safe_load("\n".join(comment_block(module.EXAMPLES, "Returned")))
    assert set(shown) == {"findings", "summary", "ack"}
    assert [finding["id"] for finding in shown["findings"]] == [finding["id"] for finding in real["findings"]], "every finding is shown"
    for finding in shown["findings"]:
        assert set(finding) >= {"id", "severity", "severity_reason", "title", "remediation"}
    problem = mismatch(shown, real, "EXAMPLES")
    assert problem is None, problem


def test_the_device_state_in_examples_is_in_the_capture():
    capture = [line.rstrip() for line in read(EXAMPLE_CAPTURE).splitlines()]
    state = comment_block(module.EXAMPLES, "Device state")
    assert len(state) >= 8
    for line in state:
        assert line.rstrip() in capture, line


def test_the_commands_in_examples_are_the_ones_sent():
    assert comment_block(module.EXAMPLES, "Commands sent", stop="Then,") == gather.commands_for("ios")
