"""license_actions: the pure decisions behind the trust and sync EXEC commands."""
from __future__ import annotations

import pytest

from ansible_collections.smartlic.slp.plugins.module_utils import license_actions as actions

TOKEN = "NjM2ZGYxZDEtOTUyNS00YjE3LWE5ODItNjhjYzI3ZTYzNzM3LTE2ODMxMjQz"


def test_mask_everywhere():
    value = {"msg": "sent license smart trust idtoken %s local" % TOKEN, "list": [TOKEN, 3], "nested": {"a": TOKEN + "x"}}
    masked = actions.mask(value, [TOKEN])
    assert TOKEN not in repr(masked)
    assert masked["msg"] == "sent license smart trust idtoken ******** local"
    assert masked["list"] == ["********", 3] and masked["nested"] == {"a": "********x"}
    assert actions.mask("text", [None, ""]) == "text"


def test_trust_command_forms():
    # IOS XE: '{local|all}' is required (seed 000 line 382); NX-OS has no scope keyword (seed 001 line 25).
    assert actions.trust_command("T", "local") == "license smart trust idtoken T local"
    assert actions.trust_command("T", "all", True) == "license smart trust idtoken T all force"
    assert actions.trust_command("T", None, True) == "license smart trust idtoken T local force"
    assert actions.trust_command("T", "all", False, "nxos") == "license smart trust idtoken T"
    assert actions.trust_command("T", "local", True, "nxos") == "license smart trust idtoken T force"


def test_sync_command_forms():
    # IOS XE: 'all|local' required (Command Reference for SLP); NX-OS: bare (seed 001 line 291).
    assert actions.sync_command() == "license smart sync all"
    assert actions.sync_command("local") == "license smart sync local"
    assert actions.sync_command("all", "nxos") == "license smart sync"
    assert actions.sync_command("local", "nxos") == "license smart sync"


def test_pending_says_what_was_sent_and_when_to_look_again():
    now = 1_800_000_000.0  # 2027-01-15T08:00:00Z
    info = actions.pending(["license smart sync all"], actions.ACK_EXPECTED_SECONDS, waited=120, now=now)
    assert info == {"sent": ["license smart sync all"], "sent_at": "2027-01-15T07:58:00Z", "recheck_after": "2027-01-15T08:13:00Z",
                    "how": "re-run smartlic.slp.diagnose after 2027-01-15T08:13:00Z"}
    # Waited longer than the effect usually takes: look again a minute from now, never in the past.
    late = actions.pending([], 60, waited=600, now=now)
    assert late["recheck_after"] == "2027-01-15T08:01:00Z" and late["sent"] == []


@pytest.mark.parametrize("requested, udi, expected", [
    ("auto", {"entries": [{"udi": "a"}], "ha": False}, "local"),
    ("auto", {"entries": [{"udi": "a"}, {"udi": "b"}], "ha": True}, "all"),
    ("auto", None, "local"),
    ("all", None, "all"),
    ("local", {"entries": [{"udi": "a"}, {"udi": "b"}]}, "local"),
])
def test_choose_scope(requested, udi, expected):
    assert actions.choose_scope(requested, udi) == expected


HA = {"trust_code": {"installed": True, "entries": [
    {"role": "active", "udi": "PID:A,SN:1", "installed": True, "installed_on": "2021-10-14T11:37:52Z"},
    {"role": "standby", "udi": "PID:A,SN:2", "installed": False, "installed_on": None},
]}}


def test_trust_installed_by_scope():
    assert actions.trust_installed(HA, "local") is True
    assert actions.trust_installed(HA, "all") is False
    assert actions.trust_installed({"trust_code": {"installed": True, "entries": []}}, "all") is True
    assert actions.trust_installed({}, "local") is False


def test_trust_renewed_needs_a_new_timestamp():
    after = {"trust_code": {"installed": True, "entries": [dict(HA["trust_code"]["entries"][0], installed_on="2026-11-22T17:00:00Z"),
                                                           HA["trust_code"]["entries"][1]]}}
    assert actions.trust_renewed(HA, after, "local") is True
    assert actions.trust_renewed(HA, HA, "local") is False
    assert actions.trust_renewed(HA, after, "all") is False  # the standby still has none


def test_new_lines_counts_repeats():
    before = "a\nb\n"
    assert actions.new_lines(before, "a\nb\nb\nc\n") == ["b", "c"]
    assert actions.new_lines(before, before) == []


def test_refused_lines():
    out = "                 ^\n% Invalid input detected at '^' marker.\n"
    assert actions.refused_lines(out) == ["^", "% Invalid input detected at '^' marker."]
    assert actions.refused_lines("Trust code installed\n") == []


def test_wait_for_is_bounded():
    now = [0.0]
    calls = []

    def probe():
        calls.append(now[0])

    value, waited, probes = actions.wait_for(probe, 10, 3, sleep=lambda s: now.__setitem__(0, now[0] + s), clock=lambda: now[0])
    assert value is None and waited == 10 and probes == 5
    assert calls == [0.0, 3.0, 6.0, 9.0, 10.0]
    value, waited, probes = actions.wait_for(lambda: "done", 10, 3, sleep=lambda s: None, clock=lambda: 0.0)
    assert (value, probes) == ("done", 1)


STATUS = {"usage_reporting": {"last_ack_received": "2021-12-03T08:34:58Z", "next_ack_deadline": "2022-01-02T08:34:58Z"},
          "policy": {"reporting_ack_required": True}}


@pytest.mark.parametrize("now, due, words", [
    ("2021-12-04T00:00:00Z", False, "days away"),
    ("2021-12-25T00:00:00Z", True, "at most 14"),
    ("2022-02-01T00:00:00Z", True, "has passed"),
    (None, False, "no ACK deadline"),
])
def test_ack_due(now, due, words):
    result, reason = actions.ack_due(STATUS, now, 14)
    assert result is due and words in reason


def test_ack_due_without_any_ack():
    assert actions.ack_due({"usage_reporting": {}}, None, 14)[0] is True
    assert actions.ack_due({"usage_reporting": {}, "policy": {"reporting_ack_required": False}}, None, 14)[0] is False


def test_ack_renewed_and_received_since():
    later = {"usage_reporting": {"last_ack_received": "2022-01-01T00:00:00Z"}}
    assert actions.ack_renewed(STATUS, later) is True
    assert actions.ack_renewed(STATUS, STATUS) is False
    assert actions.ack_received_since(later, "2021-12-31T00:00:00") is True
    assert actions.ack_received_since(STATUS, "2021-12-31T00:00:00") is False
    assert actions.ack_received_since(STATUS, None) is False


# What network_cli raised when an IOS XE release rejected the trust command (lab, reject_commands fault).
REJECTED = 'b"license smart trust idtoken TKN local\\r\\n        ^\\r\\n% Invalid input detected at \'^\' marker.\\r\\n\\r\\nsec-old#"'


def test_error_text_decodes_the_bytes_repr():
    text = actions.error_text(REJECTED)
    assert text.splitlines()[0] == "license smart trust idtoken TKN local"
    assert actions.refused_lines(text) == ["^", "% Invalid input detected at '^' marker."]
    assert actions.error_text("command timeout triggered\r\nsee the guide") == "command timeout triggered\nsee the guide"
    assert actions.error_text("b'broken") == "b'broken"
    assert actions.error_text(None) == ""
