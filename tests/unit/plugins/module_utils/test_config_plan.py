"""config_plan.missing_config: what each remediation role still has to send, from parsed running-configs (docs/facts.md shape)."""
from __future__ import annotations

import glob
import os

import pytest
import yaml

from ansible_collections.smartlic.slp.plugins.module_utils.config_plan import (
    CALLHOME_URL, CSLU_URL, SMART_URL, missing_config, url_problems,
)
from ansible_collections.smartlic.slp.plugins.module_utils.parsers.registry import parse_output
from tests.lab.cli import Device
from tests.lab.license_model import LicenseModel

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))))


def commands(role, platform, config, settings):
    return missing_config(role, platform, config, settings)["commands"]


# --- dns --------------------------------------------------------------------------------------------


def test_dns_ios_from_nothing():
    config = {"dns": {"lookup_enabled": False, "domain_name": None, "name_servers": [], "hosts": {}}}
    settings = {"name_servers": ["192.0.2.53", "192.0.2.54"], "domain_name": "example.com", "lookup": True,
                "hosts": {"cslu-local": "192.0.2.10"}}
    assert commands("dns", "ios", config, settings) == [
        "ip domain lookup", "ip domain name example.com", "ip name-server 192.0.2.53", "ip name-server 192.0.2.54",
        "ip host cslu-local 192.0.2.10",
    ]


def test_dns_ios_with_vrf_and_nothing_missing():
    config = {"dns": {"lookup_enabled": True, "domain_name": None, "vrf_domain_names": {"Mgmt-vrf": "example.com"},
                      "name_servers": [{"address": "192.0.2.53", "vrf": "Mgmt-vrf"}], "hosts": {"cslu-local": ["192.0.2.10"]}}}
    settings = {"name_servers": ["192.0.2.53"], "domain_name": "example.com", "vrf": "Mgmt-vrf", "hosts": {"cslu-local": "192.0.2.10"}}
    plan = missing_config("dns", "cisco.ios.ios", config, settings)
    assert plan["commands"] == [] and plan["missing"] is False and plan["text"] == ""
    assert all(check["missing"] is False for check in plan["checks"])


def test_dns_ios_domain_name_goes_into_the_licensing_vrf():
    # The name servers of the licensing VRF and its domain name: 'ip domain name vrf V D' (what the report says too).
    config = {"dns": {"lookup_enabled": True, "domain_name": "example.com", "vrf_domain_names": {},
                      "name_servers": [{"address": "192.0.2.53", "vrf": "Mgmt-vrf"}]}}
    assert commands("dns", "ios", config, {"name_servers": ["192.0.2.53"], "domain_name": "example.com", "vrf": "Mgmt-vrf"}) == [
        "ip domain name vrf Mgmt-vrf example.com"]


def test_dns_ios_server_in_the_wrong_vrf_is_missing():
    config = {"dns": {"lookup_enabled": True, "name_servers": [{"address": "192.0.2.53", "vrf": None}]}}
    assert commands("dns", "ios", config, {"name_servers": ["192.0.2.53"], "vrf": "Mgmt-vrf"}) == ["ip name-server vrf Mgmt-vrf 192.0.2.53"]


def test_dns_nxos_vrf_context_block_comes_last_and_is_indented():
    config = {"dns": {"lookup_enabled": True, "domain_name": "cisco.com",
                      "name_servers": [{"address": "192.0.2.53", "vrf": "management"}]},
              "vrf_contexts": {"management": {"domain_name": None, "name_servers": []}}}
    settings = {"name_servers": ["192.0.2.53"], "domain_name": "cisco.com", "vrf": "management"}
    plan = missing_config("dns", "nxos", config, settings)
    assert plan["commands"] == ["vrf context management", "ip domain-name cisco.com", "ip name-server 192.0.2.53"]
    assert plan["text"] == "vrf context management\n  ip domain-name cisco.com\n  ip name-server 192.0.2.53\n"


def test_dns_nxos_global_lines_before_the_vrf_context():
    settings = {"name_servers": ["192.0.2.53"], "domain_name": "cisco.com", "vrf": "management"}
    assert commands("dns", "nxos", {"dns": {"lookup_enabled": False}}, settings) == [
        "ip domain-lookup", "ip domain-name cisco.com", "ip name-server 192.0.2.53 use-vrf management",
        "vrf context management", "ip domain-name cisco.com", "ip name-server 192.0.2.53",
    ]


