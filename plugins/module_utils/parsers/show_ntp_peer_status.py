# -*- coding: utf-8 -*-
# Copyright: contributors to smartlic.slp
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Parse NX-OS ``show ntp peer-status``.

::

    Total peers : 4
    * - selected for sync, + -  peer mode(active),
    - - peer mode(passive), = - polled in client mode
        remote               local              st   poll   reach delay   vrf
    ---------------------------------------------------------------------------
    *10.4.1.1               0.0.0.0             8   16     377   0.01311 default
    =10.64.4.4              0.0.0.0            16  256       0   0.00000 VRF1

Rows wrapped on narrow terminals (address and local on one line, the numbers
on the next, even with the VRF glued to the delay) are joined. The ``vrf``
column may be empty.

Result (docs/facts.md): ``{peers: [{address, local, stratum, poll, reach,
delay, vrf, sys_peer, candidate, configured, mode, ...}], synchronized,
sys_peer, total_peers}``. ``sys_peer`` is the ``*`` row ("selected for
sync"); ``delay`` is in seconds as printed; NX-OS prints no offset
(``offset: None``) and has no candidate marker (``candidate: False``).

Pure Python, no Ansible imports, never raises.
"""

from __future__ import annotations

import re

from ansible_collections.smartlic.slp.plugins.module_utils.parsers import ntp_peers
from ansible_collections.smartlic.slp.plugins.module_utils.parsers.common import echo_line, never_raises

COMMAND = "show ntp peer-status"

_HEAD = r"(?P<mark>[*+=\-])?(?P<address>[0-9A-Za-z][\w.:%\-]*)\s+(?P<local>[0-9A-Za-z][\w.:%\-]*)"
_NUMBERS = r"(?P<st>\d+)\s+(?P<poll>\d+)\s+(?P<reach>\d+)\s+(?P<delay>\d+(?:\.\d+)?)(?:\s*(?P<vrf>[A-Za-z_][\w.:\-]*))?"
_ROW = re.compile(r"^\s*" + _HEAD + r"\s+" + _NUMBERS + r"\s*$")
_ROW_HEAD = re.compile(r"^\s*" + _HEAD + r"\s*$")
_ROW_TAIL = re.compile(r"^\s*" + _NUMBERS + r"\s*$")
_TOTAL = re.compile(r"^\s*Total peers\s*:\s*(?P<total>\d+)\s*$", re.IGNORECASE)
_LEGEND = re.compile(r"^\s*(?:\*\s*-\s*selected for sync.*|-\s*-\s*peer mode\(passive\).*)$", re.IGNORECASE)
_COLUMNS = re.compile(r"^\s*(?:remote\s+local(?:\s+st\s+poll\s+reach\s+delay(?:\s+vrf)?)?|st\s+poll\s+reach\s+delay(?:\s+vrf)?)\s*$", re.IGNORECASE)
_DASHES = re.compile(r"^\s*-{5,}\s*$")
_ECHO = echo_line(r"ntp\s+peer-s\S*", rest="")

MODES = {"*": None, "+": "active", "-": "passive", "=": "client"}


def _peer(fields, raw, _facts):
    mark = fields.get("mark")
    return {
        "address": fields["address"],
        "local": fields["local"],
        "stratum": int(fields["st"]),
        "poll": int(fields["poll"]),
        "reach": int(fields["reach"]),
        "delay": float(fields["delay"]),
        "offset": None,
        "vrf": fields.get("vrf"),
        "marker": mark,
        "mode": MODES.get(mark),
        "sys_peer": mark == "*",
        "candidate": False,
        "configured": mark != "-",
        "raw": raw,
    }


def _finish(result, peers, facts):
    total = int(facts["total"].group("total")) if "total" in facts else None
    result["total_peers"] = total
    if total is not None and total != len(peers):
        result["warnings"].append("the device counts %d peers, %d rows were read" % (total, len(peers)))


TABLE = ntp_peers.PeerTable(
    COMMAND, _ROW, _ROW_HEAD, _ROW_TAIL, _ECHO,
    marks=((_COLUMNS, ntp_peers.TABLE), (_TOTAL, "total"), (_LEGEND, ntp_peers.TABLE), (_DASHES, ntp_peers.SKIP)),
    peer=_peer, finish=_finish,
)


@never_raises(COMMAND)
def parse(text, platform=None, lines=None):  # pylint: disable=unused-argument
    """``show ntp peer-status`` text → ``{peers, synchronized, sys_peer, total_peers}``. Never raises."""
    return ntp_peers.read(TABLE, text, lines)
