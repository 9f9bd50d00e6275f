# -*- coding: utf-8 -*-
# Copyright: contributors to smartlic.slp
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Checks of the variables a smartlic.slp role or playbook is given, before anything reaches a device.

``problems(name, values, network_os=None)`` checks the variables of the role or
playbook ``name`` (``VARIABLES``) by type and form and returns one line per
problem, each naming the variable; an empty list means every value is usable.

One rule for lists: a variable that takes a list needs a list. A single value
given as text (``-e ntp_servers=192.0.2.123``) is refused with a line that
shows how to write it, never split into characters or guessed at.

A variable is missing when it is not given, null, empty text or an empty list.
A required variable that is missing is reported as missing, by name. An
optional one that is missing is left out (the role's default applies).

The values of secret variables (the ID token) never appear in a message.
Pure Python, no Ansible imports.
"""

from __future__ import annotations

import ipaddress
import os
import re

from ansible_collections.smartlic.slp.plugins.module_utils import pki
from ansible_collections.smartlic.slp.plugins.module_utils.config_plan import transport_url, url_problems
from ansible_collections.smartlic.slp.plugins.module_utils.remediation_plan import ROLE_ORDER
from ansible_collections.smartlic.slp.plugins.module_utils.vocabulary import normalize_platform

TRUE_WORDS = ("true", "yes", "on", "1", "y", "t")
FALSE_WORDS = ("false", "no", "off", "0", "n", "f")

_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
_HOST_NAME = re.compile(r"^(?=.{1,253}$)%s(?:\.%s)*\.?\Z" % (_LABEL, _LABEL))
_DOTTED_NUMBERS = re.compile(r"^[0-9.]+\Z")
# VRF names: up to 32 characters, no blanks (IOS XE "vrf definition", NX-OS "vrf context").
_VRF = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.:-]{0,31}\Z")
# Interface names as IOS XE prints them: a type and a number, no blank (GigabitEthernet0/0/0, Vlan10, Port-channel1.100).
_INTERFACE = re.compile(r"^[A-Za-z][A-Za-z-]*[0-9]+(?:[/.:][0-9]+)*\Z")
# Call-home profiles and PKI trustpoints: a word of letters, digits, '_', '.', '-'.
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}\Z")
# A device file system ("flash:", "bootflash:", "usbflash0:"), optionally with folders ending in '/'.
_FILESYSTEM = re.compile(r"^[A-Za-z][A-Za-z0-9-]*:(?:/?[A-Za-z0-9_.-]+)*/?\Z")
_FILE_NAME = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}\Z")
_FINDING_ID = re.compile(r"^[a-z0-9_]+\Z")
_URL = re.compile(r"^(?P<scheme>[A-Za-z][A-Za-z0-9+.-]*)://(?P<host>\[[^\]/]*\]|[^/:?#]*)(?::(?P<port>[^/?#]*))?(?P<rest>[/?#].*)?\Z")
# No blank, control character or '?' (which asks an IOS XE / NX-OS CLI for help) in anything typed on a device.
_TYPED = re.compile(r"^[!-~]+\Z")

TRANSPORT_TYPES = ("smart", "cslu", "callhome", "off")
TOPOLOGIES = ("direct_smart", "cslu_push", "cslu_pull", "onprem", "callhome", "offline", "controller",
              "cslu_disconnected_push", "cslu_disconnected_pull", "onprem_push", "onprem_pull")


def spec(kind, required=False, **options):
    """One variable's expected form: ``kind`` (see ``_CHECKS``), whether it is required, and kind options."""
    options.update(kind=kind, required=required)
    return options


_INTENDED = {
    "ntp_servers": spec("hosts"),
    "name_servers": spec("addresses"),
    "domain_name": spec("domain"),
    "vrf": spec("vrf"),
    "transport_type": spec("choice", choices=TRANSPORT_TYPES),
    "transport_url": spec("url", type_from="transport_type"),
    "cslu_local_address": spec("address"),
    "source_interface": spec("interface"),
    "trustpoint_ca_pem": spec("pem"),
    "topology": spec("choice", choices=TOPOLOGIES),
}

# The intended settings of the inventory, which the diagnose and remediate playbooks read.
_INVENTORY = {
    "smartlic_ntp_servers": spec("hosts"),
    "smartlic_ntp_vrf": spec("vrf"),
    "smartlic_name_servers": spec("addresses"),
    "smartlic_domain_name": spec("domain"),
    "smartlic_vrf": spec("vrf"),
    "smartlic_transport_type": spec("choice", choices=TRANSPORT_TYPES),
    "smartlic_transport_url": spec("url", type_from="smartlic_transport_type"),
    "smartlic_cslu_local_address": spec("address"),
    "smartlic_source_interface": spec("interface"),
    "smartlic_trustpoint_ca_pem": spec("pem"),
    "smartlic_topology": spec("choice", choices=TOPOLOGIES),
}

# name -> (needs ansible_network_os cisco.ios.ios / cisco.nxos.nxos, {variable: spec})
VARIABLES = {
    "ntp": (True, {
        "ntp_servers": spec("hosts", required=True),
        "ntp_prefer": spec("bool"),
        "ntp_version": spec("int", choices=(0, 1, 2, 3, 4)),
        "ntp_update_existing": spec("bool"),
        "ntp_vrf": spec("vrf"),
        "ntp_wait": spec("bool"),
        "ntp_wait_timeout": spec("int", minimum=0),
        "ntp_wait_interval": spec("int", minimum=1),
        "ntp_save_config": spec("bool"),
    }),
    "dns": (True, {
        "dns_name_servers": spec("addresses"),
        "dns_domain_name": spec("domain"),
        "dns_vrf": spec("vrf"),
        "dns_lookup": spec("bool"),
        "dns_cslu_local_address": spec("address"),
        "dns_save_config": spec("bool"),
        "dns_running_config": spec("config"),
        "dns_verify": spec("bool"),
    }),
    "transport": (True, {
        "transport_type": spec("choice", required=True, choices=TRANSPORT_TYPES),
        "transport_url": spec("url", type_from="transport_type"),
        "transport_vrf": spec("vrf"),
        "transport_source_interface": spec("interface"),
        "transport_callhome_profile": spec("name"),
        "transport_save_config": spec("bool"),
        "transport_running_config": spec("config"),
        "transport_verify": spec("bool"),
    }),
    "trustpoint": (True, {
        "trustpoint_name": spec("name", required=True),
        "trustpoint_http_client": spec("bool"),
        "trustpoint_ca_pem": spec("pem"),
        "trustpoint_save_config": spec("bool"),
        "trustpoint_running_config": spec("config"),
        "trustpoint_verify": spec("bool"),
    }),
    "trust_token": (True, {
        "trust_token_id_token": spec("secret", required=True,
                                     hint="generate one in CSSM: Smart Software Licensing > Inventory > General > New Token"),
        "trust_token_scope": spec("choice", choices=("auto", "local", "all")),
        "trust_token_force": spec("bool"),
        "trust_token_findings": spec("ids"),
        "trust_token_wait_timeout": spec("int", minimum=0),
        "trust_token_wait_interval": spec("int", minimum=1),
    }),
    "sync": (True, {
        "sync_mode": spec("choice", choices=("auto", "online", "offline")),
        "sync_scope": spec("choice", choices=("all", "local")),
        "sync_due_within_days": spec("int", minimum=0),
        "sync_force": spec("bool"),
        "sync_wait_timeout": spec("int", minimum=0),
        "sync_wait_interval": spec("int", minimum=1),
        "sync_fail_on_pending": spec("bool"),
        "sync_filesystem": spec("filesystem"),
        "sync_usage_file": spec("file_name", required=True),
        "sync_usage_overwrite": spec("bool"),
        "sync_usage_dir": spec("path", required=True),
        "sync_transfer_protocol": spec("choice", choices=("scp", "sftp")),
        "sync_ack_file": spec("file"),
        "sync_ack_device_file": spec("file_name", required=True),
    }),
    "diagnose": (False, {
        "diagnose_capture_dir": spec("folder"),
        "diagnose_capture_platform": spec("choice", choices=("ios", "nxos")),
        "diagnose_report_dir": spec("path"),
        "diagnose_report_title": spec("text"),
        "diagnose_progress_interval": spec("number", minimum=0),
        "diagnose_fail_on_findings": spec("bool"),
        "diagnose_offline_devices": spec("bool"),
        "diagnose_intended": spec("intended"),
        "diagnose_probes": spec("probes"),
        "diagnose_tech_support": spec("choice", choices=("auto", "always", "never")),
        "diagnose_slac_file": spec("file"),
        "diagnose_buffer_read_timeout": spec("number", minimum=0.01),
    }),
    # The playbooks: what a user sets with -e or in the inventory.
    "playbook_diagnose": (False, dict(_INVENTORY, **{
        "smartlic_report_dir": spec("path"),
        "smartlic_capture_dir": spec("folder"),
        "smartlic_capture_platform": spec("choice", choices=("ios", "nxos")),
        "smartlic_fail_on_findings": spec("bool"),
    })),
    "playbook_remediate": (True, dict(_INVENTORY, **{
        "smartlic_report_dir": spec("path"),
        "smartlic_remediate_only": spec("roles"),
        "smartlic_remediate_skip": spec("roles"),
        "smartlic_fail_on_error": spec("bool"),
        "smartlic_id_token": spec("secret"),
        "smartlic_trust_force": spec("bool"),
        "smartlic_ack_file": spec("file"),
    })),
}

# Playbook variables once named slp_*: every user-facing variable now starts with smartlic_. The old names still work
# (the playbooks read them when the new one is not set) and are checked like the new ones, with a deprecation warning.
RENAMED = {
    "slp_report_dir": "smartlic_report_dir",
    "slp_capture_dir": "smartlic_capture_dir",
    "slp_capture_platform": "smartlic_capture_platform",
    "slp_remediate_only": "smartlic_remediate_only",
    "slp_remediate_skip": "smartlic_remediate_skip",
    "slp_fail_on_error": "smartlic_fail_on_error",
}
RENAMED_REMOVAL_VERSION = "2.0.0"
for _playbook in ("playbook_diagnose", "playbook_remediate"):
    _specs = VARIABLES[_playbook][1]
    _specs.update({old: _specs[new] for old, new in RENAMED.items() if new in _specs})


def renamed_in(name, values):
    """(deprecation messages, problems) for the old slp_* names among ``values`` of the playbook ``name``.

    A problem when a variable is given under both names with different values: which one is meant is not clear.
    """
    deprecations, lines = [], []
    specs = VARIABLES.get(name, (False, {}))[1]
    for old, new in RENAMED.items():
        if old not in values or old not in specs:
            continue
        deprecations.append("%s is deprecated, use %s" % (old, new))
        if new in values and values[new] != values[old]:
            lines.append("%s and its old name %s are both set, to different values: set only %s" % (new, old, new))
    return deprecations, lines


class _Problem(Exception):
    """What is wrong with one value (the message starts after the variable's name)."""


class _Nested(Exception):
    """Problems with the keys of a dictionary variable, one whole line each."""


def shown(value, limit=60):
    """A short, printable form of a value for a message."""
    out = repr(value)
    if len(out) > limit:
        out = out[:limit - 3] + "..."
    return out


def type_name(value):
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, dict):
        return "a dictionary"
    if isinstance(value, (list, tuple)):
        return "a list"
    return type(value).__name__


