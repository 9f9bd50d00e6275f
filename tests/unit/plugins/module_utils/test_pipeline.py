# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Tests of the pipeline (module_utils/pipeline.py) and what it runs on (gather.py, capture_files.py), on real outputs."""

from __future__ import annotations

import os

import pytest
from hypothesis import given, settings, strategies as st

from ansible_collections.smartlic.slp.plugins.module_utils import capture, capture_files, gather, pipeline, vocabulary
from ansible_collections.smartlic.slp.plugins.module_utils.parsers import syslog
from ansible_collections.smartlic.slp.plugins.module_utils.parsers.common import has_terminal_noise, text_lines
from ansible_collections.smartlic.slp.tests.unit.plugins.diagnosis_fixtures import captures

STATUS = captures.read("ios_show_license_status_genie_1.txt")
IOS_VERSION = captures.read("ios_show_version_genie_c9300.txt")
NXOS_VERSION = captures.read("nxos_show_version_ntc_1.txt")
NXOS_USAGE = captures.read("nxos_show_license_usage_ntc_2.txt")
NXOS_NTP = captures.read("nxos_show_ntp_peer_status_genie_1.txt")
UDI = captures.read("ios_show_license_udi_genie_2.txt")
CLOCK = captures.read("ios_show_clock_genie_1.txt").split("\n", 1)[1]
LOG = captures.read("c9200_show_logging.txt")


def test_commands_per_platform():
    ios = gather.commands_for("cisco.ios.ios")
    assert ios[0] == "show license status" and ios[-1] == "show version"
    assert set(ios) == {
        "show license status", "show license udi", "show license usage", "show license summary", "show license rum id all", "show clock",
        "show ntp associations", "show ntp status", "show running-config", "show call-home profile all", "show ip http client",
        "show ip http server session-module", "show logging", "show version"}
    assert "show license tech support" in gather.commands_for("ios", tech_support="always")
    assert "show license tech support" not in gather.commands_for("ios", tech_support="auto")
    assert gather.commands_for("nxos") == [
        "show license status", "show license usage", "show license udi", "show running-config", "show running-config callhome all",
        "show clock", "show ntp peer-status", "show logging logfile", "show version"]
    # Seed 001: with every error message, the output of show license tech support and show license history message.
    assert gather.commands_for("nxos", tech_support="always")[-3:] == ["show license tech support", "show license history message", "show version"]
    assert gather.commands_for("junos") == []


def test_ping_commands_follow_each_platform():
    assert gather.ping_command("cslu-local", None, "ios") == "ping cslu-local"
    assert gather.ping_command("10.1.1.1", "Mgmt-vrf", "ios") == "ping vrf Mgmt-vrf 10.1.1.1"
    assert gather.ping_command("smartreceiver.cisco.com", "management", "nxos") == "ping smartreceiver.cisco.com vrf management"


def test_probe_targets_from_the_configured_transport():
    facts = {"show license status": pipeline.registry.parse_output("show license status", STATUS, "ios")}
    # Transport cslu with "Cslu address: <empty>": the device uses the name cslu-local.
    assert gather.probe_targets(facts, "ios") == [("cslu-local", None)]
    assert gather.probe_commands(facts, "ios", {"vrf": "Mgmt-vrf"}) == ["ping vrf Mgmt-vrf cslu-local"]
    assert gather.probe_targets(facts, "ios", probes=False) == []


def test_probe_targets_from_intent_and_explicit_lists():
    intended = {"transport_type": "smart", "transport_url": "https://smartreceiver.cisco.com/licservice/license"}
    assert gather.probe_targets({}, "ios", intended) == [("smartreceiver.cisco.com", None)]
    explicit = ["192.0.2.10", "cslu.example.com vrf mgmt", {"target": "192.0.2.10"}, "vrf blue 192.0.2.20"]
    assert gather.probe_targets({}, "nxos", {"vrf": "management"}, explicit) == [
        ("192.0.2.10", "management"), ("cslu.example.com", "mgmt"), ("192.0.2.20", "blue")]


