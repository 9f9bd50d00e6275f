# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Splitting offline captures. Every command output used here is real (fixtures/PROVENANCE.md);
where a test lays several outputs into one capture, the layout (prompt lines, headers) is the test's."""

from __future__ import annotations

import os

from hypothesis import given, settings, strategies as st

from ansible_collections.smartlic.slp.plugins.module_utils import capture

FIXTURES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fixtures")


def _read(*parts):
    with open(os.path.join(FIXTURES, *parts), encoding="utf-8") as handle:
        return handle.read()


def corpus(path):
    return _read("capture", "corpus", *path.split("/"))


def without_first_line(text):
    return text.split("\n", 1)[1]


def header(command):
    return "------------------ %s ------------------" % command


def _body(text):
    """What the reader keeps of an output: lines right-stripped, blank edges dropped."""
    lines = [line.rstrip() for line in text.splitlines()]
    while lines and not lines[0].strip():
        lines.pop(0)
    while lines and not lines[-1].strip():
        lines.pop()
    return "\n".join(lines)


def test_prompt_sections_with_abbreviations():
    status = corpus("iosxe/show_license_status/xvalette_1.txt")   # starts with "csr1#sh license status"
    ntp = corpus("iosxe/show_ntp_associations/genie_2.txt")
    clock = without_first_line(corpus("iosxe/show_clock/genie_1.txt"))
    udi = corpus("iosxe/show_license_udi/genie_2.txt")
    text = "\n".join([status, "csr1#sh ntp assoc", ntp, "csr1>sh clo", clock, "csr1#sh lic udi", udi, "csr1#"])
    result = capture.read_capture(text)
    assert result["hostname"] == "csr1"
    assert result["reason"] is None
    assert [(s["command"], s["canonical"], s["source"]) for s in result["sections"]] == [
        ("sh license status", "show license status", "prompt"),
        ("sh ntp assoc", "show ntp associations", "prompt"),
        ("sh clo", "show clock", "prompt"),
        ("sh lic udi", "show license udi", "prompt"),
    ]
    assert [s["prompt"] for s in result["sections"]] == ["csr1#", "csr1#", "csr1>", "csr1#"]
    outputs = [s["output"] for s in result["sections"]]
    assert outputs == [_body(without_first_line(status)), _body(ntp), _body(clock), _body(udi)]
    assert not any(s["truncated"] for s in result["sections"])
    assert result["platform"] == "ios"
    assert "ios: show ntp associations" in result["platform_evidence"]
    assert capture.split(text)[2] == ("sh clo", "show clock", _body(clock))


def test_corpus_prompt_lines_and_trailing_prompt():
    status = corpus("iosxe/show_license_status/genie_2.txt")   # "c1000v-5#show license status" ... "c1000v-5#"
    clock = corpus("iosxe/show_clock/genie_1.txt").replace("wilson_19#", "c1000v-5#")
    result = capture.read_capture(status + "\n" + clock)
    first, second = result["sections"]
    assert (first["command"], first["prompt"], first["start_line"]) == ("show license status", "c1000v-5#", 1)
    assert first["output"].startswith("Smart Licensing is ENABLED")
    assert first["output"].endswith("    <none>")
    assert first["end_line"] == 36 and first["truncated"] is False
    assert first["ends_like_prompt"] is True       # '<none>' matches network_cli's prompt pattern
    assert second["output"] == "*04:45:00.857 UTC Thu Aug 7 2025"


def test_tech_support_headers():
    tech = corpus("iosxe/show_license_tech_support/genie_18.txt")
    ntp = corpus("iosxe/show_ntp_associations/genie_2.txt")
    text = "\n".join([header("show license tech support"), tech, "", header("show ntp associations"), ntp])
    result = capture.read_capture(text)
    sections = result["sections"]
    assert [(s["command"], s["canonical"], s["source"], s["prompt"]) for s in sections] == [
        ("show license tech support", "show license tech support", "header", None),
        ("show ntp associations", "show ntp associations", "header", None),
    ]
    assert sections[0]["output"] == _body(tech)
    assert sections[1]["output"] == _body(ntp)
    assert [s["truncated"] for s in sections] == [False, False]
    # header (1), the 403 lines of the output, a blank line, then the second header.
    assert sections[1]["start_line"] == 1 + len(tech.splitlines()) + 2


