# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The README's "Use it on your own inventory" section, run as written on a fresh clone.

The shell blocks marked ``<!-- own-inventory:NAME -->`` in README.md are read
from the README and run with bash, in order, in a clone of this repository:
``setup`` (clone, virtual environment, pinned requirements), then ``build``
(build and install the tarball) and ``path`` (a collections path to the
clone), each against a two-device lab. Only two words change: the clone URL
(this repository instead of the public one, which CI cannot reach) and
``~/my-inventory.yml`` (the lab's inventory). Each way gets its own
ANSIBLE_HOME, so the second cannot use what the first installed.

Runtime: about 3 minutes, most of it ``pip install -r requirements.txt``.
"""

from __future__ import annotations

import glob
import json
import os
import re
import subprocess

import pytest

from tests.lab.harness import start_lab
from tests.playbook_runner import ROOT

pytestmark = pytest.mark.integration

PUBLIC_URL = "https://github.com/smartlic/slp.git"
BLOCK = re.compile(r"<!-- own-inventory:(?P<name>\w+) -->\s*```sh\n(?P<body>.*?)```", re.DOTALL)
SCENARIOS = [
    {"platform": "ios", "hostname": "own-ios", "faults": []},
    {"platform": "nxos", "hostname": "own-nx", "faults": ["clock_not_synchronized"]},
]
# Warnings a user should never see from a normal run (deprecations of pinned dependencies, Python warnings).
NOISE = re.compile(r"DeprecationWarning|^\[DEPRECATION WARNING\]|Traceback", re.MULTILINE)


def readme_blocks():
    with open(os.path.join(ROOT, "README.md"), encoding="utf-8") as handle:
        return {match.group("name"): match.group("body") for match in BLOCK.finditer(handle.read())}


def clean_env(ansible_home):
    """The caller's environment without Ansible or virtualenv settings, as a new shell would have it."""
    env = {key: value for key, value in os.environ.items()
           if not key.startswith(("ANSIBLE_", "PYTEST_", "VIRTUAL_ENV", "PIP_REQUIRE"))}
    env["PATH"] = os.pathsep.join(part for part in env.get("PATH", "").split(os.pathsep) if ".venv" not in part)
    env.update(ANSIBLE_HOME=str(ansible_home), ANSIBLE_HOST_KEY_CHECKING="false", ANSIBLE_NOCOLOR="1")
    return env


def run_block(script, cwd, env, timeout=900):
    return subprocess.run(["bash", "-e", "-c", script], cwd=str(cwd), env=env, capture_output=True, text=True, timeout=timeout,
                          check=False)


def test_readme_has_the_blocks():
    assert set(readme_blocks()) == {"setup", "build", "path"}


def test_own_inventory_both_ways(tmp_path):
    blocks = readme_blocks()
    assert PUBLIC_URL in blocks["setup"]
    # The setup block clones, creates the venv and installs; its later lines run inside the clone (it cds there).
    setup = blocks["setup"].replace(PUBLIC_URL, ROOT)
    done = run_block(setup + "\npython -c 'import ansible_collections.cisco.ios'\n", tmp_path, clean_env(tmp_path / "home-setup"))
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    clone = tmp_path / "smartlic-slp"
    assert (clone / "galaxy.yml").is_file() and (clone / ".venv" / "bin" / "ansible-playbook").is_file()

    with start_lab(SCENARIOS, tmp_path / "lab") as lab:
        for way in ("build", "path"):
            env = clean_env(tmp_path / ("home-" + way))
            script = ". .venv/bin/activate\n" + blocks[way].replace("~/my-inventory.yml", str(lab.inventory))
            run = run_block(script, clone, env)
            output = run.stdout + run.stderr
            assert run.returncode == 0, way + ": " + output[-4000:]
            assert not NOISE.search(output), way + ": " + output[-4000:]
            reports = sorted(os.path.basename(path) for path in glob.glob(str(clone / "slp-reports" / "*.json")))
            assert "own-ios.json" in reports and "own-nx.json" in reports, reports
            with open(str(clone / "slp-reports" / "own-nx.json"), encoding="utf-8") as handle:
                report = json.load(handle)
            assert "clock_not_synchronized" in [finding["id"] for finding in report["findings"]]
            for stale in glob.glob(str(clone / "slp-reports" / "*")):
                if os.path.isfile(stale):
                    os.remove(stale)
        # Way 1 installed the tarball into its own ANSIBLE_HOME; way 2 found the collection only through the path.
        assert glob.glob(str(tmp_path / "home-build" / "collections" / "ansible_collections" / "smartlic" / "slp" / "MANIFEST.json"))
        assert not os.path.exists(str(tmp_path / "home-path" / "collections" / "ansible_collections" / "smartlic"))