def test_live_outputs_give_facts_messages_and_findings():
    outputs = [("show license status", STATUS), ("show license udi", UDI), ("show clock", CLOCK), ("show logging", LOG)]
    result = pipeline.analyze_outputs(outputs, "ios", host="edge-1")
    assert result["host"] == "edge-1" and result["platform"] == "ios" and result["usable"] is True
    assert set(result["facts"]) == {"show license status", "show license udi", "show clock", "show logging"}
    assert result["facts"]["show license udi"]["ha"] is True
    assert len(result["messages"]) == 10
    assert all(entry["status"] == "ok" for entry in result["commands"].values())
    ids = {finding["id"] for finding in result["findings"]}
    assert "cslu_local_unresolved" in ids
    assert result["summary"]["actionable"] >= 1
    # The clock said 2025 and the next ACK deadline is Jan 12 2022: overdue, counted from the device clock.
    assert result["collected_at"].startswith("2025-08-07T04:45:00")
    assert result["ack"]["next_ack_deadline"].startswith("2022-01-12")
    assert result["ack"]["days_left"] < 0


def test_a_session_analysed_again_parses_each_output_once(monkeypatch):
    calls = []
    real = pipeline.registry.parse_output
    monkeypatch.setattr(pipeline.registry, "parse_output", lambda command, *args, **kwargs: calls.append(command) or real(command, *args, **kwargs))
    outputs = [("show license status", STATUS), ("show license udi", UDI), ("show clock", CLOCK), ("show logging", LOG)]
    cache = {}
    # What the probes are chosen from: the facts but the log, whose messages are read with the whole session.
    facts = pipeline.facts_of_outputs(outputs, "ios", cache)
    assert set(facts) == {"show license status", "show license udi", "show clock"}
    assert sorted(calls) == ["show clock", "show license status", "show license udi"]
    outputs.append(("ping cslu-local", captures.read("ios_ping_ntc_9.txt")))
    cached = pipeline.analyze_outputs(outputs, "ios", host="edge-1", cache=cache)
    # Only the log and the new output were parsed; the result is the one a fresh analysis gives.
    assert calls[3:] == ["show logging", "ping cslu-local"]
    assert cached == pipeline.analyze_outputs(outputs, "ios", host="edge-1")


def test_messages_are_read_once_and_the_log_fact_holds_them(monkeypatch):
    reads = []
    real = syslog.messages_in_lines
    monkeypatch.setattr(syslog, "messages_in_lines", lambda *args, **kwargs: reads.append(1) or real(*args, **kwargs))
    result = pipeline.analyze_outputs([("show license status", STATUS), ("show clock", CLOCK), ("show logging", LOG)], "ios")
    assert len(reads) == 1
    assert len(result["messages"]) == 10
    assert result["facts"]["show logging"]["messages"] == [message for message in result["messages"] if message["source_command"] == "show logging"]


def test_one_summary_with_the_names_of_both_releases():
    summary = pipeline.analyze_outputs([("show license status", STATUS), ("show clock", CLOCK), ("show logging", LOG)], "ios")["summary"]
    assert summary["counts"] == summary["by_severity"] and summary["finding_ids"] == summary["ids"]
    assert summary["healthy"] is (summary["actionable"] == 0) and summary["total"] == sum(summary["counts"].values())


def test_rejected_command_is_an_error_for_that_command_only():
    outputs = [("show license status", STATUS), ("show clock", CLOCK)]
    errors = {"show license rum id all": "show license rum id all\r\n                    ^\r\n% Invalid input detected at '^' marker."}
    result = pipeline.analyze_outputs(outputs, "ios", host="edge-1", errors=errors)
    entry = result["commands"]["show license rum id all"]
    assert entry["status"] == "error"
    assert "Invalid input" in entry["reasons"][0]
    assert result["commands"]["show license status"]["status"] == "ok"
    assert "show license status" in result["facts"]
    assert any("show license rum id all" in warning and "Invalid input" in warning for warning in result["warnings"])


