"""smartlic.slp.smart_license_trust against real show outputs (fake device seam: TrustCodeInstaller.run_command)."""
from __future__ import annotations

from ansible.module_utils.connection import ConnectionError as DeviceError

from ansible_collections.smartlic.slp.plugins.modules import smart_license_trust as module
from ansible_collections.smartlic.slp.tests.unit.plugins.modules.conftest import FakeDevice, fixture

TOKEN = "ODRlOTM5MjItOTQzOS00YjY0LWJmMTUtZmNiZDQ0ZDE0Mjg1LTE2NTk2MTM1%0AMTA0MjF8dXJsZW5jb2RlZA%3D%3D"
LOG = "show logging | include TRUST_CODE_INSTALL"
# The seed's TRUST_CODE_INSTALL_FAILED template with the active UDI of the HA fixture and the "already installed" reason.
FAILED_LINE = ("*Oct 22 05:31:02.117: %SMART_LIC-3-TRUST_CODE_INSTALL_FAILED: The install of a new licensing trust code has failed on "
               "PID:C9300-24UX,SN:FCW2303D16Y: Trust code is already installed.")
REFUSED = "                               ^\n% Invalid input detected at '^' marker.\n"


def device(status, udi="ios_udi_standalone.txt", after=None, log_after=None, reply=None, delay=0):
    outputs = {"show license status": fixture(status), "show license udi": fixture(udi), LOG: ""}
    change = {}
    if after:
        change["show license status"] = fixture(after)
    if log_after:
        change[LOG] = log_after + "\n"
    replies = {"license smart trust": reply} if reply is not None else {}
    return FakeDevice(outputs, reactions={"license smart trust": change}, replies=replies, delay=delay)


def args(**extra):
    base = {"id_token": TOKEN, "wait_timeout": 30, "wait_interval": 5}
    base.update(extra)
    return base


def run(run_module, dev, check_mode=False, diff=False, **extra):
    return run_module(module, module.TrustCodeInstaller, args(**extra), dev, check_mode=check_mode, diff=diff)


def test_installs_when_no_trust_code_and_waits_for_the_timestamp(run_module, fake_clock):
    dev = device("ios_status_transport_off_no_trust.txt", after="ios_status_smart_trust_installed.txt", delay=2)
    result, raw = run(run_module, dev)
    assert result["changed"] is True
    assert result["outcome"] == "installed"
    assert result["scope"] == "local"
    assert result["commands"] == ["license smart trust idtoken ******** local"]
    assert dev.exec_commands() == ["license smart trust idtoken %s local" % TOKEN]
    assert result["trust_code_before"]["installed"] is not True
    assert result["trust_code_after"]["installed"] is True
    assert result["waited"] == 5.0  # each probe reads two outputs: the change (2 reads later) shows on the second probe, 5 s on
    assert TOKEN not in raw


def test_skips_when_a_trust_code_is_installed(run_module, fake_clock):
    dev = device("ios_status_smart_trust_installed.txt")
    result, raw = run(run_module, dev)
    assert result["changed"] is False
    assert result["outcome"] == "skipped"
    assert result["commands"] == [] and result["would_run"] == []
    assert dev.exec_commands() == []


def test_uses_all_on_an_ha_set(run_module, fake_clock):
    dev = device("ios_status_transport_off_no_trust.txt", udi="ios_udi_ha.txt", after="ios_status_ha_trust_installed.txt")
    result, raw = run(run_module, dev)
    assert result["scope"] == "all"
    assert dev.exec_commands() == ["license smart trust idtoken %s all" % TOKEN]
    assert result["outcome"] == "installed"


def test_explicit_scope_skips_the_udi_read(run_module, fake_clock):
    dev = device("ios_status_transport_off_no_trust.txt", after="ios_status_smart_trust_installed.txt")
    result, raw = run(run_module, dev, scope="all")
    assert "show license udi" not in dev.sent
    assert result["commands"] == ["license smart trust idtoken ******** all"]


def test_check_mode_sends_nothing_and_reports_the_masked_command(run_module, fake_clock):
    dev = device("ios_status_transport_off_no_trust.txt", after="ios_status_smart_trust_installed.txt")
    result, raw = run(run_module, dev, check_mode=True, diff=True)
    assert result["changed"] is True
    assert result["outcome"] == "check_mode"
    assert result["would_run"] == ["license smart trust idtoken ******** local"]
    assert result["commands"] == []
    assert dev.exec_commands() == []
    assert result["diff"]["after"] == "license smart trust idtoken ******** local\n"
    assert TOKEN not in raw


def test_check_mode_is_quiet_when_nothing_is_needed(run_module, fake_clock):
    dev = device("ios_status_ha_trust_installed.txt", udi="ios_udi_ha.txt")
    result, raw = run(run_module, dev, check_mode=True)
    assert result["changed"] is False and result["would_run"] == []


