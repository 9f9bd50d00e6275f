"""Make the collection importable as ansible_collections.smartlic.slp for pytest."""
from __future__ import annotations

from tests import collection_path  # noqa: F401  pylint: disable=unused-import
