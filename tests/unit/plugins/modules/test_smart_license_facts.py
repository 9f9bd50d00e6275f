# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""smartlic.slp.smart_license_facts: state parsed on real captures, state gathered against a fake connection (seam: cli_session.Connection)."""

from __future__ import annotations

import json
import pathlib

import pytest
from ansible.module_utils.connection import ConnectionError as DeviceError
from ansible.module_utils.testing import patch_module_args

from ansible_collections.smartlic.slp.plugins.module_utils import capture, cli_session, pipeline
from ansible_collections.smartlic.slp.plugins.modules import smart_license_facts as module
from ansible_collections.smartlic.slp.tests.unit.plugins.diagnosis_fixtures import captures

CLOCK = captures.read("ios_show_clock_genie_1.txt").split("\n", 1)[1]
OUTPUTS = {
    "show license status": captures.read("ios_show_license_status_genie_1.txt"),
    "show license udi": captures.read("ios_show_license_udi_genie_2.txt"),
    "show clock": CLOCK,
    "show logging": captures.read("c9200_show_logging.txt"),
    "ping cslu-local": captures.read("ios_ping_ntc_9.txt"),
}
RULE_FIXTURE = pathlib.Path(__file__).parents[1] / "module_utils" / "rules" / "fixtures" / "ios_cssm_unreachable.txt"
INVALID = "show license rum id all\n                    ^\n% Invalid input detected at '^' marker.\n"


def run(args, capsys):
    """Run the module with these args; its JSON result."""
    with patch_module_args(args):
        with pytest.raises(SystemExit):
            module.main()
    return json.loads(capsys.readouterr().out)


class FakeConnection:
    """The persistent connection of one device: answers from OUTPUTS, rejects what it does not know."""

    sent = []

    def __init__(self, socket_path):
        self.socket_path = socket_path

    def get(self, command):
        FakeConnection.sent.append(command)
        if command == "show ntp status":
            raise DeviceError("command timeout triggered, timeout value is 30 secs")
        if command not in OUTPUTS:
            raise DeviceError(INVALID.replace("show license rum id all", command))
        return OUTPUTS[command]

    def get_capabilities(self):
        return json.dumps({"network_api": "cliconf", "device_info": {"network_os": "ios"}})


@pytest.fixture(name="connection")
def fixture_connection(monkeypatch):
    FakeConnection.sent = []
    monkeypatch.setattr(cli_session, "Connection", FakeConnection)
    return FakeConnection


def test_parsed_diagnoses_a_capture_without_connection(capsys):
    result = run({"state": "parsed", "running_config": captures.ios_cslu_capture(), "intended": {"vrf": "Mgmt-vrf"}}, capsys)
    assert result["changed"] is False
    assert result["host"] == "C9200-Standalone"
    assert result["platform"] == "ios"
    assert set(result["facts"]) == {"show license status", "show clock", "show logging"}
    assert len(result["messages"]) == 10
    ids = [finding["id"] for finding in result["findings"]]
    assert "cslu_local_unresolved" in ids
    assert result["summary"]["finding_ids"] == sorted(set(ids), key=ids.index) or set(result["summary"]["finding_ids"]) == set(ids)
    assert result["usable"] is True and result["reason"] is None


def test_parsed_without_diagnosis_returns_facts_only(capsys):
    result = run({"state": "parsed", "text": captures.ios_cslu_capture(), "diagnose": False}, capsys)
    assert result["findings"] == []
    assert "show license status" in result["facts"]


def test_parsed_needs_the_text(capsys):
    result = run({"state": "parsed"}, capsys)
    assert result["failed"] is True
    assert "running_config" in result["msg"]


