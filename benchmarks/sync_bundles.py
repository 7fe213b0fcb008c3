"""Branch-sync bundles (issue 14): a branch's 100,000 new voices exported as one bundle, imported at head office, again.

Two databases are built once into benchmarks/cache/sync-<N>-schema<V>/ (git-ignored; V is the newest schema): head
office (HQ, branch YOK registered) and the branch YOK, made by `init` and joined by head office's first bundle, as
tests/sync/sync_offices.py makes them; then the demo generator (agency_app.demo.voices.generate, the same as
`agency-app demo`) fills the branch with <N> voices and their sealed history (created, 対応中, 完了 / 見送り, a few
reopened; hlc versions, the branch node's chain) plus the demo's staff, customers and follow-ups — none of which
head office has seen. The cache is never written: every step runs on copies, each in a child process of its own
(its time and peak memory are its own), with the real scrypt (N=2**17) and a throw-away AGENCY_APP_DATA:
- `bundle_export_100k_s`: export_bundle of the branch (everything head office lacks);
- `bundle_import_100k_s`: import_bundle of that bundle at head office, up to its commit (decrypt, merge of every
  row and record); `bundle_words_100k_s`: the word-index catch-up import_bundle runs after the commit;
- `bundle_reimport_100k_s`: the same bundle file again (already imported: nothing done);
- `bundle_again_100k_s`: the branch's next bundle before it has heard back (a new bundle carrying the same rows)
  imported at head office: every row is known and skipped;
- `bundle_bytes`, `bundle_bytes_per_voice`, `bundle_changes` (history rows carried), peak RSS of each child.
`python benchmarks/sync_bundles.py [--voices 100000]` prints the measures as JSON; benchmarks/run.py --only-sync too.
`--zlib-level 1` times only the export with bundle_file.ZLIB_LEVEL set so (what another level would cost and save).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / "benchmarks" / "cache"
VOICES = 100_000
BRANCH = "YOK"
PASSPHRASE = "代理店の合言葉2026"
ZLIB_LEVEL_ENV = "AGENCY_BENCH_ZLIB_LEVEL"


def say(text: str) -> None:
    print(f"[bench] {text}", flush=True)


def cache_dir(voices: int) -> Path:
    sys.path.insert(0, str(ROOT))
    from agency_app.storage import migrations
    return CACHE / f"sync-{voices}-schema{migrations.latest_schema_version()}"


def _copy(source: Path, target: Path) -> Path:
    """A consistent copy (its -wal included) through SQLite's backup; the source is only read."""
    src, dst = sqlite3.connect(source), sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        src.close()
        dst.close()
    return target


def _build(folder: Path, voices: int, seed: int) -> None:
    """Head office and a joined branch, then the demo's voices at the branch (in this process: AGENCY_APP_DATA set)."""
    from agency_app.demo.voices import generate
    from agency_app.storage.database import open_store
    from agency_app.storage.masters import MasterData, initialise
    from agency_app.sync.bundle_export import export_bundle
    from agency_app.sync.bundle_import import import_bundle

    hq = open_store(folder / "hq.db", daily_backup=False, new=True)
    try:
        initialise(hq, branch_code="HQ", branch_name="本部", is_head_office=True)
        MasterData(hq).save_branch(BRANCH, "横浜支店", is_head_office=False)
        first = folder / "hq-first.agencysync"
        export_bundle(hq, first, PASSPHRASE)
    finally:
        hq.close()
    branch = open_store(folder / "branch.db", daily_backup=False, new=True)
    try:
        initialise(branch, branch_code=BRANCH, branch_name="横浜支店", is_head_office=False)
        joined = import_bundle(branch, first, PASSPHRASE)
        assert joined.joined, "the branch did not take head office's agency id"
        made = generate(branch, voices=voices, seed=seed)
        say(f"branch demo: {voices:,} voices in {made['seconds']:.1f} s; phases {made['phases']}")
    finally:
        branch.close()
    first.unlink()


def cached_offices(voices: int, seed: int) -> Path:
    """The cache folder holding hq.db and branch.db for this size and schema; built when missing."""
    folder = cache_dir(voices)
    if (folder / "branch.db").exists() and (folder / "hq.db").exists():
        say(f"reusing {folder.relative_to(ROOT)}")
        return folder
    for stale in CACHE.glob(f"sync-{voices}-schema*"):
        say(f"removing {stale.name}")
        shutil.rmtree(stale)
    partial = folder.with_name(folder.name + ".partial")
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir(parents=True)
    say(f"building head office and branch {BRANCH} with {voices:,} demo voices into {folder.relative_to(ROOT)} …")
    with tempfile.TemporaryDirectory(prefix="agency-bench-sync-data-") as data:
        done = subprocess.run([sys.executable, __file__, "--build", str(partial), "--voices", str(voices),
                               "--seed", str(seed)], env=dict(os.environ, AGENCY_APP_DATA=data))
    if done.returncode != 0:
        raise SystemExit(f"building the sync benchmark's databases failed (exit {done.returncode})")
    partial.replace(folder)
    return folder


# --- the child processes ------------------------------------------------------------------
def peak_rss_mb() -> float | None:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from excel import peak_rss_mb as peak  # benchmarks/excel.py: VmHWM, the child's own peak
    return peak()


def child_export(db: Path, out: Path) -> dict:
    from agency_app.storage.database import open_store
    from agency_app.sync import bundle_file
    from agency_app.sync.bundle_export import export_bundle

    if os.environ.get(ZLIB_LEVEL_ENV):  # --zlib-level: what another compression level would give (readers take any)
        bundle_file.ZLIB_LEVEL = int(os.environ[ZLIB_LEVEL_ENV])
    store = open_store(db, daily_backup=False, check=False)
    try:
        started, cpu = time.perf_counter(), time.process_time()
        result = export_bundle(store, out, PASSPHRASE)
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    finally:
        store.close()
    return {"s": round(seconds, 2), "cpu_s": round(cpu, 2), "changes": result.changes, "bytes": result.size,
            "peak_rss_mb": peak_rss_mb()}


