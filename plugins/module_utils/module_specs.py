# -*- coding: utf-8 -*-
# Copyright: contributors to smartlic.slp
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The argument specs the diagnosis modules share, and the reading of their common options.

Plain data: ``common_spec()`` is the options of plugins/doc_fragments/intended.py plus platform, slac_file,
slac_text and diagnose (smart_license_facts and smart_license_captures); ``captures_spec()`` is
smart_license_captures' (its module and its action plugin validate the same spec). ``clean_intended`` and
``read_slac`` turn those options into what the pipeline takes. Pure Python stdlib.
"""

from __future__ import annotations


INTENDED_SPEC = {
    "transport_type": {"type": "str", "choices": ["smart", "cslu", "callhome", "off"]},
    "transport_url": {"type": "str"},
    "ntp_servers": {"type": "list", "elements": "str"},
    "name_servers": {"type": "list", "elements": "str"},
    "domain_name": {"type": "str"},
    "vrf": {"type": "str"},
    "cslu_local_address": {"type": "str"},
    "source_interface": {"type": "str"},
    "trustpoint_ca_pem": {"type": "str"},
    "topology": {"type": "str", "choices": ["direct_smart", "cslu_push", "cslu_pull", "onprem", "callhome", "offline", "controller",
                                            "cslu_disconnected_push", "cslu_disconnected_pull", "onprem_push", "onprem_pull"]},
}


def common_spec():
    """A fresh argument spec of the options of plugins/doc_fragments/intended.py (AnsibleModule fills defaults in place)."""
    return {
        "intended": {"type": "dict", "default": {}, "options": {key: dict(value) for key, value in INTENDED_SPEC.items()}},
        "platform": {"type": "str"},
        "slac_file": {"type": "path"},
        "slac_text": {"type": "str"},
        "diagnose": {"type": "bool", "default": True},
    }


def clean_intended(intended):
    """The intended settings without the keys left empty."""
    return {key: value for key, value in (intended or {}).items() if value not in (None, "", [], {})}


def read_slac(path=None, text=None):
    """(SLAC text or None, error or None) from a file path or given text."""
    if text:
        return str(text), None
    if not path:
        return None, None
    try:
        with open(path, "rb") as handle:
            return handle.read(16 * 1024 * 1024).decode("utf-8", errors="replace"), None
    except OSError as error:
        return None, "the SLAC file %s could not be read: %s" % (path, error.strerror or error)


def captures_spec():
    """A fresh argument spec of smartlic.slp.smart_license_captures (its module and its action plugin)."""
    spec = common_spec()
    spec.update(
        path={"type": "path", "required": True},
        patterns={"type": "list", "elements": "str", "default": []},
        report_dir={"type": "path"},
        title={"type": "str", "default": "Smart Licensing diagnosis"},
        workers={"type": "int", "default": 0},
        return_devices={"type": "bool", "default": True},
        return_facts={"type": "bool", "default": False},
        progress_interval={"type": "float", "default": 5.0},
    )
    return spec


CAPTURES_MUTUALLY_EXCLUSIVE = [("slac_file", "slac_text")]