def test_force_reinstalls_and_reports_the_failure_message(run_module, fake_clock):
    dev = device("ios_status_ha_trust_installed.txt", udi="ios_udi_ha.txt", log_after=FAILED_LINE)
    result, raw = run(run_module, dev, force=True)
    assert dev.exec_commands() == ["license smart trust idtoken %s all force" % TOKEN]
    assert result["failed"] is True
    assert result["outcome"] == "failed"
    assert result["failures"] == [FAILED_LINE]
    assert "already installed" in result["msg"]
    assert result["commands"] == ["license smart trust idtoken ******** all force"]
    assert TOKEN not in raw


def test_pending_when_nothing_changes_within_the_wait(run_module, fake_clock):
    dev = device("ios_status_transport_off_no_trust.txt")
    result, raw = run(run_module, dev, wait_timeout=20, wait_interval=5)
    # The device took the command; CSSM's answer has not come yet: pending, not a failure.
    assert "failed" not in result or result["failed"] is False
    assert result["outcome"] == "pending" and result["changed"] is True
    assert "after 20 s" in result["msg"] and "re-run smartlic.slp.diagnose after " in result["msg"]
    assert result["pending"]["sent"] == ["license smart trust idtoken ******** local"]
    assert result["pending"]["how"] == "re-run smartlic.slp.diagnose after " + result["pending"]["recheck_after"]
    # one read at once and one every 5 s until 20 s: 5 reads of the status while waiting
    assert dev.sent.count("show license status") == 1 + 5 + 1
    assert TOKEN not in raw


def test_nxos_command_has_no_scope(run_module, fake_clock):
    # The NX-OS seed's own show license status (a trust code is installed): force sends the command without a scope.
    dev = FakeDevice({"show license status": fixture("nxos_status_seed.txt"), "show logging logfile | include TRUST_CODE_INSTALL": ""},
                     reactions={"license smart trust": {"show logging logfile | include TRUST_CODE_INSTALL": FAILED_LINE + "\n"}})
    result, raw = run_module(module, module.TrustCodeInstaller, args(force=True), dev, platform="nxos")
    assert dev.exec_commands() == ["license smart trust idtoken %s force" % TOKEN]
    assert "show license udi" not in dev.sent
    assert result["commands"] == ["license smart trust idtoken ******** force"]
    assert result["scope"] is None
    assert result["outcome"] == "failed" and result["failures"] == [FAILED_LINE]
    assert TOKEN not in raw


def test_refusal_is_reported_with_the_token_masked(run_module, fake_clock):
    dev = device("ios_status_transport_off_no_trust.txt", reply=REFUSED)
    result, raw = run(run_module, dev)
    assert result["failed"] is True and result["outcome"] == "failed"
    assert "% Invalid input detected" in result["msg"]
    assert TOKEN not in raw


class TimingOutDevice(FakeDevice):
    """The trust command times out; network_cli's error text echoes the command sent."""

    def run(self, command):
        if command.startswith("license smart trust"):
            raise DeviceError("command timeout triggered, timeout value is 30 secs.\nsee the timeout setting options in the Network Debug and "
                              "Troubleshooting Guide.\n%s" % command)
        return super().run(command)


def test_connection_errors_never_echo_the_token(run_module, fake_clock):
    dev = TimingOutDevice({"show license status": fixture("ios_status_transport_off_no_trust.txt"),
                           "show license udi": fixture("ios_udi_standalone.txt")})
    result, raw = run(run_module, dev)
    assert result["failed"] is True
    assert "command timeout triggered" in result["msg"]
    assert "license smart trust idtoken ******** local" in result["msg"]
    assert TOKEN not in raw


class _Params:
    """The bits of AnsibleModule the platform lookup reads."""

    _socket_path = None

    def __init__(self, **params):
        self.params = params


def test_platform_option_needs_no_capabilities_round_trip():
    installer = module.TrustCodeInstaller(_Params(platform="nxos", id_token=TOKEN))
    assert installer.platform() == "nxos"
    assert installer._connection is None  # pylint: disable=protected-access


class RejectingDevice(FakeDevice):
    """An older release: the play's error patterns match '% Invalid input' and network_cli raises with the answer."""

    def run(self, command):
        if command.startswith("license smart trust"):
            self.sent.append(command)
            raise DeviceError(repr(("%s\r\n        ^\r\n%% Invalid input detected at '^' marker.\r\n\r\nR1#" % command).encode()))
        return super().run(command)


def test_rejection_through_the_error_patterns_is_a_refusal(run_module, fake_clock):
    dev = RejectingDevice({"show license status": fixture("ios_status_transport_off_no_trust.txt"),
                           "show license udi": fixture("ios_udi_standalone.txt"), LOG: ""})
    result, raw = run(run_module, dev)
    assert result["failed"] is True and result["outcome"] == "failed" and result["changed"] is False
    assert result["failures"] == ["^", "% Invalid input detected at '^' marker."]
    assert TOKEN not in raw
