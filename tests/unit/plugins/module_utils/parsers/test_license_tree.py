# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The Smart Agent tree reader (license_tree) on real outputs (fixtures/<os>/<command>/, see each PROVENANCE.md)."""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, example, given, settings, strategies as st

from ansible_collections.smartlic.slp.plugins.module_utils.parsers import license_tree
from ansible_collections.smartlic.slp.plugins.module_utils.parsers.common import text_lines

FIXTURES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fixtures")


def _read(path):
    with open(os.path.join(FIXTURES, path), encoding="utf-8") as handle:
        return handle.read()


def test_chapters_blocks_and_header():
    tree = license_tree.read(_read("iosxe/show_license_tech_support/genie_18.txt"))
    chapters = [node.title for node in tree.root.children if node.heading]
    assert chapters[:4] == ["Smart Licensing Status", "License Usage", "Product Information", "Agent Version"]
    assert "Communication Statistics" in chapters and "Usage Report Summary" in chapters
    # The status chapter holds the status blocks; the header lines are taken out of the tree.
    assert tree.status_blocks().title == "Smart Licensing Status"
    assert tree.status_blocks().get("transport", "cslu_address") == "http://172.19.180.22:8182/cslu/v1/pi"
    assert tree.header["time_source"] == "NTP"
    assert tree.header["time_raw"] == ".13:28:08.565 UTC Tue Jan 11 2022"
    assert tree.header["time"] == "2022-01-11T13:28:08Z"
    assert tree.header["time_synchronized"] is False and tree.header["time_authoritative"] is True
    assert tree.header["cpu_five_seconds_percent"] == 1 and tree.header["cpu_one_minute_percent"] == 0
    assert tree.errors == [] and tree.problems == []


def test_same_title_in_two_chapters_stays_apart():
    tree = license_tree.read(_read("iosxe/show_license_tech_support/genie_18.txt"))
    status_usage = tree.status_blocks().find("usage_reporting")
    stats_usage = tree.root.find("communication_statistics").find("usage_reporting")
    assert status_usage.get("last_ack_received") == "Jan 10 20:32:26 2022 UTC"
    assert stats_usage.get("attempts").startswith("Total=3, Success=3, Fail=0")
    # "Failure Reason" is printed deeper than "Last Response": the tree keeps the device's nesting.
    assert stats_usage.get("last_response", "failure_reason") == "<none>"


def test_handle_blocks_repeat_as_a_list():
    sections = license_tree.to_dict(license_tree.read(_read("iosxe/show_license_tech_support/genie_18.txt")).root)
    handles = sections["license_usage"]["handle"]
    assert [item["value"] for item in handles] == ["1", "2", "9", "10"]
    assert handles[0]["measurements"]["entitlement"] == {
        "interval": "00:15:00", "current_value": "3", "current_report": "1641834470", "previous": "1641834468"}


def test_two_pairs_on_one_line_are_split():
    sections = license_tree.to_dict(license_tree.read(_read("iosxe/show_license_tech_support/genie_18.txt")).root)
    summary = sections["usage_report_summary"]
    assert summary["total"] == "86" and summary["purged"] == "0(0)"
    assert summary["total_acknowledged_received"] == "76" and summary["waiting_for_ack"] == "0(10)"
    assert summary["maximum_display"] == "86" and summary["in_storage"] == "22" and summary["mia"] == "0(0)"
    # An 'a=b' list stays one value, with its 'Ongoing Failure' part.
    hello = sections["communication_statistics"]["hello_message"]
    assert hello["attempts"] == "Total=12, Success=9, Fail=3  Ongoing Failure: Overall=3 Communication=3"


def test_values_with_colons_split_only_where_a_pair_starts():
    # A comma then one blank starts a pair; a time's colons do not; two blanks after a title open an inline child.
    tree = license_tree.read("Usage Report Summary:\n  Total: 12, Purged: 0\n  Last Sent: Mar 13 08:09:28 2024 UTC\n"
                             "  Status:   Sent: 3,  Waiting: 1\n")
    assert license_tree.to_dict(tree.root) == {"usage_report_summary": {
        "total": "12", "purged": "0", "last_sent": "Mar 13 08:09:28 2024 UTC", "status": {"sent": "3", "waiting": "1"}}}


