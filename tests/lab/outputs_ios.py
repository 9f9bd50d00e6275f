"""IOS XE output texts of the lab's license model, in the real devices' formats.

Each function takes the model's ``snapshot()`` dict and returns the command
output (LF newlines, no prompt). Layouts follow the captured outputs in
/work/shared/corpus/iosxe (show license status/all/tech support/udi/usage/
summary/rum id all, show clock, show ntp associations, ping, show call-home
profile all) and the seeds' examples.
"""

from __future__ import annotations

import contextvars
import functools
import hashlib
from datetime import datetime, timedelta

NONE = "<none>"
EMPTY = "<empty>"
CSSM_URL = "https://smartreceiver.cisco.com/licservice/license"

CUSTOM_POLICY = (
    ("Unenforced/Non-Export Perpetual Attributes", (30, 60, 60)),
    ("Unenforced/Non-Export Subscription Attributes", (120, 111, 111)),
    ("Enforced (Perpetual/Subscription) License Attributes", (30, 90, 60)),
    ("Export (Perpetual/Subscription) License Attributes", (30, 30, 30)),
)
DEFAULT_POLICY = (
    ("Unenforced/Non-Export Perpetual Attributes", (365, 0, 90)),
    ("Unenforced/Non-Export Subscription Attributes", (90, 90, 90)),
    ("Enforced (Perpetual/Subscription) License Attributes", (0, 0, 0)),
    ("Export (Perpetual/Subscription) License Attributes", (0, 0, 0)),
)
STAT_CATEGORIES = (
    ("trust_establishment", "Trust Establishment"),
    ("trust_acknowledgement", "Trust Acknowledgement"),
    ("usage_reporting", "Usage Reporting"),
    ("result_polling", "Result Polling"),
    ("authorization_request", "Authorization Request"),
    ("authorization_confirmation", "Authorization Confirmation"),
    ("authorization_return", "Authorization Return"),
    ("trust_sync", "Trust Sync"),
    ("hello_message", "Hello Message"),
)


# ----------------------------------------------------------------------------- output variants
# The scenario key `output_variants` picks, per device, one of the layouts real devices print (tests/lab/README.md,
# "Output variants"). Every value names its source: a capture under ../shared/corpus (path below it) or a seed line.
# The first value of each key is the lab's default layout.

# Time zones: the device keeps UTC inside; every time it prints (license dates, show clock, the CLI header, event log,
# log lines) is local time with the zone's name. Logs are printed in local time as with 'service timestamps log datetime
# msec localtime' (no zone in the line). IOS XE only: no NX-OS capture prints a zone other than UTC.
ZONES = {
    "UTC": timedelta(0),                      # iosxe/show_license_status/genie_1.txt ('Oct 14 11:37:52 2021 UTC')
    "EDT": timedelta(hours=-4),               # iosxe/show_license_status/ntc_2.txt lines 44-49 ('Nov 08 10:31:23 2023 EDT')
    "PDT": timedelta(hours=-7),               # iosxe/show_license_tech_support/genie_13.txt lines 20-170, genie_16.txt line 3
    "IST": timedelta(hours=5, minutes=30),    # iosxe/show_license_tech_support/genie_8.txt lines 3-176, show_license_all/genie_4.txt
}
VARIANTS = {
    "timezone": tuple(ZONES),
    # 'VRF: <empty>' (iosxe/show_license_status/ntc_4.txt line 25) or 'VRF:' with 'Not Configured' on the next line
    # (iosxe/show_license_status/ntc_3.txt lines 23-24, genie_1.txt lines 25-26), when no VRF is set. IOS XE only.
    "vrf_form": ("inline", "not_configured"),
    # Smart Agent 5.x 'Trust Code Installed: <date>' / per-member 'INSTALLED on' (iosxe/show_license_status/ntc_3.txt
    # line 59, genie_1.txt lines 61-67), or 6.x 'Trust Code Installed:    Trust Code Type: CSSM' / 'Attributes:' with
    # 'INSTALLED on … Valid on …', 'Expired on', 'Trust Code Type', 'Attributes' per member
    # (iosxe/show_license_all/genie_4.txt lines 72-91, show_license_tech_support/genie_9.txt lines 84-97). IOS XE only.
    "trust_block": ("agent5", "agent6"),
    # No header, or 'Load for five secs: …' / 'Time source is NTP, …' before every show output (exec prompt timestamp:
    # iosxe/show_license_status/genie_1.txt lines 1-3, show_license_tech_support/genie_8.txt lines 2-4,
    # genie_7.txt line 2 'No time source, *17:05:54.449 UTC …', ios/show_clock/genie_1.txt). IOS XE only.
    "header": ("none", "load"),
    # Empty lines, or lines of spaces only: 10 on IOS XE (iosxe/show_license_status/ntc_3.txt line 25), 4 on NX-OS
    # (seed 001_bf5bcbad8eb8b5e5.txt line 288).
    "blank_lines": ("empty", "spaces"),
    # LF, or CRLF line ends (iosxe/show_license_status/genie_1.txt, every line). Over SSH the lab's CLI sends CRLF in
    # both cases, as a terminal does; the variant shows in the text the model returns (captures, unit tests).
    "line_ends": ("lf", "crlf"),
    # NX-OS 'show license status' usage and trust blocks: the Smart Agent layout the IOS XE captures print ('Usage
    # Reporting:', a blank line, 'Trust Code Installed:', iosxe/show_license_status/ntc_3.txt lines 49-59) with the
    # member line and its date below (seed 001 lines 286-287), or exactly as seed 001 lines 277-288 print them
    # ('Usage reporting:' with 9-blank children, 'Trust Code installed: <date>' right below with no blank line,
    # 'Active: PID: x, SN: y', the date on the next line, trailing blanks). NX-OS only.
    "nxos_layout": ("agent", "seed"),
}
DEFAULT_VARIANTS = {key: values[0] for key, values in VARIANTS.items()}
AGENT_VERSIONS = {
    "agent5": "5.11.3_rel/16",        # iosxe/show_license_tech_support/genie_5.txt line 112
    "agent6": "6.3.10/58086906e",     # iosxe/show_license_tech_support/genie_9.txt line 175
}
_SPACES = {"ios": " " * 10, "nxos": " " * 4}
# The variants of the output being rendered (set by `variant_output`).
_CURRENT = contextvars.ContextVar("lab_output_variants", default=None)