def is_missing(value):
    return value is None or (isinstance(value, (str, list, tuple, dict)) and len(value) == 0)


# --- forms ------------------------------------------------------------------------------------------


def ip_address(value):
    """The ipaddress object of an IPv4 or IPv6 address written the usual way, else None."""
    if not isinstance(value, str) or "%" in value or "/" in value:
        return None
    try:
        return ipaddress.ip_address(value)
    except ValueError:
        return None


def is_host_name(value):
    """A DNS host name (labels of letters, digits and '-'); dotted numbers must be an IPv4 address instead."""
    return isinstance(value, str) and bool(_HOST_NAME.match(value)) and not _DOTTED_NUMBERS.match(value)


def is_host(value):
    return ip_address(value) is not None or is_host_name(value)


def _text(value):
    if not isinstance(value, str):
        raise _Problem("must be text, not %s" % type_name(value))
    return value


def _form(value, test, what):
    if not test(_text(value)):
        raise _Problem("must be %s, not %s" % (what, shown(value)))


def check_bool(value, _spec):
    if isinstance(value, bool):
        return
    if isinstance(value, str) and value.strip().lower() in TRUE_WORDS + FALSE_WORDS:
        return
    if isinstance(value, int) and value in (0, 1):
        return
    raise _Problem("must be true or false, not %s" % shown(value))


