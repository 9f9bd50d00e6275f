# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The ID token and the device passwords never leave the vault: the trust flow at -vvvv, then grep everything.

A lab of three devices with their own passwords: IOS XE without a trust code
(two-member stack, so ``all``), NX-OS with a trust code and a failed install
(force allowed), and an IOS XE release that rejects ``license smart trust``
(the error path, where the device echoes the command). The token and the
passwords reach Ansible only through an encrypted vault file. The playbook
tests/integration/playbooks/exec_roles.yml runs in check mode and then for
real (diagnosing before and after, reports written), with --diff and -vvvv. Then no secret may
appear in stdout or stderr, in any file under the Ansible working folder
(reports, results, the private ANSIBLE_HOME, ...), nor in the lab's command
logs, state files, device files and log. Only the lab's own configuration
(its scenario files and the inventory it writes, which a real device and
CSSM would hold) is left out.
"""

from __future__ import annotations

import json
import os
import shutil
import uuid

import pytest
import yaml
from ansible.parsing.vault import VaultLib, VaultSecret

from tests.lab.harness import start_lab
from tests.playbook_runner import run_playbook

pytestmark = pytest.mark.integration

PLAYBOOK = os.path.join(os.path.dirname(os.path.abspath(__file__)), "playbooks", "exec_roles.yml")
RUN_ID = uuid.uuid4().hex
TOKENS = {
    "sec-ios": "IdTok-ios-%s" % RUN_ID,
    "sec-nx": "IdTok-nx-%s" % RUN_ID[::-1],
    "sec-old": "IdTok-old-%s" % RUN_ID[8:] + RUN_ID[:8],
}
LOGIN_PASSWORD = "Login-Pw-%s" % RUN_ID[:20]
ENABLE_PASSWORD = "Enable-Pw-%s" % RUN_ID[12:]
SECRETS = list(TOKENS.values()) + [LOGIN_PASSWORD, ENABLE_PASSWORD]
FAULTS = {"sec-ios": ["trust_code_missing"], "sec-nx": ["trust_code_already_installed"], "sec-old": ["trust_code_missing"]}
# The lab's own configuration: it holds the secrets by design (the device and CSSM know them).
LAB_CONFIG = ("inventory.yml", "scenarios")


def _scenarios():
    """Device logins use LOGIN_PASSWORD, IOS XE enable uses ENABLE_PASSWORD; each device accepts its own token."""
    # CSSM answers the trust request 2 s late (the lab's realistic minute scaled down; the role waits up to 30 s).
    common = {"username": "netops", "password": LOGIN_PASSWORD, "enable_password": ENABLE_PASSWORD, "trust_install_seconds": 2}
    return [
        dict(common, platform="ios", hostname="sec-ios", faults=FAULTS["sec-ios"], valid_tokens=[TOKENS["sec-ios"]],
             ha_members=[{"role": "Standby", "pid": "C9300-24UX", "sn": "FCW2233L0AB"}]),
        dict(common, platform="nxos", hostname="sec-nx", faults=FAULTS["sec-nx"], valid_tokens=[TOKENS["sec-nx"]]),
        dict(common, platform="ios", hostname="sec-old", faults=FAULTS["sec-old"], valid_tokens=[TOKENS["sec-old"]],
             lab_faults={"reject_commands": ["^license smart trust"]}),
    ]


def _write_inventory(lab, folder, vault_password):
    """The lab's inventory without its secrets, which go to an encrypted group_vars file instead."""
    hosts = {}
    for host in lab.hosts():
        variables = {key: value for key, value in lab.host_vars(host).items()
                     if key not in ("ansible_password", "ansible_become_password", "smartlic_id_token")}
        variables.update(ansible_password="{{ vault_login_password }}", exec_role="trust_token", exec_force_allowed=True,
                         exec_token="{{ vault_id_tokens[inventory_hostname] }}", exec_findings=FAULTS[host])
        if "ansible_become" in variables:
            variables["ansible_become_password"] = "{{ vault_enable_password }}"
        hosts[host] = variables
    with open(lab.inventory, encoding="utf-8") as handle:
        group_vars = yaml.safe_load(handle)["all"]["vars"]
    os.makedirs(os.path.join(folder, "group_vars", "all"))
    with open(os.path.join(folder, "hosts.yml"), "w", encoding="utf-8") as handle:
        yaml.safe_dump({"all": {"vars": group_vars, "hosts": hosts}}, handle)
    plain = yaml.safe_dump({"vault_id_tokens": TOKENS, "vault_login_password": LOGIN_PASSWORD, "vault_enable_password": ENABLE_PASSWORD})
    vault = VaultLib([("default", VaultSecret(vault_password.encode()))])
    with open(os.path.join(folder, "group_vars", "all", "vault.yml"), "wb") as handle:
        handle.write(vault.encrypt(plain))
    return folder


