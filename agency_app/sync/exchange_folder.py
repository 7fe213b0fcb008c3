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
from agency_app.os_errors import os_error_text
from agency_app.storage.database import Store
from agency_app.sync import bundle_file, change_rows
from agency_app.sync.bundle_export import ExportResult, bundle_name, export_bundle
from agency_app.sync.bundle_import import ImportResult, import_bundle
from agency_app.sync.node import this_node
from agency_app.sync.passphrase_check import first_refusing

__all__ = ["FolderProblem", "FolderResult", "exchange"]


class FolderProblem(Exception):
    """The folder itself cannot be used (gone, a network drive not reachable, no permission)."""


@dataclass
class FolderResult:
    imported: list[ImportResult] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (file name, why)
    exported: ExportResult | None = None
    removed: int = 0  # this node's earlier bundles taken out of the folder (the new one carries what they did)


def _bundles(folder: Path) -> list[Path]:
    try:
        return sorted(p for p in folder.iterdir() if p.name.endswith(bundle_file.SUFFIX) and p.is_file())
    except OSError as error:
        raise FolderProblem(f"交換フォルダーを開けませんでした: {folder}\n"
                            f"フォルダーがあるか、ネットワークドライブや USB メモリーがつながっているか確かめてください。"
                            f"（{error.strerror or error}）") from error


def _last_sent(store: Store) -> tuple[dict | None, str]:
    """What this node held when it wrote its last bundle (anywhere), and that bundle's file name."""
    row = store.conn.execute("SELECT holds, file_name FROM sync_bundles WHERE direction = 'out' "
                             "ORDER BY done_at DESC, rowid DESC LIMIT 1").fetchone()
    if row is None:
        return None, ""
    try:
        return json.loads(row[0]), row[1]
    except ValueError:
        return None, row[1]


def _remove_older_own(folder: Path, node_id: str, keep: Path) -> int:
    """Our earlier bundles in the folder: the new one carries everything they did that an office may still lack
    (what every office heard from holds, or everything while a branch has never sent). A file another PC is reading
    right now cannot be removed on Windows: it is left for the next run."""
    removed = 0
    for path in _bundles(folder):
        if path == keep:
            continue
        try:
            if bundle_file.read_header(path).get("node") != node_id:
                continue
            path.unlink()
            removed += 1
        except (bundle_file.BundleError, OSError):
            continue
    return removed


def exchange(store: Store, folder: Path, passphrase: str, *, cancelled: Callable[[], bool] | None = None,
             stage: Callable[[str], None] | None = None) -> FolderResult:
    """Import the other nodes' new bundles in `folder`, then write ours there when there is anything to say."""
    result = FolderResult()
    node = this_node(store.conn)
    refusing = first_refusing(store.conn, folder, passphrase)
    if refusing is not None:  # before anything is imported, and before a bundle of ours is sealed with a typo
        raise bundle_file.WrongPassphrase(refusing)
    for path in _bundles(folder):
        try:
            meta = bundle_file.read_header(path)
        except bundle_file.BundleIncomplete:
            result.skipped.append((path.name, "コピー中か、途中で切れています。コピーが終わってから、もう一度実行してください。"))
            continue
        except bundle_file.NotABundle:
            result.skipped.append((path.name, "このアプリの送受信ファイルではありません。交換フォルダーから取り除いてください。"))
            continue
        except bundle_file.BundleError as error:
            result.skipped.append((path.name, error.message))
            continue
        if meta.get("node") == node.node_id:
            continue  # our own
        if store.conn.execute("SELECT 1 FROM sync_bundles WHERE bundle = ?", (meta.get("bundle"),)).fetchone():
            continue  # taken before (or written here, by this file's node before it was copied)
        if stage is not None:
            stage(f"取り込み中: {path.name}")
        try:
            result.imported.append(import_bundle(store, path, passphrase, cancelled=cancelled))
        except bundle_file.BundleCancelled:
            raise
        except bundle_file.BundleError as error:
            result.skipped.append((path.name, error.message))
        node = this_node(store.conn)  # a branch that just joined head office's agency
    # A new bundle only when this node holds something its last one did not say (its own changes, or changes it
    # received: their receipt is news too), or when that one is not in this folder: otherwise it still serves.
    holds = change_rows.holdings(store.conn)
    last_holds, last_file = _last_sent(store)
    if not node.joined:
        return result  # a branch sends only once it has taken head office's first bundle (its agency id)
    if holds != last_holds or not last_file or not (folder / last_file).is_file():
        if stage is not None:
            stage("送信ファイルを作成中")
        out = folder / bundle_name(node.branch, node.node_id, now_tokyo())
        try:
            result.exported = export_bundle(store, out, passphrase, cancelled=cancelled)
        except OSError as error:
            raise FolderProblem(f"交換フォルダーに送信ファイルを書き込めませんでした: {folder}\n"
                                f"{os_error_text(error)}") from error
        result.removed = _remove_older_own(folder, node.node_id, out)
    return result
