# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The syslog reader on real device lines (fixtures/PROVENANCE.md) and on random text."""

from __future__ import annotations

import os
import re
import string

import pytest
from hypothesis import given, settings, strategies as st

from ansible_collections.smartlic.slp.plugins.module_utils import catalog
from ansible_collections.smartlic.slp.plugins.module_utils.parsers import syslog
from ansible_collections.smartlic.slp.plugins.module_utils.parsers.common import to_iso

FIXTURES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fixtures", "syslog")
CONTRACT_KEYS = {"facility", "severity", "mnemonic", "event", "platform", "text", "timestamp", "timestamp_raw", "timestamp_has_year", "variables",
                 "known", "raw"}

CSLU = "Cisco Smart License Utility (CSLU)"
CSSM = "Cisco Smart Software Manager (CSSM)"
DNS_ERROR = "Unable to resolve server hostname/domain name"


def _lines(name):
    with open(os.path.join(FIXTURES, name), encoding="utf-8") as handle:
        return handle.read().splitlines()


REAL = _lines("real_lines.txt")

# What each line of real_lines.txt is: (event, variables) or None for a line without a licensing message.
EXPECTED = {}
for _number in list(range(1, 13)) + [24, 25] + list(range(30, 37)):
    EXPECTED[_number] = ("COMM_FAILED", {"peer": CSLU, "error": DNS_ERROR})
for _number in (13, 22, 26):
    EXPECTED[_number] = ("AGENT_ENABLED", {})
for _number in (14, 15, 16, 17, 23, 27):
    EXPECTED[_number] = ("EXPORT_CONTROLLED", {})
for _number in (18, 20):
    EXPECTED[_number] = ("PLATFORM_ERROR", {"error": "The platform provided UDI list has invalid values: ; udi_pid is emp"})
EXPECTED.update({
    19: None,
    21: None,
    28: ("CALL_HOME_ENABLED", {}),
    29: ("REPORTING_REQUIRED", {"days": 364}),
    37: ("COMM_FAILED", {"peer": CSSM, "error": "Communications failure"}),
    38: ("COMM_FAILED", {"peer": CSSM, "error": "Fail to send out Call Home HTTP message."}),
    39: ("AUTH_RENEW_FAILED", {"peer": CSSM, "error": "Communication message send error for udi <>"}),
    40: ("AGENT_REG_FAILED", {"peer": CSSM, "error": "Fail to send out Call Home HTTP message."}),
    41: ("SL_MESSAGE_FAILED", {"url": "https://tools.cisco.com/its/service/oddce/services/DDCEService", "error": "ERR 205 : Request Aborted"}),
    42: ("SL_MESSAGE_FAILED", {"url": "https://tools.cisco.com/its/service/oddce/services/DDCEService", "error": "ERR 207 : Connection time out"}),
    43: ("REPORTING_NOT_SUPPORTED", {}),
    44: ("COMM_FAILED", {"peer": CSSM, "error": "Received empty response from server"}),
    45: ("COMM_RESTORED", {"peer": CSLU}),
})


def test_expectations_cover_every_real_line():
    assert len(REAL) == 45
    assert sorted(EXPECTED) == list(range(1, 46))


@pytest.mark.parametrize("number", range(1, 46))
def test_every_real_line(number):
    line = REAL[number - 1]
    message = syslog.parse_line(line, default_year=2025)
    expected = EXPECTED[number]
    if expected is None:
        assert message is None
        return
    event, variables = expected
    assert CONTRACT_KEYS <= set(message)
    assert message["event"] == event
    assert message["known"] is True
    assert message["template_matched"] is True
    assert message["variables"] == variables
    assert message["raw"] == line
    assert message["severity"] == int(re.search(r"-(\d)-[A-Z_]+ ?:", line).group(1))
    assert message["in_seed"] is catalog.get(event)["in_seed"]


def test_glued_console_text_is_kept_apart():
    assert syslog.parse_line(REAL[15])["trailing_text"] == "RA Tracing tool registry return: 0"
    assert syslog.parse_line(REAL[26])["trailing_text"] == "ESG-PM-ACL:[subsys-init] Init ESG-ACL subsystem starting"
    assert syslog.parse_line(REAL[14])["trailing_text"] is None


