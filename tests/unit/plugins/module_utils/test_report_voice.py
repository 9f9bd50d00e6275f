# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""One voice in the reports (issue 21 item 5), on results of real captures.

Day counts are computed once and shown the same everywhere; every finding says why it has its severity;
informational findings ask for nothing; no internal wording; no repeated evidence; one status vocabulary
(report.STATUSES) in the JSON, Markdown and HTML reports and in `make demo`.
"""

from __future__ import annotations

import glob
import json
import os
import re

import pytest

from ansible_collections.smartlic.slp.plugins.module_utils import capture_files, catalog, report
from ansible_collections.smartlic.slp.plugins.module_utils.rules import base

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", "..", ".."))
RULE_FIXTURES = os.path.join(ROOT, "tests", "unit", "plugins", "module_utils", "rules", "fixtures")
CAPTURES = os.path.join(ROOT, "tests", "integration", "fixtures", "captures")
ALL_CAPTURES = sorted(glob.glob(os.path.join(RULE_FIXTURES, "*.txt")) + glob.glob(os.path.join(RULE_FIXTURES, "*.log"))
                      + glob.glob(os.path.join(CAPTURES, "*.txt")) + glob.glob(os.path.join(CAPTURES, "*.log")))
INTERNAL = re.compile(r"\bseeds?\b|seed's", re.IGNORECASE)


def analyze(path):
    return capture_files.analyze_file(path)


@pytest.fixture(name="fleet", scope="module")
def fixture_fleet():
    """Every capture diagnosed once (rules fixtures and the offline captures)."""
    return {os.path.basename(path): analyze(path) for path in ALL_CAPTURES}


def write(tmp_path, results):
    report.write_reports(str(tmp_path), results, generated_at="2026-11-23T10:00:00Z")
    return {name: (tmp_path / name).read_text(encoding="utf-8") for name in os.listdir(str(tmp_path))}


def user_texts(finding):
    """Every text of a finding a person reads."""
    remediation = finding["remediation"]
    texts = [finding["title"], finding["explanation"], finding.get("severity_reason") or "", remediation["action"]]
    texts += remediation["manual_steps"] + list(finding.get("notes") or [])
    texts += [str(item.get("note") or "") for item in finding["evidence"]]
    return texts


# ---------------------------------------------------------------- day counts


@pytest.mark.parametrize("days, count, words", [
    (5.7, 5, "5 day(s) left"), (0.3, 0, "0 day(s) left"), (-0.3, -1, "overdue by 1 day(s)"),
    (-5.3, -5, "overdue by 5 day(s)"), (-1302.4, -1302, "overdue by 1302 day(s)"), (None, None, ""),
])
def test_one_day_count_rule(days, count, words):
    assert base.whole_days(days) == count
    assert base.days_text(days) == words
    assert base.days_text(count) == words, "the text of the count is the text of the days it came from"


def test_the_day_count_is_the_same_in_the_ack_the_finding_and_every_report(tmp_path):
    # Real C9200 outputs: next ACK deadline Jan 12 2022 12:10:32, device clock Aug 7 2025: 1302.x days past.
    result = analyze(os.path.join(CAPTURES, "c9200-cslu.txt"))
    finding = next(item for item in result["findings"] if item["id"] == "report_ack_overdue")
    assert result["ack"]["days_left"] == finding["days_left"] == -1302
    assert finding["title"] == "Usage report ACK overdue by 1302 day(s)"
    files = write(tmp_path, [result])
    shown = set()
    for name, content in files.items():
        shown.update(int(number) for number in re.findall(r"overdue by (\d+) day", content))
    assert shown == {1302}, "every file shows the same count"
    assert "2022-01-12T12:10:32Z (overdue by 1302 day(s))" in files[report.FLEET_MARKDOWN]
    assert '<span class="late">overdue by 1302 day(s)</span>' in files[report.FLEET_HTML]


def test_days_left_counts_down_the_same_way(fleet):
    result = fleet["ios_reporting_required.txt"]
    finding = next(item for item in result["findings"] if item["id"] == "report_ack_overdue")
    assert result["ack"]["days_left"] == finding["days_left"] == 5
    assert finding["title"] == "Usage report ACK due: 5 day(s) left"


# ------------------------------------------------------------------ severity


def test_every_finding_says_why_it_has_its_severity(fleet, tmp_path):
    findings = [finding for result in fleet.values() for finding in result["findings"]]
    assert len(findings) > 30
    for finding in findings:
        assert isinstance(finding.get("severity_reason"), str) and finding["severity_reason"], finding["id"]
        assert set(("id", "severity", "title", "evidence", "remediation")) <= set(finding), "the JSON contract keys stay"
    results = [fleet["ios_utility_smart.txt"], fleet["c9300-smart.log"]]
    files = write(tmp_path, results)
    for result in results:
        for finding in result["findings"]:
            if finding["severity"] in report.ACTIONABLE:
                assert "why %s: %s" % (finding["severity"], finding["severity_reason"]) in files[report.FLEET_MARKDOWN]
            assert "<b>Why %s:</b> %s" % (finding["severity"], finding["severity_reason"]) in files[report.FLEET_HTML]


def test_trust_code_missing_says_why_it_is_an_error_here_and_a_warning_there(fleet):
    """Same finding, same trust evidence (no trust code, direct to CSSM): the reason tells the severities apart."""
    warning = next(f for f in fleet["c9300-smart.log"]["findings"] if f["id"] == "trust_code_missing")
    error = next(f for f in fleet["ios_utility_smart.txt"]["findings"] if f["id"] == "trust_code_missing")
    assert (warning["severity"], error["severity"]) == ("warning", "error")
    assert "no ACK was ever received" in warning["severity_reason"]
    assert "UTILITY_TRUST_CODE" in error["severity_reason"]


# ----------------------------------------------------------- informational


def test_informational_findings_ask_for_nothing(fleet, tmp_path):
    result = fleet["ios_direct_healthy.txt"]
    assert result["findings"] and {f["severity"] for f in result["findings"]} == {"info"}
    for finding in (f for r in fleet.values() for f in r["findings"] if f["severity"] == "info"):
        remediation = finding["remediation"]
        assert remediation["role"] is None and remediation["commands"] == [] and remediation["manual_steps"] == [], finding["id"]
        assert remediation["action"].startswith("No action"), (finding["id"], remediation["action"])
    files = write(tmp_path, [result])
    markdown = files[report.FLEET_MARKDOWN]
    assert "manual steps" not in markdown
    assert "| no action |" in markdown
    assert "Nothing to do." in markdown
    assert "<b>Fix</b>" not in files[report.FLEET_HTML]


def test_a_fleet_row_of_an_informational_finding_never_names_a_fix():
    finding = {"id": "informational_message", "severity": "info", "remediation": {"role": None}}
    assert report.fixed_by(finding) == "no action"
    assert report.fixed_by({"id": "account_mismatch", "severity": "error", "remediation": {"role": None}}) == "manual steps"
    assert report.fixed_by({"id": "clock_not_synchronized", "severity": "warning", "remediation": {"role": "ntp"}}) == "role `ntp`"


# ------------------------------------------------------------------ wording


def test_no_internal_wording_in_findings(fleet, tmp_path):
    for result in fleet.values():
        for finding in result["findings"]:
            for text in user_texts(finding):
                assert not INTERNAL.search(text), (finding["id"], text)
    files = write(tmp_path, list(fleet.values()))
    for name, content in files.items():
        assert not INTERNAL.search(content.replace('"in_seed"', "")), name


def test_no_internal_wording_in_the_message_catalog():
    for entry in catalog.CATALOG.values():
        for key, value in entry.items():
            for text in (value if isinstance(value, list) else [value]):
                if isinstance(text, dict):
                    text = json.dumps(text)
                if isinstance(text, str):
                    assert not INTERNAL.search(text), (entry["event"], key, text)


# ----------------------------------------------------------------- evidence


def test_evidence_is_never_repeated(fleet):
    checked = 0
    for result in fleet.values():
        for finding in result["findings"]:
            keys = [base._evidence_key(item) for item in finding["evidence"]]  # pylint: disable=protected-access
            assert len(keys) == len(set(keys)), (finding["id"], finding["evidence"])
            checked += len(keys)
    assert checked > 50
    # The real tech support of ios_rum_backlog: each counter line once, read from one field or the other.
    backlog = next(f for f in fleet["ios_rum_backlog.txt"]["findings"] if f["id"] == "rum_report_backlog")
    lines = [item.get("line") for item in backlog["evidence"] if item.get("line")]
    assert "purged: 902(902)" in lines and len(lines) == len(set(lines))


def test_repeated_evidence_keeps_the_first_and_its_missing_keys():
    first = {"source": "show license all", "field": "usage_report_summary.purged", "line": "purged: 562"}
    again = {"source": "show license all", "field": "sections.usage_report_summary.purged", "line": "purged: 562", "note": "n"}
    other = {"source": "show license all", "field": "usage_report_summary.available_to_report", "line": "available to report: 147"}
    assert base.unique_evidence([first, again, other, dict(other)]) == [dict(first, note="n"), other]
    # Two log lines alike but at different times are two events.
    one = {"source": "log", "line": "%SMART_LIC-3-COMM_FAILED: x", "timestamp": "2025-01-01T10:00:00"}
    two = dict(one, timestamp="2025-01-01T11:00:00")
    assert base.unique_evidence([one, two]) == [one, two]


# ----------------------------------------------------------------- statuses


def test_one_status_vocabulary_in_json_markdown_and_html(fleet, tmp_path):
    results = [fleet["ios_dns_missing.txt"], fleet["ios_direct_healthy.txt"], fleet["nxos-leaf.txt"], fleet["tac-s1-truncated.txt"]]
    files = write(tmp_path, results)
    summary = json.loads(files[report.FLEET_JSON])
    assert summary["status"] == {"action": 1, "unusable": 1, "info": 1, "ok": 1}
    assert sorted(host["status"] for host in summary["hosts"]) == sorted(report.STATUSES)
    for host in summary["hosts"]:
        assert json.loads(files[host["report"]])["status"] == host["status"]
    markdown, page = files[report.FLEET_MARKDOWN], files[report.FLEET_HTML]
    assert "by status: action 1, unusable 1, info 1, ok 1." in markdown
    for name, meaning in report.STATUSES.items():
        assert "**%s** %s" % (name, meaning) in markdown
        assert "<b>%s</b> %s" % (name, meaning) in page
        assert '<span class="badge sev-%s">%s</span>' % ("error" if name == "action" else name, name) in page
    for word in ("clean", "need action", "info only", ">OK<", " OK,"):
        assert word not in markdown and word not in page, word


def test_the_demo_table_says_what_the_reports_say(fleet, tmp_path):
    """`make demo` prints the report's status word where nothing needs action (it said 'clean' where reports said 'info')."""
    from tests import demo  # pylint: disable=import-outside-toplevel

    results = [fleet["ios_direct_healthy.txt"], fleet["nxos-leaf.txt"], fleet["ios_dns_missing.txt"]]
    report.write_reports(str(tmp_path), results)
    # Live, the report of a host is <inventory hostname>.json; from captures it is <capture stem>.json.
    words = {result["name"]: demo.device_status(str(tmp_path), result["name"]) for result in results}
    assert sorted(words.values()) == ["action", "info", "ok"]
    assert set(words.values()) <= set(report.STATUSES)
    assert demo.device_status(str(tmp_path), "no-such-host") == "no report"


def test_the_docs_define_the_same_status_words_and_severity_reasons():
    with open(os.path.join(ROOT, "docs", "diagnosis.md"), encoding="utf-8") as handle:
        text = handle.read()
    rows = dict(re.findall(r"^\| `(\w+)` \| (.+?) \|$", text.split("### Device status", 1)[1].split("###", 1)[0], re.MULTILINE))
    assert rows == report.STATUSES
    trust = text.split("### Severity", 1)[1]
    for reason in ("the device logged UTILITY_TRUST_CODE: utility mode cannot report without trust",
                   "no communication failure yet, but no ACK was ever received and CSSM sends none without trust"):
        assert reason in trust
