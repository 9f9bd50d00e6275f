# -*- coding: utf-8 -*-
# Copyright: contributors to smartlic.slp
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Every Smart Licensing Using Policy syslog message of both vendor chapters.

One entry per platform-neutral event (``COMM_FAILED``). Each entry holds, per
platform, the facility, severity and mnemonic the device prints (``None`` when
that platform's chapter has no such message), the message template exactly as
the chapter prints it, the named variables of its placeholders, the chapter's
explanation, possible reasons and recommended actions (with the example
commands), the finding ids those reasons lead to, and the events that clear it.

Messages that real devices print but the chapters do not list (``AGENT_ENABLED``,
``EXPORT_CONTROLLED``, ``PLATFORM_ERROR`` ...) are known too, flagged
``in_seed: False``; they carry no finding ids.

Sources: seed 000 is the IOS XE chapter (``%SMART_LIC-*``), seed 001 the NX-OS
chapter (``%LICMGR-*-LOG_SMART_LIC_*``). Pure data plus lookup helpers; the
helpers hand out copies, so callers may change what they get.

Entry keys:
  event, in_seed, kind ("failure" | "warning" | "info" | "other"),
  template (the IOS XE text, else the NX-OS one), variables (names, in
  placeholder order), variable_types ({name: "chars" | "dec"}), variants
  (texts devices print that differ from the chapter),
  platforms: {"ios": spec | None, "nxos": spec | None}, where a spec holds
  facility, severity, mnemonic, template, applicable (False where the chapter
  says "not applicable"), note, explanation, reasons [{text, findings}],
  actions [{when, text, commands, findings}], listed_severities,
  explanation / reasons / actions (those of the first platform),
  findings (every id the reasons lead to: candidates the rules confirm against
  the facts), primary_findings (what the message itself means),
  cleared_by (events whose later appearance clears it), cleared_by_facts
  (fact conditions that clear it), related_events, observed_severities, notes,
  sources.
"""

from __future__ import annotations

import copy
import re

from ansible_collections.smartlic.slp.plugins.module_utils import vocabulary

# Every finding id the rules give (stable: add more, never rename).
FINDING_IDS = (
    "clock_not_synchronized",
    "dns_not_configured",
    "cslu_local_unresolved",
    "transport_type_mismatch",
    "transport_url_incorrect",
    "callhome_profile_inactive",
    "http_client_trustpoint_missing",
    "sla_trustpoint_missing",
    "trust_code_missing",
    "trust_code_already_installed",
    "account_mismatch",
    "authorization_udi_mismatch",
    "authorization_insufficient",
    "report_ack_overdue",
    "usage_report_failed",
    "policy_removed",
    "onprem_down_rev",
    "onprem_record_not_found",
    "utility_subscription_missing",
    "cssm_unreachable",
    "cslu_http_server_inactive",
    "sla_trustpoint_certificate_missing",
    "http_client_source_interface_mismatch",
)

KINDS = ("failure", "warning", "info", "other")

# Placeholders of the chapters' "Variable Fields in Messages" table.
PLACEHOLDERS = ("[chars]", "[char]", "[dec]", "[int]", "[hex]", "[inet]", "[enet]", "[node]", "[t-line]", "[clock]")

SEED_IOS = "Cisco IOS XE SLP troubleshooting (%SMART_LIC)"
SEED_NXOS = "Cisco NX-OS SLP troubleshooting (%LICMGR)"
REAL_LINES = "corpus syslog/real_lines.txt"

NTP_EXAMPLE = "ntp server 198.51.100.100 version 2 prefer"
# The URLs the seeds quote (module_utils/vocabulary.py).
SMART_URL = vocabulary.SMART_URL
CALLHOME_URL = vocabulary.CALLHOME_URL

# The causes COMM_FAILED leads to: name resolution, transport and TLS (dns_not_configured to sla_trustpoint_missing in
# FINDING_IDS), an unreachable server, the HTTP server of CSLU- / SSM On-Prem-initiated communication, the trustpoint's CA.
COMM_FAILED_FINDINGS = list(FINDING_IDS[FINDING_IDS.index("dns_not_configured"):FINDING_IDS.index("trust_code_missing")]) + [
    "cssm_unreachable", "cslu_http_server_inactive", "sla_trustpoint_certificate_missing"]


def _reason(text, findings=()):
    return {"text": text, "findings": list(findings)}


def _action(when, text, commands=(), findings=()):
    return {"when": when, "text": text, "commands": list(commands), "findings": list(findings)}


def _platform(facility, severity, mnemonic, template, explanation, reasons=(), actions=(), applicable=True, note=None, listed_severities=()):
    return {
        "facility": facility,
        "severity": severity,
        "mnemonic": mnemonic,
        "template": template,
        "applicable": applicable,
        "note": note,
        "explanation": explanation,
        "reasons": list(reasons),
        "actions": list(actions),
        "listed_severities": list(listed_severities),
    }


def _ios(severity, name, template, explanation, reasons=(), actions=(), listed_severities=()):
    return _platform("SMART_LIC", severity, name, template, explanation, reasons, actions, listed_severities=listed_severities)


def _nxos(severity, name, template, explanation, reasons=(), actions=(), applicable=True, note=None):
    return _platform("LICMGR", severity, "LOG_SMART_LIC_" + name, template, explanation, reasons, actions, applicable, note)


NXOS_NOT_APPLICABLE = (
    "This message is not applicable to Cisco Nexus Switches, because there are no enforced or export-controlled licenses on these product instances."
)

# ---------------------------------------------------------------------------
# Texts shared by several entries
# ---------------------------------------------------------------------------

_CLOCK_REASONS = [
    _reason("A signature mismatch: This means that the system clock is not accurate.", ["clock_not_synchronized"]),
    _reason("A timestamp mismatch: This means the system clock on the product instance is not synchronized with CSSM.", ["clock_not_synchronized"]),
]

_CLOCK_ACTION = _action(
    "signature mismatch or timestamp mismatch",
    "Ensure that the system clock is accurate and synchronized with CSSM. Configure the ntp server command in global configuration mode. "
    "If the above does not work and policy installation still fails, contact your Cisco technical support representative.",
    ["Device(config)# " + NTP_EXAMPLE],
    ["clock_not_synchronized"],
)

_TAC = _action("the problem persists", "Contact your Cisco technical support representative.")

_SYNC_TOPOLOGY_ACTIONS = [
    _action(
        "product instance-initiated communication (Connected Directly to CSSM, Connected to CSSM Through CSLU, CSLU Disconnected from CSSM or "
        "SSM On-Prem Deployment, product instance-initiated mode)",
        "Enter the license smart sync command in privileged EXEC mode.",
        ["Device# license smart sync"],
        ["report_ack_overdue"],
    ),
    _action(
        "CSLU or SSM On-Prem initiates communication (CSLU-initiated mode)",
        "From the CSLU or SSM On-Prem UI, initiate an on-demand synchronization with the product instance.",
    ),
    _action(
        "No Connectivity to CSSM and No CSLU",
        "Install the ACK on the product instance: Installing a File on the Product Instance.",
    ),
]

# ---------------------------------------------------------------------------
# COMM_FAILED: the longest troubleshooting flow of both chapters
# ---------------------------------------------------------------------------

_COMM_FAILED_IOS_REASONS = [
    _reason("CSSM, CSLU, SSM On-Prem is not reachable: This means that there is a network reachability problem.",
            ["cssm_unreachable", "dns_not_configured", "cslu_local_unresolved", "transport_type_mismatch", "transport_url_incorrect",
             "callhome_profile_inactive", "cslu_http_server_inactive", "sla_trustpoint_missing"]),
    _reason("404 host not found: This means the CSSM server is down.", ["cssm_unreachable"]),
    _reason("A TLS or SSL handshake failure caused by a missing client certificate. The certificate is required for TLS authentication of the two "
            "communicating sides. A recent server upgrade may have cause the certificate to be removed. This reason applies only to a topology "
            "where the product instance is directly connected to CSSM. If the error message is displayed for this reason, there is no actual "
            "configuration error or disruption in the communication with CSSM.",
            ["http_client_trustpoint_missing"]),
]

_COMM_FAILED_NOTE = (
    "For topologies where the product instance initiates the sending of RUM reports, if this communication failure message coincides with scheduled "
    "reporting (license smart usage interval interval_in_days), the product instance attempts to send out the RUM report for up to four hours after "
    "the scheduled time has expired. If it is still unable to send out the report, the system resets the interval to 15 minutes. Once the "
    "communication failure is resolved, the system reverts the reporting interval to the last configured value."
)

_COMM_SMART_ACTIONS = [
    _action("CSSM is not reachable and the configured transport type is smart",
            "Check if the smart URL is configured correctly. Use the show license status command in privileged EXEC mode to check if the URL is "
            "exactly " + SMART_URL + ". If it is not, reconfigure the license smart url smart smart_URL command in global configuration mode.",
            ["Device# show license status", "Device(config)# license smart url smart " + SMART_URL],
            ["transport_url_incorrect", "transport_type_mismatch"]),
    _action("CSSM is not reachable and the configured transport type is smart",
            "Check DNS resolution. Verify that the product instance can ping smartreceiver.cisco.com or the nslookup translated IP.",
            ["Device# ping smartreceiver.cisco.com", "Device# ping 171.70.168.183"],
            ["dns_not_configured", "cssm_unreachable"]),
]

_COMM_CALLHOME_ACTIONS = [
    _action("CSSM is not reachable and the configured transport type is callhome",
            "Check if the URL is entered correctly. Use the show license status command in privileged EXEC mode to check if the URL is exactly "
            + CALLHOME_URL + ".",
            ["Device# show license status"],
            ["transport_url_incorrect"]),
    _action("CSSM is not reachable and the configured transport type is callhome",
            "Check if Call Home profile CiscoTAC-1 is active and destination URL is correct. Use the show call-home profile all command in "
            "privileged EXEC mode: 'Profile: CiscoTAC-1 (status: ACTIVE)', 'Destination URL(s): " + CALLHOME_URL + "'.",
            ["Device# show call-home profile all"],
            ["callhome_profile_inactive"]),
    _action("CSSM is not reachable and the configured transport type is callhome",
            "Check DNS Resolution. Verify that the product instance can ping tools.cisco.com, or the nslookup translated IP. If the above does not "
            "work check that the product instance IP network is up (no shutdown in interface configuration mode), that the device is subnet "
            "masked with a subnet IP, and that the DNS IP is configured.",
            ["Device# ping tools.cisco.com", "Device(config-if)# no shutdown"],
            ["dns_not_configured", "cssm_unreachable"]),
    _action("CSSM is not reachable and the configured transport type is callhome",
            "Verify that the HTTPs client source interface is correct. Use the show ip http client command in privileged EXEC mode to display "
            "the current configuration. Use the ip http client source-interface command in global configuration mode to reconfigure it. In case "
            "the above does not work, double-check your routing rules, and firewall settings.",
            ["Device# show ip http client", "Device(config)# ip http client source-interface interface-type-number"],
            ["cssm_unreachable"]),
]

_COMM_CSLU_ACTIONS = [
    _action("CSLU is not reachable",
            "Check if CSLU discovery works (zero-touch DNS discovery of cslu-local or DNS discovery of your domain). In the show license all "
            "output, a recent 'Last ACK received:' timestamp means the product instance has connectivity with CSLU. Otherwise check that the "
            "product instance can ping cslu-local. If it cannot, configure the name server with an entry where hostname cslu-local is mapped to "
            "the CSLU IP address (the Windows host where you installed CSLU), with the ip domain name and ip name-server commands.",
            ["Device# show license all", "Device# ping cslu-local", "Device(config)# ip domain name example.com", "Device(config)# ip name-server 192.168.0.1"],
            ["cslu_local_unresolved", "dns_not_configured"]),
    _action("CSLU is not reachable",
            "Check the CSLU URL. In the show license all output, under the Transport: header, Type: must be cslu and Cslu address: must have the "
            "hostname or the IP address of the Windows host where you installed CSLU, port 8182 and path /cslu/v1/pi "
            "(for example http://192.168.0.1:8182/cslu/v1/pi). If it is not, configure the license smart transport cslu and license smart url cslu "
            "commands in global configuration mode.",
            ["Device(config)# license smart transport cslu", "Device(config)# license smart url cslu http://<cslu_ip_or_host>:8182/cslu/v1/pi"],
            ["transport_type_mismatch", "transport_url_incorrect"]),
]

_COMM_IOS_ACTIONS = (
    [_action("a client certificate is missing and there is no actual configuration error or disruption in the communication with CSSM",
             "Configure the ip http client secure-trustpoint trustpoint-name command in global configuration mode. For trustpoint-name, enter only "
             "SLA-TrustPoint. This command specifies that the secure HTTP client should use the certificate associated with the trustpoint.",
             ["Device(config)# ip http client secure-trustpoint SLA-TrustPoint"],
             ["http_client_trustpoint_missing"])]
    + _COMM_SMART_ACTIONS
    + _COMM_CALLHOME_ACTIONS
    + _COMM_CSLU_ACTIONS
    + [
        _action("CSLU-initiated communication",
                "In addition to the CSLU discovery checks, verify HTTP connectivity. Use the show ip http server session-module command in "
                "privileged EXEC mode; under 'HTTP server current connections:', check that SL_HTTP is active. If it is not, re-configure the ip "
                "http commands as in 'Ensuring Network Reachability for CSLU-Initiated Communication'. From a Web browser on the host where CSLU is "
                "installed, verify https://<product-instance-ip>/.",
                ["Device# show ip http server session-module"],
                ["cslu_http_server_inactive"]),
        _action("SSM On-Prem is not reachable (product instance-initiated communication)",
                "Check the SSM On-Prem transport type and URL. In the show license all output, under Transport:, Type: must be cslu and Cslu "
                "address: must have the hostname or IP address of the SSM On-Prem server and the <tenantID> of the default local virtual account "
                "(for example https://192.168.0.1/cslu/v1/pi/on-prem-default). Retrieve the correct URL from SSM On-Prem, then configure license "
                "smart transport cslu and license smart url cslu. Check any other commands required for your network (Ensuring Network "
                "Reachability for Product Instance-Initiated Communication).",
                ["Device(config)# license smart transport cslu", "Device(config)# license smart url cslu http://<ip>/cslu/v1/pi/<tenant ID>"],
                ["transport_type_mismatch", "transport_url_incorrect"]),
        _action("SSM On-Prem-initiated communication",
                "Check HTTPs connectivity. Use the show ip http server session-module command; under 'HTTP server current connections:', check "
                "that SL_HTTP is active. If it is not, re-configure the ip http commands (Ensuring Network Reachability for SSM On-Prem-Initiated "
                "Communication).",
                ["Device# show ip http server session-module"],
                ["cslu_http_server_inactive"]),
        _action("SSM On-Prem Deployment (both forms of communication)",
                "Ensure that the correct trustpoint is used and that the necessary certificates are accepted.",
                ["Device(config)# crypto pki trustpoint SLA-TrustPoint", "Device(ca-trustpoint)# enrollment terminal",
                 "Device(ca-trustpoint)# revocation-check none", "Device(ca-trustpoint)# end", "Device# copy running-config startup-config"],
                ["sla_trustpoint_missing", "sla_trustpoint_certificate_missing"]),
        _TAC,
    ]
)

_COMM_NXOS_REASONS = [
    _reason("CSSM or CSLU is not reachable: This means that there is a network reachability problem.",
            ["cssm_unreachable", "transport_type_mismatch", "transport_url_incorrect", "callhome_profile_inactive", "cslu_local_unresolved"]),
    _reason("404 host not found: This means that the CSSM server is down.", ["cssm_unreachable"]),
    _reason("Missing DNS configurations (Issue: Smart Licensing communication with CSSM/CSLU/SSM On-Prem failed).",
            ["dns_not_configured", "cslu_local_unresolved"]),
]

_COMM_NXOS_ACTIONS = [
    _action("ping to cisco.com in the VRF configured for SLP fails with '% Invalid host/interface <URL>' (missing DNS configuration)",
            "Configure DNS from global configuration mode, globally and in the licensing VRF, then check that ping cisco.com vrf <vrf-name> works. "
            "For transport cslu, either configure ip host cslu-local <cslu_address> or make cslu-local part of the DNS server. For SSM On-Prem, "
            "the URL configured on the switch must be a Fully Qualified Domain Name (FQDN), not an IP address.",
            ["switch# config terminal", "switch(config)# ip domain-lookup", "switch(config)# ip domain-name cisco.com",
             "switch(config)# ip name-server <dns-server-ip> use-vrf <vrf-name>", "switch(config)# vrf context <vrf-name>",
             "switch(config-vrf)# ip domain-name cisco.com", "switch(config-vrf)# ip name-server <dns-server-ip>",
             "switch(config)# ping cisco.com vrf <vrf-name>", "switch(config)# ip host cslu-local <cslu_address>"],
            ["dns_not_configured", "cslu_local_unresolved", "transport_url_incorrect"]),
    _action("the configured transport mode is smart",
            "In the show license status output, under Transport:, Type: must be Smart and URL: must be " + SMART_URL + ". If it is not, configure "
            "license smart transport smart and license smart url smart. Check DNS resolution: the smart URL must be reachable (ping "
            "smartreceiver.cisco.com).",
            ["switch# show license status", "switch(config)# license smart transport smart", "switch(config)# license smart url smart " + SMART_URL,
             "ping smartreceiver.cisco.com"],
            ["transport_type_mismatch", "transport_url_incorrect", "dns_not_configured", "cssm_unreachable"]),
    _action("the configured transport mode is cslu",
            "In the show license status output, under Transport:, Type: must be CSLU and Cslu address: must be cslu-local. If it is not, configure "
            "license smart transport cslu and license smart url cslu <cslu-local-url>. Check DNS resolution: the cslu-local URL must be reachable.",
            ["switch# show license status", "switch(config)# license smart transport cslu", "switch(config)# license smart url cslu <cslu-local-url>"],
            ["transport_type_mismatch", "transport_url_incorrect", "cslu_local_unresolved"]),
    _action("the configured transport mode is callhome",
            "In the show license status output, under Transport:, Type: must be Callhome (license smart transport callhome). Check the callhome "
            "configuration with show running-config callhome all: destination-profile xml transport-method http, destination-profile xml index 1 "
            "http " + CALLHOME_URL + ", transport http use-vrf <vrf-name>, enable. Check DNS resolution: ping tools.cisco.com vrf <vrf-name>.",
            ["switch(config)# license smart transport callhome", "switch# show running-config callhome all",
             "destination-profile xml transport-method http", "destination-profile xml index 1 http " + CALLHOME_URL,
             "transport http use-vrf <vrf-name>", "enable", "switch(config)# ping tools.cisco.com vrf <vrf-name>"],
            ["transport_type_mismatch", "callhome_profile_inactive", "transport_url_incorrect", "dns_not_configured"]),
] + _COMM_SMART_ACTIONS + _COMM_CALLHOME_ACTIONS + _COMM_CSLU_ACTIONS + [_TAC]

# ---------------------------------------------------------------------------
# TRUST_CODE_INSTALL_FAILED
# ---------------------------------------------------------------------------

_TRUST_FAILED_REASONS = [
    _reason("A trust code is already installed: Trust codes are node-locked to the UDI of the product instance. If the UDI is already registered, "
            "and you try to install another one, installation fails.", ["trust_code_already_installed"]),
    _reason("Smart Account-Virtual Account mismatch: This means the Smart Account or Virtual Account (for which the token ID was generated) does not "
            "include the product instance on which you installed the trust code. The token generated in CSSM applies at the Smart Account or "
            "Virtual Account level and applies only to all product instances in that account.", ["account_mismatch"]),
    _reason("A signature mismatch: This means that the system clock is not accurate.", ["clock_not_synchronized"]),
    _reason("Timestamp mismatch: This means the product instance time is not synchronized with CSSM, and can cause installation to fail.",
            ["clock_not_synchronized"]),
]

_TRUST_FAILED_ACTIONS = [
    _action("a trust code is already installed",
            "If you want to install a trust code in spite of an existing trust code on the product instance, re-configure the license smart trust "
            "idtoken command in privileged EXEC mode, and be sure to include the force keyword this time. The force keyword sets a force flag in "
            "the message sent to CSSM to create a new trust code even if one already exists.",
            ["Device# license smart trust idtoken id_token_value {local | all} force"],
            ["trust_code_already_installed"]),
    _action("Smart Account-Virtual Account mismatch",
            "Log in to the CSSM Web UI at https://software.cisco.com and click Smart Software Licensing > Inventory > Product Instances. Check if "
            "the product instance on which you want to generate the token is listed in the selected Virtual Account. If not, check and select the "
            "correct Smart Account and Virtual Account. Then complete these tasks again: Generating a New Token for a Trust Code from CSSM and "
            "Installing a File on the Product Instance.",
            [],
            ["account_mismatch"]),
    _action("timestamp mismatch and signature mismatch",
            "Configure the ntp server command in global configuration mode.",
            ["Device(config)# " + NTP_EXAMPLE],
            ["clock_not_synchronized"]),
]

_TRUST_FAILED_NXOS_ACTIONS = [
    _TRUST_FAILED_ACTIONS[0],
    _action("a trust code is already installed (NX-OS syntax of the Issue section)",
            "Re-configure license smart trust idtoken id_token_value with the force keyword; it asks CSSM to create a new trust code even if it "
            "exists already.",
            ["switch# license smart trust idtoken id_token_value force"],
            ["trust_code_already_installed"]),
    _TRUST_FAILED_ACTIONS[1],
    _action("timestamp mismatch and signature mismatch",
            "Configure the ntp server command in global configuration mode. If there is a difference in time between the device and CSSM, it "
            "should be less than one hour.",
            ["Device(config)# " + NTP_EXAMPLE, "switch(config)# ntp server 10.28.13.90 prefer"],
            ["clock_not_synchronized"]),
]

# ---------------------------------------------------------------------------
# POLICY_REMOVED
# ---------------------------------------------------------------------------

_POLICY_REMOVED_REASONS = [
    _reason("If you have entered the license smart factory reset command in privileged EXEC mode all licensing information including the policy "
            "is removed.", ["policy_removed"]),
]

_POLICY_DIRECT = _action(
    "Connected Directly to CSSM",
    "Enter show license status, and check field Trust Code Installed:. If trust is established, CSSM will automatically return the policy again. "
    "If trust has not been established, complete Generating a New Token for a Trust Code from CSSM and Establishing Trust with an ID Token; CSSM "
    "then returns the policy, which is automatically installed on all product instances of that Virtual Account.",
    ["Device# show license status", "Device# license smart trust idtoken id_token_value {local | all}"],
    ["policy_removed", "trust_code_missing"],
)
_POLICY_SYNC = _action(
    "Connected to CSSM Through CSLU or CSLU Disconnected from CSSM (product instance-initiated communication)",
    "Enter the license smart sync command in privileged EXEC mode. The synchronization request causes CSLU to push the missing information "
    "(a policy or authorization code) to the product instance. When CSLU is disconnected from CSSM, then complete Export to CSSM, Uploading Data "
    "or Requests to CSSM and Downloading a File, and Import from CSSM (CSLU Interface).",
    ["Device# license smart sync"],
    ["policy_removed"],
)
_POLICY_AIRGAP = _action(
    "No Connectivity to CSSM and No CSLU",
    "If you are in an entirely air-gapped network, from a workstation that has connectivity to the internet and CSSM complete Downloading a Policy "
    "File from CSSM, then Installing a File on the Product Instance.",
    [],
    ["policy_removed"],
)

_POLICY_REMOVED_IOS_ACTIONS = [
    _action("the policy was removed intentionally", "No further action is required."),
    _POLICY_DIRECT,
    _POLICY_SYNC,
    _action("CSLU-initiated communication",
            "Complete Collecting Usage Reports: CSLU Initiated (CSLU Interface). This causes CSLU to detect and re-furnish the missing policy in "
            "an ACK response.", [], ["policy_removed"]),
    _POLICY_AIRGAP,
    _action("SSM On-Prem Deployment",
            "Product instance-initiated: enter license smart sync. SSM On-Prem-initiated: in the SSM On-Prem UI, navigate to Reports > "
            "Synchronisation pull schedule with the devices > Synchronise now with the device. Then synchronize SSM On-Prem with CSSM (Reports > "
            "Usage Schedules > Synchronize now with Cisco, or Exporting and Importing Usage Data when not connected).",
            ["Device# license smart sync"], ["policy_removed"]),
    _TAC,
]

_POLICY_REMOVED_NXOS_ACTIONS = [
    _action("the policy was removed intentionally", "No further action is required."),
    _POLICY_DIRECT,
    _POLICY_SYNC,
    _POLICY_AIRGAP,
]

# ---------------------------------------------------------------------------
# REPORTING_REQUIRED
# ---------------------------------------------------------------------------

_REPORTING_IOS_ACTIONS = [
    _action("Connected to CSSM Through CSLU, product instance-initiated communication, or Connected Directly to CSSM",
            "Enter the license smart sync command in privileged EXEC mode. If CSLU is logged into CSSM the reports are sent automatically.",
            ["Device# license smart sync"], ["report_ack_overdue"]),
    _action("Connected to CSSM Through CSLU, CSLU-initiated communication",
            "Complete Collecting Usage Reports: CSLU Initiated (CSLU Interface).", [], ["report_ack_overdue"]),
    _action("Connected to CSSM Through a Controller",
            "The controller sends the RUM report at the scheduled time (Cisco DNA Center 2.2.2 onwards also offers ad-hoc reporting).",
            [], ["report_ack_overdue"]),
    _action("CSLU Disconnected from CSSM",
            "Synchronize with the product instance as for Connected to CSSM Through CSLU, then complete Export to CSSM, Uploading Data or Requests "
            "to CSSM and Downloading a File, and Import from CSSM (CSLU Interface).", ["Device# license smart sync"], ["report_ack_overdue"]),
    _action("No Connectivity to CSSM and No CSLU",
            "Enter the license smart save usage command in privileged EXEC mode to save the usage information in a file; then, from a workstation "
            "with connectivity to CSSM, complete Uploading Data or Requests to CSSM and Downloading a File.",
            ["Device# license smart save usage all file bootflash:usage.txt"], ["report_ack_overdue"]),
    _action("SSM On-Prem Deployment",
            "Synchronize the product instance with SSM On-Prem (license smart sync, or Reports > Synchronisation pull schedule with the devices > "
            "Synchronise now with the device), then synchronize usage with CSSM (Reports > Usage Schedules > Synchronize now with Cisco, or "
            "Exporting and Importing Usage Data when SSM On-Prem is not connected).",
            ["Device# license smart sync"], ["report_ack_overdue"]),
]

_REPORTING_NXOS_REASONS = [
    _reason("Connectivity problems. Depending on the implemented topology, this can mean a connectivity problem with CSSM, or CSLU, or SSM On-Prem "
            "(Issue: Failed to receive Report Acknowledgment).", ["report_ack_overdue", "cssm_unreachable"]),
    _reason("Delayed communication: there may be a lag between the time a RUM report is sent and the ACK is available. In direct connectivity "
            "mode, acknowledgment takes around 15 minutes to be updated on the switch.", ["report_ack_overdue"]),
    _reason("The ACK can fail if the switch was previously registered with a different On-Prem account (SSM On-Prem logs: 'failed due to the "
            "following error: record not found').", ["onprem_record_not_found"]),
]

_REPORTING_NXOS_ACTIONS = [
    _action("the product instance is directly connected to CSSM, or to CSLU and configured to initiate communication",
            "The product instance automatically sends usage information at the scheduled time. If it is not sent because of technical "
            "difficulties, enter the license smart sync command in privileged EXEC mode.", ["switch# license smart sync"], ["report_ack_overdue"]),
    _action("the product instance is connected to CSLU, but CSLU is disconnected from CSSM",
            "Complete Download All For Cisco (CSLU Interface), Uploading Usage Data to CSSM and Downloading an ACK, and Upload From Cisco (CSLU "
            "Interface).", [], ["report_ack_overdue"]),
    _action("the product instance is disconnected from CSSM and CSLU is not used",
            "Enter the license smart save usage command in privileged EXEC mode, then from a workstation with connectivity to CSSM complete "
            "Uploading Usage Data to CSSM and Downloading an ACK > Installing a File on the Product Instance.",
            ["switch# license smart save usage"], ["report_ack_overdue"]),
    _action("the ACK is not received (Issue: Failed to receive Report Acknowledgment)",
            "Ensure that the trust code is installed; check Usage reporting: in show license status (Next report push); if the synchronization "
            "does not take place automatically, use license smart sync (online topologies; with SSM On-Prem also sync to Cisco) or upload the RUM "
            "report to CSSM and install the ACK (offline topologies); after the sync wait 15 minutes for the acknowledgment.",
            ["switch# show license status", "switch# license smart sync"], ["trust_code_missing", "report_ack_overdue"]),
    _action("the ACK fails because the device is registered to another On-Prem account",
            "Perform On-Prem Report Synchronization out-of-band: on the On-Prem server, Smart Licensing > Inventory > SL Using Policy > Export/Import "
            "All > Export Usage to Cisco; upload that file in the CSSM account (Reports > Usage Data Files > Upload Usage Data), download the ACK, and "
            "import it in On-Prem (Export/Import All > Import From Cisco).", [], ["onprem_record_not_found"]),
]

# ---------------------------------------------------------------------------
# The catalog
# ---------------------------------------------------------------------------

_T = {
    "POLICY_INSTALL_FAILED": "The installation of a new licensing policy has failed: [chars].",
    "AUTHORIZATION_INSTALL_FAILED": "The install of a new licensing authorization code has failed on [chars]: [chars].",
    "COMM_FAILED": "Communications failure with the [chars] : [chars]",
    "COMM_RESTORED": "Communications with the [chars] restored.",
    "POLICY_REMOVED": "The licensing policy has been removed.",
    "TRUST_CODE_INSTALL_FAILED": "The install of a new licensing trust code has failed on [chars]: [chars].",
    "REPORTING_NOT_SUPPORTED": "The CSSM OnPrem that this product instance is connected to is down rev and does not support the enhanced policy "
                               "and usage reporting mode.",
    "POLICY_INSTALL_SUCCESS": "A new licensing policy was successfully installed.",
    "AUTHORIZATION_INSTALL_SUCCESS": "A new licensing authorization code was successfully installed on: [chars].",
    "AUTHORIZATION_REMOVED": "A licensing authorization code has been removed from [chars]",
    "REPORTING_REQUIRED": "A Usage report acknowledgement will be required in [dec] days.",
    "TRUST_CODE_INSTALL_SUCCESS": "A new licensing trust code was successfully installed on [chars].",
    "UTILITY_TRUST_CODE": "Trust establishment with an ID TOKEN is required before utility usage reporting can start.",
    "UTILITY_SUBSCRIPTION_LICENSE": "Utility mode is in use with a license that does not have a subscription id: [chars]",
    "UTILITY_NO_ACK": "A Usage report acknowledgement has not been received in the last [dec] days. An Acknowledgement is required every 30 days.",
    "UTILITY_TRANSPORT_NOT_CONFIG": "To support utility mode the transport must be set to 'smart transport' or 'cslu'.",
    "UTILITY_REPORT_FAILED": "Smart Agent for Licensing Utility has failed to send usage Report.",
    "UTILITY_STARTED": "Smart Agent for Licensing Utility has started sending usage reports",
    "UTILITY_STOPPED": "Smart Agent for Licensing Utility has stopped sending usage reports",
}

_EXPL = {
    "POLICY_INSTALL_FAILED": "A policy was installed, but an error was detected while parsing the policy code, and installation failed. [chars] is "
                             "the error string with details of the failure.",
    "AUTHORIZATION_INSTALL_FAILED": "An authorization code was installed, but installation failed. The first [chars] is the UDI for which the "
                                    "authorization code installation failed, and the second [chars] is the error string with details of the failure.",
    "TRUST_CODE_INSTALL_FAILED": "Trust code installation has failed. The first [chars] is the UDI where trust code installation was attempted. The "
                                 "second [chars] is the error string with details of the failure.",
    "AUTHORIZATION_REMOVED": "[chars] is the UDI where the authorization code was installed. The authorization code has been removed. This removes the "
                             "licenses from the product instance and may cause a change in the behavior of smart licensing and the features using "
                             "licenses.",
    "REPORTING_REQUIRED": "This is an alert which means that RUM reporting to Cisco is required. [dec] is the amount of time (in days) left to meet "
                          "this reporting requirements.",
    "TRUST_CODE_INSTALL_SUCCESS": "[chars] is the UDI where the trust code was successfully installed.",
    "AUTHORIZATION_INSTALL_SUCCESS": "[chars] is the UDI where the authorization code was installed successfully.",
}

_NO_ACTION = _action("always", "No action required.")

CATALOG = {
    "POLICY_INSTALL_FAILED": {
        "kind": "failure",
        "variables": ["reason"],
        "findings": ["clock_not_synchronized"],
        "cleared_by": ["POLICY_INSTALL_SUCCESS"],
        "platforms": {
            "ios": _ios(3, "POLICY_INSTALL_FAILED", _T["POLICY_INSTALL_FAILED"], _EXPL["POLICY_INSTALL_FAILED"], _CLOCK_REASONS, [_CLOCK_ACTION]),
            "nxos": _nxos(3, "POLICY_INSTALL_FAILED", _T["POLICY_INSTALL_FAILED"], _EXPL["POLICY_INSTALL_FAILED"], _CLOCK_REASONS, [_CLOCK_ACTION]),
        },
    },
    "AUTHORIZATION_INSTALL_FAILED": {
        "kind": "failure",
        "variables": ["udi", "reason"],
        "findings": ["authorization_insufficient", "authorization_udi_mismatch", "clock_not_synchronized"],
        "cleared_by": ["AUTHORIZATION_INSTALL_SUCCESS"],
        "platforms": {
            "ios": _ios(
                3, "AUTHORIZATION_INSTALL_FAILED", _T["AUTHORIZATION_INSTALL_FAILED"], _EXPL["AUTHORIZATION_INSTALL_FAILED"],
                [
                    _reason("Not enough licenses with authorization for currently configured features: This means that you have not generated the "
                            "requisite authorizations for all the required licenses.", ["authorization_insufficient"]),
                    _reason("UDI mismatch: One or more UDIs in the authorization code file do not match with the product instance where you are "
                            "installing the authorization code file. For a High Availability set-up, all the UDIs listed in the authorization code "
                            "file must match with all the UDIs in the High Availability set-up (file '<udi>P:CSR1000V,S:9D1YXJM3LKC</udi>' versus "
                            "show license udi 'UDI: PID:CSR1000V,SN:9D1YXJM3LKC').", ["authorization_udi_mismatch"]),
                    _reason("A signature mismatch: This means that the system clock is not accurate.", ["clock_not_synchronized"]),
                ],
                [
                    _action("always", "In the output of the show license tech support command, check the Failure Reason: field (under "
                            "Authorization Confirmation:) to understand what may have gone wrong.", ["Device# show license tech support"]),
                    _action("not enough licenses in authorization for currently configured features, and UDI mismatch",
                            "Use the show license udi command to verify that you have the correct and complete list of UDIs (all product instances "
                            "of a High Availability set-up). Then complete these tasks again: Generating and Downloading SLAC from CSSM to a File "
                            "and Installing a File on the Product Instance.",
                            ["Device# show license udi"], ["authorization_udi_mismatch", "authorization_insufficient"]),
                    _action("signature mismatch", _CLOCK_ACTION["text"], _CLOCK_ACTION["commands"], ["clock_not_synchronized"]),
                ],
            ),
            "nxos": _nxos(3, "AUTHORIZATION_INSTALL_FAILED", _T["AUTHORIZATION_INSTALL_FAILED"], NXOS_NOT_APPLICABLE,
                          applicable=False, note=NXOS_NOT_APPLICABLE),
        },
    },
    "COMM_FAILED": {
        "kind": "failure",
        "variables": ["peer", "error"],
        "findings": list(COMM_FAILED_FINDINGS),
        "cleared_by": ["COMM_RESTORED", "UTILITY_STARTED"],
        "notes": [_COMM_FAILED_NOTE],
        "platforms": {
            "ios": _ios(3, "COMM_FAILED", _T["COMM_FAILED"],
                        "Smart Licensing communication either with CSSM, or CSLU, or SSM On-Prem failed. The first [chars] is the currently "
                        "configured transport type, and the second [chars] is the error string with details of the failure. This message appears "
                        "for every communication attempt that fails.",
                        _COMM_FAILED_IOS_REASONS, _COMM_IOS_ACTIONS),
            "nxos": _nxos(3, "COMM_FAILED", _T["COMM_FAILED"],
                          "Smart Licensing communication either with CSSM or with CSLU failed. The first [chars] is the currently configured "
                          "transport type, and the second [chars] is the error string with details of the failure. This message appears for every "
                          "communication attempt that fails.",
                          _COMM_NXOS_REASONS, _COMM_NXOS_ACTIONS),
        },
        "variants": [],
    },
    "COMM_RESTORED": {
        "kind": "info",
        "variables": ["peer"],
        "findings": [],
        "cleared_by": [],
        "platforms": {
            "ios": _ios(3, "COMM_RESTORED", _T["COMM_RESTORED"],
                        "Product instance communication with either the CSSM, CSLU, or SSM On-Prem is restored. [chars] depends on the transport "
                        "type: Cisco Smart Software Manager (CSSM) or Cisco Smart License utility (CSLU).",
                        [], [_NO_ACTION]),
            "nxos": _nxos(3, "COMM_RESTORED", _T["COMM_RESTORED"],
                          "Product instance communication with either the CSSM or CSLU is restored. [chars] depends on the transport type: Cisco "
                          "Smart Software Manager (CSSM) or Cisco Smart License utility (CSLU).",
                          [], [_NO_ACTION]),
        },
        "variants": [{"template": "Communications with [chars] restored", "source": REAL_LINES + " line 45 (severity 5, no 'the', no period)"}],
        "observed_severities": [5],
    },
    "POLICY_REMOVED": {
        "kind": "warning",
        "variables": [],
        "findings": ["policy_removed", "trust_code_missing"],
        "cleared_by": ["POLICY_INSTALL_SUCCESS"],
        "platforms": {
            "ios": _ios(3, "POLICY_REMOVED", _T["POLICY_REMOVED"],
                        "A previously installed custom licensing policy has been removed. The Cisco default policy is then automatically effective. "
                        "This may cause a change in the behavior of smart licensing.",
                        _POLICY_REMOVED_REASONS, _POLICY_REMOVED_IOS_ACTIONS),
            "nxos": _nxos(3, "POLICY_REMOVED", _T["POLICY_REMOVED"],
                          "A previously installed licensing policy has been removed. The Cisco default policy is then automatically effective. This "
                          "may cause a change in the behavior of smart licensing.",
                          _POLICY_REMOVED_REASONS, _POLICY_REMOVED_NXOS_ACTIONS),
        },
    },
    "TRUST_CODE_INSTALL_FAILED": {
        "kind": "failure",
        "variables": ["udi", "reason"],
        "findings": ["trust_code_already_installed", "account_mismatch", "clock_not_synchronized"],
        "cleared_by": ["TRUST_CODE_INSTALL_SUCCESS"],
        "platforms": {
            "ios": _ios(3, "TRUST_CODE_INSTALL_FAILED", _T["TRUST_CODE_INSTALL_FAILED"], _EXPL["TRUST_CODE_INSTALL_FAILED"],
                        _TRUST_FAILED_REASONS, _TRUST_FAILED_ACTIONS),
            "nxos": _nxos(3, "TRUST_CODE_INSTALL_FAILED", _T["TRUST_CODE_INSTALL_FAILED"], _EXPL["TRUST_CODE_INSTALL_FAILED"],
                          _TRUST_FAILED_REASONS, _TRUST_FAILED_NXOS_ACTIONS),
        },
    },
    "REPORTING_NOT_SUPPORTED": {
        "kind": "warning",
        "variables": [],
        "findings": ["onprem_down_rev"],
        "cleared_by": [],
        "platforms": {
            "ios": _ios(4, "REPORTING_NOT_SUPPORTED", _T["REPORTING_NOT_SUPPORTED"],
                        "Cisco Smart Software Manager On-Prem (formerly known as Cisco Smart Software Manager satellite) is supported in the "
                        "Smart Licensing Using Policy environment starting with Cisco IOS XE Amsterdam 17.3.3 only. In unsupported releases the "
                        "product instance stops "
                        "sending registration renewals and authorization renewals, and starts recording usage and saving RUM reports locally.",
                        [_reason("The SSM On-Prem release the product instance is connected to does not support Smart Licensing Using Policy.",
                                 ["onprem_down_rev"])],
                        [_action("always", "Refer to and implement one of the supported topologies instead (Supported Topologies).", [],
                                 ["onprem_down_rev"]),
                         _action("always", "Upgrade to a release where SSM On-Prem is supported with Smart Licensing Using Policy (Migrating to a "
                                 "Version of SSM On-Prem That Supports Smart Licensing Using Policy).", [], ["onprem_down_rev"])]),
            "nxos": _nxos(4, "REPORTING_NOT_SUPPORTED", _T["REPORTING_NOT_SUPPORTED"],
                          "Cisco Smart Software Manager On-Prem (formerly known as Cisco Smart Software Manager satellite) is not supported in the SLP "
                          "environment. The product instance stops sending registration renewals and authorization renewals, and starts recording "
                          "usage and saving RUM reports locally.",
                          [_reason("The SSM On-Prem release the product instance is connected to does not support SLP.", ["onprem_down_rev"])],
                          [_action("always", "Refer to and implement one of the supported topologies instead (Supported Topologies).", [],
                                   ["onprem_down_rev"])]),
        },
        "variants": [{"template": "Smart Agent for Licensing CSSM OnPrem is down rev and does not support the enhanced policy and usage reporting "
                                  "mode.", "source": REAL_LINES + " line 43"}],
    },
    "POLICY_INSTALL_SUCCESS": {
        "kind": "info",
        "variables": [],
        "findings": [],
        "cleared_by": [],
        "platforms": {
            "ios": _ios(6, "POLICY_INSTALL_SUCCESS", _T["POLICY_INSTALL_SUCCESS"],
                        "A policy was installed in one of the following ways: using Cisco IOS commands, CSLU-initiated communication, or as part "
                        "of an ACK response.",
                        [], [_action("always", "No action is required. To know which policy is applied (the policy in-use) and its reporting "
                                     "requirements, enter the show license all command in privileged EXEC mode.", ["Device# show license all"])]),
            "nxos": _nxos(6, "POLICY_INSTALL_SUCCESS", _T["POLICY_INSTALL_SUCCESS"],
                          "A policy was installed in the following way: as part of an ACK response.",
                          [], [_action("always", "No action is required. To know which policy is applied (the policy in-use) and its reporting "
                                       "requirements, enter the show license all command in privileged EXEC mode.", ["switch# show license all"])]),
        },
    },
    "AUTHORIZATION_INSTALL_SUCCESS": {
        "kind": "info",
        "variables": ["udi"],
        "findings": [],
        "cleared_by": [],
        "platforms": {
            "ios": _ios(6, "AUTHORIZATION_INSTALL_SUCCESS", _T["AUTHORIZATION_INSTALL_SUCCESS"], _EXPL["AUTHORIZATION_INSTALL_SUCCESS"],
                        [], [_action("always", "No action is required. For the details of the authorization code that was installed, enter the "
                                     "show license authorization command; show license all and show license tech support show the kind of "
                                     "authorization installed and the type of entitlement the product instance can use.",
                                     ["Device# show license authorization", "Device# show license all", "Device# show license tech support"])]),
            "nxos": _nxos(6, "AUTHORIZATION_INSTALL_SUCCESS", _T["AUTHORIZATION_INSTALL_SUCCESS"], NXOS_NOT_APPLICABLE,
                          applicable=False, note=NXOS_NOT_APPLICABLE),
        },
    },
    "AUTHORIZATION_REMOVED": {
        "kind": "info",
        "variables": ["udi"],
        "findings": [],
        "cleared_by": [],
        "platforms": {
            "ios": _ios(6, "AUTHORIZATION_REMOVED", _T["AUTHORIZATION_REMOVED"], _EXPL["AUTHORIZATION_REMOVED"],
                        [], [_action("always", "No action is required. To see the current state of the license, enter the show license all command.",
                                     ["Device# show license all"])]),
            "nxos": _nxos(6, "AUTHORIZATION_REMOVED", _T["AUTHORIZATION_REMOVED"], _EXPL["AUTHORIZATION_REMOVED"],
                          [], [_action("always", "No action is required. To see the current state of the license, enter the show license all "
                                       "command.", ["switch# show license all"])]),
        },
    },
    "REPORTING_REQUIRED": {
        "kind": "warning",
        "variables": ["days"],
        "findings": ["report_ack_overdue"],
        "cleared_by": [],
        "cleared_by_facts": [{"field": "usage_reporting.last_ack_received", "condition": "newer than the message"}],
        "platforms": {
            "ios": _ios(6, "REPORTING_REQUIRED", _T["REPORTING_REQUIRED"], _EXPL["REPORTING_REQUIRED"],
                        [_reason("RUM reporting to Cisco is due within the number of days the message gives.", ["report_ack_overdue"])],
                        [_action("always", "Ensure that RUM reports are sent within the requested time. The topology you have implemented "
                                 "determines the reporting method.", [], ["report_ack_overdue"])] + _REPORTING_IOS_ACTIONS),
            "nxos": _nxos(6, "REPORTING_REQUIRED", _T["REPORTING_REQUIRED"], _EXPL["REPORTING_REQUIRED"],
                          [_reason("RUM reporting to Cisco is due within the number of days the message gives.", ["report_ack_overdue"])]
                          + _REPORTING_NXOS_REASONS,
                          [_action("always", "Ensure that RUM reports are sent within the requested time.", [], ["report_ack_overdue"])]
                          + _REPORTING_NXOS_ACTIONS),
        },
    },
    "TRUST_CODE_INSTALL_SUCCESS": {
        "kind": "info",
        "variables": ["udi"],
        "findings": [],
        "cleared_by": [],
        "platforms": {
            "ios": _ios(6, "TRUST_CODE_INSTALL_SUCCESS", _T["TRUST_CODE_INSTALL_SUCCESS"], _EXPL["TRUST_CODE_INSTALL_SUCCESS"],
                        [], [_action("always", "No action is required. To verify that the trust code is installed, enter the show license status "
                                     "command and look for the updated timestamp under the header Trust Code Installed:.",
                                     ["Device# show license status"])]),
            "nxos": _nxos(6, "TRUST_CODE_INSTALL_SUCCESS", _T["TRUST_CODE_INSTALL_SUCCESS"], _EXPL["TRUST_CODE_INSTALL_SUCCESS"],
                          [], [_action("always", "No action is required. To verify that the trust code is installed, enter the show license "
                                       "status command and look for the updated timestamp under the header Trust Code Installed:.",
                                       ["switch# show license status"])]),
        },
    },
    "UTILITY_TRUST_CODE": {
        "kind": "warning",
        "variables": [],
        "findings": ["trust_code_missing"],
        "cleared_by": ["TRUST_CODE_INSTALL_SUCCESS", "UTILITY_STOPPED"],
        "platforms": {
            "ios": _ios(4, "UTILITY_TRUST_CODE", _T["UTILITY_TRUST_CODE"],
                        "The utility mode is enabled, and the product instance is directly connected to CSSM using Smart transport, but a trust "
                        "code is not installed. This message is displayed once a week until a trust code is installed or the utility mode is "
                        "disabled. It is displayed immediately when the condition is detected during normal operation, or at boot time after the "
                        "configuration is processed.",
                        [_reason("Utility mode with smart transport and no trust code installed.", ["trust_code_missing"])],
                        [_action("always", "Complete these tasks: Generating a New Token for a Trust Code from CSSM and Establishing Trust with an "
                                 "ID Token.", ["Device# license smart trust idtoken id_token_value {local | all}"], ["trust_code_missing"])]),
            "nxos": None,
        },
    },
    "UTILITY_SUBSCRIPTION_LICENSE": {
        "kind": "warning",
        "variables": ["license"],
        "findings": ["utility_subscription_missing"],
        "cleared_by": [],
        "platforms": {
            "ios": _ios(4, "UTILITY_SUBSCRIPTION_LICENSE", _T["UTILITY_SUBSCRIPTION_LICENSE"],
                        "The utility mode is enabled and a license without a subscription ID is in use. [chars] is the license that is in use. "
                        "This message is generated only once for each license. It is not generated if an authorization code is installed for the "
                        "entitlement tag.",
                        [_reason("A license with a subscription ID was in use and then new subscription information is returned in a RUM ACK that "
                                 "does not include an ID for this license.", ["utility_subscription_missing"]),
                         _reason("The utility mode is enabled and the license is in use some time after that: the message is generated 30 days "
                                 "later if a subscription ID is not available.", ["utility_subscription_missing"]),
                         _reason("Delayed communication: a lag between enabling the utility mode and the subscription ID and other utility "
                                 "information in the RUM ACK being available (for CSLU or SSM On-Prem, depends on their synchronization schedule).",
                                 ["report_ack_overdue"])],
                        [_action("the licenses in use do not have subscription IDs",
                                 "Order them in CCW; the licenses and subscription IDs are deposited in the Smart Account and Virtual Account in "
                                 "CSSM.", [], ["utility_subscription_missing"])] + _SYNC_TOPOLOGY_ACTIONS),
            "nxos": None,
        },
    },
    "UTILITY_NO_ACK": {
        "kind": "warning",
        "variables": ["days"],
        "findings": ["report_ack_overdue"],
        "cleared_by": [],
        "cleared_by_facts": [{"field": "usage_reporting.last_ack_received", "condition": "newer than the message"}],
        "related_events": ["COMM_FAILED"],
        "platforms": {
            "ios": _ios(4, "UTILITY_NO_ACK", _T["UTILITY_NO_ACK"],
                        "A RUM ACK message has not been received within the last 30 days. [dec] is the number of days. In the utility mode, a RUM "
                        "ACK is required every 30 days. This message is generated every 30 days until a RUM ACK is received.",
                        [_reason("Connectivity problems: depending on the topology, a connectivity problem with CSSM, or CSLU, or SSM On-Prem (see "
                                 "COMM_FAILED).", ["report_ack_overdue"] + COMM_FAILED_FINDINGS),
                         _reason("Delayed communication: a lag between the time a RUM report is sent and the RUM ACK is available on the product "
                                 "instance.", ["report_ack_overdue"])],
                        [_action("connectivity problems", "Refer to the troubleshooting steps that apply to your topology: %SMART_LIC-3-COMM_FAILED.",
                                 [], list(COMM_FAILED_FINDINGS)),
                         _action("RUM reports have been sent", "The Next report push field of show license all reflects it. If an ACK is not "
                                 "available because of delayed communication, initiate an on-demand synchronization based on the topology.",
                                 ["Device# show license all"], ["report_ack_overdue"])]
                        + _SYNC_TOPOLOGY_ACTIONS + [_TAC]),
            "nxos": None,
        },
    },
    "UTILITY_TRANSPORT_NOT_CONFIG": {
        "kind": "warning",
        "variables": [],
        "findings": ["transport_type_mismatch"],
        "cleared_by": ["UTILITY_STOPPED"],
        "cleared_by_facts": [{"field": "transport.type", "condition": "one of smart, cslu, off"}],
        "platforms": {
            "ios": _ios(4, "UTILITY_TRANSPORT_NOT_CONFIG", _T["UTILITY_TRANSPORT_NOT_CONFIG"],
                        "The utility mode is enabled, but the transport type is not set correctly. This message is generated once a week until the "
                        "correct transport setting is configured, or the utility mode is disabled; immediately when detected during normal "
                        "operation, at boot time, or when the transport mode or utility mode changes.",
                        [_reason("Utility mode with a transport type other than smart or cslu.", ["transport_type_mismatch"])],
                        [_action("always", "In the utility mode, the transport type must be smart, or cslu, or off. Configure the transport mode "
                                 "depending on the topology you have implemented (Setting the Transport Type, URL, and Reporting Interval).",
                                 ["Device(config)# license smart transport smart", "Device(config)# license smart transport cslu"],
                                 ["transport_type_mismatch"])]),
            "nxos": None,
        },
    },
    "UTILITY_REPORT_FAILED": {
        "kind": "failure",
        "variables": [],
        "findings": ["usage_report_failed"],
        "cleared_by": ["UTILITY_STARTED", "COMM_RESTORED"],
        "related_events": ["COMM_FAILED"],
        "platforms": {
            "ios": _ios(3, "UTILITY_REPORT_FAILED", _T["UTILITY_REPORT_FAILED"],
                        "Because of a communications failure, the product instance failed to send the RUM report.",
                        [_reason("A communications failure while sending the RUM report.", ["usage_report_failed"])],
                        [_action("always", "Check if the RUM report is due any time soon. If not, and the problem is with a server or link that is "
                                 "down, you can try again after some time.", ["Device# show license all"], ["usage_report_failed"]),
                         _action("the communication failure persists", "Check if the transport type and URL have been set as required by the "
                                 "topology. Also see %SMART_LIC-3-COMM_FAILED.", ["Device# show license status"],
                                 ["transport_type_mismatch", "transport_url_incorrect"]),
                         _TAC]),
            "nxos": None,
        },
    },
    "UTILITY_STARTED": {
        "kind": "info",
        "variables": [],
        "findings": [],
        "cleared_by": [],
        "platforms": {
            "ios": _ios(6, "UTILITY_STARTED", _T["UTILITY_STARTED"],
                        "Product instance communication with either the CSSM, CSLU, or SSM On-Prem is restored.", [], [_NO_ACTION],
                        listed_severities=[3]),
            "nxos": None,
        },
    },
    "UTILITY_STOPPED": {
        "kind": "info",
        "variables": [],
        "findings": [],
        "cleared_by": [],
        "platforms": {
            "ios": _ios(6, "UTILITY_STOPPED", _T["UTILITY_STOPPED"],
                        "The utility mode is disabled. RUM reports continue to be sent, but they are not flagged as being in the utility mode.",
                        [], [_NO_ACTION]),
            "nxos": None,
        },
    },
}

# The NX-OS chapter's "Resolving SLP Issues on Nexus Switches" section: problems described
# without a message of their own, with the events they go with.
NXOS_ISSUES = [
    {"issue": "Trust code installation failed", "events": ["TRUST_CODE_INSTALL_FAILED"],
     "findings": ["trust_code_already_installed", "clock_not_synchronized"]},
    {"issue": "Smart Licensing communication with CSSM/CSLU/SSM On-Prem failed", "events": ["COMM_FAILED"],
     "findings": ["dns_not_configured", "cslu_local_unresolved", "transport_type_mismatch", "transport_url_incorrect", "callhome_profile_inactive",
                  "cssm_unreachable"]},
    {"issue": "Failed to send usage Report", "events": [],
     "findings": ["usage_report_failed", "transport_type_mismatch", "transport_url_incorrect"],
     "actions": ["Check if the RUM report is due any time soon using the show license tech support command. If not, and the problem is with a "
                 "server or link that is down, try again after some time.",
                 "If the communication failure persists, check if the transport type and URL have been set as required by the topology."]},
    {"issue": "Failed to receive Report Acknowledgment", "events": ["REPORTING_REQUIRED"],
     "findings": ["report_ack_overdue", "onprem_record_not_found", "trust_code_missing"]},
]

# Messages devices print that neither chapter lists. Known, never a finding by themselves.
_OTHER = {
    "AGENT_READY": ("SMART_LIC", 6, "Smart Agent for Licensing is initialized", "info", [], "public console logs (IOS XE 17.3.1 C9300L boot)"),
    "AGENT_ENABLED": ("SMART_LIC", 6, "Smart Agent for Licensing is enabled", "info", [], REAL_LINES + " lines 13, 22, 26"),
    "EXPORT_CONTROLLED": ("SMART_LIC", 6, "Usage of export controlled features is not allowed", "info", [], REAL_LINES + " lines 14-17, 23, 27"),
    "HA_ROLE_CHANGED": ("SMART_LIC", 6, "Smart Agent HA role changed to [chars].", "info", ["role"], "public console logs (IOS XE 17.3.1 C9300L boot)"),
    "EVAL_START": ("SMART_LIC", 5, "Entering evaluation period", "info", [], "public console logs (IOS XE 17.3.1 C9300L boot, registration era)"),
    "SYSTEM_CLOCK_CHANGED": ("SMART_LIC", 5, "Smart Agent for Licensing System clock has been changed", "info", [], "public PnP console log (IOS XE)"),
    "PLATFORM_ERROR": ("SMART_LIC", 2, "Smart Licensing has encountered an internal software error. Contact TAC: [chars]", "other", ["error"],
                       REAL_LINES + " lines 18, 20 (FXOS)"),
    "AUTH_RENEW_FAILED": ("SMART_LIC", 3, "Authorization renewal with the [chars] : [chars]", "other", ["peer", "error"],
                          REAL_LINES + " line 39 (registration era)"),
    "AGENT_REG_FAILED": ("SMART_LIC", 3, "Smart Agent for Licensing Registration with the [chars] failed: [chars]", "other", ["peer", "error"],
                         REAL_LINES + " line 40 (registration era)"),
    "CALL_HOME_ENABLED": ("CALL_HOME", 6, "Call-home is enabled by Smart Agent for Licensing.", "info", [], REAL_LINES + " line 28"),
    "SL_MESSAGE_FAILED": ("CALL_HOME", 5, "Fail to send out Smart Licensing message to: [chars] ([chars])", "other", ["url", "error"],
                          REAL_LINES + " lines 41-42"),
}

_OTHER_RELATED = {
    "AUTH_RENEW_FAILED": ["COMM_FAILED"],
    "AGENT_REG_FAILED": ["COMM_FAILED"],
    "SL_MESSAGE_FAILED": ["COMM_FAILED"],
}


def _finish():
    """Fill the derived keys of every entry once at import."""
    for event, entry in CATALOG.items():
        entry["event"] = event
        entry["in_seed"] = True
        ios, nxos = entry["platforms"]["ios"], entry["platforms"]["nxos"]
        first = ios or nxos
        entry["template"] = first["template"]
        entry["explanation"] = first["explanation"]
        entry["reasons"] = first["reasons"]
        entry["actions"] = first["actions"]
        entry["sources"] = [name for name, value in ((SEED_IOS, ios), (SEED_NXOS, nxos)) if value]
        entry.setdefault("variants", [])
        entry.setdefault("cleared_by_facts", [])
        entry.setdefault("related_events", [])
        entry.setdefault("observed_severities", [])
        entry.setdefault("notes", [])
        entry["primary_findings"] = list(entry["findings"])
        for spec in (ios, nxos):
            for reason in (spec or {}).get("reasons", []):
                entry["findings"].extend(fid for fid in reason["findings"] if fid not in entry["findings"])
    for event, (facility, severity, template, kind, variables, source) in _OTHER.items():
        CATALOG[event] = {
            "event": event,
            "in_seed": False,
            "kind": kind,
            "variables": list(variables),
            "findings": [],
            "primary_findings": [],
            "cleared_by": [],
            "cleared_by_facts": [],
            "related_events": _OTHER_RELATED.get(event, []),
            "template": template,
            "explanation": None,
            "reasons": [],
            "actions": [],
            "notes": [],
            "variants": [],
            "observed_severities": [],
            "sources": [source],
            "platforms": {
                "ios": _platform(facility, severity, event, template, None),
                "nxos": None,
            },
        }
    for entry in CATALOG.values():
        entry["variable_types"] = dict(zip(entry["variables"], _placeholder_types(entry["template"])))


def _placeholder_types(template):
    return [token.strip("[]") for token in re.findall(r"\[[a-z-]+\]", template or "")]


_finish()

_BY_MNEMONIC = {}
for _event, _entry in CATALOG.items():
    for _spec in _entry["platforms"].values():
        if _spec:
            _BY_MNEMONIC[(_spec["facility"], _spec["mnemonic"])] = _event


def get(event):
    """The entry of a platform-neutral event name (``COMM_FAILED``), or None."""
    entry = CATALOG.get(str(event or "").upper())
    return copy.deepcopy(entry) if entry else None


def event_for(facility, mnemonic):
    """The event name for a printed facility and mnemonic, or None.

    ``LICMGR`` + ``LOG_SMART_LIC_COMM_FAILED`` and ``SMART_LIC`` + ``COMM_FAILED``
    both give ``COMM_FAILED``.
    """
    facility = str(facility or "").upper()
    mnemonic = str(mnemonic or "").upper()
    event = _BY_MNEMONIC.get((facility, mnemonic))
    if event:
        return event
    if facility == "LICMGR" and mnemonic.startswith("LOG_SMART_LIC_"):
        # An NX-OS form of an IOS XE message the NX-OS chapter does not list.
        candidate = mnemonic[len("LOG_SMART_LIC_"):]
        if candidate in CATALOG and CATALOG[candidate]["platforms"]["ios"]:
            return candidate
    return None


def by_mnemonic(facility, mnemonic):
    """The entry for a printed facility and mnemonic, or None."""
    event = event_for(facility, mnemonic)
    return get(event) if event else None


def all_events(in_seed=None):
    """Every entry, seed messages first; ``in_seed`` True/False keeps only those."""
    entries = [copy.deepcopy(entry) for entry in CATALOG.values()]
    if in_seed is not None:
        entries = [entry for entry in entries if entry["in_seed"] is bool(in_seed)]
    return entries


def event_names(in_seed=None):
    """The event names, in catalog order."""
    return [entry["event"] for entry in CATALOG.values() if in_seed is None or entry["in_seed"] is bool(in_seed)]


def platform_spec(event, platform):
    """The platform part (facility, severity, mnemonic, template, ...) of an event, or None."""
    entry = CATALOG.get(str(event or "").upper())
    if not entry:
        return None
    spec = entry["platforms"].get(platform)
    return copy.deepcopy(spec) if spec else None


def templates(event):
    """Every template to try for an event: the chapter's first, then observed variants."""
    entry = CATALOG.get(str(event or "").upper())
    if not entry:
        return []
    found = []
    for spec in entry["platforms"].values():
        if spec and spec["template"] and spec["template"] not in found:
            found.append(spec["template"])
    for variant in entry["variants"]:
        if variant["template"] not in found:
            found.append(variant["template"])
    return found


def events_clearing(event):
    """Events whose later appearance clears ``event`` (COMM_FAILED → COMM_RESTORED, ...)."""
    entry = CATALOG.get(str(event or "").upper())
    return list(entry["cleared_by"]) if entry else []


def events_for_finding(finding_id):
    """Events whose reasons lead to a finding id."""
    return [event for event, entry in CATALOG.items() if finding_id in entry["findings"]]
