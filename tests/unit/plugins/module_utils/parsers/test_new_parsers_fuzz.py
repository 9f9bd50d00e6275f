# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Property tests of the clock, NTP, ping, running-config, call-home and HTTP parsers: any text gives a dict, never an exception.

Inputs: random text, binary-looking text, and the real fixtures of each parser truncated at a random line or with their lines shuffled.
"""

from __future__ import annotations

import json
import os

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ansible_collections.smartlic.slp.plugins.module_utils.parsers import (
    ping,
    show_call_home_profile_all,
    show_clock,
    show_ip_http_client,
    show_ip_http_server_session_module,
    show_ntp_associations,
    show_ntp_peer_status,
    show_ntp_status,
    show_running_config,
    show_running_config_callhome,
)

FIXTURES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fixtures")
PARSERS = {
    "iosxe/show_clock": show_clock,
    "iosxe/show_ntp_associations": show_ntp_associations,
    "iosxe/show_ntp_status": show_ntp_status,
    "nxos/show_ntp_peer-status": show_ntp_peer_status,
    "iosxe/ping": ping,
    "nxos/ping": ping,
    "iosxe/show_running-config": show_running_config,
    "nxos/show_running-config": show_running_config,
    "nxos/show_running-config_callhome_all": show_running_config_callhome,
    "iosxe/show_call-home_profile_all": show_call_home_profile_all,
    "iosxe/show_ip_http_client": show_ip_http_client,
    "iosxe/show_ip_http_server_session-module": show_ip_http_server_session_module,
}
MODULES = sorted(set(PARSERS.values()), key=lambda module: module.__name__)


def _fixture_lines():
    found = []
    for folder, module in sorted(PARSERS.items()):
        for name in sorted(os.listdir(os.path.join(FIXTURES, folder))):
            if name.endswith(".txt"):
                with open(os.path.join(FIXTURES, folder, name), encoding="utf-8") as handle:
                    found.append((module, handle.read().splitlines()))
    return found


FIXTURE_LINES = _fixture_lines()


def _check(result):
    assert isinstance(result, dict)
    assert isinstance(result["unparsed"], list) and isinstance(result["warnings"], list)
    assert not any(warning.startswith("parser for ") for warning in result["warnings"]), result["warnings"]
    json.dumps(result)


def test_every_parser_has_fixtures():
    assert {module for module, _lines in FIXTURE_LINES} == set(MODULES)


@settings(max_examples=50, deadline=None)
@given(st.sampled_from(MODULES), st.text(max_size=400))
def test_random_text(module, text):
    _check(module.parse(text))


@settings(max_examples=50, deadline=None)
@given(st.sampled_from(MODULES), st.binary(max_size=300))
def test_binary_looking_text(module, data):
    _check(module.parse(data.decode("latin-1")))


@settings(max_examples=50, deadline=None)
@given(st.sampled_from(MODULES), st.lists(st.sampled_from(["*", ".", "~", "!", "%", "#", " ", "  ", "\t", "\r", "\n", ":", "=", "-", "(", ")",
                                                           "ntp server", "vrf", "use-vrf", "profile", "call-home", "callhome", "Sending",
                                                           "Success rate is", "percent", "(0/5)", "12:00:00.000", "UTC", "Aug", "2023",
                                                           "Time source is", "Profile Name:", "SL_HTTP", "Active", "1", "10.1.1.1",
                                                           "packets transmitted", "license smart url", "Total peers :"]), max_size=60))
def test_cli_flavoured_text(module, words):
    _check(module.parse("".join(words)))


@settings(max_examples=50, deadline=None)
@given(st.data())
def test_truncated_fixtures(data):
    module, lines = data.draw(st.sampled_from(FIXTURE_LINES))
    cut = data.draw(st.integers(min_value=0, max_value=len(lines)))
    keep_partial = data.draw(st.integers(min_value=0, max_value=40))
    text = "\n".join(lines[:cut])
    if cut < len(lines):
        text += "\n" + lines[cut][:keep_partial]
    _check(module.parse(text))


@settings(max_examples=50, deadline=None)
@given(st.data())
def test_shuffled_fixtures(data):
    module, lines = data.draw(st.sampled_from(FIXTURE_LINES))
    shuffled = data.draw(st.permutations(lines))
    _check(module.parse("\n".join(shuffled)))


@pytest.mark.parametrize("module", MODULES, ids=lambda module: module.__name__.rsplit(".", 1)[-1])
@pytest.mark.parametrize("value", [None, b"\x00\xff\xfe", "\x00" * 10, "\r\n" * 5, "--More--" * 3])
def test_odd_inputs(module, value):
    _check(module.parse(value))


@pytest.mark.parametrize("index", range(len(FIXTURE_LINES)))
def test_crlf_output_parses_the_same(index):
    """Some corpus outputs came with CRLF line endings (see each PROVENANCE.md): both forms give one result."""
    module, lines = FIXTURE_LINES[index]
    text = "\n".join(lines) + "\n"
    assert module.parse(text.replace("\n", "\r\n")) == module.parse(text)
