# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The lab's running-config tree: parsing, changes, real IOS XE / NX-OS layouts."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.lab.config_tree import ConfigTree

IOS_LINES = [
    "version 17.9",
    "hostname R1",
    "crypto pki trustpoint SLA-TrustPoint",
    " enrollment pkcs12",
    " revocation-check crl",
    "call-home",
    " contact-email-addr sch-smart-licensing@cisco.com",
    ' profile "CiscoTAC-1"',
    "  active",
    "  destination transport-method http",
    "ntp server 10.1.1.1",
]
NXOS_LINES = [
    "version 10.3(4a) Bios:version 05.47",
    "hostname nx1",
    "ntp server 10.1.1.1 use-vrf management",
    "vrf context management",
    "  ip route 0.0.0.0/0 10.0.0.254",
    "callhome",
    "  email-contact sch-smart-licensing@cisco.com",
    "  enable",
]
WHEN = datetime(2024, 6, 3, 10, 56, 21, tzinfo=timezone.utc)


def test_parse_keeps_order_and_nesting():
    tree = ConfigTree("ios", IOS_LINES)
    assert tree.top() == ["version 17.9", "hostname R1", "crypto pki trustpoint SLA-TrustPoint", "call-home",
                          "ntp server 10.1.1.1"]
    assert tree.children("crypto pki trustpoint SLA-TrustPoint") == ["enrollment pkcs12", "revocation-check crl"]
    assert tree.children(["call-home", 'profile "CiscoTAC-1"']) == ["active", "destination transport-method http"]
    assert tree.children("absent") == []
    assert tree.has("active", ["call-home", 'profile "CiscoTAC-1"'])
    assert not tree.has("active", "call-home")
    assert tree.find(r"^ntp ") == ["ntp server 10.1.1.1"]
    assert tree.find(r"^contact", "call-home") == ["contact-email-addr sch-smart-licensing@cisco.com"]


def test_parse_skips_headers_comments_and_end():
    text = ("Building configuration...\n\nCurrent configuration : 120 bytes\n!\n! Last configuration change at x\n"
            "!\nversion 17.9\nhostname R1\n!\ninterface Gi1\n ip address 10.0.0.1 255.255.255.0\n!\nend\n")
    tree = ConfigTree("ios", text)
    assert tree.to_lines() == ["version 17.9", "hostname R1", "interface Gi1", " ip address 10.0.0.1 255.255.255.0"]


def test_blanks_are_collapsed():
    tree = ConfigTree("ios", ["ntp server  10.1.1.1   prefer  "])
    assert tree.top() == ["ntp server 10.1.1.1 prefer"]
    assert tree.has("ntp   server 10.1.1.1 prefer")


def test_ios_render_layout():
    text = ConfigTree("ios", IOS_LINES).render(changed=WHEN)
    lines = text.split("\n")
    assert lines[:3] == ["Building configuration...", "", "Current configuration : %d bytes" % int(lines[2].split()[-2])]
    assert "! Last configuration change at 10:56:21 UTC Mon Jun 3 2024 by admin" in lines
    body = lines[lines.index("version 17.9"):]
    assert body == ["version 17.9", "hostname R1", "!", "crypto pki trustpoint SLA-TrustPoint", " enrollment pkcs12",
                    " revocation-check crl", "!", "call-home", " contact-email-addr sch-smart-licensing@cisco.com",
                    ' profile "CiscoTAC-1"', "  active", "  destination transport-method http", "!",
                    "ntp server 10.1.1.1", "!", "end"]


def test_ios_startup_header():
    text = ConfigTree("ios", IOS_LINES).render(title="show startup-config")
    assert text.startswith("Using ") and " out of 33554432 bytes\n!\nversion 17.9" in text


