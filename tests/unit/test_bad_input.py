# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Bad input never breaks the capture reader, the parsers, the syslog reader or the rules.

Hypothesis feeds them random text and bytes, real outputs cut short, the output of another command, two
platforms in one file, empty files, latin-1 and UTF-16 text, CRLF and CR line endings and pasted terminal noise
(the --More-- pager, backspaces, ANSI colours). Each call must return its normal result with no exception, not
even one the code's own guards catch and turn into a warning, and input that cannot be used must say why.
Terminal noise and line endings must not change the diagnosis at all. A 100 MB file is read in bounded time and
memory. The real outputs are the parser and capture fixtures of tests/unit/plugins/module_utils and
tests/integration/fixtures/captures (see the PROVENANCE.md files there).

Set SMARTLIC_FUZZ_COUNT_FILE to a path to get the number of inputs each property tried, as JSON.
"""

from __future__ import annotations

import collections
import glob
import json
import os
import re
import subprocess
import sys
import time

import pytest
from ansible.module_utils.connection import ConnectionError as ConnectionFailure
from ansible.module_utils.testing import patch_module_args
from hypothesis import given, settings, strategies as st

from ansible_collections.smartlic.slp.plugins.module_utils import capture, capture_files, cli_session, gather, pipeline
from ansible_collections.smartlic.slp.plugins.module_utils.parsers import syslog
from ansible_collections.smartlic.slp.plugins.module_utils.parsers import registry
from ansible_collections.smartlic.slp.plugins.modules import smart_license_facts

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
MODULE_UTILS_FIXTURES = os.path.join(HERE, "plugins", "module_utils", "fixtures")
PARSER_FIXTURES = os.path.join(HERE, "plugins", "module_utils", "parsers", "fixtures")
CAPTURE_FOLDERS = (os.path.join(ROOT, "tests", "integration", "fixtures", "captures"), os.path.join(MODULE_UTILS_FIXTURES, "capture"))

EXAMPLES = 100
COUNTS = collections.Counter()


def _read(path):
    with open(path, encoding="utf-8") as handle:
        return handle.read()


def _outputs():
    """[(platform, command, text)] of every real parser fixture; the folder name is the command."""
    found = []
    for folder, platform in (("iosxe", "ios"), ("nxos", "nxos")):
        for name in sorted(os.listdir(os.path.join(PARSER_FIXTURES, folder))):
            command = "ping 192.0.2.1" if name == "ping" else name.replace("_", " ")
            for path in sorted(glob.glob(os.path.join(PARSER_FIXTURES, folder, name, "*.txt"))):
                found.append((platform, command, _read(path)))
    for path in sorted(glob.glob(os.path.join(PARSER_FIXTURES, "show_logging", "*.txt"))):
        nxos = os.path.basename(path).startswith("nxos")
        found.append(("nxos" if nxos else "ios", "show logging logfile" if nxos else "show logging", _read(path)))
    return found


def _captures():
    """{file name: text} of the real capture files."""
    found = {}
    for folder in CAPTURE_FOLDERS:
        for path in sorted(glob.glob(os.path.join(folder, "*"))):
            if os.path.isfile(path) and not path.endswith(".md"):
                found[os.path.basename(path)] = _read(path)
    return found


OUTPUTS = _outputs()
CAPTURES = _captures()
LOG_LINES = [line for path in sorted(glob.glob(os.path.join(MODULE_UTILS_FIXTURES, "syslog", "*.txt"))) for line in _read(path).splitlines() if line.strip()]
# Every command a parser reads, some typed as users do, one with a filter and one in JSON.
COMMANDS = sorted(set(registry.IOS_COMMANDS + registry.NXOS_COMMANDS + ("show logging",))) + [
    "ping 192.0.2.1", "ping vrf Mgmt-vrf cslu-local", "sh lic stat", "show running-config | section ntp", "show license status | json"]
PLATFORMS = (None, "ios", "nxos")
STATUSES = ("ok", "error", "truncated", "empty", "unrecognized", "partial", "ignored")
DEVICE_KEYS = ("host", "platform", "usable", "reason", "facts", "messages", "findings", "summary", "ack", "commands", "warnings")
# What IOS XE sends when its pager prompt is answered with a space: the prompt, then backspaces, blanks and backspaces over it.
PAGER = " --More-- " + "\b" * 10 + " " * 10 + "\b" * 10
NOISE = ("crlf", "cr", "pager", "ansi", "backspace")
# Warnings the code's own guards write when they caught an exception: none may appear.
CAUGHT = re.compile(r"parser (?:for .+?|'[^']*') failed: |stopped early|internal error while reading|rules engine failed|could not be analysed")
INTENDED = ({}, {"ntp_servers": ["192.0.2.123"], "vrf": "Mgmt-vrf"}, {"transport_type": "cslu"},
            {"topology": "onprem", "transport_url": "https://onprem.example.com/cslu/v1/pi/tenant"})


@pytest.fixture(scope="module", autouse=True)
def fixture_fuzz_count():
    """Write the inputs tried per property when SMARTLIC_FUZZ_COUNT_FILE is set (docs/reliability.md)."""
    yield COUNTS
    target = os.environ.get("SMARTLIC_FUZZ_COUNT_FILE")
    if target:
        with open(target, "w", encoding="utf-8") as handle:
            json.dump({"total": sum(COUNTS.values()), "per_property": dict(sorted(COUNTS.items()))}, handle, indent=1)


def add_noise(text, kinds, every=5):
    """The text as a terminal log would have it: line endings, pager prompts, colours, typing corrections."""
    lines = text.split("\n")
    changed = []
    for number, line in enumerate(lines):
        if "ansi" in kinds and line.strip():
            line = re.sub(r"^(\s*)(\S+)", "\\1\x1b[1;32m\\2\x1b[0m", line, count=1)
        if "backspace" in kinds and line.strip():
            line = "q\b" + line
        if "pager" in kinds and number % every == every - 1:
            line = PAGER + line
        changed.append(line)
    text = "\n".join(changed)
    if "crlf" in kinds:
        return text.replace("\n", "\r\n")
    if "cr" in kinds:
        return text.replace("\n", "\r")
    return text


def warnings_of(result):
    found = list(result.get("warnings") or [])
    for parsed in (result.get("facts") or {}).values():
        found.extend(parsed.get("warnings") or [])
    for entry in (result.get("commands") or {}).values():
        found.extend(entry.get("warnings") or [])
    return [str(warning) for warning in found]


def check_parsed(result):
    """A parser result: a JSON-able dict with its unparsed and warnings lists, no caught exception."""
    assert isinstance(result, dict)
    assert isinstance(result["unparsed"], list) and isinstance(result["warnings"], list)
    assert not [warning for warning in result["warnings"] if CAUGHT.search(str(warning))], result["warnings"]
    json.dumps(result)


def check_device(result):
    """A device result as docs/facts.md has it; unusable input says why; no caught exception, no rule error."""
    assert set(DEVICE_KEYS) <= set(result)
    json.dumps(result)
    assert isinstance(result["usable"], bool)
    if not result["usable"]:
        assert isinstance(result["reason"], str) and result["reason"].strip()
        assert result["findings"] == []
    for entry in result["commands"].values():
        assert entry["status"] in STATUSES
        if entry["status"] != "ok":
            assert entry["reasons"], entry
    assert not [warning for warning in warnings_of(result) if CAUGHT.search(warning)]
    assert all(finding["severity"] in ("critical", "error", "warning", "info") for finding in result["findings"])
    assert "rule_error" not in [finding["id"] for finding in result["findings"]]


def essence(result):
    """What a diagnosis concluded: facts, findings, platform, messages and command statuses."""
    facts = {command: {key: value for key, value in parsed.items() if key != "raw"} for command, parsed in result["facts"].items()}
    return (json.dumps(facts, sort_keys=True), sorted(finding["id"] for finding in result["findings"]), result["platform"],
            [(message.get("mnemonic"), message.get("timestamp")) for message in result["messages"]],
            {command: entry["status"] for command, entry in result["commands"].items()})


# ------------------------------------------------------------------ strategies

real_outputs = st.sampled_from(OUTPUTS)
captures = st.sampled_from(sorted(CAPTURES))


@st.composite
def truncated(draw, texts):
    text = draw(texts)
    return text[:draw(st.integers(min_value=0, max_value=len(text)))]


@st.composite
def noisy(draw, texts):
    return add_noise(draw(texts), draw(st.sets(st.sampled_from(NOISE), min_size=1)), draw(st.integers(min_value=1, max_value=9)))


output_texts = st.one_of(
    st.text(max_size=600),
    st.binary(max_size=600).map(lambda data: data.decode("latin-1")),
    real_outputs.map(lambda item: item[2]),
    truncated(real_outputs.map(lambda item: item[2])),
    noisy(real_outputs.map(lambda item: item[2])),
    st.lists(st.sampled_from(LOG_LINES + ["", "  <none>", "R1#", "switch# "]), max_size=30).map("\n".join),
)


# ------------------------------------------------------------------ parsers


@settings(max_examples=EXAMPLES, deadline=None)
@given(command=st.sampled_from(COMMANDS), platform=st.sampled_from(PLATFORMS), text=output_texts)
def test_every_parser_reads_any_text(command, platform, text):
    COUNTS["parsers: any text"] += 1
    check_parsed(registry.parse_output(command, text, platform))


@settings(max_examples=EXAMPLES, deadline=None)
@given(command=st.sampled_from(COMMANDS), data=st.binary(max_size=2000))
def test_every_parser_reads_random_bytes(command, data):
    COUNTS["parsers: random bytes"] += 1
    check_parsed(registry.parse_output(command, data))


@settings(max_examples=EXAMPLES, deadline=None)
@given(output=real_outputs, command=st.sampled_from(COMMANDS))
def test_the_output_of_another_command(output, command):
    COUNTS["parsers: another command's output"] += 1
    platform, real_command, text = output
    result = registry.parse_output(command, text, platform)
    check_parsed(result)
    if registry.canonical_command(command, platform) == "show clock" and "time source" not in text.lower() and "clock" not in real_command:
        # No clock in the text ("Time source is NTP, <time>" and "No time source, <time>" print one): the clock parser
        # must not make one up.
        assert result.get("time") is None


# Long lines and long blank runs: each took seconds to hours before text_lines capped them (quadratic regular expressions).
PATHOLOGICAL = ["x" * 200000, "x" + "\t" * 100000 + "x", " " * 100000 + "y", "a: " + "b " * 50000 + ":", "\n" * 100000, "a" * 50000 + "\b" * 50000]


@pytest.mark.parametrize("command", COMMANDS)
def test_pathological_lines_are_read_in_linear_time(command):
    """Long lines and long blank runs once made regular expressions take minutes (quadratic backtracking)."""
    started = time.process_time()
    for text in PATHOLOGICAL:
        COUNTS["parsers: pathological lines"] += 1
        check_parsed(registry.parse_output(command, text))
    assert time.process_time() - started < 5


def test_pathological_captures_are_read_in_linear_time():
    """The same lines in capture files, and 200000 blank lines (once minutes: the platform scan and the --More-- filter)."""
    started = time.process_time()
    for text in PATHOLOGICAL + ["\n" * 200000, " \n" * 100000, "R1#show clock\n" * 20000]:
        for layout in ("%s", "R1#show license status\n%s", "R1#show license status\n%s\nR1#show clock\n%s"):
            COUNTS["captures: pathological lines"] += 1
            check_device(pipeline.analyze_text(layout.replace("%s", text)))
    assert time.process_time() - started < 30


# ------------------------------------------------------------------ syslog


@settings(max_examples=EXAMPLES, deadline=None)
@given(lines=st.lists(st.one_of(st.sampled_from(LOG_LINES), truncated(st.sampled_from(LOG_LINES)), st.text(max_size=120)), max_size=40),
       year=st.sampled_from((None, 2021, 2026)), kinds=st.sets(st.sampled_from(NOISE)))
def test_syslog_reader_reads_any_log(lines, year, kinds):
    COUNTS["syslog: any log"] += 1
    text = "\n".join(lines)
    messages = syslog.parse_messages(add_noise(text, kinds), year)
    assert isinstance(messages, list) and all(isinstance(message, dict) for message in messages)
    json.dumps(messages)
    # Noise does not add or lose messages.
    assert len(messages) == len(syslog.parse_messages(text, year))


# ------------------------------------------------------------------ capture reader and device results


@st.composite
def capture_texts(draw):
    """A capture file made of real captures, real outputs under a prompt line, random text, cut anywhere."""
    parts = []
    for _number in range(draw(st.integers(min_value=1, max_value=4))):
        kind = draw(st.sampled_from(("capture", "output", "text", "wrong")))
        if kind == "capture":
            parts.append(CAPTURES[draw(captures)])
        elif kind == "output":
            _platform, command, text = draw(real_outputs)
            parts.append("%s%s\n%s" % (draw(st.sampled_from(("R1#", "switch# ", "R1>"))), command, text))
        elif kind == "wrong":
            _platform, _command, text = draw(real_outputs)
            parts.append("R1#%s\n%s" % (draw(st.sampled_from(COMMANDS)), text))
        else:
            parts.append(draw(st.text(max_size=300)))
    text = "\n".join(parts)
    if draw(st.booleans()):
        text = text[:draw(st.integers(min_value=0, max_value=len(text)))]
    return add_noise(text, draw(st.sets(st.sampled_from(NOISE))), draw(st.integers(min_value=1, max_value=9)))


@settings(max_examples=EXAMPLES, deadline=None)
@given(text=capture_texts(), platform=st.sampled_from(PLATFORMS))
def test_capture_reader_and_diagnosis_read_any_capture(text, platform):
    COUNTS["captures: composed"] += 1
    read = capture.read_capture(text, platform)
    assert read["sections"] or read["reason"]
    assert not [warning for warning in read["warnings"] if CAUGHT.search(warning)]
    check_device(pipeline.analyze_text(text, platform))


@settings(max_examples=EXAMPLES, deadline=None)
@given(text=st.one_of(st.text(max_size=2000), st.binary(max_size=2000).map(lambda data: data.decode("latin-1"))))
def test_random_text_is_unusable_with_a_reason(text):
    COUNTS["captures: random text"] += 1
    result = pipeline.analyze_text(text)
    check_device(result)


@settings(max_examples=EXAMPLES, deadline=None)
@given(name=captures, kinds=st.sets(st.sampled_from(NOISE), min_size=1), every=st.integers(min_value=1, max_value=9))
def test_terminal_noise_and_line_endings_do_not_change_the_diagnosis(name, kinds, every):
    COUNTS["captures: noise"] += 1
    clean = pipeline.analyze_text(CAPTURES[name])
    noisy_result = pipeline.analyze_text(add_noise(CAPTURES[name], kinds, every))
    check_device(noisy_result)
    assert essence(noisy_result) == essence(clean)


def test_bare_pager_prompts_keep_lines_apart():
    """A --More-- left in a pasted capture once swallowed the line breaks around it, and the backspaces then ate the line before."""
    text = CAPTURES["c9200-cslu.txt"]
    lines = text.split("\n")
    pasted = "\n".join(line + ("\n --More-- " if number % 4 == 3 else "") for number, line in enumerate(lines))
    assert essence(pipeline.analyze_text(add_noise(text, {"pager"}, 3))) == essence(pipeline.analyze_text(text))
    result = pipeline.analyze_text(pasted)
    check_device(result)
    assert result["facts"]["show license status"] == pipeline.analyze_text(text)["facts"]["show license status"]


@settings(max_examples=EXAMPLES, deadline=None)
@given(first=st.sampled_from(["c9200-cslu.txt", "csr1-pre-slp.txt", "c9300-smart.log"]),
       second=st.sampled_from(["nxos-leaf.txt", "nxos_seed_examples.txt", "nxos_virl_licmgr_blog.txt"]), swap=st.booleans())
def test_two_platforms_in_one_file_are_flagged(first, second, swap):
    COUNTS["captures: mixed platforms"] += 1
    parts = [CAPTURES[first], CAPTURES[second]]
    result = pipeline.analyze_text("\n".join(parts[::-1] if swap else parts))
    check_device(result)
    assert any("may hold more than one device" in warning for warning in result["warnings"]), result["warnings"]


@st.composite
def live_sessions(draw):
    """(platform, outputs, errors) of a live session where any command may answer anything or fail."""
    platform = draw(st.sampled_from(("ios", "nxos")))
    outputs, errors = [], {}
    for command in gather.commands_for(platform, tech_support="always"):
        own = [text for item_platform, item_command, text in OUTPUTS if item_command == command and item_platform == platform]
        kind = draw(st.sampled_from(("own", "own", "cut", "other", "text", "empty", "rejected", "lost")))
        if kind in ("own", "cut") and own:
            text = draw(st.sampled_from(own))
            outputs.append((command, text[:draw(st.integers(min_value=0, max_value=len(text)))] if kind == "cut" else text))
        elif kind == "rejected":
            errors[command] = "%s\n        ^\n%% Invalid input detected at '^' marker.\n" % command
        elif kind == "lost":
            errors[command] = "command timeout triggered, timeout value is 30 secs"
        elif kind == "empty":
            outputs.append((command, ""))
        elif kind == "text":
            outputs.append((command, draw(st.text(max_size=300))))
        else:
            outputs.append((command, draw(real_outputs)[2]))
    return platform, outputs, errors


@settings(max_examples=EXAMPLES, deadline=None)
@given(session=live_sessions(), intended=st.sampled_from(INTENDED))
def test_rules_diagnose_any_live_session(session, intended):
    COUNTS["rules: live sessions"] += 1
    platform, outputs, errors = session
    result = pipeline.analyze_outputs(outputs, platform, host="fuzz-1", errors=errors, intended=intended)
    check_device(result)
    assert result["host"] == "fuzz-1" and result["platform"] == platform
    for command in errors:
        assert result["commands"][command]["status"] == "error"


# ------------------------------------------------------------------ files


@pytest.fixture(name="folder", scope="module")
def fixture_folder(tmp_path_factory):
    return tmp_path_factory.mktemp("bad-files")


@settings(max_examples=EXAMPLES, deadline=None)
@given(data=st.one_of(st.binary(max_size=4000), st.text(max_size=2000).map(lambda text: text.encode("utf-16")),
                      st.binary(max_size=200).map(lambda data: data + b"\x00" * 8)))
def test_any_file_gives_a_result_or_a_reason(folder, data):
    COUNTS["files: random bytes"] += 1
    path = folder / "random.txt"
    path.write_bytes(data)
    result = capture_files.analyze_file(str(path))
    check_device(result)
    assert result["host"] == "random"


@pytest.mark.parametrize("data, reason", [
    (b"", "the file is empty"),
    (b"  \r\n\t\n", "the capture is empty"),
    (b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)) * 4, "the file is binary, not text"),
    ("R1#show license status\n".encode("utf-16-le"), "the file is binary, not text"),
])
def test_unusable_files_say_why(tmp_path, data, reason):
    COUNTS["files: unusable"] += 1
    path = tmp_path / "bad.txt"
    path.write_bytes(data)
    result = capture_files.analyze_file(str(path))
    check_device(result)
    assert result["usable"] is False and result["reason"].startswith(reason)


@pytest.mark.parametrize("name", ["c9200-cslu.txt", "nxos-leaf.txt", "csr1-pre-slp.txt"])
@pytest.mark.parametrize("encoding", ["latin-1", "cp1252", "utf-8-sig", "utf-16", "utf-16-be-bom"])
def test_other_encodings_give_the_same_diagnosis(tmp_path, name, encoding):
    COUNTS["files: encodings"] += 1
    # A site note with non-ASCII letters, as operators add to the files they save.
    text = "Site: Zürich, Rack Ø3 (café)\n" + CAPTURES[name]
    utf8 = tmp_path / "utf8.txt"
    utf8.write_bytes(text.encode("utf-8"))
    other = tmp_path / "other.txt"
    if encoding == "utf-16-be-bom":
        other.write_bytes(b"\xfe\xff" + text.encode("utf-16-be"))
    else:
        other.write_bytes(text.encode(encoding))
    expected = capture_files.analyze_file(str(utf8))
    result = capture_files.analyze_file(str(other))
    check_device(result)
    assert result["usable"] is True
    assert essence(result) == essence(expected)


CHILD = """
import json, resource, sys, time
from tests import collection_path
from ansible_collections.smartlic.slp.plugins.module_utils import capture_files, gather, pipeline
started, cpu = time.monotonic(), time.process_time()
result = capture_files.analyze_file(sys.argv[1])
json.dump({"wall": time.monotonic() - started, "cpu": time.process_time() - cpu,
           "rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0, "usable": result["usable"],
           "warnings": result["warnings"], "findings": sorted(set(finding["id"] for finding in result["findings"])),
           "statuses": [entry["status"] for entry in result["commands"].values()][-3:],
           "reasons": [entry["reasons"] for entry in result["commands"].values()][-1]}, sys.stdout)
