# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""ping (IOS XE, NX-OS) on real outputs (fixtures/iosxe/ping, fixtures/nxos/ping, see PROVENANCE.md) and on the error answers.

Goldens: ``SMARTLIC_REGEN_GOLDENS=1 pytest <this file>`` rewrites ``<name>.json``; review the diff.
"""

from __future__ import annotations

import json
import os
import re

import pytest

from ansible_collections.smartlic.slp.plugins.module_utils.parsers import ping

FIXTURES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fixtures")
FOLDERS = ("iosxe/ping", "nxos/ping")
REGENERATE = os.environ.get("SMARTLIC_REGEN_GOLDENS") == "1"
CASES = [(folder, name[:-4]) for folder in FOLDERS for name in sorted(os.listdir(os.path.join(FIXTURES, folder))) if name.endswith(".txt")]


def _read(folder, stem, suffix=".txt"):
    with open(os.path.join(FIXTURES, folder, stem + suffix), encoding="utf-8") as handle:
        return handle.read()


def _has(folder, stem, suffix):
    return os.path.exists(os.path.join(FIXTURES, folder, stem + suffix))


@pytest.mark.parametrize("folder, stem", CASES)
def test_golden(folder, stem):
    result = ping.parse(_read(folder, stem))
    path = os.path.join(FIXTURES, folder, stem + ".json")
    if REGENERATE:
        with open(path, "w", encoding="utf-8") as handle:
            json.dump(result, handle, indent=1, ensure_ascii=False)
            handle.write("\n")
    assert json.loads(json.dumps(result)) == json.loads(_read(folder, stem, ".json"))
    assert result["unparsed"] == [] and result["warnings"] == []


@pytest.mark.parametrize("folder", FOLDERS)
def test_provenance_lists_every_fixture(folder):
    listed = set(re.findall(r"^\| `([^`]+\.txt)` \|", _read(folder, "PROVENANCE", ".md"), re.MULTILINE))
    assert listed == {stem + ".txt" for name, stem in CASES if name == folder}
    assert len(CASES) == 15


@pytest.mark.parametrize("folder, stem", [case for case in CASES if _has(case[0], case[1], ".genie.json")])
def test_every_genie_value_is_ours(folder, stem):
    """genie's ping dict mapped to our names."""
    genie = json.loads(_read(folder, stem, ".genie.json"))["ping"]
    ours = ping.parse(_read(folder, stem))
    # address → address (and target); repeat → sent; data_bytes → size; timeout_secs → timeout; source → source;
    # statistics: send → sent, received → received, success_rate_percent → success_rate, round_trip *_ms → rtt.
    assert genie["address"] == ours["address"] == ours["target"]
    assert genie["repeat"] == ours["sent"]
    assert genie["data_bytes"] == ours["size"]
    if "timeout_secs" in genie:
        assert genie["timeout_secs"] == ours["timeout"]
    if "source" in genie:
        assert genie["source"] == ours["source"]
    if "ip" in genie:
        assert genie["ip"] == ours["address"]
    statistics = genie["statistics"]
    assert (statistics["send"], statistics["received"], statistics["success_rate_percent"]) == (ours["sent"], ours["received"], ours["success_rate"])
    if "round_trip" in statistics:
        trip = statistics["round_trip"]
        assert (trip["min_ms"], trip["avg_ms"], trip["max_ms"]) == (ours["rtt"]["min"], ours["rtt"]["avg"], ours["rtt"]["max"])
    else:
        assert ours["rtt"] is None
    # result_per_line: IOS '!!!!' lines → results (joined); NX-OS one line per probe → replies + timeouts.
    if ours["platform"] == "ios":
        assert "".join(genie["result_per_line"]) == ours["results"]
    else:
        assert len(genie["result_per_line"]) == len(ours["replies"]) + ours["timeouts"]


