# -*- coding: utf-8 -*-
# Copyright: contributors to smartlic.slp
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Capture files: read and decode them, list a folder of them, diagnose many at once, say how far a long run is.

- ``analyze_file(path)``: one capture file → one device result (pipeline.analyze_text's, or an unusable result
  saying why the file could not be read: missing, binary, empty, larger than MAX_CAPTURE_BYTES);
- ``analyze_files(paths, workers)``: many files in a process pool sized to the CPUs, results in input order;
- ``diagnose_folder(params)``: the task result of smart_license_captures (its module and its action plugin);
- ``ProgressLine``: the progress line of a long run.

The diagnosis itself is pipeline.py's. Pure Python stdlib.
"""

from __future__ import annotations

import fnmatch
import os
import time
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from ansible_collections.smartlic.slp.plugins.module_utils import capture, report
from ansible_collections.smartlic.slp.plugins.module_utils.module_specs import clean_intended, read_slac
from ansible_collections.smartlic.slp.plugins.module_utils.pipeline import build_result, unusable_result

# Bytes read from a capture file; the rest of a larger file is left out with a warning, and the output the cut
# falls in is reported as truncated. A device's licensing capture is well under 1 MiB; reading costs about 1 to 4
# CPU seconds and about 12 MiB of memory per MiB (docs/reliability.md), so 8 MiB keeps one file under about 30 s.
MAX_CAPTURE_BYTES = 8 * 1024 * 1024


def decode_capture(data):
    """(text, problem) of a capture file's bytes: problem is a reason when the bytes are not text."""
    if not data:
        return "", "the file is empty"
    head = data[:65536]
    if b"\x00" in head and not (head.startswith(b"\xff\xfe") or head.startswith(b"\xfe\xff")):
        return "", "the file is binary, not text"
    for encoding in ("utf-8-sig", "utf-16") if head.startswith((b"\xff\xfe", b"\xfe\xff")) else ("utf-8-sig",):
        try:
            return data.decode(encoding), None
        except UnicodeDecodeError:
            continue
    text = data.decode("utf-8", errors="replace")
    bad = text[:65536].count("\ufffd")
    if bad > max(16, len(head) // 20):
        return "", "the file is binary, not text (%d undecodable bytes at its start)" % bad
    return text, None


def file_stem(path):
    """The capture file name without its last extension ('r1.txt' → 'r1', 'r1' → 'r1')."""
    base = os.path.basename(str(path).rstrip("/"))
    stem = base.rsplit(".", 1)[0] if "." in base.lstrip(".") else base
    return stem or base


def analyze_file(path, platform=None, intended=None, slac_text=None, diagnose=True):
    """A device result from one capture file; a file that cannot be read or holds no usable output says why."""
    name = file_stem(path)
    warnings = []
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_CAPTURE_BYTES + 1)
    except OSError as error:
        return unusable_result(name, path, "the file could not be read: %s" % (error.strerror or error))
    cut = len(data) > MAX_CAPTURE_BYTES
    limit_mib = MAX_CAPTURE_BYTES // (1024 * 1024)
    if cut:
        data = data[:MAX_CAPTURE_BYTES]
        warnings.append("the file is larger than %d MiB: only its first %d MiB were read, outputs after that are missing "
                        "(save the licensing commands in a file of their own)" % (limit_mib, limit_mib))
    text, problem = decode_capture(data)
    if problem:
        return unusable_result(name, path, problem, warnings)
    try:
        read = capture.read_capture(text, platform)
        if cut and read.get("sections"):
            last = read["sections"][-1]
            last["truncated"] = True
            last["truncation_reasons"].append("the file was cut after %d MiB inside this output" % limit_mib)
        result = build_result(read, name=name, source=path, intended=intended, slac_text=slac_text, diagnose=diagnose,
                              extra_warnings=warnings)
    except Exception as error:  # pylint: disable=broad-except
        return unusable_result(name, path, "the capture could not be analysed: %s" % error, warnings)
    if not result["host"]:
        result["host"] = name
    return result


def list_captures(folder, patterns=None):
    """Sorted paths of the regular files of a folder (hidden files skipped), optionally filtered by glob patterns."""
    paths = []
    for entry in sorted(os.listdir(folder)):
        if entry.startswith("."):
            continue
        path = os.path.join(folder, entry)
        if not os.path.isfile(path):
            continue
        if patterns and not any(fnmatch.fnmatch(entry, pattern) for pattern in patterns):
            continue
        paths.append(path)
    return paths


def _analyze_job(job):
    path, platform, intended, slac_text, diagnose, for_reports = job
    try:
        result = analyze_file(path, platform, intended, slac_text, diagnose)
        return report.ready_device(result) if for_reports else result
    except Exception as error:  # pylint: disable=broad-except
        failed = unusable_result(file_stem(path), path, "the capture could not be analysed: %s" % error)
        return report.ready_device(failed) if for_reports else failed


