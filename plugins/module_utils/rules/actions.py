# -*- coding: utf-8 -*-
# Copyright: contributors to smartlic.slp
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Recommended actions with the device's real values filled in, rendered from the command table.

Every line comes from ``module_utils/commands.py``. The configuration lines of
a finding are what its remediation role would send to this device: the
same ``config_plan.missing_config`` the roles run, on the running-config the
diagnosis read and the intended settings (with placeholders such as
``<dns-server-ip>`` where a value is unknown), so a report and
``remediate --check`` say the same thing line for line. The EXEC lines
(trust code, sync, offline save/import) are the ones the modules send.
Secrets never appear: the ID token is the placeholder ``<id_token>``.
"""

from __future__ import annotations

from ansible_collections.smartlic.slp.plugins.module_utils import commands as table
from ansible_collections.smartlic.slp.plugins.module_utils import config_plan, license_actions
from ansible_collections.smartlic.slp.plugins.module_utils.rules.base import CSLU_PATH, CSLU_PORT, as_dict, as_list, dig, text

TOKEN = table.TOKEN_PLACEHOLDER


def line(ctx, key, **values):
    """The line of command-table entry ``key`` on this device's platform."""
    return table.render(ctx.platform if ctx.platform == "nxos" else "ios", key, **values)


def device_file(ctx, name):
    """A file on the device's default file system (the sync role's): flash:NAME on IOS XE, bootflash:NAME on NX-OS."""
    return table.FILESYSTEM["nxos" if ctx.platform == "nxos" else "ios"] + name


CSSM_ACCOUNT_STEPS = [
    "Log in to the CSSM Web UI at https://software.cisco.com and click Smart Software Licensing > Inventory > Product Instances.",
    "Check if the product instance is listed in the Virtual Account the ID token was generated in. If not, select the correct Smart Account and "
    "Virtual Account.",
    "Generate a new token for a trust code in that Virtual Account (Generating a New Token for a Trust Code from CSSM).",
    "Install it on the product instance (Establishing Trust with an ID Token / Installing a File on the Product Instance).",
]


def sync_command(ctx):
    """What the sync role sends: IOS XE 'license smart sync all' (the keyword is required), NX-OS bare 'license smart sync'."""
    return license_actions.sync_command("all", ctx.platform)


def save_usage_command(ctx):
    """What the sync role sends offline: 'license smart save usage all file' with its default file on the default file system."""
    return license_actions.save_usage_command(device_file(ctx, table.USAGE_FILE), ctx.platform)


def import_command(ctx, name=None):
    """'license smart import' of a file on the default file system (the sync role's ACK file unless ``name`` is given)."""
    return license_actions.import_command(device_file(ctx, name or table.ACK_FILE), ctx.platform)


def offline_report_steps(ctx):
    """Save the usage, upload it to CSSM from a connected workstation, install the ACK (REPORTING_REQUIRED, no connectivity)."""
    return [
        "On the product instance save the usage: %s (copy the file off the device)." % save_usage_command(ctx),
        "From a workstation with connectivity to CSSM: Uploading Data or Requests to CSSM and Downloading a File (upload the usage file in CSSM "
        "Smart Software Licensing > Reports > Usage Data Files, download the ACK).",
        "Copy the ACK file to the device and install it: %s (Installing a File on the Product Instance)." % import_command(ctx),
    ]


def trust_command(ctx, force=False):
    """license smart trust idtoken ... with the token as a placeholder (never a real token), as the trust_token role sends it.

    IOS XE: '... TOKEN {local|all} [force]' (seed 000 line 382), 'all' for an HA set as the role's scope 'auto' chooses;
    NX-OS: '... TOKEN [force]', no scope keyword (seed 001 line 25).
    """
    scope = "all" if len(ctx.udis()) > 1 else "local"
    return license_actions.trust_command(TOKEN, scope, force, ctx.platform)


def _running(ctx):
    return as_dict(getattr(ctx, "running", None))


def _intended(ctx):
    return as_dict(getattr(ctx, "intended", None))


