#!/usr/bin/env bash
# ansible-lint (production profile) with our own FQCNs resolvable.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
mkdir -p collections/ansible_collections/smartlic
ln -sfn ../../.. collections/ansible_collections/smartlic/slp
export ANSIBLE_HOME="$root/tests/output/.ansible"
export ANSIBLE_COLLECTIONS_PATH="$root/collections"
.venv/bin/ansible-lint --offline "$@"