def test_nxos_wrapped_line():
    message = syslog.parse_line(REAL[17])
    assert message["facility"] == "SMART_LIC"
    assert message["severity"] == 2
    assert message["wrapper"] == "USER-2-SYSTEM_MSG"
    assert message["process"] == "SMART_AGENT[4941]"
    assert message["platform"] == "nxos"
    assert message["timestamp"] == "2021-01-29T06:40:54"
    assert message["timestamp_has_year"] is True
    assert message["text"].endswith("udi_pid is emp")


def test_variants_observed_on_devices():
    restored = syslog.parse_line(REAL[44])
    assert restored["severity"] == 5
    assert restored["template"] == "Communications with [chars] restored"
    assert restored["derived"]["peer_type"] == "cslu"
    onprem = syslog.parse_line(REAL[42])
    assert onprem["template"].startswith("Smart Agent for Licensing CSSM OnPrem")
    assert syslog.parse_line(REAL[0])["derived"]["peer_type"] == "cslu"
    assert syslog.parse_line(REAL[36])["derived"]["peer_type"] == "cssm"


@pytest.mark.parametrize("number, default_year, iso, has_year, marker, synced", [
    (1, 2025, "2025-11-17T18:05:09", False, "*", False),
    (1, None, None, False, "*", False),
    (24, 2020, "2026-03-07T23:38:41", True, "*", False),
    (25, 2022, "2022-03-24T20:17:03", False, ".", False),
    (29, 2021, "2021-11-19T14:54:45", False, None, True),
    (18, None, "2021-01-29T06:40:54", True, None, None),
    (37, 2025, None, False, None, None),
])
def test_timestamp_styles(number, default_year, iso, has_year, marker, synced):
    message = syslog.parse_line(REAL[number - 1], default_year=default_year)
    assert message["timestamp"] == iso
    assert message["timestamp_has_year"] is has_year
    assert message["clock_marker"] == marker
    assert message["clock_synchronized"] is synced


def test_timestamp_raw_is_the_device_text():
    assert syslog.parse_line(REAL[0])["timestamp_raw"] == "*Nov 17 18:05:09.580"
    assert syslog.parse_line(REAL[23])["timestamp_raw"] == "*Mar  7 2026 23:38:41.985"
    assert syslog.parse_line(REAL[24])["timestamp_raw"] == ".Mar 24 20:17:03.508"
    assert syslog.parse_line(REAL[36])["timestamp_raw"] is None


def test_sequence_numbers_and_time_zones():
    # The same real line as printed with 'service sequence-numbers' and 'service timestamps log datetime msec show-timezone'.
    numbered = syslog.parse_line("000123: " + REAL[0], default_year=2025)
    assert numbered["sequence"] == 123
    assert numbered["timestamp"] == "2025-11-17T18:05:09"
    zoned = syslog.parse_line(REAL[0].replace("18:05:09.580:", "18:05:09.580 UTC:"), default_year=2025)
    assert zoned["timestamp"] == "2025-11-17T18:05:09Z"
    local = syslog.parse_line(REAL[23].replace("23:38:41.985:", "23:38:41.985 CET:"))
    assert local["timestamp"] == "2026-03-07T23:38:41"
    assert local["variables"]["peer"] == CSLU


def test_messages_of_a_whole_text():
    messages = syslog.parse_messages("\n".join(REAL), default_year=2025)
    assert len(messages) == 43
    assert [message["line"] for message in messages] == [n for n in range(1, 46) if EXPECTED[n]]
    assert all(message["known"] for message in messages)


def test_crlf_line_endings():
    # Lines 11-12 of the corpus file end in CRLF (the fixture copy was normalised): both forms read the same.
    plain = syslog.parse_messages("\n".join(REAL), default_year=2025)
    crlf = syslog.parse_messages("\r\n".join(REAL) + "\r\n", default_year=2025)
    assert [(m["event"], m["variables"], m["timestamp"]) for m in crlf] == [(m["event"], m["variables"], m["timestamp"]) for m in plain]