def test_output_cut_at_a_none_line_is_reported_not_diagnosed():
    # network_cli took "Next ACK push check: <none>" for a prompt: the rest of show license status was handed to
    # the next command, whose own output went to the one after.
    lines = STATUS.splitlines()
    cut = next(index for index, line in enumerate(lines) if line.strip().endswith("<none>") and "push" in line) + 1
    outputs = [("show license status", "\n".join(lines[:cut])), ("show license udi", "\n".join(lines[cut:])), ("show clock", UDI)]
    result = pipeline.analyze_outputs(outputs, "ios", host="edge-1")
    status = result["commands"]["show license status"]
    assert status["status"] == "truncated"
    assert any("<none>" in reason for reason in status["reasons"])
    assert "show license status" not in result["facts"]
    assert result["commands"]["show license udi"]["status"] == "unrecognized"
    assert any("show license status" in warning and "truncated" in warning for warning in result["warnings"])


def test_truncated_tech_support_capture_is_left_out():
    text = captures.prompt_capture("TAC-S1", [("show license tech support", "ios_show_license_tech_support_muninn_issue_1.txt"),
                                              ("show logging", "c9200_show_logging.txt")])
    result = pipeline.analyze_text(text, name="tac-s1")
    assert result["commands"]["show license tech support"]["status"] == "truncated"
    assert "show license tech support" not in result["facts"]
    assert result["usable"] is True  # the log is still read
    assert result["messages"]


