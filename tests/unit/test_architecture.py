# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""docs/architecture.md is the map of plugins/: every file in one layer, no import up a layer, no cycle.

The layer table is read from the doc itself, so changing the code's shape means
changing the picture. The README's "What is inside" table names the same layers
in the same order.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PLUGINS = ROOT / "plugins"
PACKAGE = "ansible_collections.smartlic.slp.plugins"
ROW = re.compile(r"^\|\s*(?P<rank>\d+)\s*\|\s*(?P<name>[^|]+?)\s*\|\s*(?P<files>[^|]+?)\s*\|")


def read_layers(text):
    """[(rank, name, [path under plugins/, a trailing / for a folder])] from the doc's layer table."""
    section = text.split("## Layers", 1)[1].split("\n## ", 1)[0]
    layers = []
    for line in section.splitlines():
        match = ROW.match(line)
        if match:
            layers.append((int(match["rank"]), match["name"], re.findall(r"`([^`]+)`", match["files"])))
    return layers


def layer_of(relative, layers):
    """The rank of the one layer that holds ``relative`` (a path under plugins/); the deepest listed path wins."""
    best = None
    for rank, _name, paths in layers:
        for path in paths:
            if relative == path or (path.endswith("/") and relative.startswith(path)):
                if best is None or len(path) > best[1]:
                    best = (rank, len(path))
    return best[0] if best else None


def module_name(path):
    return ".".join(path.relative_to(PLUGINS).with_suffix("").parts)


def imports_of(path):
    """Collection modules ``path`` imports, as names under plugins/ ('module_utils.report')."""
    names = set()
    known = {module_name(p) for p in PLUGINS.rglob("*.py")}
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith(PACKAGE + "."):
            base = node.module[len(PACKAGE) + 1:]
            for alias in node.names:
                full = base + "." + alias.name
                names.add(full if full in known else base)
        elif isinstance(node, ast.Import):
            names.update(alias.name[len(PACKAGE) + 1:] for alias in node.names if alias.name.startswith(PACKAGE + "."))
    return names


def sources():
    return sorted(path for path in PLUGINS.rglob("*.py") if path.name != "__init__.py")


def graph():
    return {module_name(path): imports_of(path) for path in sources()}


def find_cycle(edges):
    """One import cycle as a list of modules, or None."""
    state = {}

    def visit(node, trail):
        state[node] = "open"
        for target in sorted(edges.get(node, ())):
            if state.get(target) == "open":
                return trail[trail.index(target):] + [target]
            if target not in state:
                found = visit(target, trail + [target])
                if found:
                    return found
        state[node] = "done"
        return None

    for start in sorted(edges):
        if start not in state:
            found = visit(start, [start])
            if found:
                return found
    return None


LAYERS = read_layers((ROOT / "docs" / "architecture.md").read_text(encoding="utf-8"))


def test_the_doc_has_the_layer_table():
    assert [rank for rank, _name, _paths in LAYERS] == list(range(1, len(LAYERS) + 1))
    assert len(LAYERS) >= 8
    for _rank, _name, paths in LAYERS:
        for path in paths:
            assert (PLUGINS / path).exists(), "docs/architecture.md names %s, which is not under plugins/" % path


@pytest.mark.parametrize("path", sources(), ids=lambda path: str(path.relative_to(PLUGINS)))
def test_every_file_is_in_a_layer_and_imports_only_upwards_in_the_table(path):
    relative = str(path.relative_to(PLUGINS))
    rank = layer_of(relative, LAYERS)
    assert rank is not None, "%s is in no layer of docs/architecture.md" % relative
    for target in sorted(imports_of(path)):
        target_path = target.replace(".", "/") + ".py"
        if not (PLUGINS / target_path).exists():
            target_path = target.replace(".", "/") + "/__init__.py"
        target_rank = layer_of(target_path, LAYERS)
        assert target_rank is not None and target_rank <= rank, (
            "%s (layer %s) imports %s (layer %s): an arrow up the table" % (relative, rank, target, target_rank))


def test_no_import_cycle():
    assert find_cycle(graph()) is None


def test_the_checks_can_fail():
    """The helpers above find what they look for: a cycle, an unlisted file, a deeper listing winning."""
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None
    layers = [(1, "words", ["module_utils/vocabulary.py"]), (2, "parsers", ["module_utils/parsers/"])]
    assert layer_of("module_utils/parsers/show_clock.py", layers) == 2
    assert layer_of("module_utils/report.py", layers) is None
    assert "module_utils.parsers.common" in imports_of(PLUGINS / "module_utils" / "parsers" / "show_clock.py")


def test_readme_what_is_inside_names_the_same_layers_in_order():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## What is inside", 1)[1].split("\n## ", 1)[0]
    rows = [line.split("|")[1].strip() for line in section.splitlines()
            if line.startswith("|") and not line.startswith("| ---") and not line.startswith("| layer")]
    names = [name for _rank, name, _paths in LAYERS]
    assert rows[:len(names)] == names
