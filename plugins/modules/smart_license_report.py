#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: contributors to smartlic.slp
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Write the per-device and fleet reports of a diagnosis run."""

from __future__ import annotations

DOCUMENTATION = r"""
module: smart_license_report
short_description: Write Smart Licensing diagnosis reports (JSON, Markdown, HTML) for a set of devices
version_added: 1.0.0
author:
  - smartlic contributors (@smartlic)
description:
  - Takes the results of M(smartlic.slp.smart_license_facts) for several hosts and writes, once per run,
    C(<host>.json) per device, C(fleet-summary.json), C(fleet-summary.md) and a self-contained C(fleet-report.html)
    (devices by findings grid, severity colours, ACK deadlines and days left, evidence and fix per finding).
  - Hosts listed in O(hosts) without a result (the host failed or was unreachable) appear in the reports as
    not diagnosed.
  - Every file is written atomically (temporary file and rename in the same folder).
  - Use it with C(run_once) and C(delegate_to) V(localhost) after the gathering task.
extends_documentation_fragment:
  - smartlic.slp.controller
  - ansible.builtin.action_common_attributes
attributes:
  check_mode:
    support: full
    description: Nothing is written in check mode; RV(files) lists what would be written.
options:
  results:
    description:
      - One result per device, as returned by M(smartlic.slp.smart_license_facts) (keys C(host), C(platform),
        C(facts), C(messages), C(findings), C(summary), ...). Results of failed tasks are reported as not diagnosed.
    type: list
    elements: dict
    required: true
  hosts:
    description: Every host that should be in the report; those without a result are listed as not diagnosed.
    type: list
    elements: str
    default: []
  report_dir:
    description: The folder to write into (created when missing).
    type: path
    required: true
  title:
    description: Title of the Markdown and HTML reports.
    type: str
    default: Smart Licensing diagnosis
  formats:
    description: Which fleet reports to write.
    type: list
    elements: str
    choices: [json, markdown, html]
    default: [json, markdown, html]
  per_device:
    description: Write C(<host>.json) for every device too.
    type: bool
    default: true
  merge_from:
    description:
      - Report folders written by earlier runs (AWX job slices, C(serial) batches, other controllers) whose
        C(<host>.json) files are added to this report. A host in O(results) wins over the same host in a folder.
    type: list
    elements: path
    default: []
seealso:
  - module: smartlic.slp.smart_license_facts
"""

EXAMPLES = r"""
- name: Collect and diagnose
  smartlic.slp.smart_license_facts:
    host: "{{ inventory_hostname }}"
  register: slp

- name: Write the reports once for the play
  smartlic.slp.smart_license_report:
    results: "{{ ansible_play_hosts_all | map('extract', hostvars) | selectattr('slp', 'defined') | map(attribute='slp') }}"
    hosts: "{{ ansible_play_hosts_all }}"
    report_dir: reports
  run_once: true
  delegate_to: localhost

# Merge the reports of job slices into one fleet report:
- name: One fleet report from every slice
  smartlic.slp.smart_license_report:
    results: []
    merge_from: [reports/slice-1, reports/slice-2, reports/slice-3]
    report_dir: reports/fleet
  run_once: true
  delegate_to: localhost

# Files written (a real run, the two devices' outputs taken from captures; a unit test checks it):
# --------------
# reports/edge-1.json  reports/core-2.json
# reports/fleet-summary.json  reports/fleet-summary.md  reports/fleet-report.html
"""

RETURN = r"""
files:
  description: The files written (in check mode, those that would be written).
  returned: always
  type: list
  elements: str
  sample: ["reports/edge-1.json", "reports/fleet-summary.json", "reports/fleet-summary.md", "reports/fleet-report.html"]
summary:
  description: The fleet summary (the content of C(fleet-summary.json)).
  returned: always
  type: dict
  sample: {"devices": 2, "status": {"action": 1, "unusable": 0, "info": 0, "ok": 1},
           "by_severity": {"critical": 1, "error": 1, "warning": 1, "info": 0},
           "findings": [{"id": "report_ack_overdue", "title": "Usage report ACK overdue by 1302 day(s)", "severity": "critical",
                         "role": "sync", "hosts": ["edge-1"]}],
           "hosts": [{"host": "edge-1", "status": "action", "report": "edge-1.json", "ack_days_left": -1302},
                     {"host": "core-2", "status": "ok", "report": "core-2.json"}]}
"""

import os

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.smartlic.slp.plugins.module_utils import report

# Keys Ansible adds to a registered result, not part of a device report.
TASK_KEYS = ("changed", "failed", "invocation", "skipped", "skip_reason", "warnings", "deprecations", "ansible_facts", "item", "ansible_loop_var",
             "msg", "rc", "unreachable", "exception")


def device_from_result(result):
    """A device result from a registered module result (or a diagnose_result fact)."""
    result = dict(result or {})
    failed = result.get("failed") or result.get("unreachable")
    device = {key: value for key, value in result.items() if key not in TASK_KEYS and not key.startswith("_ansible")}
    if "diagnosis_warnings" in device:
        device["warnings"] = device.pop("diagnosis_warnings") or []
    if failed and not device.get("findings"):
        device["usable"] = False
        device["reason"] = "the task failed: %s" % (result.get("msg") or "no message")
    return device


def main():
    """Entry point."""
    module = AnsibleModule(
        argument_spec={
            "results": {"type": "list", "elements": "dict", "required": True},
            "hosts": {"type": "list", "elements": "str", "default": []},
            "report_dir": {"type": "path", "required": True},
            "title": {"type": "str", "default": "Smart Licensing diagnosis"},
            "formats": {"type": "list", "elements": "str", "choices": list(report.FORMATS), "default": list(report.FORMATS)},
            "per_device": {"type": "bool", "default": True},
            "merge_from": {"type": "list", "elements": "path", "default": []},
        },
        supports_check_mode=True,
    )
    params = module.params
    devices = [device_from_result(result) for result in params["results"]]
    known = {device.get("host") for device in devices}
    for folder in params["merge_from"]:
        merged, warnings = report.read_device_reports(folder)
        for warning in warnings:
            module.warn(warning)
        for device in merged:
            if device.get("host") not in known:
                devices.append(device)
                known.add(device.get("host"))
    for host in params["hosts"]:
        if host not in known:
            devices.append({"host": host, "name": host, "usable": False, "reason": "no result: the host failed or was unreachable"})
    if module.check_mode:
        normalized = [report.normalize_device(device) for device in devices]
        names, _warnings = report.assign_file_names(normalized)
        files = [os.path.join(params["report_dir"], name) for name in names.values()] if params["per_device"] else []
        fleet_names = {"json": report.FLEET_JSON, "markdown": report.FLEET_MARKDOWN, "html": report.FLEET_HTML}
        files += [os.path.join(params["report_dir"], fleet_names[fmt]) for fmt in params["formats"]]
        module.exit_json(changed=bool(files), files=files, summary=report.fleet_summary(normalized, names, title=params["title"]))
    try:
        written = report.write_reports(params["report_dir"], devices, formats=params["formats"], per_device=params["per_device"],
                                       title=params["title"])
    except OSError as error:
        module.fail_json(msg="the reports could not be written to %s: %s" % (params["report_dir"], error))
    for warning in written["warnings"]:
        module.warn(warning)
    module.exit_json(changed=written["changed"], files=written["files"], summary=written["summary"])


if __name__ == "__main__":
    main()
