# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""module_utils/inputs.py: every variable of every role and playbook checked by type and form, one line per problem."""

from __future__ import annotations

import pytest

from tests.lab.pki import lab_pem
from ansible_collections.smartlic.slp.plugins.module_utils import inputs
from ansible_collections.smartlic.slp.plugins.module_utils.inputs import RENAMED, VARIABLES, problems, renamed_in

IOS = "cisco.ios.ios"
NXOS = "cisco.nxos.nxos"
TOKEN = "c2VjcmV0LXRva2VuLWRvLW5vdC1zaG93%0A"
CA_PEM = lab_pem("onprem-ca")

# Values every variable of every role takes (the defaults a user would write in YAML, or their -e text forms).
GOOD = {
    "ntp": {"ntp_servers": ["192.0.2.123", "2001:db8::123", "ntp.example.com"], "ntp_prefer": True, "ntp_version": 2,
            "ntp_update_existing": False, "ntp_vrf": "Mgmt-intf", "ntp_wait": "yes", "ntp_wait_timeout": "120", "ntp_wait_interval": 10,
            "ntp_save_config": "false"},
    "dns": {"dns_name_servers": ["192.0.2.53", "2001:db8::53"], "dns_domain_name": "example.com", "dns_vrf": "management", "dns_lookup": True,
            "dns_cslu_local_address": "192.0.2.10", "dns_save_config": True, "dns_running_config": "", "dns_verify": False},
    "transport": {"transport_type": "cslu", "transport_url": "http://cslu.example.com:8182/cslu/v1/pi", "transport_vrf": "Mgmt-intf",
                  "transport_source_interface": "GigabitEthernet0/0/0", "transport_callhome_profile": "CiscoTAC-1",
                  "transport_save_config": True, "transport_running_config": {"dns": {}}, "transport_verify": True},
    "trustpoint": {"trustpoint_name": "SLA-TrustPoint", "trustpoint_http_client": True, "trustpoint_save_config": True, "trustpoint_ca_pem": CA_PEM,
                   "trustpoint_running_config": "", "trustpoint_verify": True},
    "trust_token": {"trust_token_id_token": TOKEN, "trust_token_scope": "auto", "trust_token_force": False,
                    "trust_token_findings": ["trust_code_missing"], "trust_token_wait_timeout": 120, "trust_token_wait_interval": 5},
    "sync": {"sync_mode": "auto", "sync_scope": "all", "sync_due_within_days": 14, "sync_force": False, "sync_wait_timeout": 120,
             "sync_wait_interval": 5, "sync_fail_on_pending": False, "sync_filesystem": "bootflash:", "sync_usage_file": "slp_usage.txt",
             "sync_usage_overwrite": False, "sync_usage_dir": "./slp-reports/usage", "sync_transfer_protocol": "scp", "sync_ack_file": "",
             "sync_ack_device_file": "slp_ack.txt"},
    "diagnose": {"diagnose_capture_dir": "", "diagnose_capture_platform": "", "diagnose_report_dir": "reports",
                 "diagnose_report_title": "Smart Licensing diagnosis", "diagnose_progress_interval": 5, "diagnose_fail_on_findings": False,
                 "diagnose_offline_devices": True,
                 "diagnose_intended": {"ntp_servers": ["192.0.2.123"], "transport_type": "smart",
                                       "transport_url": "https://smartreceiver.cisco.com/licservice/license", "topology": "direct_smart"},
                 "diagnose_probes": ["192.0.2.1", "cslu.example.com vrf Mgmt-intf"], "diagnose_tech_support": "auto",
                 "diagnose_slac_file": "", "diagnose_buffer_read_timeout": 0.5},
    "playbook_remediate": {"smartlic_ntp_servers": ["192.0.2.123"], "smartlic_name_servers": ["192.0.2.53"], "smartlic_domain_name": "example.com",
                           "smartlic_vrf": "Mgmt-intf", "smartlic_transport_type": "cslu",
                           "smartlic_transport_url": "https://onprem.example.com/cslu/v1/pi/MyTenant-1", "smartlic_id_token": TOKEN,
                           "smartlic_trust_force": "true", "smartlic_remediate_only": ["ntp", "dns"], "smartlic_fail_on_error": True},
    "playbook_diagnose": {"smartlic_report_dir": "out", "smartlic_capture_platform": "nxos", "smartlic_fail_on_findings": "no",
                          "smartlic_transport_url": "http://192.0.2.10:8182/cslu/v1/pi"},
}

