"""Whether a typed passphrase opens the bundles waiting in an exchange folder, checked before anything is written.

exchange() would otherwise import nothing (each file skipped as 'wrong passphrase') and still leave a bundle of
ours sealed with the mistyped passphrase, which no other office could open. One key derivation, no data read.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from agency_app.sync import bundle_file
from agency_app.sync.node import this_node

__all__ = ["opens", "first_refusing"]


def opens(path: Path, passphrase: str) -> bool:
    """True when `passphrase` is the one `path` was sealed with (other problems of the file raise BundleError)."""
    try:
        bundle_file.read_bundle(path, passphrase)  # checks the key before returning its (unstarted) iterator
    except bundle_file.WrongPassphrase:
        return False
    return True


def first_refusing(conn: sqlite3.Connection, folder: Path, passphrase: str) -> Path | None:
    """The first new bundle of another node in `folder` that `passphrase` does not open, or None.

    Only the first readable new bundle is tried: all of one agency's bundles share the passphrase. Files that
    cannot be read (still being copied, damaged…) are left for exchange() to name; a folder that cannot be
    listed is exchange()'s FolderProblem too.
    """
    node = this_node(conn)
    try:
        paths = sorted(p for p in Path(folder).iterdir() if p.name.endswith(bundle_file.SUFFIX) and p.is_file())
    except OSError:
        return None
    for path in paths:
        try:
            meta = bundle_file.read_header(path)
        except (bundle_file.BundleError, OSError):
            continue
        if meta.get("node") == node.node_id or conn.execute(
                "SELECT 1 FROM sync_bundles WHERE bundle = ?", (meta.get("bundle"),)).fetchone():
            continue
        try:
            return None if opens(path, passphrase) else path
        except (bundle_file.BundleError, OSError):
            continue
    # With nothing new, nothing is checked: the passphrase is typed twice before a bundle is written, and the bundles
    # already there may hold the agency's former passphrase (changed since: each office's next bundle replaces them).
    return None
