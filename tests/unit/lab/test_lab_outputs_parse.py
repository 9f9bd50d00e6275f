"""Every lab scenario's outputs parse with the collection's parsers to the values the scenario set.

For each scenario file the model's show outputs, pings and running-config go
through ``parsers.registry.parse_output`` and its syslog through
``syslog.parse_messages``: no line is left unparsed, and the parsed values are
the ones the scenario's faults and settings call for.
"""

from __future__ import annotations

import glob
import importlib
import os
from datetime import datetime, timedelta, timezone

import pytest
import yaml

from ansible_collections.smartlic.slp.plugins.module_utils import catalog
from ansible_collections.smartlic.slp.plugins.module_utils.parsers import syslog
from ansible_collections.smartlic.slp.plugins.module_utils.parsers.registry import parse_output
from tests.lab import license_model, outputs_ios
from tests.lab.config_tree import ConfigTree
from tests.lab.license_model import LicenseModel

NOW = datetime(2026, 3, 10, 12, 0, 0, tzinfo=timezone.utc)
SCENARIO_DIR = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))), "lab", "scenarios")
SCENARIOS = sorted(glob.glob(os.path.join(SCENARIO_DIR, "*.yml")))
PARSER_PACKAGE = "ansible_collections.smartlic.slp.plugins.module_utils.parsers."
# Warnings a parser gives on purpose for a device state the scenario sets up.
EXPECTED_WARNINGS = ("NTP is not enabled on the device",)

IOS_SHOWS = ("show license status", "show license all", "show license tech support", "show license udi", "show license summary",
             "show license usage", "show license authorization", "show license history message", "show license rum id all",
             "show clock", "show ntp associations", "show ntp status", "show logging", "show call-home profile all",
             "show ip http client", "show ip http server session-module")
NXOS_SHOWS = ("show license status", "show license usage", "show license udi", "show clock", "show ntp peer-status",
              "show logging logfile")


def _iso(moment):
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ") if moment else None


class Device:
    """A scenario's model and running-config, with parsed outputs."""

    def __init__(self, path):
        with open(path, encoding="utf-8") as handle:
            self.scenario = yaml.safe_load(handle)
        self.platform = self.scenario["platform"]
        self.faults = list(self.scenario.get("faults") or [])
        self.model = LicenseModel(self.platform, self.scenario["hostname"], self.scenario, lambda: NOW)
        self.config = ConfigTree(self.platform, self.model.initial_config())
        self.data = self.model.snapshot(license_model.ConfigView(self.config.to_lines()))
        # The device prints local time in its zone (output variant 'timezone', IOS XE only); the model keeps UTC.
        variants = self.model.settings["output_variants"]
        self.offset = outputs_ios.ZONES[variants["timezone"]] if self.platform == "ios" else timedelta(0)

    def local(self, moment):
        """ISO text of a model (UTC) time as the device prints it ('Z' only for UTC)."""
        if not moment:
            return None
        return _iso(moment + self.offset)[:-1] if self.offset else _iso(moment)

    def output(self, command):
        text = self.model.handle(command, self.config, "privileged")
        assert text is not None, "the model does not answer %r" % command
        return text

    def parse(self, command, text=None):
        name = PARSER_PACKAGE + _parser_name(command)
        pytest.importorskip(name, reason="parser for %r not written yet" % command)
        result = parse_output(command, self.output(command) if text is None else text, self.platform)
        assert result["unparsed"] == [], (command, result["unparsed"])
        assert [warning for warning in result["warnings"] if warning not in EXPECTED_WARNINGS] == [], (command, result["warnings"])
        return result


def _parser_name(command):
    if command.startswith("ping"):
        return "ping"
    from ansible_collections.smartlic.slp.plugins.module_utils.parsers.registry import parser_name, canonical_command  # pylint: disable=import-outside-toplevel
    return parser_name(canonical_command(command))


