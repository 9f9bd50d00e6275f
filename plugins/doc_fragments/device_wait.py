# -*- coding: utf-8 -*-
# Copyright: contributors to smartlic.slp
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Documentation of the options shared by the modules that send a licensing command and wait for its answer."""

from __future__ import annotations


class ModuleDocFragment:
    """Options of smart_license_sync and smart_license_trust."""

    DOCUMENTATION = r"""
attributes:
  platform:
    platforms: network
    description: Cisco IOS XE and NX-OS devices over C(network_cli).
options:
  platform:
    description:
      - V(ios) or V(nxos). The action plugin fills it in from C(ansible_network_os); without it the module asks
        the connection for the device's capabilities (more commands on a new connection).
    type: str
    choices: [ios, nxos]
  wait_interval:
    description: Seconds between two reads of C(show license status) while waiting.
    type: int
    default: 5
"""
