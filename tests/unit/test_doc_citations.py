# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The collection's documentation cites only what ships with it.

README.md, docs/, the roles' READMEs and argument specs, the changelog fragments and the DOCUMENTATION / EXAMPLES /
RETURN of every plugin must not send a reader to a file outside the repository (the design notes, the shared
reference sheets or corpus the developers work from): a user of the collection does not have them. Relative
Markdown links must point at a file of the repository.
"""

from __future__ import annotations

import ast
import glob
import os
import re

import pytest

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
# Files and folders of the developers' workspace, outside the repository.
OUTSIDE = re.compile(r"\.\./shared|/work/|\b(?:DESIGN|REFERENCES|LAB_NOTES|STYLE|MANIFEST)\.md\b|\bshared/(?:corpus|seeds|tools)\b")
LINK = re.compile(r"\]\(([^)#\s]+)(?:#[^)]*)?\)")


def _markdown_files():
    found = [os.path.join(ROOT, "README.md")]
    found += glob.glob(os.path.join(ROOT, "docs", "**", "*.md"), recursive=True)
    found += glob.glob(os.path.join(ROOT, "roles", "*", "README.md"))
    return sorted(path for path in found if os.path.isfile(path))


def _texts():
    """(name, text) of every documentation text a user of the collection reads."""
    for path in _markdown_files():
        with open(path, encoding="utf-8") as handle:
            yield os.path.relpath(path, ROOT), handle.read()
    for pattern in ("roles/*/meta/argument_specs.yml", "changelogs/fragments/*.yml", "playbooks/*.yml", "galaxy.yml"):
        for path in sorted(glob.glob(os.path.join(ROOT, pattern))):
            with open(path, encoding="utf-8") as handle:
                yield os.path.relpath(path, ROOT), handle.read()
    for kind in ("modules", "filter", "action", "doc_fragments", "sub_plugins/cli_parser"):
        for path in sorted(glob.glob(os.path.join(ROOT, "plugins", kind, "*.py"))):
            with open(path, encoding="utf-8") as handle:
                tree = ast.parse(handle.read())
            for node in ast.walk(tree):
                names = [getattr(target, "id", None) for target in getattr(node, "targets", [])]
                if isinstance(node, ast.Assign) and set(names) & {"DOCUMENTATION", "EXAMPLES", "RETURN"} and isinstance(node.value, ast.Constant):
                    yield "%s %s" % (os.path.relpath(path, ROOT), names[0]), str(node.value.value)


def test_no_doc_cites_a_file_outside_the_repository():
    offenders = []
    for name, text in _texts():
        for number, line in enumerate(text.splitlines(), 1):
            if OUTSIDE.search(line):
                offenders.append("%s:%d: %s" % (name, number, line.strip()))
    assert not offenders, "documentation cites files outside the repository:\n" + "\n".join(offenders)


def test_relative_links_point_into_the_repository():
    broken = []
    for path in _markdown_files():
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
        for target in LINK.findall(text):
            if re.match(r"^[a-z]+:", target):
                continue
            resolved = os.path.normpath(os.path.join(os.path.dirname(path), target))
            if not resolved.startswith(ROOT + os.sep) or not os.path.exists(resolved):
                broken.append("%s: %s" % (os.path.relpath(path, ROOT), target))
    assert not broken, "links to files that are not in the repository:\n" + "\n".join(broken)


@pytest.mark.parametrize("line", ["see DESIGN.md", "../shared/REFERENCES.md", "from /work/shared/corpus", "shared/seeds/000.txt",
                                  "LAB_NOTES.md says"])
def test_the_check_catches_outside_citations(line):
    assert OUTSIDE.search(line)


@pytest.mark.parametrize("line", ["docs/diagnosis.md", "tests/lab/README.md", "the seed's DESIGN of the role", "CHANGELOG.rst"])
def test_the_check_leaves_repository_files_alone(line):
    assert not OUTSIDE.search(line)
