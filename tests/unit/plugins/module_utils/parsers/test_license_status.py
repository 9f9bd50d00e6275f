# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Normalised facts of show license status / all / tech support on real outputs (fixtures/iosxe/*/PROVENANCE.md).

These pin the keys the diagnosis rules read (docs/facts.md): era, transport,
trust code (every shape), ACK dates, policy, account, utility, communication
failures, UDIs with HA roles, licenses.
"""

from __future__ import annotations

import os

import pytest

from ansible_collections.smartlic.slp.plugins.module_utils.parsers import (
    show_license_all,
    show_license_status,
    show_license_tech_support,
)

FIXTURES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fixtures")


def _read(path):
    with open(os.path.join(FIXTURES, path), encoding="utf-8") as handle:
        return handle.read()


def status(name):
    return show_license_status.parse(_read("iosxe/show_license_status/%s.txt" % name))


def everything(name):
    return show_license_all.parse(_read("iosxe/show_license_all/%s.txt" % name))


def tech(name):
    return show_license_tech_support.parse(_read("iosxe/show_license_tech_support/%s.txt" % name))


# ------------------------------------------------------------------ era

@pytest.mark.parametrize("parse,name,era", [
    (status, "genie_1", "slp"), (status, "ntc_2", "slp"), (status, "ciscodoc_1", "slp"),
    (status, "genie_2", "pre_slp"), (status, "ntc_1", "pre_slp"), (status, "xvalette_1", "pre_slp"), (status, "xvalette_2", "pre_slp"),
    (everything, "genie_3", "pre_slp"), (everything, "genie_5", "slp"), (tech, "genie_9", "slp"),
])
def test_era(parse, name, era):
    assert parse(name)["era"] == era


def test_pre_slp_registration_and_authorization():
    result = status("ntc_1")
    assert result["smart_licensing_enabled"] is True
    assert result["slp_enabled"] is None
    assert "policy" not in result and "usage_reporting" not in result and "trust_code" not in result
    assert result["account"] == {"smart_account": "ACME Corporation", "virtual_account": "Wile E. Coyote", "as_of": None, "as_of_raw": None}
    assert result["registration"]["status"] == "REGISTERED"
    assert result["registration"]["initial_registration_status"] == "SUCCEEDED"
    assert result["registration"]["initial_registration"] == "2022-08-22T18:58:03Z"
    assert result["registration"]["last_renewal_attempt"] is None
    assert result["license_authorization"]["status"] == "OUT OF COMPLIANCE"
    assert result["license_authorization"]["status_on"] == "2022-08-22T18:58:17Z"
    assert result["license_authorization"]["communication_deadline"] == "2022-11-20T18:53:16Z"
    assert result["transport"]["type"] == "callhome" and result["transport"]["type_raw"] == "Callhome"
    unregistered = status("xvalette_1")
    assert unregistered["registration"]["status"] == "UNREGISTERED"
    assert unregistered["license_authorization"]["status"] == "No Licenses in Use"
    assert unregistered["account"]["smart_account"] is None


def test_pre_slp_all_with_lost_indentation():
    result = everything("genie_3")
    assert result["account"]["virtual_account"] == "RADKit-LMM-NA"
    assert result["licenses"] == [] and result["no_licenses_in_use"] is True
    assert result["udi"]["udi"] == "PID:CSR1000V,SN:9NZ7O74FICQ"
    assert result["agent_version"] == "4.8.5.4_rel/22"


# ------------------------------------------------------------ transport

@pytest.mark.parametrize("parse,name,expected", [
    (status, "genie_1", {"type": "cslu", "url": None, "cslu_address": None, "url_default": True, "vrf": None}),
    (status, "ntc_2", {"type": "off", "type_raw": "Transport Off", "url": None, "url_default": None}),
    (status, "ntc_3", {"type": "smart", "url": "https://smartreceiver.cisco.com/licservice/license", "url_default": True}),
    (status, "xvalette_2", {"type": "callhome", "url": None, "url_default": None, "proxy": None}),
    (everything, "ciscodoc_2", {"type": "cslu", "cslu_address": "http://8.39.22.48/cslu/v1/pi/CUBE%20Regression%20Mirabile-1",
                                "url_default": False, "vrf": None}),
    (everything, "genie_4", {"type": "smart", "url": "https://smartreceiver-stage.cisco.com/licservice/license", "url_default": False}),
    (tech, "genie_18", {"type": "cslu", "cslu_address": "http://172.19.180.22:8182/cslu/v1/pi", "server_identity_check": False}),
    (tech, "genie_9", {"type": "smart", "server_identity_check": True, "trustpoint": "SLA-TrustPoint", "ip_mode": "IPv4 ONLY",
                       "proxy": {"address": "173.36.224.108", "port": 80, "username": None, "configured": True}}),
    (tech, "muninn_issue_1", {"type": "cslu", "cslu_address": None, "url_default": True, "trustpoint": "SLA-TrustPoint",
                              "proxy": {"address": None, "port": None, "username": None, "configured": False}}),
])
def test_transport(parse, name, expected):
    transport = parse(name)["transport"]
    for key, value in expected.items():
        assert transport[key] == value, key


def test_proxy_from_status_and_repaired_indentation():
    assert status("ntc_4")["transport"]["proxy"] == {"address": "proxy.foo.bar.com", "port": 80, "username": None, "configured": True}
    assert status("genie_1")["transport"]["proxy"]["configured"] is False
    # genie_15 prints "Address: <empty>" at column 0 under "Proxy:": still read as the proxy address.
    assert tech("genie_15")["transport"]["proxy"] == {"address": None, "port": None, "username": None, "configured": False}


# ------------------------------------------------------------- trust code

def test_trust_code_per_member_blocks():
    trust = status("genie_1")["trust_code"]
    assert trust["installed"] is True and trust["all_installed"] is True and trust["missing"] == []
    assert [(entry["role"], entry["udi"], entry["installed"], entry["installed_on"]) for entry in trust["entries"]] == [
        ("active", "PID:C9300-24UX,SN:FCW2303D16Y", True, "2021-10-14T11:37:52Z"),
        ("standby", "PID:C9300-24U,SN:FHH2043P09E", True, "2021-10-14T11:37:52Z"),
        ("member", "PID:C9300-48T,SN:FCW2139L056", True, "2021-10-14T11:37:53Z"),
    ]
    assert trust["installed_on"] == "2021-10-14T11:37:53Z"


def test_trust_code_date_on_the_line():
    trust = status("ntc_3")["trust_code"]
    assert trust["installed"] is True
    assert trust["installed_on"] == "2021-12-03T08:23:45Z" and trust["installed_on_raw"] == "Dec 03 08:23:45 2021 UTC"
    assert len(trust["entries"]) == 1 and trust["entries"][0]["role"] is None and trust["entries"][0]["installed"] is True
    # A zone that is not UTC keeps the local time without 'Z'.
    assert status("ntc_4")["trust_code"]["installed_on"] == "2024-08-03T09:02:50"


def test_trust_code_none():
    trust = status("ntc_2")["trust_code"]
    assert trust["installed"] is False and trust["entries"] == [] and trust["installed_on"] is None


def test_trust_code_agent_6_blocks():
    trust = everything("genie_4")["trust_code"]
    assert trust["type"] == "CSSM" and trust["installed"] is True
    active = trust["entries"][0]
    assert active["role"] == "active" and active["udi"] == "PID:C9350-48T,SN:FOC2820Y07F"
    assert active["installed_on"] == "2025-04-23T15:28:43" and active["valid_on"] == "2025-04-23T15:23:40"
    assert active["expires_on"] == "2033-04-25T02:55:41" and active["type"] == "CSSM"
    assert [entry["role"] for entry in trust["entries"]] == ["active", "standby", "member"]
    nine = tech("genie_9")["trust_code"]
    assert [(entry["role"], entry["installed"], entry["valid_on"]) for entry in nine["entries"]] == [
        ("active", True, "2025-04-22T04:56:31Z"), ("standby", True, "2025-04-22T04:56:32Z")]


def test_trust_code_block_printed_after_another_chapter():
    """genie_17 prints 'Trust Code Installed:' after 'Device Telemetry Report Summary'."""
    trust = tech("genie_17")["trust_code"]
    assert trust["source"] == "trust_code_installed"
    assert [(entry["role"], entry["sn"], entry["installed_on"]) for entry in trust["entries"]] == [
        ("active", "FXS2119Q2U7", "2023-11-22T11:34:47"), ("standby", "FXS2119Q2U7", "2023-11-22T11:34:47")]


def test_trust_from_other_info_when_the_block_is_absent():
    installed = tech("genie_10")["trust_code"]
    assert installed["source"] == "other_info" and installed["overall_trust"] == "INSTALLED (2)"
    assert installed["installed"] is True
    assert [(entry["role"], entry["sn"], entry["installed"]) for entry in installed["entries"]] == [
        ("active", "FCW2134L00C", True), ("standby", "FOC2129Z02H", True), ("member", "FCW2125L07Y", True)]
    missing = tech("genie_18")["trust_code"]
    assert missing["installed"] is False and missing["overall_trust"] == "No ID"
    assert missing["missing"] == ["PID:C9300-24UX,SN:FCW2134L00C", "PID:C9300-24U,SN:FOC2129Z02H", "PID:C9300-24T,SN:FCW2125L07Y"]


# ----------------------------------------------------- usage reporting etc.

def test_usage_reporting_dates_and_interval():
    usage = status("genie_1")["usage_reporting"]
    assert usage["last_ack_received"] == "2021-10-14T12:10:32Z"
    assert usage["next_ack_deadline"] == "2022-01-12T12:10:32Z" and usage["next_ack_deadline_raw"] == "Jan 12 12:10:32 2022 UTC"
    assert usage["reporting_push_interval_days"] == 30
    assert usage["next_ack_push_check"] is None and usage["next_ack_push_check_raw"] is None
    assert usage["last_report_push"] == "2021-10-14T12:09:30Z"
    no_reporting = status("ntc_4")["usage_reporting"]
    assert no_reporting["reporting_push_interval_days"] == 0 and no_reporting["reporting_push_interval_raw"] == "0 (no reporting)"
    assert no_reporting["next_report_push"] is None
    agent = tech("genie_18")["usage_reporting"]
    assert (agent["reporting_push_interval_days"], agent["reporting_state"], agent["in_policy_days"]) == (30, 4, 90)


def test_policy_account_utility():
    result = status("genie_1")
    assert result["policy"]["name"] == "Custom Policy"
    assert result["policy"]["installed_on"] == "2021-10-14T11:37:52Z"
    assert result["policy"]["reporting_ack_required"] is True and result["policy"]["source"] == "Customer Policy"
    assert result["policy"]["attributes"]["enforced_perpetual_subscription_license_attributes"] == {
        "first_report_requirement_days": 365, "reporting_frequency_days": 90, "report_on_change_days": 90, "source": "Customer Policy"}
    assert result["account"] == {"smart_account": "SA-Switching-Polaris", "virtual_account": "SLE_Test",
                                 "as_of": "2021-10-14T12:10:01Z", "as_of_raw": "Oct 14 12:10:01 2021 UTC"}
    assert result["utility"] == {"enabled": False, "status_raw": "DISABLED"}
    assert result["slp_enabled"] is True
    default = status("ntc_2")["policy"]
    assert default["in_use"] == "Merged from multiple sources." and default["name"] is None and default["installed_on"] is None
    assert default["source"] == "CISCO default"
    assert everything("ciscodoc_2")["reporting_mode"] == "STANDARD"


# ------------------------------------------------------------ all / tech

def test_udis_with_ha_roles():
    result = everything("genie_5")
    assert result["udi"]["udi"] == "PID:C9300-24UX,SN:FCW2303D16Y" and result["udi"]["ha"] is True
    assert [(entry["role"], entry["udi"]) for entry in result["ha_udis"]] == [
        ("active", "PID:C9300-24UX,SN:FCW2303D16Y"), ("standby", "PID:C9300-24U,SN:FHH2043P09E"), ("member", "PID:C9300-48T,SN:FCW2139L056")]
    standalone = everything("ciscodoc_2")
    assert standalone["ha_udis"] == [] and standalone["udi"]["entries"][0]["role"] is None


def test_licenses_of_show_license_all():
    licenses = everything("genie_5")["licenses"]
    assert [(item["name"], item["entitlement"], item["count"], item["status"], item["license_type"]) for item in licenses] == [
        ("network-advantage", "C9300-24 Network Advantage", 2, "IN USE", "Perpetual"),
        ("dna-advantage", "C9300-24 DNA Advantage", 2, "IN USE", "Subscription"),
        ("network-advantage", "C9300-48 Network Advantage", 1, "IN USE", "Perpetual"),
        ("dna-advantage", "C9300-48 DNA Advantage", 1, "IN USE", "Subscription"),
    ]
    cube = everything("ciscodoc_2")["licenses"][2]
    assert cube["name"] == "CUBE_TS_ENH"
    assert cube["application_ha_info"]["peer_info"]["application_role"] == "Active"


def test_licenses_of_tech_support_handles():
    licenses = tech("genie_18")["licenses"]
    assert [(item["handle"], item["name"], item["count"], item["status"], item["status_code"]) for item in licenses] == [
        (1, "network-advantage", 3, "IN USE", 15), (2, "dna-advantage", 3, "IN USE", 15),
        (9, "air-network-advantage", 0, "NOT IN USE", 1), (10, "air-dna-advantage", 0, "NOT IN USE", 1)]
    first = licenses[0]
    assert first["entitlement_tag"] == "regid.2017-03.com.cisco.advantagek9,1.0_bd1da96e-ec1d-412b-a50e-53846b347d53"
    assert first["status_time"] == "2022-01-10T20:21:10Z" and first["soft_enforced"] is True
    assert licenses[2]["request_time"] is None and licenses[2]["request_time_raw"] is None


def test_authorizations_and_usage_report_summary():
    result = everything("ciscodoc_1")
    authorization = result["authorizations"]
    assert authorization["status"] == "SMART AUTHORIZATION INSTALLED"
    assert authorization["status_on"] == "2021-09-21T13:48:56Z"
    assert authorization["udis"][0]["last_confirmation_code"] == "1fc54c75"
    assert authorization["purchased_licenses"] == []
    assert authorization["derived_licenses"] == [
        {"entitlement_tag": "regid.2014-05.com.cisco.ax_250M,1.0_b59e576b-91a4-4bf3-9031-5f7543d33912"}]
    assert result["usage_report_summary"] == {"total": 80, "purged": 123, "total_acknowledged_received": 0, "waiting_for_ack": 0,
                                              "available_to_report": 311, "collecting_data": 2}
    summary = tech("genie_18")["usage_report_summary"]
    assert summary["waiting_for_ack"] == 0 and summary["waiting_for_ack_raw"] == "0(10)"
    assert summary["report_module_status"] == "Ready"


def test_communication_failure_reason():
    communication = tech("genie_16")["communication"]
    assert communication["last_failure_category"] == "usage_reporting"
    assert communication["last_failure_reason"].startswith('{"product_instance_identifier":["The identity for the instance')
    assert communication["last_failure_time"] == "2023-08-30T23:12:38"
    assert communication["last_failure_response"] == "INVALID STATUS CODE"
    assert communication["last_failure_ongoing"] is True
    assert communication["ongoing_failures"] == ["usage_reporting", "trust_sync"]
    row = communication["statistics"]["usage_reporting"]
    assert row["attempts"] == {"total": 2, "success": 0, "fail": 2, "ongoing_failure_overall": 2, "ongoing_failure_communication": 0}
    assert row["last_success_time"] is None


def test_communication_prefers_an_ongoing_failure():
    communication = tech("genie_4")["communication"]
    # Trust Sync failed later but recovered; Result Polling is still failing.
    assert communication["statistics"]["trust_sync"]["failing"] is False
    assert communication["last_failure_category"] == "result_polling"
    assert communication["last_failure_response"] == "NO REPLY"
    past = tech("genie_13")["communication"]
    assert past["last_failure_reason"] == "Null pointer Error" and past["last_failure_ongoing"] is False
    assert past["last_failure_response"] == "BUILD REQUEST ERROR"
    healthy = tech("genie_9")["communication"]
    assert healthy["ongoing_failures"] == [] and healthy["last_failure_reason"] is None and healthy["level_allowed"] == "DIRECT"


def test_scheduled_jobs_agent_and_ha():
    result = tech("genie_18")
    jobs = result["scheduled_jobs"]
    assert jobs["current_time"] == "2022-01-11T13:28:08Z"
    assert jobs["jobs"]["daily"]["next_run"] == "2022-01-11T20:21:12Z"
    assert jobs["jobs"]["daily"]["remaining_seconds"] == 6 * 3600 + 53 * 60 + 4
    assert jobs["jobs"]["init_flag_check"]["status"] == "Expired Not Rescheduled"
    assert tech("genie_4")["scheduled_jobs"]["jobs"]["operational_model"]["status"] == "Expired"
    assert result["agent"]["version"] == "5.3.16_rel/55" and result["agent"]["clock_synced_with_ntp"] is True
    assert result["agent"]["state"] == "authorized" and "POLICY_USAGE" in result["agent"]["capabilities"]
    assert result["ha_info"]["rp_role"] == "Active" and result["ha_info"]["message_flow_allowed"] is False
    assert result["reservation"]["enabled"] is False and len(result["reservation"]["udis"]) == 3
    assert tech("genie_2")["agent"]["clock_synced_with_ntp"] is False


def test_header_and_sections_keep_everything():
    result = status("genie_1")
    assert result["header"]["time_raw"] == ".05:30:30.132 UTC Fri Oct 22 2021"
    assert result["sections"]["data_privacy"]["sending_hostname"]["callhome_hostname_privacy"] == "DISABLED"
    assert result["sections"]["transport"]["proxy"] == "Not Configured"
    assert tech("genie_9")["sections"]["other_info"]["clock_sync_ed_with_ntp"] == "True"


def test_truncated_output_warns_but_keeps_what_it_read():
    result = tech("muninn_issue_1")
    assert result["warnings"] == ["output looks truncated: it ends with the empty block 'Policy'"]
    assert result["slp_enabled"] is True and result["transport"]["type"] == "cslu"
    assert "usage_reporting" not in result and "trust_code" not in result


# ---------------------------------------------------------- wrong inputs

@pytest.mark.parametrize("parser", [show_license_status, show_license_all, show_license_tech_support])
def test_wrong_command_output(parser):
    result = parser.parse(_read("nxos/show_license_usage/ntc_1.txt"))
    assert result["warnings"] == ["output does not look like %s" % parser.COMMAND]
    assert set(result) == {"unparsed", "warnings"}
    assert "MPLS_PKG                      No    -   Unused             Grace 10D 1H" in result["unparsed"]


@pytest.mark.parametrize("parser", [show_license_status, show_license_all, show_license_tech_support])
def test_empty_and_refused(parser):
    assert parser.parse("")["warnings"] == ["empty output: nothing to parse for %s" % parser.COMMAND]
    refused = parser.parse("show license status\n                    ^\n% Invalid input detected at '^' marker.\n")
    assert refused["warnings"] == ["the device rejected the command: % Invalid input detected at '^' marker."]
    assert "era" not in refused


def test_status_part_is_the_same_in_all_three_commands():
    """Same device, same minute: status, all and tech support agree on the shared keys (genie_3 all / genie_3 tech, C9407R)."""
    from_all = everything("genie_1")
    from_tech = tech("genie_3")
    for key in ("era", "slp_enabled", "policy", "account", "utility", "udi", "ha_udis", "agent_version"):
        assert from_all.get(key) == from_tech.get(key), key
    for key in show_license_status.USAGE_DATES + ("reporting_push_interval_days",):
        assert from_all["usage_reporting"][key] == from_tech["usage_reporting"][key], key
    # Only tech support prints the agent's 'State(4) InPolicy(60)' after the interval.
    assert (from_tech["usage_reporting"]["reporting_state"], from_tech["usage_reporting"]["in_policy_days"]) == (4, 60)
    # 'show license all' does not print 'Server Identity Check'; the rest of the transport is the same.
    assert from_all["transport"]["server_identity_check"] is None and from_tech["transport"]["server_identity_check"] is True
    assert dict(from_all["transport"], server_identity_check=True) == from_tech["transport"]
