# -*- coding: utf-8 -*-
# Copyright: contributors to smartlic.slp
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Documentation of the options shared by the diagnosis modules (intended settings, platform, SLAC)."""

from __future__ import annotations


class ModuleDocFragment:
    """Options of smart_license_facts and smart_license_captures."""

    DOCUMENTATION = r"""
options:
  intended:
    description:
      - The settings the device should have. Rules compare them with what the device shows, so that a finding
        can name the exact difference (for example an NTP server missing from the configuration) and its fix
        can use the right values. Leave out what you do not know.
    type: dict
    default: {}
    suboptions:
      transport_type:
        description: The transport the topology needs.
        type: str
        choices: [smart, cslu, callhome, 'off']
      transport_url:
        description: The smart, CSLU or SSM On-Prem URL the device should use.
        type: str
      ntp_servers:
        description: NTP servers the device should use.
        type: list
        elements: str
      name_servers:
        description: DNS servers the device should use.
        type: list
        elements: str
      domain_name:
        description: The DNS domain name.
        type: str
      vrf:
        description: The VRF licensing traffic leaves through.
        type: str
      cslu_local_address:
        description: The address the name C(cslu-local) should resolve to.
        type: str
      source_interface:
        description:
          - The IOS XE interface the HTTP(S) client of Smart Licensing should leave through (C(ip http client source-interface)),
            compared with the running-config (finding C(http_client_source_interface_mismatch)).
        type: str
      trustpoint_ca_pem:
        description:
          - IOS XE - the CA certificate (PEM) C(SLA-TrustPoint) must hold, for example the SSM On-Prem CA. Compared by SHA-1 with
            the certificate the running-config shows in C(crypto pki certificate chain SLA-TrustPoint) (finding
            C(sla_trustpoint_certificate_missing)). A certificate is not secret; reports show only its subject, serial and SHA-1.
        type: str
      topology:
        description:
          - The licensing topology, when it cannot be told from the device.
          - V(controller) (Cisco DNA Center / Catalyst Center), V(cslu_disconnected_push) and V(cslu_disconnected_pull) (CSLU
            disconnected from CSSM), V(onprem_push) and V(onprem_pull) (who initiates with SSM On-Prem) are never read from a device.
        type: str
        choices: [direct_smart, cslu_push, cslu_pull, onprem, callhome, offline, controller, cslu_disconnected_push, cslu_disconnected_pull,
                  onprem_push, onprem_pull]
  platform:
    description:
      - V(ios) (IOS XE) or V(nxos); C(cisco.ios.ios) and C(cisco.nxos.nxos) are accepted too.
      - Without it the platform is told from the content (offline) or from C(ansible_network_os) and the
        device's capabilities (live).
    type: str
  slac_file:
    description:
      - A Smart License Authorization Code (SLAC) file on the controller. Its UDIs are compared with
        C(show license udi) (finding C(authorization_udi_mismatch)).
    type: path
  slac_text:
    description: The content of a SLAC file, instead of O(slac_file).
    type: str
  diagnose:
    description: Run the diagnosis rules. With V(false) only the facts and messages are returned.
    type: bool
    default: true
"""
