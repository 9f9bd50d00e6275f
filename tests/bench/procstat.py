# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""CPU and memory of a process tree, read from /proc (Linux), for the benchmarks.

ansible-playbook starts persistent connection processes that detach from
their parent; `become_subreaper()` makes them ours when they do, so their CPU
time is counted once they are reaped (`reap_orphans()`).
"""

from __future__ import annotations

import ctypes
import os
import resource
import threading
import time

PR_SET_CHILD_SUBREAPER = 36
TICKS = os.sysconf("SC_CLK_TCK")
PAGE = os.sysconf("SC_PAGE_SIZE")


def become_subreaper():
    """Let orphaned descendants be re-parented to this process (best effort)."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)
    except (OSError, AttributeError):
        pass


def reap_orphans(keep=()):
    """Reap finished children that nobody waits for (not the pids in keep)."""
    while True:
        try:
            pid, _status = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return
        if pid in keep:
            return


def children_cpu():
    """CPU seconds (user + system) of every reaped descendant so far."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _stat(pid):
    try:
        with open("/proc/%d/stat" % pid, encoding="ascii", errors="replace") as handle:
            fields = handle.read().rsplit(")", 1)[1].split()
    except OSError:
        return None
    # fields[0] is the state (field 3 of stat); ppid is field 4, utime 14, stime 15, rss 24.
    return {"ppid": int(fields[1]), "cpu": (int(fields[11]) + int(fields[12])) / TICKS, "rss": int(fields[21]) * PAGE}


def process_cpu(pid):
    """CPU seconds used so far by one live process (0.0 when it is gone)."""
    stat = _stat(pid)
    return stat["cpu"] if stat else 0.0


def tree(root, exclude=()):
    """{pid: stat} of root's live descendants, leaving out the subtrees of the pids in exclude."""
    table = {}
    for name in os.listdir("/proc"):
        if name.isdigit():
            stat = _stat(int(name))
            if stat:
                table[int(name)] = stat
    result, todo = {}, [root]
    while todo:
        parent = todo.pop()
        for pid, stat in table.items():
            if stat["ppid"] == parent and pid not in exclude and pid not in result:
                result[pid] = stat
                todo.append(pid)
    return result


class PeakMemory:
    """Samples the summed RSS of this process's descendants (minus exclude) in a thread; .peak in bytes."""

    def __init__(self, exclude=(), interval=0.25):
        self.exclude, self.interval, self.peak = set(exclude), interval, 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self):
        me = os.getpid()
        while not self._stop.is_set():
            total = sum(stat["rss"] for stat in tree(me, self.exclude).values())
            self.peak = max(self.peak, total)
            time.sleep(self.interval)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()
