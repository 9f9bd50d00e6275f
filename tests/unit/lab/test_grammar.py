# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The lab's grammar engine (tests/lab/grammar.py) and the two platform grammars."""

from __future__ import annotations

import pytest

from tests.lab import grammar_ios, grammar_nxos
from tests.lab.grammar import Entry, Grammar, ModeGrammars, entries, is_host, is_url, parse_syntax, version_key

SPEC = """
ntp server [vrf <vrf!>] <host> [prefer|version <1-4>]*   -- test
license smart transport {smart|cslu|off}                 -- test
license smart url {smart|cslu} <url>                     -- test
license smart vrf <vrf>  @since 17.7.1                   -- test
no license smart transport                               -- test
network-time <word>                                      -- test (n is ambiguous)
crypto pki trustpoint <word>  => ca-trustpoint            -- test
interface <interface>  => config-if                       -- test
clock timezone <word> <-23-23> [<0-59>]                   -- test
description <line>                                        -- test
"""


def grammar(version=None, negated=False):
    return ModeGrammars("ios", {"config": SPEC}).grammar("config", version, negated)


def test_keywords_expand_by_unique_prefix_and_ignore_case():
    match = grammar().match("LIC sm TRANS sm")
    assert match.ok and match.words == ["license", "smart", "transport", "smart"]


def test_arguments_are_kept_as_typed():
    match = grammar().match("license smart url smart https://Example.com/x")
    assert match.ok and match.words[-1] == "https://Example.com/x"


@pytest.mark.parametrize("line, kind, offset", [
    ("license smart transport bogus", "invalid", 24),
    ("license smart transport", "incomplete", 24),
    ("license smart url smart not-a-url", "invalid", 24),
    ("license smart url smart https://a.example.com/x extra", "invalid", 48),
    ("ntp server 192.0.2.1 version 5", "invalid", 29),
    ("ntp server 192.0.2.1 version", "incomplete", 29),
    ("frobnicate", "invalid", 0),
    ("license smart u", "incomplete", 16),
    ("license smart t", "incomplete", 16),
    ("n", "ambiguous", 0),
])
def test_errors_point_at_the_word(line, kind, offset):
    match = grammar().match(line)
    assert (match.kind, match.offset) == (kind, offset)


def test_repeated_options_in_any_order():
    assert grammar().match("ntp server 192.0.2.1 version 2 prefer").ok
    assert grammar().match("ntp server 192.0.2.1 prefer version 2").ok


def test_signed_ranges():
    assert grammar().match("clock timezone EST -5").ok
    assert grammar().match("clock timezone EST -24").kind == "invalid"


def test_free_text_takes_the_rest_of_the_line():
    assert grammar().match("description uplink to core  (rack 4)").ok


def test_interface_in_one_or_two_words():
    assert grammar().match("interface GigabitEthernet0/0/1").ok
    assert grammar().match("interface gi 0/0").ok
    assert grammar().match("interface Bogus0/0").kind == "invalid"


def test_sub_mode_and_source_are_kept_on_the_entry():
    match = grammar().match("crypto pki trustpoint SLA-TrustPoint")
    assert match.entry.enter == "ca-trustpoint" and match.entry.source == "test"


def test_vrf_that_must_exist_is_reported_for_the_engine():
    match = grammar().match("ntp server vrf MGMT 192.0.2.1")
    assert match.ok and match.checked == [("vrf!", "MGMT")]


def test_release_gates():
    assert grammar("17.09.04a").match("license smart vrf Mgmt-vrf").ok
    early = grammar("17.03.04").match("license smart vrf Mgmt-vrf")
    assert (early.kind, early.offset) == ("invalid", 14)


def test_no_forms():
    negated = grammar(negated=True)
    assert negated.match("ntp server 192.0.2.1").ok          # everything after the first argument is optional
    assert negated.match("license smart transport").ok      # its own no line
    assert negated.match("license smart transport smart").ok
    assert not grammar().match("no license smart transport").ok  # the no line is only a no form


def test_help_lists_what_may_follow():
    keywords, args, complete = grammar().next_words("license smart ")
    assert keywords == ["transport", "url", "vrf"] and args == [] and not complete
    assert grammar().next_words("license smart t")[0] == ["transport"]
    assert grammar().next_words("ntp server 192.0.2.1 ")[2] is True


