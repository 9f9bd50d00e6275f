# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Context and helpers: message order and recovery, error classes, communication statistics, command builders."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings, strategies as st

from ansible_collections.smartlic.slp.plugins.module_utils.parsers import syslog
from ansible_collections.smartlic.slp.plugins.module_utils.rules import actions, comm, engine, topology
from ansible_collections.smartlic.slp.plugins.module_utils.rules.context import Context

FAILED = "Nov 19 14:54:55.045: %SMART_LIC-3-COMM_FAILED: Communications failure with the Cisco Smart License Utility (CSLU) : Unable to resolve " \
         "server hostname/domain name"
RESTORED = "Nov 19 15:56:00.000: %SMART_LIC-5-COMM_RESTORED: Communications with Cisco Smart License Utility (CSLU) restored"


def _messages(*lines, year=2022):
    return syslog.parse_messages("\n".join(lines), year)


def test_failure_followed_by_restore_is_recovered():
    ctx = Context({}, _messages(FAILED, RESTORED), "ios")
    active, recovered = ctx.split("COMM_FAILED")
    assert active == [] and len(recovered) == 1
    assert recovered[0]["_cleared_by"]["event"] == "COMM_RESTORED"


def test_restore_before_the_failure_does_not_clear_it():
    ctx = Context({}, _messages(RESTORED.replace("15:56", "14:00"), FAILED), "ios")
    active, recovered = ctx.split("COMM_FAILED")
    assert len(active) == 1 and recovered == []


def test_ack_received_after_the_failure_clears_it():
    facts = {"show license status": {"era": "slp", "usage_reporting": {"last_ack_received": "2022-11-20T10:00:00Z"}}}
    ctx = Context(facts, _messages(FAILED), "ios")
    active, recovered = ctx.split("COMM_FAILED")
    assert active == [] and recovered[0]["_cleared_by_ack"] == "2022-11-20T10:00:00Z"
    facts["show license status"]["usage_reporting"]["last_ack_received"] = "2022-11-18T10:00:00Z"
    assert len(Context(facts, _messages(FAILED), "ios").split("COMM_FAILED")[0]) == 1


def test_same_line_from_two_sources_is_read_once():
    messages = _messages(FAILED)
    year_less = syslog.parse_messages(FAILED)
    facts = {"show logging": {"messages": year_less}}
    ctx = Context(facts, messages, "ios")
    assert len(ctx.messages) == 1
    assert ctx.messages[0]["_time"] is not None


def test_untimed_messages_keep_log_order():
    lines = ["%SMART_LIC-3-COMM_FAILED: Communications failure with the Cisco Smart Software Manager (CSSM) : Communications failure",
             "%SMART_LIC-3-COMM_RESTORED: Communications with the Cisco Smart Software Manager (CSSM) restored."]
    assert Context({}, syslog.parse_messages("\n".join(lines)), "ios").split("COMM_FAILED")[0] == []
    assert len(Context({}, syslog.parse_messages("\n".join(reversed(lines))), "ios").split("COMM_FAILED")[0]) == 1


@pytest.mark.parametrize("error, expected", [
    ("Unable to resolve server hostname/domain name", ["dns"]),
    ("Cannot establish secure connection because server TLS cert cannot be validated", ["tls"]),
    ("404 host not found", ["http_404"]),
    ("Fail to send out Call Home HTTP message.", ["callhome"]),
    ("Received empty response from server", ["network"]),
    ("Communications failure", []),
])
def test_error_classes(error, expected):
    assert comm.classify(error) == expected


# The error classes as regular expressions, as they were written before classify() looked words up instead: the
# reference the word and fragment lookups must agree with.
REFERENCE_CLASSES = (
    ("dns", re.compile(r"resolv|unknown host|name resolution|unrecognized host|invalid host|\bdns\b|domain name", re.IGNORECASE)),
    ("tls", re.compile(r"\bssl\b|\btls\b|handshake|certificat|\bcert\b|x509|trustpoint|trust point|\bca\b", re.IGNORECASE)),
    ("record_not_found", re.compile(r"record not found", re.IGNORECASE)),
    ("http_404", re.compile(r"\b404\b|host not found", re.IGNORECASE)),
    ("callhome", re.compile(r"call ?home", re.IGNORECASE)),
    ("network", re.compile(r"time ?out|timed out|refused|unreachable|no route|empty response|no reply|connection (?:reset|closed|failed)|network",
                           re.IGNORECASE)),
)
# Pieces of error texts: every word and fragment of the classes in several cases, near misses (a word inside a longer
# word, a fragment cut short) and what separates words.
ERROR_PIECES = st.sampled_from([
    "dns", "DNS", "xdns", "dns_", "Resolve", "unknown host", "Unknown  host", "name resolution", "unrecognized host", "invalid host",
    "Domain Name", "domainname", "SSL", "ssl3", "tls", "TLSv1.2", "Handshake", "certificate", "Cert", "certs", "x509", "X.509", "trustpoint",
    "Trust Point", "CA", "ca", "_ca", "cab", "record not found", "Record Not Found", "404", "4040", "e404", "host not found", "Call Home",
    "callhome", "call  home", "timeout", "Time Out", "timed out", "refused", "UNREACHABLE", "no route", "empty response", "no reply",
    "connection reset", "Connection Closed", "connection failed", "connection lost", "network", "Communications failure", "(CSSM)",
    " ", "  ", ",", ":", "-", ".", "/", "_", "\t", "%", "0",
])


