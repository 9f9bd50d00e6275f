# -*- coding: utf-8 -*-
# Copyright: contributors to smartlic.slp
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Input checks shared by the smartlic.slp filters.

ansible-core 2.19 hands filters lazy containers (Mapping / Sequence, not dict /
list) and tagged strings: ``native`` turns them into plain Python data the
pure libraries can work on, and ``need_*`` raise ``AnsibleFilterError``
naming the filter on bad input.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ansible.errors import AnsibleFilterError


def native(value):
    """Plain dict / list / str / int / float / bool / None copy of any (lazy) container."""
    if isinstance(value, Mapping):
        return {str(key): native(item) for key, item in value.items()}
    if isinstance(value, (str, bytes, bytearray)):
        return value.decode("utf-8", errors="replace") if isinstance(value, (bytes, bytearray)) else str(value)
    if isinstance(value, Sequence):
        return [native(item) for item in value]
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value)
    return str(value)


def need_text(filter_name, value, what="the input"):
    """A str from a str (or a list of lines, joined); AnsibleFilterError otherwise."""
    if isinstance(value, str):
        return str(value)
    if isinstance(value, Sequence) and not isinstance(value, (bytes, bytearray)) and all(isinstance(item, str) for item in value):
        return "\n".join(str(item) for item in value)
    raise AnsibleFilterError("%s: %s must be text (a string or a list of lines), not %s" % (filter_name, what, type(value).__name__))


def need_mapping(filter_name, value, what="the input", optional=False):
    """A plain dict from a Mapping (None → {} when optional); AnsibleFilterError otherwise."""
    if value is None and optional:
        return {}
    if isinstance(value, Mapping):
        return native(value)
    raise AnsibleFilterError("%s: %s must be a dictionary, not %s" % (filter_name, what, type(value).__name__))


def need_list(filter_name, value, what="the input", optional=False):
    """A plain list from a Sequence that is not text (None → [] when optional); AnsibleFilterError otherwise."""
    if value is None and optional:
        return []
    if isinstance(value, Sequence) and not isinstance(value, (str, bytes, bytearray)):
        return native(value)
    raise AnsibleFilterError("%s: %s must be a list, not %s" % (filter_name, what, type(value).__name__))


def need_platform(filter_name, value, normalize, optional=True):
    """'ios' / 'nxos' (any spelling), None when optional and not given; AnsibleFilterError otherwise."""
    if value in (None, "") and optional:
        return None
    platform = normalize(value) if isinstance(value, str) else None
    if not platform:
        raise AnsibleFilterError("%s: platform must be ios or nxos (cisco.ios.ios / cisco.nxos.nxos accepted), not %r" % (filter_name, value))
    return platform
