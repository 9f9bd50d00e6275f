#!/usr/bin/env bash
# Run `ansible-test sanity` on a real copy of the collection at
# .../ansible_collections/smartlic/slp (ansible-test resolves symlinks, so a
# copy is required). Works offline: when the get-pip download that sanity's
# virtual environments need is unreachable, an offline stand-in is used.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
venv="$root/.venv"
work=$(mktemp -d "${TMPDIR:-/tmp}/smartlic-sanity.XXXXXX")
trap 'rm -rf "$work"' EXIT
dest="$work/ansible_collections/smartlic/slp"
mkdir -p "$dest"
# SLP_SANITY_INDEX_ONLY=1 checks only what is tracked or staged (as a fresh clone would see it).
files_opts=(-co --exclude-standard)
[ "${SLP_SANITY_INDEX_ONLY:-0}" = 1 ] && files_opts=()
(cd "$root" && git ls-files "${files_opts[@]}" -z | tar --null -cf - -T - | tar -xf - -C "$dest")
# The copy must be a git-less tree: sanity then checks every file in it.
# The collections our plugins import (the import test loads them) sit beside it.
site=$("$venv/bin/python" -c "import ansible, os; print(os.path.dirname(os.path.dirname(ansible.__file__)))")
for dependency in ansible/netcommon ansible/utils; do
  mkdir -p "$work/ansible_collections/${dependency%/*}"
  ln -s "$site/ansible_collections/$dependency" "$work/ansible_collections/$dependency"
done

pip_version=$("$venv/bin/python" - <<'PY'
import re, pathlib, ansible_test
src = pathlib.Path(ansible_test.__file__).parent / "_internal" / "python_requirements.py"
print(re.search(r"pip='([0-9.]+)'", src.read_text()).group(1))
PY
)
cache="$HOME/.ansible/test/cache/get_pip_${pip_version//./_}.py"
if [ ! -s "$cache" ]; then
  if ! curl -fsS --max-time 10 -o /dev/null "https://ci-files.testing.ansible.com/ansible-test/get-pip-${pip_version}.py" 2>/dev/null; then
    mkdir -p "$(dirname "$cache")"
    cp "$root/scripts/get_pip_offline.py" "$cache"
    echo "sanity: get-pip unreachable, using the offline stand-in at $cache"
  fi
fi

cd "$dest"
PATH="$venv/bin:$PATH" ansible-test sanity --python 3.11 --color no "$@"
