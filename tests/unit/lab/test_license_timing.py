"""The lab's realistic delays: an ACK, a trust code and NTP synchronisation take time, and the outputs show the wait."""

from __future__ import annotations

from ansible_collections.smartlic.slp.plugins.module_utils.parsers import syslog
from tests.lab import license_model
from tests.unit.lab.model_lab import Lab


def test_realistic_delays_are_the_default():
    settings = license_model.scenario_settings("ios", "edge", {})
    assert settings["ack_delay_seconds"] == 900  # seed 001: the ACK takes about 15 minutes in direct mode
    assert settings["trust_install_seconds"] == 60
    assert settings["ntp_sync_seconds"] == 300
    assert license_model.scenario_settings("nxos", "leaf", {"ack_delay_seconds": 5})["ack_delay_seconds"] == 5


def test_ack_in_flight_shows_the_push_but_no_new_ack():
    for platform, command in (("ios", "license smart sync all"), ("nxos", "license smart sync")):
        lab = Lab(platform, instant=False, faults=["report_ack_overdue"])
        before = lab.parsed("show license status")["usage_reporting"]
        events = lab.events()
        assert lab.run(command) == ""
        lab.clock.advance(seconds=899)
        usage = lab.parsed("show license status")["usage_reporting"]
        assert usage["last_report_push"] == "2026-03-10T12:00:00Z" != before["last_report_push"]
        assert usage["last_ack_received"] == before["last_ack_received"]
        assert usage["next_ack_deadline"] == before["next_ack_deadline"]
        assert lab.events() == events  # no POLICY_INSTALL_SUCCESS yet
        # A second sync while the ACK is on its way does not push the ACK back.
        lab.run(command)
        lab.clock.advance(seconds=1)
        usage = lab.parsed("show license status")["usage_reporting"]
        assert usage["last_ack_received"] == "2026-03-10T12:15:00Z", platform
        assert lab.events()[-1] == "POLICY_INSTALL_SUCCESS"


def test_trust_code_in_flight_then_installed():
    for platform, command in (("ios", "license smart trust idtoken good-token local"), ("nxos", "license smart trust idtoken good-token")):
        lab = Lab(platform, instant=False, faults=["trust_code_missing"])
        assert lab.run(command) == ""
        lab.clock.advance(seconds=59)
        trust = lab.parsed("show license status")["trust_code"]
        assert trust["installed"] is not True
        assert "TRUST_CODE_INSTALL_SUCCESS" not in lab.events()
        lab.clock.advance(seconds=1)
        trust = lab.parsed("show license status")["trust_code"]
        assert trust["installed"] is True, platform
        assert lab.events()[-2:] == ["TRUST_CODE_INSTALL_SUCCESS", "POLICY_INSTALL_SUCCESS"]


def test_trust_failure_comes_with_the_answer_and_judges_the_request_as_sent():
    lab = Lab("ios", instant=False, faults=["trust_code_missing"], trust_install_seconds=10)
    lab.run("license smart trust idtoken wrong-token local")
    assert "TRUST_CODE_INSTALL_FAILED" not in lab.events()
    lab.clock.advance(seconds=10)
    lab.run("show clock")
    assert lab.events()[-1] == "TRUST_CODE_INSTALL_FAILED"
    # A clock off by more than an hour when the token is sent: the answer is a timestamp mismatch, even if NTP fixes
    # the clock before the answer arrives.
    lab = Lab("ios", instant=False, faults=["trust_code_missing", "clock_not_synchronized"], trust_install_seconds=10, ntp_sync_seconds=5)
    lab.run("license smart trust idtoken good-token local")
    lab.configure("ntp server 192.0.2.123 prefer")
    lab.clock.advance(seconds=10)
    lab.run("show clock")
    failed = [message for message in syslog.parse_messages("\n".join(lab.model.messages())) if message["event"] == "TRUST_CODE_INSTALL_FAILED"]
    assert failed[-1]["variables"]["reason"] == license_model.REASON_TIMESTAMP


def test_ntp_in_flight_shows_an_unsynchronised_clock():
    lab = Lab("ios", instant=False, faults=["clock_not_synchronized"])
    lab.configure("ntp server 192.0.2.123 prefer")
    lab.clock.advance(seconds=299)
    assert lab.run("show clock").startswith("*")
    associations = lab.parsed("show ntp associations")
    assert associations["synchronized"] is False
    lab.clock.advance(seconds=1)
    assert not lab.run("show clock").startswith(("*", "."))
    assert lab.parsed("show ntp associations")["synchronized"] is True


def test_delays_survive_a_state_reload():
    lab = Lab("nxos", instant=False, faults=["report_ack_overdue"], ack_delay_seconds=30)
    lab.run("license smart sync")
    saved = lab.model.to_state()
    again = Lab("nxos", instant=False, faults=["report_ack_overdue"], ack_delay_seconds=30)
    again.model.load_state(saved)
    again.clock.advance(seconds=30)
    assert again.parsed("show license status")["usage_reporting"]["last_ack_received"] == "2026-03-10T12:00:30Z"