# (role, variable, bad value, words the line must hold)
BAD = [
    ("ntp", "ntp_servers", "192.0.2.123", ["must be a list", "the text '192.0.2.123'", '["192.0.2.123"]', '"ntp_servers"']),
    ("ntp", "ntp_servers", {"server": "192.0.2.123"}, ["must be a list", "not a dictionary"]),
    ("ntp", "ntp_servers", ["192.0.2.999"], ["item 1", "address or a host name", "'192.0.2.999'"]),
    ("ntp", "ntp_servers", ["ntp server 192.0.2.1"], ["item 1", "host name"]),
    ("ntp", "ntp_servers", [5], ["item 1 must be text"]),
    ("ntp", "ntp_servers", ["192.0.2.1", "192.0.2.1"], ["twice"]),
    ("ntp", "ntp_servers", ["2001:db8::1%eth0"], ["item 1"]),
    ("ntp", "ntp_prefer", "perhaps", ["true or false"]),
    ("ntp", "ntp_version", 7, ["one of 0, 1, 2, 3, 4"]),
    ("ntp", "ntp_version", "two", ["whole number"]),
    ("ntp", "ntp_update_existing", "sometimes", ["true or false"]),
    ("ntp", "ntp_vrf", "my vrf", ["VRF name"]),
    ("ntp", "ntp_vrf", "v" * 33, ["VRF name"]),
    ("ntp", "ntp_vrf", ["red"], ["must be text"]),
    ("ntp", "ntp_wait_timeout", -1, ["at least 0"]),
    ("ntp", "ntp_wait_interval", 0, ["at least 1"]),
    ("ntp", "ntp_wait_interval", 2.5, ["whole number"]),
    ("dns", "dns_name_servers", "192.0.2.53", ["must be a list", "the text"]),
    ("dns", "dns_name_servers", ["dns.example.com"], ["IPv4 or IPv6 address"]),
    ("dns", "dns_domain_name", "example..com", ["domain name"]),
    ("dns", "dns_domain_name", "exa mple.com", ["domain name"]),
    ("dns", "dns_vrf", "a?b", ["VRF name"]),
    ("dns", "dns_cslu_local_address", "cslu.example.com", ["IPv4 or IPv6 address"]),
    ("dns", "dns_running_config", 42, ["show running-config"]),
    ("dns", "dns_lookup", "maybe", ["true or false"]),
    ("transport", "transport_type", "carrier-pigeon", ["one of smart, cslu, callhome, off"]),
    ("transport", "transport_url", "ftp://cslu.example.com/cslu/v1/pi", ["http:// or https:// URL"]),
    ("transport", "transport_url", "cslu.example.com:8182/cslu/v1/pi", ["http:// or https:// URL"]),
    ("transport", "transport_url", "http://cslu example.com:8182/cslu/v1/pi", ["host name"]),
    ("transport", "transport_url", "http://cslu.example.com:99999/cslu/v1/pi", ["port"]),
    ("transport", "transport_url", "http://cslu.example.com:8182/cslu/v2/pi", ["cannot work for transport cslu", "/cslu/v1/pi"]),
    ("transport", "transport_url", "http://cslu.example.com/cslu/v1/pi", ["8182"]),
    ("transport", "transport_url", "http://[2001:db8::zz]:8182/cslu/v1/pi", ["IPv6"]),
    ("transport", "transport_source_interface", "Gigabit Ethernet 0/0", ["interface name"]),
    ("transport", "transport_source_interface", "0/0/0", ["interface name"]),
    ("transport", "transport_callhome_profile", 'Cisco "TAC"', ["a name"]),
    ("transport", "transport_vrf", "bad vrf", ["VRF name"]),
    ("trustpoint", "trustpoint_name", "SLA TrustPoint", ["a name"]),
    ("trustpoint", "trustpoint_http_client", "perhaps", ["true or false"]),
    ("trust_token", "trust_token_scope", "everywhere", ["one of auto, local, all"]),
    ("trust_token", "trust_token_findings", "trust_code_missing", ["must be a list"]),
    ("trust_token", "trust_token_findings", ["Trust Code"], ["finding id"]),
    ("trust_token", "trust_token_wait_timeout", "soon", ["whole number"]),
    ("sync", "sync_mode", "sometimes", ["one of auto, online, offline"]),
    ("sync", "sync_filesystem", "flash", ["file system"]),
    ("sync", "sync_usage_file", "usage file.txt", ["file name"]),
    ("sync", "sync_usage_file", "../usage.txt", ["file name"]),
    ("sync", "sync_ack_device_file", "dir/ack.txt", ["file name"]),
    ("sync", "sync_ack_file", "/nonexistent/ack.txt", ["no file on the controller"]),
    ("sync", "sync_due_within_days", -3, ["at least 0"]),
    ("sync", "sync_transfer_protocol", "ftp", ["one of scp, sftp"]),
    ("diagnose", "diagnose_capture_platform", "junos", ["one of ios, nxos"]),
    ("diagnose", "diagnose_probes", "192.0.2.1", ["list of targets", "the text"]),
    ("diagnose", "diagnose_probes", ["192.0.2.1 via red"], ["'host vrf NAME'"]),
    ("diagnose", "diagnose_tech_support", "sometimes", ["one of auto, always, never"]),
    ("diagnose", "diagnose_slac_file", "/nonexistent/slac.txt", ["no file"]),
    ("diagnose", "diagnose_buffer_read_timeout", 0, ["at least"]),
    ("diagnose", "diagnose_progress_interval", "fast", ["a number"]),
    ("diagnose", "diagnose_intended", ["192.0.2.1"], ["dictionary"]),
    ("playbook_remediate", "smartlic_remediate_only", "ntp", ["must be a list"]),
    ("playbook_remediate", "smartlic_remediate_skip", ["clock"], ["one of ntp"]),
    ("playbook_remediate", "smartlic_ntp_servers", "192.0.2.123", ["must be a list"]),
    ("playbook_remediate", "smartlic_name_servers", "192.0.2.53,192.0.2.54", ["must be a list"]),
    ("playbook_remediate", "smartlic_transport_type", "pigeon", ["one of"]),
    ("playbook_remediate", "smartlic_cslu_local_address", "cslu", ["IPv4 or IPv6"]),
    ("playbook_remediate", "smartlic_trust_force", "perhaps", ["true or false"]),
    ("playbook_remediate", "smartlic_trustpoint_ca_pem", "MIIDBzCCAe+gAwIBAgIEGis8TTANBgkq", ["no '-----BEGIN CERTIFICATE-----'"]),
    ("trustpoint", "trustpoint_ca_pem", CA_PEM + CA_PEM, ["holds 2 certificates", "one CA certificate"]),
    ("trustpoint", "trustpoint_ca_pem", CA_PEM.replace("MIID", "MI!D"), ["not base64"]),
    ("trustpoint", "trustpoint_ca_pem", "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----", ["not an X.509 certificate"]),
    ("trustpoint", "trustpoint_ca_pem", "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----", ["private key"]),
    ("playbook_remediate", "smartlic_fail_on_error", "sometimes", ["true or false"]),
    ("playbook_remediate", "smartlic_ack_file", "/nonexistent/ack.txt", ["no file"]),
    ("playbook_diagnose", "smartlic_capture_dir", "/nonexistent/captures", ["no folder"]),
    ("playbook_diagnose", "smartlic_capture_platform", "iosxr", ["one of ios, nxos"]),
    ("playbook_diagnose", "smartlic_fail_on_findings", "sometimes", ["true or false"]),
]