@pytest.mark.parametrize("folder, stem", [case for case in CASES if _has(case[0], case[1], ".ntc.json")])
def test_every_ntc_templates_value_is_ours(folder, stem):
    """ntc-templates' TextFSM record mapped to our names ('' = not printed)."""
    expected = json.loads(_read(folder, stem, ".ntc.json"))["parsed_sample"][0]
    ours = ping.parse(_read(folder, stem))

    def value(name):
        return expected[name] if expected[name] != "" else None

    # destination → target; sent_qty → sent; sent_type 'N-byte ICMP Echos' → size; timeout; source;
    # success_pct → success_rate; success_qty → received; rtt_min/avg/max → rtt; response_stream → results; responders → replies.
    assert value("destination") == ours["target"]
    assert int(value("sent_qty")) == ours["sent"]
    assert int(value("sent_type").split("-")[0]) == ours["size"]
    assert int(value("timeout")) == ours["timeout"]
    assert value("source") == ours["source"]
    if value("success_pct") is not None:
        assert int(value("success_pct")) == ours["success_rate"]
        assert int(value("success_qty")) == ours["received"]
    if value("rtt_min") is not None:
        assert ours["rtt"] == {"min": int(value("rtt_min")), "avg": int(value("rtt_avg")), "max": int(value("rtt_max"))}
    else:
        assert ours["rtt"] is None
    assert ("".join(expected["response_stream"]) or None) == ours["results"]
    assert expected["responders"] == [reply["address"] for reply in ours["replies"]]


@pytest.mark.parametrize("folder, stem, reachable, error, rate", [
    ("iosxe/ping", "ntc_1", True, None, 100),
    ("iosxe/ping", "ntc_7", True, None, 20),
    ("iosxe/ping", "ntc_8", False, "source_quench", 0),
    ("iosxe/ping", "ntc_9", False, "unreachable", 0),
    ("iosxe/ping", "ntc_6", True, None, None),
    ("nxos/ping", "genie_1", False, "timeout", 0),
    ("nxos/ping", "genie_2", True, None, 100),
])
def test_outcome(folder, stem, reachable, error, rate):
    result = ping.parse(_read(folder, stem))
    assert (result["reachable"], result["error"], result["success_rate"]) == (reachable, error, rate)


def test_nxos_statistics():
    result = ping.parse(_read("nxos/ping", "genie_1"))
    assert result["packet_loss"] == 100.0 and result["timeouts"] == 11 and result["platform"] == "nxos"
    assert result["error_raw"] == "Request timed out (11 of 11)"


@pytest.mark.parametrize("text, target, vrf, error, raw", [
    ("ping cslu-local\n% Unrecognized host or address, or protocol not running.\n", "cslu-local", None, "unrecognized_host",
     "% Unrecognized host or address, or protocol not running."),
    ("% Unrecognized host or address, or protocol not running.\n", None, None, "unrecognized_host",
     "% Unrecognized host or address, or protocol not running."),
    ("switch# ping cisco.com vrf management\n% Invalid host/interface cisco.com\n", "cisco.com", "management", "invalid_host",
     "% Invalid host/interface cisco.com"),
    ("% Invalid host/interface cisco.com\n", "cisco.com", None, "invalid_host", "% Invalid host/interface cisco.com"),
    ("switch# ping tools.cisco.com vrf management\nping: unknown host tools.cisco.com\n", "tools.cisco.com", "management", "unrecognized_host",
     "ping: unknown host tools.cisco.com"),
    ("% Unknown command or computer name, or unable to find computer address\n", None, None, "unrecognized_host",
     "% Unknown command or computer name, or unable to find computer address"),
    ("Router#ping vrf Mgmt-vrf smartreceiver.cisco.com\n% Unrecognized host or address, or protocol not running.\n", "smartreceiver.cisco.com",
     "Mgmt-vrf", "unrecognized_host", "% Unrecognized host or address, or protocol not running."),
])
def test_name_errors(text, target, vrf, error, raw):
    result = ping.parse(text)
    assert (result["target"], result["vrf"], result["error"], result["error_raw"]) == (target, vrf, error, raw)
    assert result["reachable"] is False and result["name_resolution_failed"] is True
    assert result["unparsed"] == [] and result["warnings"] == []