def test_truncated_tech_support():
    text = header("show license tech support") + "\n" + corpus("iosxe/show_license_tech_support/muninn_issue_1.txt")
    section = capture.read_capture(text)["sections"][0]
    assert section["truncated"] is True
    assert section["truncation_reasons"] == [
        "ends with the heading 'Policy:' and nothing under it",
        "show license tech support without its last section 'Platform Provided Mapping Table'",
    ]


def test_prompt_reappearing_inside_an_output():
    tech = corpus("iosxe/show_license_tech_support/genie_18.txt").splitlines()
    text = "\n".join(["C9300#show license tech support"] + tech[:100] + ["C9300#"] + tech[100:] + ["C9300#show clock", "*04:45:00.857 UTC Thu Aug 7 2025"])
    result = capture.read_capture(text)
    first, second = result["sections"]
    assert first["truncated"] is True
    assert "the prompt reappears at line 102 and output continues after it" in first["truncation_reasons"]
    assert first["output"] == _body("\n".join(tech[:100]))
    assert first["after_prompt"] == _body("\n".join(tech[100:]))
    assert second["canonical"] == "show clock" and second["truncated"] is False


def test_output_cut_at_none_goes_to_the_next_command():
    # network_cli took the '<none>' line for the prompt: the rest of show license status came back as show logging's output.
    status = corpus("iosxe/show_license_status/xvalette_1.txt").splitlines()
    cut = status.index("    <none>") + 1
    text = "\n".join(status[:cut] + ["csr1#show logging"] + status[cut:] + ["csr1#"])
    first, second = capture.read_capture(text)["sections"]
    assert first["ends_like_prompt"] is True
    assert first["truncated"] is True
    assert "the next section's output does not look like 'show logging'" in first["truncation_reasons"][0]
    assert second["possible_continuation_of"] == "sh license status"
    assert second["warnings"] and "may be the rest of 'sh license status'" in second["warnings"][0]
    # An output that ends with '<none>' and is followed by a sound section is left alone.
    whole = corpus("iosxe/show_license_status/genie_2.txt") + "\n" + corpus("iosxe/show_clock/genie_1.txt").replace("wilson_19#", "c1000v-5#")
    assert capture.read_capture(whole)["sections"][0]["truncated"] is False


def test_running_config_without_end():
    text = _read("capture", "ios_switch1_blog.txt")
    result = capture.read_capture(text)
    assert [(s["command"], s["canonical"], s["partial"]) for s in result["sections"]] == [
        ("show run int gi0/1", "show running-config", True),
        ("show int status", None, False),
        ("show int gi0/1 switchport", None, False),
    ]
    assert result["sections"][0]["output"].endswith("end")
    assert not any(s["truncated"] for s in result["sections"])
    # The same capture cut before the configuration's last line.
    cut = text.replace(" negotiation auto\nend\n", " negotiation auto\n")
    section = capture.read_capture(cut)["sections"][0]
    assert section["truncated"] is True
    assert section["truncation_reasons"] == ["running-config without its final 'end' line"]