def test_gathered_runs_every_command_in_one_call(capsys, connection):
    result = run({"state": "gathered", "host": "edge-1", "platform": "cisco.ios.ios", "probes": True, "tech_support": "never",
                  "_ansible_socket": "/tmp/none"}, capsys)
    before_timeout = connection.sent[: connection.sent.index("show ntp status") + 1]
    assert before_timeout == ["show license status", "show license udi", "show license usage", "show license summary", "show license rum id all",
                              "show clock", "show ntp associations", "show ntp status"]
    # After a command timeout the connection is unusable: the rest is recorded, not sent.
    assert connection.sent[-1] == "show ntp status"
    assert result["commands"]["show running-config"]["status"] == "error"
    assert result["commands"]["show running-config"]["reasons"][0].startswith(
        "not run: the connection failed on an earlier command (show ntp status): command timeout triggered")
    assert result["commands"]["show license rum id all"]["status"] == "error"
    assert "Invalid input" in result["commands"]["show license rum id all"]["reasons"][0]
    assert result["commands"]["show license status"]["status"] == "ok"
    assert result["changed"] is False
    assert any(warning.startswith("'show ntp status' failed on the device: command timeout") for warning in result["diagnosis_warnings"])


def test_gathered_pings_the_licensing_server_and_reads_the_platform(capsys, connection, monkeypatch):
    monkeypatch.setitem(OUTPUTS, "show ntp status", "")
    monkeypatch.setattr(FakeConnection, "get", lambda self, command: FakeConnection.sent.append(command) or OUTPUTS.get(command, ""))
    result = run({"state": "gathered", "probes": True, "tech_support": "auto", "_ansible_socket": "/tmp/none", "_ansible_check_mode": True},
                 capsys)
    assert result["platform"] == "ios"
    # Transport cslu with an empty address: the device reaches CSLU by the name cslu-local.
    assert "ping cslu-local" in connection.sent
    assert connection.sent.index("ping cslu-local") > connection.sent.index("show logging")
    assert result["facts"]["ping cslu-local"]["reachable"] is False
    assert result["changed"] is False


def test_gathered_fails_when_the_device_cannot_be_read(capsys, connection, monkeypatch):
    def refused(self, command):
        FakeConnection.sent.append(command)
        raise DeviceError("ssh connection failed: ssh connect failed: Connection refused")

    monkeypatch.setattr(FakeConnection, "get", refused)
    result = run({"state": "gathered", "platform": "ios", "_ansible_socket": "/tmp/none"}, capsys)
    assert result["failed"] is True
    assert result["msg"] == "No command could be read from the device: show license status: ssh connection failed: ssh connect failed: Connection refused"
    assert connection.sent == ["show license status"]


def test_slac_file_that_cannot_be_read_fails_clearly(capsys, tmp_path):
    result = run({"state": "parsed", "running_config": captures.ios_cslu_capture(), "slac_file": str(tmp_path / "missing.xml")}, capsys)
    assert result["failed"] is True
    assert "SLAC file" in result["msg"]


@pytest.mark.parametrize("tech_support", ["auto", "never"])
def test_a_live_device_is_analysed_once(capsys, connection, monkeypatch, tech_support):
    """Each output is parsed once; the rules run again only when tech support was added for what they found."""
    parsed, diagnosed = [], []
    parse, diagnose = pipeline.registry.parse_output, pipeline.engine.diagnose
    monkeypatch.setattr(pipeline.registry, "parse_output", lambda command, *args, **kwargs: parsed.append(command) or parse(command, *args, **kwargs))
    monkeypatch.setattr(pipeline.engine, "diagnose", lambda *args, **kwargs: diagnosed.append(1) or diagnose(*args, **kwargs))
    # A device that cannot reach CSSM (rules fixture from real outputs): tech support can tell why.
    outputs = {command: output for command, _canonical, output in capture.split(RULE_FIXTURE.read_text(encoding="utf-8"))}
    outputs["show license tech support"] = captures.read("ios_show_license_tech_support_muninn_issue_1.txt")
    outputs["ping smartreceiver.cisco.com"] = captures.read("ios_ping_ntc_9.txt")
    monkeypatch.setattr(FakeConnection, "get", lambda self, command: FakeConnection.sent.append(command) or outputs.get(command, ""))
    result = run({"state": "gathered", "platform": "ios", "probes": True, "tech_support": tech_support, "_ansible_socket": "/tmp/none"}, capsys)
    assert result["usable"] is True and "cssm_unreachable" in result["summary"]["ids"]
    assert any(command.startswith("ping ") for command in result["facts"])
    assert sorted(parsed) == sorted(set(parsed)), "an output was parsed twice"
    added = "show license tech support" in connection.sent
    assert added is (tech_support == "auto")
    assert len(diagnosed) == (2 if added else 1)
