# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Captures assembled from the real outputs of this folder (see PROVENANCE.md)."""

from __future__ import annotations

import os

HERE = os.path.dirname(os.path.abspath(__file__))


def read(name):
    """The text of a fixture file."""
    with open(os.path.join(HERE, name), encoding="utf-8") as handle:
        return handle.read()


def prompt_capture(host, pairs):
    """A capture in prompt layout: '<host>#<command>' then the output, for each (command, fixture file or text)."""
    parts = []
    for command, source in pairs:
        text = read(source) if source.endswith(".txt") and os.path.exists(os.path.join(HERE, source)) else source
        parts.append("%s#%s\n%s" % (host, command, text.rstrip("\n")))
    parts.append("%s#" % host)
    return "\n".join(parts) + "\n"


def ios_cslu_capture():
    """C9200 log (COMM_FAILED, cslu-local unresolved) with a cslu show license status and an unsynchronised clock."""
    clock = read("ios_show_clock_genie_1.txt").split("\n", 1)[1]
    return prompt_capture("C9200-Standalone", [
        ("show license status", "ios_show_license_status_genie_1.txt"),
        ("show clock", clock),
        ("show logging", "c9200_show_logging.txt"),
    ])


def syslog_only_capture():
    """Only the C9200 show logging output."""
    return prompt_capture("C9200-Standalone", [("show logging", "c9200_show_logging.txt")])
