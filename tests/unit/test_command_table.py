# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The command table (plugins/module_utils/commands.py) is the one place a command of the collection is spelled.

- No rule, module, action plugin, filter, role or playbook spells a configuration or licensing command
  itself: they render it from the table (Python string literals other than docstrings and the
  DOCUMENTATION / EXAMPLES / RETURN blocks; YAML values other than descriptions). Comments may name them.
- Every entry has a source and a confidence tag, renders and reads back its own values, and the lab's grammar
  (as strict as a real device) accepts it on its first release and, where the lab gates it too, not before.
- The roles read the shared refusal patterns, URLs and file systems through the slp_vocabulary filter: the values
  agree with module_utils/vocabulary.py and the table, and no role spells them again.
"""

from __future__ import annotations

import ast
import glob
import io
import os
import re
import tokenize

import pytest
import yaml

from ansible_collections.smartlic.slp.plugins.filter.slp_command import slp_command
from ansible_collections.smartlic.slp.plugins.filter.slp_vocabulary import slp_vocabulary
from ansible_collections.smartlic.slp.plugins.module_utils import commands, vocabulary
from tests.lab import grammar_ios, grammar_nxos
from tests.lab.grammar import ModeGrammars

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
# The places that send or recommend commands (issue 20): rules, modules, action plugins, filters, plugin_utils, the three
# planners of module_utils, roles and playbooks. The seed catalog (catalog.py) quotes the Cisco chapters word for word and the
# parsers read what devices print: neither sends anything.
PYTHON = ("plugins/module_utils/rules/*.py", "plugins/modules/*.py", "plugins/action/*.py", "plugins/filter/*.py", "plugins/plugin_utils/*.py",
          "plugins/module_utils/config_plan.py", "plugins/module_utils/license_actions.py", "plugins/module_utils/remediation_plan.py")
YAML = ("roles/**/*.yml", "playbooks/**/*.yml")
# A command as typed: the licensing, NTP, DNS, PKI, call-home and HTTP client lines of the table.
COMMAND = re.compile(
    r"license smart \w|ntp server (?:vrf |[\d<%{])|ip name-server|crypto pki (?:trustpoint|authenticate|certificate)|"
    r"ip domain(?:-| )(?:name|lookup)|service call-home|destination (?:address|transport-method)|destination-profile \S+ "
    r"(?:transport-method|index)|transport http use-vrf|(?<!show )ip http client (?:secure-trustpoint|source-interface)")
REFUSAL = re.compile(r"invalid \(\?:input|incomplete command|Invalid input")
URL = re.compile(r"smartreceiver\.cisco\.com/licservice/license|tools\.cisco\.com/its/service/oddce|cslu-local:8182")
DOC_BLOCKS = ("DOCUMENTATION", "EXAMPLES", "RETURN")
# Sample values for rendering an entry, by value name.
SAMPLE = {"address": "192.0.2.1", "vrf": "management", "name": "SLA-TrustPoint", "host": "cisco.com", "url": commands.SMART_URL,
          "token": "abc123", "scope": "local", "path": "bootflash:slp_ack.txt", "type": "smart", "interface": "GigabitEthernet0/0",
          "days": "30", "profile": "xml", "version": "2", "prefer": True, "force": True}
# The lab's mode of each table mode, per platform.
LAB_MODE = {"exec": "privileged", "config": "config", "crypto_pki_trustpoint": "ca-trustpoint", "call_home": "cfg-call-home",
            "call_home_profile": "cfg-call-home-profile", "vrf_context": "config-vrf", "callhome": "config-callhome"}
GRAMMARS = {"ios": ModeGrammars("ios", grammar_ios.SPECS), "nxos": ModeGrammars("nxos", grammar_nxos.SPECS)}
LATEST = {"ios": "17.18.1", "nxos": "10.5.1"}


def _files(patterns):
    return sorted({path for pattern in patterns for path in glob.glob(os.path.join(ROOT, pattern), recursive=True)})


def python_strings(path):
    """(line, literal) of every string literal of a Python file, without docstrings and the documentation blocks."""
    with open(path, encoding="utf-8") as handle:
        source = handle.read()
    skip = set()
    for node in ast.walk(ast.parse(source)):
        body = getattr(node, "body", None)
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and body:
            first = body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) and isinstance(first.value.value, str):
                skip.update(range(first.lineno, first.end_lineno + 1))
        if isinstance(node, ast.Assign) and any(isinstance(target, ast.Name) and target.id in DOC_BLOCKS for target in node.targets):
            skip.update(range(node.value.lineno, node.value.end_lineno + 1))
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type == tokenize.STRING and token.start[0] not in skip:
            yield token.start[0], token.string


def yaml_strings(path):
    """(key path, value) of every string value of a YAML file, without descriptions (argument specs, galaxy meta)."""
    with open(path, encoding="utf-8") as handle:
        data = yaml.safe_load(handle)
    stack = [([], data)]
    while stack:
        where, value = stack.pop()
        if isinstance(value, dict):
            stack += [(where + [str(key)], item) for key, item in value.items() if key not in ("description", "short_description")]
        elif isinstance(value, list):
            stack += [(where + [str(index)], item) for index, item in enumerate(value)]
        elif isinstance(value, str):
            yield "/".join(where), value


def stray(pattern):  # noqa: D401
    found = []
    for path in _files(PYTHON):
        found += ["%s:%d %s" % (os.path.relpath(path, ROOT), line, text[:100]) for line, text in python_strings(path) if pattern.search(text)]
    for path in _files(YAML):
        found += ["%s:%s %s" % (os.path.relpath(path, ROOT), where, text[:100]) for where, text in yaml_strings(path) if pattern.search(text)]
    return found


def test_the_scan_reads_code_and_skips_documentation():
    assert len(_files(PYTHON)) > 30 and len(_files(YAML)) > 30
    sync = os.path.join(ROOT, "plugins", "modules", "smart_license_sync.py")
    assert not any(COMMAND.search(text) for _line, text in python_strings(sync))
    with open(sync, encoding="utf-8") as handle:
        assert COMMAND.search(handle.read())  # its documentation names the commands


def test_no_command_is_spelled_outside_the_table():
    assert stray(COMMAND) == []


def test_no_refusal_pattern_or_licensing_url_is_spelled_outside_the_vocabulary():
    assert stray(REFUSAL) == []
    assert stray(URL) == []


@pytest.mark.parametrize("platform", sorted(commands.COMMANDS))
def test_every_entry_is_sourced_renders_and_reads_back(platform):
    for key in commands.keys(platform):
        item = commands.entry(platform, key)
        assert item["source"] and item["confidence"] in ("D", "C", "T", "I"), key
        assert item["mode"] in ("exec", "config") or item["mode"] in commands.COMMANDS[platform], key
        assert item["since"] is None or commands.release_tuple(item["since"]), key
        names = re.findall(r"\{(\w+)\??\}", item["template"])
        line = commands.render(platform, key, **{name: SAMPLE[name] for name in names})
        assert "<" not in line and line == line.strip(), (key, line)
        values = commands.recognise(platform, key, line)
        assert values is not None, (key, line)
        assert commands.render(platform, key, **values) == line, key


@pytest.mark.parametrize("platform", sorted(commands.COMMANDS))
def test_the_lab_takes_every_entry_from_its_first_release_and_gates_what_the_table_gates(platform):
    for key in commands.keys(platform):
        item = commands.entry(platform, key)
        if (item["note"] or "").startswith("never sent"):
            continue
        names = re.findall(r"\{(\w+)\??\}", item["template"])
        line = commands.render(platform, key, **{name: SAMPLE[name] for name in names})
        mode = LAB_MODE[item["mode"]]
        first = item["since"] or commands.SLP_RELEASE[platform]
        first = first if first.count(".") == 2 else first + ".1"
        for version in (first, LATEST[platform]):
            assert GRAMMARS[platform].grammar(mode, version).match(line).ok, (key, line, version)
        if item["since"] and commands.release_tuple(item["since"]) > commands.release_tuple(commands.SLP_RELEASE[platform]):
            assert not GRAMMARS[platform].grammar(mode, commands.SLP_RELEASE[platform]).match(line).ok, (key, "the lab is more lenient")
            assert commands.missing_on(platform, key, commands.SLP_RELEASE[platform]), key


def test_release_gating():
    assert "first in 17.7" in commands.missing_on("ios", "license_smart_vrf", "17.3")
    assert "route to the licensing server" in commands.missing_on("ios", "license_smart_vrf", "17.03.04")
    assert commands.missing_on("ios", "license_smart_vrf", "17.9") is None
    assert commands.missing_on("ios", "license_smart_vrf", None) is None
    assert commands.missing_on("ios", "license_smart_sync", "17.3.1")
    assert commands.missing_on("nxos", "license_smart_sync", "10.1(2)")
    assert commands.missing_on("nxos", "license_smart_sync", "10.2(3)") is None


def test_roles_read_the_shared_values_through_the_filter():
    assert slp_vocabulary("terminal_stderr_re") == [{"pattern": pattern} for pattern in vocabulary.TERMINAL_REFUSALS]
    assert slp_vocabulary("smart_url") == vocabulary.SMART_URL == commands.SMART_URL
    assert slp_vocabulary("callhome_url") == vocabulary.CALLHOME_URL and slp_vocabulary("cslu_url") == vocabulary.CSLU_URL
    assert [slp_vocabulary("filesystem", name) for name in ("ios", "cisco.nxos.nxos")] == ["flash:", "bootflash:"]
    for path in ("roles/diagnose/vars/main.yml", "roles/sync/vars/main.yml", "roles/trust_token/vars/main.yml"):
        with open(os.path.join(ROOT, path), encoding="utf-8") as handle:
            assert "'terminal_stderr_re' | smartlic.slp.slp_vocabulary" in handle.read(), path
    # The sync role's default file system, for the host's platform (no per-platform vars files).
    with open(os.path.join(ROOT, "roles", "sync", "vars", "main.yml"), encoding="utf-8") as handle:
        assert "'filesystem' | smartlic.slp.slp_vocabulary(__sync_platform)" in handle.read()
    # The refusal patterns find the device's words and nothing of a good licensing read.
    refused = [re.compile(pattern) for pattern in vocabulary.TERMINAL_REFUSALS]
    assert any(pattern.search("% Invalid input detected at '^' marker.") for pattern in refused)
    assert any(pattern.search("% Incomplete command at '^' marker.") for pattern in refused)
    assert not any(pattern.search("Trust Code Installed: Not found\nERROR: none") for pattern in refused)


def test_the_command_filter_renders_table_entries():
    assert slp_command("license_smart_trust", "cisco.ios.ios", token="********", scope="all", force=True) == \
        "license smart trust idtoken ******** all force"
    assert slp_command("license_smart_trust", "nxos", token="********", scope=None, force=False) == "license smart trust idtoken ********"
    with pytest.raises(Exception, match="no command 'nope'"):
        slp_command("nope", "ios")
