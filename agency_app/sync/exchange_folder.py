"""Exchange through a folder (issue 14, point 3–4): import every other node's new bundle there, then leave ours.

A shared folder on a network drive, or a USB stick carried between offices: each bundle file is written once, by one
node, under a name no other node uses (atomically: a half-written file never has the final name), so several PCs can
use one folder where they could never share one database file. A file still being copied in is skipped and taken at
the next run; a file that cannot be taken is named with the reason, and the others are still imported.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from agency_app.domain.periods import now_tokyo
from agency_app.storage.database import Store
from agency_app.sync import bundle_file, change_rows
from agency_app.sync.bundle_export import ExportResult, bundle_name, export_bundle
from agency_app.sync.bundle_import import ImportResult, import_bundle
from agency_app.sync.node import this_node

__all__ = ["FolderProblem", "FolderResult", "exchange"]


class FolderProblem(Exception):
    """The folder itself cannot be used (gone, a network drive not reachable, no permission)."""


@dataclass
class FolderResult:
    imported: list[ImportResult] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (file name, why)
    exported: ExportResult | None = None


def _bundles(folder: Path) -> list[Path]:
    try:
        return sorted(p for p in folder.iterdir() if p.name.endswith(bundle_file.SUFFIX) and p.is_file())
    except OSError as error:
        raise FolderProblem(f"交換フォルダーを開けませんでした: {folder}\n"
                            f"フォルダーがあるか、ネットワークドライブや USB メモリーがつながっているか確かめてください。"
                            f"（{error.strerror or error}）") from error


def _last_sent_holds(store: Store) -> dict | None:
    row = store.conn.execute("SELECT holds FROM sync_bundles WHERE direction = 'out' "
                             "ORDER BY done_at DESC, rowid DESC LIMIT 1").fetchone()
    try:
        return json.loads(row[0]) if row else None
    except ValueError:
        return None


def exchange(store: Store, folder: Path, passphrase: str, *, cancelled: Callable[[], bool] | None = None,
             stage: Callable[[str], None] | None = None) -> FolderResult:
    """Import the other nodes' new bundles in `folder`, then write ours there when there is anything to say."""
    result = FolderResult()
    node = this_node(store.conn)
    for path in _bundles(folder):
        try:
            meta = bundle_file.read_header(path)
        except bundle_file.BundleIncomplete:
            result.skipped.append((path.name, "コピー中か、途中で切れています。コピーが終わってから、もう一度実行してください。"))
            continue
        except bundle_file.BundleError as error:
            result.skipped.append((path.name, error.message))
            continue
        if meta.get("node") == node.node_id:
            continue  # our own
        if store.conn.execute("SELECT 1 FROM sync_bundles WHERE bundle = ? AND direction = 'in'",
                              (meta.get("bundle"),)).fetchone():
            continue  # taken before
        if stage is not None:
            stage(f"取り込み中: {path.name}")
        try:
            result.imported.append(import_bundle(store, path, passphrase, cancelled=cancelled))
        except bundle_file.BundleCancelled:
            raise
        except bundle_file.BundleError as error:
            result.skipped.append((path.name, error.message))
        node = this_node(store.conn)  # a branch that just joined head office's agency
    holds = change_rows.holdings(store.conn)
    pending = change_rows.count_after(store.conn, change_rows.known_by_peers(store.conn))
    if pending or holds != _last_sent_holds(store):
        if stage is not None:
            stage("送信ファイルを作成中")
        out = folder / bundle_name(node.branch, node.node_id, now_tokyo())
        result.exported = export_bundle(store, out, passphrase, cancelled=cancelled)
    return result