"""


def test_a_100_mb_capture_is_cut_at_the_limit_in_bounded_time_and_memory(tmp_path):
    """Repeat a real capture to 100 MB: only the first MAX_CAPTURE_BYTES are read, in a separate process whose CPU time and peak RSS are measured."""
    COUNTS["files: 100 MB"] += 1
    text = CAPTURES["c9200-cslu.txt"]
    block = ((text.rstrip("\n") + "\n") * 1000).encode("utf-8")
    path = tmp_path / "huge.txt"
    with open(path, "wb") as handle:
        written = 0
        while written < 100 * 1000 * 1000:
            handle.write(block)
            written += len(block)
    run = subprocess.run([sys.executable, "-c", CHILD, str(path)], cwd=ROOT, capture_output=True, text=True, timeout=600, check=False)
    assert run.returncode == 0, run.stderr[-2000:]
    figures = json.loads(run.stdout)
    limit = capture_files.MAX_CAPTURE_BYTES // (1024 * 1024)
    assert figures["usable"] is True
    assert figures["warnings"][0].startswith("the file is larger than %d MiB: only its first %d MiB were read" % (limit, limit))
    # The output the cut falls in is not diagnosed from half a page.
    assert figures["statuses"][-1] == "truncated"
    assert "the file was cut after %d MiB inside this output" % limit in figures["reasons"]
    # The same device, the same diagnosis as one copy of the capture.
    assert figures["findings"] == sorted(set(finding["id"] for finding in pipeline.analyze_text(text)["findings"]))
    # Measured on 2 cores: about 10 CPU-s and 130 MiB; the bounds leave room for slower machines.
    assert figures["cpu"] < 90
    assert figures["rss_mib"] < 512


# ------------------------------------------------------------------ what a live session hands the module


class ClosingConnection:
    """A persistent connection whose device rejects one command, then closes the session during the next one."""

    sent = []

    def __init__(self, socket_path):
        self.socket_path = socket_path

    def get(self, command):
        ClosingConnection.sent.append(command)
        if command == "show license status":
            return CAPTURES["csr1-pre-slp.txt"].split("\n", 1)[1]
        if command == "show license udi":
            # network_cli's rejection: the repr of the answer's bytes.
            raise ConnectionFailure(repr(b"show license udi\r\n        ^\r\n% Invalid input detected at '^' marker.\r\n\r\nR1#"))
        # network_cli gives None when the session closes, and the cliconf plugin turns it into the text "None".
        return "None"


def test_a_session_the_device_closes_fails_naming_the_command(monkeypatch, capsys):
    COUNTS["module: closed session"] += 1
    monkeypatch.setattr(cli_session, "Connection", ClosingConnection)
    ClosingConnection.sent = []
    with patch_module_args({"state": "gathered", "host": "edge-9", "platform": "ios", "tech_support": "never", "_ansible_socket": "/tmp/none"}):
        with pytest.raises(SystemExit):
            smart_license_facts.main()
    result = json.loads(capsys.readouterr().out)
    assert result["failed"] is True
    assert result["msg"].startswith("The connection to the device failed at 'show license usage' (command 3, after 1 command(s) were read; 11 not run): "
                                    "the connection closed before the device answered.")
    assert ClosingConnection.sent == ["show license status", "show license udi", "show license usage"]
    # The rejected command's answer is text, not the repr of bytes.
    assert result["commands"]["show license udi"]["reasons"] == ["show license udi\r\n        ^\r\n% Invalid input detected at '^' marker.\r\n\r\nR1#"]
    assert "'show license udi' failed on the device: % Invalid input detected at '^' marker." in result["diagnosis_warnings"]
    assert "findings" not in result
