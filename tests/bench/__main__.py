# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Benchmarks that print figures (`make bench`, `make bench-load`); not tests.

  python -m tests.bench                  parse, diagnose, instructions, offline, fleet (25 50 100 200)
  python -m tests.bench parse            median parse time per command over the corpus
  python -m tests.bench diagnose         CPU per device of parse + diagnose, in process
  python -m tests.bench instructions     the same work counted in instructions by valgrind (repeatable on a busy machine)
  python -m tests.bench offline          offline diagnosis throughput on 1,000 captures
  python -m tests.bench fleet --sizes 25 50   diagnose playbook vs a bare ios_command/nxos_command gather, on the lab
  python -m tests.bench load             200 devices diagnosed and remediated in one run; reports complete, memory
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import platform as host_platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

from tests import collection_path  # noqa: F401  pylint: disable=unused-import
from tests.bench import procstat
from tests.playbook_runner import ROOT, run_playbook

from ansible_collections.smartlic.slp.plugins.module_utils import capture_files, gather, pipeline, report
from ansible_collections.smartlic.slp.plugins.module_utils.parsers import registry

SHARED_CORPUS = os.path.join(os.path.dirname(ROOT), "shared", "corpus")
CAPTURE_DIRS = [os.path.join(ROOT, "tests", "integration", "fixtures", "captures"),
                os.path.join(ROOT, "tests", "unit", "plugins", "module_utils", "rules", "fixtures")]
# Corpus folder names that are not the command spelled with underscores.
FOLDER_COMMANDS = {"ping": "ping 192.0.2.1"}
FAULT_MIX = ["clock_not_synchronized", "transport_url_incorrect", "dns_not_configured", "trust_code_missing",
             "report_ack_overdue", None]


def say(line=""):
    print(line, flush=True)


def machine():
    return "%s, %d CPUs, Python %s" % (host_platform.platform(terse=True), os.cpu_count() or 0, host_platform.python_version())


def median_ms(samples):
    return statistics.median(samples) * 1000.0


# -- parse -----------------------------------------------------------------------------------------------------------

def corpus_files():
    """(command, platform, text) for every raw output of the shared corpus (or of our fixture copies without it)."""
    fixtures = os.path.join(ROOT, "tests", "unit", "plugins", "module_utils", "parsers", "fixtures")
    roots = [SHARED_CORPUS] if os.path.isdir(SHARED_CORPUS) else [fixtures]
    items = []
    for root in roots:
        for path in sorted(glob.glob(os.path.join(root, "*", "*", "*.txt"))):
            folder = os.path.basename(os.path.dirname(path))
            osname = os.path.basename(os.path.dirname(os.path.dirname(path)))
            command = FOLDER_COMMANDS.get(folder, folder.replace("_", " "))
            with open(path, "rb") as handle:
                text = handle.read().decode("utf-8", "replace")
            items.append((command, "nxos" if osname == "nxos" else "ios", text))
    return items


def bench_parse(repeat=20):
    items = [item for item in corpus_files() if registry.parser_name(registry.canonical_command(item[0], item[1]))]
    by_command = {}
    for command, platform, text in items:
        samples = []
        for _round in range(repeat):
            started = time.perf_counter()
            registry.parse_output(command, text, platform)
            samples.append(time.perf_counter() - started)
        by_command.setdefault(registry.canonical_command(command, platform), []).append(statistics.median(samples))
    say("## Parse time per command (median over the corpus files, %d runs each)" % repeat)
    say("| command | files | median ms | max ms |")
    say("| --- | ---: | ---: | ---: |")
    for command in sorted(by_command):
        times = by_command[command]
        say("| %s | %d | %.3f | %.3f |" % (command, len(times), median_ms(times), max(times) * 1000))
    say()
    return by_command


# -- diagnose in process ----------------------------------------------------------------------------------------------

def capture_texts():
    texts = []
    for folder in CAPTURE_DIRS:
        for path in sorted(glob.glob(os.path.join(folder, "*.txt")) + glob.glob(os.path.join(folder, "*.log"))):
            with open(path, "rb") as handle:
                texts.append((os.path.basename(path), handle.read().decode("utf-8", "replace")))
    return texts


