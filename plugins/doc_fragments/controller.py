# -*- coding: utf-8 -*-
# Copyright: contributors to smartlic.slp
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Documentation of the attributes of the modules that run on the controller and contact no device."""

from __future__ import annotations


class ModuleDocFragment:
    """Attributes of smart_license_captures and smart_license_report."""

    DOCUMENTATION = r"""
attributes:
  diff_mode:
    support: none
    description: No diff is shown.
  platform:
    platforms: posix
    description: Runs on the controller.
"""
