"""The execution environment definition produces a valid ansible-builder build context."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tarfile

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
BIN = os.path.dirname(sys.executable)


def _pins(requirements_file):
    pins = {}
    with open(os.path.join(ROOT, requirements_file), encoding="utf-8") as handle:
        for line in handle:
            line = line.split("#", 1)[0].strip()
            if "==" in line:
                name, version = line.split("==", 1)
                pins[name.strip().lower()] = version.strip()
    return pins


def test_ee_pins_match_project_pins():
    with open(os.path.join(ROOT, "execution-environment.yml"), encoding="utf-8") as handle:
        ee = yaml.safe_load(handle)
    assert ee["version"] == 3
    pins = _pins("requirements.txt")
    assert ee["dependencies"]["ansible_core"]["package_pip"] == "ansible-core==" + pins["ansible-core"]
    assert "ansible-pylibssh==" + pins["ansible-pylibssh"] in ee["dependencies"]["python"]
    names = {c["name"] for c in ee["dependencies"]["galaxy"]["collections"]}
    assert {"ansible.netcommon", "ansible.utils", "cisco.ios", "cisco.nxos"} <= names


def test_ansible_builder_creates_build_context(tmp_path):
    work = tmp_path / "repo"
    # Build the collection tarball the definition expects, from a copy of the tree.
    shutil.copytree(ROOT, work, ignore=shutil.ignore_patterns(".venv", ".git", "collections", "tests", "build", ".pytest_cache"))
    (work / "build").mkdir()
    env = dict(os.environ, ANSIBLE_HOME=str(tmp_path / "ansible-home"))
    subprocess.run([os.path.join(BIN, "ansible-galaxy"), "collection", "build", "--output-path", "build", "."],
                   cwd=work, env=env, check=True, capture_output=True)
    built = list((work / "build").glob("smartlic-slp-*.tar.gz"))
    assert len(built) == 1
    with tarfile.open(built[0]) as tar:
        members = tar.getnames()
    assert "galaxy.yml" not in members and "MANIFEST.json" in members
    assert not any(name.startswith((".venv", "collections/", "build/")) for name in members)
    shutil.copy(built[0], work / "build" / "smartlic-slp.tar.gz")

    context = tmp_path / "context"
    result = subprocess.run([os.path.join(BIN, "ansible-builder"), "create", "-f", "execution-environment.yml", "-c", str(context)],
                            cwd=work, env=env, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    dockerfile = (context / "Dockerfile").read_text()
    assert "ansible-galaxy collection install" in dockerfile
    assert (context / "_build" / "collections" / "smartlic-slp.tar.gz").is_file()
    requirements = yaml.safe_load((context / "_build" / "requirements.yml").read_text())
    names = {c["name"] for c in requirements["collections"]}
    assert "cisco.ios" in names and "/build/collections/smartlic-slp.tar.gz" in names
    assert "ansible-pylibssh==" in (context / "_build" / "requirements.txt").read_text()
