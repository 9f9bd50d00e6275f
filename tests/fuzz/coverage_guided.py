# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Coverage-guided fuzzing (atheris / libFuzzer) of the capture reader, every parser, the syslog reader and the rules.

  python -m tests.fuzz.coverage_guided -runs=20000 SEED_DIR      (libFuzzer options, then seed folders)

libFuzzer mutates the seeds (real captures and outputs) towards new code paths. An input fails when anything
raises, when a guard had to catch an exception (its warning, or a rule_error finding), or when the result is not
JSON. libFuzzer then writes the input to crash-* and exits non-zero. tests/unit/test_fuzz_coverage_guided.py runs
it on a bounded budget.
"""

from __future__ import annotations

import json
import re
import sys

import atheris

from tests import collection_path  # noqa: F401  pylint: disable=unused-import

with atheris.instrument_imports(include=["ansible_collections.smartlic.slp"]):
    from ansible_collections.smartlic.slp.plugins.module_utils import pipeline
    from ansible_collections.smartlic.slp.plugins.module_utils.parsers import syslog
    from ansible_collections.smartlic.slp.plugins.module_utils.parsers import registry

COMMANDS = sorted(set(registry.IOS_COMMANDS + registry.NXOS_COMMANDS + ("show logging",)))
PLATFORMS = (None, "ios", "nxos")
# Warnings the code's own guards write when they caught an exception.
CAUGHT = re.compile(r"parser (?:for .+?|'[^']*') failed: |stopped early|internal error while reading|rules engine failed|could not be analysed")


class CaughtError(AssertionError):
    """A guard caught an exception: as much a defect as the exception itself."""


def _check(result):
    json.dumps(result)
    warnings = [str(item) for item in result.get("warnings", [])]
    for item in result.get("commands", {}).values() if isinstance(result.get("commands"), dict) else []:
        warnings.extend(str(reason) for reason in item.get("reasons", []))
    caught = [warning for warning in warnings if CAUGHT.search(warning)]
    if caught:
        raise CaughtError(caught)
    if any(finding.get("id") == "rule_error" for finding in result.get("findings", [])):
        raise CaughtError("rule_error finding: %s" % result["findings"])


def one_input(data):
    provider = atheris.FuzzedDataProvider(data)
    target = provider.ConsumeIntInRange(0, 2)
    platform = PLATFORMS[provider.ConsumeIntInRange(0, len(PLATFORMS) - 1)]
    command = COMMANDS[provider.ConsumeIntInRange(0, len(COMMANDS) - 1)]
    text = provider.ConsumeUnicodeNoSurrogates(len(data))
    if target == 0:
        _check(pipeline.analyze_text(text, platform=platform))
    elif target == 1:
        _check(registry.parse_output(command, text, platform))
    else:
        json.dumps(syslog.parse_messages(text))


def main(argv=None):
    atheris.Setup(list(sys.argv if argv is None else argv), one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