@pytest.mark.parametrize("name", sorted(GOOD))
def test_good_values_pass(name):
    assert problems(name, GOOD[name], IOS) == []


def test_every_checked_variable_has_a_good_value_in_these_tests():
    for name, (_platform, specs) in VARIABLES.items():
        if name in ("playbook_remediate", "playbook_diagnose"):
            continue
        assert sorted(GOOD[name]) == sorted(specs), name


@pytest.mark.parametrize("name, variable, value, words", BAD, ids=["%s-%s-%d" % (case[0], case[1], index) for index, case in enumerate(BAD)])
def test_a_bad_value_gives_one_line_naming_the_variable(name, variable, value, words):
    values = dict(GOOD[name], **{variable: value})
    lines = problems(name, values, IOS)
    assert len(lines) == 1, lines
    assert lines[0].startswith(variable + " "), lines
    for word in words:
        assert word in lines[0], (word, lines[0])
    assert "\n" not in lines[0]


def test_a_text_list_shows_how_to_write_it():
    line = problems("ntp", {"ntp_servers": "192.0.2.123"}, IOS)[0]
    assert line == ("ntp_servers must be a list of addresses or host names, not the text '192.0.2.123': write it as a list, "
                    "for example [192.0.2.123] in YAML or -e '{\"ntp_servers\": [\"192.0.2.123\"]}'")


