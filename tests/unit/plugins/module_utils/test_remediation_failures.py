# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""A host whose reads or sends fail is summarised with a one-line reason (plugins/module_utils/remediation_plan.py)."""

from __future__ import annotations

from ansible_collections.smartlic.slp.plugins.filter import slp_remediation_summary as summary_filter
from ansible_collections.smartlic.slp.plugins.module_utils import remediation_plan as rp, report

# What network_cli hands on when the device rejects a configuration line (the line, the caret, the error, the prompt).
REJECTED = "ntp server 192.0.2.123\r\n          ^\r\n% Invalid input detected at '^' marker.\r\n\r\nedge-1(config)#"


def test_a_failure_message_becomes_one_line():
    assert rp.one_line(REJECTED) == "ntp server 192.0.2.123: % Invalid input detected at '^' marker."
    assert rp.one_line("edge-1 could not be read: ssh connect failed: Connection refused") == (
        "edge-1 could not be read: ssh connect failed: Connection refused")
    assert rp.one_line("\n  first line\nsecond line\n") == "first line"
    assert rp.one_line(None) == "failed" and rp.one_line("") == "failed"


def test_a_host_that_was_not_diagnosed_is_summarised_with_its_reason():
    the_plan = rp.plan([])
    reason = ("edge-1 was not diagnosed: show running-config was rejected in user EXEC mode (prompt edge-1>): "
              "set ansible_become: true and ansible_become_method: enable")
    summary = rp.summarize("edge-1", the_plan, failures={"diagnose": reason})
    assert summary["reason"] == reason
    assert summary["failed"] == ["diagnose"] and summary["roles"] == {} and summary["fixed"] == []
    assert summary["lines"] == ["not remediated: " + reason]
    # The filter the playbook calls gives the same, also for a host with no plan at all (it stopped before one).
    assert summary_filter.slp_remediation_summary({}, "edge-1", {}, {"diagnose": reason}) == summary
    assert rp.not_diagnosed("edge-1", REJECTED, check_mode=True)["lines"] == [
        "not remediated: ntp server 192.0.2.123: % Invalid input detected at '^' marker."]


def test_a_failed_role_gives_one_line():
    finding = {"id": "clock_not_synchronized", "severity": "error", "title": "clock", "remediation": {"role": "ntp"}}
    the_plan = rp.plan([finding], {"ntp_servers": ["192.0.2.123"]})
    summary = rp.summarize("edge-1", the_plan, {"ntp": {"commands": []}}, {"ntp": REJECTED}, findings_after=[finding])
    assert summary["roles"]["ntp"]["status"] == "failed"
    assert summary["roles"]["ntp"]["reason"] == "ntp server 192.0.2.123: % Invalid input detected at '^' marker."
    assert all("\n" not in line for line in summary["lines"])


def test_a_failed_second_diagnosis_leaves_the_fixes_unverified():
    finding = {"id": "dns_not_configured", "severity": "error", "title": "dns", "remediation": {"role": "dns"}}
    the_plan = rp.plan([finding], {"name_servers": ["192.0.2.53"]})
    failures = {"diagnose_after": "edge-1 could not be read: command timeout triggered, timeout value is 30 secs"}
    summary = rp.summarize("edge-1", the_plan, {"dns": {"changed": True, "commands": ["ip name-server 192.0.2.53"]}}, failures, None)
    assert summary["failed"] == ["diagnose_after"]
    # Nothing is called fixed that no diagnosis saw fixed.
    assert summary["fixed"] == [] and summary["remaining"] == ["dns_not_configured"]
    assert summary["lines"][-1] == ("the second diagnosis failed, so the fixes are not verified: "
                                    "edge-1 could not be read: command timeout triggered, timeout value is 30 secs")


# What the connection process printed when it died under load (tests/integration/test_remediate.py, a run of 19 devices).
DIED = ("Task failed: Traceback (most recent call last):\n  File \".../ansible/module_utils/connection.py\", line 188, in send\n"
        "    sf.connect(self.socket_path)\nFileNotFoundError: [Errno 2] No such file or directory\n\n"
        "ansible.module_utils.connection.ConnectionError: Unable to decode JSON from response set_options. "
        "See the debug log for more information.\n")


def test_a_traceback_gives_its_last_line():
    assert report.one_line(DIED) == ("ansible.module_utils.connection.ConnectionError: Unable to decode JSON from response set_options. "
                                     "See the debug log for more information.")
    assert report.one_line(REJECTED) == rp.one_line(REJECTED)
    assert report.one_line("command timeout triggered, timeout value is 3 secs.\nSee the timeout setting options in the Network Debug "
                           "and Troubleshooting Guide.") == "command timeout triggered, timeout value is 3 secs."
