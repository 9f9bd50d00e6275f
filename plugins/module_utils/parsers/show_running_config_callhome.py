# -*- coding: utf-8 -*-
# Copyright: contributors to smartlic.slp
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Parse NX-OS ``show running-config callhome all``.

The output is the ``callhome`` block of the configuration (with defaults) under
the usual ``!Command:`` / ``!Time:`` / ``version`` header. The block is read by
:func:`show_running_config.call_home_facts`, the same code that reads it
inside a whole running-config, so both give the same ``call_home`` dict
(docs/facts.md): ``enabled`` (``enable`` present), ``http_use_vrf``
(``transport http use-vrf V``), ``destination_profiles`` (``destination-profile
NAME transport-method http``, ``… index N http URL``, ``… email-addr X``), ...

Pure Python, no Ansible imports, never raises.
"""

from __future__ import annotations

from ansible_collections.smartlic.slp.plugins.module_utils.parsers.common import never_raises, new_result, output_lines, unrecognised
from ansible_collections.smartlic.slp.plugins.module_utils.parsers.show_running_config import call_home_facts, config_tree

COMMAND = "show running-config callhome all"


@never_raises(COMMAND)
def parse(text, platform=None, lines=None):
    """``show running-config callhome all`` text → ``{call_home, version, header}``. Never raises."""
    roots, header, errors = config_tree(text, lines)
    result = new_result()
    blocks = [node for node in roots if node.text.strip().lower() in ("callhome", "call-home", "service call-home", "no service call-home")]
    if not blocks and "callhome" not in header.get("nxos_command", "").lower():
        return unrecognised(result, COMMAND, errors, roots, unparsed=[line for line in output_lines(text, lines) if line.strip()])
    found = platform if platform in ("ios", "nxos") else ("ios" if any(node.text.strip().lower() == "call-home" for node in blocks) else "nxos")
    result["platform"] = found
    result["call_home"] = call_home_facts(roots, found)
    version = [node.text.split()[1] for node in roots if node.text.lower().startswith("version ") and len(node.text.split()) > 1]
    result["version"] = version[0] if version else None
    result["header"] = header
    result["unparsed"] = [node.text for node in roots if node not in blocks and not node.text.lower().startswith("version ")]
    result["warnings"].extend("the device printed an error: %s" % error for error in errors)
    return result