def lab_outputs(names=None):
    """[(scenario name, platform, [(command, output)])]: what live gathering reads from each lab scenario (or the named ones), made in process."""
    from datetime import datetime, timezone  # pylint: disable=import-outside-toplevel
    import yaml  # pylint: disable=import-outside-toplevel
    from tests.lab.config_tree import ConfigTree  # pylint: disable=import-outside-toplevel
    from tests.lab.license_model import LicenseModel  # pylint: disable=import-outside-toplevel

    items = []
    for path in sorted(glob.glob(os.path.join(ROOT, "tests", "lab", "scenarios", "*.yml"))):
        if names and os.path.basename(path) not in names:
            continue
        with open(path, encoding="utf-8") as handle:
            scenario = yaml.safe_load(handle)
        platform = scenario["platform"]
        model = LicenseModel(platform, scenario["hostname"], scenario, lambda: datetime.now(timezone.utc))
        config = ConfigTree(platform, model.initial_config())
        outputs = []
        for command in gather.commands_for(platform):
            text = config.render() if command == "show running-config" else model.handle(command, config)
            outputs.append((command, text or ""))
        items.append((os.path.basename(path), platform, outputs))
    return items


def per_device_cpu(jobs, repeat):
    """(median, fastest) CPU seconds of each job (a callable) over repeat runs."""
    medians, fastest = [], []
    for job in jobs:
        samples = []
        for _round in range(repeat):
            started = time.process_time()
            job()
            samples.append(time.process_time() - started)
        medians.append(statistics.median(samples))
        fastest.append(min(samples))
    return medians, fastest


def spread_fastest_cpu(jobs, passes):
    """The fastest of ``passes`` runs of each job (a callable), in CPU seconds, each pass running every job once.

    A device's runs are then spread over the whole measurement instead of following each other, so that a slow
    spell of the machine shorter than the measurement cannot slow all of them.
    """
    fastest = [float("inf")] * len(jobs)
    for _pass in range(passes):
        for number, job in enumerate(jobs):
            started = time.process_time()
            job()
            fastest[number] = min(fastest[number], time.process_time() - started)
    return fastest