def test_nxos_seed_examples():
    result = capture.read_capture(_read("capture", "nxos_seed_examples.txt"))
    assert result["platform"] == "nxos"
    assert result["platform_source"] == "content"
    assert {"nxos: use-vrf", "nxos: vrf context", "nxos: NX-OS running-config header"} <= set(result["platform_evidence"])
    commands = [(s["command"], s["canonical"], s["config_mode"]) for s in result["sections"]]
    assert commands[0] == ("config terminal", None, False)
    assert commands[1:7] == [
        ("ip domain-lookup", None, True), ("ip domain-name cisco.com", None, True),
        ("ip name-server <dns-server-ip> use-vrf <vrf-name>", None, True), ("vrf context <vrf-name>", None, True),
        ("ip domain-name cisco.com", None, True), ("ip name-server <dns-server-ip>", None, True),
    ]
    assert commands[7:] == [("ping cisco.com vrf <vrf-name>", "ping cisco.com vrf <vrf-name>", True),
                            ("show running-config callhome all", "show running-config callhome all", True)]
    ping, callhome = result["sections"][7:]
    assert ping["output"].splitlines()[-1] == "round-trip min/avg/max = 241.968/242.133/242.279 ms"
    assert "--- cisco.com ping statistics ---" in ping["output"]
    assert callhome["output"].startswith("!Command: show running-config callhome all")
    assert all(s["empty"] for s in result["sections"][:7])


def test_log_printed_after_a_prompt_is_not_a_command():
    result = capture.read_capture(_read("capture", "nxos_virl_licmgr_blog.txt"))
    assert [s["command"] for s in result["sections"]] == ["feature bgp", "license grace-period", "feature bgp"]
    assert result["sections"][0]["output"] == "Feature grace period is disabled"
    assert result["sections"][1]["empty"] is True
    assert result["platform"] == "nxos"
    assert [(m["mnemonic"], m["source_command"]) for m in result["messages"]] == [("LOG_LIC_NO_LIC", "feature bgp"), ("LOG_LICAPP_NO_LIC", "feature bgp")]
    assert result["default_year"] == 2020


def test_messages_anywhere_in_the_capture():
    log = _read("syslog", "real_lines.txt").splitlines()[:3]
    clock = corpus("iosxe/show_clock/genie_1.txt")
    text = "\n".join([clock, "wilson_19#show logging"] + log + ["wilson_19#"])
    result = capture.read_capture(text)
    assert [s["canonical"] for s in result["sections"]] == ["show clock", "show logging"]
    # No log line prints a year: the year of show clock is used.
    assert result["default_year"] == 2025
    assert [m["timestamp"] for m in result["messages"]] == ["2025-11-17T18:05:09", "2025-11-17T19:05:18", "2025-11-17T20:05:27"]
    assert {m["source_command"] for m in result["messages"]} == {"show logging"}


def test_nxos_commands_under_headers():
    ntp = corpus("nxos/show_ntp_peer-status/genie_1.txt")
    result = capture.read_capture(header("show ntp peer-status") + "\n" + ntp)
    assert result["platform"] == "nxos"
    assert result["sections"][0]["canonical"] == "show ntp peer-status"
    assert result["sections"][0]["output"] == _body(ntp)


def test_platform_hint_overrides_the_content():
    text = header("show license tech support") + "\n" + corpus("iosxe/show_license_tech_support/genie_18.txt")
    assert capture.detect_platform(text)[0] == "ios"
    result = capture.read_capture(text, platform="cisco.nxos.nxos")
    assert result["platform"] == "nxos" and result["platform_source"] == "hint" and result["platform_detected"] == "ios"
    assert result["warnings"] == ["platform hint 'nxos' overrides the content, which looks like ios"]
    assert capture.detect_platform("nothing telling", hint="ios") == ("ios", [])
    assert capture.detect_platform("nothing telling") == (None, [])


def test_platform_evidence_in_non_ascii_text():
    # The case-insensitive regexes match these letters ("ſ" for "s", "İ" for "i"); lower-casing does not give the
    # ASCII words back, so the substring shortcut must not decide for such text.
    assert capture.detect_platform("Cisco NXOſ\nuse-vrf management\n") == ("nxos", ["nxos: NX-OS banner", "nxos: use-vrf"])
    assert capture.detect_platform("CİSCO IOS XE SOFTWARE, Version 17.9.4\n") == ("ios", ["ios: IOS XE banner"])
    # The same words in ASCII take the shortcut and give the same answer.
    assert capture.detect_platform("CISCO IOS XE SOFTWARE, Version 17.9.4\n") == ("ios", ["ios: IOS XE banner"])


