# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""No module-level mutable state in plugins/module_utils (issue 22).

A parser's or a rule's result must depend only on its arguments. So no module of
module_utils may change a module-level value at run time: no ``global``
statement, no item or attribute set on a module-level name, no mutating method
called on one (``append``, ``update``, ``setdefault``, ...), and none of that on a
name imported from another module either. Constant tables (tuples, frozensets,
dicts that nothing changes) and ``functools.lru_cache`` memoisation of pure
functions are fine.

The scan reads the source with ``ast``; the negative tests feed it small sources
that do each forbidden thing, so the scan cannot pass by finding nothing.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

MODULE_UTILS = Path(__file__).resolve().parents[2] / "plugins" / "module_utils"

MUTATORS = frozenset({
    "append", "extend", "insert", "update", "setdefault", "pop", "popitem", "clear", "remove", "discard", "add",
    "sort", "reverse", "__setitem__", "__delitem__",
})


def _module_names(tree):
    """Names bound at module level: assignments, imports, functions and classes."""
    names = set()
    for node in tree.body:
        targets = []
        if isinstance(node, ast.Assign):
            targets = node.targets
        elif isinstance(node, (ast.AnnAssign, ast.AugAssign)):
            targets = [node.target]
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            names.update((alias.asname or alias.name).split(".")[0] for alias in node.names)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, ast.Try):
            for part in node.body + [stmt for handler in node.handlers for stmt in handler.body]:
                if isinstance(part, (ast.Import, ast.ImportFrom)):
                    names.update((alias.asname or alias.name).split(".")[0] for alias in part.names)
        for target in targets:
            for leaf in ast.walk(target):
                if isinstance(leaf, ast.Name):
                    names.add(leaf.id)
    return names


def _local_names(function):
    """Names a function binds itself (arguments and assignments): they shadow module names."""
    bound = {arg.arg for arg in ast.walk(function.args) if isinstance(arg, ast.arg)}
    for node in ast.walk(function):
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            bound.add(node.id)
    return bound


def _root_name(node):
    """The name at the root of ``a.b[c].d``, or None."""
    while isinstance(node, (ast.Attribute, ast.Subscript)):
        node = node.value
    return node.id if isinstance(node, ast.Name) else None


def state_problems(source, name="<source>"):
    """Each run-time change of module-level state in ``source``, as 'name:line: what'."""
    tree = ast.parse(source)
    module_names = _module_names(tree)
    problems = []

    def scan(node, shadowed):
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
                scan(child, shadowed | (_local_names(child) if not isinstance(child, ast.Lambda) else set()))
                continue
            if isinstance(child, (ast.Global, ast.Nonlocal)):
                problems.append("%s:%d: global/nonlocal %s" % (name, child.lineno, ", ".join(child.names)))
            targets = []
            if isinstance(child, (ast.Assign, ast.Delete)):
                targets = child.targets
            elif isinstance(child, (ast.AugAssign, ast.AnnAssign)):
                targets = [child.target]
            for target in targets:
                for leaf in ast.walk(target):
                    if isinstance(leaf, (ast.Subscript, ast.Attribute)) and isinstance(leaf.ctx, (ast.Store, ast.Del)):
                        root = _root_name(leaf)
                        if root in module_names and root not in shadowed:
                            problems.append("%s:%d: sets an item or attribute of module-level %s" % (name, child.lineno, root))
            if isinstance(child, ast.Call) and isinstance(child.func, ast.Attribute) and child.func.attr in MUTATORS:
                root = _root_name(child.func.value)
                if root in module_names and root not in shadowed and not _is_class(tree, root):
                    problems.append("%s:%d: calls %s on module-level %s" % (name, child.lineno, child.func.attr, root))
            scan(child, shadowed)

    builders = _import_time_builders(tree)
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            if node.name not in builders:
                scan(node, _local_names(node))
        elif isinstance(node, ast.ClassDef):
            for item in node.body:
                if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    scan(item, _local_names(item))
    return problems


def _import_time_builders(tree):
    """Functions that only the module's own top level calls: they build its tables once, at import."""
    top_calls = {node.value.func.id for node in tree.body
                 if isinstance(node, ast.Expr) and isinstance(node.value, ast.Call) and isinstance(node.value.func, ast.Name)}
    called_elsewhere = set()
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            called_elsewhere.update(call.func.id for call in ast.walk(node)
                                    if isinstance(call, ast.Call) and isinstance(call.func, ast.Name))
    return top_calls - called_elsewhere


def _is_class(tree, name):
    return any(isinstance(node, ast.ClassDef) and node.name == name for node in tree.body)


def _sources():
    return sorted(MODULE_UTILS.rglob("*.py"))


def test_scan_reads_every_module():
    paths = _sources()
    assert len(paths) > 30
    assert any(path.parent.name == "parsers" for path in paths)
    assert any(path.parent.name == "rules" for path in paths)


@pytest.mark.parametrize("path", _sources(), ids=lambda path: str(path.relative_to(MODULE_UTILS)))
def test_no_module_level_mutable_state(path):
    assert state_problems(path.read_text(encoding="utf-8"), path.name) == []


@pytest.mark.parametrize("source, words", [
    ("_SEEN = {}\ndef f(text, lines):\n    _SEEN[text] = lines\n", "sets an item"),
    ("_SEEN = {}\ndef f(text):\n    _SEEN.pop(text, None)\n", "calls pop"),
    ("COUNT = 0\ndef f():\n    global COUNT\n    COUNT += 1\n", "global"),
    ("from x import TABLE\ndef f(key):\n    TABLE.setdefault(key, []).append(1)\n", "calls setdefault"),
    ("import x\ndef f():\n    x.STATE = 1\n", "sets an item or attribute"),
    ("T = {}\ndef _build():\n    T['a'] = 1\n_build()\ndef f():\n    _build()\n", "sets an item"),
    ("_SEEN = []\nclass C:\n    def m(self, item):\n        _SEEN.append(item)\n", "calls append"),
])
def test_scan_finds_each_kind_of_state(source, words):
    problems = state_problems(source)
    assert problems and words in problems[0]


@pytest.mark.parametrize("source", [
    "def f(items):\n    seen = {}\n    seen['a'] = 1\n    items.append(2)\n    return seen\n",
    "TABLE = {'a': 1}\ndef f(TABLE):\n    TABLE['b'] = 2\n",
    "class Session:\n    def __init__(self):\n        self.lines = []\n    def add(self, line):\n        self.lines.append(line)\n",
    "TABLE = {}\ndef _finish():\n    TABLE['a'] = 1\n_finish()\n",
    "from functools import lru_cache\n@lru_cache(maxsize=8)\ndef f(key):\n    return key.upper()\n",
])
def test_scan_allows_local_and_instance_state(source):
    assert state_problems(source) == []
