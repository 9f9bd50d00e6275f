# -*- coding: utf-8 -*-
# Copyright: contributors to smartlic.slp
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Parse IOS XE ``show ntp associations``.

One row per association: markers, address, ref clock, stratum, when, poll,
reach, delay, offset, dispersion. The markers before the address follow the
legend the device prints under the table:

- current legend ``* sys.peer, # selected, + candidate, - outlyer, x falseticker, ~ configured``;
- older legend ``* master (synced), # master (unsynced), + selected, - candidate, ~ configured``.

Result (docs/facts.md): ``{peers: [{address, ref_clock, stratum, reach, offset,
delay, vrf, sys_peer, candidate, configured, status, ...}], synchronized,
sys_peer}``. ``synchronized`` is True when a peer is the system peer (``*``).
``offset``, ``delay`` and ``disp`` are milliseconds (float); ``reach`` is the
register as printed (octal digits, ``377`` = the last 8 polls answered).

Pure Python, no Ansible imports, never raises.
"""

from __future__ import annotations

import re

from ansible_collections.smartlic.slp.plugins.module_utils.parsers import ntp_peers
from ansible_collections.smartlic.slp.plugins.module_utils.parsers.common import echo_line, never_raises

COMMAND = "show ntp associations"

_FLAGS = r"(?P<flags>[*#+\-xo~]*)\s*"
_ADDRESS = r"(?P<address>[0-9A-Fa-f]*[0-9A-Fa-f:.][0-9A-Fa-f:.%]*|[A-Za-z][\w.\-]*)"
_COLUMNS = (r"(?P<ref>\S+)\s+(?P<st>\d+)\s+(?P<when>\S+)\s+(?P<poll>\d+)\s+(?P<reach>\d+)\s+"
            r"(?P<delay>-?\d+(?:\.\d*)?)\s+(?P<offset>-?\d+(?:\.\d*)?)\s+(?P<disp>-?\d+(?:\.\d*)?)")
_ROW = re.compile(r"^\s*" + _FLAGS + _ADDRESS + r"\s+" + _COLUMNS + r"\s*$")
# A long address pushes the rest of the row to the next line.
_ROW_HEAD = re.compile(r"^\s*" + _FLAGS + _ADDRESS + r"\s*$")
_ROW_TAIL = re.compile(r"^\s+" + _COLUMNS + r"\s*$")
_TABLE_HEADER = re.compile(r"^\s*address\s+ref\s*clock\s+st\s+when\s+poll\s+reach\s+delay\s+offset\s+disp\s*$", re.IGNORECASE)
_LEGEND = re.compile(r"^\s*\*\s*(?P<word>sys\.peer|master)\b.*$", re.IGNORECASE)
_NOT_ENABLED = re.compile(r"^\s*%\s*NTP is not enabled\.?\s*$", re.IGNORECASE)
_ECHO = echo_line(r"ntp\s+a\S*", rest="")

# Marker → status, per legend.
STATUS_CURRENT = {"*": "sys_peer", "o": "sys_peer", "#": "selected", "+": "candidate", "-": "outlyer", "x": "falseticker"}
STATUS_OLD = {"*": "sys_peer", "#": "master_unsynced", "+": "selected", "-": "candidate", "x": "falseticker"}


def _number(text):
    try:
        return float(text)
    except (TypeError, ValueError):
        return None


def _integer(text):
    return int(text) if text is not None and text.isdigit() else None


def _legend(facts):
    """'old' or 'current': the legend the device printed under the table (None without one)."""
    legend = facts.get("legend")
    return None if legend is None else ("old" if legend.group("word").lower() == "master" else "current")


def _peer(columns, raw, facts):
    statuses = STATUS_OLD if _legend(facts) == "old" else STATUS_CURRENT
    flags = columns["flags"]
    markers = flags.replace("~", "")
    status = None
    for marker in markers:
        status = statuses.get(marker, status)
    return {
        "address": columns["address"],
        "ref_clock": columns["ref"],
        "stratum": _integer(columns["st"]),
        "when": _integer(columns["when"]),
        "when_raw": columns["when"],
        "poll": _integer(columns["poll"]),
        "reach": _integer(columns["reach"]),
        "delay": _number(columns["delay"]),
        "offset": _number(columns["offset"]),
        "disp": _number(columns["disp"]),
        "vrf": None,
        "markers": flags,
        "status": status,
        "sys_peer": status == "sys_peer",
        "candidate": status in ("candidate", "selected"),
        "configured": "~" in flags,
        "raw": raw,
    }


def _finish(result, _peers, facts):
    result["legend"] = _legend(facts)
    disabled = "disabled" in facts
    result["ntp_enabled"] = False if disabled else (True if result["peers"] else None)
    if disabled:
        result["warnings"].append("NTP is not enabled on the device")


TABLE = ntp_peers.PeerTable(
    COMMAND, _ROW, _ROW_HEAD, _ROW_TAIL, _ECHO,
    marks=((_TABLE_HEADER, ntp_peers.TABLE), (_LEGEND, "legend"), (_NOT_ENABLED, "disabled")),
    peer=_peer, finish=_finish, cli_header=True,
    # IOS prints nothing when no association exists.
    empty=("empty output: no NTP association", {"peers": [], "synchronized": False, "sys_peer": None, "legend": None, "ntp_enabled": None}),
)


@never_raises(COMMAND)
def parse(text, platform=None, lines=None):  # pylint: disable=unused-argument
    """``show ntp associations`` text → ``{peers, synchronized, sys_peer, legend, ntp_enabled}``. Never raises."""
    return ntp_peers.read(TABLE, text, lines)
