#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: contributors to smartlic.slp
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Install a Smart Licensing trust code from an ID token (EXEC command, idempotent, check-mode honest)."""

from __future__ import annotations

DOCUMENTATION = r"""
module: smart_license_trust
short_description: Establish Smart Licensing trust with an ID token on IOS XE and NX-OS
version_added: 1.0.0
author:
  - smartlic contributors (@smartlic)
description:
  - Runs the privileged EXEC command C(license smart trust idtoken TOKEN {local|all} [force]) on IOS XE
    (Cisco "Troubleshooting Smart Licensing Using Policy") or C(license smart trust idtoken TOKEN [force]) on NX-OS
    (Cisco Nexus NX-OS Smart Licensing Using Policy user guide, no scope keyword) when the device has no trust code
    installed (or when O(force=true)), then waits, bounded by O(wait_timeout), until C(show license status) shows a
    new trust code timestamp or the log shows a new C(TRUST_CODE_INSTALL_FAILED) message, and reports which.
  - The device answers CSSM's reply some time after the command. When neither shows within O(wait_timeout), the
    outcome is V(pending), not a failure; the device took the command and the answer is on its way. RV(pending) says
    what was sent and when to look again (re-run C(smartlic.slp.diagnose)).
  - Skipped when a trust code is already installed on every UDI the scope covers and O(force=false).
  - The token is never returned, logged or shown in diffs; commands are reported as
    C(license smart trust idtoken ******** local) (IOS XE) or C(license smart trust idtoken ********) (NX-OS).
  - In check mode nothing is sent to the device except read-only C(show) commands; the command that
    would run is returned in RV(would_run).
  - Runs on the controller over an C(ansible.netcommon.network_cli) connection with
    C(ansible_network_os) C(cisco.ios.ios) or C(cisco.nxos.nxos).
extends_documentation_fragment:
  - smartlic.slp.device_wait
  - ansible.builtin.action_common_attributes
attributes:
  check_mode:
    support: full
    description: Read-only C(show) commands run; the trust command is returned in RV(would_run), not sent.
  diff_mode:
    support: full
    description: The diff lists the EXEC command that is (or would be) sent, with the token masked.
options:
  id_token:
    description:
      - The ID token generated in Cisco Smart Software Manager for the Smart/Virtual Account.
      - Never returned or logged.
    type: str
    required: true
  scope:
    description:
      - IOS XE only. V(local) installs the trust code on the active device only, V(all) on every member of an HA set.
      - V(auto) chooses V(all) when C(show license udi) lists more than one UDI, else V(local).
      - NX-OS has no scope keyword; the option is ignored there.
    type: str
    choices: [auto, local, all]
    default: auto
  force:
    description:
      - Add the C(force) keyword, so that CSSM issues a new trust code although one is installed.
      - Use it only after a C(TRUST_CODE_INSTALL_FAILED) caused by an existing trust code; with V(true)
        the command is always sent.
    type: bool
    default: false
  wait_timeout:
    description:
      - Seconds to wait for the new trust code (or a failure message) after the command. V(0) checks once.
      - When neither shows in time the outcome is V(pending) (the task does not fail).
    type: int
    default: 120
notes:
  - The device needs a working transport (smart, direct to CSSM) and a synchronised clock; fix those first
    (roles C(smartlic.slp.transport) and C(smartlic.slp.ntp)).
seealso:
  - module: smartlic.slp.smart_license_sync
"""

EXAMPLES = r"""
# Before: show license status
#   Trust Code Installed: <none>

- name: Establish trust with CSSM
  smartlic.slp.smart_license_trust:
    id_token: "{{ vault_cssm_id_token }}"
    scope: auto
    wait_timeout: 120

# Commands fired:
#   license smart trust idtoken ******** local      (IOS XE)
#   license smart trust idtoken ********            (NX-OS)
#
# After: show license status
#   Trust Code Installed: Nov 22 17:51:02 2026 UTC

- name: Replace an existing trust code (after TRUST_CODE_INSTALL_FAILED, already installed)
  smartlic.slp.smart_license_trust:
    id_token: "{{ vault_cssm_id_token }}"
    force: true

- name: Show what would be sent
  smartlic.slp.smart_license_trust:
    id_token: "{{ vault_cssm_id_token }}"
  check_mode: true
  register: trust
# trust.would_run: ["license smart trust idtoken ******** local"]
"""

RETURN = r"""
commands:
  description: EXEC commands sent to the device, token masked.
  returned: always
  type: list
  elements: str
  sample: ["license smart trust idtoken ******** local"]
would_run:
  description: EXEC commands check mode would have sent, token masked.
  returned: always
  type: list
  elements: str
  sample: ["license smart trust idtoken ******** all force"]
outcome:
  description:
    - V(skipped) (a trust code is installed), V(check_mode) (would run), V(installed) (new trust code seen),
      V(failed) (the device refused the command or logged C(TRUST_CODE_INSTALL_FAILED)) or V(pending) (the device took the
      command; neither a new trust code nor a failure message showed within O(wait_timeout)).
  returned: always
  type: str
  sample: installed
scope:
  description: The scope used on IOS XE (V(local) or V(all)); V(null) on NX-OS, whose command has no scope.
  returned: always
  type: str
  sample: local
