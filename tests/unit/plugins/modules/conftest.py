"""Shared helpers for the EXEC-command module tests: real fixtures, a fake device, a fake clock."""
from __future__ import annotations

import json
import os
import re
import time

import pytest
from ansible.module_utils.testing import patch_module_args

FIXTURES = os.path.join(os.path.dirname(__file__), "fixtures")
_ECHO = re.compile(r"^\S+#\s*\S")


def fixture(name):
    """A fixture's text without the first line when it echoes the prompt and command (network_cli strips it)."""
    with open(os.path.join(FIXTURES, name), encoding="utf-8") as handle:
        lines = handle.read().splitlines()
    if lines and _ECHO.match(lines[0].strip()):
        lines = lines[1:]
    return "\n".join(lines) + "\n"


class FakeDevice:
    """Answers commands from a table of outputs, like a device that changes when an EXEC command is sent.

    ``reactions`` maps a command prefix to the outputs that change once it is sent; the change shows after
    ``delay`` further reads. ``replies`` maps a command prefix to its immediate answer (default empty).
    """

    def __init__(self, outputs, reactions=None, replies=None, delay=0):
        self.outputs = dict(outputs)
        self.reactions = dict(reactions or {})
        self.replies = dict(replies or {})
        self.delay = delay
        self.sent = []
        self._pending = None
        self._reads_left = 0

    def run(self, command):
        self.sent.append(command)
        for prefix, change in self.reactions.items():
            if command.startswith(prefix):
                self._pending, self._reads_left = change, self.delay
                break
        else:
            if self._pending is not None:
                if self._reads_left == 0:
                    self.outputs.update(self._pending)
                    self._pending = None
                else:
                    self._reads_left -= 1
        for prefix, reply in self.replies.items():
            if command.startswith(prefix):
                return reply
        return self.outputs.get(command, "")

    def exec_commands(self):
        """Commands sent that are neither show, dir nor more (the ones check mode must never send)."""
        return [command for command in self.sent if not command.startswith(("show ", "dir ", "more "))]


@pytest.fixture
def fake_clock(monkeypatch):
    """time.sleep advances a fake monotonic clock instead of waiting."""
    now = [1000.0]
    monkeypatch.setattr(time, "sleep", lambda seconds: now.__setitem__(0, now[0] + seconds))
    monkeypatch.setattr(time, "monotonic", lambda: now[0])
    return now


@pytest.fixture
def run_module(capsys, monkeypatch):
    """Run a module's main() with args against a FakeDevice; returns the parsed JSON result."""

    def runner(module, worker_class, args, device, check_mode=False, diff=False, platform="ios"):
        monkeypatch.setattr(worker_class, "run_command", lambda self, command: device.run(command))
        monkeypatch.setattr(worker_class, "platform", lambda self: platform)
        full = dict(args, _ansible_check_mode=check_mode, _ansible_diff=diff)
        with patch_module_args(full):
            with pytest.raises(SystemExit):
                module.main()
        out = capsys.readouterr().out
        return json.loads(out), out

    return runner