def bench_diagnose(repeat=10, passes=20):
    """Per device: the median of its runs, its fastest run, and its fastest run when its runs are spread out.

    The fastest run is what the code costs when nothing else on the machine gets in the way (timeit's advice);
    the median run shows what a shared machine gave at the time. Ten runs in a row last a few milliseconds, so
    a slow spell of the machine can slow all of them: the last column spreads each device's runs over passes
    through all the devices (a second or two). The target applies to the median over devices.
    """
    say("## Parse + diagnose CPU per device (in process, %d runs of each device in a row, then %d passes over all devices; "
        "target: median under 2 ms)" % (repeat, passes))
    say("| input | devices | median ms (each device's median run) | median ms (each device's fastest run) | p90 ms | max ms "
        "| median ms (each device's fastest run, runs spread over the passes) |")
    say("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    figures = {}
    jobs = {
        "live gather of the lab scenarios (the show commands smart_license_facts runs)": diagnose_inputs("live"),
        "capture files (corpus-built, many with show license tech support)": diagnose_inputs("files"),
    }
    for label, callables in jobs.items():
        times, fastest = per_device_cpu(callables, repeat)
        spread = spread_fastest_cpu(callables, passes)
        figures[label] = times
        p90 = statistics.quantiles(times, n=10)[-1] * 1000
        row = (label, len(times), median_ms(times), median_ms(fastest), p90, max(times) * 1000, median_ms(spread))
        say("| %s | %d | %.2f | %.2f | %.2f | %.2f | %.2f |" % row)
    say()
    return figures


def diagnose_inputs(which, scenarios=None):
    """The callables bench_diagnose times for one input: 'live' (lab scenarios, all or the named ones) or 'files' (capture files)."""
    if which == "live":
        return [lambda outputs=outputs, platform=platform: pipeline.analyze_outputs(outputs, platform)
                for _name, platform, outputs in lab_outputs(scenarios)]
    return [lambda text=text: pipeline.analyze_text(text) for _name, text in capture_texts()]


def run_rounds(which, rounds, scenarios=None):
    """Every device of an input once (warming caches and imports), then `rounds` more times: what callgrind counts."""
    jobs = diagnose_inputs(which, scenarios)
    for _round in range(rounds + 1):
        for job in jobs:
            job()


def bench_instructions():
    """Instructions per device of parse + diagnose, counted by valgrind: the same figure on a busy machine or an idle one.

    A fixed hash seed keeps set and dict orders, and so the count, the same from run to run (within 1 %: the lab
    outputs print the time of the run).
    """
    if not shutil.which("valgrind"):
        say("## Instructions per device: valgrind is not installed; skipped")
        say()
        return None
    say("## Parse + diagnose instructions per device (valgrind callgrind; repeatable whatever else the machine does)")
    say("| input | devices | mean M instructions per device |")
    say("| --- | ---: | ---: |")
    figures = {}
    for which, label in (("live", "live gather of the lab scenarios"), ("files", "capture files")):
        totals = []
        for rounds in (0, 2):
            with tempfile.TemporaryDirectory(prefix="slp-callgrind-") as work:
                done = subprocess.run(
                    ["valgrind", "--tool=callgrind", "--callgrind-out-file=%s" % os.path.join(work, "out"), sys.executable, "-m", "tests.bench",
                     "rounds", "--input", which, "--rounds", str(rounds)],
                    cwd=ROOT, capture_output=True, text=True, check=False, env=dict(os.environ, PYTHONHASHSEED="0"))
            found = re.search(r"Collected : (\d+)", done.stderr)
            if done.returncode != 0 or not found:
                say("| %s | - | valgrind failed (exit %d) |" % (label, done.returncode))
                break
            totals.append(int(found.group(1)))
        else:
            devices = len(diagnose_inputs(which))
            figures[which] = (totals[1] - totals[0]) / 2.0 / devices
            say("| %s | %d | %.1f |" % (label, devices, figures[which] / 1e6))
    say()
    return figures


# -- offline throughput -----------------------------------------------------------------------------------------------

def make_capture_dir(folder, count):
    texts = capture_texts()
    os.makedirs(folder, exist_ok=True)
    for index in range(count):
        name, text = texts[index % len(texts)]
        with open(os.path.join(folder, "%04d-%s" % (index, name)), "w", encoding="utf-8") as handle:
            handle.write(text)
    return sorted(glob.glob(os.path.join(folder, "*")))


def timeline_env(path):
    """Environment for run_playbook that writes the controller CPU of each task to path (callbacks/bench_timeline.py)."""
    return {"ANSIBLE_CALLBACK_PLUGINS": os.path.join(os.path.dirname(os.path.abspath(__file__)), "callbacks"),
            "ANSIBLE_CALLBACKS_ENABLED": "bench_timeline", "SLP_BENCH_TIMELINE": path}


def task_cpu(path):
    """{task name: [wall s, playbook CPU s, workers CPU s]} from a bench_timeline file, tasks of the same name added up."""
    tasks = {}
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            sums = tasks.setdefault(row["task"] or "end of the run", [0.0, 0.0, 0.0])
            for index, key in enumerate(("wall", "playbook_cpu", "workers_cpu")):
                sums[index] += row[key]
    return tasks


def say_task_cpu(title, runs):
    """A table of each task's controller CPU, the median over runs ({label: timeline path})."""
    tables = {label: task_cpu(path) for label, path in runs.items() if os.path.exists(path)}
    if not tables:
        return
    names = []
    for table in tables.values():
        names += [name for name in table if name not in names]
    say(title)
    say("| task | " + " | ".join("%s: playbook CPU s | %s: workers CPU s" % (label, label) for label in tables) + " |")
    say("| --- |" + " ---: | ---: |" * len(tables))
    for name in names:
        cells = []
        for table in tables.values():
            values = table.get(name)
            cells += ["%.2f" % values[1], "%.2f" % values[2]] if values else ["", ""]
        say("| %s | %s |" % (name[:90], " | ".join(cells)))
    say()


def playbook_cpu_run(work, captures, reports, timeline=None):
    """One offline diagnose run: (wall s, CPU s of ansible-playbook and every process it started, rc)."""
    before, started = procstat.children_cpu(), time.perf_counter()
    run = run_playbook(work, "smartlic.slp.diagnose", "-e", "smartlic_capture_dir=%s" % captures, "-e", "smartlic_report_dir=%s" % reports,
                       timeout=1800, env=timeline_env(timeline) if timeline else None)
    wall = time.perf_counter() - started
    shutil.rmtree(reports, ignore_errors=True)
    return wall, procstat.children_cpu() - before, run.returncode


def bench_offline(count=1000, repeat=3):
    """Offline diagnosis of ``count`` capture files: in process, then through ansible-playbook beyond its start-up.

    The start-up is the same playbook over one capture file, run alternately with the full folder: captures per
    second beyond start-up = (count - 1) / (full wall - one-file wall), each pair measured back to back.
    """
    work = tempfile.mkdtemp(prefix="slp-bench-offline-")
    try:
        paths = make_capture_dir(os.path.join(work, "captures"), count)
        make_capture_dir(os.path.join(work, "one"), 1)
        say("## Offline diagnosis throughput (%d captures)" % count)
        say("| step (in process) | wall s | CPU s of this process | captures/s |")
        say("| --- | ---: | ---: | ---: |")
        results = None
        for workers in (1, 2):
            started, cpu = time.perf_counter(), time.process_time()
            results, used = capture_files.analyze_files(paths, workers=workers)
            wall = time.perf_counter() - started
            assert len(results) == count
            say("| analyze_files, %d worker(s) | %.2f | %.2f | %.0f |" % (used, wall, time.process_time() - cpu, count / wall))
        out = os.path.join(work, "in-process-reports")
        started, cpu = time.perf_counter(), time.process_time()
        report.write_reports(out, results)
        say("| report.write_reports (%d device JSON files, fleet JSON, Markdown, HTML) | %.2f | %.2f | |" % (
            count, time.perf_counter() - started, time.process_time() - cpu))
        shutil.rmtree(out, ignore_errors=True)
        say()
        say("| run | load average | one capture: wall s | CPU s | %d captures: wall s | CPU s | CPU s beyond start-up "
            "| captures/s beyond start-up | rc |" % count)
        say("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
        rates = []
        for number in range(1, repeat + 1):
            timeline = os.path.join(work, "timeline-%d" % number)
            load = os.getloadavg()[0]
            one = playbook_cpu_run(work, os.path.join(work, "one"), os.path.join(work, "reports"))
            full = playbook_cpu_run(work, os.path.join(work, "captures"), os.path.join(work, "reports"), timeline)
            # A busy machine can make the one-file run the slower one: no rate then, rather than a nonsense one.
            rate = (count - 1) / (full[0] - one[0]) if full[0] > one[0] else None
            if rate is not None:
                rates.append(rate)
            say("| %d | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f | %s | %d |" % (
                number, load, one[0], one[1], full[0], full[1], full[1] - one[1], "%.0f" % rate if rate else "-", max(one[2], full[2])))
        say("median %s captures/s beyond start-up (target: at least 400; wall time, judged only on a quiet machine: load "
            "average under 1.5)" % ("%.0f" % statistics.median(rates) if rates else "-"))
        say()
        say_task_cpu("Controller CPU per task of the last %d-capture run (playbook = ansible-playbook itself, workers = its task "
                     "processes and the analysis pool):" % count, {"diagnose": os.path.join(work, "timeline-%d" % repeat)})
    finally:
        shutil.rmtree(work, ignore_errors=True)


# -- fleet on the lab -------------------------------------------------------------------------------------------------

def fleet_scenarios(size):
    """Mixed IOS XE / NX-OS devices with mixed faults."""
    scenarios = []
    for index in range(size):
        platform = "ios" if index % 2 == 0 else "nxos"
        fault = FAULT_MIX[(index // 2) % len(FAULT_MIX)]
        scenarios.append({"platform": platform, "hostname": "%s-%03d" % ("rtr" if platform == "ios" else "nx", index),
                          "faults": [fault] if fault else [], "valid_tokens": ["bench-token"]})
    return scenarios


def bare_playbook(path):
    """A playbook that only gathers the same show commands with ios_command / nxos_command.

    It gets the same connection settings as the diagnose task (buffer read timeout, the narrowed CLI error
    patterns): without them the platform defaults fail some healthy devices on licensing text.
    """
    import yaml  # pylint: disable=import-outside-toplevel

    with open(os.path.join(ROOT, "roles", "diagnose", "vars", "main.yml"), encoding="utf-8") as handle:
        stderr_re = yaml.safe_load(handle)["__diagnose_stderr_re"]
    lines = ["---", "- name: Bare gather", "  hosts: all", "  gather_facts: false",
             "  vars:", "    ansible_buffer_read_timeout: 0.5", "    ansible_terminal_stderr_re: %s" % json.dumps(stderr_re), "  tasks:"]
    for platform, module in (("ios", "cisco.ios.ios_command"), ("nxos", "cisco.nxos.nxos_command")):
        lines += ["    - name: Gather (%s)" % platform, "      %s:" % module, "        commands:"]
        lines += ["          - %s" % json.dumps(command) for command in gather.commands_for(platform)]
        lines += ["      when: ansible_network_os == %s" % json.dumps("cisco.%s.%s" % (platform, platform))]
    with open(path, "w", encoding="utf-8") as handle:
        handle.write("\n".join(lines) + "\n")
    return path


def measured_run(work, lab, playbook, *args, timeline=None):
    """Run a playbook; return wall s, controller CPU s, peak controller RSS MiB, lab CPU s, rc (timeline: see timeline_env)."""
    procstat.reap_orphans(keep=(lab.pid,))
    cpu_before, lab_before = procstat.children_cpu(), procstat.process_cpu(lab.pid)
    started = time.perf_counter()
    with procstat.PeakMemory(exclude=(lab.pid,)) as memory:
        run = run_playbook(work, playbook, *args, timeout=7200, env=timeline_env(timeline) if timeline else None)
    wall = time.perf_counter() - started
    time.sleep(0.5)
    procstat.reap_orphans(keep=(lab.pid,))
    return {"wall": wall, "cpu": procstat.children_cpu() - cpu_before, "rss": memory.peak / 2 ** 20,
            "lab_cpu": procstat.process_cpu(lab.pid) - lab_before, "rc": run.returncode,
            "failed": sum(1 for line in run.stdout.splitlines() if " : ok=" in line and "failed=0" not in line)}


def bench_fleet(sizes, forks, rounds):
    from tests.lab.harness import start_lab  # pylint: disable=import-outside-toplevel

    procstat.become_subreaper()
    say("## Fleet: smartlic.slp.diagnose vs a bare ios_command/nxos_command gather (forks %d, %d round(s), alternating)"
        % (forks, rounds))
    say("| devices | playbook | wall s | controller CPU s | peak RSS MiB | lab CPU s | failed hosts |")
    say("| ---: | --- | ---: | ---: | ---: | ---: | ---: |")
    summary = []
    for size in sizes:
        work = tempfile.mkdtemp(prefix="slp-bench-fleet-")
        try:
            bare = bare_playbook(os.path.join(work, "bare.yml"))
            with start_lab(fleet_scenarios(size), os.path.join(work, "lab")) as lab:
                common = ("-i", lab.inventory, "--forks=%d" % forks)
                figures = {"diagnose": [], "bare": []}
                timelines = {name: os.path.join(work, "timeline-%s" % name) for name in ("bare", "diagnose")}
                for round_index in range(rounds):
                    order = ("bare", "diagnose") if round_index % 2 == 0 else ("diagnose", "bare")
                    for name in order:
                        # The CPU per task of the last round's runs (the callback costs a few milliseconds per task).
                        timeline = timelines[name] if round_index == rounds - 1 else None
                        if name == "bare":
                            figures[name].append(measured_run(work, lab, bare, *common, timeline=timeline))
                        else:
                            figures[name].append(measured_run(work, lab, "smartlic.slp.diagnose", *common, "-e",
                                                              "smartlic_report_dir=%s" % os.path.join(work, "reports"), timeline=timeline))
                for name in ("bare", "diagnose"):
                    runs = figures[name]
                    say("| %d | %s | %.1f | %.1f | %.0f | %.1f | %d |" % (
                        size, name, statistics.median(r["wall"] for r in runs), statistics.median(r["cpu"] for r in runs),
                        max(r["rss"] for r in runs), statistics.median(r["lab_cpu"] for r in runs), max(r["failed"] for r in runs)))
                ratio = statistics.median(r["wall"] for r in figures["diagnose"]) / statistics.median(r["wall"] for r in figures["bare"])
                cpu_ratio = statistics.median(r["cpu"] for r in figures["diagnose"]) / statistics.median(r["cpu"] for r in figures["bare"])
                summary.append((size, ratio, cpu_ratio, statistics.median(r["wall"] for r in figures["diagnose"])))
                say()
                say_task_cpu("Controller CPU per task at %d devices, last round (the connection processes are not in it):" % size, timelines)
        finally:
            shutil.rmtree(work, ignore_errors=True)
    say()
    say("| devices | wall ratio diagnose/bare | CPU ratio | diagnose wall s per device |")
    say("| ---: | ---: | ---: | ---: |")
    for size, ratio, cpu_ratio, wall in summary:
        say("| %d | %.2f | %.2f | %.2f |" % (size, ratio, cpu_ratio, wall / size))
    say("(targets at 100 devices: wall ratio at most 1.0, CPU ratio at most 1.15)")
    say()
    return summary


def bench_load(size, forks):
    from tests.lab.harness import start_lab  # pylint: disable=import-outside-toplevel

    procstat.become_subreaper()
    work = tempfile.mkdtemp(prefix="slp-bench-load-")
    problems = []
    try:
        with start_lab(fleet_scenarios(size), os.path.join(work, "lab")) as lab:
            common = ("-i", lab.inventory, "--forks=%d" % forks)
            say("## Load: %d devices in one run (forks %d)" % (size, forks))
            for title, playbook, report_dir in (("diagnose", "smartlic.slp.diagnose", "before"),
                                                ("remediate", "smartlic.slp.remediate", "remediation")):
                out = os.path.join(work, report_dir)
                figures = measured_run(work, lab, playbook, *common, "-e", "smartlic_report_dir=%s" % out)
                reports = len([name for name in glob.glob(os.path.join(out, "**", "*.json"), recursive=True)
                               if not os.path.basename(name).startswith(("fleet-", "summary"))])
                values = (title, figures["rc"], figures["wall"], figures["cpu"], figures["rss"], figures["lab_cpu"], figures["failed"], reports)
                say("%-9s rc=%d wall %.0f s, controller CPU %.0f s, peak controller RSS %.0f MiB, lab CPU %.0f s, "
                    "failed hosts %d, device reports %d" % values)
                if figures["failed"]:
                    problems.append("%s: %d host(s) failed" % (title, figures["failed"]))
                if title == "diagnose" and reports < size:
                    problems.append("diagnose wrote %d of %d device reports" % (reports, size))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    for problem in problems:
        say("PROBLEM: " + problem)
    return not problems


def main(argv=None):
    parser = argparse.ArgumentParser(description="smartlic.slp benchmarks (print figures)")
    parser.add_argument("what", nargs="?", default="all", choices=["all", "parse", "diagnose", "instructions", "offline", "fleet", "load", "rounds"])
    parser.add_argument("--sizes", type=int, nargs="+", default=[25, 50, 100, 200])
    parser.add_argument("--forks", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--captures", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3, help="offline: playbook runs of each kind")
    parser.add_argument("--input", choices=["live", "files"], default="live", help=argparse.SUPPRESS)
    parser.add_argument("--scenarios", nargs="+", help="rounds: only these lab scenario files (e.g. those of an older commit, to compare like for like)")
    options = parser.parse_args(argv)
    if options.what == "rounds":
        # Run under valgrind by bench_instructions: no output, only the work.
        run_rounds(options.input, options.rounds, options.scenarios)
        return 0
    say("# smartlic.slp benchmarks — %s" % machine())
    say()
    ok = True
    if options.what in ("all", "parse"):
        bench_parse()
    if options.what in ("all", "diagnose"):
        bench_diagnose()
    if options.what in ("all", "instructions"):
        bench_instructions()
    if options.what in ("all", "offline"):
        bench_offline(options.captures, options.repeat)
    if options.what in ("all", "fleet"):
        bench_fleet(options.sizes, options.forks, options.rounds)
    if options.what == "load":
        ok = bench_load(200 if options.sizes == [25, 50, 100, 200] else options.sizes[0], options.forks)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
