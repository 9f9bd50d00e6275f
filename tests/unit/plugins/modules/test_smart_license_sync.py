"""smartlic.slp.smart_license_sync against real show outputs (fake device seam: LicenseSync.run_command)."""
from __future__ import annotations

from ansible_collections.smartlic.slp.plugins.modules import smart_license_sync as module
from ansible_collections.smartlic.slp.tests.unit.plugins.modules.conftest import FakeDevice, fixture

# IOS "dir" answers as the device prints them (missing file: the %Error line the platform error regex would catch).
DIR_MISSING = "%Error opening flash:/slp_usage.txt (No such file or directory)\n"
DIR_PRESENT = ("Directory of flash:/slp_usage.txt\n\n"
               "   35  -rw-             4410  Nov 22 2026 17:50:11 +00:00  slp_usage.txt\n\n"
               "1621966848 bytes total (1201418240 bytes free)\n")
USAGE = fixture("ios_status_cslu_no_ack.txt")  # any text: the module returns the file as read with "more"


def run(run_module, dev, check_mode=False, diff=False, **extra):
    args = {"wait_timeout": 30, "wait_interval": 5}
    args.update(extra)
    return run_module(module, module.LicenseSync, args, dev, check_mode=check_mode, diff=diff)


def sync_device(status, clock, after=None, delay=0):
    outputs = {"show license status": fixture(status), "show clock": fixture(clock)}
    reactions = {"license smart sync": {"show license status": fixture(after)}} if after else {}
    return FakeDevice(outputs, reactions=reactions, delay=delay)


def test_sync_when_the_ack_is_overdue_and_wait_for_the_new_ack(run_module, fake_clock):
    # Last ACK Dec 03 2021, deadline Jan 02 2022, clock Aug 7 2025: overdue.
    dev = sync_device("ios_status_smart_trust_installed.txt", "ios_clock_2025.txt", after="ios_status_transport_off_no_trust.txt", delay=3)
    result, raw = run(run_module, dev)
    assert dev.exec_commands() == ["license smart sync all"]
    assert result["changed"] is True
    assert result["outcome"] == "acked"
    assert "has passed" in result["reason"]
    assert result["ack_before"]["last_ack_received"] != result["ack_after"]["last_ack_received"]
    # each probe reads the log and the status: the change (3 reads later) shows on the second probe, 5 s on
    assert result["waited"] == 5.0


def test_sync_when_no_ack_was_ever_received(run_module, fake_clock):
    dev = sync_device("ios_status_cslu_no_ack.txt", "ios_clock_2025.txt", after="ios_status_smart_trust_installed.txt")
    result, raw = run(run_module, dev, scope="local")
    assert dev.exec_commands() == ["license smart sync local"]
    assert result["reason"] == "no usage report ACK has been received"


def test_no_sync_when_the_deadline_is_far(run_module, fake_clock):
    # Deadline Jan 02 2022, clock Oct 17 2016: years away.
    dev = sync_device("ios_status_smart_trust_installed.txt", "ios_clock_2016.txt")
    result, raw = run(run_module, dev)
    assert result["changed"] is False
    assert result["outcome"] == "skipped"
    assert dev.exec_commands() == []
    assert "days away" in result["reason"]


def test_force_syncs_although_not_due(run_module, fake_clock):
    dev = sync_device("ios_status_smart_trust_installed.txt", "ios_clock_2016.txt", after="ios_status_transport_off_no_trust.txt")
    result, raw = run(run_module, dev, force=True)
    assert dev.exec_commands() == ["license smart sync all"]
    assert "show clock" not in dev.sent
    assert result["outcome"] == "acked"


def test_sync_check_mode_reports_and_sends_nothing(run_module, fake_clock):
    dev = sync_device("ios_status_smart_trust_installed.txt", "ios_clock_2025.txt", after="ios_status_transport_off_no_trust.txt")
    result, raw = run(run_module, dev, check_mode=True, diff=True)
    assert result["changed"] is True
    assert result["would_run"] == ["license smart sync all"]
    assert result["diff"]["after"] == "license smart sync all\n"
    assert dev.exec_commands() == []


def test_no_ack_within_the_wait_is_pending_unless_told_to_fail(run_module, fake_clock):
    dev = sync_device("ios_status_smart_trust_installed.txt", "ios_clock_2025.txt")
    result, raw = run(run_module, dev, wait_timeout=10)
    assert "failed" not in result or result["failed"] is False
    assert result["outcome"] == "pending" and result["changed"] is True
    assert result["pending"]["sent"] == ["license smart sync all"]
    assert "about 15 minutes" in result["msg"] and result["pending"]["how"] in result["msg"]
    dev = sync_device("ios_status_smart_trust_installed.txt", "ios_clock_2025.txt")
    result, raw = run(run_module, dev, wait_timeout=10, fail_on_pending=True)
    assert result["failed"] is True and result["outcome"] == "pending"
    dev = sync_device("ios_status_smart_trust_installed.txt", "ios_clock_2025.txt")
    result, raw = run(run_module, dev, wait_timeout=10, fail_on_timeout=True)  # the former name still works
    assert result["failed"] is True