@pytest.mark.parametrize("value", [None, "", [], "   "[:0]])
def test_a_required_variable_without_value_is_missing_by_name(value):
    assert problems("ntp", {"ntp_servers": value}, IOS) == ["ntp_servers is missing"]


def test_an_unset_required_variable_is_missing_by_name():
    assert problems("ntp", {}, NXOS) == ["ntp_servers is missing"]
    assert problems("trust_token", {}, IOS) == [
        "trust_token_id_token is missing: generate one in CSSM: Smart Software Licensing > Inventory > General > New Token"]
    assert problems("transport", {}, IOS) == ["transport_type is missing"]


def test_optional_variables_may_be_left_out_or_empty():
    assert problems("dns", {"dns_name_servers": [], "dns_domain_name": "", "dns_vrf": None}, IOS) == []
    assert problems("playbook_remediate", {"smartlic_ntp_servers": None, "smartlic_transport_type": ""}, NXOS) == []


def test_the_platform_must_be_ios_or_nxos():
    for name in ("ntp", "dns", "transport", "trustpoint", "trust_token", "sync", "playbook_remediate"):
        lines = problems(name, GOOD[name], "cisco.iosxr.iosxr")
        assert lines == ["ansible_network_os must be cisco.ios.ios or cisco.nxos.nxos, not 'cisco.iosxr.iosxr'"], name
    assert problems("ntp", GOOD["ntp"], None)[0].endswith("not None")
    # diagnose needs it only live; offline (capture files) and the diagnose playbook run on the controller.
    assert problems("diagnose", dict(GOOD["diagnose"], diagnose_capture_dir="."), None) == []
    assert problems("diagnose", GOOD["diagnose"], None) != []
    assert problems("playbook_diagnose", GOOD["playbook_diagnose"], None) == []


def test_the_token_is_never_shown():
    for value in ["two words " + TOKEN, TOKEN + "?", [TOKEN], {"token": TOKEN}, TOKEN + "\n"]:
        for name, variable in (("trust_token", "trust_token_id_token"), ("playbook_remediate", "smartlic_id_token")):
            lines = problems(name, dict(GOOD[name], **{variable: value}), IOS)
            assert len(lines) == 1 and lines[0].startswith(variable + " ") and "value not shown" in lines[0], lines
            assert "c2VjcmV0" not in lines[0] and "words" not in lines[0]


def test_urls_of_the_vendor_procedures():
    good = {"smart": ["https://smartreceiver.cisco.com/licservice/license"],
            "cslu": ["http://192.0.2.10:8182/cslu/v1/pi", "http://cslu-local:8182/cslu/v1/pi", "http://[2001:db8::10]:8182/cslu/v1/pi",
                     "https://onprem.example.com/cslu/v1/pi/TenantA", "http://192.0.2.20/cslu/v1/pi/TenantA"],
            "callhome": ["https://tools.cisco.com/its/service/oddce/services/DDCEService"]}
    for kind, urls in good.items():
        for url in urls:
            assert problems("transport", {"transport_type": kind, "transport_url": url}, IOS) == [], url
    # SSM On-Prem on NX-OS needs a fully qualified name.
    line = problems("transport", {"transport_type": "cslu", "transport_url": "https://192.0.2.20/cslu/v1/pi/TenantA"}, NXOS)
    assert len(line) == 1 and "fully qualified" in line[0]
    assert "smartreceiver" in problems("transport", {"transport_type": "smart", "transport_url": "https://cssm.example.com/x"}, IOS)[0]