def child_import(db: Path, bundle: Path) -> dict:
    from agency_app.storage.database import open_store
    from agency_app.sync.bundle_import import import_bundle

    store = open_store(db, daily_backup=False, check=False)
    marks: list[tuple[float, float]] = []
    try:
        started, cpu = time.perf_counter(), time.process_time()
        result = import_bundle(store, bundle, PASSPHRASE, words_progress=lambda done, total: marks.append(
            (time.perf_counter(), time.process_time())))
        ended = (time.perf_counter(), time.process_time())
        voices = store.conn.execute("SELECT count(*) FROM voices").fetchone()[0]
    finally:
        store.close()
    merged = result.merged
    words_from = marks[0] if marks else ended  # catch_up reports (0, total) first, right after the commit
    return {"s": round(words_from[0] - started, 2), "cpu_s": round(words_from[1] - cpu, 2),
            "words_s": round(ended[0] - words_from[0], 2), "words_cpu_s": round(ended[1] - words_from[1], 2),
            "already": result.already,
            "changes": merged.changes, "new_changes": merged.new_changes, "known": merged.known,
            "held_back": merged.held_back, "records": merged.records, "conflicts": merged.conflicts,
            "voices_after": voices, "peak_rss_mb": peak_rss_mb()}


def run_child(*args: str, data: Path, zlib_level: int | None = None) -> dict:
    env = dict(os.environ, AGENCY_APP_DATA=str(data))
    if zlib_level is not None:
        env[ZLIB_LEVEL_ENV] = str(zlib_level)
    done = subprocess.run([sys.executable, __file__, "--child", *args], capture_output=True, text=True, env=env)
    if done.returncode != 0:
        raise SystemExit(f"sync benchmark child {args[0]} failed: {done.stderr.strip()[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def zlib_experiment(voices: int, seed: int, level: int) -> dict:
    """The export again with bundle_file.ZLIB_LEVEL set to `level` (not a key of run.py: a figure for choosing it)."""
    folder = cached_offices(voices, seed)
    with tempfile.TemporaryDirectory(prefix="agency-bench-sync-") as temp:
        branch = _copy(folder / "branch.db", Path(temp) / "branch.db")
        done = run_child("export", str(branch), str(Path(temp) / "out.agencysync"), data=Path(temp) / "data",
                         zlib_level=level)
    return {f"zlib{level}_export_s": done["s"], f"zlib{level}_export_cpu_s": done["cpu_s"],
            f"zlib{level}_bundle_bytes": done["bytes"]}


def sync_measures(voices: int = VOICES, seed: int = 1) -> dict:
    """The bundle_* keys (they keep '100k' in their names whatever `voices` is)."""
    folder = cached_offices(voices, seed)
    with tempfile.TemporaryDirectory(prefix="agency-bench-sync-") as temp:
        temp_dir = Path(temp)
        data = temp_dir / "data"
        branch = _copy(folder / "branch.db", temp_dir / "branch.db")
        hq = _copy(folder / "hq.db", temp_dir / "hq.db")
        bundle, again = temp_dir / "first.agencysync", temp_dir / "again.agencysync"
        say(f"sync: exporting branch {BRANCH}'s {voices:,} voices (scrypt N=2**17) …")
        exported = run_child("export", str(branch), str(bundle), data=data)
        say(f"sync: export {exported}")
        say("sync: importing it at head office …")
        imported = run_child("import", str(hq), str(bundle), data=data)
        say(f"sync: import {imported}")
        if imported["voices_after"] < voices or imported["held_back"]:
            raise SystemExit(f"head office did not take the branch's voices: {imported}")
        reimported = run_child("import", str(hq), str(bundle), data=data)
        say(f"sync: the same bundle again {reimported}")
        carried = run_child("export", str(branch), str(again), data=data)
        known = run_child("import", str(hq), str(again), data=data)
        say(f"sync: the branch's next bundle, same rows ({carried['changes']:,}): {known}")
    return {"sync_voices": voices, "bundle_changes": exported["changes"],
            "bundle_export_100k_s": exported["s"], "bundle_import_100k_s": imported["s"],
            "bundle_words_100k_s": imported["words_s"], "bundle_reimport_100k_s": reimported["s"],
            "bundle_again_100k_s": known["s"], "bundle_bytes": exported["bytes"],
            "bundle_bytes_per_voice": round(exported["bytes"] / voices, 1),
            "bundle_records_merged": imported["records"],
            "bundle_export_peak_rss_mb": exported["peak_rss_mb"], "bundle_import_peak_rss_mb": imported["peak_rss_mb"],
            "bundle_again_peak_rss_mb": known["peak_rss_mb"]}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--voices", type=int, default=VOICES)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--zlib-level", type=int, help="only the export, at this zlib level (default: the app's)")
    parser.add_argument("--build", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--child", nargs=3, metavar=("STEP", "DB", "BUNDLE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    if args.build:
        _build(args.build, args.voices, args.seed)
    elif args.child:
        step, db, bundle = args.child
        print(json.dumps((child_export if step == "export" else child_import)(Path(db), Path(bundle))))
    elif args.zlib_level is not None:
        print(json.dumps(zlib_experiment(args.voices, args.seed, args.zlib_level)))
    else:
        print(json.dumps(sync_measures(args.voices, args.seed), ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