def test_dns_lookup_left_alone_when_unknown_or_not_asked():
    assert commands("dns", "ios", {"dns": {}}, {"lookup": True}) == []
    assert commands("dns", "ios", {"dns": {"lookup_enabled": False}}, {"lookup": False}) == []


# --- transport ----------------------------------------------------------------------------------------


def test_transport_smart_default_url_counts_as_set():
    config = {"license_smart": {"transport": "smart", "url_smart": None, "url_default": True}}
    assert commands("transport", "ios", config, {"type": "smart"}) == []


def test_transport_wrong_type_and_url():
    config = {"license_smart": {"transport": "cslu", "url_cslu": "http://cslu-local:8182/cslu/v1/pi", "url_smart": "https://wrong/x"}}
    assert commands("transport", "ios", config, {"type": "smart"}) == ["license smart transport smart", "license smart url smart %s" % SMART_URL]


def test_transport_cslu_url_and_vrf():
    config = {"license_smart": {"transport": "cslu", "url_cslu": "http://10.1.1.1:8080/cslu/v1/pi", "vrf": None}}
    assert commands("transport", "nxos", config, {"type": "cslu", "vrf": "management"}) == [
        "license smart url cslu %s" % CSLU_URL, "license smart vrf management",
    ]


def test_transport_off_sends_only_the_type():
    assert commands("transport", "ios", {"license_smart": {"transport": "smart"}}, {"type": "off", "vrf": "x"}) == ["license smart transport off"]


def test_transport_ios_callhome_profile():
    config = {"license_smart": {"transport": "smart"},
              "call_home": {"enabled": True, "profiles": {"CiscoTAC-1": {"active": False, "transport_method": "email", "http_addresses": []}}}}
    assert commands("transport", "ios", config, {"type": "callhome", "callhome_profile": "CiscoTAC-1"}) == [
        "license smart transport callhome",
        "call-home", 'profile "CiscoTAC-1"', "active", "destination transport-method http", "destination address http %s" % CALLHOME_URL,
    ]
    plan = missing_config("transport", "ios", config, {"type": "callhome"})
    expected = ["call-home", ' profile "CiscoTAC-1"', "  active", "  destination transport-method http", "  destination address http %s" % CALLHOME_URL]
    assert plan["text"].splitlines()[1:] == expected


def test_transport_ios_callhome_complete():
    profile = {"active": True, "transport_method": "http", "http_addresses": [CALLHOME_URL]}
    config = {"license_smart": {"transport": "callhome"}, "call_home": {"enabled": True, "profiles": {"CiscoTAC-1": profile}}}
    assert commands("transport", "ios", config, {"type": "callhome"}) == []


def test_transport_nxos_callhome_with_vrf():
    config = {"license_smart": {"transport": "callhome"},
              "call_home": {"enabled": False, "http_use_vrf": None,
                            "destination_profiles": {"xml": {"transport_method": "http", "http_addresses": [CALLHOME_URL]}}}}
    assert commands("transport", "nxos", config, {"type": "callhome", "vrf": "management", "callhome_profile": "xml"}) == [
        "callhome", "transport http use-vrf management", "enable",
    ]


@pytest.mark.parametrize("kind, url, platform, problem", [
    ("cslu", "http://192.0.2.1:8080/cslu/v1/pi", "ios", "port 8182"),
    ("cslu", "http://192.0.2.1:8182/cslu/v2/pi", "ios", "/cslu/v1/pi"),
    ("cslu", "https://192.0.2.1/cslu/v1/pi/on-prem-default", "nxos", "fully qualified domain name"),
    ("smart", "https://smartreceiver.cisco.com/other", "ios", "smart transport URL"),
    ("smart", "smartreceiver.cisco.com", "ios", "not an http(s) URL"),
])
def test_url_problems(kind, url, platform, problem):
    assert any(problem in text for text in url_problems(kind, url, platform))


@pytest.mark.parametrize("kind, url, platform", [
    ("cslu", "http://192.0.2.1:8182/cslu/v1/pi", "ios"),
    ("cslu", "https://192.0.2.1/cslu/v1/pi/on-prem-default", "ios"),
    ("cslu", "https://onprem.example.com/cslu/v1/pi/on-prem-default", "nxos"),
    ("smart", SMART_URL, "nxos"),
    ("callhome", CALLHOME_URL, "ios"),
    ("off", "", "ios"),
])
def test_url_without_problems(kind, url, platform):
    assert url_problems(kind, url, platform) == []
    assert missing_config("transport", platform, {}, {"type": kind, "url": url})["problems"] == []


