# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""A device lab: simulated IOS XE and NX-OS devices over SSH on 127.0.0.1 (see README.md)."""
