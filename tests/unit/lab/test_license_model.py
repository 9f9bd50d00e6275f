"""Behaviour of the lab's license model: fix the configuration and the symptoms clear; tokens, sync, files, clock, state."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

import pytest

from tests.lab import license_model
from tests.lab.license_model import LicenseModel
from tests.unit.lab.model_lab import START, Clock, Lab


def _status(lab):
    return lab.parsed("show license status")


# ----------------------------------------------------------------------------- clock and NTP

def test_clock_fault_then_ntp_fixes_clock_ios():
    lab = Lab("ios", ["clock_not_synchronized"])
    assert lab.run("show clock").startswith("*")
    assert lab.model.device_now() == START.replace(tzinfo=None) - timedelta(minutes=150)
    assert lab.run("show ntp associations").strip() == "%NTP is not enabled."
    lab.configure("ntp server 192.0.2.123 prefer")
    clock = lab.run("show clock")
    assert not clock.startswith(("*", "."))
    assert lab.model.device_now() == START.replace(tzinfo=None)
    assert lab.parsed("show ntp associations")["synchronized"] is True


def test_ntp_server_that_does_not_answer_keeps_clock_unsynchronised():
    lab = Lab("ios", ["clock_not_synchronized"])
    lab.configure("ntp server 198.51.100.99")
    assert lab.run("show clock").startswith("*")
    associations = lab.run("show ntp associations")
    assert "~198.51.100.99" in associations and ".INIT." in associations
    assert lab.parsed("show ntp status")["synchronized"] is False


def test_ntp_sync_delay_waits_for_time_to_pass():
    lab = Lab("ios", ["clock_not_synchronized"], ntp_sync_seconds=30)
    lab.configure("ntp server 192.0.2.123")
    assert lab.run("show clock").startswith("*")
    lab.clock.advance(seconds=31)
    assert not lab.run("show clock").startswith("*")


def test_nxos_ntp_needs_the_licensing_vrf():
    lab = Lab("nxos", ["clock_not_synchronized"])
    assert "Time source is none" in lab.run("show clock")
    lab.configure("ntp server 192.0.2.123")
    assert "Time source is none" in lab.run("show clock")
    assert lab.parsed("show ntp peer-status")["peers"][0]["address"] == "192.0.2.123"
    lab.configure("ntp server 192.0.2.123 use-vrf management", replace=r"^ntp server 192\.0\.2\.123\b")
    assert "Time source is NTP" in lab.run("show clock")
    assert lab.run("show ntp peer-status").count("*192.0.2.123") == 1


def test_lost_ntp_marks_clock_with_a_dot_and_clock_set_is_taken_back_by_ntp():
    lab = Lab("ios")
    assert not lab.run("show clock").startswith(("*", "."))
    lab.unconfigure("ntp server 192.0.2.123 prefer")
    assert lab.run("show clock").startswith(".")
    lab.run("clock set 08:00:00 1 Jan 2026")
    assert lab.model.device_now().date() == datetime(2026, 1, 1).date()
    lab.configure("ntp server 192.0.2.123 prefer")
    assert lab.model.device_now() == START.replace(tzinfo=None)


def test_trust_install_fails_on_timestamp_mismatch_until_ntp_is_fixed():
    lab = Lab("ios", ["clock_not_synchronized", "trust_code_missing"])
    assert lab.run("license smart trust idtoken good-token local") == ""
    failed = lab.last("TRUST_CODE_INSTALL_FAILED")
    assert failed["variables"]["reason"] == license_model.REASON_TIMESTAMP
    assert failed["timestamp_raw"].startswith("*")
    assert _status(lab)["trust_code"]["installed"] is False
    lab.configure("ntp server 192.0.2.123 prefer")
    lab.run("license smart trust idtoken good-token local")
    assert lab.last("TRUST_CODE_INSTALL_SUCCESS") is not None
    assert _status(lab)["trust_code"]["installed"] is True


# ----------------------------------------------------------------------------- DNS and ping

def test_ios_dns_fix_restores_communication():
    lab = Lab("ios", ["dns_not_configured"])
    assert lab.run("ping smartreceiver.cisco.com").strip() == "% Unrecognized host or address, or protocol not running."
    failed = lab.last("COMM_FAILED")
    assert failed["variables"] == {"peer": license_model.PEER_CSSM, "error": license_model.ERROR_DNS}
    lab.configure("ip name-server 192.0.2.53")
    assert lab.events()[-1] == "COMM_RESTORED"
    assert "!!!!!" in lab.run("ping smartreceiver.cisco.com")
    assert "Success rate is 100 percent (5/5)" in lab.run("ping 171.70.168.183")


def test_ios_lookup_disabled_variant():
    lab = Lab("ios", ["dns_not_configured"], dns_fault="lookup_disabled")
    assert "no ip domain lookup" in lab.model.initial_config()
    assert lab.model.state["comm"]["error"] == license_model.ERROR_DNS
    lab.configure("ip domain lookup")
    assert not lab.config.has("no ip domain lookup")
    assert lab.model.state["comm"]["status"] == "ok"


def test_ios_ip_host_resolves_without_name_server():
    lab = Lab("ios", ["dns_not_configured"])
    lab.configure("ip host smartreceiver.cisco.com 171.70.168.183")
    assert lab.model.state["comm"]["status"] == "ok"


def test_nxos_dns_needs_the_licensing_vrf():
    lab = Lab("nxos", ["dns_not_configured"])
    assert lab.run("ping smartreceiver.cisco.com vrf management").strip() == "% Invalid host/interface smartreceiver.cisco.com"
    # The global name server is asked through the default VRF, where nothing answers.
    assert lab.run("ping smartreceiver.cisco.com").startswith("% Invalid host/interface")
    assert "100.00% packet loss" in lab.run("ping 171.70.168.183")
    lab.configure("ip name-server 192.0.2.53 use-vrf management")
    assert lab.model.state["comm"]["status"] == "ok"
    ping = lab.parsed("ping smartreceiver.cisco.com vrf management")
    assert ping["reachable"] is True and ping["success_rate"] == 100


def test_nxos_dns_inside_vrf_context_works_too():
    lab = Lab("nxos", ["dns_not_configured"])
    lab.configure("ip name-server 192.0.2.53", ["vrf context management"])
    assert lab.model.state["comm"]["status"] == "ok"
    assert lab.last("COMM_RESTORED")["text"].startswith("Communications with the Cisco Smart Software Manager (CSSM) restored")


def test_cslu_local_fixed_with_ip_host():
    for platform in ("ios", "nxos"):
        lab = Lab(platform, ["cslu_local_unresolved"])
        assert lab.model.settings["topology"] == "cslu"
        assert lab.last("COMM_FAILED")["variables"]["peer"] == license_model.PEER_CSLU
        lab.configure("ip host cslu-local 192.0.2.50")
        assert lab.model.state["comm"]["status"] == "ok"
        vrf = " vrf management" if platform == "nxos" else ""
        assert lab.parsed("ping cslu-local" + vrf)["reachable"] is True


def test_cslu_local_in_dns_with_domain_suffix():
    lab = Lab("ios", ["cslu_local_unresolved"], dns_knows_cslu_local=True)
    assert lab.model.state["comm"]["status"] == "ok"


# ----------------------------------------------------------------------------- transport, call-home, trustpoints

def test_transport_type_mismatch_fixed_by_transport_smart():
    for platform in ("ios", "nxos"):
        lab = Lab(platform, ["transport_type_mismatch"])
        assert _status(lab)["transport"]["type"] == "off"
        lab.configure("license smart transport smart", replace=r"^license smart transport ")
        status = _status(lab)
        assert status["transport"]["type"] == "smart"
        assert status["transport"]["url"] == license_model.CSSM_URL
        assert lab.model.state["comm"]["status"] == "ok"


def test_transport_type_mismatch_can_use_the_cslu_default():
    lab = Lab("ios", ["transport_type_mismatch"], wrong_transport="cslu")
    assert lab.model.state["comm"] == dict(lab.model.state["comm"], status="failed", peer=license_model.PEER_CSLU)


def test_wrong_smart_url_gives_404_until_fixed():
    for platform in ("ios", "nxos"):
        lab = Lab(platform, ["transport_url_incorrect"])
        assert lab.last("COMM_FAILED")["variables"]["error"] == license_model.ERROR_404
        assert _status(lab)["transport"]["url"] == license_model.CALLHOME_URL
        lab.configure("license smart url smart %s" % license_model.CSSM_URL, replace=r"^license smart url smart ")
        assert lab.events()[-1] == "COMM_RESTORED"


def test_cslu_url_port_and_onprem_tenant():
    lab = Lab("ios", ["transport_url_incorrect"], topology="cslu")
    assert lab.model.state["comm"]["error"] == license_model.ERROR_REFUSED
    lab.configure("license smart url cslu http://cslu-local:8182/cslu/v1/pi", replace=r"^license smart url cslu ")
    assert lab.model.state["comm"]["status"] == "ok"
    lab = Lab("nxos", ["transport_url_incorrect"], topology="onprem")
    assert lab.model.state["comm"]["error"] == license_model.ERROR_404
    lab.configure("license smart url cslu https://192.0.2.60/cslu/v1/pi/on-prem-default", replace=r"^license smart url cslu ")
    assert lab.model.state["comm"]["error"] == license_model.ERROR_SERVER_CERT   # NX-OS wants the FQDN
    lab.configure("license smart url cslu https://onprem.example.com/cslu/v1/pi/on-prem-default", replace=r"^license smart url cslu ")
    assert lab.model.state["comm"]["status"] == "ok"


def test_ios_callhome_profile_activated():
    lab = Lab("ios", ["callhome_profile_inactive"])
    assert "Profile status: INACTIVE" in lab.run("show call-home profile all")
    assert lab.last("COMM_FAILED")["variables"]["error"] == license_model.ERROR_CALLHOME
    lab.configure("active", ["call-home", 'profile "CiscoTAC-1"'])
    assert not lab.config.has("no active", ["call-home", 'profile "CiscoTAC-1"'])
    assert "Profile status: ACTIVE" in lab.run("show call-home profile all")
    assert lab.model.state["comm"]["status"] == "ok"


def test_nxos_callhome_needs_transport_http_vrf():
    lab = Lab("nxos", ["callhome_profile_inactive"])
    assert lab.model.state["comm"]["error"] == license_model.ERROR_CALLHOME
    lab.configure("transport http use-vrf management", ["callhome"])
    assert lab.model.state["comm"]["status"] == "ok"
    assert _status(lab)["transport"]["type"] == "callhome"


def test_ios_trustpoints_fixed():
    lab = Lab("ios", ["http_client_trustpoint_missing"])
    assert lab.model.state["comm"]["error"] == license_model.ERROR_CLIENT_CERT
    assert lab.parsed("show license tech support")["transport"]["trustpoint"] is None
    lab.configure("ip http client secure-trustpoint SLA-TrustPoint")
    assert lab.model.state["comm"]["status"] == "ok"
    lab = Lab("ios", ["sla_trustpoint_missing"])
    assert lab.model.state["comm"]["error"] == license_model.ERROR_SERVER_CERT
    lab.configure("enrollment terminal", ["crypto pki trustpoint SLA-TrustPoint"])
    lab.configure("revocation-check none", ["crypto pki trustpoint SLA-TrustPoint"])
    assert lab.model.state["comm"]["status"] == "ok"


def test_onprem_needs_a_complete_sla_trustpoint():
    lab = Lab("ios", topology="onprem")
    assert lab.model.state["comm"]["status"] == "ok"
    lab.unconfigure("revocation-check none", ["crypto pki trustpoint SLA-TrustPoint"])
    assert lab.model.state["comm"]["error"] == license_model.ERROR_SERVER_CERT


def test_cssm_unreachable_times_out():
    lab = Lab("ios", ["cssm_unreachable"])
    assert lab.model.state["comm"]["error"] == license_model.ERROR_TIMEOUT
    assert lab.parsed("ping smartreceiver.cisco.com")["reachable"] is False


# ----------------------------------------------------------------------------- trust code

def test_token_flows_on_a_stack():
    lab = Lab("ios", ["trust_code_missing"], ha_members=[{"role": "Standby", "pid": "C9300-24UX", "sn": "FCW2233L0AB"}])
    assert lab.run("license smart trust idtoken bad-token local") == ""
    assert lab.last("TRUST_CODE_INSTALL_FAILED")["variables"]["reason"] == license_model.REASON_ACCOUNT
    lab.run("license smart trust idtoken good-token local")
    entries = _status(lab)["trust_code"]["entries"]
    assert [(entry["role"], entry["installed"]) for entry in entries] == [("active", True), ("standby", False)]
    lab.clock.advance(minutes=5)
    lab.run("license smart trust idtoken good-token all")
    entries = _status(lab)["trust_code"]["entries"]
    assert [entry["installed"] for entry in entries] == [True, True]
    failure = lab.last("TRUST_CODE_INSTALL_FAILED")
    assert failure["variables"] == {"udi": "PID:C9300-24UX,SN:%s" % lab.model.settings["serial"], "reason": license_model.REASON_ALREADY}
    assert lab.events().count("POLICY_INSTALL_SUCCESS") == 1
    before = _status(lab)["trust_code"]["entries"][0]["installed_on"]
    lab.clock.advance(minutes=5)
    lab.run("license smart trust idtoken good-token all force")
    assert _status(lab)["trust_code"]["entries"][0]["installed_on"] > before
    assert lab.events()[-1] == "TRUST_CODE_INSTALL_SUCCESS"


def test_already_installed_fault_then_force():
    for platform in ("ios", "nxos"):
        lab = Lab(platform, ["trust_code_already_installed"])
        assert lab.last("TRUST_CODE_INSTALL_FAILED")["variables"]["reason"] == license_model.REASON_ALREADY
        scope = " local" if platform == "ios" else ""
        lab.run("license smart trust idtoken good-token%s" % scope)
        assert lab.events()[-1] == "TRUST_CODE_INSTALL_FAILED"
        lab.run("license smart trust idtoken good-token%s force" % scope)
        assert lab.events()[-1] == "TRUST_CODE_INSTALL_SUCCESS"


def test_trust_install_while_communication_fails_logs_comm_failed():
    lab = Lab("ios", ["dns_not_configured", "trust_code_missing"])
    count = lab.events().count("COMM_FAILED")
    lab.run("license smart trust idtoken good-token local")
    assert lab.events().count("COMM_FAILED") == count + 1
    assert "TRUST_CODE_INSTALL_SUCCESS" not in lab.events()


def test_trust_command_syntax_and_privilege():
    lab = Lab("ios", ["trust_code_missing"])
    assert lab.run("license smart trust idtoken good-token") == "% Incomplete command."
    assert lab.run("license smart trust idtoken good-token everywhere").startswith("% Invalid input")
    assert lab.run("license smart trust idtoken good-token local", mode="exec").startswith("% Invalid input")
    assert lab.run("license smart trust idtoken") == "% Incomplete command."
    assert lab.run("show license nonsense") is None
    assert lab.run("traceroute 10.0.0.1") is None
    assert "TRUST_CODE_INSTALL_SUCCESS" not in lab.events()
    lab = Lab("ios", topology="cslu")
    assert lab.run("license smart trust idtoken good-token local").startswith("% Error")


# ----------------------------------------------------------------------------- sync, ACK, files

def test_sync_clears_an_overdue_ack():
    for platform in ("ios", "nxos"):
        lab = Lab(platform, ["report_ack_overdue"])
        usage = _status(lab)["usage_reporting"]
        assert usage["next_ack_deadline"] < START.strftime("%Y-%m-%dT%H:%M:%S")
        assert "REPORTING_REQUIRED" in lab.events()
        assert lab.run("license smart sync" if platform == "nxos" else "license smart sync all") == ""
        usage = _status(lab)["usage_reporting"]
        assert usage["last_ack_received"] == "2026-03-10T12:00:00Z"
        assert usage["next_ack_deadline"] == "2026-06-08T12:00:00Z"
        assert lab.events()[-1] == "POLICY_INSTALL_SUCCESS"


def test_sync_while_communication_fails_gives_no_ack():
    lab = Lab("ios", ["transport_url_incorrect"])
    before = _status(lab)["usage_reporting"]["last_ack_received"]
    lab.run("license smart sync all")
    assert lab.events()[-1] == "COMM_FAILED"
    assert _status(lab)["usage_reporting"]["last_ack_received"] == before
    tech = lab.parsed("show license tech support")
    assert tech["communication"]["statistics"]["usage_reporting"]["failure_reason"] == license_model.ERROR_404


def test_ack_delay_and_retries():
    lab = Lab("ios", ["report_ack_overdue"], ack_delay_seconds=60)
    lab.run("license smart sync local")
    assert _status(lab)["usage_reporting"]["last_ack_received"] != "2026-03-10T12:00:00Z"
    lab.clock.advance(seconds=61)
    assert _status(lab)["usage_reporting"]["last_ack_received"] == "2026-03-10T12:01:01Z"
    failing = Lab("ios", ["dns_not_configured"])
    count = failing.events().count("COMM_FAILED")
    failing.clock.advance(minutes=61)
    failing.run("show clock")
    assert failing.events().count("COMM_FAILED") == count + 1


def test_sync_after_policy_removed_reinstalls_policy():
    lab = Lab("nxos", ["policy_removed"])
    assert "POLICY_REMOVED" in lab.events()
    assert _status(lab)["policy"]["name"] is None
    lab.run("license smart sync")
    assert lab.events()[-1] == "POLICY_INSTALL_SUCCESS"
    assert _status(lab)["policy"]["name"] == "SLE Policy"


def test_offline_save_usage_and_import_ack():
    lab = Lab("ios", topology="offline")
    assert _status(lab)["transport"]["type"] == "off"
    assert lab.run("license smart save usage unreported file flash:slp_usage.txt") == ""
    assert "slp_usage.txt" in lab.run("dir flash:")
    assert "<rumReport " in lab.run("more flash:slp_usage.txt")
    assert _status(lab)["usage_reporting"]["last_report_file_write"] == "2026-03-10T12:00:00Z"
    assert lab.run("license smart import flash:ack.txt").startswith("% Error")
    lab.model.put_file("flash:ack.txt", license_model.ack_file(lab.model.members, START))
    assert lab.run("license smart import flash:ack.txt") == "Import Data Successful"
    assert _status(lab)["usage_reporting"]["last_ack_received"] == "2026-03-10T12:00:00Z"
    assert lab.run("more flash:none.txt").startswith("%Error opening")


def test_slac_import_checks_udis():
    lab = Lab("ios")
    lab.model.put_file("flash:slac.txt", "<smartLicenseAuthorization><udi>P:C9300-24UX,S:FCW0000L000</udi></smartLicenseAuthorization>")
    assert lab.run("license smart import flash:slac.txt") == "Import Data Failed"
    assert lab.last("AUTHORIZATION_INSTALL_FAILED")["variables"]["reason"] == license_model.REASON_UDI
    serial = lab.model.settings["serial"]
    lab.model.put_file("flash:slac.txt", "<smartLicenseAuthorization><udi>P:C9300-24UX,S:%s</udi></smartLicenseAuthorization>" % serial)
    assert lab.run("license smart import flash:slac.txt") == "Import Data Successful"
    assert "SMART AUTHORIZATION INSTALLED" in lab.run("show license authorization")


# ----------------------------------------------------------------------------- scenario, intended, state

def test_intended_per_topology():
    expected = {
        "direct_smart": ("smart", license_model.CSSM_URL, None),
        "cslu": ("cslu", "http://cslu-local:8182/cslu/v1/pi", "192.0.2.50"),
        "onprem": ("cslu", "https://onprem.example.com/cslu/v1/pi/on-prem-default", None),
        "callhome": ("callhome", license_model.CALLHOME_URL, None),
        "offline": ("off", None, None),
    }
    for topology, (kind, url, cslu) in expected.items():
        intended = Lab("nxos", topology=topology).model.intended()
        assert (intended["smartlic_transport_type"], intended["smartlic_transport_url"], intended["smartlic_cslu_local_address"]) == (kind, url, cslu)
        assert intended["smartlic_vrf"] == "management"
        assert intended["smartlic_id_token"] == "good-token"
        assert intended["smartlic_ntp_servers"] == ["192.0.2.123"]
    assert Lab("ios").model.intended()["smartlic_vrf"] is None
    assert Lab("ios", topology="cslu").model.intended()["smartlic_topology"] == "cslu_push"


def test_healthy_devices_communicate_and_keep_history_clean():
    for platform in ("ios", "nxos"):
        lab = Lab(platform)
        assert lab.model.state["comm"]["status"] == "ok"
        assert lab.model.messages() == []
        assert lab.run("show license udi").startswith("UDI: PID:%s,SN:%s" % (lab.model.settings["pid"], lab.model.settings["serial"]))


def test_faults_that_do_not_exist_on_nxos_are_ignored():
    lab = Lab("nxos", ["http_client_trustpoint_missing", "sla_trustpoint_missing", "no_such_fault"])
    assert lab.model.ignored_faults == ["http_client_trustpoint_missing", "sla_trustpoint_missing", "no_such_fault"]
    assert lab.model.initial_config() == Lab("nxos").model.initial_config()


def test_manual_fault_messages():
    cases = {
        "account_mismatch": "TRUST_CODE_INSTALL_FAILED",
        "policy_removed": "POLICY_REMOVED",
        "onprem_down_rev": "REPORTING_NOT_SUPPORTED",
        "authorization_udi_mismatch": "AUTHORIZATION_INSTALL_FAILED",
        "cssm_unreachable": "COMM_FAILED",
    }
    for fault, event in cases.items():
        assert event in Lab("ios", [fault]).events(), fault
    lab = Lab("ios", ["onprem_down_rev"])
    lab.run("license smart sync all")
    assert lab.events()[-1] == "REPORTING_NOT_SUPPORTED"


def test_state_round_trip():
    lab = Lab("ios", ["dns_not_configured", "trust_code_missing"])
    lab.run("license smart save usage all file flash:u.txt")
    state = json.loads(json.dumps(lab.model.to_state()))
    other = Lab("ios", ["dns_not_configured", "trust_code_missing"])
    other.clock.moment = lab.clock.moment
    other.model.load_state(state)
    for command in ("show license tech support", "show logging", "show clock", "dir flash:"):
        assert other.run(command) == lab.run(command), command


def test_serial_matches_the_engine():
    from tests.lab import cli  # pylint: disable=import-outside-toplevel
    for platform in ("ios", "nxos"):
        assert license_model.default_serial(platform, "edge-1") == cli.default_serial(platform, "edge-1")


@pytest.mark.parametrize("platform", ["ios", "nxos"])
def test_engine_runs_the_model(platform):
    """The engine's device object drives the model: config changes reach it, exec commands come back from it."""
    from tests.lab import cli  # pylint: disable=import-outside-toplevel
    scenario = {"platform": platform, "hostname": "%s-engine" % platform, "faults": ["dns_not_configured"], "valid_tokens": ["t"]}
    device = cli.Device(scenario, LicenseModel, now=Clock())
    assert device.model.state["comm"]["status"] == "failed"
    if platform == "ios":
        device.config.set("ip name-server 192.0.2.53")
    else:
        device.config.set("ip name-server 192.0.2.53 use-vrf management")
    device.config_changed()
    assert device.model.state["comm"]["status"] == "ok"
    assert "Transport:" in device.model_command("show license status", "privileged")