IOS_SCENARIOS = [path for path in SCENARIOS if os.path.basename(path).startswith("ios-")]


@pytest.fixture(name="device", params=SCENARIOS, ids=[os.path.basename(path)[:-4] for path in SCENARIOS])
def device_fixture(request):
    return Device(request.param)


@pytest.fixture(name="ios_device", params=IOS_SCENARIOS, ids=[os.path.basename(path)[:-4] for path in IOS_SCENARIOS])
def ios_device_fixture(request):
    return Device(request.param)


def test_every_fixable_fault_has_a_scenario_per_platform():
    names = {os.path.basename(path)[:-4] for path in SCENARIOS}
    for platform in ("ios", "nxos"):
        assert {"%s-healthy" % platform, "%s-multi" % platform} <= names
        for fault in license_model.FIXABLE_FAULTS:
            wanted = "%s-%s" % (platform, fault)
            if platform == "nxos" and fault in license_model.IOS_ONLY_FAULTS:
                assert wanted not in names
            else:
                assert wanted in names


def test_scenario_files_are_consistent(device):
    name = os.path.basename(SCENARIO_DIR)
    assert name == "scenarios"
    assert device.model.ignored_faults == []
    assert device.scenario["valid_tokens"]
    intended = device.model.intended()
    assert intended["smartlic_id_token"] == device.scenario["valid_tokens"][0]


def test_status_outputs(device):
    data = device.data
    expected_type = device.model.intended()["smartlic_transport_type"]
    for command in ("show license status",) + (("show license all", "show license tech support") if device.platform == "ios" else ()):
        status = device.parse(command)
        assert status["era"] == "slp" and status["slp_enabled"] is True
        transport = status["transport"]
        assert transport["type"] == data["transport"]["type"]
        if "transport_type_mismatch" in device.faults:
            assert transport["type"] != expected_type
        else:
            assert transport["type"] == expected_type
        if transport["type"] == "smart":
            assert transport["url"] == data["transport"]["url"]
            assert (transport["url"] == license_model.CSSM_URL) == ("transport_url_incorrect" not in device.faults)
        if transport["type"] == "cslu":
            assert transport["cslu_address"] == data["transport"]["cslu_url"]
        if transport["type"] in ("smart", "cslu"):
            assert transport["vrf"] == device.model.settings["vrf"]
        usage = status["usage_reporting"]
        assert usage["last_ack_received"] == device.local(data["usage"]["last_ack"])
        assert usage["next_ack_deadline"] == device.local(data["usage"]["deadline"])
        overdue = usage["next_ack_deadline"] < device.local(NOW)
        assert overdue == ("report_ack_overdue" in device.faults)
        trust = status["trust_code"]
        installed = [when is not None for _member, when in data["trust"]]
        assert trust["installed"] is any(installed)
        if "trust_code_missing" in device.faults:
            assert trust["installed"] is False and usage["last_ack_received"] is None
        if len(data["members"]) > 1:
            assert [entry["sn"] for entry in trust["entries"]] == [member["sn"] for member in data["members"]]
        assert status["policy"]["name"] == ("SLE Policy" if data["policy"]["custom"] else None)
        assert status["account"]["virtual_account"] == data["account"]["virtual"]


def test_tech_support_statistics(ios_device):
    device = ios_device
    tech = device.parse("show license tech support")
    comm = device.model.state["comm"]
    assert tech["agent"]["clock_synced_with_ntp"] is device.data["synchronized"]
    if comm["status"] == "failed":
        assert tech["communication"]["last_failure_reason"] == comm["error"]
        assert tech["communication"]["ongoing_failures"]
    else:
        assert tech["communication"]["ongoing_failures"] == []
    assert tech["udi"]["sn"] == device.model.settings["serial"]