def worker_count(requested, jobs):
    """Processes to use: the request, else the CPUs; never more than the jobs, at least 1."""
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    wanted = requested if requested and requested > 0 else cpus
    return max(1, min(wanted, jobs))


def analyze_files(paths, platform=None, intended=None, slac_text=None, diagnose=True, workers=None, progress=None, for_reports=False):
    """Device results of many capture files, in input order, in a process pool sized to the CPUs.

    ``for_reports``: each result comes as a report.ReadyDevice instead (its report text made in the pool too, and
    no facts or messages to carry back). ``progress(done, total)`` is called as results arrive. Falls back to one
    process when a pool cannot be started. Returns (results, workers used).
    """
    jobs = [(path, platform, intended, slac_text, diagnose, for_reports) for path in paths]
    count = worker_count(workers, len(jobs))
    results = []
    if count > 1:
        # Files go to the workers in small batches (one message per batch, not per file), results come back in order.
        batch = max(1, min(16, len(jobs) // (count * 8)))
        try:
            with ProcessPoolExecutor(max_workers=count) as pool:
                for result in pool.map(_analyze_job, jobs, chunksize=batch):
                    results.append(result)
                    if progress:
                        progress(len(results), len(jobs))
            return results, count
        except (OSError, ImportError, BrokenProcessPool, NotImplementedError):
            # No process pool here (no /dev/shm, a sandbox): finish in this process.
            count = 1
    for job in jobs[len(results):]:
        results.append(_analyze_job(job))
        if progress:
            progress(len(results), len(jobs))
    return results, 1


# ------------------------------------------------------------------ a folder of captures (smart_license_captures)

class FolderError(Exception):
    """A folder of captures that cannot be diagnosed at all (the task fails with this message)."""


def diagnose_folder(params, check_mode=False, progress=None):
    """(task result, warnings) of smart_license_captures for validated ``params``; raises FolderError.

    ``progress(done, total)`` is called as files are diagnosed.
    """
    if not os.path.isdir(params["path"]):
        raise FolderError("%s is not a folder" % params["path"])
    slac_text, slac_error = read_slac(params["slac_file"], params["slac_text"])
    if slac_error:
        raise FolderError(slac_error)
    try:
        paths = list_captures(params["path"], params["patterns"])
    except OSError as error:
        raise FolderError("the folder %s could not be listed: %s" % (params["path"], error)) from error
    if params["return_facts"] and not params["return_devices"]:
        raise FolderError("return_facts needs return_devices: the facts are returned in devices")
    warnings = [] if paths else ["no capture file found in %s" % params["path"]]
    writing = bool(params["report_dir"]) and not check_mode
    results, workers = analyze_files(paths, platform=params["platform"], intended=clean_intended(params["intended"]), slac_text=slac_text,
                                     diagnose=params["diagnose"], workers=params["workers"], progress=progress,
                                     for_reports=writing and not params["return_facts"])
    output = {"changed": False, "files": [], "workers": workers}
    if writing:
        try:
            written = report.write_reports(params["report_dir"], results, title=params["title"])
        except OSError as error:
            raise FolderError("the reports could not be written to %s: %s" % (params["report_dir"], error)) from error
        output.update(changed=written["changed"], files=written["files"], summary=written["summary"])
        warnings.extend(written["warnings"])
    else:
        normalized = [report.normalize_device(result) for result in results]
        names, _warnings = report.assign_file_names(normalized)
        output["summary"] = report.fleet_summary(normalized, names, title=params["title"])
        if params["report_dir"]:
            output["files"] = [os.path.join(params["report_dir"], name) for name in names.values()] + [
                os.path.join(params["report_dir"], name) for name in (report.FLEET_JSON, report.FLEET_MARKDOWN, report.FLEET_HTML)]
            warnings.append("check mode: the reports were not written")
    if params["return_devices"]:
        output["devices"] = results if params["return_facts"] else [
            item.result if isinstance(item, report.ReadyDevice) else report.brief(item) for item in results]
    return output, warnings


class ProgressLine:
    """``progress(done, total)`` for analyze_files that says how far a long run is, at most every ``interval`` seconds.

    ``say(line)`` prints; nothing is said for a run that ends within the first interval. ``clock`` is for tests.
    """

    def __init__(self, say, interval=5.0, clock=None):
        self.say = say
        self.interval = max(0.0, float(interval))
        self.clock = clock or time.monotonic
        self.started = self.last = self.clock()
        self.said = 0

    def __call__(self, done, total):
        now = self.clock()
        if now - self.last < self.interval and not (done == total and self.said):
            return
        rate = done / max(now - self.started, 1e-9)
        shown = ("%.0f" if rate >= 10 else "%.1f") % rate
        self.say("%d/%d capture files diagnosed (%d%%, %s per second)" % (done, total, 100 * done // max(total, 1), shown))
        self.last = now
        self.said += 1
