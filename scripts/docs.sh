#!/usr/bin/env bash
# Build the collection's documentation site (antsibull-docs + Sphinx) into build/docs/ (or $1):
# every module, filter, role and playbook page, and the guides of docs/ (Markdown, read by myst-parser).
# Works offline: intersphinx is switched off, so no inventory is fetched.
# `scripts/docs.sh --lint` only lints the plugin and role docs (what `make docs-lint` runs).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin="$root/.venv/bin"
collections=$(mktemp -d "${TMPDIR:-/tmp}/smartlic-docs.XXXXXX")
trap 'rm -rf "$collections"' EXIT
mkdir -p "$collections/ansible_collections/smartlic"
ln -s "$root" "$collections/ansible_collections/smartlic/slp"
export ANSIBLE_COLLECTIONS_PATH="$collections"
export PATH="$bin:$PATH"  # antsibull-docs runs ansible and ansible-doc

if [ "${1:-}" = "--lint" ]; then
  exec "$bin/antsibull-docs" lint-collection-docs --plugin-docs "$root"
fi

site=${1:-$root/build/docs}
rm -rf "$site"
mkdir -p "$site"
chmod 700 "$site"
"$bin/antsibull-docs" sphinx-init --use-current --fail-on-error --dest-dir "$site" \
  --project smartlic.slp --title "smartlic.slp" --html-short-title "smartlic.slp" smartlic.slp >/dev/null
cd "$site"
# No network here: no intersphinx inventories; Markdown guides through myst-parser.
cat >> conf.py <<'EOF'

# Added by scripts/docs.sh
intersphinx_mapping = {}
nitpicky = False
extensions.append('myst_parser')
source_suffix = {'.rst': 'restructuredtext', '.md': 'markdown'}
myst_heading_anchors = 3
# Guides link to files of the repository (tests/lab/README.md, ...) that are not pages of the site, and the plugin
# pages to labels of the Ansible docsite (action_plugins, common_return_values), which intersphinx would resolve.
suppress_warnings = ['myst.xref_missing', 'ref.ref']
# Code blocks of the guides without a language are plain text (the plugin pages name theirs).
highlight_language = 'none'
EOF
mkdir -p rst
chmod og-w rst
"$bin/antsibull-docs" --config-file antsibull-docs.cfg collection --cleanup everything --fail-on-error --use-current \
  --dest-dir rst smartlic.slp
mkdir -p rst/guides
cp "$root"/docs/*.md rst/guides/
{
  echo "Guides"
  echo "======"
  echo
  echo ".. toctree::"
  echo "   :maxdepth: 1"
  echo
  for guide in rst/guides/*.md; do
    echo "   $(basename "$guide" .md)"
  done
} > rst/guides/index.rst
printf '\n.. toctree::\n   :maxdepth: 1\n   :caption: Guides\n\n   guides/index\n' >> rst/index.rst
"$bin/sphinx-build" -M html rst build -c . -q -W --keep-going
echo "documentation site: $site/build/html/index.html"
