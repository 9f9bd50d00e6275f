# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Every host runs its roles in the same order (plugins/module_utils/remediation_plan.py, plan()["order"]).

playbooks/remediate.yml loops an include over plan()["order"]. Ansible shares a looped include between the hosts
with the same item, in the order it first saw the items: when one host looped over [transport] and another over
[ntp, transport], the second ran transport before ntp (seen in the lab's command logs: trust_token before
trustpoint on ios-multi). So every host with something to run loops over all roles, in order.
"""

from __future__ import annotations

from ansible_collections.smartlic.slp.plugins.module_utils import remediation_plan as rp

SETTINGS = {"ntp_servers": ["192.0.2.123"], "name_servers": ["192.0.2.53"], "transport_type": "smart", "has_id_token": True}


def _plan(ids, settings=None):
    return rp.plan([{"id": fid, "severity": "error"} for fid in ids], SETTINGS if settings is None else settings)


def test_every_host_with_a_role_to_run_loops_over_all_roles_in_order():
    one = _plan(["transport_url_incorrect"])
    several = _plan(["trust_code_missing", "sla_trustpoint_missing", "clock_not_synchronized", "transport_url_incorrect"])
    assert one["roles"] == ["transport"] and several["roles"] == ["ntp", "trustpoint", "transport", "trust_token"]
    assert one["order"] == several["order"] == ["ntp", "dns", "trustpoint", "transport", "trust_token", "sync"]


def test_a_host_with_nothing_to_run_loops_over_nothing():
    assert _plan([])["order"] == []
    blocked = _plan(["clock_not_synchronized"], {})
    assert blocked["roles"] == [] and blocked["blocked"] == {"ntp": "set smartlic_ntp_servers"} and blocked["order"] == []