def _number(value, kind):
    if isinstance(value, bool):
        raise _Problem("must be a number, not a boolean")
    if isinstance(value, (int, float)):
        number = value
    elif isinstance(value, str):
        try:
            number = int(value.strip()) if kind == "int" else float(value.strip())
        except ValueError:
            raise _Problem("must be %s, not %s" % ("a whole number" if kind == "int" else "a number", shown(value))) from None
    else:
        raise _Problem("must be a number, not %s" % type_name(value))
    if kind == "int" and number != int(number):
        raise _Problem("must be a whole number, not %s" % shown(value))
    return number


def check_number(value, spec_, kind="number"):
    number = _number(value, kind)
    if "minimum" in spec_ and number < spec_["minimum"]:
        raise _Problem("must be at least %s, not %s" % (spec_["minimum"], shown(value)))
    if "choices" in spec_ and number not in spec_["choices"]:
        raise _Problem("must be one of %s, not %s" % (", ".join(str(item) for item in spec_["choices"]), shown(value)))


def check_int(value, spec_):
    check_number(value, spec_, "int")


def check_choice(value, spec_):
    if not isinstance(value, str) or value not in spec_["choices"]:
        raise _Problem("must be one of %s, not %s" % (", ".join(spec_["choices"]), shown(value)))


