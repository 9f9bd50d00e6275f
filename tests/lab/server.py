# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""SSH front end of the lab: one asyncssh listener per simulated device, all in one asyncio loop.

Listeners bind 127.0.0.1 only, on a port the system picks. A login is a
password login with a PTY and an interactive shell; each typed line (CR, LF
or CRLF ends it) is echoed, except a password, and answered with the
device's output and next prompt in one write. Lab faults of the scenario
(`lab_faults`) apply per device: refuse logins, delay answers, drop the
connection in the middle of a command after N commands of a connection,
reload the device (once) when it receives a matching command.
"""

from __future__ import annotations

import asyncio
import json
import os
import re

import asyncssh
from asyncssh.stream import SSHServerStreamSession

from tests.lab.cli import Device

ALLOWED_HOSTS = ("127.0.0.1",)
_ENTER = re.compile(r"\r\n|\r|\n")
_FS_PREFIX = re.compile(rb"^[A-Za-z][\w-]*:/?")
FAULT_KEYS = {"drop_after_commands": int, "delay_ms": int, "refuse_login": bool, "reject_commands": list,
              "reload_on_command": str}


class Faults:
    """Engine faults of one device (scenario key lab_faults)."""

    def __init__(self, spec=None):
        spec = spec or {}
        unknown = sorted(set(spec) - set(FAULT_KEYS))
        if unknown:
            raise ValueError("lab_faults: unknown key(s) %s (known: %s)" % (", ".join(unknown), ", ".join(sorted(FAULT_KEYS))))
        for key, kind in FAULT_KEYS.items():
            if key in spec and spec[key] is not None and not isinstance(spec[key], kind):
                raise ValueError("lab_faults.%s must be a %s" % (key, kind.__name__))
        for regex in spec.get("reject_commands") or []:
            try:
                re.compile(regex)
            except (re.error, TypeError) as error:
                raise ValueError("lab_faults.reject_commands: bad regex %r: %s" % (regex, error)) from error
        reload_on = spec.get("reload_on_command")
        try:
            # Once per lab run: the next connection finds the device up again, as after a real reload.
            self.reload_on = re.compile(reload_on) if reload_on else None
        except re.error as error:
            raise ValueError("lab_faults.reload_on_command: bad regex %r: %s" % (reload_on, error)) from error
        drop = spec.get("drop_after_commands")
        self.drop_after = int(drop) if drop is not None else None
        self.delay = max(int(spec.get("delay_ms") or 0), 0) / 1000.0
        self.refuse_login = bool(spec.get("refuse_login"))


class Flash:
    """STATE/<host>/flash/: the device's files, mirrored from the license model and written by SCP/SFTP."""

    def __init__(self, folder):
        self.folder = os.path.abspath(folder)
        os.makedirs(self.folder, exist_ok=True)
        self._mirrored = {}   # local name -> content last written or received

    @staticmethod
    def local_name(name):
        """flash:x, bootflash:/x or x -> x (every device file system maps to the one folder)."""
        return str(name).split(":", 1)[-1].lstrip("/")

    def export(self, device):
        """Write the model's files that changed since the last call into the folder."""
        files = (getattr(device.model, "state", None) or {}).get("files") or {}
        for name, record in files.items():
            local = self.local_name(name)
            content = str((record or {}).get("content", ""))
            if not local or "/" in local or local.startswith(".") or self._mirrored.get(local) == content:
                continue
            path = os.path.join(self.folder, local)
            with open(path + ".tmp", "w", encoding="utf-8") as handle:
                handle.write(content)
            os.replace(path + ".tmp", path)
            self._mirrored[local] = content

    def received(self, device, path):
        """A file written over SCP/SFTP: hand it to the model under every name it has there (or the default one)."""
        local = os.path.relpath(path, self.folder)
        if local.startswith("..") or "/" in local:
            return
        with open(path, encoding="utf-8", errors="replace") as handle:
            content = handle.read()
        self._mirrored[local] = content
        files = (getattr(device.model, "state", None) or {}).get("files") or {}
        names = [name for name in files if self.local_name(name) == local] or [local]
        for name in names:
            device.model.put_file(name, content)
        device.save()