def test_title_with_its_first_child_on_the_same_line():
    """Agent 6.x: 'Trust Code Installed:    Trust Code Type: CSSM' opens the block and holds its first child."""
    tree = license_tree.read(_read("iosxe/show_license_tech_support/genie_9.txt"))
    trust = tree.status_blocks().find("trust_code_installed")
    assert trust.value is None
    assert [child.key for child in trust.children] == ["trust_code_type", "attributes", "active", "standby"]
    assert trust.get("trust_code_type") == "CSSM"
    active = trust.find("active")
    assert active.value == "PID:C9500-32QC,SN:CAT2209L0KS"
    assert active.text == ["INSTALLED on Apr 22 05:01:33 2025 UTC    Valid on Apr 22 04:56:31 2025 UTC",
                           "Expired on Jan 01 00:00:00 1970 UTC"]


def test_lost_indentation_is_repaired():
    # "Virtual Account:" printed at column 0 inside the Registration block.
    tree = license_tree.read(_read("iosxe/show_license_all/genie_3.txt"))
    registration = tree.status_blocks().find("registration")
    assert registration.get("virtual_account") == "RADKit-LMM-NA"
    assert registration.get("export_controlled_functionality") == "ALLOWED"
    assert tree.status_blocks().find("virtual_account") is None
    # "Address: <empty>" printed at column 0 under "  Proxy:".
    tree = license_tree.read(_read("iosxe/show_license_tech_support/genie_15.txt"))
    proxy = tree.status_blocks().path("transport", "proxy")
    assert [child.key for child in proxy.children] == ["address", "port", "username", "password"]
    # "Handle: 2" right after "  Soft Enforced: True" is a new block, not a child of Handle 1.
    handles = tree.root.find("license_usage").find_all("handle")
    assert [node.value for node in handles] == ["1", "2", "5", "8"]


def test_udi_pairs_without_space_and_text_values():
    tree = license_tree.read(_read("iosxe/show_license_udi/genie_2.txt"))
    ha_list = tree.root.find("ha_udi_list")
    assert [(child.title, child.value) for child in ha_list.children] == [
        ("Active", "PID:C9350-24U,SN:FOC2705Y8X0"), ("Standby", "PID:C9350-24U,SN:FOC2705Y8XF"),
        ("Member", "PID:C9350-24U,SN:FOC2718Y66X"), ("Member", "PID:C9350-24U,SN:FOC2719YOHR")]
    sections = license_tree.to_dict(tree.root)
    assert sections["ha_udi_list"]["member"] == ["PID:C9350-24U,SN:FOC2718Y66X", "PID:C9350-24U,SN:FOC2719YOHR"]
    # "Device Enforcement State:" with its value on the next line, same indentation.
    tree = license_tree.read(_read("iosxe/show_license_tech_support/genie_9.txt"))
    assert tree.root.find("reservation_info").get("device_enforcement_state") == "NOT APPLICABLE"
    # "Proxy:" with "Not Configured" below.
    tree = license_tree.read(_read("iosxe/show_license_status/genie_1.txt"))
    assert tree.root.get("transport", "proxy") == "Not Configured"
    assert tree.root.get("transport", "vrf") == "Not Configured"


def test_prompt_echo_and_loose_text():
    tree = license_tree.read(_read("iosxe/show_license_status/genie_2.txt"))
    assert tree.command == "show license status"
    # The trailing bare prompt is dropped; the free text line is loose, the '<none>' under a key is not.
    assert [line for _node, line in tree.loose()] == ["Smart Licensing is ENABLED"]
    tree = license_tree.read(_read("iosxe/show_license_tech_support/genie_9.txt"))
    assert tree.command == "show license tech support"
    assert tree.status_blocks().text == ["Smart Licensing is ENABLED"]


