# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Command names → canonical commands → parsers."""

from __future__ import annotations

import ast
import os

import pytest
from hypothesis import given, settings, strategies as st

from ansible_collections.smartlic.slp.plugins.module_utils.parsers import registry

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.join(HERE, "fixtures")
CAPTURE_CORPUS = os.path.join(HERE, os.pardir, "fixtures", "capture", "corpus")


def _read(*parts):
    with open(os.path.join(*parts), encoding="utf-8") as handle:
        return handle.read()


@pytest.mark.parametrize("platform, commands", [("ios", registry.IOS_COMMANDS), ("nxos", registry.NXOS_COMMANDS)])
def test_canonical_commands_are_their_own_names(platform, commands):
    for command in commands:
        assert registry.canonical_command(command, platform) == command
        assert registry.parser_name(command) in registry.parser_modules()


@pytest.mark.parametrize("typed, platform, canonical", [
    ("sh lic stat", None, "show license status"),
    ("sh lic all", None, "show license all"),
    ("sh lic tech sup", "ios", "show license tech support"),
    ("sh lic udi", None, "show license udi"),
    ("sh lic summ", "ios", "show license summary"),
    ("sh lic usa", None, "show license usage"),
    ("sh lic auth", "ios", "show license authorization"),
    ("sh lic hist mess", "ios", "show license history message"),
    ("sh lic rum id all", "ios", "show license rum id all"),
    ("sh call-home prof all", "ios", "show call-home profile all"),
    ("sh call prof all", None, "show call-home profile all"),
    ("sh ip http cli", "ios", "show ip http client"),
    ("sh ip http serv sess", "ios", "show ip http server session-module"),
    ("sh clo", None, "show clock"),
    ("sh ntp assoc", None, "show ntp associations"),
    ("sh ntp stat", "ios", "show ntp status"),
    ("sh ntp peer-s", None, "show ntp peer-status"),
    ("sh log", "ios", "show logging"),
    ("sh log", None, "show logging"),
    ("sh logg logf", "nxos", "show logging logfile"),
    ("sh run", None, "show running-config"),
    ("sh run callhome all", "nxos", "show running-config callhome all"),
    ("do show run", "ios", "show running-config"),
    ("  SHOW   License   Status  ", None, "show license status"),
    ("ping 171.70.168.183", "ios", "ping 171.70.168.183"),
    ("ping cisco.com vrf management", "nxos", "ping cisco.com vrf management"),
    # Ambiguous or unknown: not guessed.
    ("sh lic s", "ios", None),
    ("sh lic s", None, None),
    ("sh ntp peer", "nxos", None),
    ("sh ntp stat", None, None),
    ("sh lic", None, None),
    ("show version", "ios", None),
    ("ping", None, None),
    ("", None, None),
    (None, None, None),
])
def test_abbreviations(typed, platform, canonical):
    assert registry.canonical_command(typed, platform) == canonical


@pytest.mark.parametrize("typed, canonical, filtered, partial, pipes, output_format", [
    ("sh run | sec ntp", "show running-config", True, False, ["sec ntp"], None),
    ("show running-config | include ntp|ip name", "show running-config", True, False, ["include ntp", "ip name"], None),
    ("sh run int gi0/1", "show running-config", True, True, [], None),
    ("show running-config all", "show running-config", False, False, [], None),
    ("sh lic all | i Trust", "show license all", True, False, ["i Trust"], None),
    ("show running-config | json", "show running-config", False, False, ["json"], "json"),
    ("show logging logfile | no-more", "show logging logfile", False, False, ["no-more"], None),
])
def test_pipes_and_partial_outputs(typed, canonical, filtered, partial, pipes, output_format):
    info = registry.command_info(typed)
    assert (info["canonical"], info["filtered"], info["partial"], info["pipes"], info["format"]) == (canonical, filtered, partial, pipes, output_format)
    assert registry.is_filtered(typed) is filtered


def test_platform_names():
    names = ("ios", "cisco.ios.ios", "IOS-XE", "iosxe", "nxos", "cisco.nxos.nxos", "NX-OS", "", None, "junos")
    assert [registry.normalize_platform(name) for name in names] == ["ios", "ios", "ios", "ios", "nxos", "nxos", "nxos", None, None, None]


