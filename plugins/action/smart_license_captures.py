# -*- coding: utf-8 -*-
# Copyright: contributors to smartlic.slp
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Run smartlic.slp.smart_license_captures on the controller, with progress lines.

A module reports once, when it ends; a long offline run (thousands of
captures) would be silent for minutes. Here the folder is diagnosed in the
task's worker process (the same code the module runs:
``capture_files.diagnose_folder``), and a progress line goes to the play output at
most every ``progress_interval`` seconds. No AnsiballZ round trip, no device.
"""

from __future__ import annotations

from ansible.errors import AnsibleActionFail
from ansible.plugins.action import ActionBase
from ansible.utils.display import Display

from ansible_collections.smartlic.slp.plugins.module_utils import capture_files, module_specs

display = Display()


class ActionModule(ActionBase):
    """Diagnose a folder of captures in process; say how far a long run is."""

    TRANSFERS_FILES = False
    _requires_connection = False

    def run(self, tmp=None, task_vars=None):
        del tmp  # unused, kept for the ActionBase signature
        result = super().run(task_vars=task_vars or {})
        try:
            _validation, params = self.validate_argument_spec(argument_spec=module_specs.captures_spec(),
                                                              mutually_exclusive=module_specs.CAPTURES_MUTUALLY_EXCLUSIVE)
        except AnsibleActionFail as error:
            result.update(failed=True, msg=str(error))
            return result
        label = "smart_license_captures %s" % params["path"]
        progress = capture_files.ProgressLine(lambda line: display.display("%s: %s" % (label, line)), params["progress_interval"])
        try:
            output, warnings = capture_files.diagnose_folder(params, check_mode=bool(self._task.check_mode), progress=progress)
        except capture_files.FolderError as error:
            result.update(failed=True, msg=str(error))
            return result
        result.update(output)
        if warnings:
            result["warnings"] = list(result.get("warnings") or []) + warnings
        return result