# --- trustpoint ---------------------------------------------------------------------------------------


def test_trustpoint_block_first_then_exit_then_http_client():
    plan = missing_config("trustpoint", "ios", {"pki_trustpoints": {}, "http_client": {"secure_trustpoints": []}}, {})
    assert plan["commands"] == ["crypto pki trustpoint SLA-TrustPoint", "enrollment terminal", "revocation-check none", "exit",
                                "ip http client secure-trustpoint SLA-TrustPoint"]
    assert plan["text"] == ("crypto pki trustpoint SLA-TrustPoint\n enrollment terminal\n revocation-check none\nexit\n"
                            "ip http client secure-trustpoint SLA-TrustPoint\n")


def test_trustpoint_only_the_http_client_missing():
    config = {"pki_trustpoints": {"SLA-TrustPoint": {"enrollment": "terminal", "revocation_check": "none"}}, "http_client": {}}
    assert commands("trustpoint", "ios", config, {"http_client": True}) == ["ip http client secure-trustpoint SLA-TrustPoint"]
    assert commands("trustpoint", "ios", config, {"http_client": False}) == []


# --- robustness ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("config", [None, "text", [], {"dns": "x", "license_smart": 3, "call_home": [1]}])
@pytest.mark.parametrize("role", ["dns", "transport", "trustpoint", "unknown"])
def test_never_raises(config, role):
    plan = missing_config(role, "ios", config, {"type": "callhome", "name_servers": ["192.0.2.1"]})
    assert isinstance(plan["commands"], list)
    assert isinstance(plan["warnings"], list)
    if role == "unknown":
        assert plan["warnings"]


# --- written running-configs (parser fixtures) -----------------------------------------------------------------------

FIXTURES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "parsers", "fixtures")


def parsed(platform, name):
    folder = "iosxe" if platform == "ios" else "nxos"
    with open(os.path.join(FIXTURES, folder, "show_running-config", name), encoding="utf-8") as handle:
        return parse_output("show running-config", handle.read(), platform)


def test_ios_written_cslu_config():
    config = parsed("ios", "written_cslu_no_lookup.txt")
    # "no ip domain lookup" is the only DNS gap; "ip domain-name" is the same setting as "ip domain name".
    assert commands("dns", "ios", config, {"name_servers": ["192.0.2.53"], "domain_name": "lab.example.com"}) == ["ip domain lookup"]
    # SLA-TrustPoint enrolls by URL here, and the HTTPS client does not use it.
    assert commands("trustpoint", "ios", config, {}) == ["crypto pki trustpoint SLA-TrustPoint", "enrollment terminal", "exit",
                                                         "ip http client secure-trustpoint SLA-TrustPoint"]
    assert commands("transport", "ios", config, {"type": "cslu", "url": "http://192.0.2.80:8182/cslu/v1/pi"}) == []
    assert commands("transport", "ios", config, {"type": "smart"}) == ["license smart transport smart", "license smart url smart %s" % SMART_URL]


def test_nxos_written_smart_callhome_config():
    config = parsed("nxos", "written_smart_callhome.txt")
    # Both name servers are on one "use-vrf management" line; the VRF context has only the first.
    settings = {"name_servers": ["192.0.2.53", "192.0.2.54"], "domain_name": "cisco.com", "vrf": "management"}
    assert commands("dns", "nxos", config, settings) == ["vrf context management", "ip name-server 192.0.2.54"]
    settings = {"type": "callhome", "vrf": "management", "callhome_profile": "xml"}
    assert commands("transport", "nxos", config, settings) == ["license smart transport callhome"]
    assert commands("transport", "nxos", config, {"type": "smart", "vrf": "management"}) == ["license smart vrf management"]


# --- the lab: every scenario's running-config, fixed through the simulated CLI -------------------------------------

LAB_SCENARIOS = sorted(glob.glob(os.path.join(ROOT, "tests", "lab", "scenarios", "*.yml")))
FIXED_BY = {"dns": ("dns_not_configured", "cslu_local_unresolved"), "trustpoint": ("http_client_trustpoint_missing", "sla_trustpoint_missing"),
            "transport": ("transport_type_mismatch", "transport_url_incorrect", "callhome_profile_inactive")}


