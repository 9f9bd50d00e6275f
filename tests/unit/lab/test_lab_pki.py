# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The lab's crypto pki authenticate dialog (IOS XE) and the On-Prem CA check of its license model."""

from __future__ import annotations

import datetime
import hashlib

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from tests.lab import pki
from tests.lab.cli import Device
from tests.lab.license_model import ConfigView
from tests.unit.lab.model_lab import Lab
from tests.unit.lab.test_cli_ios import BASE, StubModel, login, run

ONPREM = pki.lab_pem("onprem-ca")
OTHER = pki.lab_pem("other-ca")


class TerminalModel(StubModel):
    """The stand-in model with SLA-TrustPoint set up for terminal enrollment."""

    def initial_config(self):
        config = list(BASE)
        index = config.index(" enrollment pkcs12")
        config[index:index + 2] = [" enrollment terminal", " revocation-check none"]
        return config


@pytest.fixture(name="session")
def fixture_session():
    device = Device({"platform": "ios", "hostname": "edge-1", "password": "pw", "enable_password": "en"}, TerminalModel)
    session = login(device)
    session.feed("configure terminal")
    return session


def paste(session, pem):
    """Feed the PEM lines and quit; the device's answer to quit (LF newlines)."""
    for line in pem.strip().splitlines():
        assert session.feed(line) == "\r\n"
    return session.feed("quit").replace("\r\n", "\n")


def sha1_groups(pem):
    cert = pki.read_paste(pem.splitlines())
    return pki.groups(hashlib.sha1(pki.der(cert)).digest())


def test_dialog_installs_the_certificate_and_the_running_config_shows_its_hex(session):
    answer = session.feed("crypto pki authenticate SLA-TrustPoint").replace("\r\n", "\n")
    assert answer == '\nEnter the base 64 encoded CA certificate.\nEnd with a blank line or the word "quit" on a line by itself'
    question = paste(session, ONPREM)
    assert "\nCertificate has the following attributes:\n" in question
    assert "      Fingerprint SHA1: %s \n" % sha1_groups(ONPREM) in question
    assert question.endswith("\n\n% Do you accept this certificate? [yes/no]: ")
    assert session.feed("yes") == "\r\nTrustpoint CA certificate accepted.\r\nR1(config)#"
    session.feed("end")
    config = run(session, "show running-config")
    block = config.split("crypto pki certificate chain SLA-TrustPoint\n", 1)[1].split("\n!", 1)[0].split("\n")
    assert block[0] == " certificate ca 1A2B3C4D"
    assert block[-1] == "  \tquit"
    assert all(line.startswith("  ") and len(line.split()) <= 8 for line in block[1:-1])
    der = bytes.fromhex("".join("".join(line.split()) for line in block[1:-1]))
    assert pki.groups(hashlib.sha1(der).digest()) == sha1_groups(ONPREM)
    # A trustpoint holds one CA certificate: a second authenticate is refused, nothing changes.
    session.feed("configure terminal")
    assert run(session, "crypto pki authenticate SLA-TrustPoint").startswith("% Error: trustpoint SLA-TrustPoint already has a CA")


def test_a_blank_line_ends_the_paste_and_no_keeps_nothing(session):
    session.feed("crypto pki authenticate SLA-TrustPoint")
    for line in OTHER.strip().splitlines()[1:-1]:  # the base64 alone, without the BEGIN / END lines
        session.feed(line)
    assert "% Do you accept this certificate? [yes/no]: " in session.feed("")
    assert "Please answer" in session.feed("maybe")
    assert session.feed("no") == "\r\n% Certificate not accepted.\r\nR1(config)#"
    session.feed("end")
    assert "certificate chain" not in run(session, "show running-config")


def test_garbage_and_a_certificate_that_is_not_self_signed_are_rejected(session):
    session.feed("crypto pki authenticate SLA-TrustPoint")
    assert paste(session, "-----BEGIN CERTIFICATE-----\nnot base64 at all!\n-----END CERTIFICATE-----") == (
        "\n% Error in saving certificate: status = FAIL\nR1(config)#")
    session.feed("crypto pki authenticate SLA-TrustPoint")
    assert paste(session, _leaf_pem()).startswith("\n% Error in saving certificate: status = FAIL")
    session.feed("end")
    assert "certificate chain" not in run(session, "show running-config")


def test_authenticate_needs_an_existing_trustpoint_with_terminal_enrollment():
    device = Device({"platform": "ios", "hostname": "edge-1", "password": "pw", "enable_password": "en"}, StubModel)
    session = login(device)
    session.feed("configure terminal")
    assert run(session, "crypto pki authenticate NOPE") == "% Error: could not find trustpoint NOPE"
    # BASE has the factory default 'enrollment pkcs12'.
    assert run(session, "crypto pki authenticate SLA-TrustPoint") == (
        "% Error: trustpoint SLA-TrustPoint is not configured for terminal enrollment")
    assert "Invalid input" in run(session, "no crypto pki authenticate SLA-TrustPoint")
    session.feed("end")
    assert "Invalid input" in run(session, "crypto pki authenticate SLA-TrustPoint")


def _leaf_pem():
    """A certificate signed by another key (not self-signed), made here."""
    issuer_key, key = ec.generate_private_key(ec.SECP256R1()), ec.generate_private_key(ec.SECP256R1())
    start = datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone.utc)
    cert = (x509.CertificateBuilder()
            .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "leaf")]))
            .issuer_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "issuer")]))
            .public_key(key.public_key()).serial_number(7).not_valid_before(start)
            .not_valid_after(start + datetime.timedelta(days=30)).sign(issuer_key, hashes.SHA256()))
    return cert.public_bytes(serialization.Encoding.PEM).decode()


def test_onprem_tls_needs_the_onprem_ca_in_sla_trustpoint():
    healthy = Lab("ios", topology="onprem")
    for keys in ({}, {"sla_ca": "other-ca"}):
        lab = Lab("ios", faults=["sla_trustpoint_certificate_missing"], **keys)
        status = _communicate(lab)
        assert status[0] == "failed" and "TLS cert cannot be validated" in status[2]
        chain, certificate, hex_lines = pki.chain_lines("SLA-TrustPoint", pki.read_paste(ONPREM.splitlines()))
        if keys:
            lab.unconfigure(chain)
        lab.configure(chain)
        for line in hex_lines + ["quit"]:
            lab.config.insert(len(lab.config.children([chain, certificate])), line, [chain, certificate])
        lab.model.on_config_change(lab.config)
        assert _communicate(lab)[0] == "ok"
    assert _communicate(healthy)[0] == "ok"


def _communicate(lab):
    # pylint: disable-next=protected-access
    return lab.model._network(ConfigView(lab.config.to_lines())).communicate()
