# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Scale benchmark of the lab alone (no Ansible): many devices in one lab process.

  python -m tests.lab.bench_ssh --devices 500 --concurrency 50

Starts the devices (half IOS XE, half NX-OS) in one `python -m tests.lab serve`
process, then an asyncssh client logs in to every device (at most
--concurrency at a time), measures the connection set-up (TCP + SSH + login
+ shell until the first prompt) and the round trip of `show license status`,
and prints median / p95 figures with the lab process CPU time and RSS.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import statistics
import sys
import tempfile
import time

import asyncssh

from tests.lab.harness import start_lab

PROMPT = re.compile(r"(?:[>#] ?|Password: )$")
TICKS = os.sysconf("SC_CLK_TCK")


def lab_process(pid):
    """CPU seconds and RSS MiB of a process (Linux /proc)."""
    with open("/proc/%d/stat" % pid, encoding="ascii") as handle:
        fields = handle.read().rsplit(")", 1)[1].split()
    cpu = (int(fields[11]) + int(fields[12])) / TICKS
    with open("/proc/%d/status" % pid, encoding="ascii") as handle:
        rss = next(int(line.split()[1]) for line in handle if line.startswith("VmRSS:")) / 1024.0
    return cpu, rss


def scenarios(count):
    return [{"platform": "ios" if index % 2 == 0 else "nxos", "hostname": "bench-%04d" % index,
             "faults": [], "valid_tokens": ["bench-token"]} for index in range(count)]


async def _read_until_prompt(stdout, timeout):
    text = ""
    while not PROMPT.search(text):
        chunk = await asyncio.wait_for(stdout.read(65536), timeout)
        if not chunk:
            raise ConnectionError("connection closed")
        text += chunk
    return text


async def one_device(variables, timeout):
    """(set-up seconds, show license status round-trip seconds, output length) for one device."""
    started = time.perf_counter()
    conn = await asyncssh.connect("127.0.0.1", variables["ansible_port"], username=variables["ansible_user"],
                                  password=variables["ansible_password"], known_hosts=None)
    try:
        process = await conn.create_process(term_type="vt100")
        await _read_until_prompt(process.stdout, timeout)
        setup = time.perf_counter() - started
        if variables.get("ansible_become"):
            process.stdin.write("enable\r")
            await _read_until_prompt(process.stdout, timeout)
            process.stdin.write(variables["ansible_become_password"] + "\r")
            await _read_until_prompt(process.stdout, timeout)
        sent = time.perf_counter()
        process.stdin.write("show license status\r")
        output = await _read_until_prompt(process.stdout, timeout)
        return setup, time.perf_counter() - sent, len(output)
    finally:
        conn.close()


async def run_clients(lab, concurrency, timeout):
    gate = asyncio.Semaphore(concurrency)
    results, failures = [], []

    async def guarded(host):
        async with gate:
            try:
                results.append(await one_device(lab.host_vars(host), timeout))
            except (OSError, asyncssh.Error, asyncio.TimeoutError, ConnectionError) as error:
                failures.append("%s: %r" % (host, error))

    await asyncio.gather(*(guarded(host) for host in lab.hosts()))
    return results, failures


def p95(values):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m tests.lab.bench_ssh", description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("--devices", type=int, default=500)
    parser.add_argument("--concurrency", type=int, default=50)
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds to wait for one answer")
    parser.add_argument("--workdir", help="keep the lab files here (default: a temporary folder)")
    options = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="lab-bench-") as temp:
        workdir = options.workdir or temp
        started = time.perf_counter()
        with start_lab(scenarios(options.devices), os.path.join(workdir, "lab"), timeout=600) as lab:
            start_seconds = time.perf_counter() - started
            cpu_ready, rss_ready = lab_process(lab.pid)
            wall = time.perf_counter()
            results, failures = asyncio.run(run_clients(lab, options.concurrency, options.timeout))
            wall = time.perf_counter() - wall
            cpu_done, rss_done = lab_process(lab.pid)
            code = lab.stop()

    print("lab bench: %d devices (%d IOS XE, %d NX-OS) in one process, client concurrency %d"
          % (options.devices, (options.devices + 1) // 2, options.devices // 2, options.concurrency))
    print("  lab start until 'lab ready': %.1f s, lab CPU %.1f s, RSS %.0f MiB" % (start_seconds, cpu_ready, rss_ready))
    if results:
        setups = [item[0] * 1000 for item in results]
        trips = [item[1] * 1000 for item in results]
        print("  connection set-up (TCP+SSH+login+shell to prompt): median %.0f ms, p95 %.0f ms"
              % (statistics.median(setups), p95(setups)))
        print("  show license status round trip: median %.1f ms, p95 %.1f ms (output %d bytes median)"
              % (statistics.median(trips), p95(trips), statistics.median(item[2] for item in results)))
    lab_cpu = cpu_done - cpu_ready
    print("  client run: %.1f s wall for %d devices; lab CPU during the run %.1f s (%.1f ms per device); "
          "lab RSS after %.0f MiB" % (wall, len(results), lab_cpu, 1000 * lab_cpu / max(len(results), 1), rss_done))
    print("  failures: %d%s; lab exit code %s" % (len(failures), (" (" + "; ".join(failures[:3]) + ")") if failures else "", code))
    return 1 if failures or code != 0 else 0


if __name__ == "__main__":
    sys.exit(main())
