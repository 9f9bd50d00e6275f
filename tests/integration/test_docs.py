# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""ansible-doc works for every module, filter and role of the collection (what users run first)."""

from __future__ import annotations

import glob
import json
import os
import subprocess

import pytest

from tests.playbook_runner import BIN, ROOT, ansible_env

pytestmark = pytest.mark.integration


def names(folder, pattern="*.py"):
    return sorted(os.path.basename(path).rsplit(".", 1)[0] for path in glob.glob(os.path.join(ROOT, folder, pattern))
                  if not os.path.basename(path).startswith("_"))


@pytest.mark.parametrize("plugin_type, folder", [("module", "plugins/modules"), ("filter", "plugins/filter")])
def test_every_plugin_has_docs(tmp_path, plugin_type, folder):
    wanted = ["smartlic.slp." + name for name in names(folder)]
    assert wanted, folder
    run = subprocess.run([os.path.join(BIN, "ansible-doc"), "--json", "-t", plugin_type] + wanted, env=ansible_env(tmp_path),
                         capture_output=True, text=True, timeout=300, check=False)
    assert run.returncode == 0, run.stderr
    docs = json.loads(run.stdout)
    assert sorted(docs) == wanted
    for name, doc in docs.items():
        assert doc["doc"].get("short_description"), name
        assert doc["doc"].get("description"), name
        assert doc.get("examples") or doc["doc"].get("examples"), name


def test_every_role_has_an_argument_spec(tmp_path):
    roles = sorted(os.path.basename(path) for path in glob.glob(os.path.join(ROOT, "roles", "*")) if os.path.isdir(path))
    assert {"diagnose", "ntp", "dns", "transport", "trustpoint", "trust_token", "sync"} <= set(roles)
    run = subprocess.run([os.path.join(BIN, "ansible-doc"), "--json", "-t", "role"] + ["smartlic.slp." + role for role in roles],
                         env=ansible_env(tmp_path), capture_output=True, text=True, timeout=300, check=False)
    assert run.returncode == 0, run.stderr
    docs = json.loads(run.stdout)
    for role in roles:
        main = docs["smartlic.slp." + role]["entry_points"]["main"]
        assert main.get("short_description"), role
        assert main.get("options"), role


def test_docs_site_builds_with_the_guides(tmp_path):
    """make docs: the antsibull site builds offline, with a page for every plugin and role and every guide of docs/."""
    site = tmp_path / "site"
    env = {key: value for key, value in os.environ.items() if not key.startswith("ANSIBLE_")}
    run = subprocess.run([os.path.join(ROOT, "scripts", "docs.sh"), str(site)], env=env, capture_output=True, text=True,
                         timeout=600, check=False)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    html = site / "build" / "html"
    guides = names("docs", "*.md")
    assert guides
    for guide in guides:
        assert (html / "guides" / (guide + ".html")).is_file(), guide
    pages = {os.path.basename(path) for path in glob.glob(str(html / "collections" / "smartlic" / "slp" / "*.html"))}
    for name in names("plugins/modules"):
        assert name + "_module.html" in pages, name
    for name in sorted(os.listdir(os.path.join(ROOT, "roles"))):
        assert name + "_role.html" in pages, name
    index = (html / "index.html").read_text(encoding="utf-8")
    assert "guides/index.html" in index
