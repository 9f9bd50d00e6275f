# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Golden tests of the licensing parsers on real outputs (fixtures/<os>/<command>/, see each PROVENANCE.md).

Each ``<name>.txt`` is parsed and compared with ``<name>.json``, the reviewed
parser output. To rewrite the goldens after a deliberate change, run
``SMARTLIC_REGEN_GOLDENS=1 pytest tests/unit/plugins/module_utils/parsers/test_license_golden.py``
and review the diff.
"""

from __future__ import annotations

import json
import os
import re

import pytest

from ansible_collections.smartlic.slp.plugins.module_utils.parsers import (
    show_license_all,
    show_license_authorization,
    show_license_eventlog,
    show_license_history_message,
    show_license_rum_id_all,
    show_license_status,
    show_license_summary,
    show_license_tech_support,
    show_license_udi,
    show_license_usage,
)

FIXTURES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fixtures")
PARSERS = {
    "iosxe/show_license_status": show_license_status,
    "iosxe/show_license_all": show_license_all,
    "iosxe/show_license_tech_support": show_license_tech_support,
    "iosxe/show_license_udi": show_license_udi,
    "iosxe/show_license_summary": show_license_summary,
    "iosxe/show_license_usage": show_license_usage,
    "nxos/show_license_usage": show_license_usage,
    "iosxe/show_license_authorization": show_license_authorization,
    "iosxe/show_license_history_message": show_license_history_message,
    "iosxe/show_license_rum_id_all": show_license_rum_id_all,
    "iosxe/show_license_rum_id_detail": show_license_rum_id_all,
    "iosxe/show_license_eventlog": show_license_eventlog,
}
REGENERATE = os.environ.get("SMARTLIC_REGEN_GOLDENS") == "1"


def fixture_cases():
    cases = []
    for folder in sorted(PARSERS):
        path = os.path.join(FIXTURES, folder)
        for name in sorted(os.listdir(path)):
            if name.endswith(".txt"):
                cases.append(pytest.param(folder, name[:-4], id="%s/%s" % (folder, name[:-4])))
    return cases


CASES = fixture_cases()


def read_text(folder, stem):
    with open(os.path.join(FIXTURES, folder, stem + ".txt"), encoding="utf-8") as handle:
        return handle.read()


def test_every_command_folder_has_cases():
    folders = {case.values[0] for case in CASES}
    assert folders == set(PARSERS)
    assert len(CASES) >= 60


@pytest.mark.parametrize("folder,stem", CASES)
def test_golden(folder, stem):
    result = PARSERS[folder].parse(read_text(folder, stem))
    golden = os.path.join(FIXTURES, folder, stem + ".json")
    if REGENERATE:
        with open(golden, "w", encoding="utf-8") as handle:
            json.dump(result, handle, indent=1, ensure_ascii=False)
            handle.write("\n")
    with open(golden, encoding="utf-8") as handle:
        expected = json.load(handle)
    # Round-trip through JSON: the result must be JSON-safe and equal to the reviewed golden.
    assert json.loads(json.dumps(result)) == expected


@pytest.mark.parametrize("folder,stem", CASES)
def test_crlf_output_parses_the_same(folder, stem):
    """The corpus holds some of these outputs with CRLF line endings (see PROVENANCE.md): both forms give one result."""
    text = read_text(folder, stem)
    parser = PARSERS[folder]
    assert parser.parse(text.replace("\n", "\r\n")) == parser.parse(text)


@pytest.mark.parametrize("folder,stem", CASES)
def test_real_outputs_are_fully_understood(folder, stem):
    """Every line of the real outputs is recognised; only the truncated issue paste warns, and says why."""
    result = PARSERS[folder].parse(read_text(folder, stem))
    assert result["unparsed"] == []
    if (folder, stem) == ("iosxe/show_license_tech_support", "muninn_issue_1"):
        assert result["warnings"] == ["output looks truncated: it ends with the empty block 'Policy'"]
    else:
        assert result["warnings"] == []


@pytest.mark.parametrize("folder", sorted(PARSERS))
def test_provenance_lists_every_fixture(folder):
    with open(os.path.join(FIXTURES, folder, "PROVENANCE.md"), encoding="utf-8") as handle:
        listed = set(re.findall(r"^\| `([^`]+\.txt)` \|", handle.read(), re.MULTILINE))
    present = {name for name in os.listdir(os.path.join(FIXTURES, folder)) if name.endswith(".txt")}
    assert listed == present
    for name in present:
        assert os.path.isfile(os.path.join(FIXTURES, folder, name[:-4] + ".json")), name
