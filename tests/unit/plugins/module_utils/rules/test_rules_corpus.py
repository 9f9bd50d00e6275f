# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Every real licensing output of the corpus, parsed by the real parsers, gives no actionable finding unless it truly shows a problem.

Each exception below names the finding ids the output gives and why the output
itself shows that problem.
"""

from __future__ import annotations

import os

import pytest
from rules_helpers import FIXTURES, actionable_ids

from ansible_collections.smartlic.slp.plugins.module_utils.parsers import registry
from ansible_collections.smartlic.slp.plugins.module_utils.rules import engine

CORPUS = os.path.join(FIXTURES, "corpus")
COMMANDS = {
    "show_license_status": "show license status",
    "show_license_all": "show license all",
    "show_license_tech_support": "show license tech support",
    "show_license_summary": "show license summary",
    "show_license_usage": "show license usage",
    "show_license_udi": "show license udi",
}

FILES = sorted(
    os.path.join(platform, folder, name)
    for platform in sorted(os.listdir(CORPUS))
    for folder in sorted(os.listdir(os.path.join(CORPUS, platform)))
    for name in sorted(os.listdir(os.path.join(CORPUS, platform, folder)))
)

# file → (actionable finding ids, why the output itself shows the problem)
STAGE_URL = ("Transport URL is https://smartreceiver-stage.cisco.com/licservice/license (a Cisco test environment), not exactly the CSSM URL "
             "the seed requires")
NTP_FLAG = "the Smart Agent itself reports 'Clock sync-ed with NTP: False' (Other Info)"
HELLO = "Communication Statistics: every Hello Message to CSLU failed (NO REPLY, Success=0) and no ACK was ever received"
NO_TRUST = "Connected directly to CSSM (Type: Smart), 'Trust Code Installed: <none>' and 'Last ACK received: <none>'"
EXCEPTIONS = {
    "iosxe/show_license_all/ciscodoc_1.txt": (["transport_url_incorrect"], STAGE_URL),
    "iosxe/show_license_all/genie_4.txt": (["transport_url_incorrect"], STAGE_URL),
    "iosxe/show_license_tech_support/genie_1.txt": (["clock_not_synchronized", "cssm_unreachable", "rum_report_backlog"],
                                                    NTP_FLAG + "; " + HELLO + "; 349 reports not acknowledged, 902 purged"),
    "iosxe/show_license_tech_support/genie_2.txt": (["clock_not_synchronized", "cssm_unreachable", "rum_report_backlog"],
                                                    NTP_FLAG + "; " + HELLO + " (205 attempts); 205 reports never acknowledged"),
    "iosxe/show_license_tech_support/genie_4.txt": (["clock_not_synchronized"], NTP_FLAG),
    "iosxe/show_license_tech_support/genie_6.txt": (["clock_not_synchronized", "trust_code_missing"], NTP_FLAG + "; " + NO_TRUST),
    "iosxe/show_license_tech_support/genie_7.txt": (["clock_not_synchronized", "trust_code_missing"], NTP_FLAG + "; " + NO_TRUST),
    "iosxe/show_license_tech_support/genie_8.txt": (["trust_code_missing"], NO_TRUST),
    "iosxe/show_license_tech_support/genie_11.txt": (["cssm_unreachable"], HELLO + " (11 attempts)"),
    "iosxe/show_license_tech_support/genie_12.txt": (["cssm_unreachable", "trust_code_missing"],
                                                     "Trust Establishment with CSSM failed twice with NO REPLY (Success=0); " + NO_TRUST),
    "iosxe/show_license_tech_support/genie_13.txt": (["clock_not_synchronized"], NTP_FLAG),
    "iosxe/show_license_tech_support/genie_14.txt": (["clock_not_synchronized", "transport_url_incorrect", "trust_code_missing"],
                                                     NTP_FLAG + "; URL https://smartreceiver-dev.cisco.com/licservice/license (a Cisco "
                                                     "development environment); " + NO_TRUST),
    "iosxe/show_license_tech_support/genie_15.txt": (["clock_not_synchronized", "cssm_unreachable", "report_ack_overdue", "rum_report_backlog"],
                                                     NTP_FLAG + "; " + HELLO + "; Next ACK deadline Sep 25 2022 against 'Current time: Jul 13 2023' "
                                                     "(291 days overdue); 322 reports never acknowledged"),
    "iosxe/show_license_tech_support/genie_16.txt": (["account_mismatch", "usage_report_failed"],
                                                     "Usage Reporting and Trust Sync fail after the last ACK with 'The identity for the instance ... is "
                                                     "not valid. Please re-register the instance.' (CSSM no longer knows the product instance)"),
}


def _diagnose(path):
    platform, folder, _name = path.split(os.sep)
    with open(os.path.join(CORPUS, path), encoding="utf-8") as handle:
        text = handle.read()
    command = COMMANDS[folder]
    parsed = registry.parse_output(command, text, "nxos" if platform == "nxos" else "ios")
    return engine.diagnose({command: parsed}, [], "nxos" if platform == "nxos" else "ios")


def test_the_corpus_is_all_there():
    assert len(FILES) == 60
    assert set(EXCEPTIONS) <= set(FILES)


@pytest.mark.parametrize("path", FILES)
def test_real_output_gives_no_false_alarm(path):
    findings = _diagnose(path)
    expected, _why = EXCEPTIONS.get(path, ((), ""))
    assert actionable_ids(findings) == sorted(expected), [(f["id"], f["title"]) for f in findings if f["severity"] != "info"]
    for finding in findings:
        assert finding["id"] != "rule_error", finding["notes"]
