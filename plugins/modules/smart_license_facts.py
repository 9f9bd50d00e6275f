#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: contributors to smartlic.slp
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Collect and diagnose the Smart Licensing state of one device (live or from a capture)."""

from __future__ import annotations

DOCUMENTATION = r"""
module: smart_license_facts
short_description: Collect, parse and diagnose Smart Licensing Using Policy state on IOS XE and NX-OS
version_added: 1.0.0
author:
  - smartlic contributors (@smartlic)
description:
  - O(state=gathered) runs, in one task over C(ansible.netcommon.network_cli), every show command a diagnosis
    needs on the device's platform, parses the outputs and the licensing syslog messages, and with
    O(diagnose=true) runs the troubleshooting rules of the vendor chapters, returning RV(facts), RV(messages),
    RV(findings) and RV(summary).
  - "IOS XE: C(show license status), C(show license udi), C(show license usage), C(show license summary),
    C(show license rum id all), C(show clock), C(show ntp associations), C(show ntp status),
    C(show running-config), C(show call-home profile all), C(show ip http client),
    C(show ip http server session-module), C(show logging), C(show version); C(show license tech support) as
    O(tech_support) says."
  - "NX-OS: C(show license status), C(show license usage), C(show license udi), C(show running-config),
    C(show running-config callhome all), C(show clock), C(show ntp peer-status), C(show logging logfile),
    C(show version); C(show license tech support) and C(show license history message) as O(tech_support) says."
  - Only C(cisco.ios.ios) and C(cisco.nxos.nxos) (or V(ios) and V(nxos)) are read. Any other
    C(ansible_network_os) or O(platform) fails the task before anything is sent to the device.
  - C(show version) checks the declared platform. A device that answers like the other platform (for example
    an IOS XE device declared C(cisco.nxos.nxos)) is not diagnosed. RV(usable) is then false and RV(reason) says
    so in one line. The same happens when C(show license status) or C(show running-config) is rejected, empty,
    cut or not recognised (for example C(show running-config) rejected on IOS XE without C(ansible_become)).
    The role C(smartlic.slp.diagnose) fails such a host with that line.
  - Any other command the device rejects (an older release, C(% Invalid input)) is recorded as an error for
    that command in RV(commands), and the others still run. Output that looks cut (a line ending in C(<none>)
    that the connection took for the prompt, a section missing its end) is reported in RV(commands) and left
    out of the diagnosis. Either way the task gives one warning that names the commands; the device's own
    answers are in RV(commands) (shown with C(-v)).
  - A connection lost during the session (a command timeout, a session the device closed) fails the task with a
    message naming the command it failed at and how many were read; RV(commands) (the status of every command)
    comes with the failure. Nothing is diagnosed from the partial session.
  - O(state=parsed) does the same from the text of a capture in O(running_config), without a connection.
  - The module only reads; it never changes the device.
extends_documentation_fragment:
  - ansible.builtin.action_common_attributes
  - smartlic.slp.intended
attributes:
  check_mode:
    support: full
    description: The module only reads, so check mode runs it unchanged.
  diff_mode:
    support: none
    description: Nothing changes, so there is no diff.
  platform:
    platforms: network
    description: Cisco IOS XE and NX-OS devices over C(ansible.netcommon.network_cli); O(state=parsed) runs anywhere.
