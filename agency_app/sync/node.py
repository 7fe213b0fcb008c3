"""Where this installation is (issue 14): its node id, its agency, its branch and whether it is head office."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

__all__ = ["Node", "this_node"]


@dataclass(frozen=True)
class Node:
    node_id: str
    agency_id: str
    branch: str
    branch_name: str
    is_head_office: bool
    joined: bool  # head office, or a branch that has taken head office's agency id from a bundle


def _setting(conn: sqlite3.Connection, key: str) -> str:
    row = conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
    return row[0] if row and row[0] else ""


def this_node(conn: sqlite3.Connection) -> Node:
    branch = _setting(conn, "home_branch") or "HQ"
    row = conn.execute("SELECT name, is_head_office FROM branches WHERE code = ?", (branch,)).fetchone()
    head_office = bool(row[1]) if row else branch == "HQ"
    return Node(node_id=_setting(conn, "node_id"), agency_id=_setting(conn, "agency_id"), branch=branch,
                branch_name=row[0] if row else branch, is_head_office=head_office,
                joined=head_office or _setting(conn, "agency_joined") == "1")
