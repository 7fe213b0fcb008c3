"""Schema migrations: the scripts in db/migrations/ as one sqlite-utils `Migrations` set, plus version checks."""

from __future__ import annotations

import importlib.util
import re
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

from sqlite_utils import Database, Migrations

from agency_app import paths

MIGRATION_SET = "agency_app"
_FILE_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.py$")


@dataclass(frozen=True)
class MigrationScript:
    number: int
    name: str
    module: ModuleType

    @property
    def schema_version(self) -> int:
        return self.module.SCHEMA_VERSION


def load_scripts(folder: Path | None = None) -> list[MigrationScript]:
    """The migration scripts in number order (0001_initial.py, 0002_…)."""
    folder = folder or paths.migrations_dir()
    scripts = []
    for file in sorted(folder.glob("*.py")):
        match = _FILE_NAME.match(file.name)
        if not match:
            if file.name[:1].isdigit():  # '0002-add.py', '2_add.py': a migration that would be skipped
                raise RuntimeError(f"migration file name must look like 0002_add_things.py: {file.name}")
            continue
        spec = importlib.util.spec_from_file_location(f"agency_db_migration_{file.stem}", file)
        module = importlib.util.module_from_spec(spec)
        assert spec.loader is not None
        spec.loader.exec_module(module)
        scripts.append(MigrationScript(int(match.group(1)), file.stem, module))
    numbers = [s.number for s in scripts]
    if numbers != list(range(1, len(numbers) + 1)):
        raise RuntimeError(f"migration numbers must run 1, 2, 3 … without gaps: {numbers}")
    return scripts


def build_migrations(scripts: list[MigrationScript] | None = None) -> Migrations:
    """A sqlite-utils Migrations set; each step runs in one transaction with its record."""
    migrations = Migrations(MIGRATION_SET)
    for script in scripts if scripts is not None else load_scripts():
        migrations(name=script.name)(script.module.migrate)
    return migrations


def latest_schema_version(scripts: list[MigrationScript] | None = None) -> int:
    scripts = scripts if scripts is not None else load_scripts()
    return scripts[-1].schema_version if scripts else 0


def schema_version(db: Database) -> int:
    return db.execute("PRAGMA user_version").fetchone()[0]


def pending(db: Database, scripts: list[MigrationScript] | None = None) -> list[str]:
    return [m.name for m in build_migrations(scripts).pending(db)]


# An upsert, not INSERT OR REPLACE: a REPLACE deletes the old row first, which the settings' history (0016) would
# record as a deletion and a creation instead of one change of value.
SET_SETTING = ("INSERT INTO settings(key, value) VALUES (?, ?) "
               "ON CONFLICT(key) DO UPDATE SET value = excluded.value WHERE value IS NOT excluded.value")


def raise_min_app_version(conn, version: str) -> None:
    """Inside a migration: the oldest application that may write this file becomes `version`, unless an earlier
    step already asked for a newer one (the setting never goes down)."""
    row = conn.execute("SELECT value FROM settings WHERE key = 'min_app_version'").fetchone()
    if row is None or version_tuple(row[0]) < version_tuple(version):
        conn.execute(SET_SETTING, ("min_app_version", version))


def version_that_knows(min_app_version: str | None, last_app_version: str | None, running: str) -> str:
    """The application version to name for a file whose schema `running` does not know; "" when the file names none.

    min_app_version (raised by the migration that needs it) first; else last_app_version, the version that last
    updated the file and so knows its schema. A version not newer than `running` is never named: asking for
    '0.2.0 or later' while 0.2.0 runs helps nobody.
    """
    for named in (min_app_version, last_app_version):
        if named and version_tuple(named) > version_tuple(running):
            return named
    return ""


def version_tuple(text: str) -> tuple[int, ...]:
    """'0.5.0' → (0, 5, 0): versions compared as numbers ('0.10' after '0.9')."""
    return tuple(int(part) for part in text.split(".") if part.isdigit())