def test_syntax_errors_and_missing_sources_are_refused():
    with pytest.raises(ValueError):
        parse_syntax("license [smart")
    with pytest.raises(ValueError):
        Entry("license smart", "config")
    with pytest.raises(ValueError):
        Grammar("ios", entries("show <nosuchtype>  -- x", "exec"))


@pytest.mark.parametrize("text, key", [("17.09.04a", (17, 9, 4)), ("10.3(4a)", (10, 3, 4)), ("10.2(1)F", (10, 2, 1)),
                                       ("17.3.2", (17, 3, 2))])
def test_version_key(text, key):
    assert version_key(text) == key


def test_argument_types():
    assert is_host("cslu-local") and is_host("192.0.2.1") and is_host("2001:db8::1") and is_host("tools.cisco.com")
    assert not is_host("1.2.3.400") and not is_host("bad_host!") and not is_host("-x")
    assert is_url("https://smartreceiver.cisco.com/licservice/license") and is_url("http://cslu-local:8182/cslu/v1/pi")
    assert not is_url("not-a-url") and not is_url("ftp://x/y") and not is_url("http://host:99999/")


@pytest.mark.parametrize("specs, platform", [(grammar_ios.SPECS, "ios"), (grammar_nxos.SPECS, "nxos")])
def test_platform_grammars_build_and_name_a_source_for_every_command(specs, platform):
    modes = ModeGrammars(platform, specs)
    for mode in modes.modes():
        for entry in modes.by_mode[mode]:
            assert entry.source, entry
            assert entry.enter is None or entry.enter in specs, entry
        modes.grammar(mode, "17.03.04" if platform == "ios" else "10.2(3)")
        modes.grammar(mode, None, negated=True)


def test_product_lines_parse_on_both_releases():
    """The lines the collection's roles send (config_plan.py, ntp role via ntp_global, license_actions.py)."""
    ios = ModeGrammars("ios", grammar_ios.SPECS)
    for version in ("17.03.04", "17.09.04a"):
        for mode, line in [
                ("config", "ntp server 192.0.2.123 prefer version 2"), ("config", "ip domain lookup"),
                ("config", "ip domain name example.com"), ("config", "ip name-server 192.0.2.53"),
                ("config", "ip host cslu-local 192.0.2.50"), ("config", "crypto pki trustpoint SLA-TrustPoint"),
                ("ca-trustpoint", "enrollment terminal"), ("ca-trustpoint", "revocation-check none"),
                ("config", "ip http client secure-trustpoint SLA-TrustPoint"), ("config", "license smart transport cslu"),
                ("config", "license smart url cslu http://cslu-local:8182/cslu/v1/pi"), ("config", "service call-home"),
                ("config", "call-home"), ("cfg-call-home", 'profile "CiscoTAC-1"'), ("cfg-call-home-profile", "active"),
                ("cfg-call-home-profile", "destination transport-method http"),
                ("cfg-call-home-profile", "destination address http https://tools.cisco.com/its/service/oddce/services/DDCEService"),
                ("privileged", "license smart trust idtoken TOKEN all force"), ("privileged", "license smart sync all"),
                ("privileged", "license smart save usage all file flash:usage.txt"),
                ("privileged", "license smart import flash:ack.txt"), ("privileged", "show license tech support")]:
            assert ios.grammar(mode, version).match(line).ok, (version, mode, line)
    nxos = ModeGrammars("nxos", grammar_nxos.SPECS)
    for version in ("10.2(3)", "10.3(4a)"):
        for mode, line in [
                ("config", "ntp server 192.0.2.123 prefer use-vrf management"), ("config", "ip domain-lookup"),
                ("config", "ip domain-name example.com"), ("config", "ip name-server 192.0.2.53 use-vrf management"),
                ("config", "vrf context management"), ("config-vrf", "ip name-server 192.0.2.53"),
                ("config", "license smart vrf management"), ("config", "callhome"),
                ("config-callhome", "destination-profile CiscoTAC-1 index 1 http "
                                    "https://tools.cisco.com/its/service/oddce/services/DDCEService"),
                ("config-callhome", "enable"), ("privileged", "license smart trust idtoken TOKEN force"),
                ("privileged", "license smart sync"), ("privileged", "show license status")]:
            assert nxos.grammar(mode, version).match(line).ok, (version, mode, line)