options:
  state:
    description:
      - V(gathered) reads the device over the C(network_cli) connection.
      - V(parsed) reads the capture text given in O(running_config); no connection is needed.
    type: str
    choices: [gathered, parsed]
    default: gathered
  running_config:
    description:
      - For O(state=parsed), the text of a capture holding one or more command outputs, each introduced by a
        prompt line echoing the command (C(R1#show license status)) or a tech-support header
        (C(------------------ show license status ------------------)).
    type: str
    aliases: [text]
  host:
    description: The name of the device in the result. Defaults to the hostname of its configuration or prompt.
    type: str
  probes:
    description:
      - For O(state=gathered), reachability probes run after the show commands.
      - V(true) pings the host of the licensing transport URL (smart URL, CSLU address, call-home destination,
        or O(intended.transport_url)) in the licensing VRF.
      - A list pings those targets instead (C(host), C(host vrf NAME) or a dict with C(target) and C(vrf)).
      - V(false) runs no ping.
    type: raw
    default: false
  tech_support:
    description:
      - For O(state=gathered), when to add C(show license tech support) (long output, but it holds the
        communication failure reasons and statistics), and on NX-OS C(show license history message) (the NX-OS
        troubleshooting chapter asks for both outputs with every error message).
      - V(auto) adds tech support when the first diagnosis finds a communication or reporting problem it can explain,
        and on NX-OS the message history when it finds a problem of the chapter's error messages.
    type: str
    choices: [auto, always, never]
    default: auto
  fact_name:
    description:
      - Also set the host facts C(<fact_name>_result) (this module's result) and C(<fact_name>_findings) (its
        findings), so later tasks and roles can read them without a C(set_fact) task per host.
    type: str
notes:
  - Set C(ansible_buffer_read_timeout) to V(0.5) for this task. IOS XE output lines ending in C(<none>) look
    like a prompt; with the default 0.1 s the connection can cut the output there. The role
    C(smartlic.slp.diagnose) does this, and narrows C(ansible_terminal_stderr_re) so that licensing text such as
    C(... not found) is not taken for a CLI error.
  - The per-task cost of C(network_cli) is high (about one CPU-second per host), so everything is collected in
    one task.
seealso:
  - module: smartlic.slp.smart_license_captures
  - module: smartlic.slp.smart_license_report
"""

EXAMPLES = r"""
# The returned values below come from a real run: the module on a capture of real C9200 outputs
# (tests/integration/fixtures/captures/c9200-cslu.txt in the collection; a unit test checks that they match).
# Device state in that capture:
# -----------------------------
# C9200-Standalone#show license status
# Transport:
#   Type: cslu
#   Cslu address: <empty>
# Usage Reporting:
#   Last ACK received: Oct 14 12:10:32 2021 UTC
#   Next ACK deadline: Jan 12 12:10:32 2022 UTC
# C9200-Standalone#show clock
# .04:37:54.849 UTC Thu Aug 7 2025

- name: Diagnose a capture file offline
  smartlic.slp.smart_license_facts:
    state: parsed
    running_config: "{{ lookup('ansible.builtin.file', 'captures/c9200-cslu.txt') }}"
  delegate_to: localhost
  register: offline

# Returned (the findings shortened to their id, severity, why, title and fix):
# ---------
# findings:
#   - id: report_ack_overdue
#     severity: critical
#     severity_reason: "the Next ACK deadline has passed: overdue by 1302 day(s) on the device clock (show clock)"
#     title: Usage report ACK overdue by 1302 day(s)
#     remediation: {role: sync, commands: ["license smart sync all"]}
#   - id: cslu_local_unresolved
#     severity: error
#     severity_reason: the device failed to resolve or reach cslu-local
#     title: The CSLU host name cslu-local does not resolve
#     remediation: {role: dns, commands: ["ip host cslu-local <cslu_address>"]}
#   - id: clock_not_synchronized
#     severity: warning
#     severity_reason: "nothing failed on the clock yet, but installs of policies, authorization and trust codes will"
#     title: Device clock is not synchronised to NTP
#     remediation: {role: ntp, commands: ["ntp server <ntp-server> prefer version 2"]}
# summary: {counts: {critical: 1, error: 1, warning: 1, info: 0}, worst: critical, actionable: 3}
# ack: {next_ack_deadline: "2022-01-12T12:10:32Z", days_left: -1302, clock: "2025-08-07T04:37:54", clock_source: show clock}

- name: Collect and diagnose (one task per device)
  smartlic.slp.smart_license_facts:
    state: gathered
    host: "{{ inventory_hostname }}"
    probes: true
    intended:
      ntp_servers: [192.0.2.123]
      name_servers: [192.0.2.53]
  vars:
    ansible_buffer_read_timeout: 0.5
  register: slp

# Commands sent (IOS XE), in this order:
# --------------------------------------
# show license status
# show license udi
# show license usage
# show license summary
# show license rum id all
# show clock
# show ntp associations
# show ntp status
# show running-config
# show call-home profile all
# show ip http client
# show ip http server session-module
# show logging
# show version
# Then, with probes true, a ping of the licensing server (ping smartreceiver.cisco.com for the smart transport),
# and with tech_support auto, show license tech support when a communication problem was found.

- name: Only the parsed facts, no diagnosis
  smartlic.slp.smart_license_facts:
    state: gathered
    diagnose: false
  register: slp_facts
"""

RETURN = r"""
host:
  description: The device name (O(host), else the hostname from its configuration or prompt).
  returned: always
  type: str
  sample: C9200-Standalone
platform:
  description: V(ios) or V(nxos); null when it could not be told.
  returned: always
  type: str
  sample: ios
facts:
  description: Parsed output of every command, keyed by the canonical command (C(ping ...) keys are the command as run).
  returned: always
  type: dict
  sample: {"show clock": {"time": "2025-08-07T04:37:54Z", "time_raw": ".04:37:54.849 UTC Thu Aug 7 2025", "timezone": "UTC",
                          "authoritative": true, "synchronized": false}}
messages:
  description: Every C(%SMART_LIC) / C(%LICMGR) syslog message found, oldest first.
  returned: always
  type: list
  elements: dict
  sample: [{"facility": "SMART_LIC", "severity": 3, "mnemonic": "COMM_FAILED", "event": "COMM_FAILED",
            "text": "Communications failure with the Cisco Smart License Utility (CSLU) : Unable to resolve server hostname/domain name",
            "timestamp": "2025-11-17T18:05:09",
            "variables": {"peer": "Cisco Smart License Utility (CSLU)", "error": "Unable to resolve server hostname/domain name"}}]
findings:
  description:
    - What is wrong, with the evidence and the fix, worst first. Empty with O(diagnose=false).
    - C(severity) is V(critical), V(error), V(warning) or V(info); only the first three ask for action. C(severity_reason)
      says why the finding has that severity on this device (the same finding can be an error on one device and a warning
      on another). Informational findings have no role, commands or steps.
  returned: always
  type: list
  elements: dict
  sample: [{"id": "clock_not_synchronized", "severity": "warning",
            "severity_reason": "nothing failed on the clock yet, but installs of policies, authorization and trust codes will",
            "title": "Device clock is not synchronised to NTP",
            "evidence": [{"source": "show clock", "field": "synchronized", "value": false, "line": ".04:37:54.849 UTC Thu Aug 7 2025",
                          "note": "'.': the time is authoritative but NTP is not synchronised"}],
            "remediation": {"role": "ntp", "commands": ["ntp server <ntp-server> prefer version 2"], "manual_steps": []},
            "topology": "cslu_push", "confidence": "high",
            "notes": ["no NTP server is known: give the intended servers (ntp_servers) to the ntp role"]}]
summary:
  description: Counts of findings per severity, the worst severity, how many ask for action, the finding ids.
  returned: always
  type: dict
  sample: {"counts": {"critical": 1, "error": 1, "warning": 1, "info": 0}, "total": 3, "worst": "critical", "actionable": 3,
           "finding_ids": ["report_ack_overdue", "cslu_local_unresolved", "clock_not_synchronized"]}
ack:
  description:
    - The usage reporting deadline as the device sees it. C(days_left) counts whole days from the device clock, negative
      once the deadline has passed; the C(report_ack_overdue) finding and the reports show the same count.
  returned: always
  type: dict
  sample: {"next_ack_deadline": "2022-01-12T12:10:32Z", "last_ack_received": "2021-10-14T12:10:32Z", "days_left": -1302,
           "reporting_push_interval_days": 30, "clock": "2025-08-07T04:37:54", "clock_source": "show clock"}
collected_at:
  description: The device clock when the outputs were read (from C(show clock), else the newest log time).
  returned: always
  type: str
  sample: "2025-08-07T04:37:54"
commands:
  description:
    - Status of every command run or found in the capture, keyed by the command as typed.
    - C(status) is V(ok), V(error) (rejected by the device), V(truncated), V(empty), V(unrecognized)
      (output not of that command), V(partial) (a filtered running-config) or V(ignored) (not a command this
      collection reads); C(reasons) says why.
  returned: always
  type: dict
  sample: {"show license tech support": {"command": "show license tech support", "status": "truncated",
                                         "reasons": ["ends with the heading 'Policy:' and nothing under it",
                                                     "show license tech support without its last section 'Platform Provided Mapping Table'"]}}
usable:
  description:
    - False when the outputs cannot be diagnosed. RV(reason) then says why in one line, and there are no
      findings.
    - Live, that is also the case when the device answers like another platform than the declared one, or when
      C(show license status) or C(show running-config) could not be read.
  returned: always
  type: bool
  sample: false
reason:
  description: Why nothing could be diagnosed, in one line, when RV(usable) is false.
  returned: always
  type: str
  sample: "nothing usable: truncated output: show license tech support"
status:
  description:
    - The device status, the word every report uses. V(action) (at least one critical, error or warning finding),
      V(unusable) (not diagnosed, see RV(reason)), V(info) (informational findings only) or V(ok) (no findings).
  returned: always
  type: str
  sample: action
diagnosis_warnings:
  description: Collection problems (truncated output, rejected commands, duplicate sections, unknown platform).
  returned: always
  type: list
  elements: str
  sample: ["'show license tech support': output looks truncated (ends with the heading 'Policy:' and nothing under it; show license tech
            support without its last section 'Platform Provided Mapping Table'); it was not used for the diagnosis"]
"""

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.smartlic.slp.plugins.module_utils import gather, module_specs, pipeline, report
from ansible_collections.smartlic.slp.plugins.module_utils.cli_session import CliSession

# Command statuses named in the one warning of a usable result.
UNREAD = {"error": "rejected", "truncated": "cut", "empty": "no output", "unrecognized": "not recognised"}
RESULT_KEYS = ("host", "platform", "facts", "messages", "findings", "summary", "ack", "collected_at", "commands", "usable", "reason",
               "status")


def gathered(module, intended, slac_text):
    """The device result of a live session: the show commands, the probes, tech support when it helps.

    The device is analysed once. Each output is parsed once (``cache``); only when tech support is added, because
    the first diagnosis found a problem it can explain, are the rules run again, with its output.
    """
    params = module.params
    session = CliSession(module)
    platform = session.platform()
    mode = params["tech_support"]
    session.gather(gather.commands_for(platform, tech_support=mode))
    cache = {}
    wants_probes = _probes_value(module, params["probes"])
    if wants_probes:
        facts = pipeline.facts_of_outputs(session.outputs, platform, cache)
        session.gather(gather.probe_commands(facts, platform, intended, wants_probes))
    if not session.outputs and session.errors:
        first = next(iter(session.errors.items()))
        module.fail_json(msg="No command could be read from the device: %s: %s" % (first[0], report.one_line(first[1])))
    result = _analyze(session, params, intended, slac_text, cache)
    followup = gather.followup_commands(result["findings"], platform, mode) if params["diagnose"] else []
    if followup:
        session.gather(followup)
        result = _analyze(session, params, intended, slac_text, cache)
    result["connection_failure"] = session.lost_message()
    return result


def _analyze(session, params, intended, slac_text, cache):
    return pipeline.analyze_outputs(session.outputs, params["platform"] or session.platform(), host=params["host"], errors=session.errors,
                                    intended=intended, slac_text=slac_text, diagnose=params["diagnose"], cache=cache)


def _probes_value(module, probes):
    """True, False or a list of targets from the raw option."""
    if isinstance(probes, bool):
        return probes
    if probes is None:
        return False
    if isinstance(probes, str):
        lowered = probes.strip().lower()
        if lowered in ("true", "yes", "on", "1"):
            return True
        if lowered in ("false", "no", "off", "0", ""):
            return False
        return [item.strip() for item in probes.split(",") if item.strip()]
    if isinstance(probes, (list, tuple)):
        return list(probes)
    module.fail_json(msg="probes must be a boolean or a list of targets, not %s" % type(probes).__name__)
    return False


def main():
    """Entry point."""
    argument_spec = module_specs.common_spec()
    argument_spec.update(
        state={"type": "str", "choices": ["gathered", "parsed"], "default": "gathered"},
        running_config={"type": "str", "aliases": ["text"]},
        host={"type": "str"},
        probes={"type": "raw", "default": False},
        tech_support={"type": "str", "choices": list(gather.TECH_SUPPORT_MODES), "default": "auto"},
        fact_name={"type": "str"},
    )
    module = AnsibleModule(
        argument_spec=argument_spec,
        required_if=[("state", "parsed", ("running_config",))],
        mutually_exclusive=[("slac_file", "slac_text")],
        supports_check_mode=True,
    )
    params = module.params
    intended = module_specs.clean_intended(params["intended"])
    slac_text, slac_error = module_specs.read_slac(params["slac_file"], params["slac_text"])
    if slac_error:
        module.fail_json(msg=slac_error)
    if params["state"] == "parsed":
        result = pipeline.analyze_text(params["running_config"], platform=params["platform"], host=params["host"], source="running_config",
                                       intended=intended, slac_text=slac_text, diagnose=params["diagnose"])
    else:
        result = gathered(module, intended, slac_text)
    if result["usable"]:
        unread = [name for name, entry in result["commands"].items() if entry.get("status") in UNREAD]
        if unread:
            module.warn("%d command(s) not read, the diagnosis uses the others: %s (the device's answers: commands in the result, shown with -v)"
                        % (len(unread), ", ".join("%s (%s)" % (name, UNREAD[result["commands"][name]["status"]]) for name in unread)))
    output = {key: result.get(key) for key in RESULT_KEYS}
    output["diagnosis_warnings"] = result.get("warnings") or []
    if params["fact_name"]:
        # Saves a set_fact task per host: later tasks and roles read <name>_result and <name>_findings.
        output["ansible_facts"] = {params["fact_name"] + "_result": dict(output), params["fact_name"] + "_findings": output["findings"]}
    if result.get("connection_failure"):
        # What was read and what was not goes with the failure, for callers that ignore errors.
        module.fail_json(msg=result["connection_failure"], changed=False, host=output["host"], platform=output["platform"],
                         commands=output["commands"], diagnosis_warnings=output["diagnosis_warnings"])
    module.exit_json(changed=False, **output)


if __name__ == "__main__":
    main()
