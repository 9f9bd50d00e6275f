# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""show ip http server session-module (IOS XE) on the written fixtures of fixtures/iosxe/show_ip_http_server_session-module.

See PROVENANCE.md there: no corpus sample exists. Goldens: ``SMARTLIC_REGEN_GOLDENS=1 pytest <this file>`` rewrites ``<name>.json``.
"""

from __future__ import annotations

import json
import os
import re

import pytest

from ansible_collections.smartlic.slp.plugins.module_utils.parsers import show_ip_http_server_session_module as session_module

FIXTURES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fixtures")
FOLDER = "iosxe/show_ip_http_server_session-module"
REGENERATE = os.environ.get("SMARTLIC_REGEN_GOLDENS") == "1"
STEMS = sorted(name[:-4] for name in os.listdir(os.path.join(FIXTURES, FOLDER)) if name.endswith(".txt"))


def _read(stem, suffix=".txt"):
    with open(os.path.join(FIXTURES, FOLDER, stem + suffix), encoding="utf-8") as handle:
        return handle.read()


@pytest.mark.parametrize("stem", STEMS)
def test_golden(stem):
    result = session_module.parse(_read(stem))
    path = os.path.join(FIXTURES, FOLDER, stem + ".json")
    if REGENERATE:
        with open(path, "w", encoding="utf-8") as handle:
            json.dump(result, handle, indent=1, ensure_ascii=False)
            handle.write("\n")
    assert json.loads(json.dumps(result)) == json.loads(_read(stem, ".json"))
    assert result["unparsed"] == [] and result["warnings"] == []


def test_provenance_lists_every_fixture():
    listed = set(re.findall(r"^\| `([^`]+\.txt)` \|", _read("PROVENANCE", ".md"), re.MULTILINE))
    assert listed == {stem + ".txt" for stem in STEMS}
    assert len(STEMS) == 2


def test_sl_http_active():
    result = session_module.parse(_read("written_sl_http_active"))
    assert result["modules"]["SL_HTTP"] == {"handle": 2, "status": "Active", "secure_status": "Active", "active": True, "http_active": True,
                                            "secure_active": True, "description": "HTTP REST IOS-XE Smart License Server"}
    assert len(result["modules"]) == 5
    assert result["connections"] == [{"local": "192.0.2.10:443", "remote": "192.0.2.80:52114", "in_bytes": 1290, "out_bytes": 3302, "end": None}]


def test_sl_http_inactive_and_http_only_module():
    modules = session_module.parse(_read("written_sl_http_inactive"))["modules"]
    assert modules["SL_HTTP"]["active"] is False
    assert (modules["WEB_EXEC"]["active"], modules["WEB_EXEC"]["secure_active"]) == (True, False)


def test_table_without_secure_status_column():
    text = "Session module Name  Handle  Status  Description\nSL_HTTP              2       Inactive  HTTP REST IOS-XE Smart License Server\n"
    module = session_module.parse(text)["modules"]["SL_HTTP"]
    assert (module["active"], module["secure_status"], module["description"]) == (False, None, "HTTP REST IOS-XE Smart License Server")


def test_show_ip_http_server_all_is_read_too():
    text = ("HTTP server status: Disabled\nHTTP secure server status: Enabled\n\nHTTP server application session modules:\n"
            " Session module Name  Handle Status   Secure-status\tDescription\n"
            "SL_HTTP               2      Active   Active         HTTP REST IOS-XE Smart License Server\n")
    result = session_module.parse(text)
    assert result["modules"]["SL_HTTP"]["active"] is True
    assert result["settings"] == {"http_server_status": "Disabled", "http_secure_server_status": "Enabled"}
    assert result["unparsed"] == []


@pytest.mark.parametrize("text, warning", [
    ("", "empty output: nothing to parse for show ip http server session-module"),
    ("% Invalid input detected at '^' marker.", "the device rejected the command: % Invalid input detected at '^' marker."),
    ("Smart Licensing is ENABLED", "output does not look like show ip http server session-module"),
])
def test_not_a_module_table(text, warning):
    result = session_module.parse(text)
    assert result["warnings"] == [warning] and "modules" not in result
