# -*- coding: utf-8 -*-
# Copyright: contributors to smartlic.slp
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""A CA certificate given as PEM, and the IOS XE dialog that installs it in a trustpoint.

``read_pem(text)`` checks the text (one certificate, base64 that decodes, an
X.509 structure) and returns its fingerprints (SHA-1 and SHA-256 of the DER,
the digests IOS XE and the running-config hex are compared by), serial and,
when the ``cryptography`` package is present, its subject; bad input raises
``PemError`` with a sentence for the user, never a traceback.

``authenticate_dialog(name, cert)`` is what is typed to install it (global
configuration mode, Cisco IOS Security Command Reference, ``crypto pki
authenticate``; the dialog texts below from Cisco's CVP configuration guide and
captures): the command, the certificate pasted line by line, ``quit``, then
``yes`` to ``% Do you accept this certificate? [yes/no]:``. ``shown`` replaces
the pasted lines by one short description, for check mode, diffs and reports.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re

from ansible_collections.smartlic.slp.plugins.module_utils import commands

try:
    from cryptography import x509
    from cryptography.x509.oid import NameOID
except ImportError:  # pragma: no cover - ansible-core ships with cryptography; the checks below still run
    x509 = None

# The device's texts (crypto pki authenticate with enrollment terminal).
PASTE_PROMPT = r'End with a blank line or the word "quit" on a line by itself'
ACCEPT_PROMPT = r"Do you accept this certificate\? \[yes/no\]:"
ACCEPTED = "Trustpoint CA certificate accepted."
# How the running-config shows the certificates of a trustpoint (recorded IOS XE configurations).
CHAIN_BLOCK = "crypto pki certificate chain %s"

_BLOCK = re.compile(r"-----BEGIN CERTIFICATE-----(.*?)-----END CERTIFICATE-----", re.DOTALL)
_BASE64 = re.compile(r"^[A-Za-z0-9+/=]*$")
# Certificates are a few kilobytes; anything far larger is not one.
MAX_PEM = 65536


class PemError(ValueError):
    """A PEM text that is not one usable CA certificate (the message says why)."""


def _der_item(data, offset):
    """(tag, start of content, end of content) of the DER item at offset; PemError when truncated."""
    if offset + 2 > len(data):
        raise PemError("is not a whole certificate (truncated)")
    tag, length = data[offset], data[offset + 1]
    start = offset + 2
    if length & 0x80:
        size = length & 0x7F
        if size == 0 or size > 4 or start + size > len(data):
            raise PemError("is not an X.509 certificate (not valid DER)")
        length = int.from_bytes(data[start:start + size], "big")
        start += size
    if start + length > len(data):
        raise PemError("is not a whole certificate (truncated)")
    return tag, start, start + length


def _serial(der):
    """The serial number of an X.509 DER certificate (a positive int), from its structure."""
    tag, start, end = _der_item(der, 0)
    if tag != 0x30 or end != len(der):
        raise PemError("is not an X.509 certificate (no single DER SEQUENCE)")
    tag, start, _end = _der_item(der, start)  # tbsCertificate
    if tag != 0x30:
        raise PemError("is not an X.509 certificate")
    tag, item_start, item_end = _der_item(der, start)
    if tag == 0xA0:  # [0] version
        tag, item_start, item_end = _der_item(der, item_end)
    if tag != 0x02:
        raise PemError("is not an X.509 certificate (no serial number)")
    return int.from_bytes(der[item_start:item_end], "big", signed=True)


def groups(data):
    """Hex in groups of 8 upper-case digits, as IOS XE prints fingerprints."""
    text = data.hex().upper()
    return " ".join(text[index:index + 8] for index in range(0, len(text), 8))


def serial_text(serial):
    """The serial as the running-config's 'certificate ca SERIAL' line shows it (upper-case hex, even digits)."""
    text = "%X" % serial
    return text if len(text) % 2 == 0 else "0" + text


def digests(der):
    return {"sha1": hashlib.sha1(der).hexdigest(), "sha256": hashlib.sha256(der).hexdigest()}


