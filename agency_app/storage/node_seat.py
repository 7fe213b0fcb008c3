"""Where this database's node lives (issue 14): a copy opened elsewhere becomes a node of its own.

A node's history is one chain. A copy of the file used beside the original — on a second PC, or a backup restored
while the damaged file's changes had already been sent — would write a second history under the same node id,
which no other office could ever take (it contradicts the one they hold). So the PC and the file the node was last
opened at are kept ('node_seat'); a file opened anywhere else takes a new node id before it writes anything. Moving
a file (a new PC, another folder) costs nothing but that: its history goes on under the new id.
"""

from __future__ import annotations

import uuid
from pathlib import Path

from agency_app import paths
from agency_app.storage import history_chain
from agency_app.storage.database import Store
from agency_app.storage.migrations import SET_SETTING

__all__ = ["settle"]


def settle(store: Store, path: Path) -> bool:
    """Give the database a new node id when it is not where its node was last opened; True when it did."""
    if store.setting("node_id") is None:
        return False  # older than migration 0017
    seat = f"{history_chain.pc_id()}:{paths.database_key(path)}"
    known = store.setting("node_seat")
    if known == seat:
        return False
    with store.write():
        if known is not None:
            store.conn.execute(SET_SETTING, ("node_id", uuid.uuid4().hex))
        store.conn.execute(SET_SETTING, ("node_seat", seat))
    return known is not None
