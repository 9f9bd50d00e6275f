# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The cli_parse engine smartlic.slp.slp, as ansible.utils.cli_parse loads and calls it."""

from __future__ import annotations

import json
from importlib import import_module

from ansible_collections.smartlic.slp.plugins.module_utils.parsers import registry
from ansible_collections.smartlic.slp.tests.unit.plugins.diagnosis_fixtures import captures

UDI = captures.read("ios_show_license_udi_genie_2.txt")
PEERS = captures.read("nxos_show_ntp_peer_status_genie_1.txt")


def load(name):
    """The engine class the way cli_parse's _load_parser finds it: <ns>.<collection>.<name> → <name>_parser.CliParser."""
    namespace, collection, plugin = name.split(".")
    library = "ansible_collections.%s.%s.plugins.sub_plugins.cli_parser.%s_parser" % (namespace, collection, plugin)
    return getattr(import_module(library), "CliParser")


def parse(task_args, task_vars=None):
    debug = []
    engine = load("smartlic.slp.slp")(task_args=task_args, task_vars=task_vars or {}, debug=debug.append)
    result = engine.parse(template_contents=None)
    # cli_parse round-trips the result through JSON.
    return json.loads(json.dumps(result)), debug


def test_text_with_parser_command_and_os():
    result, debug = parse({"text": UDI, "parser": {"name": "smartlic.slp.slp", "command": "show license udi", "os": "ios"}})
    assert result == {"parsed": json.loads(json.dumps(registry.parse_output("show license udi", UDI, "ios")))}
    assert len(result["parsed"]["entries"]) == 4
    assert debug and "show license udi" in debug[0]


def test_command_and_platform_from_the_task():
    task_args = {"command": "sh ntp peer-status", "text": PEERS, "parser": {"name": "smartlic.slp.slp"}}
    result, _debug = parse(task_args, {"ansible_network_os": "cisco.nxos.nxos"})
    assert result["parsed"]["command_info"]["canonical"] == "show ntp peer-status"
    assert result["parsed"]["command_info"]["platform"] == "nxos"
    assert [peer["address"] for peer in result["parsed"]["peers"]][:2] == ["10.4.1.1", "10.64.4.4"]


def test_errors_for_unknown_or_missing_command():
    result, _debug = parse({"text": UDI, "parser": {"name": "smartlic.slp.slp", "command": "show version"}})
    assert result == {"errors": ["smartlic.slp.slp has no parser for 'show version'"]}
    result, _debug = parse({"text": UDI, "parser": {"name": "smartlic.slp.slp"}})
    assert "needs parser.command" in result["errors"][0]
    result, _debug = parse({"text": ["a"], "parser": {"name": "smartlic.slp.slp", "command": "show clock"}})
    assert result == {"errors": ["smartlic.slp.slp parses text, not list"]}
