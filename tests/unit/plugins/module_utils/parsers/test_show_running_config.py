# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""show running-config (IOS XE, NX-OS) on the written configurations of fixtures/<os>/show_running-config (see PROVENANCE.md).

Goldens: ``SMARTLIC_REGEN_GOLDENS=1 pytest <this file>`` rewrites ``<name>.json``; review the diff.
"""

from __future__ import annotations

import json
import os
import re

import pytest

from ansible_collections.smartlic.slp.plugins.module_utils.parsers import show_running_config

FIXTURES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fixtures")
FOLDERS = ("iosxe/show_running-config", "nxos/show_running-config")
REGENERATE = os.environ.get("SMARTLIC_REGEN_GOLDENS") == "1"
CASES = [(folder, name[:-4]) for folder in FOLDERS for name in sorted(os.listdir(os.path.join(FIXTURES, folder))) if name.endswith(".txt")]
PARTS = ("hostname", "ntp", "dns", "vrf_contexts", "pki_trustpoints", "http_client", "license_smart", "call_home", "ip_http")


def _read(folder, stem, suffix=".txt"):
    with open(os.path.join(FIXTURES, folder, stem + suffix), encoding="utf-8") as handle:
        return handle.read()


def ios(stem):
    return show_running_config.parse(_read("iosxe/show_running-config", stem))


def nxos(stem):
    return show_running_config.parse(_read("nxos/show_running-config", stem))


@pytest.mark.parametrize("folder, stem", CASES)
def test_golden(folder, stem):
    result = show_running_config.parse(_read(folder, stem))
    path = os.path.join(FIXTURES, folder, stem + ".json")
    if REGENERATE:
        with open(path, "w", encoding="utf-8") as handle:
            json.dump(result, handle, indent=1, ensure_ascii=False)
            handle.write("\n")
    assert json.loads(json.dumps(result)) == json.loads(_read(folder, stem, ".json"))
    assert result["unparsed"] == [] and result["warnings"] == []
    assert result["platform"] == folder.split("/", maxsplit=1)[0].replace("iosxe", "ios")


@pytest.mark.parametrize("folder", FOLDERS)
def test_provenance_lists_every_fixture(folder):
    listed = set(re.findall(r"^\| `([^`]+\.txt)` \|", _read(folder, "PROVENANCE", ".md"), re.MULTILINE))
    assert listed == {stem + ".txt" for name, stem in CASES if name == folder}
    assert len(CASES) == 4


@pytest.mark.parametrize("folder, stem", CASES)
def test_every_part_is_always_reported(folder, stem):
    result = show_running_config.parse(_read(folder, stem))
    assert set(PARTS) <= set(result)
    assert all(isinstance(result[part], dict) for part in PARTS if part != "hostname")


def test_ios_ntp_servers():
    servers = ios("written_direct_callhome")["ntp"]["servers"]
    assert [{key: server[key] for key in ("address", "prefer", "version", "vrf", "key", "source")} for server in servers] == [
        {"address": "192.0.2.123", "prefer": True, "version": 3, "vrf": "Mgmt-vrf", "key": "1", "source": "GigabitEthernet0"},
        {"address": "198.51.100.100", "prefer": True, "version": 2, "vrf": None, "key": None, "source": None},
    ]
    # The banner holds a line that looks like 'ntp server 203.0.113.99': it is not read as configuration.
    assert "203.0.113.99" not in json.dumps(ios("written_direct_callhome"))


def test_nxos_ntp_servers_use_vrf():
    ntp = nxos("written_smart_callhome")["ntp"]
    assert [(s["address"], s["prefer"], s["vrf"], s["key"]) for s in ntp["servers"]] == [
        ("10.28.13.90", True, "management", None), ("10.28.13.91", False, "management", "2")]
    assert ntp["source"] == "mgmt0"
    assert nxos("written_no_lookup")["ntp"]["servers"] == []


def test_ios_dns():
    dns = ios("written_direct_callhome")["dns"]
    assert dns["lookup_enabled"] is True and dns["lookup_source_interface"] == "GigabitEthernet0"
    assert dns["domain_name"] == "example.com"
    assert dns["name_servers"] == [{"address": "192.0.2.53", "vrf": "Mgmt-vrf"}, {"address": "192.0.2.54", "vrf": "Mgmt-vrf"}]
    assert dns["hosts"] == {"cslu-local": ["192.0.2.80"], "tools-backup": ["198.51.100.7", "198.51.100.8"]}
    assert dns["host_entries"][0] == {"name": "cslu-local", "addresses": ["192.0.2.80"], "vrf": "Mgmt-vrf"}
    disabled = ios("written_cslu_no_lookup")["dns"]
    assert disabled["lookup_enabled"] is False and disabled["domain_name"] == "lab.example.com"
    assert disabled["name_servers"] == [{"address": "192.0.2.53", "vrf": None}]


def test_nxos_dns_and_vrf_contexts():
    result = nxos("written_smart_callhome")
    assert result["dns"]["lookup_enabled"] is True and result["dns"]["domain_name"] == "cisco.com"
    assert result["dns"]["name_servers"] == [{"address": "192.0.2.53", "vrf": "management"}, {"address": "192.0.2.54", "vrf": "management"}]
    assert result["vrf_contexts"]["management"]["domain_name"] == "cisco.com"
    assert result["vrf_contexts"]["management"]["name_servers"] == ["192.0.2.53"]
    other = nxos("written_no_lookup")
    assert other["dns"]["lookup_enabled"] is False
    assert other["vrf_contexts"]["management"]["name_servers"] == [] and other["vrf_contexts"]["management"]["domain_name"] is None


def test_trustpoints():
    points = ios("written_direct_callhome")["pki_trustpoints"]
    assert sorted(points) == ["SLA-TrustPoint", "TP-self-signed-4246525466"]
    assert (points["SLA-TrustPoint"]["enrollment"], points["SLA-TrustPoint"]["revocation_check"], points["SLA-TrustPoint"]["certificates"]) == (
        "terminal", "crl", 1)
    url = ios("written_cslu_no_lookup")["pki_trustpoints"]["SLA-TrustPoint"]
    assert (url["enrollment"], url["enrollment_raw"], url["revocation_check"]) == ("url", "url http://198.51.100.20:80", "none")
    assert nxos("written_smart_callhome")["pki_trustpoints"]["SLA-TrustPoint"]["enrollment"] == "terminal"
    assert nxos("written_no_lookup")["pki_trustpoints"] == {}


def test_http_client_and_server():
    result = ios("written_direct_callhome")
    assert result["http_client"]["secure_trustpoints"] == ["SLA-TrustPoint"]
    assert result["http_client"]["source_interface"] == "GigabitEthernet0"
    assert (result["ip_http"]["server"], result["ip_http"]["secure_server"], result["ip_http"]["authentication"]) == (True, True, "local")
    other = ios("written_cslu_no_lookup")
    assert other["http_client"]["secure_trustpoints"] == []
    assert (other["ip_http"]["server"], other["ip_http"]["secure_server"], other["ip_http"]["active_session_modules"]) == (False, False, "none")


@pytest.mark.parametrize("reader, stem, expected", [
    (ios, "written_direct_callhome", {"transport": "callhome", "url": "https://tools.cisco.com/its/service/oddce/services/DDCEService",
                                      "url_smart": None, "url_cslu": None, "url_default": False, "usage_interval_days": 30}),
    (ios, "written_cslu_no_lookup", {"transport": "cslu", "url_cslu": "http://192.0.2.80:8182/cslu/v1/pi", "proxy": {"address": "192.0.2.3", "port": 3128}}),
    (nxos, "written_smart_callhome", {"transport": "smart", "url_smart": "https://smartreceiver.cisco.com/licservice/license", "vrf": None}),
    (nxos, "written_no_lookup", {"transport": "cslu", "url_cslu": "http://192.0.2.80:8182/cslu/v1/pi"}),
])
def test_license_smart(reader, stem, expected):
    facts = reader(stem)["license_smart"]
    assert {key: facts[key] for key in expected} == expected
    assert all(line.startswith("license smart ") for line in facts["lines"])


def test_ios_call_home():
    call_home = ios("written_direct_callhome")["call_home"]
    expected = (True, True, "Mgmt-vrf", "GigabitEthernet0")
    assert (call_home["configured"], call_home["enabled"], call_home["vrf"], call_home["source_interface"]) == expected
    tac = call_home["profiles"]["CiscoTAC-1"]
    assert (tac["active"], tac["transport_method"]) == (True, "http")
    assert tac["http_addresses"] == ["https://tools.cisco.com/its/service/oddce/services/DDCEService"]
    backup = call_home["profiles"]["backup"]
    assert (backup["active"], backup["transport_method"], backup["email_addresses"]) == (False, "email", ["noc@example.com"])
    none = ios("written_cslu_no_lookup")["call_home"]
    assert (none["configured"], none["enabled"], none["profiles"]) == (False, None, {})


def test_nxos_callhome():
    call_home = nxos("written_smart_callhome")["call_home"]
    assert (call_home["enabled"], call_home["http_use_vrf"]) == (True, "management")
    xml = call_home["destination_profiles"]["xml"]
    assert (xml["transport_method"], xml["http_addresses"]) == ("http", ["https://tools.cisco.com/its/service/oddce/services/DDCEService"])
    assert nxos("written_no_lookup")["call_home"]["enabled"] is False


def test_hostname_version_and_header():
    assert (ios("written_direct_callhome")["hostname"], ios("written_direct_callhome")["version"]) == ("edge1", "17.6")
    assert ios("written_cslu_no_lookup")["header"] == {"command": "C9200-Standalone#show running-config", "current_configuration_bytes": 2311}
    assert (nxos("written_smart_callhome")["hostname"], nxos("written_smart_callhome")["version"]) == ("switch", "10.3(1)")
    assert nxos("written_no_lookup")["header"] == {"nxos_command": "show running-config"}


def test_section_output_is_read():
    """'show run | section ntp' style: no header, only the lines of one feature."""
    result = show_running_config.parse("ntp server 192.0.2.1 prefer\nntp server 192.0.2.2\n")
    assert [server["address"] for server in result["ntp"]["servers"]] == ["192.0.2.1", "192.0.2.2"]
    assert result["warnings"] == []


@pytest.mark.parametrize("text, platform", [
    ("hostname r1\nip domain name example.com\ncall-home\n profile \"CiscoTAC-1\"\n  active\n", "ios"),
    ("hostname s1\nfeature bash-shell\nvrf context management\n  ip name-server 192.0.2.53\n", "nxos"),
    ("hostname s1\nip name-server 192.0.2.53 use-vrf management\n", "nxos"),
])
def test_platform_detection(text, platform):
    assert show_running_config.parse(text)["platform"] == platform


def test_platform_argument_overrides_detection():
    assert show_running_config.parse("hostname x\n", "nxos")["call_home"]["enabled"] is False
    assert show_running_config.parse("hostname x\n", "ios")["call_home"]["enabled"] is None


def test_name_server_forms():
    dns = show_running_config.parse("ip name-server vrf Mgmt-vrf 192.0.2.1\nip name-server 192.0.2.2 2001:db8::53\n"
                                    "ip name-server 192.0.2.3 use-vrf management\nno ip domain-lookup\n")["dns"]
    assert dns["name_servers"] == [{"address": "192.0.2.1", "vrf": "Mgmt-vrf"}, {"address": "192.0.2.2", "vrf": None},
                                   {"address": "2001:db8::53", "vrf": None}, {"address": "192.0.2.3", "vrf": "management"}]
    assert dns["lookup_enabled"] is False


@pytest.mark.parametrize("text, warning", [
    ("", "empty output: nothing to parse for show running-config"),
    ("% Invalid input detected at '^' marker.", "the device rejected the command: % Invalid input detected at '^' marker."),
    ("Smart Licensing is ENABLED\nTransport:\n  Type: Smart\n", "output does not look like show running-config"),
])
def test_not_a_configuration(text, warning):
    result = show_running_config.parse(text)
    assert result["warnings"] == [warning] and "ntp" not in result


def test_parts_configured():
    assert ios("written_cslu_no_lookup")["parts_configured"] == ["hostname", "ntp", "dns", "pki_trustpoints", "ip_http", "license_smart"]
    interface_only = show_running_config.parse("Building configuration...\n\nCurrent configuration : 77 bytes\n!\ninterface GigabitEthernet0/1\n"
                                               " description uplink\n negotiation auto\nend\n")
    assert interface_only["parts_configured"] == [] and interface_only["warnings"] == []