def test_intended_settings_are_checked_key_by_key():
    lines = problems("diagnose", {"diagnose_intended": {"ntp_servers": "192.0.2.1", "transport_type": "cslu",
                                                        "transport_url": "http://cslu:8000/cslu/v1/pi", "colour": "red"}}, IOS)
    assert lines == ["diagnose_intended has unknown keys colour (known: ntp_servers, name_servers, domain_name, vrf, transport_type, "
                     "transport_url, cslu_local_address, source_interface, trustpoint_ca_pem, topology)"]
    lines = problems("diagnose", {"diagnose_intended": {"ntp_servers": "192.0.2.1", "transport_type": "cslu",
                                                        "transport_url": "http://cslu:8000/cslu/v1/pi"}}, IOS)
    assert [line.split(" ", 1)[0] for line in lines] == ["diagnose_intended.ntp_servers", "diagnose_intended.transport_url"]
    assert "8182" in lines[1]


def test_cross_checks():
    assert problems("sync", dict(GOOD["sync"], sync_mode="online", sync_ack_file=__file__), IOS) == [
        "sync_ack_file belongs to sync_mode offline (or auto with transport off), not online"]
    assert problems("dns", {"dns_lookup": False}, IOS) == [
        "dns_name_servers, dns_domain_name and dns_cslu_local_address are missing and dns_lookup is false: nothing to do"]


def test_several_problems_give_one_line_each():
    lines = problems("ntp", {"ntp_servers": "192.0.2.1", "ntp_version": 9, "ntp_vrf": "a b"}, "junos")
    assert [line.split(" ", 1)[0] for line in lines] == ["ansible_network_os", "ntp_servers", "ntp_version", "ntp_vrf"]


def test_an_unknown_name():
    assert problems("firewall", {}, IOS)[0].startswith("no variable checks for 'firewall'")


@pytest.mark.parametrize("value", ["192.0.2.1", "2001:db8::1", "::1", "ntp.example.com", "ntp-1", "a.b.c.example.", "x" * 63])
def test_hosts(value):
    assert inputs.is_host(value)


@pytest.mark.parametrize("value", ["", "192.0.2", "192.0.2.256", "1.2.3.4.5", "-ntp", "ntp_1.example.com", "a" * 64, "ntp..example.com",
                                   "2001:db8::1/64", "host name", None, 5])
def test_not_hosts(value):
    assert not inputs.is_host(value)


def test_old_playbook_names_are_checked_and_deprecated():
    """slp_* playbook variables still work: checked like their smartlic_* names, with a deprecation message each."""
    assert problems("playbook_remediate", {"slp_remediate_only": "ntp"}, IOS) == [
        line.replace("smartlic_remediate_only", "slp_remediate_only")
        for line in problems("playbook_remediate", {"smartlic_remediate_only": "ntp"}, IOS)]
    deprecations, conflicts = renamed_in("playbook_diagnose", {"slp_capture_dir": "caps", "slp_report_dir": "out"})
    assert deprecations == ["slp_report_dir is deprecated, use smartlic_report_dir",
                            "slp_capture_dir is deprecated, use smartlic_capture_dir"]
    assert conflicts == []
    assert renamed_in("playbook_remediate", {"smartlic_report_dir": "a"}) == ([], [])


def test_old_and_new_name_with_different_values_is_a_problem():
    _deprecations, conflicts = renamed_in("playbook_remediate", {"slp_report_dir": "a", "smartlic_report_dir": "b"})
    assert conflicts == ["smartlic_report_dir and its old name slp_report_dir are both set, to different values: set only smartlic_report_dir"]
    assert renamed_in("playbook_remediate", {"slp_report_dir": "a", "smartlic_report_dir": "a"})[1] == []


def test_every_old_name_maps_to_a_checked_new_name():
    for old, new in RENAMED.items():
        assert old.startswith("slp_") and new == "smartlic_" + old[len("slp_"):]
        assert any(new in VARIABLES[name][1] and VARIABLES[name][1][old] is VARIABLES[name][1][new]
                   for name in ("playbook_diagnose", "playbook_remediate") if old in VARIABLES[name][1])