class DeviceFiles:
    """STATE/<host>.json (rewritten atomically after every command), STATE/<host>.commands.log and STATE/<host>/flash/."""

    def __init__(self, state_dir, host):
        self.state_path = os.path.join(state_dir, "%s.json" % host)
        self.log_path = os.path.join(state_dir, "%s.commands.log" % host)
        self._temp = self.state_path + ".tmp"
        self.flash = Flash(os.path.join(state_dir, host, "flash"))

    def attach(self, device):
        device.on_command = self.log
        device.on_state = self.write_state
        device.flash = self.flash

    def log(self, line):
        with open(self.log_path, "a", encoding="utf-8") as handle:
            handle.write(line.replace("\n", " ") + "\n")

    def write_state(self, device):
        with open(self._temp, "w", encoding="utf-8") as handle:
            json.dump(device.to_state(), handle, indent=1, default=str)
        os.replace(self._temp, self.state_path)
        self.flash.export(device)


class _FlashSFTP(asyncssh.SFTPServer):
    """SFTP (and SCP, which asyncssh runs on top of it) chrooted to the device's flash folder."""

    def __init__(self, chan, device, flash):
        super().__init__(chan, chroot=flash.folder.encode())
        self._device = device
        self._flash = flash
        self._writing = {}

    def map_path(self, path):
        return super().map_path(_FS_PREFIX.sub(b"", path))

    # A missing file answers "No such file or directory" without the local path (what net_get/net_put look for).
    def stat(self, path):
        try:
            return super().stat(path)
        except FileNotFoundError as error:
            raise asyncssh.SFTPNoSuchFile("No such file or directory") from error

    def lstat(self, path):
        try:
            return super().lstat(path)
        except FileNotFoundError as error:
            raise asyncssh.SFTPNoSuchFile("No such file or directory") from error

    def open(self, path, pflags, attrs):
        try:
            file_obj = super().open(path, pflags, attrs)
        except FileNotFoundError as error:
            raise asyncssh.SFTPNoSuchFile("No such file or directory") from error
        if pflags & (asyncssh.FXF_WRITE | asyncssh.FXF_APPEND | asyncssh.FXF_CREAT | asyncssh.FXF_TRUNC):
            self._writing[id(file_obj)] = (file_obj, self.map_path(path).decode("utf-8", "replace"))
        return file_obj

    def close(self, file_obj):
        super().close(file_obj)
        entry = self._writing.pop(id(file_obj), None)
        if entry:
            self._flash.received(self._device, entry[1])


