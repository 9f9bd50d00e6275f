# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""One remediation style (issue 22 item 4): every role's result fact has the same keys and its outcome one of the same words.

The words live in module_utils/vocabulary.py (OUTCOMES); the roles and the remediate playbook read them through the
slp_vocabulary filter ('outcomes', a dict from each word to itself, so a misspelt word is an undefined key). These tests
check that no role or playbook spells an outcome word of its own, and what slp_exec_result makes of the results of the
trust and sync modules (their shapes as the modules return them; the device's words from the lab's and Cisco's answers).
"""

from __future__ import annotations

import pathlib
import re

import pytest

from ansible_collections.smartlic.slp.plugins.filter.slp_exec_result import slp_exec_result
from ansible_collections.smartlic.slp.plugins.filter.slp_vocabulary import slp_vocabulary
from ansible_collections.smartlic.slp.plugins.module_utils import vocabulary
from ansible_collections.smartlic.slp.plugins.module_utils.remediation_plan import plan, summarize

ROOT = pathlib.Path(__file__).resolve().parents[4]
YAML_FILES = sorted(ROOT.glob("roles/*/tasks/*.yml")) + sorted(ROOT.glob("roles/*/vars/*.yml")) + sorted(ROOT.glob("playbooks/**/*.yml"))
# A word read through the filter: __<role>_words.<word> (or __slp_words in the playbook).
WORD_READ = re.compile(r"__\w*_words\.(\w+)")
# An outcome spelled in the YAML: "outcome: word", "'outcome': 'word'", "x.outcome == 'word'", "x.outcome in ['a', 'b']".
SPELLED = re.compile(r"""(?P<subject>[\w.]*)outcome['"]?\s*(?::|==|!=)\s*['"]?(?P<word>[a-z_]+)\b"""
                     r"""|(?P<listed>[\w.]*)outcome[^\n\[]*\bin\s*\[(?P<list>[^\]]*)\]""")
# Registered module results read in the roles keep the module's own words (RETURN of each module).
MODULE_WORDS = set(vocabulary.MODULE_OUTCOMES) | {"ok", "changed", "manual", "not_applicable"}
REFUSAL = "% Invalid input detected at '^' marker."
MASKED = "license smart trust idtoken ******** local"


def test_the_filter_gives_the_words_of_the_vocabulary():
    assert slp_vocabulary("outcomes") == {word: word for word in vocabulary.OUTCOMES}
    assert set(vocabulary.MODULE_OUTCOMES.values()) <= set(vocabulary.OUTCOMES)
    assert slp_vocabulary("result")["outcome"] in vocabulary.OUTCOMES
    assert set(slp_vocabulary("result")) == set(vocabulary.RESULT)
    assert slp_vocabulary("module_outcomes") == vocabulary.MODULE_OUTCOMES


def test_the_roles_read_only_known_words():
    read = {(str(path.relative_to(ROOT)), word) for path in YAML_FILES for word in WORD_READ.findall(path.read_text(encoding="utf-8"))}
    assert len({path for path, _word in read}) >= 6, read
    assert sorted(item for item in read if item[1] not in vocabulary.OUTCOMES) == []


def test_no_role_or_playbook_spells_an_outcome_word():
    spelled = []
    for path in YAML_FILES:
        for match in SPELLED.finditer(path.read_text(encoding="utf-8")):
            subject = match.group("subject") if match.group("word") else match.group("listed")
            words = [match.group("word")] if match.group("word") else [item.strip().strip("'\"") for item in match.group("list").split(",")]
            # Literal words only: a variable (__ntp_outcome, __x_words.applied) is not a word.
            words = [word for word in words if word and not word.startswith("__") and word not in ("none", "default")]
            # A registered module result (__trustpoint_ca.outcome) speaks the module's words.
            allowed = MODULE_WORDS if subject.startswith("__") and not subject.endswith("_result.") else set()
            spelled.extend((str(path.relative_to(ROOT)), word) for word in words if word not in allowed)
    assert spelled == []


def test_the_scan_finds_a_spelled_word():
    assert SPELLED.search("    outcome: synchronized")
    assert SPELLED.search("ntp_result.outcome == 'pending'").group("word") == "pending"
    assert SPELLED.search("sync_result.outcome in ['acked', 'skipped']").group("list") == "'acked', 'skipped'"


@pytest.mark.parametrize("module_outcome, word", sorted(vocabulary.MODULE_OUTCOMES.items()))
def test_a_module_outcome_becomes_a_role_word(module_outcome, word):
    sent = [] if module_outcome in ("skipped", "check_mode") else [MASKED]
    would_run = [MASKED] if module_outcome == "check_mode" else []
    result = slp_exec_result({"changed": bool(sent or would_run), "outcome": module_outcome, "commands": sent, "would_run": would_run,
                              "msg": "done", "failures": []}, module_outcome == "check_mode")
    assert set(vocabulary.RESULT) <= set(result)
    assert result["outcome"] == word and result["interrupted"] is False and result["rejected"] is None
    assert result["commands"] == sent + would_run and result["sent"] == sent
    assert result["applied"] == (sent if word in ("applied", "pending") else [])


def test_a_refused_command_is_refused_with_what_was_applied():
    # What smart_license_trust returns when the device answers the command with its caret and error (cli_session.send_exec).
    module = {"changed": False, "outcome": "failed", "commands": [MASKED], "would_run": [], "failures": [REFUSAL],
              "msg": "the device refused '%s': %s" % (MASKED, REFUSAL), "failed": True}
    result = slp_exec_result(module, False)
    assert result["outcome"] == "refused" and result["rejected"] == MASKED and result["device_said"] == REFUSAL
    assert result["applied"] == [] and result["not_applied"] == [MASKED] and result["sent"] == [MASKED]


def test_a_failure_the_device_logged_is_failed_not_refused():
    line = "%SMART_LIC-3-TRUST_CODE_INSTALL_FAILED: The install of a new licensing trust code has failed on PID:C9300,SN:X: Invalid ID token"
    module = {"changed": True, "outcome": "failed", "commands": [MASKED], "failures": [line], "msg": "trust code installation failed: " + line}
    result = slp_exec_result(module, False)
    assert result["outcome"] == "failed" and result["rejected"] is None and result["failures"] == [line]


def test_a_lost_session_is_interrupted():
    module = {"failed": True, "msg": "command timeout triggered, timeout value is 30 secs."}
    result = slp_exec_result(module, False)
    assert result["outcome"] == "interrupted" and result["interrupted"] is True and result["msg"].startswith("command timeout")


def test_the_summary_counts_a_would_run_command_once():
    the_plan = plan([{"id": "trust_code_missing", "severity": "error"}], {"has_id_token": True})
    result = slp_exec_result({"changed": True, "outcome": "check_mode", "commands": [], "would_run": [MASKED], "msg": "check mode"}, True)
    summary = summarize("edge-1", the_plan, {"trust_token": result}, {}, None, True)
    assert summary["roles"]["trust_token"]["status"] == "would_change"
    assert summary["roles"]["trust_token"]["commands"] == [MASKED]


def test_only_config_lines_sends_configuration_and_saves():
    # One way to send configuration lines and save: roles/config_lines (tasks/main.yml, tasks/save.yml); the other roles include it.
    senders = {}
    for path in sorted(ROOT.glob("roles/*/tasks/*.yml")):
        text = "\n".join(line for line in path.read_text(encoding="utf-8").splitlines() if not line.lstrip().startswith("#"))
        found = [word for word in ("ansible.netcommon.cli_config", "ios_config", "nxos_config", "save_when", "copy running-config") if word in text]
        if found:
            senders[str(path.relative_to(ROOT))] = found
    assert senders == {"roles/config_lines/tasks/main.yml": ["ansible.netcommon.cli_config"]}, senders
    save = (ROOT / "roles" / "config_lines" / "tasks" / "save.yml").read_text(encoding="utf-8")
    assert "__config_lines_save_line" in save and "ansible.netcommon.cli_command" in save
    includes = {path.parts[-3] for path in ROOT.glob("roles/*/tasks/*.yml") if "name: smartlic.slp.config_lines" in path.read_text(encoding="utf-8")}
    assert includes == {"dns", "transport", "trustpoint", "ntp"}
