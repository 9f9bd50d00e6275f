# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The filters slp_parse, slp_messages, diagnose and udi_mismatch on real outputs (called directly)."""

from __future__ import annotations

import pytest
from ansible.errors import AnsibleError, AnsibleFilterError

from ansible_collections.smartlic.slp.plugins.filter import diagnose as diagnose_filter
from ansible_collections.smartlic.slp.plugins.filter import slp_messages as messages_filter
from ansible_collections.smartlic.slp.plugins.filter import slp_parse as parse_filter
from ansible_collections.smartlic.slp.plugins.filter import udi_mismatch as udi_filter
from ansible_collections.smartlic.slp.tests.unit.plugins.diagnosis_fixtures import captures

UDI = captures.read("ios_show_license_udi_genie_2.txt")
LOG = captures.read("c9200_show_logging.txt")
STATUS = captures.read("ios_show_license_status_genie_1.txt")
# The seed's sample authorization code file (<udi>P:...,S:...</udi>), with the UDIs of the C9350 stack fixture.
SLAC_HEAD = "<smartLicenseAuthorization>\n"
SLAC_TAIL = "</smartLicenseAuthorization>\n"


def slac(*udis):
    return SLAC_HEAD + "".join("<udi>P:%s,S:%s</udi>\n" % tuple(udi.split(":")) for udi in udis) + SLAC_TAIL


def test_filters_are_registered_under_their_names():
    assert parse_filter.FilterModule().filters() == {"slp_parse": parse_filter.slp_parse}
    assert messages_filter.FilterModule().filters() == {"slp_messages": messages_filter.slp_messages}
    assert diagnose_filter.FilterModule().filters() == {"diagnose": diagnose_filter.diagnose}
    assert udi_filter.FilterModule().filters() == {"udi_mismatch": udi_filter.udi_mismatch}


def test_slp_parse_expands_abbreviations():
    parsed = parse_filter.slp_parse(UDI, "sh lic udi", "cisco.ios.ios")
    assert parsed["command_info"]["canonical"] == "show license udi"
    assert [entry["sn"] for entry in parsed["entries"]] == ["FOC2705Y8X0", "FOC2705Y8XF", "FOC2718Y66X", "FOC2719YOHR"]


@pytest.mark.parametrize("args, message", [
    ((None, "show license udi"), "must be text"),
    ((UDI, ""), "command must be a non-empty string"),
    ((UDI, "show license udi", "junos"), "platform must be ios or nxos"),
])
def test_slp_parse_rejects_bad_input_naming_the_filter(args, message):
    with pytest.raises(AnsibleFilterError, match="smartlic.slp.slp_parse: .*%s" % message):
        parse_filter.slp_parse(*args)


def test_slp_messages_reads_lines_and_lists():
    from_text = messages_filter.slp_messages(LOG, 2026)
    from_lines = messages_filter.slp_messages(LOG.splitlines(), "2026")
    assert len(from_text) == 10
    assert [m["timestamp"] for m in from_text] == [m["timestamp"] for m in from_lines]
    assert from_text[0]["timestamp"].startswith("2026-11-17T18:05:09")
    assert {m["event"] for m in from_text} == {"COMM_FAILED"}
    with pytest.raises(AnsibleFilterError, match="smartlic.slp.slp_messages: default_year"):
        messages_filter.slp_messages(LOG, "last year")
    with pytest.raises(AnsibleFilterError, match="smartlic.slp.slp_messages"):
        messages_filter.slp_messages({"text": LOG})


def test_diagnose_accepts_a_module_result():
    result = {"facts": {"show license status": parse_filter.slp_parse(STATUS, "show license status", "ios")},
              "messages": messages_filter.slp_messages(LOG, 2021), "platform": "ios", "findings": []}
    assert [f["id"] for f in diagnose_filter.diagnose(result)] == [f["id"] for f in diagnose_filter.diagnose(result["facts"], "ios",
                                                                                                             messages=result["messages"])]


@pytest.mark.parametrize("args, kwargs, message", [
    (("show license status",), {}, "the input \\(facts\\) must be a dictionary"),
    (({}, "ios"), {"messages": "COMM_FAILED"}, "messages must be a list"),
    (({}, "ios"), {"intended": ["vrf"]}, "intended must be a dictionary"),
    (({}, "eos"), {}, "platform must be ios or nxos"),
])
def test_diagnose_rejects_bad_input(args, kwargs, message):
    with pytest.raises(AnsibleFilterError, match="smartlic.slp.diagnose: %s" % message):
        diagnose_filter.diagnose(*args, **kwargs)


def test_udi_mismatch_lists_the_differing_udis():
    udi = parse_filter.slp_parse(UDI, "show license udi", "ios")
    serials = [entry["udi"].split(",")[0].split(":")[1] + ":" + entry["sn"] for entry in udi["entries"]]
    assert udi_filter.udi_mismatch(slac(*serials), udi) == []
    # The file was generated without the last stack member and for another chassis.
    differing = udi_filter.udi_mismatch(slac(*(serials[:3] + ["CSR1000V:9D1YXJM3LKC"])), udi)
    assert differing == [{"udi": "PID:CSR1000V,SN:9D1YXJM3LKC", "where": "file"}, {"udi": "PID:C9350-24U,SN:FOC2719YOHR", "where": "device"}]
    # Same answer from facts keyed by command (the templar path runs in tests/integration/test_filters_playbook.py).
    assert udi_filter.udi_mismatch(slac(*serials[:3]), {"show license udi": udi}) == [{"udi": "PID:C9350-24U,SN:FOC2719YOHR", "where": "device"}]


def test_udi_mismatch_rejects_input_without_udis():
    udi = parse_filter.slp_parse(UDI, "show license udi", "ios")
    with pytest.raises(AnsibleFilterError, match="smartlic.slp.udi_mismatch: no <udi>"):
        udi_filter.udi_mismatch(SLAC_HEAD + SLAC_TAIL, udi)
    with pytest.raises(AnsibleFilterError, match="smartlic.slp.udi_mismatch: the udi argument holds no UDI"):
        udi_filter.udi_mismatch(slac("C9350-24U:FOC2705Y8X0"), {"entries": []})
    with pytest.raises(AnsibleError, match="smartlic.slp.udi_mismatch"):
        udi_filter.udi_mismatch(slac("C9350-24U:FOC2705Y8X0"), "PID:C9350-24U,SN:FOC2705Y8X0")