@pytest.fixture(name="secret_run", scope="module")
def fixture_secret_run(tmp_path_factory):
    base = tmp_path_factory.mktemp("secrets")
    lab_dir, work = base / "lab", base / "run"
    work.mkdir()
    playbook = str(work / "exec_roles.yml")
    shutil.copy(PLAYBOOK, playbook)
    vault_file = work / "vault-password.txt"
    vault_password = uuid.uuid4().hex
    vault_file.write_text(vault_password, encoding="utf-8")
    runs = {}
    with start_lab(_scenarios(), lab_dir) as lab:
        inventory = _write_inventory(lab, str(work / "inventory"), vault_password)
        common = ("-i", inventory, "--vault-password-file", str(vault_file), "--diff", "-vvvv")
        # check mode is told the findings; the fix diagnoses before and after and writes the reports
        for name, extra, diagnose in (("check", ("--check",), False), ("fix", (), True)):
            out = str(work / ("results-%s.json" % name))
            variables = {"exec_out": out, "exec_report_dir": str(work / "reports" / name), "exec_diagnose_before": diagnose,
                         "exec_diagnose_after": diagnose}
            proc = run_playbook(work, playbook, *common, "-e", json.dumps(variables), *extra, timeout=600)
            results = {}
            if os.path.exists(out):
                with open(out, encoding="utf-8") as handle:
                    results = json.load(handle)
            runs[name] = {"proc": proc, "results": results}
        runs["commands"] = {host: lab.commands(host) for host in lab.hosts()}
    runs["lab_dir"], runs["work"] = str(lab_dir), str(work)
    return runs


def _files(folder, skip=()):
    """Every regular file under folder (symlinks are not followed: the collection link points at the checkout)."""
    for root, dirs, files in os.walk(folder):
        if root == folder:
            dirs[:] = [name for name in dirs if name not in skip]
            files = [name for name in files if name not in skip]
        for name in files:
            path = os.path.join(root, name)
            if os.path.isfile(path) and not os.path.islink(path):
                yield path


def _leaks(text):
    """The secrets (or their first 16 characters) found in text."""
    return [secret for secret in SECRETS if secret in text or secret[:16] in text]


def test_the_flow_ran(secret_run):
    check, fix = secret_run["check"], secret_run["fix"]
    # sec-old fails on purpose (its release rejects the command): exit code 2, the others succeed.
    for run in (check, fix):
        assert run["proc"].returncode == (0 if run is check else 2), run["proc"].stdout[-4000:]
        assert "VALUE_SPECIFIED_IN_NO_LOG_PARAMETER" in run["proc"].stdout  # -vvvv shows the module arguments
    assert check["results"]["sec-ios"]["trust_token"]["would_run"] == ["license smart trust idtoken ******** all"]
    # NX-OS: no scope keyword (Cisco NX-OS SLP user guide).
    assert check["results"]["sec-nx"]["trust_token"]["would_run"] == ["license smart trust idtoken ******** force"]
    assert fix["results"]["sec-ios"]["trust_token"]["outcome"] == "applied"
    assert fix["results"]["sec-nx"]["trust_token"]["outcome"] == "applied"
    assert "trust_code_missing" not in fix["results"]["sec-ios"]["after"]
    assert "trust_code_already_installed" not in fix["results"]["sec-nx"]["after"]
    # It failed; exec_roles.yml records the failure before it fails the host.
    assert "the device refused" in fix["results"]["sec-old"]["failure"]
    refused = fix["results"]["sec-old"]["trust_token"]
    assert refused["outcome"] == "refused" and refused["rejected"] == "license smart trust idtoken ******** local", refused
    assert refused["applied"] == [] and refused["not_applied"] == [refused["rejected"]] and refused["device_said"], refused
    assert "Trust code not installed on sec-old (refused): the device refused" in fix["proc"].stdout
    commands = secret_run["commands"]
    assert "license smart trust idtoken ******** all" in commands["sec-ios"]
    assert "license smart trust idtoken ******** force" in commands["sec-nx"]
    assert "license smart trust idtoken ******** local" in commands["sec-old"]
    assert os.listdir(os.path.join(secret_run["work"], "reports", "fix", "after"))


@pytest.mark.parametrize("name", ["check", "fix"])
def test_no_secret_in_the_output(secret_run, name):
    proc = secret_run[name]["proc"]
    assert _leaks(proc.stdout) == []
    assert _leaks(proc.stderr) == []


def test_no_secret_in_any_controller_file(secret_run):
    paths = list(_files(secret_run["work"]))
    assert any(path.endswith(".json") and "reports" in path for path in paths)
    assert os.path.join(secret_run["work"], "results-fix.json") in paths
    assert os.path.join(secret_run["work"], "inventory", "group_vars", "all", "vault.yml") in paths
    for path in paths:
        with open(path, "rb") as handle:
            text = handle.read().decode("utf-8", errors="replace")
        assert _leaks(text) == [], path


def test_no_secret_in_the_lab_logs_state_or_files(secret_run):
    paths = list(_files(secret_run["lab_dir"], skip=LAB_CONFIG))
    names = [os.path.basename(path) for path in paths]
    assert "sec-ios.commands.log" in names and "sec-ios.json" in names and "lab.log" in names
    # the grep finds them where they are by design: the inventory the lab writes
    with open(os.path.join(secret_run["lab_dir"], "inventory.yml"), encoding="utf-8") as handle:
        assert sorted(_leaks(handle.read())) == sorted(SECRETS)
    for path in paths:
        with open(path, "rb") as handle:
            text = handle.read().decode("utf-8", errors="replace")
        assert _leaks(text) == [], path
