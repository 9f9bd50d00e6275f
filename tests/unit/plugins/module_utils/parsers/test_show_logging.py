# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""show logging (IOS XE) and show logging logfile (NX-OS) on real outputs (fixtures/show_logging/PROVENANCE.md)."""

from __future__ import annotations

import os

from hypothesis import given, settings, strategies as st

from ansible_collections.smartlic.slp.plugins.module_utils.parsers import show_logging

FIXTURES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fixtures", "show_logging")


def _read(name):
    with open(os.path.join(FIXTURES, name), encoding="utf-8") as handle:
        return handle.read()


def test_ios_c9200_header_and_messages():
    result = show_logging.parse(_read("ios_genielibs_c9200.txt"))
    header = result["header"]
    assert header["syslog_enabled"] is True
    assert header["messages_rate_limited"] == 2
    assert header["messages_dropped"] == 0
    assert header["console"] == {"enabled": False}
    assert header["buffer"] == {"enabled": True, "level": "debugging", "messages_logged": 281}
    assert header["trap"] == {"enabled": True, "level": "informational", "messages_logged": 260}
    assert header["buffer_size_bytes"] == 4096
    assert header["persistent"] == {"enabled": False}
    # 26 timestamped entries; the buffer starts with the tail of an overwritten message.
    assert result["lines_total"] == 26
    assert result["content_lines_total"] == 27
    assert result["unparsed"] == []
    assert result["warnings"] == []
    assert result["platform"] == "ios"
    # No line prints a year: timestamps stay None unless a year is given.
    assert result["default_year"] is None
    messages = result["messages"]
    assert len(messages) == 10
    assert {m["event"] for m in messages} == {"COMM_FAILED"}
    assert all(m["variables"] == {"peer": "Cisco Smart License Utility (CSLU)", "error": "Unable to resolve server hostname/domain name"}
               for m in messages)
    assert [m["timestamp_raw"] for m in messages][:2] == ["*Nov 17 18:05:09.580", "*Nov 17 19:05:18.616"]
    assert all(m["timestamp"] is None and m["clock_synchronized"] is False for m in messages)


def test_ios_c8000v_year_from_the_log():
    result = show_logging.parse(_read("ios_muninn_c8000v_head.txt"))
    assert result["header"]["buffer_size_bytes"] == 131072
    assert result["header"]["console"]["messages_logged"] == 594
    assert result["default_year"] == 2026
    assert [(m["event"], m["timestamp"], m["timestamp_has_year"]) for m in result["messages"]] == [
        ("AGENT_ENABLED", "2026-03-07T23:36:42", False),
        ("EXPORT_CONTROLLED", "2026-03-07T23:36:42", False),
        ("COMM_FAILED", "2026-03-07T23:38:41", True),
    ]
    assert result["messages"][2]["line"] == 112
    assert result["lines_total"] == 82
    # Continuation lines (crypto self-test details, the restart banner) belong to the log.
    assert result["content_lines_total"] == 90
    assert result["unparsed"] == []


def test_nxos_logfile():
    result = show_logging.parse(_read("nxos_genie_logfile_include.txt"))
    assert result["header"] is None
    assert result["lines_total"] == 2
    assert result["default_year"] == 2019
    assert result["platform"] == "nxos"
    assert result["messages"] == []
    # The echoed command is not log content.
    assert result["unparsed"] == ["show logging logfile | include ACL"]
    assert result["warnings"] == []


def test_wrong_output():
    result = show_logging.parse("Smart Licensing is ENABLED\n\nUtility:\n  Status: DISABLED\n")
    assert result["warnings"] == ["output does not look like show logging"]
    assert result["messages"] == []
    assert result["lines_total"] == 0
    assert result["unparsed"] == ["Smart Licensing is ENABLED", "Utility:", "  Status: DISABLED"]


def test_empty_output():
    result = show_logging.parse("")
    assert result["warnings"] == [] and result["messages"] == [] and result["header"] is None


@settings(max_examples=150, deadline=None)
@given(st.one_of(st.text(max_size=400), st.binary(max_size=200)))
def test_random_input_never_raises(text):
    result = show_logging.parse(text)
    assert isinstance(result["messages"], list)
    assert isinstance(result["unparsed"], list) and isinstance(result["warnings"], list)