def planned(ctx, role, settings):
    """The lines the configuration role ``role`` (dns, transport, trustpoint) would send to this device with ``settings``.

    ``config_plan.missing_config`` on the running-config the diagnosis read, as the role runs it; a line the
    release lacks is left out (``not_sent``). Without a running-config every line counts as missing.
    """
    plan = config_plan.missing_config(role, ctx.platform, _running(ctx), settings)
    return plan["commands"], plan["not_sent"]


def dns_settings(ctx, servers=None, domain=None, vrf=None, cslu_local=None):
    """The dns role's settings as smartlic.slp.remediate passes them (intended values, else placeholders)."""
    servers = [text(server) for server in as_list(servers if servers is not None else _intended(ctx).get("name_servers")) if text(server)]
    hosts = {"cslu-local": cslu_local} if cslu_local else {}
    return {"name_servers": servers or ([] if hosts else ["<dns-server-ip>"]), "domain_name": domain if domain is not None else
            text(_intended(ctx).get("domain_name")), "vrf": vrf if vrf is not None else text(_intended(ctx).get("vrf")), "lookup": True,
            "hosts": hosts}


def transport_settings(ctx, transport, url=None):
    """The transport role's settings as smartlic.slp.remediate passes them."""
    source = text(_intended(ctx).get("source_interface"))
    return {"type": text(transport) or "smart", "url": text(url), "vrf": text(_intended(ctx).get("vrf")), "source_interface": source,
            "callhome_profile": table.CALLHOME_PROFILE["nxos" if ctx.platform == "nxos" else "ios"]}


def ntp_commands(ctx, servers, vrf=None):
    """The ntp server lines the ntp role sends for ``servers``: one per server not configured yet (same address and VRF), the first
    given 'prefer', on IOS XE 'version 2' as in the seed's example; rendered as cisco.ios.ios_ntp_global / cisco.nxos.nxos_ntp_global do."""
    platform = "nxos" if ctx.platform == "nxos" else "ios"
    configured = [(text(as_dict(item).get("address")), text(as_dict(item).get("vrf"))) for item in as_list(dig(_running(ctx), "ntp.servers"))]
    lines = []
    for number, server in enumerate(as_list(servers) or ["<ntp-server>"]):
        if (text(server), text(vrf)) in configured:
            continue
        lines.append(table.render(platform, "ntp_server", address=server, vrf=vrf, prefer=number == 0,
                                  version=table.NTP_VERSION if platform == "ios" else None))
    return lines


def dns_commands(ctx, servers, domain=None, vrf=None, cslu_local=None):
    """The lines the dns role would send (IOS XE 'ip name-server [vrf V] X', NX-OS '... use-vrf V' plus the vrf context)."""
    return planned(ctx, "dns", dns_settings(ctx, servers, domain, vrf, cslu_local))[0]


def cslu_url_for(host):
    return "http://%s:%d%s" % (host or "<cslu_ip_or_host>", CSLU_PORT, CSLU_PATH)


def transport_commands(ctx, transport, url=None):
    """The lines the transport role would send for ``transport`` and ``url`` (call-home profile lines for callhome)."""
    return planned(ctx, "transport", transport_settings(ctx, transport, url))[0]


def transport_not_sent(ctx, transport, url=None):
    """Notes for the lines of the transport plan this device's release does not have (never sent), each with what to do instead."""
    _commands, not_sent = planned(ctx, "transport", transport_settings(ctx, transport, url))
    return ["not sent on this release: '%s' (%s)" % (item["line"], item["why"]) for item in not_sent]


def callhome_commands(ctx, vrf=None):
    """The call-home lines the transport role would send (IOS XE profile CiscoTAC-1, NX-OS destination-profile xml)."""
    settings = transport_settings(ctx, "callhome")
    if vrf is not None:
        settings["vrf"] = text(vrf)
    return planned(ctx, "transport", settings)[0]


def trustpoint_commands(with_http_client=True, ctx=None):
    """The SLA-TrustPoint lines the trustpoint role would send (and the secure HTTP client line)."""
    settings = {"name": table.SLA_TRUSTPOINT, "http_client": with_http_client}
    if ctx is None:
        return config_plan.missing_config("trustpoint", "ios", {}, settings)["commands"]
    return planned(ctx, "trustpoint", settings)[0]
