# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Controller CPU per task, for the benchmarks (tests/bench): not part of the collection.

Enabled by tests/bench with ANSIBLE_CALLBACK_PLUGINS and ANSIBLE_CALLBACKS_ENABLED=bench_timeline; writes one
JSON line per task to the file named by SLP_BENCH_TIMELINE: the task's name and the CPU seconds used while it
ran by ansible-playbook itself and by its finished workers (each worker is a child process, counted once it
has ended; the connection processes detach and are not in these figures).
"""

from __future__ import annotations

import json
import os
import resource
import time

from ansible.plugins.callback import CallbackBase

DOCUMENTATION = """
name: bench_timeline
type: aggregate
short_description: controller CPU per task (smartlic.slp benchmarks)
description: Writes the CPU seconds of ansible-playbook and of its workers per task to the file named by SLP_BENCH_TIMELINE.
"""


def _cpu():
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime, children.ru_utime + children.ru_stime


class CallbackModule(CallbackBase):
    """One JSON line per task: name, wall s, playbook process CPU s, workers CPU s."""

    CALLBACK_VERSION = 2.0
    CALLBACK_TYPE = "aggregate"
    CALLBACK_NAME = "bench_timeline"
    CALLBACK_NEEDS_ENABLED = True

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.path = os.environ.get("SLP_BENCH_TIMELINE")
        self.current = ("start-up", time.perf_counter(), (0.0, 0.0))

    def _close(self, next_name):
        name, started, (own, children) = self.current
        now, (own_now, children_now) = time.perf_counter(), _cpu()
        if self.path:
            with open(self.path, "a", encoding="utf-8") as handle:
                handle.write(json.dumps({"task": name, "wall": now - started, "playbook_cpu": own_now - own, "workers_cpu": children_now - children}) + "\n")
        self.current = (next_name, now, (own_now, children_now))

    def v2_playbook_on_task_start(self, task, is_conditional):
        del is_conditional  # part of the callback signature
        self._close(task.get_name())

    def v2_playbook_on_stats(self, stats):
        del stats  # part of the callback signature
        self._close(None)
