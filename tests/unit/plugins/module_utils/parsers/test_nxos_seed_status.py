# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The NX-OS seed's ``show license status`` text (fixtures/nxos/show_license_status/PROVENANCE.md).

The seed prints ``Usage reporting:`` and ``Trust Code installed: <date>`` with
no blank line between them, and the member as ``Active: PID: x, SN: y`` with the
date on the next line. Read at column 0, as the switch prints it, the trust line
was once taken for a line of the usage block that had lost its indentation:
``trust_code`` went missing without a warning and the trust role would have sent
the ID token again.
"""

from __future__ import annotations

import os

import pytest

from ansible_collections.smartlic.slp.plugins.module_utils import capture, license_actions
from ansible_collections.smartlic.slp.plugins.module_utils.parsers import license_tree, registry, show_license_status
from ansible_collections.smartlic.slp.plugins.module_utils.rules import engine

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURE = os.path.join(HERE, "fixtures", "nxos", "show_license_status", "seed_001.txt")
RULES_FIXTURES = os.path.join(os.path.dirname(HERE), "rules", "fixtures")
SEED = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(HERE)))))),
                    "shared", "seeds", "001_bf5bcbad8eb8b5e5.txt")
# The chapter's placeholders filled in: the PID and SN of the seed's SSM On-Prem log example (FDO212100YT), as in
# rules/fixtures/nxos_healthy.txt.
PID, SN = "N9K-C93180YC-FX", "FDO212100YT"


def _read(path):
    with open(path, encoding="utf-8") as handle:
        return handle.read()


def _as_printed(text, pid=PID, sn=SN):
    """The seed's lines as a switch prints them: the chapter's 4 blanks of list indentation removed, placeholders filled."""
    lines = [line[4:] if line.startswith("    ") else line for line in text.split("\n")]
    return "\n".join(lines).replace("<device_pid>", pid).replace("<device_sn>", sn)


@pytest.mark.skipif(not os.path.isfile(SEED), reason="the seeds are not beside the repository")
def test_fixture_is_the_seed_text_verbatim():
    with open(SEED, encoding="utf-8") as handle:
        seed = handle.read().split("\n")
    assert _read(FIXTURE) == "\n".join(seed[276:288]) + "\n"


def _assert_trust(result, udi):
    assert result["unparsed"] == []
    assert result["warnings"] == []
    trust = result["trust_code"]
    assert trust["installed"] is True
    assert trust["installed_on"] == "2023-07-14T11:40:36Z"
    assert trust["all_installed"] is True and trust["missing"] == []
    assert [(entry["role"], entry["udi"], entry["installed"], entry["installed_on"]) for entry in trust["entries"]] == [
        ("active", udi, True, "2023-07-14T11:40:36Z")]
    usage = result["usage_reporting"]
    assert usage["last_ack_received"] is None and usage["last_report_file_write"] is None
    assert "trust_code_installed" not in result["sections"]["usage_reporting"]


def test_seed_text_verbatim():
    _assert_trust(show_license_status.parse(_read(FIXTURE)), "PID:<device_pid>,SN:<device_sn>")


def test_seed_text_at_column_zero():
    text = _as_printed(_read(FIXTURE))
    assert text.startswith("Usage reporting:") and "\nTrust Code installed: Jul 14 11:40:36 2023 UTC" in text
    result = show_license_status.parse(text)
    _assert_trust(result, "PID:%s,SN:%s" % (PID, SN))
    assert result["trust_code"]["entries"][0]["pid"] == PID and result["trust_code"]["entries"][0]["sn"] == SN
    # The same with CRLF line ends.
    _assert_trust(show_license_status.parse(text.replace("\n", "\r\n")), "PID:%s,SN:%s" % (PID, SN))


def test_status_block_titles_are_never_moved_into_the_block_above():
    tree = license_tree.read(_as_printed(_read(FIXTURE)))
    assert [child.key for child in tree.root.children] == ["usage_reporting", "trust_code_installed"]
    active = tree.root.find("trust_code_installed").find("active")
    assert active.value == "PID: %s, SN: %s" % (PID, SN)
    assert active.text == ["Jul 14 11:40:36 2023 UTC"]


def test_udi_with_blanks_is_one_value():
    assert license_tree.split_pairs("Active", "PID: N9K-C93180YC-FX, SN: FDO212100YT") == [("Active", "PID: N9K-C93180YC-FX, SN: FDO212100YT")]
    # Two pairs on one line are still two.
    assert license_tree.split_pairs("Total", "12,  Purged: 0") == [("Total", "12"), ("Purged", "0")]


def _healthy_with_seed_trust_block():
    """rules/fixtures/nxos_healthy.txt with its usage and trust blocks replaced by the seed's, as the switch prints them."""
    text = _read(os.path.join(RULES_FIXTURES, "nxos_healthy.txt"))
    start = text.index("Usage reporting:\n")
    end = text.index("switch# show ntp peer-status")
    seed = _as_printed(_read(FIXTURE)).rstrip(" \n") + "\n"
    return text[:start] + seed + text[end:]


def test_rules_and_trust_role_see_the_seed_trust_code():
    text = _healthy_with_seed_trust_block()
    found = capture.read_capture(text, "nxos")
    facts = {section["canonical"]: registry.parse_output(section["command"], section["output"], "nxos")
             for section in found["sections"] if section["canonical"]}
    status = facts["show license status"]
    assert status["unparsed"] == [] and status["trust_code"]["installed"] is True
    findings = engine.diagnose(facts, found["messages"], "nxos")
    ids = {finding["id"] for finding in findings}
    assert not {"trust_code_missing", "trust_code_already_installed"} & ids
    # The trust_token role's module skips a device whose trust code is installed (nothing sent).
    assert license_actions.trust_installed(status, "local") is True
    summary = license_actions.trust_summary(status)
    assert summary["installed"] is True and summary["entries"][0]["udi"] == "PID:%s,SN:%s" % (PID, SN)
