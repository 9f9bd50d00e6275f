# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Arbitrary facts dicts and messages lists never make the engine raise, and no rule breaks (no rule_error)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings, strategies as st
from rules_helpers import assert_shape

from ansible_collections.smartlic.slp.plugins.module_utils import report
from ansible_collections.smartlic.slp.plugins.module_utils.rules import engine

SCALARS = st.one_of(st.none(), st.booleans(), st.integers(-10**6, 10**6), st.floats(allow_nan=True), st.text(max_size=30),
                    st.sampled_from(["smart", "cslu", "callhome", "off", "2024-01-01T00:00:00Z", "2021-12-06T09:12:44", "<none>",
                                     "https://smartreceiver.cisco.com/licservice/license", "http://10.1.1.1/cslu/v1/pi/t", "cslu-local",
                                     "SLA-TrustPoint", "PID:C9300,SN:FCW1", "Total=3, Success=0, Fail=3  Ongoing Failure: Overall=3 Communication=3",
                                     "0(349)", "unrecognized_host", "slp", "pre_slp"]))
JSON = st.recursive(
    SCALARS, lambda children: st.one_of(st.lists(children, max_size=4), st.dictionaries(st.text(max_size=12), children, max_size=4)), max_leaves=12)


def _maybe(strategy):
    return st.one_of(strategy, JSON)


DATE = st.sampled_from([None, "2021-12-03T08:34:58Z", "2022-01-02T08:34:58Z", "2024-02-06T10:31:23", "not a date", 5])
STATUS = st.fixed_dictionaries({}, optional={
    "era": st.sampled_from(["slp", "pre_slp", None, 3]),
    "utility": _maybe(st.fixed_dictionaries({"enabled": st.one_of(st.booleans(), st.none())})),
    "transport": _maybe(st.fixed_dictionaries({}, optional={
        "type": st.sampled_from(["smart", "cslu", "callhome", "off", None, "weird"]),
        "url": st.sampled_from(["https://smartreceiver.cisco.com/licservice/license", "http://x", "", None, 7]),
        "cslu_address": st.sampled_from(["http://10.0.0.1:8182/cslu/v1/pi", "https://op/cslu/v1/pi/t", "cslu-local", None, []]),
        "vrf": st.sampled_from(["management", None, ""]),
        "trustpoint": st.sampled_from(["SLA-TrustPoint", "other", None])})),
    "usage_reporting": _maybe(st.fixed_dictionaries({}, optional={
        "last_ack_received": DATE, "next_ack_deadline": DATE, "last_report_push": DATE, "next_ack_deadline_raw": SCALARS})),
    "trust_code": _maybe(st.fixed_dictionaries({}, optional={
        "installed": st.one_of(st.booleans(), st.none()),
        "entries": st.lists(_maybe(st.fixed_dictionaries({"installed": st.booleans(), "installed_on": DATE, "udi": SCALARS})), max_size=3)})),
    "policy": _maybe(st.fixed_dictionaries({}, optional={"reporting_ack_required": st.one_of(st.booleans(), st.none()), "installed_on": DATE})),
    "sections": JSON,
    "licenses": _maybe(st.lists(_maybe(st.fixed_dictionaries({"name": SCALARS, "status": SCALARS})), max_size=3)),
})
RUNNING = st.fixed_dictionaries({}, optional={
    "dns": _maybe(st.fixed_dictionaries({}, optional={"lookup_enabled": st.one_of(st.booleans(), st.none()),
                                                      "name_servers": _maybe(st.lists(_maybe(st.fixed_dictionaries({"address": SCALARS, "vrf": SCALARS})),
                                                                                      max_size=2)),
                                                      "hosts": JSON})),
    "ntp": _maybe(st.fixed_dictionaries({"servers": _maybe(st.lists(_maybe(st.fixed_dictionaries({"address": SCALARS})), max_size=2))})),
    "pki_trustpoints": JSON, "http_client": JSON, "ip_http": JSON, "call_home": JSON, "vrf_contexts": JSON, "license_smart": JSON,
    "command_info": JSON,
})
FACTS = st.fixed_dictionaries({}, optional={
    "show license status": STATUS,
    "show license all": STATUS,
    "show license tech support": STATUS,
    "show clock": _maybe(st.fixed_dictionaries({"time": DATE, "synchronized": st.one_of(st.booleans(), st.none()),
                                                "timezone": SCALARS, "authoritative": st.one_of(st.booleans(), st.none())})),
    "show ntp associations": _maybe(st.fixed_dictionaries({"peers": _maybe(st.lists(JSON, max_size=3))})),
    "show running-config": RUNNING,
    "show license udi": _maybe(st.fixed_dictionaries({"entries": _maybe(st.lists(JSON, max_size=3))})),
    "show license rum id all": _maybe(st.fixed_dictionaries({"unacknowledged": SCALARS, "reports": _maybe(st.lists(JSON, max_size=3))})),
    "show ip http server session-module": JSON,
    "show call-home profile all": JSON,
    "show logging": _maybe(st.fixed_dictionaries({"messages": _maybe(st.lists(JSON, max_size=3))})),
    "ping smartreceiver.cisco.com": JSON,
    "ping cslu-local": JSON,
})
EVENTS = st.sampled_from(["COMM_FAILED", "COMM_RESTORED", "POLICY_INSTALL_FAILED", "TRUST_CODE_INSTALL_FAILED", "AUTHORIZATION_INSTALL_FAILED",
                          "REPORTING_REQUIRED", "UTILITY_NO_ACK", "UTILITY_SUBSCRIPTION_LICENSE", "POLICY_REMOVED", "REPORTING_NOT_SUPPORTED",
                          "UTILITY_REPORT_FAILED", "UTILITY_STARTED", "AGENT_ENABLED", "PLATFORM_ERROR", "NOPE", None, 4])