def test_other_license_outputs(device):
    members = device.data["members"]
    udi = device.parse("show license udi")
    assert [(entry["pid"], entry["sn"]) for entry in udi["entries"]] == [(member["pid"], member["sn"]) for member in members]
    assert udi["ha"] is (len(members) > 1)
    usage = device.parse("show license usage")
    assert [item["count"] for item in usage["licenses"]] == [item["count"] for item in device.data["licenses"]]
    if device.platform == "nxos":
        return
    summary = device.parse("show license summary")
    assert [item["name"] for item in summary["licenses"]] == [item["name"] for item in device.data["licenses"]]
    rum = device.parse("show license rum id all")
    assert [report["id"] for report in rum["reports"]] == [report["id"] for report in device.data["reports"]]
    authorization = device.parse("show license authorization")
    assert [entry["sn"] for entry in authorization["udis"]] == [member["sn"] for member in members]
    history = device.parse("show license history message")
    assert history["messages"] == []


def test_clock_and_ntp(device):
    clock_fault = "clock_not_synchronized" in device.faults
    clock = device.parse("show clock")
    assert clock["synchronized"] is (not clock_fault)
    expected_time = NOW - timedelta(minutes=150) if clock_fault else NOW
    assert clock["time"] == device.local(expected_time.replace(tzinfo=None))
    command = "show ntp peer-status" if device.platform == "nxos" else "show ntp associations"
    ntp = device.parse(command)
    configured = [] if clock_fault else device.model.settings["ntp_servers"]
    assert [peer["address"] for peer in ntp["peers"]] == configured
    assert ntp["synchronized"] is (not clock_fault)
    if device.platform == "nxos":
        assert {peer["vrf"] for peer in ntp["peers"]} <= {"management"}
    else:
        assert device.parse("show ntp status")["synchronized"] is (not clock_fault)


def test_syslog_messages_are_known_catalog_events(device):
    command = "show logging logfile" if device.platform == "nxos" else "show logging"
    logged = device.parse(command)
    messages = syslog.parse_messages(device.output(command))
    stored = device.model.state["messages"]
    assert [message["event"] for message in messages] == [message["event"] for message in stored]
    assert len(logged["messages"]) == len(stored)
    for message in messages:
        assert message["known"] is True and message["platform"] == device.platform, message["raw"]
        assert message["timestamp"] is not None and message["timestamp_has_year"] is True
        if message["event"] == "COMM_FAILED":
            assert message["variables"] == {"peer": device.model.state["comm"]["peer"], "error": device.model.state["comm"]["error"]}
    failing = device.model.state["comm"]["status"] == "failed"
    assert ("COMM_FAILED" in [message["event"] for message in messages]) is failing
    expected = {
        "trust_code_already_installed": "TRUST_CODE_INSTALL_FAILED",
        "report_ack_overdue": "REPORTING_REQUIRED",
    }
    for fault, event in expected.items():
        assert (event in [message["event"] for message in messages]) is (fault in device.faults)


def test_running_config_parses_to_the_scenario(device):
    settings = device.model.settings
    running = device.parse("show running-config", device.config.render())
    ntp = [server["address"] for server in running["ntp"]["servers"]]
    assert ntp == ([] if "clock_not_synchronized" in device.faults else settings["ntp_servers"])
    smart = running["license_smart"]
    assert smart["transport"] == device.data["transport"]["type"]
    vrf = settings["vrf"]
    servers = running["dns"]["name_servers"]
    if device.platform == "nxos":
        in_vrf = [server["address"] for server in servers if server["vrf"] == vrf]
        in_vrf += (running["vrf_contexts"].get(vrf) or {}).get("name_servers", [])
        assert bool(in_vrf) is ("dns_not_configured" not in device.faults)
        if device.model.settings["topology"] == "callhome":
            call_home = device.parse("show running-config callhome all", device.config.render(select=lambda line: line == "callhome"))
            use_vrf = call_home["call_home"]["http_use_vrf"]
            assert (use_vrf == vrf) is ("callhome_profile_inactive" not in device.faults)
        return
    assert bool(servers) is ("dns_not_configured" not in device.faults)
    assert ("SLA-TrustPoint" in running["pki_trustpoints"]) is ("sla_trustpoint_missing" not in device.faults)
    assert ("SLA-TrustPoint" in running["http_client"]["secure_trustpoints"]) is ("http_client_trustpoint_missing" not in device.faults)
    hosts = running["dns"]["hosts"]
    if settings["topology"] == "cslu":
        assert ("cslu-local" in hosts) is ("cslu_local_unresolved" not in device.faults)
    if settings["topology"] == "callhome":
        profile = running["call_home"]["profiles"]["CiscoTAC-1"]
        assert profile["active"] is ("callhome_profile_inactive" not in device.faults)