@settings(max_examples=400, deadline=None)
@given(st.lists(ERROR_PIECES, max_size=12).map("".join))
def test_error_classes_agree_with_the_regular_expressions(error):
    expected = [name for name, pattern in REFERENCE_CLASSES if pattern.search(error)]
    assert comm.classify(error) == expected


@pytest.mark.parametrize("error, expected", [
    ("unable to re\u017folve host", ["dns"]),           # LATIN SMALL LETTER LONG S: 's' ignoring case
    ("bad \u212aey: SSL error", ["tls"]),               # KELVIN SIGN: 'k' ignoring case
    ("tim\u00e9 out \u2014 refused", ["network"]),
    ("\u00e9chec", []),
])
def test_error_classes_of_text_beyond_ascii(error, expected):
    assert comm.classify(error) == expected == [name for name, pattern in REFERENCE_CLASSES if pattern.search(error)]


def test_statistics_from_raw_tech_support_values():
    facts = {"show license tech support": {"era": "slp", "sections": {"communication_statistics": {
        "hello_message": {"attempts": "Total=210, Success=0, Fail=210  Ongoing Failure: Overall=210 Communication=210",
                          "last_response": "NO REPLY on Dec 02 10:12:31 2023 PDT", "failure_reason": "<none>",
                          "last_success_time": "<none>", "last_failure_time": "Dec 02 10:12:31 2023 PDT"},
        "usage_reporting": {"attempts": "Total=3, Success=3, Fail=0  Ongoing Failure: Overall=0 Communication=0"}}}}}
    ctx = Context(facts, [], "ios")
    rows = {row["category"]: row for row in comm.statistics(ctx)}
    assert rows["hello_message"]["fail"] == 210 and rows["hello_message"]["success"] == 0
    assert rows["hello_message"]["last_failure"].isoformat() == "2023-12-02T10:12:31"
    assert [row["category"] for row in comm.failing_statistics(ctx)] == ["hello_message"]
    finding = [f for f in engine.diagnose(facts, [], "ios") if f["id"] == "cssm_unreachable"][0]
    assert finding["confidence"] == "medium"
    assert "Hello Message" in finding["evidence"][0]["line"]


def test_statistics_with_a_recent_success_are_not_a_failure():
    facts = {"show license tech support": {"era": "slp", "sections": {"communication_statistics": {
        "hello_message": {"attempts": "Total=12, Success=9, Fail=3  Ongoing Failure: Overall=3 Communication=3",
                          "last_success_time": "Jan 10 20:32:25 2022 UTC", "last_failure_time": "Jan 11 13:21:47 2022 UTC"}}}}}
    assert comm.failing_statistics(Context(facts, [], "ios")) == []


class _Ctx:
    def __init__(self, platform, udis=1, topology=None):
        self.platform = platform
        self._udis = [("active", "PID:X,SN:%d" % n, "show license udi") for n in range(udis)]
        self.topology = topology
        self.topology_info = {}

    def udis(self):
        return self._udis

    def cmd(self, ios, nxos=None):
        return nxos if self.platform == "nxos" and nxos is not None else ios


def test_command_builders_per_platform():
    assert actions.ntp_commands(_Ctx("ios"), ["10.1.1.1", "10.1.1.2"], "Mgmt-vrf") == ["ntp server vrf Mgmt-vrf 10.1.1.1 prefer version 2",
                                                                                       "ntp server vrf Mgmt-vrf 10.1.1.2 version 2"]
    assert actions.ntp_commands(_Ctx("nxos"), ["10.28.13.90"], "management") == ["ntp server 10.28.13.90 prefer use-vrf management"]
    # Without a running-config every line counts as missing (the dns role adds lookup only when it is off).
    assert actions.dns_commands(_Ctx("ios"), ["192.0.2.53"], "example.com") == ["ip domain name example.com", "ip name-server 192.0.2.53"]
    assert actions.trust_command(_Ctx("ios", udis=3), force=True) == "license smart trust idtoken <id_token> all force"
    assert actions.trust_command(_Ctx("nxos")) == "license smart trust idtoken <id_token>"
    assert actions.transport_commands(_Ctx("ios"), "cslu", "http://10.0.0.1:8182/cslu/v1/pi") == [
        "license smart transport cslu", "license smart url cslu http://10.0.0.1:8182/cslu/v1/pi"]
    role, _action, commands, steps = topology.report_flow(_Ctx("ios", topology="offline"))
    assert role == "sync" and commands == ["license smart save usage all file flash:slp_usage.txt"] and len(steps) == 3
    role, _action, commands, _steps = topology.report_flow(_Ctx("nxos", topology="direct_smart"))
    assert role == "sync" and commands == ["license smart sync"]