SMOKE = {
    "ios": ("show license status", "show license all", "show license tech support", "show license udi", "show license summary",
            "show license usage", "show license authorization", "show license history message", "show license rum id all",
            "show license eventlog 2", "show clock", "show clock detail", "show ntp associations", "show ntp status", "show logging",
            "show call-home profile all", "show ip http client", "show ip http server session-module", "ping cisco.com",
            "ping vrf Mgmt-vrf 192.0.2.123", "ping 192.0.2.123 repeat 100", "license smart sync local", "license smart trust idtoken good-token all",
            "license smart save usage all file flash:u.txt", "license smart import flash:u.txt", "dir", "more flash:u.txt", "clock set 10:00:00 Mar 9 2026"),
    "nxos": ("show license status", "show license all", "show license tech-support", "show license tech support", "show license udi",
             "show license summary", "show license usage", "show clock", "show ntp peer-status", "show logging logfile", "show logging",
             "ping cisco.com vrf management", "ping 192.0.2.123 vrf management count 3", "license smart sync", "license smart trust idtoken good-token",
             "license smart save usage unreported file bootflash:u.txt", "license smart import bootflash:u.txt", "dir bootflash:",
             "more bootflash:u.txt", "clock set 10:00:00 9 Mar 2026"),
}


@pytest.mark.parametrize("platform", ["ios", "nxos"])
@pytest.mark.parametrize("topology", list(license_model.TOPOLOGIES))
def test_every_command_answers_in_every_topology(platform, topology):
    faults = [fault for fault in license_model.FIXABLE_FAULTS + license_model.MANUAL_FAULTS
              if license_model.FAULT_TOPOLOGY.get(fault, topology) == topology and not (platform == "nxos" and fault in license_model.IOS_ONLY_FAULTS)]
    for chosen in ([], faults):
        lab = Lab(platform, chosen, topology=topology)
        for command in SMOKE[platform]:
            output = lab.run(command)
            assert isinstance(output, str), (topology, command)
            assert "lab model failed" not in output
        json.dumps(lab.model.to_state())