def test_device_error_is_noted():
    # The standard IOS refusal of an unknown command (echo, caret line, message).
    tree = license_tree.read("show license rum id all\n                    ^\n% Invalid input detected at '^' marker.\n")
    assert tree.errors == ["% Invalid input detected at '^' marker."]


def test_split_helpers():
    assert license_tree.split_key("Build type:: Production") == ("Build type", "Production", 1)
    assert license_tree.split_key("sizeof(char *): 8") == ("sizeof(char *)", "8", 1)
    assert license_tree.split_key("Active:PID:C9300-24UX,SN:FCW2303D16Y") == ("Active", "PID:C9300-24UX,SN:FCW2303D16Y", 0)
    assert license_tree.split_key("P:C9300-24UX,S:FCW2134L00C: No Trust Data") == ("P:C9300-24UX,S:FCW2134L00C", "No Trust Data", 1)
    assert license_tree.split_key("INSTALLED on Oct 14 11:37:52 2021 UTC") is None
    assert license_tree.split_pairs("Available to Report", "3  Collecting Data: 2") == [("Available to Report", "3"), ("Collecting Data", "2")]
    assert license_tree.split_pairs("Smart Account", "Cisco Systems, TAC") == [("Smart Account", "Cisco Systems, TAC")]
    assert license_tree.split_on_date("SUCCEEDED on Mar 13 08:09:24 2024 UTC") == ("SUCCEEDED", "Mar 13 08:09:24 2024 UTC")
    assert license_tree.split_on_date("<none>") == (None, None)
    assert license_tree.udi_entry("Standby", "PID:C9300-24U,SN:FHH2043P09E") == {
        "role": "standby", "pid": "C9300-24U", "sn": "FHH2043P09E", "udi": "PID:C9300-24U,SN:FHH2043P09E"}
    assert license_tree.udi_entry(None, "P:C9407R,S:FXS2119Q2U7")["udi"] == "PID:C9407R,SN:FXS2119Q2U7"


# Pieces the header, prompt, echo and error expressions look for, mixed with plain tree lines and odd blanks.
_LINE_PIECES = ["Load for five secs: 2%/0%; one minute: 1%; five minutes: 0%", "Time source is NTP, 10:01:02.003 UTC Mon Nov 3 2025",
                "No time source, *17:05:54.449 UTC Mon Jul 29 2024", "router#", "csr1(config)#show license status", "sw>", "sh lic",
                "show license all", "% Invalid input detected at '^' marker.", "Invalid command at", "Syntax error", "Command rejected",
                "ERROR: no", "  Type: Smart", "<none>", "Smart Licensing is ENABLED", "===", "   ", "\t", "\u00a0", "\x0c", "ſh", "İnvalid", ":", "#", ">"]


class _NoGuard:  # pylint: disable=too-few-public-methods
    """A guard that rules out no line: every expression runs on every line."""

    @staticmethod
    def may_match(_line):
        return True


def _content_both_ways(lines, monkeypatch):
    guarded = license_tree.Tree()
    kept = license_tree._content_lines(guarded, list(lines))
    with monkeypatch.context() as patch:
        # Every line goes through every expression: no whole-text search (it always finds something), no guard.
        patch.setattr(license_tree, "_ANY_SPECIAL", license_tree.re.compile(""))
        patch.setattr(license_tree, "_SPECIAL", _NoGuard())
        unguarded = license_tree.Tree()
        kept_unguarded = license_tree._content_lines(unguarded, list(lines))
    return (kept, guarded.header, guarded.command, guarded.errors), (kept_unguarded, unguarded.header, unguarded.command, unguarded.errors)


@given(lines=st.lists(st.lists(st.sampled_from(_LINE_PIECES), max_size=3).map("".join), max_size=8))
@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_content_lines_guard_hides_no_special_line(lines, monkeypatch):
    guarded, unguarded = _content_both_ways(lines, monkeypatch)
    assert guarded == unguarded


