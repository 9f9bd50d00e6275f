# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Which line a device rejected (plugins/module_utils/rejection.py, filter slp_rejection).

The messages are the failure messages of real smartlic.slp.remediate runs against the lab (tests/integration/test_rejections.py),
as the summary recorded them: network_cli's answer as a bytes repr, with and without ansible-core's 'Task failed: ' prefix,
and the trust module's own message.
"""

from __future__ import annotations

import pytest
from ansible.errors import AnsibleFilterError

from ansible_collections.smartlic.slp.plugins.filter.slp_rejection import slp_rejection
from ansible_collections.smartlic.slp.plugins.module_utils import rejection as rj
from ansible_collections.smartlic.slp.plugins.module_utils import remediation_plan as rp

SAVE = "copy running-config startup-config"
IOS_TRUSTPOINT = ["crypto pki trustpoint SLA-TrustPoint", "enrollment terminal", "revocation-check none", SAVE]
IOS_ENROLLMENT = (
    "b\"enrollment terminal\\r\\n                                               ^\\r\\n% Invalid input detected at '^' marker.\\r\\n\\r\\n"
    "ios-sla-trustpoint-missing-rej2(ca-trustpoint)#\"")
IOS_SAVE = ("b\"copy running-config startup-config\\r\\n                            ^\\r\\n% Invalid input detected at '^' marker.\\r\\n\\r\\n"
            "ios-dns-not-configured-rej2#\\r\\nios-dns-not-configured-rej2#\"")
NXOS_NTP = ("Task failed: b\"ntp server 192.0.2.123 prefer use-vrf management\\r\\n                                          ^\\r\\n"
            "% Invalid command at '^' marker.\\r\\nnxos-clock-not-synchronized-rej1(config)# \"")
NXOS_PROFILE = ("b'profile \"CiscoTAC-1\"\\r\\n    ^\\r\\n% Invalid input detected at \\'^\\' marker.\\r\\n\\r\\nR1(cfg-call-home)#'")
TRUST = ("Trust code not installed on ios-trust-code-missing-rej1 (failed): the device refused 'license smart trust idtoken ******** all': ^; "
         "% Invalid input detected at '^' marker.")


def test_the_rejected_line_splits_what_was_applied_from_what_was_not():
    found = rj.rejection(IOS_ENROLLMENT, IOS_TRUSTPOINT)
    assert found == {"rejected": "enrollment terminal", "device_said": "% Invalid input detected at '^' marker.",
                     "applied": ["crypto pki trustpoint SLA-TrustPoint"], "not_applied": ["enrollment terminal", "revocation-check none", SAVE],
                     "answer": "enrollment terminal: % Invalid input detected at '^' marker."}
    assert rj.describe(found, saved_last=True) == (
        "the device rejected 'enrollment terminal': % Invalid input detected at '^' marker.; applied (not saved): "
        "crypto pki trustpoint SLA-TrustPoint; not applied: enrollment terminal; revocation-check none; " + SAVE)


def test_a_refused_save_leaves_every_line_applied():
    found = rj.rejection(IOS_SAVE, ["ip name-server 192.0.2.53", SAVE])
    assert found["rejected"] == SAVE and found["applied"] == ["ip name-server 192.0.2.53"] and found["not_applied"] == [SAVE]


def test_the_prefix_and_quotes_of_the_answer():
    found = rj.rejection(NXOS_NTP, ["ntp server 192.0.2.123 prefer use-vrf management", SAVE])
    assert found["rejected"] == "ntp server 192.0.2.123 prefer use-vrf management" and found["applied"] == []
    assert found["device_said"] == "% Invalid command at '^' marker."
    found = rj.rejection(NXOS_PROFILE, ["call-home", 'profile "CiscoTAC-1"', "active", SAVE])
    assert found["rejected"] == 'profile "CiscoTAC-1"' and found["applied"] == ["call-home"]
    assert rj.answer_text(NXOS_PROFILE).splitlines()[0] == 'profile "CiscoTAC-1"'


def test_a_module_message_that_quotes_the_line():
    found = rj.rejection(TRUST, ["license smart trust idtoken ******** all"])
    assert found["rejected"] == "license smart trust idtoken ******** all" and found["not_applied"] == [found["rejected"]]
    assert found["device_said"] == "% Invalid input detected at '^' marker."
    assert rj.describe(found) == ("the device rejected 'license smart trust idtoken ******** all': % Invalid input detected at '^' marker.; "
                                  "applied: nothing; not applied: license smart trust idtoken ******** all")


def test_an_answer_that_names_no_line_is_not_guessed():
    sequence = ["ip name-server 192.0.2.53", SAVE]
    for message in ("timeout value 30 seconds reached while trying to send command: b'ip name-server 192.0.2.53'", None, "", 42,
                    "'license smart sync all' failed: COMM_FAILED", "ip name-server 192.0.2.53"):
        found = rj.rejection(message, sequence + ["license smart sync all"])
        assert found["rejected"] is None and found["applied"] is None and found["not_applied"] is None
    assert rj.rejection("unreachable: ssh: connect", ["x"])["answer"] == "unreachable: ssh: connect"


def test_a_percentage_is_not_the_device_words():
    assert rj.device_words("[########################################] 100%\nCopy complete.") == ""
    assert rj.device_words("%Error opening bootflash:x (Permission denied)") == "%Error opening bootflash:x (Permission denied)"


def test_the_filter():
    found = slp_rejection(IOS_SAVE, ["ip name-server 192.0.2.53", SAVE], True)
    assert found["summary"] == ("the device rejected '%s': %% Invalid input detected at '^' marker.; applied (not saved): "
                                "ip name-server 192.0.2.53; not applied: %s" % (SAVE, SAVE))
    assert slp_rejection("connection lost", ["a"])["summary"] is None
    with pytest.raises(AnsibleFilterError, match="slp_rejection: sequence must be a list"):
        slp_rejection(IOS_SAVE, "ip name-server 192.0.2.53")


def _plan(ids):
    findings = [{"id": fid, "severity": "error"} for fid in ids]
    return rp.plan(findings, {"ntp_servers": ["192.0.2.123"], "name_servers": ["192.0.2.53"], "transport_type": "smart",
                              "has_id_token": True})


def test_the_summary_of_a_refused_configuration_line():
    the_plan = _plan(["sla_trustpoint_missing"])
    sequence = IOS_TRUSTPOINT
    found = rj.rejection(IOS_ENROLLMENT, sequence)
    result = {"changed": True, "commands": sequence[:-1], "rejected": found["rejected"], "device_said": found["device_said"],
              "applied": found["applied"], "not_applied": found["not_applied"], "interrupted": False}
    summary = rp.summarize("edge-1", the_plan, {"trustpoint": result}, {"trustpoint": "The trustpoint fix failed on edge-1: ..."},
                           [{"id": "sla_trustpoint_missing", "severity": "error"}], False, "out")
    entry = summary["roles"]["trustpoint"]
    assert entry["status"] == "failed" and summary["failed"] == ["trustpoint"]
    assert entry["applied"] == ["crypto pki trustpoint SLA-TrustPoint"] and entry["not_applied"] == sequence[1:]
    assert entry["reason"] == (
        "the device rejected 'enrollment terminal': % Invalid input detected at '^' marker.; applied (not saved): crypto pki trustpoint "
        "SLA-TrustPoint; not applied: enrollment terminal; revocation-check none; copy running-config startup-config; the second "
        "diagnosis still reports sla_trustpoint_missing (see out/after)")
    assert summary["lines"] == ["trustpoint: failed - " + entry["reason"]]


def test_the_summary_of_a_refused_exec_command_reads_the_module_message():
    the_plan = _plan(["trust_code_missing"])
    result = {"outcome": "failed", "commands": ["license smart trust idtoken ******** all"]}
    summary = rp.summarize("edge-1", the_plan, {"trust_token": result}, {"trust_token": TRUST}, [], False)
    entry = summary["roles"]["trust_token"]
    assert entry["applied"] == [] and entry["not_applied"] == ["license smart trust idtoken ******** all"]
    assert entry["reason"].startswith("the device rejected 'license smart trust idtoken ******** all': % Invalid input")


def test_a_failure_that_is_no_refusal_keeps_its_own_words():
    the_plan = _plan(["report_ack_overdue"])
    result = {"outcome": "failed", "commands": ["license smart sync all"]}
    failure = "Usage reporting not fixed on edge-1 (failed): 'license smart sync all' failed: COMM_FAILED"
    entry = rp.summarize("edge-1", the_plan, {"sync": result}, {"sync": failure}, [], False)["roles"]["sync"]
    assert entry["status"] == "failed" and "applied" not in entry and entry["reason"] == failure
    assert rp.one_line(NXOS_NTP) == "ntp server 192.0.2.123 prefer use-vrf management: % Invalid command at '^' marker."
