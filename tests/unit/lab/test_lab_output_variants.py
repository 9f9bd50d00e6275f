"""The lab's output variants (scenario key ``output_variants``, tests/lab/README.md "Output variants").

Each variant is a layout real devices print (outputs_ios.VARIANTS names the
capture or seed line). For every scenario file and every variant, each output
the diagnose role collects parses with the collection's parsers with no line
left unparsed, the times mean the same UTC moments, and the diagnosis is the one
of the default layout.
"""

from __future__ import annotations

import glob
import os
import re
from datetime import datetime, timezone

import pytest
import yaml

from ansible_collections.smartlic.slp.plugins.module_utils.parsers import syslog
from ansible_collections.smartlic.slp.plugins.module_utils.parsers.common import parse_iso
from ansible_collections.smartlic.slp.plugins.module_utils.parsers.registry import IOS_COMMANDS, NXOS_COMMANDS, parse_output
from ansible_collections.smartlic.slp.plugins.module_utils.rules.engine import diagnose
from tests.lab import outputs_ios
from tests.lab.config_tree import ConfigTree
from tests.lab.license_model import LicenseModel

NOW = datetime(2026, 3, 10, 12, 0, 0, tzinfo=timezone.utc)
LAB = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))), "lab")
SCENARIOS = sorted(glob.glob(os.path.join(LAB, "scenarios", "*.yml")))
CORPUS = os.path.join(os.path.dirname(os.path.dirname(LAB)), "..", "shared", "corpus")
# Warnings a parser gives on purpose for a device state a scenario sets up.
EXPECTED_WARNINGS = ("NTP is not enabled on the device",)
ALL = {"timezone": "IST", "vrf_form": "not_configured", "trust_block": "agent6", "header": "load", "blank_lines": "spaces",
       "line_ends": "crlf", "nxos_layout": "seed"}
# One key changed at a time, every key changed at once, and the hostname's own choice.
VARIANT_SETS = [{key: value} for key, values in outputs_ios.VARIANTS.items() for value in values[1:]] + [ALL, "auto"]


def _name(variants):
    return variants if isinstance(variants, str) else "+".join("%s=%s" % item for item in sorted(variants.items()))


class Device:
    """A scenario file's model, with its own variants or the ones given."""

    def __init__(self, path, variants=None):
        with open(path, encoding="utf-8") as handle:
            self.scenario = yaml.safe_load(handle)
        if variants is not None:
            self.scenario["output_variants"] = variants
        self.platform = self.scenario["platform"]
        self.model = LicenseModel(self.platform, self.scenario["hostname"], self.scenario, lambda: NOW)
        self.config = ConfigTree(self.platform, self.model.initial_config())
        self.variants = self.model.settings["output_variants"]

    def output(self, command):
        if command.startswith("show running-config"):
            select = (lambda line: line == "callhome") if command.endswith("callhome all") else None
            return self.config.render(title=command, select=select)
        return self.model.handle(command, self.config, "privileged")

    def facts(self):
        """Every output the diagnose role collects, parsed; fails on an unparsed line or an unexpected warning."""
        facts = {}
        for command in IOS_COMMANDS if self.platform == "ios" else NXOS_COMMANDS:
            result = parse_output(command, self.output(command), self.platform)
            assert result["unparsed"] == [], (command, result["unparsed"])
            assert [warning for warning in result["warnings"] if warning not in EXPECTED_WARNINGS] == [], (command, result["warnings"])
            facts[command] = result
        return facts

    def log_command(self):
        return "show logging logfile" if self.platform == "nxos" else "show logging"

    def diagnosis(self, facts=None):
        facts = facts or self.facts()
        messages = syslog.parse_messages(self.output(self.log_command()))
        intended = {key[len("smartlic_"):]: value for key, value in self.model.intended().items() if key != "smartlic_id_token"}
        findings = diagnose(facts, messages, self.platform, intended)
        return sorted((finding["id"], finding["severity"], finding["remediation"]["role"], tuple(finding["remediation"]["commands"]))
                      for finding in findings)


def _utc(iso, zone):
    """The UTC moment of a parsed local time printed in `zone`."""
    moment = parse_iso(iso)
    return None if moment is None else moment - outputs_ios.ZONES[zone]