pending:
  description:
    - When RV(outcome) is V(pending), what was sent (token masked), when (C(sent_at), controller UTC), when to look
      again (C(recheck_after)) and how (C(how)).
  returned: when RV(outcome) is V(pending)
  type: dict
  sample: {"sent": ["license smart trust idtoken ******** local"], "sent_at": "2026-11-22T17:49:00Z",
           "recheck_after": "2026-11-22T17:54:00Z", "how": "re-run smartlic.slp.diagnose after 2026-11-22T17:54:00Z"}
force:
  description: Whether the C(force) keyword was (or would be) used.
  returned: always
  type: bool
  sample: false
trust_code_before:
  description: Trust code state read before any change.
  returned: always
  type: dict
  sample: {"installed": false, "installed_on": null, "entries": []}
trust_code_after:
  description: Trust code state read after the command.
  returned: when the command was sent
  type: dict
  sample: {"installed": true, "installed_on": "2026-11-22T17:51:02Z", "entries": []}
failures:
  description: New C(TRUST_CODE_INSTALL_FAILED) log lines and refusal lines seen after the command.
  returned: always
  type: list
  elements: str
  sample: ["%SMART_LIC-3-TRUST_CODE_INSTALL_FAILED: The install of a new licensing trust code has failed on PID:C9300,SN:X: Trust Code already installed"]
waited:
  description: Seconds spent waiting for the result.
  returned: always
  type: float
  sample: 5.2
"""

from ansible.module_utils.basic import AnsibleModule
from ansible.module_utils.common.text.converters import to_text
from ansible.module_utils.connection import ConnectionError

from ansible_collections.smartlic.slp.plugins.module_utils import license_actions as actions
from ansible_collections.smartlic.slp.plugins.module_utils.cli_session import CliSession

LOG_COMMANDS = {
    "ios": "show logging | include TRUST_CODE_INSTALL",
    "nxos": "show logging logfile | include TRUST_CODE_INSTALL",
}


class TrustCodeInstaller(CliSession):
    """Reads the device, decides, sends the trust command and waits for its outcome."""

    def __init__(self, module):
        super().__init__(module)
        self.token = module.params["id_token"]

    def run(self):
        params = self.module.params
        platform = self.platform()
        if platform == "nxos":
            # No scope keyword on NX-OS: the check covers the active UDI.
            scope, shown_scope = "local", None
        else:
            scope = actions.choose_scope(params["scope"], self.read("show license udi") if params["scope"] == "auto" else None)
            shown_scope = scope
        force = params["force"]
        status = self.read("show license status")
        result = {
            "changed": False, "commands": [], "would_run": [], "failures": [], "waited": 0.0,
            "scope": shown_scope, "force": force, "trust_code_before": actions.trust_summary(status),
        }
        if not force and actions.trust_installed(status, scope):
            result.update(outcome="skipped", msg="a trust code is already installed%s; nothing sent" % (
                " (%s scope)" % shown_scope if shown_scope else ""))
            return result

        command = actions.trust_command(self.token, scope, force, platform)
        shown = actions.trust_command(actions.MASK, scope, force, platform)
        if self.preview_exec(result, shown):
            return result
        log_command = LOG_COMMANDS[platform]
        log_before = self.run_command(log_command)
        refused = self.send_exec(result, command, shown)
        if refused:
            result.update(failures=refused, trust_code_after=result["trust_code_before"])
            return result

        def probe():
            failures = [line for line in actions.new_lines(log_before, self.run_command(log_command)) if "FAILED" in line.upper()]
            if failures:
                return ("failed", failures, None)
            after = self.read("show license status")
            if actions.trust_renewed(status, after, scope):
                return ("installed", [], after)
            return None

        outcome, waited, probes = actions.wait_for(probe, params["wait_timeout"], params["wait_interval"])
        result["waited"] = waited
        if outcome is None:
            info = actions.pending([shown], actions.TRUST_EXPECTED_SECONDS, waited)
            result.update(outcome="pending", pending=info, trust_code_after=actions.trust_summary(self.read("show license status")),
                          msg="pending: the device took '%s'; no new trust code and no TRUST_CODE_INSTALL_FAILED message yet after %s s "
                          "(%d reads): %s" % (shown, params["wait_timeout"], probes, info["how"]))
            return result
        state, failures, after = outcome
        if state == "failed":
            result.update(outcome="failed", failures=failures, trust_code_after=actions.trust_summary(self.read("show license status")),
                          msg="trust code installation failed: %s" % "; ".join(failures))
        else:
            result.update(outcome="installed", trust_code_after=actions.trust_summary(after),
                          msg="new trust code installed%s after %s s" % (" (%s scope)" % shown_scope if shown_scope else "", waited))
        return result


def main():
    """Entry point."""
    module = AnsibleModule(
        argument_spec={
            "id_token": {"type": "str", "required": True, "no_log": True},
            "scope": {"type": "str", "choices": ["auto", "local", "all"], "default": "auto"},
            "force": {"type": "bool", "default": False},
            "platform": {"type": "str", "choices": ["ios", "nxos"]},
            "wait_timeout": {"type": "int", "default": 120},
            "wait_interval": {"type": "int", "default": 5},
        },
        supports_check_mode=True,
    )
    secrets = [module.params["id_token"]]
    try:
        result = TrustCodeInstaller(module).run()
    except ConnectionError as error:
        module.fail_json(msg=actions.mask(to_text(error), secrets))
    result = actions.mask(result, secrets)
    if result["outcome"] == "failed":
        module.fail_json(**result)
    module.exit_json(**result)


if __name__ == "__main__":
    main()