class _Shell(asyncssh.SSHServerSession):
    """One interactive shell on a device."""

    def __init__(self, device, faults):
        self.device = device
        self.session = device.session()
        self.faults = faults
        self.chan = None
        self.pending = ""
        self.after_cr = False
        self.count = 0
        self.queue = None
        self.worker = None

    def connection_made(self, chan):
        self.chan = chan

    def pty_requested(self, term_type, term_size, term_modes):
        return True

    def shell_requested(self):
        return True

    def exec_requested(self, command):
        return False

    def subsystem_requested(self, subsystem):
        return False

    def session_started(self):
        self.chan.write(self.session.start())

    def data_received(self, data, datatype):
        if self.after_cr and data.startswith("\n"):
            data = data[1:]
        self.after_cr = data.endswith("\r")
        parts = _ENTER.split(self.pending + data)
        self.pending = parts.pop()
        for line in parts:
            if self.faults.delay:
                self._enqueue(line)
            else:
                self._answer(line)
            if self.chan is None:
                return

    def _enqueue(self, line):
        if self.queue is None:
            self.queue = asyncio.Queue()
            self.worker = asyncio.get_running_loop().create_task(self._work())
        self.queue.put_nowait(line)

    async def _work(self):
        while True:
            line = await self.queue.get()
            await asyncio.sleep(self.faults.delay)
            if self.chan is None:
                return
            self._answer(line)

    @staticmethod
    def _clean(line):
        out = []
        for char in line:
            if char in "\x7f\b":
                if out:
                    out.pop()
            elif char >= " " or char in "\t\x1a":
                out.append(char)
        return "".join(out)

    def _answer(self, line):
        chan = self.chan
        if chan is None:
            return
        line = self._clean(line)
        echo = line if self.session.echo else ""
        if line.strip():
            self.count += 1
        if self.faults.reload_on is not None and self.faults.reload_on.search(line):
            self.faults.reload_on = None
            self.device.record(line)
            self.device.reload()
            chan.write(echo)
            self._drop()
            return
        answer = echo + self.session.feed(line)
        if self.faults.drop_after is not None and self.count > self.faults.drop_after:
            chan.write(answer[:max(len(echo) + 2, len(answer) // 2)])
            self._drop()
            return
        chan.write(answer)
        if self.session.closed:
            chan.exit(0)
            self.chan = None

    def _drop(self):
        chan, self.chan = self.chan, None
        chan.get_extra_info("connection").close()

    def eof_received(self):
        if self.chan is not None:
            self.chan.exit(0)
            self.chan = None
        return False

    def break_received(self, msec):
        return True

    def connection_lost(self, exc):
        self.chan = None
        if self.worker is not None:
            self.worker.cancel()


class _Channel(asyncssh.SSHServerSession):
    """One SSH channel: the CLI shell, or SCP / SFTP on the flash folder when the client asks for them."""

    def __init__(self, device, faults):
        self._shell = _Shell(device, faults)
        self._target = self._shell
        self._chan = None
        self._files = None
        flash = getattr(device, "flash", None)
        if flash is not None:
            self._files = SSHServerStreamSession(None, lambda chan: _FlashSFTP(chan, device, flash), sftp_version=3, allow_scp=True)

    def connection_made(self, chan):
        self._chan = chan
        self._shell.connection_made(chan)

    def _use_files(self):
        self._target = self._files
        self._files.connection_made(self._chan)

    def pty_requested(self, term_type, term_size, term_modes):
        return self._shell.pty_requested(term_type, term_size, term_modes)

    def shell_requested(self):
        return self._shell.shell_requested()

    def exec_requested(self, command):
        if self._files is not None and command.startswith("scp "):
            self._use_files()
            return self._files.exec_requested(command)
        return False

    def subsystem_requested(self, subsystem):
        if self._files is not None and subsystem == "sftp":
            self._use_files()
            return self._files.subsystem_requested(subsystem)
        return False

    def session_started(self):
        self._target.session_started()

    def data_received(self, data, datatype):
        self._target.data_received(data, datatype)

    def eof_received(self):
        return self._target.eof_received()

    def break_received(self, msec):
        return self._target.break_received(msec)

    def pause_writing(self):
        self._target.pause_writing()

    def resume_writing(self):
        self._target.resume_writing()

    def connection_lost(self, exc):
        self._target.connection_lost(exc)


class _Server(asyncssh.SSHServer):
    """Password authentication and shells for one device."""

    def __init__(self, device, faults):
        self.device = device
        self.faults = faults

    def begin_auth(self, username):
        return True

    def password_auth_supported(self):
        return True

    def public_key_auth_supported(self):
        return False

    def kbdint_auth_supported(self):
        return False

    def validate_password(self, username, password):
        if self.faults.refuse_login:
            return False
        return username == self.device.username and password == self.device.password

    def session_requested(self):
        return _Channel(self.device, self.faults)


def check_host(host):
    """The lab listens on 127.0.0.1 only: anything else is refused."""
    if host not in ALLOWED_HOSTS:
        raise ValueError("the lab binds 127.0.0.1 only, not %r" % (host,))
    return host


class Lab:
    """Devices served by one asyncio loop, each on its own 127.0.0.1 port."""

    def __init__(self, host="127.0.0.1"):
        self.host = check_host(host)
        self.devices = []     # [(device, faults, port)]
        self._servers = []
        self._key = None

    async def add(self, device, faults=None, port=0):
        """Start listening for one device; return its port."""
        if self._key is None:
            self._key = asyncssh.generate_private_key("ssh-ed25519")
        faults = faults or Faults(device.scenario.get("lab_faults"))
        server = await asyncssh.create_server(
            lambda: _Server(device, faults), self.host, port, server_host_keys=[self._key], line_editor=False,
            encoding="utf-8", errors="replace", allow_scp=False, agent_forwarding=False, x11_forwarding=False,
            keepalive_interval=0, login_timeout=120)
        port = server.sockets[0].getsockname()[1]
        self._servers.append(server)
        self.devices.append((device, faults, port))
        return port

    async def close(self):
        for server in self._servers:
            server.close()
        for server in self._servers:
            await server.wait_closed()
        self._servers = []


def build_device(scenario, model_factory, state_dir=None):
    """A Device for a scenario, with its state file and command log when state_dir is given."""
    device = Device(scenario, model_factory)
    if state_dir:
        files = DeviceFiles(state_dir, device.name)
        files.attach(device)
        files.write_state(device)
    return device
