# -*- coding: utf-8 -*-
# Copyright: contributors to smartlic.slp
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What the rules read: one device's facts, messages, platform and intent.

``Context`` wraps the parser outputs (keyed by canonical command, see
docs/facts.md), the syslog messages and the optional intended settings, and
answers the questions every rule asks: which transport is configured, what
time it is on the device, whether a failure message is still current or was
followed by its recovery. Accessors never raise; a command that was not
captured simply gives nothing.

Device time: "now" is the device's own clock (``show clock``), else the
"Current time" line of ``show license tech support``, else the newest message
timestamp; never the controller's clock. ``now_floor`` is the newest past
event the device printed (an ACK, a report push, an install), a lower bound
used when no clock was captured.
"""

from __future__ import annotations

import re
from datetime import timedelta
from functools import cmp_to_key

from ansible_collections.smartlic.slp.plugins.module_utils import catalog
from ansible_collections.smartlic.slp.plugins.module_utils.parsers.common import parse_iso, parse_udi, to_iso
from ansible_collections.smartlic.slp.plugins.module_utils.rules.base import as_dict, as_list, dig, lower, text
from ansible_collections.smartlic.slp.plugins.module_utils.vocabulary import normalize_platform

STATUS_COMMANDS = ("show license tech support", "show license all", "show license status")
LOG_COMMANDS = ("show logging", "show logging logfile", "show license history message")
RUNNING_CONFIG = "show running-config"
SHOW_CLOCK = "show clock"
# How a failure message is known to be over, beyond the catalog's cleared_by events:
# (more clearing events, cleared by an ACK received after it, cleared by a newer date in this status field).
CLEARING = {
    "COMM_FAILED": ((), True, None),
    "UTILITY_REPORT_FAILED": ((), True, None),
    "REPORTING_REQUIRED": ((), True, None),
    "UTILITY_NO_ACK": ((), True, None),
    "REPORTING_NOT_SUPPORTED": (("COMM_RESTORED",), True, None),
    "POLICY_REMOVED": ((), False, "policy.installed_on"),
    "POLICY_INSTALL_FAILED": ((), False, "policy.installed_on"),
    "TRUST_CODE_INSTALL_FAILED": ((), False, "trust_code"),
    "UTILITY_TRUST_CODE": ((), False, "trust_code"),
    "UTILITY_TRANSPORT_NOT_CONFIG": (("UTILITY_STOPPED",), False, None),
    "UTILITY_SUBSCRIPTION_LICENSE": (("UTILITY_STOPPED",), False, None),
    "AUTHORIZATION_INSTALL_FAILED": ((), False, None),
}
INTENDED_KEYS = ("transport_type", "transport_url", "ntp_servers", "name_servers", "domain_name", "vrf", "cslu_local_address", "topology")
_ZONE = re.compile(r"\b([A-Za-z]{2,5})\s*$")


# Containers scalar_leaves visits in one fact at most (a guard against absurd inputs).
WALK_LIMIT = 20000


def scalar_leaves(data):
    """(path prefix, last key, value) of every scalar of nested dicts and lists, breadth first.

    A leaf's dotted path is its prefix plus its key: callers join the two only for the leaves they keep.
    """
    found = []
    queue = [("", data)]
    index = 0
    while index < len(queue) and index < WALK_LIMIT:
        path, current = queue[index]
        index += 1
        if isinstance(current, dict):
            items = current.items()
            prefix = path + "." if path else ""
        elif isinstance(current, list):
            items = enumerate(current)
            prefix = path + "."
        else:
            continue
        for key, value in items:
            if isinstance(value, (dict, list)):
                queue.append((prefix + str(key), value))
            else:
                found.append((prefix, str(key), value))
    return found


class Context:
    """Facts, messages and intent of one device, with the lookups the rules share."""

    def __init__(self, facts, messages, platform, intended=None, slac_text=None):
        self.cache = {}
        self.facts = {str(key): value for key, value in as_dict(facts).items() if isinstance(value, dict)}
        self.platform = normalize_platform(platform) or self._platform_from_content(messages)
        self.intended = {key: value for key, value in as_dict(intended).items() if value not in (None, "", [], {})}
        self.slac_text = slac_text if isinstance(slac_text, str) else None
        self.messages = self._merge_messages(messages)
        self.findings = []
        self.notes = []
        self.topology = None
        self.topology_info = {}
        self.now, self.now_source = self._device_now()
        self.now_floor = self._now_floor()

    # ------------------------------------------------------------------ facts

    def fact(self, command):
        """The parsed dict of a canonical command ({} when not captured)."""
        return as_dict(self.facts.get(command))

    def has(self, command):
        """True when the command was captured and its parser recognised the output."""
        usable = self.cache.get(("has", command))
        if usable is None:
            result = self.facts.get(command)
            warnings = " ".join(str(w) for w in as_list(result.get("warnings"))) if isinstance(result, dict) else ""
            usable = isinstance(result, dict) and "does not look like" not in warnings and "not available" not in warnings \
                and "no parser" not in warnings
            self.cache[("has", command)] = usable
        return usable

    def status(self, path):
        """(value, command) of the first license status command that holds `path` (looked up once per path)."""
        key = ("status", path)
        if key not in self.cache:
            self.cache[key] = (None, None)
            for command in STATUS_COMMANDS:
                if self.has(command):
                    value = dig(self.fact(command), path)
                    if value is not None and value != {} and value != []:
                        self.cache[key] = (value, command)
                        break
        return self.cache[key]

    def status_value(self, path, default=None):
        value = self.status(path)[0]
        return default if value is None else value

    def status_command(self):
        """The richest license status command captured, or None."""
        for command in STATUS_COMMANDS:
            if self.has(command):
                return command
        return None

    @property
    def era(self):
        """'slp', 'pre_slp' or None, from the license status outputs."""
        eras = [self.fact(command).get("era") for command in STATUS_COMMANDS if self.has(command)]
        if "slp" in eras:
            return "slp"
        if "pre_slp" in eras:
            return "pre_slp"
        if self.status_value("slp_enabled") is True:
            return "slp"
        return None

    def section_values(self, key_pattern, command=None):
        """(command, path, value) of every key under 'sections' (or anywhere) matching a regex, in the status outputs."""
        pattern = re.compile(key_pattern)
        found = []
        for name in ([command] if command else STATUS_COMMANDS):
            if not self.has(name):
                continue
            # Keys repeat (one per list item): each distinct key is tested once.
            matching = {leaf for leaf in self.leaf_keys(name) if pattern.search(leaf)}
            if matching:
                found.extend((name, prefix + leaf, value) for prefix, leaf, value in self.leaves(name) if leaf in matching)
        return found

    def leaf_keys(self, command):
        """The distinct last keys of ``leaves(command)``."""
        key = ("leaf_keys", command)
        if key not in self.cache:
            self.cache[key] = {leaf for _prefix, leaf, _value in self.leaves(command)}
        return self.cache[key]

    def leaves(self, command):
        """(path prefix, last key, value) of every scalar of a command's facts (see scalar_leaves), computed once per command."""
        key = ("leaves", command)
        if key not in self.cache:
            self.cache[key] = scalar_leaves(self.fact(command))
        return self.cache[key]

    # -------------------------------------------------------------- transport

    @property
    def running(self):
        return self.fact(RUNNING_CONFIG)

    @property
    def running_complete(self):
        """True when the whole running-config was captured (not '| section …' or 'show run ntp')."""
        if not self.has(RUNNING_CONFIG):
            return False
        info = as_dict(self.running.get("command_info"))
        return not info.get("filtered") and not info.get("partial")

    def running_knows(self, key):
        """True when the whole running-config was captured and its parser reports `key` (absence then means not configured)."""
        return self.running_complete and isinstance(self.running.get(key), dict)

    def transport_type(self):
        """(type, source command) from show license status, else from the running-config."""
        value, command = self.status("transport.type")
        if value:
            return lower(value), command
        configured = lower(dig(self.running, "license_smart.transport"))
        if configured:
            return configured.split()[0], RUNNING_CONFIG
        return None, None

    def smart_url(self):
        """(URL, source) of the smart transport (or call-home URL under that transport)."""
        value, command = self.status("transport.url")
        if value:
            return text(value), command
        configured = text(dig(self.running, "license_smart.url_smart"))
        if configured:
            return configured, RUNNING_CONFIG
        return None, None

    def cslu_url(self):
        """(URL, source) of the CSLU / SSM On-Prem address."""
        value, command = self.status("transport.cslu_address")
        if value:
            return text(value), command
        configured = text(dig(self.running, "license_smart.url_cslu"))
        if configured:
            return configured, RUNNING_CONFIG
        return None, None

    def licensing_vrf(self):
        """(VRF, source) the licensing transport uses, or (None, None) for the default VRF."""
        value, command = self.status("transport.vrf")
        if value:
            return text(value), command
        configured = text(dig(self.running, "license_smart.vrf"))
        if configured:
            return configured, RUNNING_CONFIG
        if self.intended.get("vrf"):
            return text(self.intended["vrf"]), "intended"
        return None, None

    def utility_enabled(self):
        return self.status_value("utility.enabled") is True

    def usage(self):
        return as_dict(self.status_value("usage_reporting", {}))

    def trust(self):
        return as_dict(self.status_value("trust_code", {}))

    def trust_installed(self):
        """True / False when the status says so, None when unknown."""
        trust = self.trust()
        installed = trust.get("installed")
        if installed is None:
            entries = as_list(trust.get("entries"))
            if entries:
                installed = any(as_dict(entry).get("installed") for entry in entries)
        return installed if isinstance(installed, bool) else None

    # ------------------------------------------------------------------- UDIs

    def udis(self):
        """[(role, 'PID:x,SN:y', source)] of the product instance, HA members included."""
        found = []
        seen = set()

        def add(role, value, source):
            udi = parse_udi(value) if isinstance(value, str) else None
            if udi and udi["udi"] not in seen:
                seen.add(udi["udi"])
                found.append((role, udi["udi"], source))

        for entry in as_list(self.fact("show license udi").get("entries")):
            entry = as_dict(entry)
            add(entry.get("role"), entry.get("udi") or "PID:%s,SN:%s" % (entry.get("pid") or "", entry.get("sn") or ""), "show license udi")
        if found:
            return found
        for command in STATUS_COMMANDS:
            for entry in as_list(dig(self.fact(command), "udi.entries")) + as_list(dig(self.fact(command), "ha_udis")):
                entry = as_dict(entry)
                add(entry.get("role"), entry.get("udi") or "", command)
            udi = as_dict(self.fact(command).get("udi"))
            if udi.get("sn"):
                add("active", "PID:%s,SN:%s" % (udi.get("pid") or "", udi.get("sn")), command)
        return found

    # ------------------------------------------------------------------- time

    def _device_now(self):
        clock = self.fact(SHOW_CLOCK)
        moment = parse_iso(clock.get("time")) if self.has(SHOW_CLOCK) else None
        if moment:
            return moment, SHOW_CLOCK
        for command, _path, value in self.section_values(r"^current_time$", "show license tech support"):
            moment = parse_iso(to_iso(value))
            if moment:
                return moment, command
        stamps = [message["_time"] for message in self.messages if message.get("_time")]
        if stamps:
            return max(stamps), "log"
        return None, None

    def past_times(self):
        """(datetime, label) of every past event the license outputs print (worked out once: do not change the list)."""
        if "past_times" not in self.cache:
            self.cache["past_times"] = self._past_times()
        return self.cache["past_times"]

    def _past_times(self):
        found = []
        usage = self.usage()
        for key in ("last_ack_received", "last_report_push", "last_report_file_write"):
            moment = parse_iso(usage.get(key))
            if moment:
                found.append((moment, "usage_reporting." + key))
        for key in ("policy.installed_on", "account.as_of"):
            moment = parse_iso(self.status_value(key))
            if moment:
                found.append((moment, key))
        for entry in as_list(self.trust().get("entries")):
            moment = parse_iso(as_dict(entry).get("installed_on"))
            if moment:
                found.append((moment, "trust_code.installed_on"))
        return found

    def _now_floor(self):
        candidates = [moment for moment, _label in self.past_times()]
        candidates += [message["_time"] for message in self.messages if message.get("_time")]
        if self.now:
            candidates.append(self.now)
        return max(candidates) if candidates else None

    def when(self, iso):
        """datetime of an ISO string made by the parsers, or None."""
        return parse_iso(iso) if isinstance(iso, str) else None

    def days_until(self, iso):
        """Days from the device clock to a date (negative when past); None without a clock."""
        moment = self.when(iso)
        if not moment or not self.now:
            return None
        return (moment - self.now).total_seconds() / 86400.0

    def age_days(self, moment):
        """Days between a datetime and the device clock; None when either is unknown."""
        if not moment or not self.now:
            return None
        return (self.now - moment).total_seconds() / 86400.0

    def clock_zone(self):
        clock = self.fact(SHOW_CLOCK)
        zone = text(clock.get("timezone"))
        if zone:
            return zone.upper()
        match = _ZONE.search(text(clock.get("time_raw")))
        return match.group(1).upper() if match else None

    # --------------------------------------------------------------- messages

    def _platform_from_content(self, messages):
        for message in as_list(messages):
            platform = normalize_platform(as_dict(message).get("platform"))
            if platform:
                return platform
        return None

    def _merge_messages(self, messages):
        merged = []
        seen = {}
        sources = [("given", as_list(messages))]
        for command in LOG_COMMANDS:
            sources.append((command, as_list(self.fact(command).get("messages"))))
        for source, items in sources:
            for message in items:
                if not isinstance(message, dict):
                    continue
                # The same line read twice (the capture's messages and a log command's): keep one, with a timestamp if either has one.
                key = (text(message.get("raw")) or text(message.get("text")), text(message.get("event") or message.get("mnemonic")))
                if key in seen:
                    kept = seen[key]
                    if kept["_time"] is None and isinstance(message.get("timestamp"), str):
                        kept["_time"] = parse_iso(message["timestamp"])
                        kept["timestamp"] = message["timestamp"]
                    continue
                copy = dict(message)
                seen[key] = copy
                copy["_seq"] = len(merged)
                copy["_time"] = parse_iso(message.get("timestamp")) if isinstance(message.get("timestamp"), str) else None
                copy["_source"] = source
                copy["event"] = self._event_of(copy)
                merged.append(copy)
        return merged

    @staticmethod
    def _event_of(message):
        event = text(message.get("event")).upper()
        if event.startswith("LOG_SMART_LIC_"):
            event = event[len("LOG_SMART_LIC_"):]
        if not event:
            event = catalog.event_for(message.get("facility"), message.get("mnemonic")) or text(message.get("mnemonic")).upper()
        return event or None

    def events(self, *names):
        """Messages of the given events, oldest first."""
        if "by_event" not in self.cache:
            by_event = self.cache["by_event"] = {}
            for message in self._sorted():
                by_event.setdefault(message.get("event"), []).append(message)
        if len(names) == 1:
            return list(self.cache["by_event"].get(names[0].upper(), ()))
        wanted = {name.upper() for name in names}
        return [message for message in self._sorted() if message.get("event") in wanted]

    def order_key(self, message):
        """Sort key: timestamps where both messages have one, else position in the log."""
        return _ORDER(message)

    @staticmethod
    def is_later(reference, candidate):
        """True when message `candidate` came after message `reference`."""
        reference_time, candidate_time = reference.get("_time"), candidate.get("_time")
        if reference_time and candidate_time and reference_time != candidate_time:
            return candidate_time > reference_time
        return candidate.get("_seq", 0) > reference.get("_seq", 0)

    def newer_than(self, message, iso):
        """True when a date (ISO) is later than the message; False when either time is unknown."""
        moment = self.when(iso)
        return bool(moment and message.get("_time") and moment > message["_time"])

    def sorted_messages(self):
        """The messages, oldest first (sorted once; a new list each call)."""
        return list(self._sorted())

    def _sorted(self):
        """The cached sorted list itself, for the lookups here that only read it."""
        if "sorted" not in self.cache:
            self.cache["sorted"] = sorted(self.messages, key=self.order_key)
        return self.cache["sorted"]

    def clearing_message(self, message, extra_events=()):
        """The first message after `message` whose event clears it (catalog cleared_by), or None."""
        clearing = set(catalog.events_clearing(message.get("event"))) | set(extra_events)
        if not clearing:
            return None
        for other in self._sorted():
            if other.get("event") in clearing and self.is_later(message, other):
                return other
        return None

    def split_active(self, event, extra_events=(), cleared_by_ack=False):
        """(active messages, recovered messages) of an event.

        A message is recovered when a clearing event follows it, or (with
        `cleared_by_ack`) when the usage report ACK was received after it.
        """
        active, recovered = [], []
        last_ack = self.usage().get("last_ack_received")
        for message in self.events(event):
            clear = self.clearing_message(message, extra_events)
            if clear is not None:
                message = dict(message, _cleared_by=clear)
                recovered.append(message)
            elif cleared_by_ack and self.newer_than(message, last_ack):
                message = dict(message, _cleared_by_ack=last_ack)
                recovered.append(message)
            else:
                active.append(message)
        return active, recovered

    def split(self, event):
        """(current messages, recovered messages) of an event, with the clearing rules of CLEARING (worked out once per event)."""
        key = ("split", event)
        if key not in self.cache:
            self.cache[key] = self._split(event)
        active, recovered = self.cache[key]
        return list(active), list(recovered)

    def _split(self, event):
        extra_events, by_ack, field = CLEARING.get(event, ((), False, None))
        active, recovered = self.split_active(event, extra_events, by_ack)
        if field and active:
            newer = self.trust_installed_on() if field == "trust_code" else self.when(self.status_value(field))
            still = []
            for message in active:
                if newer and message.get("_time") and newer > message["_time"]:
                    recovered.append(dict(message, _cleared_by_field=(field, newer.isoformat())))
                else:
                    still.append(message)
            active = still
        return active, recovered

    def trust_installed_on(self):
        """Newest trust code installation time, or None."""
        times = [self.when(as_dict(entry).get("installed_on")) for entry in as_list(self.trust().get("entries"))]
        times.append(self.when(self.trust().get("installed_on")))
        times = [moment for moment in times if moment]
        return max(times) if times else None

    def logs_captured(self):
        """True when messages or a log command were given (absence of a message then means something)."""
        return bool(self.messages) or any(self.has(command) for command in LOG_COMMANDS)

    def recent(self, message, days=30):
        """True when the message is at most `days` old on the device clock (or its age is unknown)."""
        age = self.age_days(message.get("_time"))
        return age is None or age <= days

    # ------------------------------------------------------------------ misc

    def pings(self):
        """[(command, parsed)] of every captured ping."""
        return [(command, as_dict(result)) for command, result in sorted(self.facts.items()) if command.lower().startswith("ping")]

    def cmd(self, ios, nxos=None):
        """The CLI line for this platform."""
        return nxos if self.platform == "nxos" and nxos is not None else ios

    def skew_threshold(self):
        return timedelta(hours=1)


def _compare(first, second):
    """-1 when `first` came before `second`, 1 when after, 0 when unknown."""
    first_is_older = Context.is_later(first, second)
    second_is_older = Context.is_later(second, first)
    if first_is_older:
        return -1
    return 1 if second_is_older else 0


_ORDER = cmp_to_key(_compare)
