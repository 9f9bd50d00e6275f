# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""smart_license_trustpoint_ca: what it decides from a running-config (the device dialog itself: tests/integration)."""

from __future__ import annotations

import os

import pytest

from ansible_collections.smartlic.slp.plugins.module_utils import pki
from ansible_collections.smartlic.slp.plugins.module_utils.parsers.registry import parse_output
from ansible_collections.smartlic.slp.plugins.modules.smart_license_trustpoint_ca import _chain_state, _device_lines
from tests.lab import pki as lab_pki

FACTORY = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "module_utils", "fixtures", "pki",
                       "ios_17_6_factory_chain.txt")
ONPREM = pki.read_pem(lab_pki.lab_pem("onprem-ca"))


def _config(trustpoint="crypto pki trustpoint SLA-TrustPoint\n enrollment terminal\n revocation-check none\n", chain=""):
    return parse_output("show running-config", "version 17.9\nhostname r1\n!\n%s!\n%send\n" % (trustpoint, chain), "ios")


def _chain(name):
    head, certificate, hex_lines = lab_pki.chain_lines("SLA-TrustPoint", lab_pki.read_paste(lab_pki.lab_pem(name).splitlines()))
    return "\n".join([head, " " + certificate] + ["  " + line for line in hex_lines] + ["  \tquit", ""])


@pytest.mark.parametrize("facts, state", [
    (_config(), "missing"),
    (_config(chain=_chain("onprem-ca")), "present"),
    (_config(chain=_chain("other-ca")), "different"),
    (_config(trustpoint=""), "no_trustpoint"),
    (_config(trustpoint="crypto pki trustpoint SLA-TrustPoint\n enrollment pkcs12\n revocation-check crl\n"), "not_terminal"),
    (_config(chain="crypto pki certificate chain SLA-TrustPoint\n certificate ca 01 nvram:CiscoLicensi#1CA.cer\n"), "unknown"),
])
def test_the_state_of_the_trustpoint_decides_what_is_sent(facts, state):
    assert _chain_state(facts, "SLA-TrustPoint", ONPREM)[0] == state


def test_a_real_factory_configuration_holds_another_ca():
    with open(FACTORY, encoding="utf-8") as handle:
        facts = parse_output("show running-config", handle.read(), "ios")
    state, cas = _chain_state(facts, "SLA-TrustPoint", ONPREM)
    assert state == "different" and cas[0]["serial"] == "01"


def test_the_device_lines_leave_the_echoed_certificate_out():
    answer = "\r\n".join(lab_pki.lab_pem("onprem-ca").strip().splitlines() + [
        "quit", "Certificate has the following attributes:", "      Fingerprint SHA1: 50CB1BE1 ", "",
        "% Error in saving certificate: status = FAIL", "r1(config)#"])
    said = _device_lines(answer)
    assert said == "Fingerprint SHA1: 50CB1BE1; % Error in saving certificate: status = FAIL"