def test_nxos_render_layout():
    text = ConfigTree("nxos", NXOS_LINES).render(now=WHEN, changed=WHEN)
    assert text.split("\n") == [
        "", "!Command: show running-config", "!Running configuration last done at: Mon Jun  3 10:56:21 2024",
        "!Time: Mon Jun  3 10:56:21 2024", "", "version 10.3(4a) Bios:version 05.47", "hostname nx1",
        "ntp server 10.1.1.1 use-vrf management", "", "vrf context management", "  ip route 0.0.0.0/0 10.0.0.254", "",
        "callhome", "  email-contact sch-smart-licensing@cisco.com", "  enable", ""]


def test_nxos_select_keeps_version_line():
    text = ConfigTree("nxos", NXOS_LINES).render(title="show running-config ntp", select=lambda line: line.startswith("ntp"))
    assert text.split("\n")[1] == "!Command: show running-config ntp"
    assert text.strip().split("\n")[-2:] == ["version 10.3(4a) Bios:version 05.47", "ntp server 10.1.1.1 use-vrf management"]


def test_set_groups_replaces_and_creates_parents():
    tree = ConfigTree("ios", IOS_LINES)
    version = tree.version
    assert tree.set("ntp server 10.2.2.2") is True
    assert tree.top()[-2:] == ["ntp server 10.1.1.1", "ntp server 10.2.2.2"]
    assert tree.set("hostname R2", replace=r"^hostname ") is True
    assert tree.top()[1] == "hostname R2" and "hostname R1" not in tree.top()
    assert tree.set("hostname R2", replace=r"^hostname ") is False
    assert tree.set("revocation-check none", ["crypto pki trustpoint SLA-TrustPoint"], replace=r"^revocation-check ")
    assert tree.children("crypto pki trustpoint SLA-TrustPoint") == ["enrollment pkcs12", "revocation-check none"]
    assert tree.set("no shutdown", ["interface Loopback0"]) is True
    assert tree.block("interface Loopback0") == ["interface Loopback0", " no shutdown"]
    assert tree.version > version


def test_set_existing_line_changes_nothing():
    tree = ConfigTree("nxos", NXOS_LINES)
    version = tree.version
    assert tree.set("enable", ["callhome"]) is False
    assert tree.version == version


def test_remove_line_block_and_matching():
    tree = ConfigTree("ios", IOS_LINES)
    assert tree.remove("call-home") is True
    assert not tree.has("call-home") and tree.find("profile") == []
    assert tree.remove("call-home") is False
    assert tree.remove("enrollment pkcs12", ["crypto pki trustpoint SLA-TrustPoint"]) is True
    assert tree.children("crypto pki trustpoint SLA-TrustPoint") == ["revocation-check crl"]
    assert tree.remove_matching(r"^ntp ") == ["ntp server 10.1.1.1"]
    assert tree.remove_matching(r"^ntp ") == []


def test_nxos_indentation_is_two_spaces():
    tree = ConfigTree("nxos", NXOS_LINES)
    tree.set("transport http use-vrf management", ["callhome"])
    assert "  transport http use-vrf management" in tree.to_lines()
    assert ConfigTree.from_lines("nxos", tree.to_lines()).to_lines() == tree.to_lines()


def test_unknown_platform_is_refused():
    with pytest.raises(ValueError):
        ConfigTree("junos")


_WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789-.", min_size=1, max_size=8)
_LINE = st.lists(_WORD, min_size=1, max_size=4).map(" ".join).filter(lambda line: line != "end")
_TREE = st.lists(st.tuples(_LINE, st.lists(st.tuples(_LINE, st.lists(_LINE, max_size=3)), max_size=3)), max_size=6)


@settings(max_examples=50, deadline=None)
@given(_TREE, st.sampled_from(["ios", "nxos"]))
def test_render_and_parse_round_trip(spec, platform):
    tree = ConfigTree(platform)
    for top, children in spec:
        tree.set(top)
        for child, grandchildren in children:
            tree.set(child, [top])
            for grandchild in grandchildren:
                tree.set(grandchild, [top, child])
    again = ConfigTree(platform, tree.render(now=WHEN, changed=WHEN))
    assert again.to_lines() == tree.to_lines()