def read_pem(text):
    """The one certificate of a PEM text: {der, sha1, sha256, serial, subject, ca, self_signed, lines}.

    ``lines``: the PEM as it is pasted (BEGIN line, base64 in 64-character lines, END line).
    """
    if not isinstance(text, str):
        raise PemError("must be the text of a PEM certificate, not %s" % type(text).__name__)
    if len(text) > MAX_PEM:
        raise PemError("is %d characters long, too long for one certificate" % len(text))
    if "PRIVATE KEY" in text:
        raise PemError("holds a private key: give only the CA certificate (-----BEGIN CERTIFICATE-----)")
    blocks = _BLOCK.findall(text)
    if not blocks:
        raise PemError("holds no '-----BEGIN CERTIFICATE-----' ... '-----END CERTIFICATE-----' block")
    if len(blocks) > 1:
        raise PemError("holds %d certificates; a trustpoint takes one CA certificate: give only the root CA" % len(blocks))
    body = "".join(blocks[0].split())
    if not body or not _BASE64.match(body):
        raise PemError("has a certificate block that is not base64")
    try:
        der = base64.b64decode(body, validate=True)
    except (binascii.Error, ValueError) as error:
        raise PemError("has a certificate block that is not valid base64 (%s)" % error) from None
    cert = {"der": der, "serial": _serial(der), "subject": None, "ca": None, "self_signed": None}
    cert.update(digests(der))
    if x509 is not None:
        try:
            parsed = x509.load_der_x509_certificate(der)
        except ValueError as error:
            raise PemError("cannot be read as an X.509 certificate (%s)" % str(error).splitlines()[0][:120]) from None
        names = parsed.subject.get_attributes_for_oid(NameOID.COMMON_NAME)
        cert["subject"] = str(names[0].value) if names else parsed.subject.rfc4514_string()
        cert["self_signed"] = parsed.issuer == parsed.subject
        try:
            cert["ca"] = bool(parsed.extensions.get_extension_for_class(x509.BasicConstraints).value.ca)
        except x509.ExtensionNotFound:
            cert["ca"] = None
        if cert["ca"] is False:
            raise PemError("is not a CA certificate (basic constraints CA:FALSE): give the CA that signed the server's certificate")
        if not cert["self_signed"]:
            raise PemError("is not self-signed: IOS XE takes the root CA in a trustpoint (a subordinate CA needs its own chain)")
    encoded = base64.b64encode(der).decode("ascii")
    cert["lines"] = (["-----BEGIN CERTIFICATE-----"] + [encoded[index:index + 64] for index in range(0, len(encoded), 64)]
                     + ["-----END CERTIFICATE-----"])
    return cert


def describe(cert):
    """One short line naming the certificate (for check mode, diffs and reports; the PEM itself stays out)."""
    name = "CN=%s, " % cert["subject"] if cert.get("subject") else ""
    return "<the CA certificate, %d PEM lines: %sserial %s, SHA-1 %s>" % (len(cert["lines"]), name, serial_text(cert["serial"]),
                                                                          groups(bytes.fromhex(cert["sha1"])))


def authenticate_command(name):
    return commands.render("ios", "crypto_pki_authenticate", name=name)


def remove_trustpoint_command(name):
    """The line that removes a trustpoint with its certificates (the device asks to confirm)."""
    return "no " + commands.render("ios", "crypto_pki_trustpoint", name=name)


def trustpoint_lines(name):
    """The trustpoint block of the seed: the trustpoint, enrollment terminal, revocation-check none."""
    keys = ("crypto_pki_trustpoint", "trustpoint_enrollment_terminal", "trustpoint_revocation_check_none")
    return [commands.render("ios", key, name=name) for key in keys]


def save_command():
    return commands.render("ios", "copy_running_startup")


def authenticate_dialog(name, cert):
    """[(typed line, the device's question it answers or None)] of crypto pki authenticate, in order."""
    return [(authenticate_command(name), None), ("\n".join(cert["lines"]), PASTE_PROMPT), ("quit", None), ("yes", ACCEPT_PROMPT)]


def shown_dialog(name, cert=None):
    """The lines of the dialog as shown to a person: the PEM replaced by its description (or a placeholder)."""
    pasted = describe(cert) if cert else "<paste the CA certificate (PEM)>"
    return [authenticate_command(name), pasted, "quit", "yes"]


def chain_digests(hex_text):
    """Digests of the DER a running-config certificate block holds in hex, or None when it is not whole hex."""
    digits = "".join(hex_text.split())
    if not digits or len(digits) % 2 or not re.match(r"^[0-9A-Fa-f]+$", digits):
        return None
    return digests(bytes.fromhex(digits))