def test_year_rolls_back_over_new_year():
    # A November message followed by a March one: the November one belongs to the year before.
    messages = syslog.parse_messages(REAL[25] + "\n" + REAL[21], default_year=2026)
    assert [message["timestamp"] for message in messages] == ["2025-11-19T14:53:07", "2026-03-07T23:36:42"]
    # A line printing its year resets the count for the lines before it.
    messages = syslog.parse_messages("\n".join([REAL[21], REAL[22], REAL[23]]), default_year=2030)
    assert [message["timestamp"][:4] for message in messages] == ["2026", "2026", "2026"]


def test_non_seed_messages_from_a_boot_log():
    messages = syslog.parse_messages("\n".join(_lines("c9300l_boot_17_3_1.txt")), default_year=2020)
    assert [message["event"] for message in messages] == ["AGENT_READY", "AGENT_ENABLED", "EXPORT_CONTROLLED", "EVAL_START", "EVAL_START",
                                                          "HA_ROLE_CHANGED"]
    assert all(message["known"] and not message["in_seed"] for message in messages)
    assert messages[-1]["variables"] == {"role": "Active"}
    clock = syslog.parse_messages("\n".join(_lines("pnp_clock_changed.txt")))
    assert [message["event"] for message in clock] == ["SYSTEM_CLOCK_CHANGED"]
    assert clock[0]["clock_synchronized"] is True


def test_message_wrapped_by_the_terminal():
    messages = syslog.parse_messages("\n".join(_lines("c1900_wrapped_console.txt")), default_year=2015)
    assert len(messages) == 1
    assert messages[0]["event"] == "AGENT_READY"
    assert messages[0]["template_matched"] is True
    assert messages[0]["text"] == "Smart Agent for Licensing is initialized"
    assert messages[0]["raw"].count("\n") == 1


def test_legacy_licmgr_lines_are_unknown():
    path = os.path.join(os.path.dirname(FIXTURES), "capture", "nxos_virl_licmgr_blog.txt")
    with open(path, encoding="utf-8") as handle:
        messages = syslog.parse_messages(handle.read())
    assert [(m["facility"], m["mnemonic"], m["known"], m["platform"]) for m in messages] == [
        ("LICMGR", "LOG_LIC_NO_LIC", False, "nxos"),
        ("LICMGR", "LOG_LICAPP_NO_LIC", False, "nxos"),
    ]
    assert messages[0]["hostname"] == "switch"
    assert messages[0]["timestamp"] == "2020-06-22T22:28:45"
    assert messages[0]["variables"] == {}


def _filled(template, values):
    text = template
    for value in values:
        text = re.sub(r"\[[a-z-]+\]", lambda _match, v=value: str(v), text, count=1)
    return text


SEED_EVENTS = catalog.event_names(in_seed=True)


@pytest.mark.parametrize("event", [e for e in SEED_EVENTS if catalog.platform_spec(e, "nxos")])
def test_nxos_licmgr_lines(event):
    """No real NX-OS %LICMGR SLP line exists in any reachable source (corpus MANIFEST): each seed template is
    filled in and put in the NX-OS logfile format of the real lines (real_lines.txt line 18, genie logfile)."""
    spec = catalog.platform_spec(event, "nxos")
    entry = catalog.get(event)
    values = [42 if entry["variable_types"][name] == "dec" else "PID:N9K-C93180YC-FX,SN:FDO21120U8N" if name == "udi" else CSSM
              for name in entry["variables"]]
    line = "2023 Aug  3 20:43:58 switch %%LICMGR-%d-%s: %s" % (spec["severity"], spec["mnemonic"], _filled(spec["template"], values))
    message = syslog.parse_line(line)
    assert message["event"] == event
    assert message["platform"] == "nxos"
    assert message["hostname"] == "switch"
    assert message["timestamp"] == "2023-08-03T20:43:58"
    assert message["template_matched"] is True
    assert message["variables"] == dict(zip(entry["variables"], values))
    if "udi" in entry["variables"]:
        assert message["derived"]["udi"]["sn"] == "FDO21120U8N"


