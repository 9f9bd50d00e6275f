# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""show ntp associations (IOS XE) on real outputs (fixtures/iosxe/show_ntp_associations, see PROVENANCE.md).

Goldens: ``SMARTLIC_REGEN_GOLDENS=1 pytest <this file>`` rewrites ``<name>.json``; review the diff.
"""

from __future__ import annotations

import json
import os
import re

import pytest

from ansible_collections.smartlic.slp.plugins.module_utils.parsers import show_ntp_associations

FIXTURES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fixtures")
FOLDER = "iosxe/show_ntp_associations"
REGENERATE = os.environ.get("SMARTLIC_REGEN_GOLDENS") == "1"
STEMS = sorted(name[:-4] for name in os.listdir(os.path.join(FIXTURES, FOLDER)) if name.endswith(".txt"))


def _read(stem, suffix=".txt"):
    with open(os.path.join(FIXTURES, FOLDER, stem + suffix), encoding="utf-8") as handle:
        return handle.read()


@pytest.mark.parametrize("stem", STEMS)
def test_golden(stem):
    result = show_ntp_associations.parse(_read(stem))
    path = os.path.join(FIXTURES, FOLDER, stem + ".json")
    if REGENERATE:
        with open(path, "w", encoding="utf-8") as handle:
            json.dump(result, handle, indent=1, ensure_ascii=False)
            handle.write("\n")
    assert json.loads(json.dumps(result)) == json.loads(_read(stem, ".json"))
    assert result["unparsed"] == [] and result["warnings"] == []


def test_provenance_lists_every_fixture():
    listed = set(re.findall(r"^\| `([^`]+\.txt)` \|", _read("PROVENANCE", ".md"), re.MULTILINE))
    assert listed == {stem + ".txt" for stem in STEMS}
    assert len(STEMS) == 6


@pytest.mark.parametrize("stem", STEMS)
def test_every_genie_value_is_ours(stem):
    """genie's peer[address].local_mode.client and clock_state.system_status, mapped to our names."""
    genie = json.loads(_read(stem, ".genie.json"))
    ours = show_ntp_associations.parse(_read(stem))
    peers = {}
    for peer in ours["peers"]:
        peers.setdefault(peer["address"], peer)
    assert set(peers) == set(genie["peer"])
    for address, modes in genie["peer"].items():
        expected = modes["local_mode"]["client"]
        peer = peers[address]
        # remote → address, refid → ref_clock, stratum, poll, reach, delay, offset, jitter → disp, configured,
        # receive_time → when (int) / when_raw ('-'), mode 'synchronized' ↔ sys_peer.
        assert expected["remote"] == peer["address"]
        assert expected["refid"] == peer["ref_clock"]
        for name in ("stratum", "poll", "reach", "delay", "offset", "configured"):
            assert expected[name] == peer[name], name
        assert expected["jitter"] == peer["disp"]
        assert expected["receive_time"] == (peer["when"] if peer["when"] is not None else peer["when_raw"])
        assert (expected["mode"] == "synchronized") == peer["sys_peer"]
        if expected["mode"] in ("candidate", "selected"):
            assert peer["candidate"] is True
    status = genie["clock_state"]["system_status"]
    assert (status["clock_state"] == "synchronized") == ours["synchronized"]
    if "associations_address" in status:
        sys_peer = peers[ours["sys_peer"]]
        # associations_address → sys_peer; clock_refid → its ref_clock; clock_stratum, root_delay (= delay), clock_offset (= offset).
        assert status["associations_address"] == ours["sys_peer"]
        assert (status["clock_refid"], status["clock_stratum"], status["root_delay"], status["clock_offset"]) == (
            sys_peer["ref_clock"], sys_peer["stratum"], sys_peer["delay"], sys_peer["offset"])


def test_current_legend_markers():
    result = show_ntp_associations.parse(_read("genie_3"))
    assert result["legend"] == "current"
    assert [(p["address"], p["status"], p["sys_peer"], p["candidate"], p["configured"]) for p in result["peers"]] == [
        ("192.0.2.1", "sys_peer", True, False, True),
        ("192.0.2.10", "candidate", False, True, True),
        ("192.0.2.20", None, False, False, True),
    ]
    assert result["synchronized"] is True and result["sys_peer"] == "192.0.2.1"


def test_old_legend_plus_is_selected_not_sys_peer():
    result = show_ntp_associations.parse(_read("ios_genie_3"))
    assert result["legend"] == "old"
    statuses = {peer["address"]: peer["status"] for peer in result["peers"]}
    assert statuses == {"192.168.13.57": "sys_peer", "172.31.32.2": None, "192.168.13.33": "selected"}
    assert result["peers"][1]["offset"] == -8.59


def test_no_sys_peer_means_not_synchronized():
    result = show_ntp_associations.parse(_read("ios_genie_2"))
    assert result["synchronized"] is False and result["sys_peer"] is None
    assert [peer["when"] for peer in result["peers"]] == [41, None]
    assert result["peers"][1]["when_raw"] == "-"


def test_indented_output_with_duplicate_rows_keeps_every_row():
    result = show_ntp_associations.parse(_read("genie_1"))
    assert [peer["address"] for peer in result["peers"]] == ["127.127.1.1", "10.4.1.1", "10.4.1.1", "10.16.2.2", "10.16.2.2"]
    assert result["sys_peer"] == "127.127.1.1"


@pytest.mark.parametrize("marker, status", [("#", "selected"), ("-", "outlyer"), ("x", "falseticker"), ("+", "candidate")])
def test_every_current_marker(marker, status):
    text = ("  address         ref clock       st   when   poll reach  delay  offset   disp\n"
            "%s~192.0.2.1       192.0.2.2        2    676   1024   377  0.117  -3.705  1.090\n"
            " * sys.peer, # selected, + candidate, - outlyer, x falseticker, ~ configured\n" % marker)
    peer = show_ntp_associations.parse(text)["peers"][0]
    assert peer["status"] == status and peer["configured"] is True and peer["sys_peer"] is False


def test_wrapped_long_address():
    text = ("  address         ref clock       st   when   poll reach  delay  offset   disp\n"
            "*~2001:DB8:1234:5678:9ABC:DEF0:1234:5678\n"
            "                  .GPS.            1     12     64   377  0.500   0.100  0.200\n")
    result = show_ntp_associations.parse(text)
    assert result["unparsed"] == []
    assert result["peers"][0]["address"] == "2001:DB8:1234:5678:9ABC:DEF0:1234:5678"
    assert result["peers"][0]["ref_clock"] == ".GPS." and result["synchronized"] is True


def test_ntp_not_enabled():
    result = show_ntp_associations.parse("%NTP is not enabled.\n")
    assert result["peers"] == [] and result["synchronized"] is False and result["ntp_enabled"] is False
    assert result["warnings"] == ["NTP is not enabled on the device"]


def test_empty_output_means_no_peer():
    result = show_ntp_associations.parse("")
    assert result["peers"] == [] and result["synchronized"] is False


def test_other_output_is_not_read_as_peers():
    result = show_ntp_associations.parse("Total peers : 4\nSmart Licensing is ENABLED\n")
    assert result["warnings"] == ["output does not look like show ntp associations"]
    assert "peers" not in result