def test_content_lines_guard_on_every_fixture(monkeypatch):
    checked = 0
    for folder, _dirs, names in os.walk(FIXTURES):
        for name in names:
            if name.endswith(".txt"):
                guarded, unguarded = _content_both_ways(text_lines(_read(os.path.join(folder, name))), monkeypatch)
                assert guarded == unguarded, name
                checked += 1
    assert checked > 50


# Pieces of key lines: each character class the one-match path knows or refuses, at every place in a line.
_KEY_PIECES = ["Status", "a", "9", "Z", " ", "  ", "\t", "\u00a0", ":", "::", ": ", ":  ", ":\t", "(days)", "'", "_", "/", ".", ",", "-",
               "=", '"', "%", "*", "#", "é", "x" * 99, "PID:C9300,SN:FCW1", "P:C9407R,S:FXS2", "ENABLED", "Nov 03 15:31:11 2026", "\u2028"]


@given(st.lists(st.sampled_from(_KEY_PIECES), max_size=7).map("".join))
@example("x" * 99 + "a: value")         # a key of _MAX_KEY characters
@example("x" * 99 + "ab: value")        # one more
@example("Status=Status: value")
@example('Status"a: value')
@example("Key\t: value")
@example("Key :value")
@example("Key: value\t")
@settings(max_examples=1500, deadline=None)
def test_split_key_one_match_path_equals_step_by_step(text):
    stripped = text.strip()
    assert license_tree.split_key(stripped) == license_tree._split_key_step_by_step(stripped)


def _tree_shape(node):
    return (node.title, node.value, node.indent, node.line, node.heading, node.key, tuple(node.text), tuple(node.raw_text),
            tuple(_tree_shape(child) for child in node.children))


def _read_both_ways(text, monkeypatch):
    """(shape of read(text), shape of read(text) with the one-match key path turned off)."""
    def shape(tree):
        return _tree_shape(tree.root), tree.header, tree.command, tree.errors, tree.nonblank, tree.problems
    fast = shape(license_tree.read(text))
    with monkeypatch.context() as patch:
        # Four groups, like the real pattern, and never a match: every line takes the step-by-step path.
        patch.setattr(license_tree, "_PLAIN_KEY_LINE", license_tree.re.compile(r"(?!)()()()()"))
        slow = shape(license_tree.read(text))
    return fast, slow


def test_one_match_key_path_reads_every_fixture_alike(monkeypatch):
    checked = 0
    for folder, _dirs, names in os.walk(FIXTURES):
        for name in names:
            if name.endswith(".txt"):
                fast, slow = _read_both_ways(_read(os.path.join(folder, name)), monkeypatch)
                assert fast == slow, name
                checked += 1
    assert checked > 50


_TREE_LINE_PIECES = _KEY_PIECES + ["\n", "\n  ", "\n    ", "\n\t", "\n===", "\n"]


@given(st.lists(st.sampled_from(_TREE_LINE_PIECES), max_size=14).map("".join))
@example("Block:\n  " + "x" * 99 + "ab: value\n  Key=x: value\n  Key: a\tb")
@example("Block:\n\tKey: value\n  Other: value\n\u00a0Last: value")
@settings(max_examples=600, deadline=None)
def test_one_match_key_path_reads_generated_trees_alike(text):
    # The fixture monkeypatch is function-scoped: hypothesis needs a patch of its own per example.
    with pytest.MonkeyPatch.context() as monkeypatch:
        fast, slow = _read_both_ways(text, monkeypatch)
    assert fast == slow


def _loose_by_walk(tree):
    """Tree.loose as it read before it wrote the walk out."""
    found = []
    for node in tree.root.walk():
        if node.text and (node.title is None or node.heading or any(child.title is not None for child in node.children)):
            found.extend((node, line) for line in node.raw_text)
    return found


def test_loose_lines_come_in_walk_order_on_every_fixture():
    checked = 0
    for folder, _dirs, names in os.walk(FIXTURES):
        for name in names:
            if name.endswith(".txt"):
                tree = license_tree.read(_read(os.path.join(folder, name)))
                assert tree.loose() == _loose_by_walk(tree), name
                checked += bool(tree.loose())
    assert checked > 20
