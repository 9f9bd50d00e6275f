# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""A lab license model driven the way the CLI engine drives it, on a clock the test moves (no SSH)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from ansible_collections.smartlic.slp.plugins.module_utils.parsers import syslog
from ansible_collections.smartlic.slp.plugins.module_utils.parsers.registry import parse_output
from tests.lab.config_tree import ConfigTree
from tests.lab.license_model import LicenseModel

START = datetime(2026, 3, 10, 12, 0, 0, tzinfo=timezone.utc)
NO_DELAYS = {"ntp_sync_seconds": 0, "trust_install_seconds": 0, "ack_delay_seconds": 0}


class Clock:
    """A controllable real-time clock for the model."""

    def __init__(self):
        self.moment = START

    def __call__(self):
        return self.moment

    def advance(self, **delta):
        self.moment += timedelta(**delta)


class Lab:
    """One model with its running-config.

    ``instant`` sets the ACK, trust-code and NTP delays to zero (the model's logic at once); without it the
    scenario's own delays apply (the realistic defaults unless a key says otherwise).
    """

    def __init__(self, platform, faults=(), instant=True, **keys):
        self.clock = Clock()
        scenario = {"platform": platform, "hostname": "%s-lab" % platform, "faults": list(faults), "valid_tokens": ["good-token"]}
        if instant:
            scenario.update(NO_DELAYS)
        scenario.update(keys)
        self.platform = platform
        self.model = LicenseModel(platform, scenario["hostname"], scenario, self.clock)
        self.config = ConfigTree(platform, self.model.initial_config())

    def run(self, command, mode="privileged"):
        self.model.tick(self.config)
        return self.model.handle(command, self.config, mode)

    def configure(self, line, parents=(), replace=None):
        self.config.set(line, parents, replace=replace)
        self.model.on_config_change(self.config)

    def unconfigure(self, line, parents=()):
        self.config.remove(line, parents)
        self.model.on_config_change(self.config)

    def parsed(self, command):
        return parse_output(command, self.run(command), self.platform)

    def events(self):
        return [message["event"] for message in syslog.parse_messages("\n".join(self.model.messages()))]

    def last(self, event):
        found = [message for message in syslog.parse_messages("\n".join(self.model.messages())) if message["event"] == event]
        return found[-1] if found else None
