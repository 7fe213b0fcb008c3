"""Where this database's node lives (issue 14): a copy opened elsewhere becomes a node of its own.

A node's history is one chain. A copy of the file used beside the original — on a second PC, or a backup restored
while the damaged file's changes had already been sent — would write a second history under the same node id,
which no other office could ever take (it contradicts the one they hold). So the machine and the file the node was
last opened at are kept ('node_seat'); a file opened anywhere else takes a new node id before it writes anything,
and names the one it was ('node_replaces', carried in its bundles: information only — a copy is not a move, so the
old node is waited for until it has been silent for change_rows.PEER_FORGOTTEN_DAYS). Moving a file (a new PC,
another folder) costs nothing but that: its history goes on under the new id.
"""

from __future__ import annotations

import hashlib
import socket
import sys
import uuid
from pathlib import Path

from agency_app import paths
from agency_app.storage.database import Store
from agency_app.storage.migrations import SET_SETTING

__all__ = ["settle"]


def settle(store: Store, path: Path) -> bool:
    """Give the database a new node id when it is not where its node was last opened; True when it did."""
    if store.setting("node_id") is None:
        return False  # older than migration 0017
    seat = f"{machine_id()}:{paths.database_key(path)}"
    known = store.setting("node_seat")
    if known == seat:
        return False
    with store.write():
        if known is not None:
            # The node it was: the new node's bundles say so, and offices stop counting on what the old one holds.
            store.conn.execute(SET_SETTING, ("node_replaces", store.setting("node_id")))
            store.conn.execute(SET_SETTING, ("node_id", uuid.uuid4().hex))
        store.conn.execute(SET_SETTING, ("node_seat", seat))
    return known is not None


def machine_id() -> str:
    """This machine, the same for every Windows account on it (a file two accounts share, or a scheduled sync under
    another account, is not a copy) and different on a clone with another name (a disk image, a copied folder): the
    Windows installation's MachineGuid (or /etc/machine-id) and the computer's name, hashed."""
    guid = ""
    if sys.platform == "win32":
        try:
            import winreg
            with winreg.OpenKey(winreg.HKEY_LOCAL_MACHINE, r"SOFTWARE\Microsoft\Cryptography",
                                0, winreg.KEY_READ | getattr(winreg, "KEY_WOW64_64KEY", 0)) as key:
                guid = str(winreg.QueryValueEx(key, "MachineGuid")[0])
        except OSError:
            guid = ""
    else:
        for name in ("/etc/machine-id", "/var/lib/dbus/machine-id"):
            try:
                guid = Path(name).read_text(encoding="ascii").strip()
                break
            except (OSError, UnicodeError):
                continue
    text = f"{guid}|{socket.gethostname()}"  # not the network address: a laptop on its dock or on Wi-Fi is one machine
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]
