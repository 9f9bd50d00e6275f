# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""show ntp peer-status (NX-OS) on real outputs (fixtures/nxos/show_ntp_peer-status, see PROVENANCE.md).

Goldens: ``SMARTLIC_REGEN_GOLDENS=1 pytest <this file>`` rewrites ``<name>.json``; review the diff.
"""

from __future__ import annotations

import json
import os
import re

import pytest

from ansible_collections.smartlic.slp.plugins.module_utils.parsers import show_ntp_peer_status

FIXTURES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fixtures")
FOLDER = "nxos/show_ntp_peer-status"
REGENERATE = os.environ.get("SMARTLIC_REGEN_GOLDENS") == "1"
STEMS = sorted(name[:-4] for name in os.listdir(os.path.join(FIXTURES, FOLDER)) if name.endswith(".txt"))


def _read(stem, suffix=".txt"):
    with open(os.path.join(FIXTURES, FOLDER, stem + suffix), encoding="utf-8") as handle:
        return handle.read()


@pytest.mark.parametrize("stem", STEMS)
def test_golden(stem):
    result = show_ntp_peer_status.parse(_read(stem))
    path = os.path.join(FIXTURES, FOLDER, stem + ".json")
    if REGENERATE:
        with open(path, "w", encoding="utf-8") as handle:
            json.dump(result, handle, indent=1, ensure_ascii=False)
            handle.write("\n")
    assert json.loads(json.dumps(result)) == json.loads(_read(stem, ".json"))
    assert result["unparsed"] == []


def test_provenance_lists_every_fixture():
    listed = set(re.findall(r"^\| `([^`]+\.txt)` \|", _read("PROVENANCE", ".md"), re.MULTILINE))
    assert listed == {stem + ".txt" for stem in STEMS}
    assert len(STEMS) == 5


@pytest.mark.parametrize("stem", STEMS)
def test_every_genie_value_is_ours(stem):
    """genie's vrf.<vrf>.peer.<address> and clock_state.system_status, mapped to our names."""
    genie = json.loads(_read(stem, ".genie.json"))
    ours = show_ntp_peer_status.parse(_read(stem))
    peers = {peer["address"]: peer for peer in ours["peers"]}
    assert ours["total_peers"] == genie["total_peers"]
    for vrf, data in genie["vrf"].items():
        for address, expected in data["peer"].items():
            peer = peers[address]
            # remote → address; local, stratum, poll, reach, delay as is; vrf (genie files a row without vrf under 'default');
            # mode 'synchronized' ↔ sys_peer ('*'), 'client' ↔ mode 'client' ('=').
            assert expected["remote"] == peer["address"]
            for name in ("local", "stratum", "poll", "reach", "delay"):
                assert expected[name] == peer[name], name
            assert vrf == (peer["vrf"] or "default")
            if "vrf" in expected:
                assert expected["vrf"] == peer["vrf"]
            assert (expected["mode"] == "synchronized") == peer["sys_peer"]
            if expected["mode"] == "client":
                assert peer["mode"] == "client"
    status = genie["clock_state"]["system_status"]
    assert (status["clock_state"] == "synchronized") == ours["synchronized"]
    if "associations_address" in status:
        sys_peer = peers[ours["sys_peer"]]
        assert status["associations_address"] == ours["sys_peer"]
        assert (status["clock_stratum"], status["root_delay"]) == (sys_peer["stratum"], sys_peer["delay"])


def test_selected_peer_and_vrf_column():
    result = show_ntp_peer_status.parse(_read("genie_1"))
    assert result["synchronized"] is True and result["sys_peer"] == "10.4.1.1"
    assert [(p["address"], p["vrf"], p["sys_peer"], p["candidate"], p["offset"]) for p in result["peers"]] == [
        ("10.4.1.1", "default", True, False, None),
        ("10.64.4.4", "VRF1", False, False, None),
        ("10.16.2.2", "default", False, False, None),
        ("10.100.5.5", "default", False, False, None),
    ]


def test_no_selected_peer():
    result = show_ntp_peer_status.parse(_read("genie_3"))
    assert result["synchronized"] is False and result["sys_peer"] is None


def test_wrapped_rows_are_joined():
    result = show_ntp_peer_status.parse(_read("genie_5"))
    assert result["peers"][0]["address"] == "1.1.1.1" and result["peers"][0]["vrf"] == "management"
    assert result["peers"][0]["stratum"] == 1 and result["peers"][0]["delay"] == 0.0271
    glued = show_ntp_peer_status.parse(_read("genie_4"))
    assert glued["peers"][0]["delay"] == 0.01311 and glued["peers"][0]["vrf"] == "default"
    # genie's own sample says 4 peers but prints one row: the difference is reported.
    assert glued["warnings"] == ["the device counts 4 peers, 1 rows were read"]


def test_passive_peer_is_not_configured():
    text = ("Total peers : 1\n"
            "    remote               local                 st   poll   reach delay   vrf\n"
            "-------------------------------------------------------------------------------\n"
            "-192.0.2.7            10.100.100.1            4   64     377   0.02588 default\n")
    peer = show_ntp_peer_status.parse(text)["peers"][0]
    assert peer["mode"] == "passive" and peer["configured"] is False


@pytest.mark.parametrize("text, warning", [
    ("", "empty output: nothing to parse for show ntp peer-status"),
    ("% Invalid command at '^' marker.", "the device rejected the command: % Invalid command at '^' marker."),
    ("Clock is synchronized, stratum 3\n", "output does not look like show ntp peer-status"),
])
def test_not_peer_status(text, warning):
    result = show_ntp_peer_status.parse(text)
    assert result["warnings"] == [warning] and "peers" not in result