MESSAGE = st.fixed_dictionaries({}, optional={
    "event": EVENTS, "facility": st.sampled_from(["SMART_LIC", "LICMGR", None, 1]), "mnemonic": SCALARS, "severity": SCALARS,
    "text": SCALARS, "raw": SCALARS, "timestamp": DATE, "variables": _maybe(st.fixed_dictionaries({}, optional={
        "peer": SCALARS, "error": SCALARS, "reason": SCALARS, "udi": SCALARS, "days": SCALARS, "license": SCALARS})),
    "derived": JSON, "platform": SCALARS, "clock_synchronized": st.one_of(st.booleans(), st.none()),
})


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(facts=st.one_of(FACTS, JSON), messages=st.one_of(st.lists(st.one_of(MESSAGE, JSON), max_size=6), JSON),
       platform=st.one_of(st.sampled_from(["ios", "nxos", "cisco.ios.ios", "cisco.nxos.nxos"]), SCALARS),
       intended=st.one_of(st.none(), JSON, st.fixed_dictionaries({}, optional={
           "transport_type": SCALARS, "transport_url": SCALARS, "ntp_servers": JSON, "name_servers": JSON, "domain_name": SCALARS,
           "vrf": SCALARS, "cslu_local_address": SCALARS, "topology": SCALARS})),
       slac=st.one_of(st.none(), st.text(max_size=60), st.just("<udi>P:C9300,S:FCW1</udi>")))
def test_diagnose_never_raises(facts, messages, platform, intended, slac):
    findings = engine.diagnose(facts, messages, platform, intended, slac)
    assert isinstance(findings, list)
    for finding in findings:
        assert finding["id"] != "rule_error", finding["notes"]
        assert_shape(finding)
    summary = report.summarize(findings)
    assert summary["total"] == len(findings)


@given(st.one_of(JSON, st.lists(JSON, max_size=5)))
def test_summarize_never_raises(findings):
    summary = report.summarize(findings if isinstance(findings, list) else [findings])
    assert summary["actionable"] <= summary["total"]