def test_timeouts_and_resolved_name():
    text = ("edge1#ping vrf Mgmt-vrf smartreceiver.cisco.com repeat 5\n"
            'Translating "smartreceiver.cisco.com"...domain server (192.0.2.53) [OK]\n'
            "Type escape sequence to abort.\n"
            "Sending 5, 100-byte ICMP Echos to 146.112.59.25, timeout is 2 seconds:\n"
            ".....\n"
            "Success rate is 0 percent (0/5)\n")
    result = ping.parse(text)
    expected = ("smartreceiver.cisco.com", "Mgmt-vrf", "146.112.59.25", "192.0.2.53")
    assert (result["target"], result["vrf"], result["address"], result["resolved_by"]) == expected
    assert (result["error"], result["error_raw"], result["reachable"], result["name_resolution_failed"]) == ("timeout", ".....", False, False)


def test_linux_ping_of_the_nxos_bash_shell():
    text = ("bash-4.4$ ping smartreceiver.cisco.com\n"
            "PING smartreceiver.cisco.com (192.0.2.9) 56(84) bytes of data.\n"
            "64 bytes from 192.0.2.9 (192.0.2.9): icmp_seq=1 ttl=53 time=2.57 ms\n"
            "64 bytes from 192.0.2.9 (192.0.2.9): icmp_seq=2 ttl=53 time=2.79 ms\n"
            "^C\n"
            "--- smartreceiver.cisco.com ping statistics ---\n"
            "2 packets transmitted, 2 received, 0% packet loss, time 1001ms\n"
            "rtt min/avg/max/mdev = 2.570/2.680/2.790/0.110 ms\n"
            "bash-4.4$\n")
    result = ping.parse(text)
    assert result["unparsed"] == []
    assert (result["target"], result["address"], result["sent"], result["received"], result["success_rate"]) == (
        "smartreceiver.cisco.com", "192.0.2.9", 2, 2, 100)
    assert result["rtt"] == {"min": 2.57, "avg": 2.68, "max": 2.79} and result["reachable"] is True


def test_nxos_partial_loss():
    text = ("PING 10.1.1.1 (10.1.1.1): 56 data bytes\n"
            "64 bytes from 10.1.1.1: icmp_seq=0 ttl=254 time=5.575 ms\n"
            "Request 1 timed out\n"
            "--- 10.1.1.1 ping statistics ---\n"
            "2 packets transmitted, 1 packets received, 50.00% packet loss\n"
            "round-trip min/avg/max = 5.575/5.575/5.575 ms\n")
    result = ping.parse(text)
    assert (result["success_rate"], result["packet_loss"], result["reachable"], result["error"]) == (50, 50.0, True, None)


@pytest.mark.parametrize("command, target, vrf", [
    ("ping 10.1.1.1", "10.1.1.1", None),
    ("ping vrf Mgmt-vrf 10.1.1.1 source Gi0/0 repeat 10", "10.1.1.1", "Mgmt-vrf"),
    ("ping tools.cisco.com vrf management count 3", "tools.cisco.com", "management"),
    ("ping ip 10.1.1.1", "10.1.1.1", None),
    ("show clock", None, None),
])
def test_command_target(command, target, vrf):
    assert ping.command_target(command) == (target, vrf)


@pytest.mark.parametrize("text, warning", [
    ("", "empty output: nothing to parse for ping"),
    ("% Invalid input detected at '^' marker.", "the device rejected the command: % Invalid input detected at '^' marker."),
    ("Smart Licensing is ENABLED", "output does not look like ping"),
])
def test_not_a_ping(text, warning):
    result = ping.parse(text)
    assert result["warnings"] == [warning] and "reachable" not in result