def check_text(value, _spec):
    _text(value)


def check_path(value, _spec):
    if "\0" in _text(value):
        raise _Problem("must be a path, not %s" % shown(value))


def check_file(value, _spec):
    check_path(value, _spec)
    if not os.path.isfile(value):
        raise _Problem("names no file on the controller: %s (relative paths start from the folder ansible-playbook runs in)" % shown(value))


def check_folder(value, _spec):
    check_path(value, _spec)
    if not os.path.isdir(value):
        raise _Problem("names no folder on the controller: %s (relative paths start from the folder ansible-playbook runs in)" % shown(value))


def check_address(value, _spec):
    _form(value, lambda item: ip_address(item) is not None, "an IPv4 or IPv6 address (like 192.0.2.53 or 2001:db8::53)")


def check_host(value, _spec):
    _form(value, is_host, "an IPv4 or IPv6 address or a host name (like 192.0.2.123 or ntp.example.com)")


def check_domain(value, _spec):
    _form(value, is_host_name, "a domain name (like example.com)")


def check_vrf(value, _spec):
    _form(value, lambda item: bool(_VRF.match(item)), "a VRF name (up to 32 letters, digits, '_', '.', ':' or '-', no blank)")


def check_interface(value, _spec):
    _form(value, lambda item: bool(_INTERFACE.match(item)), "an interface name without blanks (like GigabitEthernet0/0/0, Vlan10 or Loopback0)")


def check_name(value, _spec):
    _form(value, lambda item: bool(_NAME.match(item)), "a name of letters, digits, '_', '.' or '-' (no blank, up to 64 characters)")


def check_filesystem(value, _spec):
    _form(value, lambda item: bool(_FILESYSTEM.match(item)), "a device file system ending in ':' (like flash: or bootflash:)")


def check_file_name(value, _spec):
    _form(value, lambda item: bool(_FILE_NAME.match(item)), "a file name of letters, digits, '_', '.' or '-' (no folder, no blank)")


def check_secret(value, spec_):
    # The value is never shown, not even in part.
    if not isinstance(value, str):
        raise _Problem("must be text, not %s (value not shown)" % type_name(value))
    if not _TYPED.match(value) or "?" in value or len(value) > 4096:
        raise _Problem("must be one word of printable characters without blanks or '?' (value not shown)%s"
                       % ("; " + spec_["hint"] if spec_.get("hint") else ""))