# The seed's COMM_FAILED template (seed 000 "%SMART_LIC-3-COMM_FAILED: Communications failure with the [chars] : [chars]").
COMM_FAILED = ("*Nov 22 2026 17:50:11.117: %SMART_LIC-3-COMM_FAILED: Communications failure with the Cisco Smart Software Manager (CSSM) : "
               "Unable to resolve server hostname/domain name")


def test_a_communication_failure_after_the_sync_fails(run_module, fake_clock):
    outputs = {"show license status": fixture("ios_status_smart_trust_installed.txt"), "show clock": fixture("ios_clock_2025.txt"),
               "show logging | include FAILED": ""}
    dev = FakeDevice(outputs, reactions={"license smart sync": {"show logging | include FAILED": COMM_FAILED + "\n"}})
    result, raw = run(run_module, dev)
    assert result["failed"] is True and result["outcome"] == "failed"
    assert result["failures"] == [COMM_FAILED]
    assert "Unable to resolve" in result["msg"]


def test_nxos_sync_is_bare(run_module, fake_clock):
    # The NX-OS seed's show license status: no ACK received yet.
    dev = FakeDevice({"show license status": fixture("nxos_status_seed.txt"), "show clock": ""})
    result, raw = run_module(module, module.LicenseSync, {"wait_timeout": 0, "wait_interval": 5}, dev, platform="nxos")
    assert dev.exec_commands() == ["license smart sync"]
    assert result["commands"] == ["license smart sync"]
    assert result["reason"] == "no usage report ACK has been received"
    assert "show logging logfile | include FAILED" in dev.sent
    assert result["outcome"] == "pending"


def test_save_usage_writes_the_file_and_returns_it(run_module, fake_clock):
    dev = FakeDevice({"show license status": fixture("ios_status_transport_off_no_trust.txt"), "dir flash:slp_usage.txt": DIR_MISSING,
                      "more flash:slp_usage.txt": USAGE},
                     reactions={"license smart save usage": {"dir flash:slp_usage.txt": DIR_PRESENT}})
    result, raw = run(run_module, dev, operation="save_usage", file="flash:slp_usage.txt")
    assert dev.exec_commands() == ["license smart save usage all file flash:slp_usage.txt"]
    assert result["outcome"] == "saved" and result["changed"] is True
    assert result["file_existed"] is False
    assert result["content"] == USAGE


def test_save_usage_is_idempotent_when_the_file_is_there(run_module, fake_clock):
    dev = FakeDevice({"show license status": fixture("ios_status_transport_off_no_trust.txt"), "dir flash:slp_usage.txt": DIR_PRESENT,
                      "more flash:slp_usage.txt": USAGE})
    result, raw = run(run_module, dev, operation="save_usage", file="flash:slp_usage.txt")
    assert dev.exec_commands() == []
    assert result["changed"] is False and result["outcome"] == "skipped"
    assert result["content"] == USAGE


def test_save_usage_check_mode(run_module, fake_clock):
    dev = FakeDevice({"show license status": fixture("ios_status_transport_off_no_trust.txt"), "dir flash:slp_usage.txt": DIR_MISSING})
    result, raw = run(run_module, dev, check_mode=True, operation="save_usage", file="flash:slp_usage.txt")
    assert result["would_run"] == ["license smart save usage all file flash:slp_usage.txt"]
    assert dev.exec_commands() == []
    assert "content" not in result


def test_import_runs_and_waits_for_the_ack(run_module, fake_clock):
    dev = FakeDevice({"show license status": fixture("ios_status_smart_trust_installed.txt")},
                     reactions={"license smart import": {"show license status": fixture("ios_status_transport_off_no_trust.txt")}})
    result, raw = run(run_module, dev, operation="import", file="flash:slp_ack.txt", ack_received_after="2023-01-01T00:00:00")
    assert dev.exec_commands() == ["license smart import flash:slp_ack.txt"]
    assert result["outcome"] == "acked"


def test_import_skipped_when_the_device_has_a_newer_ack(run_module, fake_clock):
    # Last ACK received Nov 08 2023: newer than an ACK file downloaded on Nov 01 2023.
    dev = FakeDevice({"show license status": fixture("ios_status_transport_off_no_trust.txt")})
    result, raw = run(run_module, dev, operation="import", file="flash:slp_ack.txt", ack_received_after="2023-11-01T00:00:00")
    assert dev.exec_commands() == []
    assert result["changed"] is False and result["outcome"] == "skipped"


def test_file_is_required_for_save_and_import(run_module, fake_clock):
    dev = FakeDevice({})
    result, raw = run(run_module, dev, operation="import")
    assert result["failed"] is True
    assert "file" in result["msg"]
    assert dev.sent == []


class _Params:
    """The bits of AnsibleModule the platform lookup reads."""

    _socket_path = None

    def __init__(self, **params):
        self.params = params


def test_platform_option_needs_no_capabilities_round_trip():
    sync = module.LicenseSync(_Params(platform="nxos"))
    assert sync.platform() == "nxos"
    assert sync._connection is None  # pylint: disable=protected-access