def test_lines_without_a_message():
    assert syslog.parse_line("") is None
    assert syslog.parse_line(None) is None
    assert syslog.parse_line("Smart Licensing is ENABLED") is None
    assert syslog.parse_line(REAL[18]) is None
    odd = syslog.parse_line("mentions SMART_LIC-3- without a proper head")
    assert odd["known"] is False and odd["raw"] == "mentions SMART_LIC-3- without a proper head"
    unknown = syslog.parse_line("*Nov 17 18:05:09.580: %SMART_LIC-3-SOMETHING_NEW: text")
    assert unknown["known"] is False and unknown["event"] == "SOMETHING_NEW" and unknown["timestamp_raw"] == "*Nov 17 18:05:09.580"
    assert syslog.parse_line(b"%SMART_LIC-6-AGENT_ENABLED: Smart Agent for Licensing is enabled")["event"] == "AGENT_ENABLED"


def test_year_helpers():
    assert syslog.newest_year("\n".join(REAL)) == 2026
    assert syslog.newest_year("no log here") is None
    assert syslog.log_years(REAL[17] + "\n" + REAL[23]) == [2021, 2026]
    assert syslog.is_log_line(REAL[0]) and syslog.is_log_line(REAL[17]) and not syslog.is_log_line("Transport:")


# Parentheses and colons are left out: a value holding the template's own delimiters is ambiguous by nature.
_VALUE = st.text(alphabet=string.ascii_letters + string.digits + " /_-.,<>", min_size=1, max_size=40).map(str.strip).filter(bool)


@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_templates_round_trip(data):
    event = data.draw(st.sampled_from([e for e in catalog.event_names() if catalog.get(e)["variables"]]))
    entry = catalog.get(event)
    values = [data.draw(st.integers(min_value=0, max_value=99999)) if entry["variable_types"][name] == "dec" else data.draw(_VALUE)
              for name in entry["variables"]]
    spec = entry["platforms"]["ios"]
    line = "*Nov 17 18:05:09.580: %%%s-%d-%s: %s" % (spec["facility"], spec["severity"], spec["mnemonic"], _filled(entry["template"], values))
    message = syslog.parse_line(line)
    assert message["event"] == event
    assert message["template_matched"] is True
    got = message["variables"]
    for name, value in zip(entry["variables"], values):
        if isinstance(value, int):
            assert got[name] == value
        else:
            # A value ending in '.' before the template's own final period is the one ambiguity the format has.
            assert got[name] in (value, value.rstrip("."), value + ".")


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_random_text_never_raises(text):
    messages = syslog.parse_messages(text, default_year=2024)
    assert isinstance(messages, list)
    for message in messages:
        assert CONTRACT_KEYS <= set(message)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=120), st.sampled_from(["%SMART_LIC-3-COMM_FAILED:", "%LICMGR-6-LOG_SMART_LIC_REPORTING_REQUIRED:", "SMART_LIC-4-"]))
def test_random_text_around_a_head_never_raises(noise, head):
    message = syslog.parse_line(noise + head + noise)
    assert message is not None
    assert CONTRACT_KEYS <= set(message)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(["Jan", "feb", "MAR", "Dec", "Foo"]), st.integers(0, 40), st.integers(0, 12000) | st.sampled_from(["2024", "0", "99999"]),
       st.from_regex(r"\A\d{1,2}:\d{2}:\d{2}\Z"), st.sampled_from([None, "UTC", "GMT", "Z", "PST"]))
def test_dates_built_from_parts_match_the_printed_form(mon, day, year, time_text, zone):
    """_iso builds a 4-digit year's date from its parts; the result is what printing and reading it back gives."""
    stamp = {"mon": mon, "day": day, "time": time_text, "tz": zone}
    printed = "%s %s %s %s%s" % (mon, day, year, time_text, " UTC" if zone in ("UTC", "GMT", "Z") else "")
    assert syslog._iso(stamp, year) == (to_iso(printed) if year else None)  # pylint: disable=protected-access