def test_unusable_files_say_why(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.bin").write_bytes(bytes(range(256)) * 8)
    (tmp_path / "switch1.txt").write_text(captures.read("ios_switch1_blog.txt"), encoding="utf-8")
    reasons = {name: capture_files.analyze_file(str(tmp_path / name))["reason"] for name in ("empty.txt", "binary.bin", "switch1.txt")}
    assert reasons["empty.txt"] == "the file is empty"
    assert reasons["binary.bin"].startswith("the file is binary")
    # An interface's running-config holds nothing the flows read: it is listed with the commands not read.
    assert reasons["switch1.txt"].startswith("nothing usable: commands smartlic.slp does not read: ")
    assert "show run int gi0/1" in reasons["switch1.txt"] and "show int status" in reasons["switch1.txt"]
    missing = capture_files.analyze_file(str(tmp_path / "gone.txt"))
    assert missing["usable"] is False and missing["reason"].startswith("the file could not be read")
    assert missing["host"] == "gone"


def test_utf16_capture_is_read():
    data = captures.syslog_only_capture().encode("utf-16")
    text, problem = capture_files.decode_capture(data)
    assert problem is None and "%SMART_LIC-3-COMM_FAILED" in text


def test_many_files_in_a_pool_keep_their_order(tmp_path):
    (tmp_path / "a-cslu.txt").write_text(captures.ios_cslu_capture(), encoding="utf-8")
    (tmp_path / "b-empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "c-log.txt").write_text(captures.syslog_only_capture(), encoding="utf-8")
    (tmp_path / ".hidden").write_text("x", encoding="utf-8")
    paths = capture_files.list_captures(str(tmp_path))
    assert [os.path.basename(path) for path in paths] == ["a-cslu.txt", "b-empty.txt", "c-log.txt"]
    seen = []
    pooled, workers = capture_files.analyze_files(paths, workers=2, progress=lambda done, total: seen.append((done, total)))
    serial, one = capture_files.analyze_files(paths, workers=1)
    assert workers == 2 and one == 1
    assert [result["name"] for result in pooled] == ["a-cslu", "b-empty", "c-log"]
    assert [[f["id"] for f in result["findings"]] for result in pooled] == [[f["id"] for f in result["findings"]] for result in serial]
    assert [result["usable"] for result in pooled] == [True, False, True]
    assert seen[-1] == (3, 3)
    assert capture_files.list_captures(str(tmp_path), ["*-log.txt"]) == [str(tmp_path / "c-log.txt")]


@pytest.mark.parametrize("mode, findings, expected", [
    ("auto", [{"id": "cssm_unreachable"}], True),
    ("auto", [{"id": "clock_not_synchronized"}], False),
    ("never", [{"id": "cssm_unreachable"}], False),
    ("always", [], True),
])
def test_tech_support_only_when_asked_or_needed(mode, findings, expected):
    assert gather.needs_tech_support(findings, "ios", mode) is expected
    assert gather.needs_tech_support(findings, "nxos", mode) is expected


@pytest.mark.parametrize("platform, mode, ids, expected", [
    ("ios", "auto", ["report_ack_overdue"], ["show license tech support"]),
    ("ios", "auto", ["trust_code_already_installed"], []),
    ("nxos", "auto", ["report_ack_overdue"], ["show license tech support", "show license history message"]),
    ("nxos", "auto", ["trust_code_already_installed"], ["show license history message"]),
    ("nxos", "auto", ["dns_not_configured"], []),
    ("nxos", "always", ["report_ack_overdue"], []),
    ("nxos", "never", ["report_ack_overdue"], []),
])
def test_followup_commands_after_the_first_diagnosis(platform, mode, ids, expected):
    findings = [{"id": fid, "severity": "error"} for fid in ids]
    assert gather.followup_commands(findings, platform, mode) == expected
    # An informational finding does not ask for the message history.
    assert "show license history message" not in gather.followup_commands([{"id": fid, "severity": "info"} for fid in ids], platform, mode)


@pytest.mark.parametrize("error, rejected", [
    ("show license rum id all\r\n                    ^\r\n% Invalid input detected at '^' marker.", True),
    ("% Incomplete command.", True),
    ("% Ambiguous command:  \"sh lic\"", True),
    ("show running-config callhome all\n% Invalid command at '^' marker.", True),
    ("Syntax error while parsing 'show license rum id all'", True),
    ("Command authorization failed.", True),
    ("command timeout triggered, timeout value is 30 secs.\nSee the timeout setting options in the Network Debug and Troubleshooting Guide.", False),
    ("ssh connection failed: ssh connect failed: Connection refused", False),
    ("cli prompt is not identified from the last received response window", False),
])
def test_rejected_commands_are_told_from_connection_failures(error, rejected):
    assert vocabulary.is_cli_rejection(error) is rejected


def test_a_session_with_only_errors_says_so():
    errors = {"show license status": "% Invalid input detected at '^' marker.", "show clock": "% Invalid input detected at '^' marker."}
    result = pipeline.analyze_outputs([], "ios", host="old-1", errors=errors)
    assert result["usable"] is False
    assert result["reason"] == "nothing usable: commands the device rejected: show license status, show clock"
    assert result["findings"] == []


# ---------------------------------------------------------------- lines shared with the parsers

_PLAIN_PIECES = ["a", "Key: value", " ", "  ", " " * 70, "\t", "\n", "\r\n", "\r", "\x0b", "\x85", "\u2028", "\u00a0", "z" * 4100, "#", "-"]


@given(st.lists(st.sampled_from(_PLAIN_PIECES), max_size=12).map("".join))
@settings(max_examples=500, deadline=None)
def test_lines_of_a_text_without_terminal_noise_split_again_alike(text):
    """What the capture reader hands the parsers: an output joined from its trimmed lines splits into those lines."""
    assert not has_terminal_noise(text)
    lines = capture._trim(text_lines(text))
    if lines:
        assert text_lines("\n".join(lines)) == lines


def test_terminal_noise_can_make_new_noise():
    """Why outputs with noise do not share their lines: removing a pager prompt can make another one."""
    text = "--Mo--More--re--"
    assert has_terminal_noise(text)
    assert text_lines("\n".join(text_lines(text))) != text_lines(text)


def _without_shared_lines(read):
    for section in read["sections"]:
        section["lines"] = None
    return read


def _capture_texts():
    folder = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fixtures", "capture")
    for root, _dirs, names in sorted(os.walk(folder)):
        for name in sorted(names):
            if name.endswith(".txt"):
                with open(os.path.join(root, name), encoding="utf-8") as handle:
                    yield name, handle.read()
    yield "ios_cslu_capture", captures.ios_cslu_capture()


def test_parsers_give_the_same_facts_with_the_reader_s_lines():
    checked = 0
    for name, text in _capture_texts():
        read = capture.read_capture(text)
        checked += any(section["lines"] for section in read["sections"])
        shared = pipeline.sections_to_facts(read)
        alone = pipeline.sections_to_facts(_without_shared_lines(capture.read_capture(text)))
        assert shared == alone, name
    assert checked > 5


def test_outputs_with_terminal_noise_are_split_again():
    outputs = [("show clock", "*10:01:02.003 UTC Mon Nov 3 2025"), ("show license udi", "UDI: PID:C9300-24UX,SN:FCW2303D16Y\x1b[K")]
    read = capture.read_outputs(outputs, "ios", pipeline.TRANSCRIPT_HOST)
    assert [bool(section["lines"]) for section in read["sections"]] == [True, False]


# ---------------------------------------------------------------- a broken read is never healthy (live sessions)


@pytest.mark.parametrize("name, platform", [
    ("cisco.ios.ios", "ios"), ("cisco.nxos.nxos", "nxos"), ("ios", "ios"), ("NXOS", "nxos"), (" cisco.ios.ios ", "ios"),
    ("cisco.iosxr.iosxr", None), ("iosxr", None), ("junipernetworks.junos.junos", None), ("arista.eos.eos", None), ("", None), (None, None),
])
def test_only_ios_and_nxos_are_read_live(name, platform):
    assert vocabulary.normalize_platform(name, strict=True) == platform


def test_an_unsupported_platform_is_refused_in_one_line():
    assert vocabulary.unsupported_platform("cisco.iosxr.iosxr") == (
        "ansible_network_os cisco.iosxr.iosxr is not supported: smartlic.slp reads IOS XE (cisco.ios.ios) and NX-OS (cisco.nxos.nxos) "
        "devices only; nothing was sent")
    assert vocabulary.unsupported_platform("junos", "platform").startswith("platform junos is not supported")
    assert "set ansible_network_os" in vocabulary.unsupported_platform(None)


def test_show_version_tells_the_platform_a_device_answers_like():
    assert pipeline.answers_like(IOS_VERSION) == ("ios", "show version: IOS XE banner")
    assert pipeline.answers_like(NXOS_VERSION) == ("nxos", "show version: NX-OS banner")
    # No show version: what the device printed otherwise (here its log holds %SMART_LIC messages).
    assert pipeline.answers_like(None, [("show logging", LOG)]) == ("ios", "its answers: %SMART_LIC messages")
    assert pipeline.answers_like("", [("show license status", STATUS)]) == (None, None)


def _ios_session(version=IOS_VERSION, **changes):
    outputs = {"show license status": STATUS, "show license udi": UDI, "show clock": CLOCK, "show logging": LOG, "show version": version}
    outputs.update(changes)
    return [(command, text) for command, text in outputs.items() if text is not None]


def test_a_healthy_session_checks_the_platform_and_is_diagnosed():
    result = pipeline.analyze_outputs(_ios_session(), "cisco.ios.ios", host="edge-1")
    assert result["usable"] is True and result["reason"] is None
    assert result["findings"] and result["platform"] == "ios"
    assert result["commands"]["show version"]["status"] == "ok"
    assert result["commands"]["show version"]["reasons"] == ["read to check the platform: the device answers like IOS XE (show version: IOS XE banner)"]
    assert result["platform_evidence"] == ["show version: IOS XE banner"]
    # show version is not a licensing fact.
    assert "show version" not in result["facts"]


def test_an_ios_xe_device_declared_nxos_is_unusable_with_the_reason():
    result = pipeline.analyze_outputs(_ios_session(), "cisco.nxos.nxos", host="edge-1")
    assert result["usable"] is False and result["findings"] == [] and result["diagnosed"] is False
    assert result["reason"] == ("declared cisco.nxos.nxos but the device answers like IOS XE (show version: IOS XE banner): "
                                "set ansible_network_os to cisco.ios.ios")


def test_an_nxos_device_declared_ios_is_unusable_with_the_reason():
    outputs = [("show license usage", NXOS_USAGE), ("show ntp peer-status", NXOS_NTP), ("show version", NXOS_VERSION)]
    result = pipeline.analyze_outputs(outputs, "cisco.ios.ios", host="n9k")
    assert result["usable"] is False and result["findings"] == []
    assert result["reason"] == ("declared cisco.ios.ios but the device answers like NX-OS (show version: NX-OS banner): "
                                "set ansible_network_os to cisco.nxos.nxos")
    # Declared right, the same outputs are diagnosed.
    assert pipeline.analyze_outputs(outputs, "cisco.nxos.nxos", host="n9k")["usable"] is True


def test_without_show_version_the_other_answers_tell_the_platform():
    errors = {"show version": "command timeout triggered, timeout value is 30 secs"}
    result = pipeline.analyze_outputs(_ios_session(version=None), "nxos", host="edge-1", errors=errors)
    assert result["reason"].startswith("declared nxos but the device answers like IOS XE (its answers: %SMART_LIC messages)")
    assert result["commands"]["show version"]["status"] == "error"


REJECTED_AT = "show running-config\r\n            ^\r\n%% Invalid input detected at '^' marker.\r\n\r\n%s"


@pytest.mark.parametrize("platform, version, error, reason", [
    ("ios", IOS_VERSION, REJECTED_AT % "edge-1>",
     "show running-config was rejected in user EXEC mode (prompt edge-1>): set ansible_become: true and ansible_become_method: enable"),
    ("ios", IOS_VERSION, REJECTED_AT % "edge-1#",
     "show running-config was rejected (% Invalid input detected at '^' marker.): is enable/become set?"),
    ("nxos", NXOS_VERSION, "show running-config\n% Permission denied\nn9k# ",
     "show running-config was rejected (% Permission denied): does the user's role allow it?"),
])
def test_a_rejected_core_output_makes_the_session_unusable(platform, version, error, reason):
    outputs = _ios_session(version=version) if platform == "ios" else [("show license usage", NXOS_USAGE), ("show version", version)]
    result = pipeline.analyze_outputs(outputs, platform, host="edge-1", errors={"show running-config": error})
    assert result["usable"] is False and result["findings"] == []
    assert result["reason"] == reason
    # The device's answer stays in the result for -v and the report.
    assert result["commands"]["show running-config"]["status"] == "error"


def test_an_empty_or_foreign_core_output_makes_the_session_unusable():
    empty = pipeline.analyze_outputs(_ios_session(**{"show license status": ""}), "ios", host="edge-1")
    assert empty["usable"] is False and empty["reason"] == "show license status gave no output"
    foreign = pipeline.analyze_outputs(_ios_session(**{"show license status": CLOCK}), "ios", host="edge-1")
    assert foreign["usable"] is False
    assert foreign["reason"] == "the answer to show license status does not look like its output: is ansible_network_os right?"


def test_other_rejected_commands_leave_the_session_usable():
    errors = {"show license rum id all": "show license rum id all\r\n  ^\r\n% Invalid input detected at '^' marker.\r\n\r\nedge-1#"}
    result = pipeline.analyze_outputs(_ios_session(), "ios", host="edge-1", errors=errors)
    assert result["usable"] is True and result["reason"] is None
    assert result["commands"]["show license rum id all"]["status"] == "error"