def check_pem(value, _spec):
    """One self-signed CA certificate in PEM (module_utils/pki.py says what is wrong)."""
    try:
        pki.read_pem(value)
    except pki.PemError as error:
        raise _Problem(str(error)) from None


def check_config(value, _spec):
    if not isinstance(value, (str, dict)):
        raise _Problem("must be the text of show running-config or its parsed form (a dictionary), not %s" % type_name(value))


def url_form(value):
    """Why ``value`` is not an http(s) URL with a valid host and port ('' when it is one)."""
    match = _URL.match(value)
    if not match or match.group("scheme").lower() not in ("http", "https"):
        return "must be an http:// or https:// URL, not %s" % shown(value)
    host = match.group("host")
    if host.startswith("["):
        if not isinstance(ip_address(host[1:-1]), ipaddress.IPv6Address):
            return "has no valid IPv6 address between '[' and ']': %s" % shown(value)
    elif not is_host(host):
        return "has no valid host name or address: %s" % shown(value)
    port = match.group("port")
    if port is not None and (not port.isdigit() or not 0 < int(port) < 65536):
        return "has no valid port (1 to 65535): %s" % shown(value)
    rest = match.group("rest") or ""
    if any(char.isspace() for char in value) or "?" in rest or "#" in rest:
        return "must be a URL without blanks, '?' or '#': %s" % shown(value)
    return ""


def check_url(value, spec_, context=None):
    problem = url_form(_text(value))
    if problem:
        raise _Problem(problem)
    kind = (context or {}).get("transport_type")
    issues = url_problems(kind, transport_url({"type": kind, "url": value}), (context or {}).get("platform") or "ios") if kind else []
    if issues:
        raise _Problem("cannot work for transport %s: %s" % (kind, "; ".join(issues)))


def _items(value, what, example):
    """The list itself; text given for a list is refused with how to write it."""
    if isinstance(value, str):
        raise _Problem("must be a list of %s, not the text %s: write it as a list, for example [%s] in YAML or -e '{\"\0\": [\"%s\"]}'"
                       % (what, shown(value), value if len(value) < 60 else example, value if len(value) < 60 else example))
    if not isinstance(value, (list, tuple)):
        raise _Problem("must be a list of %s, not %s" % (what, type_name(value)))
    return list(value)


def _each(value, spec_, what, example, check):
    items = _items(value, what, example)
    for index, item in enumerate(items):
        try:
            check(item, spec_)
        except _Problem as error:
            raise _Problem("item %d %s" % (index + 1, error)) from None
    if len(set(str(item) for item in items)) != len(items):
        raise _Problem("lists an entry twice: %s" % shown(items))


def check_hosts(value, spec_):
    _each(value, spec_, "addresses or host names", "192.0.2.123", check_host)


def check_addresses(value, spec_):
    _each(value, spec_, "IP addresses", "192.0.2.53", check_address)


def check_ids(value, spec_):
    _each(value, spec_, "finding ids", "trust_code_missing",
          lambda item, _s: _form(item, lambda text: bool(_FINDING_ID.match(text)), "a finding id (like trust_code_missing)"))


def check_roles(value, spec_):
    _each(value, spec_, "role names", "ntp", lambda item, _s: check_choice(item, {"choices": ROLE_ORDER}))


def check_probes(value, _spec):
    if isinstance(value, bool):
        return
    if isinstance(value, str) and value.strip().lower() in TRUE_WORDS + FALSE_WORDS:
        return
    if isinstance(value, str):
        raise _Problem("must be true, false or a list of targets ('host' or 'host vrf NAME'), not the text %s" % shown(value))
    for index, item in enumerate(_items(value, "targets ('host' or 'host vrf NAME')", "192.0.2.1")):
        words = item.split() if isinstance(item, str) else []
        if not (len(words) == 1 or (len(words) == 3 and words[1].lower() == "vrf")) or not is_host(words[0]) or (
                len(words) == 3 and not _VRF.match(words[2])):
            raise _Problem("item %d must be 'host' or 'host vrf NAME' (an address or host name), not %s" % (index + 1, shown(item)))


