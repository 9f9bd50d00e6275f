"""NX-OS output texts of the lab's license model.

Layouts follow /work/shared/corpus/nxos (show license usage 10.x blocks,
show ntp peer-status, ping) and the NX-OS seed's examples (show license status
``Type: Smart`` / ``Type: CSLU`` / ``Cslu address: cslu-local`` / ``VRF:``, the
trust code date under its member, ``% Invalid host/interface``, ping
statistics). The license status part reuses the IOS XE layout where the seed
shows the same fields, or prints the seed's usage and trust blocks exactly
(output variant ``nxos_layout: seed``, see outputs_ios.VARIANTS).
"""

from __future__ import annotations

from datetime import datetime

from . import outputs_ios


def syslog_line(message, hostname):
    """'2026 Mar  7 23:38:41 leaf-1 %LICMGR-3-LOG_SMART_LIC_COMM_FAILED: text' (show logging logfile)."""
    moment = outputs_ios.message_time(message)
    stamp = "%d %s %2d %s" % (moment.year, moment.strftime("%b"), moment.day, moment.strftime("%H:%M:%S"))
    return "%s %s %%LICMGR-%d-LOG_SMART_LIC_%s: %s" % (stamp, hostname, message["severity"], message["event"], message["text"])


@outputs_ios.variant_output("nxos")
def show_license_status(data):
    return "\n".join(outputs_ios.status_lines(data, nxos=True)) + "\n"


@outputs_ios.variant_output("nxos")
def show_license_all(data):
    lines = ["Smart Licensing Status", "======================", ""] + outputs_ios.status_lines(data, nxos=True) + [""]
    lines += ["License Usage", "============="] + _usage_lines(data) + [""]
    lines += ["Product Information", "===================", _udi_line(data)]
    return "\n".join(lines) + "\n"


@outputs_ios.variant_output("nxos")
def show_license_tech_support(data):
    return outputs_ios.show_license_tech_support(data, nxos=True)


@outputs_ios.variant_output("nxos")
def show_license_history_message(data):
    """Seed 001 asks for this output with every error message ("show license tech support and show license history message"),
    without printing it; no NX-OS sample was found. The lab prints the IOS XE layout of the Cisco command reference (C3) (I)."""
    return outputs_ios.show_license_history_message(data)


def _udi_line(data):
    member = data["members"][0]
    return "UDI: PID:%s,SN:%s" % (member["pid"], member["sn"])


@outputs_ios.variant_output("nxos")
def show_license_udi(data):
    return outputs_ios.show_license_udi(data)


@outputs_ios.variant_output("nxos")
def show_license_summary(data):
    return outputs_ios.show_license_summary(data)


def _usage_lines(data):
    lines = []
    for item in data["licenses"]:
        lines += ["", "%s(%s):" % (item["name"] + " " if item["name"] else "", item["tag"]), "  Description: %s" % item["description"],
                  "  Count: %d" % item["count"], "  Version: 1.0", "  Status: IN USE", "  Enforcement Type: NOT ENFORCED",
                  "  License Type: %s" % item["type"]]
    return lines


@outputs_ios.variant_output("nxos")
def show_license_usage(data):
    return "\n".join(["", "License Authorization:", "  Status: Not Applicable"] + _usage_lines(data)) + "\n"


@outputs_ios.variant_output("nxos")
def show_clock(data):
    moment = data["now"]
    text = "%s.%03d %s %s" % (moment.strftime("%H:%M:%S"), moment.microsecond // 1000, outputs_ios.zone_name(), moment.strftime("%a %b %d %Y"))
    return "%s\nTime source is %s\n" % (text, "NTP" if data["synchronized"] else "none")


@outputs_ios.variant_output("nxos")
def show_clock_detail(data):
    return show_clock(data)


@outputs_ios.variant_output("nxos")
def show_ntp_peer_status(data):
    peers = data["ntp"]["peers"]
    lines = ["", "Total peers : %d" % len(peers), "* - selected for sync, + -  peer mode(active), ",
             "- - peer mode(passive), = - polled in client mode ",
             "    remote                                 local                                   st   poll   reach delay   vrf",
             "-" * 119]
    for peer in peers:
        if peer["answers"]:
            flag, stratum, reach, delay = ("*" if peer["sys_peer"] else "="), 2, 377, "0.01311"
        else:
            flag, stratum, reach, delay = "=", 16, 0, "0.00000"
        lines.append("%s%-42s %-39s %2d %4d %7d %9s %s" % (flag, peer["address"], "0.0.0.0", stratum, 64, reach, delay, peer["vrf"] or "default"))
    return "\n".join(lines) + "\n"


@outputs_ios.variant_output("nxos")
def show_logging_logfile(data):
    messages = outputs_ios.log_lines(data, syslog_line)
    return "\n".join(messages) + ("\n" if messages else "")


def ping(result):
    """NX-OS ping: replies with statistics, 'Request N timed out', or '% Invalid host/interface'."""
    target, address, count = result["target"], result["address"], result["count"]
    if address is None:
        return "%% Invalid host/interface %s\n" % target
    lines = ["PING %s (%s): 56 data bytes" % (target, address)]
    if result["reachable"]:
        base = float(result["rtt"])
        times = [base + (index % 3) * 0.137 for index in range(count)]
        ttl = 236 if result.get("internet") else 254
        lines += ["64 bytes from %s: icmp_seq=%d ttl=%d time=%.3f ms" % (address, index, ttl, value) for index, value in enumerate(times)]
        lines += ["", "--- %s ping statistics ---" % target, "%d packets transmitted, %d packets received, 0.00%% packet loss" % (count, count),
                  "round-trip min/avg/max = %.3f/%.3f/%.3f ms" % (min(times), sum(times) / count, max(times))]
    else:
        lines += ["Request %d timed out" % index for index in range(count)]
        lines += ["", "--- %s ping statistics ---" % target, "%d packets transmitted, 0 packets received, 100.00%% packet loss" % count]
    return "\n".join(lines) + "\n"


def dir_listing(prefix, files, now):
    lines = []
    total = 0
    for name, record in sorted(files.items()):
        created = record.get("created") or now
        if isinstance(created, str):
            created = datetime.strptime(created, "%Y-%m-%dT%H:%M:%S.%f")
        size = len(record["content"])
        total += size
        lines.append("%12d    %s  %s" % (size, created.strftime("%b %d %H:%M:%S %Y"), name.split(":", 1)[1]))
    lines += ["", "Usage for %s//sup-local" % prefix, " %12d bytes used" % total, " 53687091200 bytes total"]
    return "\n".join(lines) + "\n"


def usage_file(member, reports, when):
    return outputs_ios.usage_file(member, reports, when)
