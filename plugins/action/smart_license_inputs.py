# -*- coding: utf-8 -*-
# Copyright: contributors to smartlic.slp
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Check the variables of a smartlic.slp role or playbook on the controller (no connection, nothing sent).

The checks are in module_utils/inputs.py; this plugin only reads the
variables of the host from the task's variables and reports the problems.
"""

from __future__ import annotations

from ansible.plugins.action import ActionBase
from ansible.utils.display import Display

from ansible_collections.smartlic.slp.plugins.module_utils import inputs
from ansible_collections.smartlic.slp.plugins.plugin_utils.filter_input import native
from ansible_collections.smartlic.slp.plugins.plugin_utils import preload

# Ansible loads this plugin before it forks the task's workers: they inherit the network_cli plugins (plugin_utils/preload.py).
preload.network_plugins()


class ActionModule(ActionBase):
    """Fail with one line per problem; the values of secret variables are never shown."""

    TRANSFERS_FILES = False
    _requires_connection = False
    _supports_check_mode = True

    def run(self, tmp=None, task_vars=None):
        del tmp  # unused, kept for the ActionBase signature
        task_vars = task_vars or {}
        result = super().run(task_vars=task_vars)
        role = self._task.args.get("role")
        playbook = self._task.args.get("playbook")
        if bool(role) == bool(playbook) or set(self._task.args) - {"role", "playbook"}:
            result.update(failed=True, msg="smart_license_inputs takes one option: role or playbook")
            return result
        name = "playbook_%s" % playbook if playbook else str(role)
        subject = "playbook smartlic.slp.%s" % playbook if playbook else "smartlic.slp.%s" % role
        if name not in inputs.VARIABLES:
            result.update(failed=True, msg="smart_license_inputs knows no %s" % subject)
            return result
        values, problems = {}, []
        for variable, spec in inputs.VARIABLES[name][1].items():
            if variable not in task_vars:
                continue
            try:
                values[variable] = native(self._templar.template(task_vars[variable]))
            except Exception as error:  # pylint: disable=broad-except
                # A template that cannot be rendered (an undefined variable, ...): said in one line, the value never shown.
                reason = "" if spec["kind"] == "secret" else ": " + (str(error).strip().splitlines() or ["error"])[0][:200]
                problems.append("%s could not be read%s" % (variable, reason))
        network_os = task_vars.get("ansible_network_os")
        try:
            network_os = native(self._templar.template(network_os)) if network_os is not None else None
        except Exception:  # pylint: disable=broad-except
            network_os = None
        problems.extend(inputs.problems(name, values, network_os))
        deprecations, conflicts = inputs.renamed_in(name, values)
        problems.extend(conflicts)
        for message in deprecations:
            # The version must be a literal for the sanity test; inputs.RENAMED_REMOVAL_VERSION says the same.
            Display().deprecated(message, version="2.0.0", collection_name="smartlic.slp")
        result.update(changed=False, problems=problems)
        if problems:
            result.update(failed=True, msg="%s on %s: %s" % (subject, task_vars.get("inventory_hostname", "?"), "; ".join(problems)))
        else:
            result["msg"] = "%s: every variable is usable" % subject
        return result
