#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: contributors to smartlic.slp
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Install a CA certificate in an IOS XE trustpoint with crypto pki authenticate (idempotent by fingerprint)."""

from __future__ import annotations

DOCUMENTATION = r"""
module: smart_license_trustpoint_ca
short_description: Install the CA certificate of SLA-TrustPoint on IOS XE
version_added: 1.1.0
author:
  - smartlic contributors (@smartlic)
description:
  - Installs a CA certificate (for example the SSM On-Prem CA) in a trustpoint set up for C(enrollment terminal), the way
    Cisco documents it (Cisco IOS Security Command Reference, C(crypto pki authenticate), global configuration mode) -
    C(crypto pki authenticate NAME), the certificate pasted, C(quit), then V(yes) to the device's question
    C(% Do you accept this certificate? [yes/no]:) after it printed the fingerprints.
  - Idempotent - the SHA-1 of the given certificate is compared with the certificate the running configuration shows in
    C(crypto pki certificate chain NAME) (its DER in hex). The same certificate there - nothing is sent.
  - A different CA certificate in the trustpoint is not replaced (a trustpoint holds one, and what trusts it could break) -
    the outcome is V(manual) with the steps in RV(msg).
  - In check mode only C(show running-config) is read; RV(would_send) and the diff show the dialog with the certificate
    replaced by a one-line description (subject, serial, SHA-1).
  - NX-OS has no SLA-TrustPoint step in Cisco's NX-OS Smart Licensing Using Policy troubleshooting; the module changes
    nothing there (outcome V(not_applicable)).
  - Runs on the controller over an C(ansible.netcommon.network_cli) connection with C(ansible_network_os)
    C(cisco.ios.ios). It does not save the configuration (the trustpoint role does, with the save of C(smartlic.slp.config_lines)).
extends_documentation_fragment:
  - ansible.builtin.action_common_attributes
attributes:
  check_mode:
    support: full
    description: Only C(show running-config) is read; the dialog is returned in RV(would_send), not sent.
  diff_mode:
    support: full
    description: The diff lists the lines of the dialog, the certificate as a one-line description.
  platform:
    platforms: network
    description: Cisco IOS XE devices over C(network_cli).
options:
  ca_pem:
    description:
      - The CA certificate, PEM (C(-----BEGIN CERTIFICATE-----) ... C(-----END CERTIFICATE-----)), one self-signed CA certificate.
      - A text that is not one such certificate fails the task before anything is sent.
    type: str
    required: true
  trustpoint:
    description: The trustpoint; Cisco's licensing procedure uses only C(SLA-TrustPoint).
    type: str
    default: SLA-TrustPoint
  running_config:
    description:
      - The device's C(show running-config) read just before (text, or as parsed by C(smartlic.slp.slp_parse)); empty reads
        the device. It must be current - after a change of the trustpoint leave it empty.
    type: raw
    default: ""
  trustpoint_pending:
    description:
      - Check mode only - the trustpoint lines are about to be sent by the task before (they were not, in check mode), so a
        missing trustpoint or C(enrollment terminal) is taken as there.
    type: bool
    default: false
  platform:
    description: V(ios) or V(nxos); the action plugin fills it in from C(ansible_network_os).
    type: str
    choices: [ios, nxos]
"""

EXAMPLES = r"""
- name: Install the SSM On-Prem CA in SLA-TrustPoint
  smartlic.slp.smart_license_trustpoint_ca:
    ca_pem: "{{ lookup('ansible.builtin.file', 'onprem-ca.pem') }}"
  register: ca_result
"""

RETURN = r"""
outcome:
  description: V(ok) (already there), V(changed) (installed), V(check_mode) (would install), V(manual) (not done, see RV(msg)),
    V(not_applicable) (NX-OS).
  returned: always
  type: str
commands:
  description: The lines of the dialog sent, the certificate as a one-line description.
  returned: always
  type: list
  elements: str