def lab_settings(role, model):
    intended = model.intended()
    vrf = intended["smartlic_vrf"] or ""
    if role == "dns":
        cslu = intended["smartlic_cslu_local_address"] or ""
        return {"name_servers": intended["smartlic_name_servers"], "domain_name": intended["smartlic_domain_name"], "vrf": vrf,
                "lookup": True, "hosts": {"cslu-local": cslu} if cslu else {}}
    if role == "transport":
        return {"type": intended["smartlic_transport_type"], "url": intended["smartlic_transport_url"], "vrf": vrf,
                "callhome_profile": "xml" if model.platform == "nxos" else ""}
    return {"name": "SLA-TrustPoint", "http_client": True}


def running(device):
    return parse_output("show running-config", "\n".join(device.config.to_lines()), device.platform.name)


@pytest.mark.parametrize("path", LAB_SCENARIOS, ids=os.path.basename)
def test_lab_scenarios_plan_fix_and_converge(path):
    with open(path, encoding="utf-8") as handle:
        scenario = yaml.safe_load(handle)
    device = Device(scenario, LicenseModel)
    session = device.session()
    if scenario["platform"] == "ios":
        session.feed("enable")
        session.feed(device.enable_password)
    roles = ["dns", "transport"] + (["trustpoint"] if scenario["platform"] == "ios" else [])
    for role in roles:
        settings = lab_settings(role, device.model)
        plan = missing_config(role, scenario["platform"], running(device), settings)
        assert plan["warnings"] == [] and plan["problems"] == []
        faulty = any(fid in scenario["faults"] for fid in FIXED_BY[role])
        assert plan["missing"] is faulty, (role, plan["commands"])
        if not faulty:
            continue
        outputs = [session.feed(line) for line in ["configure terminal"] + plan["commands"] + ["end"]]
        assert not any("Invalid" in out or "Incomplete" in out for out in outputs), outputs
        assert missing_config(role, scenario["platform"], running(device), settings)["commands"] == [], role


# --- release-gated lines ------------------------------------------------------------------------------


@pytest.mark.parametrize("version, sent", [("17.3", False), ("17.6", False), ("17.7", True), ("17.12", True), (None, True)])
def test_license_smart_vrf_only_where_the_release_has_it(version, sent):
    """IOS XE releases before 17.7 have no 'license smart vrf' (the lab refuses it there too): never sent, said instead."""
    config = {"license_smart": {"transport": "smart", "url_smart": SMART_URL}}
    if version:
        config["version"] = version
    plan = missing_config("transport", "ios", config, {"type": "smart", "url": SMART_URL, "vrf": "Mgmt-vrf"})
    assert ("license smart vrf Mgmt-vrf" in plan["commands"]) is sent
    if sent:
        assert plan["not_sent"] == [] and plan["warnings"] == []
    else:
        assert plan["commands"] == []
        assert [item["line"] for item in plan["not_sent"]] == ["license smart vrf Mgmt-vrf"]
        assert "IOS XE %s has no 'license smart vrf' (first in 17.7)" % version in plan["not_sent"][0]["why"]
        assert plan["warnings"] == ["not sent: license smart vrf Mgmt-vrf (%s)" % plan["not_sent"][0]["why"]]


def test_release_gating_from_a_real_17_3_running_config():
    """The version line of an early-release lab device's running-config (17.03.04 prints 'version 17.3') gates the line."""
    device = Device({"platform": "ios", "hostname": "early-vrf", "version": "17.03.04", "faults": []}, LicenseModel)
    config = running(device)
    assert config["version"] == "17.3"
    plan = missing_config("transport", "ios", config, {"type": "smart", "url": SMART_URL, "vrf": "Mgmt-vrf"})
    assert "license smart vrf Mgmt-vrf" not in plan["commands"]
    assert plan["not_sent"][0]["line"] == "license smart vrf Mgmt-vrf"


def test_nxos_is_not_release_gated():
    config = {"version": "10.2(3)", "license_smart": {"transport": "smart", "url_smart": SMART_URL}}
    assert missing_config("transport", "nxos", config, {"type": "smart", "url": SMART_URL, "vrf": "management"})["not_sent"] == []
