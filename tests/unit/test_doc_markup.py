# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The documentation ansible-doc renders: every module, filter and role doc parses, and no markup is cut short.

ansible-doc ends C(), I(), B(), M() and U() at the first ')' (ansible/cli/doc.py), so a Jinja expression such as
C(findings | map(attribute='id')) renders as `findings | map(attribute='id'' with the last ')' outside. Text with
parentheses goes in V() / O() / E() / RV() with each ')' written '\\)'. The rendering is checked with ansible-doc's own
formatter.
"""

from __future__ import annotations

import ast
import glob
import os
import re

import pytest
import yaml
from ansible.cli.doc import DocCLI

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
CLASSIC = re.compile(r"\b([IBMUC])\(([^)]+)\)")
SEMANTIC = re.compile(r"\b(O|V|E|RV)\(((?:[^\\)]+|\\.)+)\)")


def _python_docs():
    paths = sorted(glob.glob(os.path.join(ROOT, "plugins", kind, "*.py")) for kind in ("modules", "filter", "doc_fragments"))
    for path in (path for group in paths for path in group):
        with open(path, encoding="utf-8") as handle:
            tree = ast.parse(handle.read())
        for node in ast.walk(tree):
            targets = [getattr(target, "id", None) for target in getattr(node, "targets", [])]
            if isinstance(node, ast.Assign) and targets in (["DOCUMENTATION"], ["RETURN"]) and isinstance(node.value, ast.Constant):
                yield "%s %s" % (os.path.relpath(path, ROOT), targets[0]), node.value.value
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef) and node.name == "ModuleDocFragment":
                for item in node.body:
                    if isinstance(item, ast.Assign) and isinstance(item.value, ast.Constant) and isinstance(item.value.value, str):
                        yield "%s %s" % (os.path.relpath(path, ROOT), item.targets[0].id), item.value.value


def _role_docs():
    for path in sorted(glob.glob(os.path.join(ROOT, "roles", "*", "meta", "argument_specs.yml"))):
        with open(path, encoding="utf-8") as handle:
            yield os.path.relpath(path, ROOT), handle.read()


DOCS = list(_python_docs()) + list(_role_docs())


def _strings(node, path=""):
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _strings(value, "%s.%s" % (path, key))
    elif isinstance(node, list):
        for number, value in enumerate(node):
            yield from _strings(value, "%s[%d]" % (path, number))
    elif isinstance(node, str):
        yield path, node


def cut_markup(text):
    """The markup of one doc string that ansible-doc ends before its own closing parenthesis."""
    cut = [match.group(0) for match in CLASSIC.finditer(text) if match.group(2).count("(") != match.group(2).count(")")]
    for match in SEMANTIC.finditer(text):
        content = re.sub(r"\\(.)", r"\1", match.group(2))
        if content.count("(") != content.count(")"):
            cut.append(match.group(0))
    return cut


def test_there_are_docs_to_check():
    names = [name for name, _text in DOCS]
    assert any("smart_license_facts.py DOCUMENTATION" in name for name in names)
    assert any("roles/trust_token/meta/argument_specs.yml" in name for name in names)
    assert len(DOCS) > 15


@pytest.mark.parametrize("name, text", DOCS, ids=[name for name, _text in DOCS])
def test_doc_parses_and_no_markup_is_cut_short(name, text):
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        pytest.fail("%s is not valid YAML, ansible-doc cannot show it: %s" % (name, error))
    problems = ["%s: %s" % (where, cut) for where, value in _strings(data) for cut in cut_markup(value)]
    assert not problems, problems


def test_the_checker_finds_a_jinja_expression_in_c():
    assert cut_markup("for example C(diagnose_findings | map(attribute='id')).") == ["C(diagnose_findings | map(attribute='id')"]
    assert cut_markup("for example V(diagnose_findings | map(attribute='id'\\)).") == []


def test_ansible_doc_renders_the_jinja_example_of_trust_token_whole():
    with open(os.path.join(ROOT, "roles", "trust_token", "meta", "argument_specs.yml"), encoding="utf-8") as handle:
        spec = yaml.safe_load(handle)
    description = spec["argument_specs"]["main"]["options"]["trust_token_findings"]["description"]
    description = description if isinstance(description, str) else " ".join(description)
    assert "`diagnose_findings | map(attribute='id')'" in DocCLI.tty_ify(description)
