"""Master data: branches, staff, categories (taxonomy), insurers — read lists, add and edit (audited)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from agency_app import paths
from agency_app.domain import codes
from agency_app.domain.periods import now_tokyo
from agency_app.domain.taxonomy import Taxonomy, load_preset
from agency_app.domain.voice import format_datetime
from agency_app.storage.database import Store
from agency_app.storage.ids import new_uid

DEFAULT_INSURERS = ("東京海上日動", "損害保険ジャパン", "三井住友海上", "あいおいニッセイ同和損保",
                    "日本生命", "第一生命", "明治安田生命", "住友生命")


@dataclass(frozen=True)
class Staff:
    uid: str
    name: str
    kana: str
    team: str
    role: str
    branch_code: str | None
    active: bool

    @property
    def is_manager(self) -> bool:
        return self.role == codes.ROLE_MANAGER


@dataclass(frozen=True)
class Branch:
    code: str
    name: str
    is_head_office: bool
    active: bool


class MasterData:
    def __init__(self, store: Store):
        self.store = store

    def _stamp(self, now: datetime | None) -> str:
        return format_datetime(now or now_tokyo())

    # --- branches -------------------------------------------------------------
    def branches(self, include_inactive: bool = False) -> list[Branch]:
        sql = "SELECT code, name, is_head_office, active FROM branches"
        if not include_inactive:
            sql += " WHERE active = 1"
        rows = self.store.conn.execute(sql + " ORDER BY is_head_office DESC, code")
        return [Branch(r[0], r[1], bool(r[2]), bool(r[3])) for r in rows]

    def save_branch(self, code: str, name: str, *, is_head_office: bool = False,
                    active: bool = True, by: str | None = None, now: datetime | None = None) -> None:
        code, name = code.strip(), name.strip()
        if not code or not name:
            raise ValueError("branch code and name are required")
        stamp = self._stamp(now)
        with self.store.write() as db:
            exists = db.conn.execute("SELECT 1 FROM branches WHERE code = ?", (code,)).fetchone()
            if exists:
                db.conn.execute(
                    "UPDATE branches SET name = ?, is_head_office = ?, active = ?, updated_at = ?, "
                    "updated_by = ? WHERE code = ?",
                    (name, int(is_head_office), int(active), stamp, by, code))
            else:
                db.conn.execute(
                    "INSERT INTO branches (code, uid, name, is_head_office, active, origin_branch, "
                    "created_at, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (code, new_uid(), name, int(is_head_office), int(active),
                     self.store.home_branch, stamp, stamp, by))

    # --- staff ------------------------------------------------------------------
    def staff(self, include_inactive: bool = False) -> list[Staff]:
        sql = "SELECT uid, name, kana, team, role, branch_code, active FROM staff"
        if not include_inactive:
            sql += " WHERE active = 1"
        rows = self.store.conn.execute(sql + " ORDER BY kana, name")
        return [Staff(r[0], r[1], r[2], r[3], r[4], r[5], bool(r[6])) for r in rows]

    def staff_member(self, uid: str) -> Staff | None:
        return next((s for s in self.staff(include_inactive=True) if s.uid == uid), None)

    def save_staff(self, *, name: str, kana: str = "", team: str = "", role: str = codes.ROLE_STAFF,
                   branch_code: str | None = None, active: bool = True, uid: str | None = None,
                   by: str | None = None, now: datetime | None = None) -> str:
        """Add a staff member (uid None) or edit one; return the uid."""
        name = name.strip()
        if not name:
            raise ValueError("staff name is required")
        if role not in codes.ROLES:
            raise ValueError(f"unknown role {role!r}")
        stamp = self._stamp(now)
        with self.store.write() as db:
            if uid:
                db.conn.execute(
                    "UPDATE staff SET name = ?, kana = ?, team = ?, role = ?, branch_code = ?, "
                    "active = ?, updated_at = ?, updated_by = ? WHERE uid = ?",
                    (name, kana.strip(), team.strip(), role, branch_code, int(active), stamp, by, uid))
            else:
                uid = new_uid()
                db.conn.execute(
                    "INSERT INTO staff (uid, name, kana, team, role, branch_code, active, origin_branch, "
                    "created_at, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (uid, name, kana.strip(), team.strip(), role, branch_code, int(active),
                     self.store.home_branch, stamp, stamp, by or uid))
        return uid

    # --- taxonomy ---------------------------------------------------------------
    def install_preset(self, preset: str, *, by: str | None = None, now: datetime | None = None) -> int:
        """Add a shipped taxonomy preset ('agency' or 'insurer'); existing categories are kept (R3)."""
        taxonomy = load_preset(paths.resources_dir() / "taxonomy" / f"{preset}.json")
        stamp = self._stamp(now)
        added = 0
        with self.store.write() as db:
            for order, category in enumerate(taxonomy.categories):
                exists = db.conn.execute(
                    "SELECT 1 FROM categories WHERE preset = ? AND group_name = ? AND item_name = ?",
                    (preset, category.group, category.item)).fetchone()
                if exists:
                    continue
                db.conn.execute(
                    "INSERT INTO categories (uid, preset, group_name, item_name, sort_order, active, "
                    "origin_branch, created_at, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, 1, ?, ?, ?, ?)",
                    (shipped_uid("category", preset, category.group, category.item), preset, category.group,
                     category.item, order, self.store.home_branch,
                     stamp, stamp, by))
                added += 1
        return added

    def active_preset(self) -> str:
        return self.store.setting("category_preset") or "agency"

    def taxonomy(self, preset: str | None = None) -> Taxonomy:
        from agency_app.domain.taxonomy import Category
        preset = preset or self.active_preset()
        rows = self.store.conn.execute(
            "SELECT group_name, item_name FROM categories WHERE preset = ? AND active = 1 "
            "ORDER BY sort_order", (preset,))
        return Taxonomy(preset, preset, tuple(Category(g, i) for g, i in rows))

    # --- insurers ---------------------------------------------------------------
    def insurers(self) -> list[str]:
        return [r[0] for r in self.store.conn.execute(
            "SELECT name FROM insurers WHERE active = 1 ORDER BY sort_order, name")]

    def save_insurer(self, name: str, *, by: str | None = None, now: datetime | None = None) -> None:
        name = name.strip()
        if not name:
            raise ValueError("insurer name is required")
        stamp = self._stamp(now)
        with self.store.write() as db:
            order = db.conn.execute("SELECT COALESCE(MAX(sort_order), 0) + 1 FROM insurers").fetchone()[0]
            db.conn.execute(
                "INSERT OR IGNORE INTO insurers (uid, name, sort_order, active, origin_branch, created_at, "
                "updated_at, updated_by) VALUES (?, ?, ?, 1, ?, ?, ?, ?)",
                (shipped_uid("insurer", name), name, order, self.store.home_branch, stamp, stamp, by))


def initialise(store: Store, *, branch_code: str = "HQ", branch_name: str = "本部",
               is_head_office: bool = True, preset: str = "agency") -> None:
    """Fill a new database: its home branch, both taxonomy presets (one active), default insurers."""
    masters = MasterData(store)
    with store.write():  # all or nothing: a half-initialised file would never be filled again
        store.set_setting("home_branch", branch_code)
        store.set_setting("category_preset", preset)
        masters.save_branch(branch_code, branch_name, is_head_office=is_head_office)
        masters.install_preset("agency")
        masters.install_preset("insurer")
        for name in DEFAULT_INSURERS:
            masters.save_insurer(name)



def shipped_uid(kind: str, *key: str) -> str:
    """The id of a category of a shipped preset, or of an insurer, made from what it is (its name): the same in every
    office's file, whichever release installed it, so offices merging (issue 14) hold one record of each, not two of
    one name (insurers.name is unique)."""
    return uuid.uuid5(uuid.NAMESPACE_URL, "agency-app:" + ":".join((kind, *key))).hex