def test_no_recognisable_section():
    assert capture.read_capture("")["reason"] == "the capture is empty"
    result = capture.read_capture("Smart Licensing is ENABLED\nUtility:\n  Status: DISABLED")
    assert result["sections"] == [] and result["reason"].startswith("no tech-support section header")
    assert result["preamble"].startswith("Smart Licensing is ENABLED")
    logs = capture.read_capture(_read("syslog", "real_lines.txt"))
    assert logs["sections"] == []
    assert logs["reason"].endswith("43 licensing syslog message(s) were read from the text")
    # NX-OS ping statistics lines have 3 dashes: not tech-support headers.
    assert capture.split(corpus("nxos/ping/genie_1.txt")) == []
    assert capture.split(None) == []


_CAPTURE_LINES = ["R1#sh lic stat", "R1#", "switch# show clock", "----- x -----", "------------------ show clock ------------------", "  <none>"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(st.text(max_size=60), st.sampled_from(_CAPTURE_LINES)), max_size=25))
def test_random_captures_never_raise(lines):
    result = capture.read_capture("\n".join(lines))
    assert isinstance(result["sections"], list)
    for section in result["sections"]:
        assert isinstance(section["output"], str)
    assert result["sections"] or result["reason"]


# ------------------------------------------------------------------ live outputs (read_outputs)

CAPTURE_FOLDERS = [os.path.join(os.path.dirname(FIXTURES), "rules", "fixtures"),
                   os.path.join(os.path.dirname(FIXTURES), "..", "..", "..", "integration", "fixtures", "captures")]


def _as_transcript(outputs, host):
    """The terminal transcript of live outputs: what read_outputs must read as read_capture reads it."""
    lines = []
    for command, output in outputs:
        lines += ["%s#%s" % (host, command), output.rstrip("\r\n")]
    return "\n".join(lines + ["%s#" % host]) + "\n"


def _capture_outputs():
    """[(file name, platform, [(command, output)])] of the rules and integration captures: real outputs, several per device."""
    found = []
    for folder in CAPTURE_FOLDERS:
        for name in sorted(os.listdir(folder)):
            if not name.endswith((".txt", ".log")) or name == "PROVENANCE.md":
                continue
            with open(os.path.join(folder, name), encoding="utf-8", errors="replace") as handle:
                read = capture.read_capture(handle.read())
            outputs = [(section["command"], section["output"]) for section in read["sections"] if not section["config_mode"]]
            if outputs:
                found.append((name, read["platform"] or "ios", outputs))
    return found


def test_read_outputs_gives_what_read_capture_gives_for_the_transcript():
    checked = messages = 0
    for name, platform, outputs in _capture_outputs():
        direct = capture.read_outputs(outputs, platform, "gather-1")
        laid_out = capture.read_capture(_as_transcript(outputs, "gather-1"), platform, detect=False, host="gather-1")
        for key in ("platform", "hostname", "default_year", "messages", "reason", "warnings", "sections"):
            assert direct[key] == laid_out[key], (name, key)
        checked += len(outputs)
        messages += len(direct["messages"])
    assert checked > 100 and messages > 50


def test_read_outputs_keeps_an_output_whole_where_a_transcript_would_cut_it():
    outputs = [("show clock", "*10:03:11.123 UTC Tue Nov 17 2026\ngather-1#\nstray text")]
    read = capture.read_outputs(outputs, "ios", "gather-1")
    assert [section["output"] for section in read["sections"]] == ["*10:03:11.123 UTC Tue Nov 17 2026\ngather-1#\nstray text"]
    assert read["sections"][0]["truncated"] is False
    laid_out = capture.read_capture(_as_transcript(outputs, "gather-1"), "ios", detect=False, host="gather-1")
    assert laid_out["sections"][0]["truncated"] is True


def test_read_outputs_with_nothing_gathered_says_so():
    read = capture.read_outputs([], "cisco.nxos.nxos", "gather-1")
    assert read["sections"] == [] and read["platform"] == "nxos"
    assert read["reason"] == "no command output was given"
