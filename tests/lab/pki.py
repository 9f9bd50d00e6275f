# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""CA certificates in the lab: what ``crypto pki authenticate`` reads, shows and stores (IOS XE).

Texts and layout (tags of ../shared/REFERENCES.md; I = the lab's inference):

- the paste dialog: ``Enter the base 64 encoded CA certificate.`` / ``End with a blank line or the word
  "quit" on a line by itself`` (C18, G6); then ``Certificate has the following attributes:`` /
  ``Fingerprint MD5: ...`` / ``Fingerprint SHA1: ...`` / ``% Do you accept this certificate? [yes/no]:``
  and on yes ``Trustpoint CA certificate accepted.`` (C18; third-party captures print the same lines);
- fingerprints in groups of 8 upper-case hex digits (captures, T);
- the stored chain: ``crypto pki certificate chain NAME`` / `` certificate ca SERIAL`` / the DER in hex,
  8-digit groups, 8 groups a line / ``quit`` (G6b, G7);
- a paste that is not a self-signed certificate: ``% Error in saving certificate: status = FAIL``
  (third-party capture of a chain whose first certificate is not self-signed, T; the same text for any
  unreadable paste is I).

The lab reads certificates with the ``cryptography`` package (pinned in requirements.txt).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import os
import re

from cryptography import x509

CERT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "certs")
PASTE_PROMPT = 'Enter the base 64 encoded CA certificate.\nEnd with a blank line or the word "quit" on a line by itself'
ACCEPT_QUESTION = "% Do you accept this certificate? [yes/no]: "
ACCEPTED = "Trustpoint CA certificate accepted."
SAVE_FAILED = "% Error in saving certificate: status = FAIL"
# The lab refuses what a real device would not do with a pasted CA certificate; the texts are I (no Cisco
# page read gives them): an unknown trustpoint, one without 'enrollment terminal' (the device would try SCEP),
# and one that already holds a CA certificate (re-authenticating asks questions the lab does not model, G6).
NO_TRUSTPOINT = "% Error: could not find trustpoint {name}"
NOT_TERMINAL = "% Error: trustpoint {name} is not configured for terminal enrollment"
HAS_CA = "% Error: trustpoint {name} already has a CA certificate"
# Answers other than yes / no (I).
ANSWER_AGAIN = "% Please answer 'yes' or 'no'."
NOT_ACCEPTED = "% Certificate not accepted."  # I
_PEM_LINE = re.compile(r"^-----(BEGIN|END) [A-Z0-9 ]+-----$")
_BASE64 = re.compile(r"^[A-Za-z0-9+/=]+$")


def lab_pem(name):
    """The text of a PEM file of tests/lab/certs (onprem-ca, other-ca)."""
    with open(os.path.join(CERT_DIR, "%s.pem" % name), encoding="ascii") as handle:
        return handle.read()


def read_paste(lines):
    """The certificate of pasted lines (PEM with or without its BEGIN/END lines), or None when unreadable."""
    body = []
    for line in lines:
        text = line.strip()
        if not text or _PEM_LINE.match(text):
            continue
        if not _BASE64.match(text):
            return None
        body.append(text)
    try:
        der = base64.b64decode("".join(body), validate=True)
        return x509.load_der_x509_certificate(der)
    except (binascii.Error, ValueError):
        return None


def self_signed(cert):
    return cert.issuer == cert.subject


def der(cert):
    from cryptography.hazmat.primitives.serialization import Encoding  # pylint: disable=import-outside-toplevel
    return cert.public_bytes(Encoding.DER)


def groups(digest):
    """Hex in groups of 8 upper-case digits, as IOS prints fingerprints and certificate hex."""
    text = digest.hex().upper()
    return " ".join(text[index:index + 8] for index in range(0, len(text), 8))


def fingerprint_lines(cert):
    data = der(cert)
    return ["Certificate has the following attributes:",
            "       Fingerprint MD5: %s " % groups(hashlib.md5(data).digest()),
            "      Fingerprint SHA1: %s " % groups(hashlib.sha1(data).digest())]


def serial_text(cert):
    """The serial as 'certificate ca SERIAL' shows it: upper-case hex, an even number of digits (01)."""
    text = "%X" % cert.serial_number
    return text if len(text) % 2 == 0 else "0" + text


def chain_lines(name, cert):
    """The running-config block of a trustpoint's CA certificate (children indented by the config tree)."""
    words = groups(der(cert)).split()
    hex_lines = [" ".join(words[index:index + 8]) for index in range(0, len(words), 8)]
    return ["crypto pki certificate chain %s" % name, "certificate ca %s" % serial_text(cert), hex_lines]


def chain_sha1s(blocks):
    """SHA-1 (hex, lower case) of every 'certificate ca' under a chain's children ({line: [children]} items)."""
    found = []
    for line, children in blocks:
        if not line.lower().startswith("certificate ca"):
            continue
        digits = "".join(word for child in children for word in child.split() if word.lower() != "quit")
        try:
            found.append(hashlib.sha1(bytes.fromhex(digits)).hexdigest())
        except ValueError:
            continue
    return found


def sha1_of_pem(text):
    cert = read_paste(text.splitlines())
    return hashlib.sha1(der(cert)).hexdigest() if cert is not None else None