def test_ping_target():
    assert registry.ping_target("ping cisco.com vrf management") == ("cisco.com", "management")
    assert registry.ping_target("ping vrf Mgmt-vrf 171.70.168.183") == ("171.70.168.183", "Mgmt-vrf")
    assert registry.ping_target("show clock") == (None, None)


def test_every_parser_module_exists_and_is_imported_statically():
    modules = registry.parser_modules()
    assert sorted(modules) == sorted(set(registry.PARSER_NAMES.values()))
    missing = sorted(name for name, module in modules.items() if module is None)
    assert missing == [], "parser modules not importable: %s" % ", ".join(missing)
    for module in modules.values():
        assert callable(module.parse)
    tree = ast.parse(_read(registry.__file__))
    imported = {alias.name for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and (node.module or "").endswith("module_utils.parsers")
                for alias in node.names}
    assert set(modules) <= imported


def test_unknown_command_keeps_the_text():
    result = registry.parse_output("show version", "Cisco IOS XE Software, Version 17.3.1")
    assert result["warnings"] == ["no parser for command 'show version'"]
    assert result["raw"] == "Cisco IOS XE Software, Version 17.3.1"
    assert result["unparsed"] == []
    assert result["command_info"]["canonical"] is None


def test_structured_output_is_not_parsed():
    result = registry.parse_output("show running-config | json", '{"nf:filter": {}}', "nxos")
    assert result["warnings"] == ["output of 'show running-config | json' is json, not CLI text; it was not parsed"]
    assert result["raw"] == '{"nf:filter": {}}'


def test_dispatch_to_show_logging():
    text = _read(FIXTURES, "show_logging", "ios_genielibs_c9200.txt")
    result = registry.parse_output("sh log", text, "ios")
    assert result["lines_total"] == 26
    assert len(result["messages"]) == 10
    assert result["command_info"] == {"command": "sh log", "canonical": "show logging", "filtered": False, "partial": False, "pipes": [],
                                      "parser": "show_logging", "platform": "ios"}
    filtered = registry.parse_output("show logging | include SMART_LIC", text)
    assert filtered["warnings"] == ["output was filtered by '| include SMART_LIC': fields missing from it are unknown, not absent"]


@pytest.mark.parametrize("command, path", [
    ("show license status", "iosxe/show_license_status/xvalette_1.txt"),
    ("show license tech support", "iosxe/show_license_tech_support/genie_18.txt"),
    ("show license udi", "iosxe/show_license_udi/genie_2.txt"),
    ("show license summary", "iosxe/show_license_summary/ciscodoc_5.txt"),
    ("show clock", "iosxe/show_clock/genie_1.txt"),
    ("show ntp associations", "iosxe/show_ntp_associations/genie_2.txt"),
    ("show ntp peer-status", "nxos/show_ntp_peer-status/genie_1.txt"),
    ("ping 10.1.1.2", "nxos/ping/genie_1.txt"),
    ("ping 192.168.0.1", "iosxe/ping/ntc_1.txt"),
])
def test_dispatch_reaches_the_right_parser(command, path):
    text = _read(CAPTURE_CORPUS, *path.split("/"))
    result = registry.parse_output(command, text)
    name = registry.parser_name(registry.canonical_command(command))
    assert result["command_info"]["parser"] == name
    expected = registry.parser_modules()[name].parse(text)
    result.pop("command_info")
    assert result == expected


@pytest.mark.parametrize("command", sorted(set(registry.IOS_COMMANDS + registry.NXOS_COMMANDS)) + ["ping 10.0.0.1"])
def test_every_parser_answers_an_empty_output(command):
    result = registry.parse_output(command, "")
    assert isinstance(result.get("unparsed"), list) and isinstance(result.get("warnings"), list)
    assert not any(warning.startswith("parser ") for warning in result["warnings"]), result["warnings"]


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(sorted(set(registry.IOS_COMMANDS + registry.NXOS_COMMANDS)) + ["ping 10.0.0.1", "show version"]), st.text(max_size=200))
def test_parse_output_never_raises(command, text):
    result = registry.parse_output(command, text)
    assert isinstance(result["warnings"], list)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80))
def test_command_names_never_raise(text):
    info = registry.command_info(text)
    assert info["canonical"] is None or isinstance(info["canonical"], str)