def check_intended(value, spec_, context=None):
    if not isinstance(value, dict):
        raise _Problem("must be a dictionary of settings (%s), not %s" % (", ".join(_INTENDED), type_name(value)))
    unknown = sorted(str(key) for key in value if key not in _INTENDED)
    if unknown:
        raise _Problem("has unknown keys %s (known: %s)" % (", ".join(unknown), ", ".join(_INTENDED)))
    lines = _check_all(_INTENDED, value, dict(context or {}, prefix="diagnose_intended."))
    if lines:
        raise _Nested(lines)


_CHECKS = {
    "bool": check_bool, "int": check_int, "number": check_number, "choice": check_choice, "text": check_text, "path": check_path,
    "file": check_file, "folder": check_folder, "address": check_address, "host": check_host, "domain": check_domain, "vrf": check_vrf,
    "interface": check_interface, "name": check_name, "filesystem": check_filesystem, "file_name": check_file_name,
    "secret": check_secret, "config": check_config, "url": check_url, "hosts": check_hosts, "addresses": check_addresses,
    "ids": check_ids, "roles": check_roles, "probes": check_probes, "intended": check_intended,
    "pem": check_pem,
}
_WITH_CONTEXT = ("url", "intended")


def _check_all(specs, values, context):
    lines = []
    prefix = context.get("prefix", "")
    for variable, spec_ in specs.items():
        value = values.get(variable)
        label = prefix + variable
        if is_missing(value):
            if spec_["required"]:
                lines.append("%s is missing%s" % (label, ": " + spec_["hint"] if spec_.get("hint") else ""))
            continue
        local = dict(context)
        if spec_.get("type_from"):
            kind = values.get(spec_["type_from"])
            local["transport_type"] = kind if isinstance(kind, str) and kind in TRANSPORT_TYPES else None
        try:
            if spec_["kind"] in _WITH_CONTEXT:
                _CHECKS[spec_["kind"]](value, spec_, local)
            else:
                _CHECKS[spec_["kind"]](value, spec_)
        except _Nested as error:
            lines.extend(error.args[0])
        except _Problem as error:
            lines.append("%s %s" % (label, str(error).replace("\0", label)))
    return lines


def platform_of(network_os):
    """'ios' or 'nxos' for a supported ansible_network_os, else None."""
    return normalize_platform(network_os, strict=True) if isinstance(network_os, str) else None


def _cross_checks(name, values):
    """Problems that involve more than one variable."""
    lines = []
    if name == "dns" and all(is_missing(values.get(key)) for key in ("dns_name_servers", "dns_domain_name", "dns_cslu_local_address")):
        lookup = values.get("dns_lookup", True)
        if lookup is False or (isinstance(lookup, str) and lookup.strip().lower() in FALSE_WORDS):
            lines.append("dns_name_servers, dns_domain_name and dns_cslu_local_address are missing and dns_lookup is false: nothing to do")
    if name == "sync" and values.get("sync_mode") == "online" and not is_missing(values.get("sync_ack_file")):
        lines.append("sync_ack_file belongs to sync_mode offline (or auto with transport off), not online")
    return lines


def problems(name, values, network_os=None):
    """One line per problem with the variables ``values`` of the role or playbook ``name``; [] when all are usable.

    ``values`` holds only the variables that are defined. ``network_os`` is
    the host's ``ansible_network_os`` (None on the controller).
    """
    if name not in VARIABLES:
        return ["no variable checks for '%s' (known: %s)" % (name, ", ".join(sorted(VARIABLES)))]
    needs_platform, specs = VARIABLES[name]
    values = dict(values or {})
    platform = platform_of(network_os)
    lines = []
    if name == "diagnose":
        needs_platform = is_missing(values.get("diagnose_capture_dir"))
    if needs_platform and platform is None:
        lines.append("ansible_network_os must be cisco.ios.ios or cisco.nxos.nxos, not %s" % shown(network_os))
    lines.extend(_check_all(specs, values, {"platform": platform}))
    lines.extend(_cross_checks(name, values))
    return lines
