#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: contributors to smartlic.slp
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Diagnose every capture file of a folder in one task, optionally writing the reports."""

from __future__ import annotations

DOCUMENTATION = r"""
module: smart_license_captures
short_description: Diagnose a folder of Smart Licensing capture files offline
version_added: 1.0.0
author:
  - smartlic contributors (@smartlic)
description:
  - Reads every file of O(path) as the capture of one device (command outputs introduced by prompt lines such as
    C(R1#show license status) or tech-support headers, plus any C(%SMART_LIC) / C(%LICMGR) syslog lines), parses it,
    and diagnoses it with the troubleshooting rules, in one task and in parallel (a process pool sized to the CPUs).
  - A file that holds nothing usable (empty, binary, unreadable, output of commands this collection does not read)
    gives a result saying so, and the other files go on.
  - With O(report_dir), writes the reports itself, C(<capture file stem>.json) per file, C(fleet-summary.json),
    C(fleet-summary.md) and C(fleet-report.html).
  - "Runs on the controller, in the task's worker process (an action plugin), whatever the host; no device is contacted."
extends_documentation_fragment:
  - smartlic.slp.controller
  - ansible.builtin.action_common_attributes
  - smartlic.slp.intended
attributes:
  check_mode:
    support: full
    description: The captures are diagnosed; the reports are not written (RV(files) lists what would be).
options:
  path:
    description: The folder holding the capture files (one per device; hidden files and sub-folders are skipped).
    type: path
    required: true
  patterns:
    description: Read only the files whose name matches one of these shell patterns (for example C(*.txt)).
    type: list
    elements: str
    default: []
  report_dir:
    description: Write the reports into this folder (created when missing). Without it nothing is written.
    type: path
  title:
    description: Title of the Markdown and HTML reports.
    type: str
    default: Smart Licensing diagnosis
  workers:
    description: Processes used to read the files. V(0) uses one per CPU.
    type: int
    default: 0
  return_devices:
    description:
      - Return RV(devices), one result per file.
      - "V(false) for a large folder whose reports are written and read there: the task result then carries the fleet
        summary and the file names only, which keeps a run over thousands of files several times faster (Ansible copies a
        task result between its processes more than once)."
    type: bool
    default: true
  return_facts:
    description:
      - Return the facts and messages of every device in RV(devices) too (large for big folders).
      - Needs O(return_devices=true).
    type: bool
    default: false
  progress_interval:
    description:
      - On a long run, print a progress line (V(400/1000 capture files diagnosed (40%, 210 per second\))) at most every
        this many seconds, and a last one when the run ends. A run shorter than this prints none.
      - V(0) prints one line per file.
    type: float
    default: 5.0
notes:
  - The platform of each file is told from its content; O(platform) forces one for all files.
seealso:
  - module: smartlic.slp.smart_license_facts
"""

EXAMPLES = r"""
# The files and values below come from a real run on captures of real device outputs (the collection's
# tests/integration/fixtures/captures; a unit test checks that they match).
# Folder content:
# ---------------
# captures/c9200-cslu.txt        C9200-Standalone#show license status ... #show clock ... #show logging ...
# captures/c9300-smart.log       ------------------ show license tech support ------------------ ...
# captures/notes.docx            (binary)
# captures/tac-s1-truncated.txt  TAC-S1#show license tech support ... (cut short after 50 lines)

- name: Diagnose every capture and write the reports
  smartlic.slp.smart_license_captures:
    path: captures
    report_dir: reports
  delegate_to: localhost
  run_once: true
  register: offline

# Files written:
# --------------
# reports/c9200-cslu.json  reports/c9300-smart.json  reports/tac-s1-truncated.json
# reports/notes.json  (notes: "usable": false, "reason": "the file is binary, not text")
# reports/fleet-summary.json  reports/fleet-summary.md  reports/fleet-report.html

- name: Fail when a device needs action
  ansible.builtin.assert:
    that: offline.summary.status.action == 0
    fail_msg: "{{ offline.summary.findings | map(attribute='id') | join(', ') }}"

- name: Only the text files, as NX-OS, without writing anything
  smartlic.slp.smart_license_captures:
    path: /srv/captures/nexus
    patterns: ["*.txt"]
    platform: nxos
  delegate_to: localhost
"""

RETURN = r"""
summary:
  description: The fleet summary (the content of C(fleet-summary.json)).
  returned: always
  type: dict
  sample: {"title": "Smart Licensing diagnosis", "generated_at": "2026-12-07T02:18:16Z", "devices": 4,
           "status": {"action": 2, "unusable": 2, "info": 0, "ok": 0},
           "by_severity": {"critical": 1, "error": 1, "warning": 3, "info": 0},
           "findings": [{"id": "report_ack_overdue", "title": "Usage report ACK overdue by 1302 day(s)", "severity": "critical",
                         "role": "sync", "hosts": ["C9200-Standalone"]},
                        {"id": "clock_not_synchronized", "title": "Device clock is not synchronised to NTP", "severity": "warning",
                         "role": "ntp", "hosts": ["C9200-Standalone", "c9300-smart"]}],
           "hosts": [{"host": "C9200-Standalone", "status": "action", "report": "c9200-cslu.json"},
                     {"host": "notes", "status": "unusable", "reason": "the file is binary, not text", "report": "notes.json"}]}
devices:
  description:
    - One result per file, in file name order, shaped as the per-device JSON (C(host), C(platform), C(findings),
      C(summary), C(ack), C(commands), C(usable), C(reason), C(warnings), ...) without C(facts) and C(messages)
      unless O(return_facts=true).
  returned: when O(return_devices=true)
  type: list
  elements: dict
  sample: [{"host": "notes", "name": "notes", "source": "captures/notes.docx", "usable": false,
            "reason": "the file is binary, not text", "findings": []}]
files:
  description: The report files written (or, in check mode, that would be written).
  returned: always
  type: list
  elements: str
  sample: ["reports/c9200-cslu.json", "reports/c9300-smart.json", "reports/notes.json", "reports/tac-s1-truncated.json",
           "reports/fleet-summary.json", "reports/fleet-summary.md", "reports/fleet-report.html"]
workers:
  description: The number of processes used.
  returned: always
  type: int
  sample: 2
"""

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.smartlic.slp.plugins.module_utils import capture_files, module_specs


def main():
    """Entry point when run as a module (the action plugin of the same name runs it on the controller, with progress lines)."""
    module = AnsibleModule(argument_spec=module_specs.captures_spec(), mutually_exclusive=module_specs.CAPTURES_MUTUALLY_EXCLUSIVE, supports_check_mode=True)
    try:
        output, warnings = capture_files.diagnose_folder(module.params, check_mode=module.check_mode)
    except capture_files.FolderError as error:
        module.fail_json(msg=str(error))
    for warning in warnings:
        module.warn(warning)
    module.exit_json(**output)


if __name__ == "__main__":
    main()