def output_variants(hostname, value):
    """Every variant key with its value, from the scenario's `output_variants`.

    None or 'default': the default layouts. 'auto': one value per key chosen from the hostname (the same on every
    run), so that a fleet mixes the layouts. A mapping: its keys, the others default. Raises ValueError on an unknown
    key or value.
    """
    if value is None or value == "default":
        return dict(DEFAULT_VARIANTS)
    if value == "auto":
        return {key: values[_stable_index("%s/%s" % (hostname, key), len(values))] for key, values in VARIANTS.items()}
    if not isinstance(value, dict):
        raise ValueError("output_variants must be 'default', 'auto' or a mapping of %s, not %r" % (", ".join(VARIANTS), value))
    chosen = dict(DEFAULT_VARIANTS)
    for key, item in value.items():
        if key not in VARIANTS:
            raise ValueError("output_variants: unknown key %r (known: %s)" % (key, ", ".join(VARIANTS)))
        if str(item) not in VARIANTS[key]:
            raise ValueError("output_variants: %s must be one of %s, not %r" % (key, ", ".join(VARIANTS[key]), item))
        chosen[key] = str(item)
    return chosen


def _stable_index(text, count):
    return int(hashlib.sha256(text.encode()).hexdigest()[:8], 16) % count


def current_variants():
    return _CURRENT.get() or DEFAULT_VARIANTS


def zone_name():
    return current_variants()["timezone"]


