# -*- coding: utf-8 -*-
# Copyright: contributors to smartlic.slp
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Map commands to their parsers.

``canonical_command("sh lic stat")`` gives ``show license status``: each typed
word is expanded against the known command words, as the CLI does, and output
pipes (``| section ntp``) are set aside. ``command_info`` tells the rest (was
the output filtered, in which format). ``parse_output(command, text)`` runs the
parser of the command and never raises: an unknown command gives an empty
result with a warning and the raw text.
"""

from __future__ import annotations

import functools
import re

from ansible_collections.smartlic.slp.plugins.module_utils.parsers.common import new_result
# The one platform normalisation, imported here for the callers of registry.normalize_platform.
from ansible_collections.smartlic.slp.plugins.module_utils.vocabulary import normalize_platform

# Static imports, so that Ansible's module packager sees every parser. A parser
# module that fails to import leaves its commands answering with a warning.
try:
    from ansible_collections.smartlic.slp.plugins.module_utils.parsers import show_license_status
except ImportError:  # pragma: no cover - reported by parser_modules()
    show_license_status = None
try:
    from ansible_collections.smartlic.slp.plugins.module_utils.parsers import show_license_all
except ImportError:  # pragma: no cover
    show_license_all = None
try:
    from ansible_collections.smartlic.slp.plugins.module_utils.parsers import show_license_tech_support
except ImportError:  # pragma: no cover
    show_license_tech_support = None
try:
    from ansible_collections.smartlic.slp.plugins.module_utils.parsers import show_license_udi
except ImportError:  # pragma: no cover
    show_license_udi = None
try:
    from ansible_collections.smartlic.slp.plugins.module_utils.parsers import show_license_summary
except ImportError:  # pragma: no cover
    show_license_summary = None
try:
    from ansible_collections.smartlic.slp.plugins.module_utils.parsers import show_license_usage
except ImportError:  # pragma: no cover
    show_license_usage = None
try:
    from ansible_collections.smartlic.slp.plugins.module_utils.parsers import show_license_authorization
except ImportError:  # pragma: no cover
    show_license_authorization = None
try:
    from ansible_collections.smartlic.slp.plugins.module_utils.parsers import show_license_history_message
except ImportError:  # pragma: no cover
    show_license_history_message = None
try:
    from ansible_collections.smartlic.slp.plugins.module_utils.parsers import show_license_rum_id_all
except ImportError:  # pragma: no cover
    show_license_rum_id_all = None
try:
    from ansible_collections.smartlic.slp.plugins.module_utils.parsers import show_clock
except ImportError:  # pragma: no cover
    show_clock = None
try:
    from ansible_collections.smartlic.slp.plugins.module_utils.parsers import show_ntp_associations
except ImportError:  # pragma: no cover
    show_ntp_associations = None
try:
    from ansible_collections.smartlic.slp.plugins.module_utils.parsers import show_ntp_status
except ImportError:  # pragma: no cover
    show_ntp_status = None
try:
    from ansible_collections.smartlic.slp.plugins.module_utils.parsers import show_ntp_peer_status
except ImportError:  # pragma: no cover
    show_ntp_peer_status = None
try:
    from ansible_collections.smartlic.slp.plugins.module_utils.parsers import ping
except ImportError:  # pragma: no cover
    ping = None
try:
    from ansible_collections.smartlic.slp.plugins.module_utils.parsers import show_running_config
except ImportError:  # pragma: no cover
    show_running_config = None
try:
    from ansible_collections.smartlic.slp.plugins.module_utils.parsers import show_running_config_callhome
except ImportError:  # pragma: no cover
    show_running_config_callhome = None
try:
    from ansible_collections.smartlic.slp.plugins.module_utils.parsers import show_call_home_profile_all
except ImportError:  # pragma: no cover
    show_call_home_profile_all = None
try:
    from ansible_collections.smartlic.slp.plugins.module_utils.parsers import show_ip_http_client
except ImportError:  # pragma: no cover
    show_ip_http_client = None
try:
    from ansible_collections.smartlic.slp.plugins.module_utils.parsers import show_ip_http_server_session_module
except ImportError:  # pragma: no cover
    show_ip_http_server_session_module = None
try:
    from ansible_collections.smartlic.slp.plugins.module_utils.parsers import show_logging
except ImportError:  # pragma: no cover
    show_logging = None

# Canonical commands per platform (docs/facts.md "Canonical commands"); ping is keyed by the command as run.
IOS_COMMANDS = (
    "show license status",
    "show license all",
    "show license tech support",
    "show license udi",
    "show license summary",
    "show license usage",
    "show license authorization",
    "show license history message",
    "show license rum id all",
    "show call-home profile all",
    "show ip http client",
    "show ip http server session-module",
    "show clock",
    "show ntp associations",
    "show ntp status",
    "show running-config",
    "show logging",
)
NXOS_COMMANDS = (
    "show license status",
    "show license tech support",
    "show license history message",
    "show license usage",
    "show license udi",
    "show running-config callhome all",
    "show running-config",
    "show clock",
    "show ntp peer-status",
    "show logging logfile",
)

# Parser module name of each canonical command.
PARSER_NAMES = {
    "show license status": "show_license_status",
    "show license all": "show_license_all",
    "show license tech support": "show_license_tech_support",
    "show license udi": "show_license_udi",
    "show license summary": "show_license_summary",
    "show license usage": "show_license_usage",
    "show license authorization": "show_license_authorization",
    "show license history message": "show_license_history_message",
    "show license rum id all": "show_license_rum_id_all",
    "show call-home profile all": "show_call_home_profile_all",
    "show ip http client": "show_ip_http_client",
    "show ip http server session-module": "show_ip_http_server_session_module",
    "show clock": "show_clock",
    "show ntp associations": "show_ntp_associations",
    "show ntp status": "show_ntp_status",
    "show ntp peer-status": "show_ntp_peer_status",
    "show running-config": "show_running_config",
    "show running-config callhome all": "show_running_config_callhome",
    "show logging": "show_logging",
    "show logging logfile": "show_logging",
    "ping": "ping",
}

_MODULES = {
    "show_license_status": show_license_status,
    "show_license_all": show_license_all,
    "show_license_tech_support": show_license_tech_support,
    "show_license_udi": show_license_udi,
    "show_license_summary": show_license_summary,
    "show_license_usage": show_license_usage,
    "show_license_authorization": show_license_authorization,
    "show_license_history_message": show_license_history_message,
    "show_license_rum_id_all": show_license_rum_id_all,
    "show_clock": show_clock,
    "show_ntp_associations": show_ntp_associations,
    "show_ntp_status": show_ntp_status,
    "show_ntp_peer_status": show_ntp_peer_status,
    "ping": ping,
    "show_running_config": show_running_config,
    "show_running_config_callhome": show_running_config_callhome,
    "show_call_home_profile_all": show_call_home_profile_all,
    "show_ip_http_client": show_ip_http_client,
    "show_ip_http_server_session_module": show_ip_http_server_session_module,
    "show_logging": show_logging,
}

# Real sibling words of each platform's CLI, so that an abbreviation the device
# would find ambiguous is not expanded here either ("sh ntp peer": peers or peer-status).
_IOS_SIBLINGS = (
    "show version", "show inventory", "show interfaces", "show tech-support", "show startup-config", "show crypto", "show hosts",
    "show license eventlog", "show license reservation", "show license data", "show license platform",
    "show license rum id detail", "show license rum feature",
    "show ip http server status", "show ip http server all", "show ip http server secure", "show ip http server statistics",
    "show ip http server history", "show ip http server connection", "show ip route", "show ip interface", "show ip dns",
    "show ntp information", "show ntp config", "show ntp packets",
    "show call-home detail", "show call-home statistics", "show call-home smart-licensing",
)
_NXOS_SIBLINGS = (
    "show version", "show inventory", "show interface", "show tech-support", "show startup-config", "show hosts", "show vrf",
    "show license host-id", "show license brief",
    "show ntp peers", "show ntp statistics", "show ntp status", "show ntp rts-update", "show ntp source", "show ntp source-interface",
    "show callhome", "show running-config all", "show logging",
    "show logging last", "show logging server", "show logging console", "show logging info",
)

_FORMAT_PIPES = {"json": "json", "json-pretty": "json", "native-json": "json", "xml": "xml"}
_PASSTHROUGH_PIPES = ("no-more",)


def _tree(phrases):
    tree = {}
    for phrase in phrases:
        node = tree
        for word in phrase.split():
            node = node.setdefault(word, {})
        node[None] = phrase
    return tree


_TREES = {
    "ios": _tree(IOS_COMMANDS + _IOS_SIBLINGS),
    "nxos": _tree(NXOS_COMMANDS + _NXOS_SIBLINGS),
}
# NX-OS "show logging" prints the logfile too: read by the same parser, keyed as typed.
_CANONICAL = {"ios": frozenset(IOS_COMMANDS), "nxos": frozenset(NXOS_COMMANDS + ("show logging",))}


def _expand(words, tree):
    """Expand typed words along a command tree: (full phrase or None, True when a word was ambiguous)."""
    node = tree
    for word in words:
        word = word.lower()
        if word in node:
            node = node[word]
            continue
        matches = [key for key in node if key is not None and key.startswith(word)]
        if len(matches) != 1:
            return None, len(matches) > 1
        node = node[matches[0]]
    return node.get(None), False


def _split_pipes(text):
    parts = [part.strip() for part in str(text).split("|")]
    return parts[0], [part for part in parts[1:] if part]


def command_info(text, platform=None):
    """Everything known about a typed command.

    ``{"typed", "canonical", "base", "filtered", "pipes", "format", "kind"}``:
    ``canonical`` is the facts key (``show running-config`` for ``sh run | sec
    ntp``), ``filtered`` is True when a pipe kept only part of the output,
    ``partial`` is True for a running-config limited by its own arguments
    (``show run int Gi0/1``), ``format`` is ``json``/``xml`` for NX-OS
    structured output pipes.
    """
    info = _command_info(" ".join(str(text or "").split()), normalize_platform(platform))
    return dict(info, pipes=list(info["pipes"]))


# A capture or a live session types the same few commands again and again: each is worked out once. The function is
# pure and its result is never changed (command_info hands out copies).
@functools.lru_cache(maxsize=1024)
def _command_info(typed, platform):
    info = {"typed": typed, "canonical": None, "base": None, "filtered": False, "partial": False, "pipes": [], "format": None, "kind": None}
    try:
        base, pipes = _split_pipes(typed)
    except Exception:  # pylint: disable=broad-except
        return info
    words = base.split()
    if words and words[0].lower() == "do":
        words = words[1:]
    info["base"] = " ".join(words)
    info["pipes"] = pipes
    for pipe in pipes:
        verb = pipe.split()[0].lower() if pipe.split() else ""
        if verb in _FORMAT_PIPES:
            info["format"] = _FORMAT_PIPES[verb]
        elif verb not in _PASSTHROUGH_PIPES:
            info["filtered"] = True
    if not words:
        return info
    if words[0].lower() == "ping":
        info["canonical"] = " ".join(["ping"] + words[1:]) if len(words) > 1 else None
        info["kind"] = "ping" if info["canonical"] else None
        return info
    candidates = [platform] if platform else ["ios", "nxos"]
    found = []
    ambiguous = False
    for name in candidates:
        phrase, unclear = _expand(words, _TREES[name])
        ambiguous = ambiguous or unclear
        if phrase and phrase in _CANONICAL[name] and phrase not in found:
            found.append(phrase)
    # Without a platform, an abbreviation one of the two CLIs finds ambiguous is not guessed at.
    if len(found) == 1 and not ambiguous:
        info["canonical"] = found[0]
        info["kind"] = "show"
    elif not found and len(words) > 2 and _is_running_config(words[:2], candidates):
        # "show running-config interface Gi0/1", "show run ntp": a part of the running-config.
        info["canonical"] = "show running-config"
        info["kind"] = "show"
        # "show running-config all" is the whole configuration with defaults.
        if [word.lower() for word in words[2:]] != ["all"]:
            info["filtered"] = info["partial"] = True
    return info


def _is_running_config(words, platforms):
    return any(_expand(words, _TREES[name])[0] == "show running-config" for name in platforms)


def canonical_command(text, platform=None):
    """The canonical command (facts key) of a typed command, or None.

    ``sh lic stat`` → ``show license status``; ``sh run | sec ntp`` →
    ``show running-config``; ``ping 10.1.1.1 vrf mgmt`` → itself.
    """
    return command_info(text, platform)["canonical"]


def is_filtered(text):
    """True when the typed command pipes its output through a filter (include, section, ...)."""
    return command_info(text)["filtered"]


def parser_name(canonical):
    """The parser module name of a canonical command, or None."""
    if not canonical:
        return None
    if canonical.startswith("ping"):
        return PARSER_NAMES["ping"]
    return PARSER_NAMES.get(canonical)


def parser_modules():
    """{module name: module or None (failed to import)} for every parser the registry knows."""
    return dict(_MODULES)


def parse_output(command, text, platform=None, lines=None, messages=None):
    """Run the parser of ``command`` on ``text``; a result dict in every case.

    ``lines``: the lines of ``text`` when the caller split it already (the capture reader does), handed to the
    parser so that it does not split the text again; they must be what ``common.text_lines(text)`` gives.
    ``messages``: the syslog messages the capture reader read in these lines, handed to the parsers that report
    messages (``READS_MESSAGES``), which then do not read them again.
    """
    if isinstance(text, (bytes, bytearray)):
        # Results are JSON: bytes would stay bytes in the raw text of a command without a parser.
        text = bytes(text).decode("utf-8", errors="replace")
    info = command_info(command, platform)
    name = parser_name(info["canonical"])
    module = _MODULES.get(name) if name else None
    if not info["canonical"] or not name:
        result = new_result(raw=text)
        result["warnings"].append("no parser for command '%s'" % info["typed"])
    elif info["format"]:
        result = new_result(raw=text)
        result["warnings"].append("output of '%s' is %s, not CLI text; it was not parsed" % (info["typed"], info["format"]))
    elif module is None:
        result = new_result(raw=text)
        result["warnings"].append("parser module '%s' for command '%s' is not available" % (name, info["typed"]))
    else:
        given = {"messages": messages} if messages is not None and getattr(module, "READS_MESSAGES", False) else {}
        result = _run(module, name, text, lines, given)
        if info["filtered"] and info["canonical"] != "show running-config":
            result["warnings"].append("output was filtered by '| %s': fields missing from it are unknown, not absent" % " | ".join(info["pipes"]))
    result["command_info"] = {"command": info["typed"], "canonical": info["canonical"], "filtered": info["filtered"], "partial": info["partial"],
                              "pipes": info["pipes"], "parser": name, "platform": normalize_platform(platform)}
    return result


def _run(module, name, text, lines, given):
    try:
        result = module.parse(text, lines=lines, **given)
    except Exception as error:  # pylint: disable=broad-except
        result = new_result(raw=text)
        result["warnings"].append("parser '%s' failed: %s" % (name, error))
        return result
    if not isinstance(result, dict):
        result = new_result(raw=text, value=result)
        result["warnings"].append("parser '%s' did not return a dict" % name)
    result.setdefault("unparsed", [])
    result.setdefault("warnings", [])
    return result


_PING_TARGET = re.compile(r"^ping\s+(?:vrf\s+(?P<vrf_first>\S+)\s+)?(?P<target>\S+)(?:.*?\bvrf\s+(?P<vrf>\S+))?", re.IGNORECASE)


def ping_target(command):
    """(target, vrf) of a ping command; (None, None) when it is not one."""
    match = _PING_TARGET.match(" ".join(str(command or "").split()))
    if not match:
        return None, None
    return match.group("target"), match.group("vrf") or match.group("vrf_first")