def test_ios_call_home_and_http(ios_device):
    device = ios_device
    profiles = device.parse("show call-home profile all")["profiles"]
    assert profiles["CiscoTAC-1"]["active"] is device.data["callhome"]["profile"]["active"]
    client = device.parse("show ip http client")
    wanted = None if "http_client_trustpoint_missing" in device.faults else "SLA-TrustPoint"
    assert client["secure_trustpoint"] == wanted
    modules = device.parse("show ip http server session-module")["modules"]
    assert modules["SL_HTTP"]["active"] is device.data["http_server"]


def test_pings(device):
    settings = device.model.settings
    vrf = settings["vrf"]
    suffix = " vrf %s" % vrf if vrf else ""
    dns_broken = "dns_not_configured" in device.faults
    targets = {"smartreceiver.cisco.com": not dns_broken and settings["internet"],
               "tools.cisco.com": not dns_broken and settings["internet"],
               settings["ntp_servers"][0]: True,
               "198.51.100.200": False}
    if settings["topology"] == "cslu":
        targets["cslu-local"] = "cslu_local_unresolved" not in device.faults
    for target, reachable in targets.items():
        command = "ping %s%s" % (target, suffix) if device.platform == "nxos" or not vrf else "ping vrf %s %s" % (vrf, target)
        result = device.parse(command)
        assert result["reachable"] is reachable, command
        named = not target[0].isdigit()
        if named and not reachable and (dns_broken or target == "cslu-local"):
            assert result["error"] == ("invalid_host" if device.platform == "nxos" else "unrecognized_host")
        if reachable:
            assert result["success_rate"] == 100


def test_seed_texts_agree_with_the_catalog():
    """Each message text the model prints (the seeds' wording) is a known catalog event with its variables."""
    samples = {"peer": license_model.PEER_CSSM, "error": license_model.ERROR_DNS, "udi": "PID:C9300-24UX,SN:FCW2303D16Y",
               "reason": license_model.REASON_ALREADY, "days": 14}
    for event, (severity, template) in license_model.TEMPLATES.items():
        names = [name for name in ("peer", "error", "udi", "reason", "days") if "{%s}" % name in template]
        text = template.format(**samples)
        entry = catalog.CATALOG[event]
        for platform in ("ios", "nxos"):
            spec = entry["platforms"].get(platform)
            if spec is None or (platform == "nxos" and event in license_model.IOS_ONLY_EVENTS):
                continue
            message = {"time": "2026-03-10T12:00:00.000000", "marker": "", "event": event, "severity": severity, "text": text}
            module = importlib.import_module("tests.lab.outputs_%s" % platform)
            parsed = syslog.parse_messages(module.syslog_line(message, "lab-1"))
            assert len(parsed) == 1
            parsed = parsed[0]
            assert parsed["known"] is True and parsed["event"] == event
            assert parsed["severity"] == spec["severity"] == severity, (event, platform)
            assert parsed["mnemonic"] == spec["mnemonic"]
            assert {name: parsed["variables"].get(name) for name in names} == {name: samples[name] for name in names}, (event, parsed)
