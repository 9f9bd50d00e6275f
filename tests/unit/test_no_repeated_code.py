# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""No two places in the product code (plugins/, roles/) repeat the same six or more lines (issue 22).

Lines are compared stripped, skipping blank lines, comments, lines of
punctuation only and bare keys or block openers (``attributes:``, ``else:``):
a lone bracket or key repeats everywhere and means nothing by itself.

Left out, on purpose: each role's ``meta/`` folder. Ansible reads a role's
argument spec and galaxy_info only from that role's own ``meta/`` files and has
no include for them, so the roles that share the config_lines shell (dns,
transport, trustpoint) each describe its options under their own prefix; the
last test checks that they describe them alike, so the copies cannot drift.
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
WINDOW = 6
SUFFIXES = (".py", ".yml", ".yaml", ".j2")
PUNCTUATION_ONLY = re.compile(r"[\W_]*")
BARE_KEY = re.compile(r"[\w.-]+:")


def meaningful_lines(text):
    """[(line number, stripped line)] of the lines that count."""
    kept = []
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if stripped and not stripped.startswith("#") and not PUNCTUATION_ONLY.fullmatch(stripped) \
                and not BARE_KEY.fullmatch(stripped):
            kept.append((number, stripped))
    return kept


def repeats(files):
    """{(place, place): window}, the first shared window of each pair of files; files is {name: text}."""
    places = defaultdict(list)
    for name, text in files.items():
        lines = meaningful_lines(text)
        for start in range(len(lines) - WINDOW + 1):
            window = tuple(line for _number, line in lines[start:start + WINDOW])
            places[window].append((name, lines[start][0]))
    by_files = {}
    for window, where in places.items():
        if len(where) > 1:
            (left, left_line), (right, right_line) = where[0], where[1]
            if (left, right) not in by_files or (left_line, right_line) < by_files[(left, right)][0]:
                by_files[(left, right)] = ((left_line, right_line), window)
    return {("%s:%d" % (left, lines[0]), "%s:%d" % (right, lines[1])): window for (left, right), (lines, window) in by_files.items()}


def product_files():
    files = {}
    for folder in ("plugins", "roles"):
        for path in sorted((ROOT / folder).rglob("*")):
            relative = path.relative_to(ROOT)
            if path.is_file() and path.suffix in SUFFIXES and not (folder == "roles" and relative.parts[2] == "meta"):
                files[str(relative)] = path.read_text(encoding="utf-8")
    return files


def test_no_six_lines_repeated_in_plugins_or_roles():
    files = product_files()
    assert len(files) > 60
    found = repeats(files)
    report = ["%s ~ %s: %s" % (left, right, " / ".join(window)[:160]) for (left, right), window in sorted(found.items())]
    assert not report, "\n".join(report)


def test_the_check_finds_a_repeat_and_ignores_noise():
    block = "\n".join("value_%d = compute(%d)" % (n, n) for n in range(6))
    assert repeats({"a.py": block, "b.py": "# other\n\n" + block + "\n"}) == {
        ("a.py:1", "b.py:3"): tuple("value_%d = compute(%d)" % (n, n) for n in range(6))}
    assert repeats({"a.py": block[:block.rindex("\n")], "b.py": block}) == {}
    noise = "\n".join(["    )", "}", "# comment", "", "]", "---", "attributes:", "else:"] * 3)
    assert repeats({"a.yml": noise, "b.yml": noise}) == {}


def test_the_roles_sharing_config_lines_describe_its_options_alike():
    shared = {}
    for role in ("dns", "transport", "trustpoint"):
        spec = yaml.safe_load((ROOT / "roles" / role / "meta" / "argument_specs.yml").read_text(encoding="utf-8"))
        options = spec["argument_specs"]["main"]["options"]
        for suffix in ("running_config", "verify", "save_config"):
            option = options.get("%s_%s" % (role, suffix))
            if option is not None:
                shared.setdefault(suffix, []).append((role, option))
    assert set(shared) >= {"running_config", "verify"}
    for suffix, described in shared.items():
        first_role, first = described[0]
        for role, option in described[1:]:
            assert option == first, "%s_%s is not described as %s_%s is" % (role, suffix, first_role, suffix)
