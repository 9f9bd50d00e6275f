# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The severities the roles and playbooks use come from module_utils/vocabulary.py (through slp_vocabulary), never spelled again."""

from __future__ import annotations

import pathlib
import re

from ansible_collections.smartlic.slp.plugins.filter.slp_vocabulary import slp_vocabulary
from ansible_collections.smartlic.slp.plugins.module_utils import vocabulary

ROOT = pathlib.Path(__file__).resolve().parents[4]
# A YAML list of severities, such as ['critical', 'error', 'warning'] or [critical, error, warning].
SPELLED = re.compile(r"\[\s*['\"]?critical['\"]?\s*,\s*['\"]?error['\"]?\s*,\s*['\"]?warning['\"]?")


def test_the_filter_gives_the_severities_of_the_vocabulary():
    assert slp_vocabulary("severities") == list(vocabulary.SEVERITIES) == ["critical", "error", "warning", "info"]
    assert slp_vocabulary("actionable") == list(vocabulary.ACTIONABLE) == ["critical", "error", "warning"]


def test_no_role_or_playbook_spells_the_severities():
    files = sorted(ROOT.glob("roles/**/*.yml")) + sorted(ROOT.glob("playbooks/*.yml"))
    assert len(files) > 20
    spelled = [str(path.relative_to(ROOT)) for path in files if SPELLED.search(path.read_text(encoding="utf-8"))]
    assert spelled == []


def test_the_diagnose_role_reads_the_shared_words():
    role = ROOT / "roles" / "diagnose"
    text = "\n".join(path.read_text(encoding="utf-8") for path in sorted(role.glob("*/*.yml")))
    assert "'actionable' | smartlic.slp.slp_vocabulary" in text
    assert "'terminal_stderr_re' | smartlic.slp.slp_vocabulary" in text
    assert "% ?(?:invalid" not in text, "the refusal patterns are vocabulary.TERMINAL_REFUSALS"


def test_the_filter_gives_the_short_platform_of_the_vocabulary():
    assert slp_vocabulary("platform", "cisco.ios.ios") == "ios"
    assert slp_vocabulary("platform", "cisco.nxos.nxos") == "nxos"
    assert slp_vocabulary("platform", " Cisco.NXOS.nxos ") == "nxos"
    # Not supported: empty, so a role never sends IOS XE lines to another platform (the role's input check fails first).
    assert slp_vocabulary("platform", "cisco.iosxr.iosxr") == ""
    assert slp_vocabulary("platform", "") == ""


def test_no_role_works_out_the_platform_itself():
    files = sorted(ROOT.glob("roles/**/*.yml")) + sorted(ROOT.glob("roles/*/README.md")) + sorted(ROOT.glob("playbooks/**/*.yml"))
    own = [str(path.relative_to(ROOT)) for path in files if re.search(r"ansible_network_os[^}\n]*\|\s*split", path.read_text(encoding="utf-8"))]
    assert own == []
    readers = [path.parent.parent.name for path in sorted(ROOT.glob("roles/*/vars/main.yml"))
               if "'platform' | smartlic.slp.slp_vocabulary(ansible_network_os" in path.read_text(encoding="utf-8")]
    assert readers == ["diagnose", "dns", "ntp", "sync", "transport", "trust_token", "trustpoint"]