would_send:
  description: In check mode, the lines of the dialog that would be sent.
  returned: when the certificate is missing, in check mode
  type: list
  elements: str
certificate:
  description: The given certificate - subject, serial (hex as the running configuration shows it), sha1 and sha256.
  returned: when O(ca_pem) is a certificate
  type: dict
msg:
  description: What was done, or why not and what to do.
  returned: always
  type: str
"""

from ansible.module_utils.basic import AnsibleModule
from ansible.module_utils.common.text.converters import to_text
from ansible.module_utils.connection import Connection, ConnectionError

from ansible_collections.smartlic.slp.plugins.module_utils import pki
from ansible_collections.smartlic.slp.plugins.module_utils.parsers.registry import parse_output

RUNNING_CONFIG = "show running-config"


def _chain_state(facts, name, cert):
    """'present', 'missing', 'different', 'unknown' (content not shown), 'no_trustpoint' or 'not_terminal'; and the CAs."""
    trustpoints = {key.lower(): value for key, value in (facts.get("pki_trustpoints") or {}).items()}
    point = trustpoints.get(name.lower())
    chains = {key.lower(): value for key, value in (facts.get("pki_certificate_chains") or {}).items()}
    cas = [item for item in chains.get(name.lower()) or [] if str(item.get("type") or "").lower() == "ca"]
    if any(item.get("sha1") == cert["sha1"] for item in cas):
        return "present", cas
    if point is None:
        return "no_trustpoint", cas
    if cas:
        return ("unknown" if any(item.get("sha1") is None for item in cas) else "different"), cas
    if str(point.get("enrollment") or "").lower() != "terminal":
        return "not_terminal", cas
    return "missing", cas


class CaInstaller:
    """One run: read, compare, show or send."""

    def __init__(self, module):
        self.module = module
        self.params = module.params
        self._connection = None

    def _device(self):
        if self._connection is None:
            self._connection = Connection(self.module._socket_path)  # pylint: disable=protected-access
        return self._connection

    def _get(self, command, prompt=None, answer=None, check_all=False):
        return to_text(self._device().get(command=command, prompt=prompt, answer=answer, check_all=check_all),
                       errors="surrogate_then_replace")

    def _facts(self):
        given = self.params.get("running_config")
        if isinstance(given, dict) and "pki_trustpoints" in given:
            return given
        text = given if isinstance(given, str) and given.strip() else self._get(RUNNING_CONFIG)
        return parse_output(RUNNING_CONFIG, text, "ios")

    def run(self):
        params = self.params
        name = params["trustpoint"]
        result = {"changed": False, "commands": [], "outcome": "ok"}
        if params.get("platform") == "nxos":
            result.update(outcome="not_applicable", msg="nothing to do on NX-OS: Cisco's NX-OS licensing procedure has no trustpoint "
                                                        "certificate step")
            return result
        try:
            cert = pki.read_pem(params["ca_pem"])
        except pki.PemError as error:
            self.module.fail_json(msg="ca_pem %s" % error, **result)
        result["certificate"] = {"subject": cert["subject"], "serial": pki.serial_text(cert["serial"]), "sha1": cert["sha1"],
                                 "sha256": cert["sha256"]}
        described = pki.describe(cert)
        facts = self._facts()
        if facts.get("warnings") and not facts.get("pki_trustpoints") and not facts.get("hostname"):
            self.module.fail_json(msg="the running configuration could not be read: %s" % "; ".join(facts["warnings"]), **result)
        state, cas = _chain_state(facts, name, cert)
        if state in ("no_trustpoint", "not_terminal") and self.module.check_mode and params["trustpoint_pending"]:
            state = "missing"
        if state == "present":
            result["msg"] = "%s already holds the CA certificate %s" % (name, described)
            return result
        if state == "no_trustpoint":
            self.module.fail_json(msg="trustpoint %s does not exist: create it first (%s; the trustpoint role does)"
                                      % (name, " / ".join(pki.trustpoint_lines(name))), **result)
        if state == "not_terminal":
            self.module.fail_json(msg="trustpoint %s is not set up for enrollment terminal, so a pasted certificate is not taken: "
                                      "configure enrollment terminal first (the trustpoint role does)" % name, **result)
        if state in ("different", "unknown"):
            held = ", ".join("serial %s%s" % (item.get("serial"), " (SHA-1 %s)" % pki.groups(bytes.fromhex(item["sha1"])) if item.get("sha1") else "")
                             for item in cas)
            result.update(outcome="manual", msg=(
                "%s holds another CA certificate (%s), not %s: a trustpoint holds one and it is not replaced automatically. By hand: "
                "remove the trustpoint ('%s', answer yes; its certificates go with it), create it again (%s) and run this again"
                % (name, held, described, pki.remove_trustpoint_command(name), " / ".join(pki.trustpoint_lines(name)))
                if state == "different" else
                "%s holds a CA certificate whose content the running configuration does not show (%s): whether it is %s is "
                "unknown, nothing was sent" % (name, held, described)))
            return result
        shown = pki.shown_dialog(name, cert)
        if self.module._diff:  # pylint: disable=protected-access
            result["diff"] = {"before": "", "after": "\n".join(shown) + "\n", "after_header": "configuration dialog"}
        if self.module.check_mode:
            result.update(changed=True, outcome="check_mode", would_send=shown, msg="check mode: would send %s" % " / ".join(shown))
            return result
        return self._install(name, cert, shown, result)

    def _install(self, name, cert, shown, result):
        dialog = pki.authenticate_dialog(name, cert)
        command = dialog[0][0]
        # The pasted lines and quit go as one answer to the paste prompt (the device reads them line by line), yes as the
        # answer to the acceptance question; network_cli ends each answer with a carriage return.
        prompts = [dialog[1][1], dialog[3][1]]
        answers = ["\r".join(cert["lines"] + [dialog[2][0]]), dialog[3][0]]
        self._get("configure terminal")
        refusal = None
        try:
            output = self._get(command, prompt=prompts, answer=answers, check_all=True)
        except ConnectionError as error:
            output = None
            refusal = _device_lines(to_text(error))
        finally:
            self._get("end")
        result["commands"] = shown
        if output is None or pki.ACCEPTED not in output:
            said = refusal if output is None else _device_lines(output)
            result.update(outcome="failed", msg="the device did not take the CA certificate %s: %s" % (pki.describe(cert), said or "no answer"))
            return result
        facts = parse_output(RUNNING_CONFIG, self._get(RUNNING_CONFIG), "ios")
        if _chain_state(facts, name, cert)[0] != "present":
            result.update(changed=True, outcome="failed", msg="the device accepted the certificate, but the running configuration does "
                                                              "not show it in '%s'" % (pki.CHAIN_BLOCK % name))
            return result
        result.update(changed=True, outcome="changed", msg="installed the CA certificate %s in %s" % (pki.describe(cert), name))
        return result


def _device_lines(text):
    """The device's own lines of an answer (errors, the fingerprints), without the echoed certificate."""
    lines = [line.strip() for line in str(text).replace("\r", "\n").split("\n")]
    return "; ".join(line for line in lines if line.startswith("%") or "Fingerprint" in line or "accepted" in line)[:600]


def main():
    """Entry point."""
    module = AnsibleModule(
        argument_spec={
            "ca_pem": {"type": "str", "required": True},
            "trustpoint": {"type": "str", "default": "SLA-TrustPoint"},
            "running_config": {"type": "raw", "default": ""},
            "trustpoint_pending": {"type": "bool", "default": False},
            "platform": {"type": "str", "choices": ["ios", "nxos"]},
        },
        supports_check_mode=True,
    )
    try:
        result = CaInstaller(module).run()
    except ConnectionError as error:
        module.fail_json(msg="the connection to the device failed: %s" % to_text(error))
    if result["outcome"] == "failed":
        module.fail_json(**result)
    module.exit_json(**result)


if __name__ == "__main__":
    main()
