#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: contributors to smartlic.slp
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Send usage reports (license smart sync), save them to a file, or import an ACK file (EXEC commands)."""

from __future__ import annotations

DOCUMENTATION = r"""
module: smart_license_sync
short_description: Synchronise Smart Licensing usage reports and ACKs on IOS XE and NX-OS
version_added: 1.0.0
author:
  - smartlic contributors (@smartlic)
description:
  - O(operation=sync) runs the privileged EXEC command C(license smart sync {all|local}) on IOS XE (the keyword is
    required, Cisco "Command Reference for Smart Licensing Using Policy") or C(license smart sync) on NX-OS (no keyword,
    Cisco Nexus NX-OS Smart Licensing Using Policy user guide, troubleshooting) when a usage report
    ACK is missing, overdue or due within O(due_within_days) days (or always with O(force=true)), then waits,
    bounded by O(wait_timeout), until C(Last ACK received) in C(show license status) changes, or the log shows
    a new C(COMM_FAILED) or C(POLICY_INSTALL_FAILED) message (a failure).
    For topologies where the product instance initiates communication (direct to CSSM, CSLU or SSM On-Prem).
  - In direct mode the ACK takes about 15 minutes to reach the device (Cisco NX-OS troubleshooting, "After the sync
    is completed, wait for 15 minutes to receive acknowledgment"). When no new ACK shows within O(wait_timeout),
    the outcome is V(pending), not a failure; RV(pending) says what was sent and when to look again.
  - O(operation=save_usage) runs C(license smart save usage all file FILE) for the offline topology
    (no connectivity to CSSM and no CSLU), unless FILE is already on the device, and can return the file
    content read with C(more FILE).
  - O(operation=import) runs C(license smart import FILE) for an ACK file already copied to the device,
    unless the device received an ACK at or after O(ack_received_after), then waits for C(Last ACK received)
    to change.
  - In check mode only read-only C(show)/C(dir)/C(more) commands run; the EXEC command that would run is returned
    in RV(would_run).
extends_documentation_fragment:
  - smartlic.slp.device_wait
  - ansible.builtin.action_common_attributes
attributes:
  check_mode:
    support: full
    description: Read-only commands run; the EXEC command is returned in RV(would_run), not sent.
  diff_mode:
    support: full
    description: The diff lists the EXEC command that is (or would be) sent.
options:
  operation:
    description: What to do.
    type: str
    choices: [sync, save_usage, import]
    default: sync
  scope:
    description:
      - For O(operation=sync) on IOS XE, V(all) synchronises every member of an HA set, V(local) the active one.
      - NX-OS has no keyword (C(license smart sync)); the option is ignored there.
    type: str
    choices: [all, local]
    default: all
  file:
    description:
      - Device file for O(operation=save_usage) and O(operation=import), for example C(flash:slp_usage.txt)
        on IOS XE or C(bootflash:slp_usage.txt) on NX-OS.
    type: str
  overwrite:
    description: For O(operation=save_usage), save again although O(file) already exists on the device.
    type: bool
    default: false
  return_content:
    description: For O(operation=save_usage), return the content of O(file) (read with C(more)) in RV(content).
    type: bool
    default: true
  due_within_days:
    description:
      - For O(operation=sync), synchronise only when no ACK was received, the C(Next ACK deadline) has passed, or
        it is at most this many days after the device clock.
    type: int
    default: 14
  force:
    description: For O(operation=sync), synchronise even when no ACK is due.
    type: bool
    default: false
  ack_received_after:
    description:
      - For O(operation=import), skip the import when C(Last ACK received) is at or after this time
        (ISO 8601, for example the time the ACK file was downloaded).
    type: str
  wait_timeout:
    description:
      - Seconds to wait for C(Last ACK received) to change after sync or import. V(0) checks once.
      - A direct ACK takes about 15 minutes; when it has not come in time the outcome is V(pending).
    type: int
    default: 120
  fail_on_pending:
    description:
      - Fail when no new ACK arrives within O(wait_timeout) (outcome V(pending)). With V(false) the task succeeds and
        RV(pending) says when to look again.
    type: bool
    default: false
    aliases: [fail_on_timeout]
notes:
  - In direct mode CSSM takes about 15 minutes to return the ACK; the default O(wait_timeout) does not wait that long
    and reports V(pending); run C(smartlic.slp.diagnose) again after the C(recheck_after) time of RV(pending).
seealso:
  - module: smartlic.slp.smart_license_trust
"""

EXAMPLES = r"""
# Before: show license status
#   Last ACK received: Aug 01 10:00:00 2026 UTC
#   Next ACK deadline: Nov 30 10:00:00 2026 UTC

- name: Send the usage report now
  smartlic.slp.smart_license_sync:
    operation: sync
    scope: all

# Commands fired:
#   license smart sync all      (IOS XE)
#   license smart sync          (NX-OS)
#
# After: show license status
#   Last ACK received: Nov 22 17:55:10 2026 UTC

- name: Offline topology, step 1 - save the usage report and read it back
  smartlic.slp.smart_license_sync:
    operation: save_usage
    file: flash:slp_usage.txt
  register: usage

- name: Offline topology, step 2 - import the ACK file already copied to the device
  smartlic.slp.smart_license_sync:
    operation: import
    file: flash:slp_ack.txt
    ack_received_after: "2026-11-22T18:00:00"
"""

RETURN = r"""
commands:
  description: EXEC commands sent to the device.
  returned: always
  type: list
  elements: str
  sample: ["license smart sync all"]
would_run:
  description: EXEC commands check mode would have sent.
  returned: always
  type: list
  elements: str
  sample: ["license smart import flash:slp_ack.txt"]
outcome:
  description:
    - V(skipped) (nothing needed), V(check_mode) (would run), V(acked) (a new ACK arrived), V(saved) (usage file written),
      V(failed) (the device refused the command, or logged C(COMM_FAILED) / C(POLICY_INSTALL_FAILED) after it) or
      V(pending) (the device took the command; no new ACK yet within O(wait_timeout)).
  returned: always
  type: str
  sample: acked
reason:
  description: Why the command was or was not needed.
  returned: always
  type: str
  sample: the ACK deadline 2026-11-30T10:00:00Z is 7.7 days away (at most 14 allowed)
ack_before:
  description: Usage reporting state read before any change.
  returned: always
  type: dict
  sample: {"last_ack_received": "2026-08-01T10:00:00Z", "next_ack_deadline": "2026-11-30T10:00:00Z"}
ack_after:
  description: Usage reporting state read after the command.
  returned: when the command was sent
  type: dict
  sample: {"last_ack_received": "2026-11-22T17:55:10Z", "next_ack_deadline": "2027-02-20T17:55:10Z"}
content:
  description: Content of the usage file on the device.
  returned: when O(operation=save_usage) and O(return_content=true)
  type: str
  sample: "<?xml version=\"1.0\"?>..."
file_existed:
  description: Whether O(file) was already on the device before the module ran.
  returned: when O(operation=save_usage)
  type: bool
  sample: false
pending:
  description:
    - When RV(outcome) is V(pending), what was sent, when (C(sent_at), controller UTC), when to look again
      (C(recheck_after)) and how (C(how)).
  returned: when RV(outcome) is V(pending)
  type: dict
  sample: {"sent": ["license smart sync all"], "sent_at": "2026-11-22T17:40:10Z", "recheck_after": "2026-11-22T17:55:10Z",
           "how": "re-run smartlic.slp.diagnose after 2026-11-22T17:55:10Z"}
failures:
  description: New C(COMM_FAILED) / C(POLICY_INSTALL_FAILED) log lines seen after a sync or import.
  returned: always
  type: list
  elements: str
  sample: ["%SMART_LIC-3-COMM_FAILED: Communications failure with the Cisco Smart Software Manager (CSSM) : Connection timed out"]
waited:
  description: Seconds spent waiting for a new ACK.
  returned: always
  type: float
  sample: 10.1
"""

from ansible.module_utils.basic import AnsibleModule
from ansible.module_utils.common.text.converters import to_text
from ansible.module_utils.connection import ConnectionError

from ansible_collections.smartlic.slp.plugins.module_utils import license_actions as actions
from ansible_collections.smartlic.slp.plugins.module_utils.cli_session import CliSession

_MISSING_FILE = ("no such file", "not found", "error opening", "does not exist", "invalid path")
# The log lines that say a sync or import failed after the device took the command (seed 000 / 001 message names).
LOG_COMMANDS = {
    "ios": "show logging | include FAILED",
    "nxos": "show logging logfile | include FAILED",
}
_FAILURE_EVENTS = ("COMM_FAILED", "POLICY_INSTALL_FAILED")


class LicenseSync(CliSession):
    """Reads the device, decides, sends one EXEC command and waits for its outcome."""

    def file_exists(self, path):
        """True when ``dir PATH`` lists the file (a device error for a missing file counts as absent)."""
        try:
            output = self.run_command("dir %s" % path)
        except ConnectionError as error:
            if any(word in to_text(error).lower() for word in _MISSING_FILE):
                return False
            raise
        text = output.lower()
        if any(word in text for word in _MISSING_FILE):
            return False
        name = path.split(":", 1)[-1].lstrip("/").rsplit("/", 1)[-1].lower()
        return bool(name) and name in text

    def _send(self, result, command, status, wait):
        """Send ``command`` (or report it in check mode) and wait for a new ACK when ``wait``."""
        if self.preview_exec(result, command):
            return result
        log_command = LOG_COMMANDS[self.platform()] if wait else None
        log_before = self.run_command(log_command) if wait else ""
        if self.send_exec(result, command, command):
            return result
        if not wait:
            return result

        def probe():
            failures = [line for line in actions.new_lines(log_before, self.run_command(log_command))
                        if any(event in line.upper() for event in _FAILURE_EVENTS)]
            if failures:
                return ("failed", failures, None)
            after = self.read("show license status")
            return ("acked", [], after) if actions.ack_renewed(status, after) else None

        outcome, waited, probes = actions.wait_for(probe, self.params["wait_timeout"], self.params["wait_interval"])
        result["waited"] = waited
        if outcome is None:
            info = actions.pending([command], actions.ACK_EXPECTED_SECONDS, waited)
            result.update(outcome="pending", pending=info, ack_after=actions.ack_summary(self.read("show license status")),
                          msg="pending: the device took '%s'; Last ACK received has not changed yet after %s s (%d reads), the ACK "
                          "can take about 15 minutes: %s" % (command, self.params["wait_timeout"], probes, info["how"]))
        elif outcome[0] == "failed":
            result.update(outcome="failed", failures=outcome[1], ack_after=actions.ack_summary(self.read("show license status")),
                          msg="'%s' failed: %s" % (command, "; ".join(outcome[1])))
        else:
            result.update(outcome="acked", ack_after=actions.ack_summary(outcome[2]),
                          msg="new ACK received after '%s' (%s s)" % (command, waited))
        return result

    # --- operations --------------------------------------------------------------------------------------

    def run(self):
        status = self.read("show license status")
        result = {"changed": False, "commands": [], "would_run": [], "failures": [], "waited": 0.0, "ack_before": actions.ack_summary(status),
                  "reason": ""}
        return getattr(self, "_" + self.params["operation"])(result, status)

    def _sync(self, result, status):
        if self.params["force"]:
            result["reason"] = "force requested"
        else:
            clock = self.read("show clock")
            due, result["reason"] = actions.ack_due(status, clock.get("time") or clock.get("time_raw"), self.params["due_within_days"])
            if not due:
                result.update(outcome="skipped", msg="no sync needed: %s" % result["reason"])
                return result
        return self._send(result, actions.sync_command(self.params["scope"], self.platform()), status, wait=True)

    def _save_usage(self, result, status):
        path = self.params["file"]
        result["file_existed"] = self.file_exists(path)
        if result["file_existed"] and not self.params["overwrite"]:
            result.update(outcome="skipped", reason="%s is already on the device" % path, msg="usage file %s already saved" % path)
        else:
            result["reason"] = "usage report requested for the offline topology"
            self._send(result, actions.save_usage_command(path), status, wait=False)
            if result.get("outcome") is None:
                result.update(outcome="saved", msg="usage report saved to %s" % path)
        if self.params["return_content"] and result["outcome"] in ("skipped", "saved"):
            result["content"] = self.run_command("more %s" % path)
        return result

    def _import(self, result, status):
        path = self.params["file"]
        since = self.params["ack_received_after"]
        if since and actions.ack_received_since(status, since):
            result.update(outcome="skipped", reason="Last ACK received (%s) is not older than %s" % (result["ack_before"]["last_ack_received"], since),
                          msg="ACK already imported")
            return result
        result["reason"] = "ACK file %s to import" % path
        return self._send(result, actions.import_command(path), status, wait=True)


def main():
    """Entry point."""
    module = AnsibleModule(
        argument_spec={
            "operation": {"type": "str", "choices": ["sync", "save_usage", "import"], "default": "sync"},
            "scope": {"type": "str", "choices": ["all", "local"], "default": "all"},
            "file": {"type": "str"},
            "overwrite": {"type": "bool", "default": False},
            "return_content": {"type": "bool", "default": True},
            "due_within_days": {"type": "int", "default": 14},
            "force": {"type": "bool", "default": False},
            "ack_received_after": {"type": "str"},
            "platform": {"type": "str", "choices": ["ios", "nxos"]},
            "wait_timeout": {"type": "int", "default": 120},
            "wait_interval": {"type": "int", "default": 5},
            "fail_on_pending": {"type": "bool", "default": False, "aliases": ["fail_on_timeout"]},
        },
        required_if=[("operation", "save_usage", ["file"]), ("operation", "import", ["file"])],
        supports_check_mode=True,
    )
    try:
        result = LicenseSync(module).run()
    except ConnectionError as error:
        module.fail_json(msg=to_text(error))
    if result["outcome"] == "failed" or (result["outcome"] == "pending" and module.params["fail_on_pending"]):
        module.fail_json(**result)
    module.exit_json(**result)


if __name__ == "__main__":
    main()
