# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""module_utils/pki.py: a PEM CA certificate read and checked, its digests, and the crypto pki authenticate dialog."""

from __future__ import annotations

import hashlib
import os

import pytest
from cryptography import x509
from cryptography.x509.oid import NameOID

from ansible_collections.smartlic.slp.plugins.module_utils import pki
from ansible_collections.smartlic.slp.plugins.module_utils.parsers.registry import parse_output
from tests.lab.pki import lab_pem

HERE = os.path.dirname(os.path.abspath(__file__))
ONPREM = lab_pem("onprem-ca")


def test_a_ca_certificate_is_read_with_its_digests_serial_and_subject():
    cert = pki.read_pem("some text before\n" + ONPREM + "\nand after")
    reference = x509.load_pem_x509_certificate(ONPREM.encode())
    der = reference.public_bytes(__import__("cryptography.hazmat.primitives.serialization", fromlist=["Encoding"]).Encoding.DER)
    assert cert["der"] == der
    assert cert["sha1"] == hashlib.sha1(der).hexdigest() and cert["sha256"] == hashlib.sha256(der).hexdigest()
    assert cert["serial"] == reference.serial_number == 0x1A2B3C4D
    assert cert["subject"] == "SSM On-Prem Lab CA" and cert["ca"] is True and cert["self_signed"] is True
    # What is pasted: the PEM re-wrapped at 64 characters between its BEGIN and END lines.
    assert "\n".join(cert["lines"]) == ONPREM.strip()


@pytest.mark.parametrize("text, words", [
    ("", "no '-----BEGIN CERTIFICATE-----'"),
    (ONPREM + ONPREM, "holds 2 certificates"),
    (ONPREM.replace("MIID", "MI*D"), "not base64"),
    ("-----BEGIN CERTIFICATE-----\nMIIBx\n-----END CERTIFICATE-----", "not valid base64"),
    ("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----", "not an X.509 certificate"),
    ("-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n" + ONPREM, "private key"),
    (["a list"], "must be the text"),
    ("x" * 70000, "too long"),
])
def test_bad_pem_says_why_in_one_sentence(text, words):
    with pytest.raises(pki.PemError) as error:
        pki.read_pem(text)
    assert words in str(error.value)
    assert "\n" not in str(error.value)


def test_a_truncated_der_is_refused_without_a_traceback():
    body = ONPREM.strip().splitlines()
    cut = "\n".join(body[:5] + ["AAAA", body[-1]])
    with pytest.raises(pki.PemError):
        pki.read_pem(cut)


def test_the_dialog_is_shown_with_the_certificate_as_one_line():
    cert = pki.read_pem(ONPREM)
    shown = pki.shown_dialog("SLA-TrustPoint", cert)
    assert shown[0] == "crypto pki authenticate SLA-TrustPoint" and shown[2:] == ["quit", "yes"]
    assert shown[1] == "<the CA certificate, 19 PEM lines: CN=SSM On-Prem Lab CA, serial 1A2B3C4D, SHA-1 %s>" % pki.groups(
        bytes.fromhex(cert["sha1"]))
    typed = pki.authenticate_dialog("SLA-TrustPoint", cert)
    assert [line for line, _prompt in typed] == [shown[0], "\n".join(cert["lines"]), "quit", "yes"]
    assert typed[1][1] == pki.PASTE_PROMPT and typed[3][1] == pki.ACCEPT_PROMPT
    assert pki.shown_dialog("SLA-TrustPoint")[1] == "<paste the CA certificate (PEM)>"
    assert pki.remove_trustpoint_command("SLA-TrustPoint") == "no crypto pki trustpoint SLA-TrustPoint"


def test_the_device_texts_match_the_prompts():
    """The texts the captures and Cisco's pages print (tests/lab/pki.py names the sources)."""
    import re  # pylint: disable=import-outside-toplevel
    assert re.search(pki.PASTE_PROMPT, 'Enter the base 64 encoded CA certificate.\r\nEnd with a blank line or the word "quit" on a line by itself')
    assert re.search(pki.ACCEPT_PROMPT, "      Fingerprint SHA1: 50CB1BE1 \r\n\r\n% Do you accept this certificate? [yes/no]: ")


def test_the_factory_chain_of_a_real_device_digests_to_the_cisco_licensing_root_ca():
    with open(os.path.join(HERE, "fixtures", "pki", "ios_17_6_factory_chain.txt"), encoding="utf-8") as handle:
        parsed = parse_output("show running-config", handle.read(), "ios")
    item = parsed["pki_certificate_chains"]["SLA-TrustPoint"][0]
    assert (item["type"], item["serial"]) == ("ca", "01")
    text = open(os.path.join(HERE, "fixtures", "pki", "ios_17_6_factory_chain.txt"), encoding="utf-8").read()
    block = text.split(" certificate ca 01\n", 1)[1].split("quit", 1)[0]
    der = bytes.fromhex("".join(block.split()))
    cert = x509.load_der_x509_certificate(der)
    assert cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)[0].value == "Cisco Licensing Root CA"
    assert item["sha1"] == hashlib.sha1(der).hexdigest() == pki.chain_digests(block)["sha1"]
    assert parsed["pki_trustpoints"]["SLA-TrustPoint"]["enrollment"] == "pkcs12"


def test_chain_digests_refuse_what_is_not_whole_hex():
    assert pki.chain_digests("") is None
    assert pki.chain_digests("3082 0") is None
    assert pki.chain_digests("zz") is None