def _shift(value, offset):
    """`value` with every datetime moved by `offset` (dicts, lists and tuples copied)."""
    if isinstance(value, datetime):
        return value + offset
    if isinstance(value, dict):
        return {key: _shift(item, offset) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(_shift(item, offset) for item in value)
    return value


def _variants_of(data, platform):
    variants = dict(DEFAULT_VARIANTS)
    variants.update((data or {}).get("variants") or {})
    if platform != "ios":
        # Only the IOS XE captures print these forms (see VARIANTS).
        for key in ("timezone", "vrf_form", "trust_block", "header"):
            variants[key] = DEFAULT_VARIANTS[key]
    return variants


def variant_output(platform):
    """Decorator for a show renderer ``f(data)``: print the device's output variants.

    Local time for the scenario's zone (the snapshot's datetimes moved), the CLI header, lines of spaces and CRLF
    line ends. A renderer called from another one prints through the outer one's variants.
    """
    def wrap(function):
        @functools.wraps(function)
        def render(data, *args, **kwargs):
            if _CURRENT.get() is not None:
                return function(data, *args, **kwargs)
            variants = _variants_of(data, platform)
            offset = ZONES[variants["timezone"]]
            local = _shift(data, offset) if offset else data
            token = _CURRENT.set(variants)
            try:
                text = function(local, *args, **kwargs)
                if variants["header"] == "load":
                    text = "\n".join(_header_lines(local)) + "\n\n" + text
            finally:
                _CURRENT.reset(token)
            if variants["blank_lines"] == "spaces":
                text = _spaces_for_blank_lines(text, _SPACES[platform])
            if variants["line_ends"] == "crlf":
                text = text.replace("\r\n", "\n").replace("\n", "\r\n")
            return text
        return render
    return wrap


def _header_lines(data):
    """'Load for five secs: 2%/0%; one minute: 0%; five minutes: 0%' and the time-source line (genie_1.txt lines 1-2)."""
    marker, text = data.get("marker", ""), clock_text(data["now"])
    source = "Time source is NTP, %s%s" % (marker, text) if data.get("synchronized") or marker == "." else "No time source, %s%s" % (marker, text)
    return ["Load for five secs: 2%/0%; one minute: 0%; five minutes: 0%", source]


def _spaces_for_blank_lines(text, spaces):
    lines = text.split("\n")
    last = len(lines) - 1 if text.endswith("\n") else len(lines)
    return "\n".join(spaces if index < last and not line else line for index, line in enumerate(lines))


# ----------------------------------------------------------------------------- formats

def fmt_date(moment):
    """'Dec 03 08:34:58 2021 UTC' (license outputs; the zone of the output variant), '<none>' for None."""
    if moment is None:
        return NONE
    return moment.strftime("%b %d %H:%M:%S %Y") + " " + zone_name()


def clock_text(moment):
    """'04:45:00.857 UTC Thu Aug 7 2025' (show clock; the zone of the output variant)."""
    return "%s.%03d %s %s %d %d" % (moment.strftime("%H:%M:%S"), moment.microsecond // 1000, zone_name(), moment.strftime("%a %b"), moment.day,
                                    moment.year)


def syslog_line(message, hostname):
    """'*Mar  7 2026 23:38:41.985: %SMART_LIC-3-COMM_FAILED: text' (IOS XE logging buffer with the year)."""
    del hostname
    moment = message_time(message)
    stamp = "%s%s %2d %d %s.%03d" % (message.get("marker", ""), moment.strftime("%b"), moment.day, moment.year, moment.strftime("%H:%M:%S"),
                                     moment.microsecond // 1000)
    return "%s: %%SMART_LIC-%d-%s: %s" % (stamp, message["severity"], message["event"], message["text"])


def message_time(message):
    """The time of a model message: a datetime (snapshot events, local time) or its ISO text (UTC)."""
    moment = message["time"]
    return moment if isinstance(moment, datetime) else datetime.strptime(moment, "%Y-%m-%dT%H:%M:%S.%f")


def log_lines(data, render):
    """The log lines of a snapshot: as the model rendered them (UTC), or again from its events in local time."""
    if current_variants()["timezone"] == "UTC":
        return list(data["messages"])
    return [render(event, data["hostname"]) for event in data["events"]]


def _udi(member):
    return "PID:%s,SN:%s" % (member["pid"], member["sn"])


# ----------------------------------------------------------------------------- status part

def transport_lines(data, tech=False, nxos=False):
    transport = data["transport"]
    kind = transport["type"]
    lines = ["Transport:"]
    if kind == "smart":
        lines += ["  Type: Smart", "  URL: %s" % transport["url"]]
    elif kind == "cslu":
        lines.append("  Type: %s" % ("CSLU" if nxos else "cslu"))
        address = transport["cslu_url"] or ("cslu-local" if nxos else EMPTY)
        lines.append("  Cslu address: %s" % address)
    elif kind == "callhome":
        lines.append("  Type: Callhome")
        return lines
    else:
        lines.append("  Type: Transport Off")
        return lines
    if tech:
        lines += ["  Proxy:", "    Address: <empty>", "    Port: <empty>", "    Username: <empty>", "    Password: <empty>",
                  "  Server Identity Check: True"]
    else:
        lines += ["  Proxy:", "    Not configured" if nxos else "    Not Configured"]
    if transport["vrf"] is None and current_variants()["vrf_form"] == "not_configured":
        lines += ["  VRF:", "    Not Configured"]
    else:
        lines.append("  VRF: %s" % (transport["vrf"] or EMPTY))
    if tech and not nxos:
        lines += ["  IP Mode: IPv4 ONLY", "  Trust Point: %s" % (transport["trustpoint"] or EMPTY)]
    return lines


def policy_lines(data):
    policy = data["policy"]
    if policy["custom"]:
        source = "Customer Policy"
        lines = ["Policy:", "  Policy in use: Installed On %s" % fmt_date(policy["installed_on"]), "  Policy name: %s" % policy["name"],
                 "  Reporting ACK required: yes (Customer Policy)"]
        values = CUSTOM_POLICY
    else:
        source = "CISCO default"
        lines = ["Policy:", "  Policy in use: Merged from multiple sources.", "  Reporting ACK required: yes (CISCO default)"]
        values = DEFAULT_POLICY
    for title, (first, frequency, change) in values:
        lines += ["  %s:" % title, "    First report requirement (days): %d (%s)" % (first, source),
                  "    Reporting frequency (days): %d (%s)" % (frequency, source), "    Report on change (days): %d (%s)" % (change, source)]
    return lines


def usage_lines(data, title="Usage Reporting:", nxos=False):
    usage = data["usage"]
    offline = data["transport"]["type"] == "off"
    if nxos and current_variants()["nxos_layout"] == "seed":
        # Seed 001 lines 277-284: 'Usage reporting:' + 2 blanks, children at 9 blanks with a trailing blank.
        return ["Usage reporting:  "] + ["         %s " % line.strip() for line in usage_lines(data)[1:]]
    return [
        title,
        "  Last ACK received: %s" % fmt_date(usage.get("last_ack")),
        "  Next ACK deadline: %s" % fmt_date(usage.get("deadline")),
        "  Reporting push interval: %s" % ("0 (no reporting)" if offline else "30  days"),
        "  Next ACK push check: %s" % NONE,
        "  Next report push: %s" % fmt_date(usage.get("next_push")),
        "  Last report push: %s" % fmt_date(usage.get("last_push")),
        "  Last report file write: %s" % fmt_date(usage.get("last_file_write")),
    ]


def trust_lines(data, nxos=False):
    trust = data["trust"]
    variants = current_variants()
    if nxos and variants["nxos_layout"] == "seed":
        return _trust_lines_nxos_seed(trust)
    if not nxos and variants["trust_block"] == "agent6" and any(when for _member, when in trust):
        return _trust_lines_agent6(trust)
    if len(trust) == 1:
        member, when = trust[0]
        if nxos and when is not None:
            return ["Trust Code Installed: %s" % fmt_date(when), "  Active: %s" % _udi(member), "    %s" % fmt_date(when)]
        return ["Trust Code Installed: %s" % fmt_date(when)]
    lines = ["Trust Code Installed:"]
    for member, when in trust:
        lines.append("  %s: %s" % (member["role"], _udi(member)))
        lines.append("    INSTALLED on %s" % fmt_date(when) if when else "    NOT INSTALLED")
    return lines


def _trust_lines_nxos_seed(trust):
    """Seed 001 lines 285-287: 'Trust Code installed: <date> ', '         Active: PID: x, SN: y ', the date at 17 blanks."""
    installed = [when for _member, when in trust if when]
    if not installed:
        return ["Trust Code installed: %s " % NONE]
    lines = ["Trust Code installed: %s " % fmt_date(max(installed))]
    for member, when in trust:
        lines += ["         %s: PID: %s, SN: %s " % (member["role"], member["pid"], member["sn"]), "                 %s" % fmt_date(when)]
    return lines


def _trust_lines_agent6(trust):
    """Smart Agent 6.x (iosxe/show_license_all/genie_4.txt lines 72-91): the type and attributes on the title, then per
    member 'INSTALLED on X    Valid on Y', 'Expired on Z', 'Trust Code Type: CSSM', 'Attributes: <none>'."""
    lines = ["Trust Code Installed:    Trust Code Type: CSSM", "    Attributes: %s" % NONE, ""]
    for member, when in trust:
        lines.append("  %s: %s" % (member["role"], _udi(member)))
        if when:
            # genie_4.txt: valid about 5 minutes before the installation, expires 8 years later.
            lines += ["    INSTALLED on %s    Valid on %s" % (fmt_date(when), fmt_date(when - timedelta(minutes=5, seconds=3))),
                      "    Expired on %s" % fmt_date(when + timedelta(days=8 * 365 + 2))]
        else:
            lines.append("    NOT INSTALLED")
        lines += ["    Trust Code Type: CSSM", "    Attributes: %s" % NONE, ""]
    return lines


def account_lines(data):
    account = data["account"]
    smart = account["smart"]
    if smart and account["as_of"]:
        smart = "%s As of %s" % (smart, fmt_date(account["as_of"]))
    return ["Account Information:", "  Smart Account: %s" % (smart or NONE), "  Virtual Account: %s" % (account["virtual"] or NONE)]


PRIVACY = ["Data Privacy:", "  Sending Hostname: yes", "    Callhome hostname privacy: DISABLED", "    Smart Licensing hostname privacy: DISABLED",
           "  Version privacy: DISABLED"]


def status_lines(data, tech=False, nxos=False):
    """The status part shared by show license status / all / tech support."""
    # 'Utility: Status: ENABLED' in utility mode (seed 000 UTILITY_* messages; the block's layout as in the corpus' show license status).
    lines = ["Utility:", "  Status: %s" % ("ENABLED" if data.get("utility") else "DISABLED"), "", "Smart Licensing Using Policy:", "  Status: ENABLED", ""]
    lines += account_lines(data) + [""] + PRIVACY + [""] + transport_lines(data, tech=tech, nxos=nxos) + [""]
    lines += policy_lines(data) + ["", "Miscellaneous:", "  Custom Id: <empty>", ""]
    usage = usage_lines(data, nxos=nxos)
    # Seed 001 prints the trust block right below the usage lines, with no blank line between.
    lines += usage + ([] if usage[0] == "Usage reporting:  " else [""]) + trust_lines(data, nxos=nxos)
    return lines


@variant_output("ios")
def show_license_status(data):
    return "\n".join(status_lines(data) + ["", "Device Telemetry Report Summary:", "================================", "Data Channel: AVAILABLE",
                                           "Reports on disk: 0", ""])


# ----------------------------------------------------------------------------- show license all / tech support

def _chapter(title):
    return [title, "=" * len(title)]


def _full_status(data, tech=False):
    lines = _chapter("Smart Licensing Status") + ["", "Smart Licensing is ENABLED", "", "Export Authorization Key:", "  Features Authorized:",
                                                  "    <none>", ""]
    return lines + status_lines(data, tech=tech) + [""]


def _usage_blocks(data, tech=False):
    lines = _chapter("License Usage")
    for index, item in enumerate(data["licenses"], start=1):
        if tech:
            lines += ["Handle: %d" % index, "  License: %s" % item["name"], "  Entitlement Tag: %s" % item.get("entitlement", item["tag"])]
        else:
            lines.append("")
            lines.append("%s (%s):" % (item["name"], item["tag"]))
        lines += ["  Description: %s" % item["description"], "  Count: %d" % item["count"], "  Version: 1.0",
                  "  Status: %s" % ("IN USE(15)" if tech else "IN USE"), "  Export status: NOT RESTRICTED",
                  "  Feature Name: %s" % item["name"], "  Feature Description: %s" % item["description"],
                  "  Enforcement type: NOT ENFORCED", "  License type: %s" % item["type"]]
        if tech:
            lines += ["  Soft Enforced: True", ""]
    return lines + [""]


def _product_lines(data):
    members = data["members"]
    lines = _chapter("Product Information") + ["UDI: %s" % _udi(members[0])]
    if len(members) > 1:
        lines += ["", "HA UDI List:"] + ["    %s:%s" % (member["role"], _udi(member)) for member in members]
    return lines + [""]


def _authorization_lines(data):
    lines = ["Overall status:"]
    for member in data["members"]:
        record = data["authorization"].get(member["sn"]) or {}
        status = record.get("status") or "NOT INSTALLED"
        if record.get("on"):
            status += " on %s" % fmt_date(datetime.strptime(record["on"], "%Y-%m-%dT%H:%M:%S.%f"))
        lines += ["  %s: %s" % (member["role"], _udi(member)), "      Status: %s" % status]
        if record.get("failure"):
            lines.append("      Last failure: %s" % record["failure"])
    return lines + ["", "Purchased Licenses:", "  No Purchase Information Available"]


def _report_summary(data):
    reports = data["reports"]
    acked = len([report for report in reports if report["state"] == "ACK"])
    waiting = len([report for report in reports if report["state"] == "CLOSED"])
    available = len(reports) - acked - waiting
    return ["Usage Report Summary:", "=====================", "Total: %d,  Purged: 0" % len(reports),
            "Total Acknowledged Received: %d,  Waiting for Ack: %d" % (acked, waiting),
            "Available to Report: %d  Collecting Data: %d" % (available, len(data["licenses"]))]


@variant_output("ios")
def show_license_all(data):
    lines = _full_status(data) + _usage_blocks(data) + _product_lines(data)
    lines += _chapter("Agent Version") + ["Smart Agent for Licensing: %s" % AGENT_VERSIONS[current_variants()["trust_block"]], ""]
    lines += _chapter("License Authorizations") + _authorization_lines(data) + [""] + _report_summary(data)
    return "\n".join(lines)


def _stat_lines(data):
    lines = []
    for key, title in STAT_CATEGORIES:
        row = data["stats"].get(key)
        if not row:
            lines += [title + ":", "  Attempts: Total=0, Success=0, Fail=0  Ongoing Failure: Overall=0 Communication=0", "  Last Response: <none>",
                      "    Failure Reason: <none>", "  Last Success Time: <none>", "  Last Failure Time: <none>"]
            continue
        response = "%s on %s" % (row["last_response"], fmt_date(row["last_response_time"])) if row["last_response"] else NONE
        lines += [title + ":",
                  "  Attempts: Total=%d, Success=%d, Fail=%d  Ongoing Failure: Overall=%d Communication=%d" % (
                      row["total"], row["success"], row["fail"], row["ongoing"], row["ongoing"]),
                  "  Last Response: %s" % response,
                  "    Failure Reason: %s" % (row["reason"] or NONE),
                  "  Last Success Time: %s" % fmt_date(row["last_success"]),
                  "  Last Failure Time: %s" % fmt_date(row["last_failure"])]
    return lines


def _other_info(data, nxos=False):
    transport = data["transport"]
    kind = {"smart": "Smart", "cslu": "cslu", "callhome": "Callhome", "off": "Transport Off"}[transport["type"]]
    lines = _chapter("Other Info") + ["Software ID: regid.2017-05.com.cisco.%s,v1_727af1d9-6c39-4444-b301-863f81445b72" % (
        "N9K" if nxos else "C9300"), "Agent State: authorized", "TS enable: True", "Transport: %s" % kind]
    if transport["type"] == "smart":
        lines.append("  Default URL: %s" % CSSM_URL)
    lines += ["Locale: en_US.UTF-8", "Debug flags: 0x7", "Privacy Send Hostname: True", "Privacy Send IP: True"]
    installed = 0
    for member, when in data["trust"]:
        udi = "P:%s,S:%s" % (member["pid"], member["sn"])
        if when:
            installed += 1
            lines.append("%s: %s, state[2], Trust Data INSTALLED" % (udi, udi))
        else:
            lines.append("%s: No Trust Data" % udi)
    lines.append("Overall Trust: %s" % ("INSTALLED (2)" if installed else "No ID"))
    lines.append("Clock sync-ed with NTP: %s" % ("True" if data["synchronized"] else "False"))
    return lines


@variant_output("ios")
def show_license_tech_support(data, nxos=False):
    now = data["now"]
    lines = ["Smart Licensing Tech Support info", ""] + _full_status(data, tech=True) + _usage_blocks(data, tech=True) + _product_lines(data)
    lines += _chapter("Agent Version") + ["Smart Agent for Licensing: %s" % AGENT_VERSIONS[current_variants()["trust_block"]], ""]
    lines += _chapter("Upcoming Scheduled Jobs") + ["Current time: %s" % fmt_date(now)]
    daily = now.replace(hour=10, minute=45, second=20, microsecond=0)
    if daily <= now:
        daily += timedelta(days=1)
    remaining = int((daily - now).total_seconds())
    lines += ["Daily: %s (%d hours, %d minutes, %d seconds remaining)" % (fmt_date(daily), remaining // 3600, remaining % 3600 // 60, remaining % 60),
              "Init Flag Check: Expired Not Rescheduled", "Data Synchronization: Expired Not Rescheduled", ""]
    level = "INDIRECT" if data["topology"] in ("cslu", "onprem") else "DIRECT"
    lines += ["Communication Statistics:", "=======================", "Communication Level Allowed: %s" % level, "Overall State: <empty>"]
    lines += _stat_lines(data) + [""]
    lines += _chapter("License Certificates") + ["Production Cert: True", "Not registered. No certificates installed", ""]
    lines += _chapter("HA Info") + ["RP Role: Active", "Chassis Role: Active", "Behavior Role: Active", "RMF: True", "CF: True", "CF State: Stateless",
                                    "Message Flow Allowed: False", ""]
    lines += _other_info(data, nxos=nxos)
    # Real output ends with this section (the capture reader takes its absence for a cut output).
    pid = data["members"][0]["pid"]
    lines += ["", "Platform Provided Mapping Table", "===============================",
              "  %s: Total licenses found: %d" % (pid, len(data["licenses"])), "Enforced Licenses:",
              "  P:%s,S:%s:" % (pid, data["members"][0]["sn"]), "    No information"]
    return "\n".join(lines)


# ----------------------------------------------------------------------------- other license commands

@variant_output("ios")
def show_license_udi(data):
    members = data["members"]
    lines = ["UDI: %s" % _udi(members[0])]
    if len(members) > 1:
        lines += ["", "HA UDI List:"] + ["    %s:%s" % (member["role"], _udi(member)) for member in members]
    return "\n".join(lines) + "\n"


@variant_output("ios")
def show_license_summary(data):
    lines = account_lines(data) + ["", "License Usage:", "  License                 Entitlement Tag               Count Status",
                                   "  " + "-" * 77]
    for item in data["licenses"]:
        tag = "(%s)" % item["tag"]
        if len(tag) > 29:
            tag = tag[:25] + "...)"
        lines.append("  %-23s %-29s %5d %s" % (item["name"] or item["tag"], tag, item["count"], "IN USE"))
    return "\n".join(lines) + "\n"


@variant_output("ios")
def show_license_usage(data):
    lines = ["License Authorization:", "  Status: Not Applicable"]
    for item in data["licenses"]:
        lines += ["", "%s (%s):" % (item["name"], item["tag"]), "  Description: %s" % item["description"], "  Count: %d" % item["count"],
                  "  Version: 1.0", "  Status: IN USE", "  Export status: NOT RESTRICTED", "  Feature Name: %s" % item["name"],
                  "  Feature Description: %s" % item["description"], "  Enforcement type: NOT ENFORCED", "  License type: %s" % item["type"]]
    return "\n".join(lines) + "\n"


@variant_output("ios")
def show_license_authorization(data):
    return "\n".join(_authorization_lines(data)) + "\n"


@variant_output("ios")
def show_license_history_message(data):
    del data
    lines = ["", "Message History (oldest to newest):", "=" * 52]
    for title in ("Trust Establishment", "Usage Reporting", "Result Polling", "Authorization Request", "Authorization Return", "Trust Sync"):
        lines += ["%s:" % title, "  No past history"]
    lines += ["", "Import Message History (oldest to newest):", "=" * 52]
    for title in ("POLICY", "AUTH", "TRUST CODE", "RUM ACK", "CONVERSION ACK", "ACCOUNT INFO"):
        lines += ["Import %s:" % title, "  No past Import history", ""]
    return "\n".join(lines)


@variant_output("ios")
def show_license_rum_id_all(data):
    lines = ["Smart Licensing Usage Report:", "====================================", "Report Id,          State,    Flag, Feature Name"]
    for report in data["reports"]:
        lines.append("%-19s %-9s N     %s" % (report["id"], report["state"], report["feature"]))
    return "\n".join(lines) + "\n"


_EVENT_NAMES = {
    "COMM_FAILED": "SAEVT_COMM_FAIL", "COMM_RESTORED": "SAEVT_COMM_RESTORED", "TRUST_CODE_INSTALL_SUCCESS": "SAEVT_TRUST_INSTALL_SUCCESS",
    "TRUST_CODE_INSTALL_FAILED": "SAEVT_TRUST_INSTALL_FAIL", "POLICY_INSTALL_SUCCESS": "SAEVT_POLICY_INSTALL_SUCCESS",
    "POLICY_INSTALL_FAILED": "SAEVT_POLICY_INSTALL_FAIL", "POLICY_REMOVED": "SAEVT_POLICY_REMOVED", "REPORTING_REQUIRED": "SAEVT_REPORTING_REQUIRED",
}


@variant_output("ios")
def show_license_eventlog(data):
    events = [event for event in data["events"] if event["event"] in _EVENT_NAMES]
    if not events:
        return "No EventLog Found.\n"
    lines = ["**** Event Log ****"]
    for event in events:
        moment = event["time"]
        text = event["text"].replace('"', "'")
        lines.append('%s.%03d %s %s MSG="%s"' % (moment.strftime("%Y-%m-%d %H:%M:%S"), moment.microsecond // 1000, zone_name(),
                                                 _EVENT_NAMES[event["event"]], text))
    return "\n".join(lines) + "\n"


# ----------------------------------------------------------------------------- clock, NTP, logging

@variant_output("ios")
def show_clock(data):
    return "%s%s\n" % (data["marker"], clock_text(data["now"]))


@variant_output("ios")
def show_clock_detail(data):
    return show_clock(data) + ("Time source is NTP\n" if data["synchronized"] else "No time source\n")


@variant_output("ios")
def show_ntp_associations(data):
    peers = data["ntp"]["peers"]
    if not peers:
        return "%NTP is not enabled.\n"
    lines = ["", "  address         ref clock       st   when   poll reach  delay  offset   disp"]
    for peer in peers:
        if peer["answers"]:
            flag = "*" if peer["sys_peer"] else "+"
            lines.append("%s~%-15s %-15s %2d %6d %6d %5d %6.3f %7.3f %6.3f" % (flag, peer["address"], ".GNSS.", 1, 29, 64, 377, 1.234, 0.123, 0.456))
        else:
            lines.append(" ~%-15s %-15s %2d %6s %6d %5d %6.3f %7.3f %6s" % (peer["address"], ".INIT.", 16, "-", 64, 0, 0.0, 0.0, "15937."))
    lines.append(" * sys.peer, # selected, + candidate, - outlyer, x falseticker, ~ configured")
    return "\n".join(lines) + "\n"


@variant_output("ios")
def show_ntp_status(data):
    peers = data["ntp"]["peers"]
    if not peers:
        return "%NTP is not enabled.\n"
    now = data["now"]
    synced = [peer for peer in peers if peer["sys_peer"]]
    if synced:
        lines = ["Clock is synchronized, stratum 2, reference is %s" % synced[0]["address"],
                 "nominal freq is 250.0000 Hz, actual freq is 250.0000 Hz, precision is 2**10",
                 "ntp uptime is 153600 (1/100 of seconds), resolution is 4000",
                 "reference time is E9A1B2C3.1D2E3F40 (%s)" % clock_text(now - timedelta(seconds=29)),
                 "clock offset is 0.1230 msec, root delay is 1.23 msec",
                 "root dispersion is 3.45 msec, peer dispersion is 0.45 msec",
                 "loopfilter state is 'CTRL' (Normal Controlled Loop), drift is 0.000000000 s/s",
                 "system poll interval is 64, last update was 29 sec ago."]
    else:
        lines = ["Clock is unsynchronized, stratum 16, no reference clock",
                 "nominal freq is 250.0000 Hz, actual freq is 250.0000 Hz, precision is 2**10",
                 "ntp uptime is 0 (1/100 of seconds), resolution is 4000",
                 "reference time is 00000000.00000000 (00:00:00.000 UTC Mon Jan 1 1900)",
                 "clock offset is 0.0000 msec, root delay is 0.00 msec",
                 "root dispersion is 0.00 msec, peer dispersion is 0.00 msec",
                 "loopfilter state is 'FSET' (Drift set from file), drift is 0.000000000 s/s",
                 "system poll interval is 64, last update was never."]
    return "\n".join(lines) + "\n"


@variant_output("ios")
def show_logging(data):
    messages = log_lines(data, syslog_line)
    count = len(messages)
    lines = ["Syslog logging: enabled (0 messages dropped, 0 messages rate-limited, 0 flushes, 0 overruns, xml disabled, filtering disabled)",
             "", "No Active Message Discriminator.", "", "", "", "No Inactive Message Discriminator.", "", "",
             "    Console logging: disabled",
             "    Monitor logging: level debugging, 0 messages logged, xml disabled,",
             "                     filtering disabled",
             "    Buffer logging:  level debugging, %d messages logged, xml disabled," % count,
             "                    filtering disabled",
             "    Exception Logging: size (4096 bytes)",
             "    Count and timestamp logging messages: disabled",
             "    Persistent logging: disabled",
             "", "No active filter modules.", "",
             "    Trap logging: level informational, %d message lines logged" % count,
             "        Logging Source-Interface:       VRF Name:",
             "", "Log Buffer (102400 bytes):", ""]
    return "\n".join(lines + messages) + "\n"


# ----------------------------------------------------------------------------- call-home and HTTP

@variant_output("ios")
def show_call_home_profile_all(data):
    profile = data["callhome"]["profile"]
    lines = ["Profile Name: %s" % profile["name"],
             "    Profile status: %s" % ("ACTIVE" if profile["active"] else "INACTIVE"),
             "    Profile mode: Full Reporting",
             "    Reporting Data: Smart Call Home, Smart Licensing",
             "    Preferred Message Format: xml",
             "    Message Size Limit: 3145728 Bytes",
             "    Transport Method: %s" % profile["method"]]
    if profile["method"] == "http":
        lines.append("    HTTP  address: %s" % profile["urls"][0])
        lines += ["    Other address(es): %s" % url for url in profile["urls"][1:]] or ["    Other address(es): default"]
    else:
        lines.append("    Email address(es): %s" % (profile["emails"][0] if profile["emails"] else "Not yet set up"))
        lines.append("    HTTP  address(es): %s" % profile["urls"][0])
    lines += ["", "    Periodic configuration info message is scheduled every 1 day of the month at 09:15", "",
              "    Periodic inventory info message is scheduled every 1 day of the month at 09:00", "",
              "    Alert-group               Severity", "    ------------------------  ------------",
              "    crash                     debugging   ", "    diagnostic                minor       ",
              "    environment               warning     ", "    inventory                 normal      ", "",
              "    Syslog-Pattern            Severity", "    ------------------------  ------------",
              "    .*                        major       "]
    return "\n".join(lines) + "\n"


@variant_output("ios")
def show_ip_http_client(data):
    client = data["http_client"]
    lines = ["HTTP client version:               1.1",
             "HTTP client source interface:      %s" % (client["source"] or ""),
             "HTTP client VRF:                   %s" % (data["transport"]["vrf"] or ""),
             "HTTP client secure trustpoint:     %s" % (client["trustpoint"] or ""),
             "HTTP client ciphersuite:           aes-128-cbc-sha aes-256-cbc-sha dhe-aes-128-cbc-sha ecdhe-ecdsa-aes-128-gcm-sha256",
             "HTTP secure client capability:     Present",
             "HTTP client cookie:                Enabled",
             "HTTP client connection idle timeout: 30 seconds",
             "HTTP client response wait timeout:   30 seconds"]
    return "\n".join(lines) + "\n"


@variant_output("ios")
def show_ip_http_server_session_module(data):
    state = "Active" if data["http_server"] else "Inactive"
    lines = ["Session module Name         Handle Status   Secure-status        Description",
             "SL_HTTP                     2      %-8s %-20s HTTP REST IOS-XE Smart License Server" % (state, state),
             "HOME_PAGE                   4      %-8s %-20s IOS Homepage Server" % (state, state),
             "OPENRESTY_PKI               3      Active   Active               IOS OpenResty PKI Server"]
    return "\n".join(lines) + "\n"


# ----------------------------------------------------------------------------- ping, files

def ping(result):
    """IOS ping output: '!!!!!' with the success rate, dots on timeout, or the unknown-host error."""
    if result["address"] is None:
        return "% Unrecognized host or address, or protocol not running.\n"
    count = result["count"]
    lines = ["Type escape sequence to abort.", "Sending %d, 100-byte ICMP Echos to %s, timeout is 2 seconds:" % (count, result["address"])]
    marks = "!" if result["reachable"] else "."
    for start in range(0, count, 70):
        lines.append(marks * min(70, count - start))
    if result["reachable"]:
        rtt = result["rtt"]
        lines.append("Success rate is 100 percent (%d/%d), round-trip min/avg/max = %d/%d/%d ms" % (count, count, rtt, rtt + 1, rtt + 2))
    else:
        lines.append("Success rate is 0 percent (0/%d)" % count)
    return "\n".join(lines) + "\n"


def dir_listing(prefix, files, now):
    lines = ["Directory of %s/" % prefix, ""]
    for index, (name, record) in enumerate(sorted(files.items()), start=1):
        created = record.get("created") or now
        if isinstance(created, str):
            created = datetime.strptime(created, "%Y-%m-%dT%H:%M:%S.%f")
        lines.append("%6d  -rw-  %12d  %s +00:00  %s" % (index, len(record["content"]), created.strftime("%b %d %Y %H:%M:%S"), name.split(":", 1)[1]))
    lines += ["", "11353194496 bytes total (8320262144 bytes free)"]
    return "\n".join(lines) + "\n"


def usage_file(member, reports, when):
    """A saved RUM usage report (the content is an opaque signed blob on a real device)."""
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', "<smartLicense>",
             "  <rumReports udi=\"P:%s,S:%s\" created=\"%s\">" % (member["pid"], member["sn"], when.strftime("%Y-%m-%dT%H:%M:%SZ"))]
    for report in reports:
        lines.append('    <rumReport id="%s" feature="%s" state="%s"/>' % (report["id"], report["feature"], report["state"]))
    lines += ["  </rumReports>", "</smartLicense>"]
    return "\n".join(lines) + "\n"


def ack_file(members, when):
    """An ACK file as CSSM hands it out for offline import."""
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', "<smartLicense>", "  <rumAck created=\"%s\">" % when.strftime("%Y-%m-%dT%H:%M:%SZ")]
    for member in members:
        lines.append("    <udi>P:%s,S:%s</udi>" % (member["pid"], member["sn"]))
    lines += ["  </rumAck>", "</smartLicense>"]
    return "\n".join(lines) + "\n"
