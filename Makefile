# smartlic.slp — developer entry points. Every target builds .venv from the
# pinned requirements when it is missing, so a fresh clone needs nothing else.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
export ANSIBLE_HOME := $(CURDIR)/tests/output/.ansible

.PHONY: help venv test sanity lint changelog-lint docs docs-lint pytest unit integration demo bench bench-load clean ee

help:
	@echo "make demo   - run the main job on the built-in lab (diagnose, remediate --check, remediate, diagnose)"
	@echo "make test   - sanity, lint, unit and integration tests (what CI runs)"
	@echo "make bench  - benchmarks that print figures"
	@echo "make docs   - the documentation site (plugins, roles, guides) in build/docs/build/html"

$(STAMP): requirements.txt requirements-dev.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $(STAMP)

venv: $(STAMP)

test: venv changelog-lint docs-lint sanity lint pytest

changelog-lint: venv
	$(BIN)/antsibull-changelog lint

docs: venv
	scripts/docs.sh

docs-lint: venv
	scripts/docs.sh --lint

sanity: venv
	scripts/sanity.sh

lint: venv
	scripts/lint.sh

# Three workers on two cores: a run against a two-device lab mostly waits on the devices (about 0.45 of a core),
# so a third worker fills what the first two leave idle. One test file at a time each, handed out in collection
# order: tests/integration/conftest.py puts the longest files first; tests/conftest.py keeps the files sharing one
# lab fleet on one worker.
pytest: venv
	$(BIN)/python -m pytest -q -p no:cacheprovider -n 3 --dist loadfile --no-loadscope-reorder tests

unit: venv
	$(BIN)/python -m pytest -q -p no:cacheprovider tests/unit

integration: venv
	$(BIN)/python -m pytest -q -p no:cacheprovider -n 3 --dist loadfile --no-loadscope-reorder tests/integration

demo: venv
	$(BIN)/python -m tests.demo

bench: venv
	$(BIN)/python -m tests.bench

bench-load: venv
	$(BIN)/python -m tests.bench load

clean:
	rm -rf collections tests/output .pytest_cache

# Execution environment build context for AWX / AAP (see docs/scale.md).
ee: venv
	rm -rf build/ee && mkdir -p build
	$(BIN)/ansible-galaxy collection build --force --output-path build .
	cp build/smartlic-slp-$$($(BIN)/python -c "import yaml;print(yaml.safe_load(open('galaxy.yml'))['version'])").tar.gz build/smartlic-slp.tar.gz
	$(BIN)/ansible-builder create -f execution-environment.yml -c build/ee