@pytest.mark.parametrize("variants", VARIANT_SETS, ids=[_name(item) for item in VARIANT_SETS])
@pytest.mark.parametrize("path", SCENARIOS, ids=[os.path.basename(path)[:-4] for path in SCENARIOS])
def test_variant_parses_to_the_same_moments_and_diagnosis(path, variants):
    default = Device(path, "default")
    device = Device(path, variants)
    facts = device.facts()
    assert device.diagnosis(facts) == default.diagnosis()
    zone = device.variants["timezone"] if device.platform == "ios" else "UTC"
    # The device clock is right: its local time and zone give the model's UTC time.
    clock = facts["show clock"]
    assert _utc(clock["time"], zone) == device.model.device_now().replace(tzinfo=None, microsecond=0)
    assert (clock.get("timezone") or zone).upper() == zone
    data = device.model.snapshot()
    status = facts["show license status"]
    assert _utc(status["usage_reporting"]["last_ack_received"], zone) == data["usage"].get("last_ack")
    assert _utc(status["usage_reporting"]["next_ack_deadline"], zone) == data["usage"].get("deadline")
    trust = status["trust_code"]
    assert [_utc(entry["installed_on"], zone) for entry in trust["entries"] if entry["installed"]] == [when for _member, when in data["trust"] if when]
    assert trust["installed"] is any(when for _member, when in data["trust"])
    if status["transport"]["type"] in ("smart", "cslu"):
        assert status["transport"]["vrf"] == data["transport"]["vrf"]
    messages = syslog.parse_messages(device.output(device.log_command()))
    assert [_utc(message["timestamp"], zone) for message in messages] == [
        datetime.strptime(stored["time"], "%Y-%m-%dT%H:%M:%S.%f").replace(microsecond=0) for stored in device.model.state["messages"]]


def test_variant_layouts_show_in_the_outputs():
    ios = Device(os.path.join(LAB, "scenarios", "ios-healthy.yml"), ALL)
    text = ios.output("show license status")
    assert text.startswith("Load for five secs: 2%/0%; one minute: 0%; five minutes: 0%\r\nTime source is NTP, 17:30:00.000 IST Tue Mar 10 2026\r\n")
    assert "\r\n  VRF:\r\n    Not Configured\r\n" in text
    assert "\r\nTrust Code Installed:    Trust Code Type: CSSM\r\n    Attributes: <none>\r\n" in text
    assert "\r\n          \r\n" in text and "\n\n" not in text.replace("\r", "")
    assert "Smart Agent for Licensing: 6.3.10/58086906e" in ios.output("show license tech support")
    assert ios.output("show clock").endswith("17:30:00.000 IST Tue Mar 10 2026\r\n")
    nxos = Device(os.path.join(LAB, "scenarios", "nxos-healthy.yml"), {"nxos_layout": "seed"})
    lines = nxos.output("show license status").split("\n")
    start = lines.index("Usage reporting:  ")
    assert lines[start + 1].startswith("         Last ACK received: ") and lines[start + 1].endswith(" ")
    trust = lines[start + 8:start + 11]
    member = nxos.model.members[0]
    assert trust[0].startswith("Trust Code installed: ") and trust[0].endswith(" UTC ")
    assert trust[1] == "         Active: PID: %s, SN: %s " % (member["pid"], member["sn"])
    assert re.fullmatch(r" {17}[A-Z][a-z]{2} \d\d \d\d:\d\d:\d\d \d{4} UTC", trust[2])
    # NX-OS never takes the IOS XE-only forms.
    nxos = Device(os.path.join(LAB, "scenarios", "nxos-healthy.yml"), ALL)
    assert "UTC" in nxos.output("show clock") and not nxos.output("show license status").startswith("Load for")


def test_output_variants_key():
    assert outputs_ios.output_variants("r1", None) == outputs_ios.DEFAULT_VARIANTS
    assert outputs_ios.output_variants("r1", "default") == outputs_ios.DEFAULT_VARIANTS
    assert outputs_ios.output_variants("r1", {"timezone": "EDT"}) == dict(outputs_ios.DEFAULT_VARIANTS, timezone="EDT")
    assert outputs_ios.output_variants("r1", "auto") == outputs_ios.output_variants("r1", "auto")
    for bad in ({"timezone": "CET"}, {"colour": "red"}, "mixed", ["EDT"]):
        with pytest.raises(ValueError):
            outputs_ios.output_variants("r1", bad)
    # 'auto' mixes the layouts across a fleet of 24 devices: every value of every key shows up.
    chosen = [outputs_ios.output_variants("lab-%d" % index, "auto") for index in range(24)]
    for key, values in outputs_ios.VARIANTS.items():
        assert {item[key] for item in chosen} == set(values), key


def test_scenario_files_mix_the_variants():
    """The scenario files (the test and demo fleet) print every variant on some device."""
    seen = {key: set() for key in outputs_ios.VARIANTS}
    for path in SCENARIOS:
        device = Device(path)
        for key, value in device.variants.items():
            if device.platform == "ios" or key in ("blank_lines", "line_ends", "nxos_layout"):
                seen[key].add(value)
    assert seen == {key: set(values) for key, values in outputs_ios.VARIANTS.items()}


def test_readme_names_each_variant_and_its_source():
    with open(os.path.join(LAB, "README.md"), encoding="utf-8") as handle:
        readme = handle.read()
    section = readme.split("## Output variants", 1)[1].split("\n## ", 1)[0]
    for key, values in outputs_ios.VARIANTS.items():
        assert "`%s`" % key in section, key
        for value in values:
            assert "`%s`" % value in section, (key, value)
    named = set(re.findall(r"`((?:ios|iosxe|nxos)/[\w\-]+/[\w\-]+\.txt)`", section))
    assert named
    if os.path.isdir(CORPUS):
        assert [path for path in sorted(named) if not os.path.isfile(os.path.join(CORPUS, path))] == []
