"""Issue 14 review passes, merge core: defects reviewers proved with these tests (now fixed), and what they found sound."""

from __future__ import annotations

import json
import sqlite3
from datetime import date, datetime
from pathlib import Path

from sqlite_utils import Database

from agency_app.domain.voice import VoiceInput
from agency_app.storage import history_chain, history_check, migrations
from agency_app.storage.checklist_templates import ChecklistTemplates
from agency_app.storage.database import Store, apply_migrations, connect, open_store
from agency_app.storage.masters import MasterData, initialise
from agency_app.storage.voice_days import VoiceDayRepository as VoiceDays
from agency_app.storage.voices import VoiceRepository
from agency_app.sync import bundle_file, conflicts
from agency_app.sync.bundle_export import export_bundle

from tests.storage.test_history_migration import _as_schema_5_wrote, fill_schema_5
from tests.sync.sync_offices import PASSPHRASE, Office, cheap_key, head_office_and_branches  # noqa: F401

T1, T2, T3 = datetime(2026, 11, 2, 9, 0), datetime(2026, 11, 2, 10, 0), datetime(2026, 11, 2, 11, 0)


def _upgraded_head_office(folder: Path, before: int) -> tuple[Store, str]:
    """Head office's file made by the migrations before `before`, one voice in it, then opened by this app."""
    path = folder / "HQ.db"
    store = Store(Database(connect(path)), path)
    apply_migrations(store, [s for s in migrations.load_scripts() if s.number < before])
    with _as_schema_5_wrote(store.conn):
        initialise(store)
        sato = MasterData(store).save_staff(name="佐藤 一郎", kana="さとう いちろう", team="損保", branch_code="HQ")
        voice = VoiceRepository(store).create(
            VoiceInput(received_at="2025-11-10 09:30", kind="dissatisfaction", summary="満期案内が届かない",
                       assignee_id=sato), by=sato, now=datetime(2025, 11, 10, 9, 30))
    store.close()
    store = open_store(path, daily_backup=False)
    MasterData(store).save_branch("YOK", "横浜支店")
    return store, voice


def test_an_agency_that_used_the_released_schema_5_can_set_up_a_branch(tmp_path):
    """User: head office has used the app since the released schema 5. It registers 横浜 and sends its first file;
    at the new branch `sync import` stops with "NOT NULL constraint failed: branches.name" and the branch can never
    join. Cause: history rows of schema 5 ('*created' with no snapshot of the values) make records of NULLs."""
    fill_schema_5(tmp_path / "HQ.db")
    hq = open_store(tmp_path / "HQ.db", daily_backup=False)
    MasterData(hq).save_branch("YOK", "横浜支店")
    first = tmp_path / "hq-1.agencysync"
    export_bundle(hq, first, PASSPHRASE)
    yok = Office(tmp_path, "YOK")
    try:
        yok.take(first)
        assert yok.store.conn.execute("SELECT summary FROM voices").fetchall() == [("満期案内が届かない",)]
    finally:
        yok.close()
        hq.close()


def test_a_voice_made_before_teams_existed_reaches_a_branch_with_its_team(tmp_path):
    """User: head office's voices were entered before schema 11 (voices.team added and filled then). The branch's
    first import stops with "NOT NULL constraint failed: voices.team". Cause: a '*created' snapshot that does not
    name a column (added by a later migration) is merged as NULL for it (domain/merge.py record_state)."""
    hq, voice = _upgraded_head_office(tmp_path, before=11)
    first = tmp_path / "hq-1.agencysync"
    export_bundle(hq, first, PASSPHRASE)
    yok = Office(tmp_path, "YOK")
    try:
        yok.take(first)
        assert yok.store.conn.execute("SELECT summary, team FROM voices WHERE uid = ?", (voice,)).fetchone() == (
            "満期案内が届かない", "損保")
    finally:
        yok.close()
        hq.close()


def test_a_checklist_template_saved_at_two_offices_is_listed_as_a_conflict(tmp_path):
    """User: head office and 横浜 each customise the 'renewal' checklist offline. After the exchange both offices
    hold 横浜's steps; head office's steps are gone from the template with nothing in the 競合 view. Cause: a record
    keyed by its code gets a second '*created' row; concurrent_pairs skips any pair whose later change is '*created'
    (domain/merge.py), so the later office's whole record silently replaces the other's."""
    hq, (yok,) = head_office_and_branches(tmp_path, "YOK")
    try:
        boss = hq.staff("本部 課長")
        MasterData(hq.store).save_staff(uid=boss, name="本部 課長", role="manager", branch_code="HQ")
        chief = yok.staff("横浜 支店長")
        MasterData(yok.store).save_staff(uid=chief, name="横浜 支店長", role="manager", branch_code="YOK")
        ChecklistTemplates(hq.store).save("renewal", ["満期日を確認する", "本部の手順"], by=boss, now=T1)
        ChecklistTemplates(yok.store).save("renewal", ["満期日を確認する", "横浜の手順"], by=chief, now=T2)
        hq.take(yok.send())
        yok.take(hq.send())
        assert ChecklistTemplates(hq.store).steps_for("renewal") == ChecklistTemplates(yok.store).steps_for("renewal")
        listed = [(c.entity, c.record_uid, c.field) for c in conflicts.conflicts(hq.store.conn)]
        assert ("checklist_templates", "renewal", "steps") in listed
    finally:
        hq.close()
        yok.close()


def test_two_pcs_of_one_branch_opening_the_same_voice_day_do_not_stop_the_sync(tmp_path):
    """User: 横浜 has two PCs; both open 損保's voice day of 11/2 before exchanging. At head office `sync import`
    of the second PC's file stops with "UNIQUE constraint failed: voice_days.branch_code, voice_days.team,
    voice_days.held_on" — and so does every later file of that PC, which carries the same rows again: nothing
    it records ever reaches head office. Cause: the merge inserts a record that breaks a UNIQUE index of another
    record (sync/merge.py _merge_record INSERT; the same for insurers.name, kpis, circulations, pairs …)."""
    hq = Office(tmp_path, "HQ", head_office=True)
    MasterData(hq.store).save_branch("YOK", "横浜支店")
    leader = MasterData(hq.store).save_staff(name="横浜 班長", team="損保", branch_code="YOK")
    first = hq.send()
    (tmp_path / "pc2").mkdir()
    pc1, pc2 = Office(tmp_path, "YOK"), Office(tmp_path / "pc2", "YOK")
    try:
        pc1.take(first)
        pc2.take(first)
        VoiceDays(pc1.store).open_meeting("損保", date(2026, 11, 2), leader, by=leader, now=T1)
        VoiceDays(pc2.store).open_meeting("損保", date(2026, 11, 2), leader, by=leader, now=T2)
        hq.take(pc1.send())
        later = pc2.voice(leader, "二台目で受けた声", T3)
        for _ in range(2):
            try:
                hq.take(pc2.send())
            except sqlite3.Error as error:
                stopped = str(error)  # noqa: F841 — "UNIQUE constraint failed: voice_days…", a traceback in the CLI
        assert hq.voice_row(later).get("summary") == "二台目で受けた声"
    finally:
        for office in (hq, pc1, pc2):
            office.close()


def _copy_of(office: Office, folder: Path) -> Office:
    """The same database as `office` now, as a second file (the same node: it only imports here)."""
    folder.mkdir()
    target = folder / f"{office.code}.db"
    office.store.conn.execute(f"VACUUM INTO '{target}'")
    twin = Office.__new__(Office)
    twin.folder, twin.code, twin.sent = folder, office.code, 0
    twin.store = open_store(target, daily_backup=False)
    return twin


def test_the_conflict_list_does_not_depend_on_the_order_bundles_arrive(tmp_path):
    """User: three offices change one voice's 要旨 offline. Head office shows two 競合 when 横浜's file comes
    before 大阪's, three when 大阪's comes first (a pair of head office's and 大阪's values that are no longer
    neighbours stays listed): the 競合 view differs with the order in which the post arrived. Cause:
    sync/merge.py _note_conflicts only ever adds the neighbouring pairs of the moment (domain/merge.py
    concurrent_pairs), never drops a pair a later-arriving change has come between."""
    hq, (yok, osa) = head_office_and_branches(tmp_path, "YOK", "OSA")
    twin = None
    try:
        clerk = hq.staff("本部 一郎")
        uid = hq.voice(clerk, "満期案内が届かない", T1)
        yok.take(hq.send())
        osa.take(hq.send())
        hq.edit(uid, clerk, T1, summary="本部の要旨")
        from_yok = _edited_and_sent(yok, uid, clerk, "横浜の要旨")
        from_osa = _edited_and_sent(osa, uid, clerk, "大阪の要旨")
        twin = _copy_of(hq, tmp_path / "twin")
        hq.take(from_yok), hq.take(from_osa)
        twin.take(from_osa), twin.take(from_yok)
        assert hq.voice_row(uid)["summary"] == twin.voice_row(uid)["summary"]

        def listed(office):
            return sorted((c.field, c.kept_value, c.lost_value) for c in conflicts.conflicts(office.store.conn))
        assert listed(hq) == listed(twin)
    finally:
        for office in (hq, yok, osa, twin):
            if office is not None:
                office.close()


def _edited_and_sent(office: Office, uid: str, by: str, summary: str) -> Path:
    from agency_app.storage import hybrid_clock
    started = hybrid_clock.physical_ms(hybrid_clock.wall_version())
    while hybrid_clock.physical_ms(hybrid_clock.wall_version()) == started:
        pass  # the next millisecond: a later version than the office before, which saved in this one or earlier
    office.edit(uid, by, T2, summary=summary)
    return office.send()


def test_one_row_with_the_largest_version_stops_every_later_save_at_head_office(tmp_path):
    """User: a bundle (authenticated with the agency's passphrase, but written by another tool or a broken PC)
    carries a change whose version is 2**63-1. It imports without a word; from then on every save at head office
    fails with "OverflowError: Python int too large to convert to SQLite INTEGER" — staff can enter nothing.
    Cause: sync/merge.py merge_rows takes any integer as a version; hybrid_clock.next_version is then past
    SQLite's largest integer. Suggested: refuse a row whose version is not an int within a sane range (e.g. not
    more than a day ahead of this PC's clock plus DRIFT, and < 2**62)."""
    hq, (yok,) = head_office_and_branches(tmp_path, "YOK")
    try:
        real = yok.send()
        meta = {k: v for k, v in bundle_file.read_header(real).items() if k in _META_KEYS}
        node = "f" * 32
        meta.update(bundle="c" * 32, node=node, holds={node: 1})
        hlc = 2 ** 63 - 1
        base = (0, "d" * 32, "YOK", "voices", "e" * 32, "summary", "a", "b", "2026-11-02 09:00", None)
        digest = history_chain.digest_of(base, node, hlc)
        chain = history_chain.link(history_chain.genesis(node), digest)
        line = json.dumps([*base[1:], node, digest, chain, hlc, None]).encode() + b"\n"
        crafted = tmp_path / "crafted.agencysync"
        bundle_file.write_bundle(crafted, meta, [line], PASSPHRASE)
        try:
            hq.take(crafted)
        except bundle_file.BundleError:
            return  # refused: what should happen
        hq.staff("本部 次郎")  # any later save
    finally:
        hq.close()
        yok.close()


_META_KEYS = ("kind", "bundle", "agency", "node", "branch", "branch_name", "head_office", "joined", "schema", "app",
              "made_at", "changes", "holds", "since")


def test_attendees_unticked_and_ticked_again_at_a_branch_reach_head_office(tmp_path):
    """User: at 横浜 the voice-day leader unticks all eight attendees and ticks them again (each tick is a new row;
    the history keeps the removal). Head office's import of that file stops — most of the time — with "UNIQUE
    constraint failed: voice_day_attendees.voice_day_id, voice_day_attendees.staff_id", and every later file of
    横浜 with it. Cause: sync/merge.py merge_rows merges the touched records in set order (result.touched is a
    set): a new attendee row can be inserted before the tombstone of the old row for the same person is applied.
    Suggested: apply the records whose state is deleted first, then the others (and see the UNIQUE test above)."""
    hq, (yok,) = head_office_and_branches(tmp_path, "YOK")
    try:
        masters = MasterData(yok.store)
        people = [masters.save_staff(name=f"横浜 {n}", team="損保", branch_code="YOK") for n in "一二三四五六七八"]
        days = VoiceDays(yok.store)
        meeting = days.open_meeting("損保", date(2026, 11, 2), people[0], by=people[0], now=T1)
        days.set_attendees(meeting, people, by=people[0], now=T1)
        hq.take(yok.send())
        days.set_attendees(meeting, [], by=people[0], now=T2)
        days.set_attendees(meeting, people, by=people[0], now=T3)
        hq.take(yok.send())
        assert hq.store.conn.execute("SELECT count(*) FROM voice_day_attendees WHERE voice_day_id = ?",
                                     (meeting,)).fetchone()[0] == 8
    finally:
        hq.close()
        yok.close()


def test_an_erased_customer_is_not_left_in_the_exchange_folder(tmp_path):
    """User (R31 利用停止・消去): head office erases a customer at the customer's request; every office has exchanged
    since, and every database holds nothing of them. The shared exchange folder (a network drive, a USB stick
    carried between offices) still holds every bundle ever written, and 横浜's first one still opens with the
    agency's passphrase and shows the customer's name and phone. Cause: sync/exchange_folder.py exchange never
    removes a bundle, not even one every office has confirmed. Suggested: remove our own bundles whose rows every
    peer holds (sync_peers), or at least those older than the erasure."""
    from agency_app.domain.customer import CustomerInput
    from agency_app.storage.customers import CustomerRepository
    from agency_app.storage.erasure import erase_customer
    from agency_app.sync.exchange_folder import exchange

    (tmp_path / "offices").mkdir()
    hq, (yok,) = head_office_and_branches(tmp_path / "offices", "YOK")
    folder = tmp_path / "exchange"
    folder.mkdir()
    try:
        clerk = yok.staff("横浜 一郎")
        manager = MasterData(hq.store).save_staff(name="本部 花子", role="manager", branch_code="HQ")
        customer = CustomerRepository(yok.store).create(CustomerInput(name="消去 太郎", kana="しょうきょ たろう",
                                                                      phone="090-1111-2222"), by=clerk, now=T1)
        for office in (yok, hq, yok):  # bundle names carry random letters: two in one second are two files
            exchange(office.store, folder, PASSPHRASE)
        erase_customer(hq.store, customer, "ご本人から利用停止の申し出", by=manager, now=T2)
        for office in (hq, yok, hq, yok):
            exchange(office.store, folder, PASSPHRASE)
        for office in (hq, yok):
            assert office.store.conn.execute("SELECT count(*) FROM audit_log WHERE new_value LIKE '%消去 太郎%' "
                                             "OR old_value LIKE '%消去 太郎%'").fetchone()[0] == 0
        still = [p.name for p in sorted(folder.iterdir())
                 if "消去 太郎".encode() in b"".join(bundle_file.read_bundle(p, PASSPHRASE))]
        assert still == []
    finally:
        hq.close()
        yok.close()


def test_a_branch_set_up_with_init_does_not_rename_itself_at_head_office(tmp_path):
    """User: head office registers branch OSA as 大阪支店 and sends its first file. At Osaka the PC is set up with
    `agency-app init --db … --branch OSA` (no --branch-name: the name defaults to the code, cli.py) and takes the
    file. After Osaka's first file, head office's branch list, every report by branch and the 同期状況 view say
    "OSA" instead of 大阪支店 — silently, nothing in the 競合 view. Cause: both offices made a '*created' row for
    branches/OSA; the later one (Osaka's init) wins every field (domain/merge.py record_state) and a later
    '*created' is never a conflict (concurrent_pairs)."""
    hq = Office(tmp_path, "HQ", head_office=True)
    MasterData(hq.store).save_branch("OSA", "大阪支店")
    first = hq.send()
    osa = Office.__new__(Office)
    osa.folder, osa.code, osa.sent = tmp_path, "OSA", 0
    osa.store = open_store(tmp_path / "OSA.db", daily_backup=False, new=True)
    initialise(osa.store, branch_code="OSA", branch_name="OSA", is_head_office=False)  # as `init --branch OSA`
    try:
        osa.take(first)
        hq.take(osa.send())
        assert hq.store.conn.execute("SELECT name FROM branches WHERE code = 'OSA'").fetchone()[0] == "大阪支店"
    finally:
        hq.close()
        osa.close()


def test_elderly_sales_recorded_at_two_offices_before_they_exchange_do_not_stop_the_sync(tmp_path):
    """User: head office and 横浜 each record their first 高齢者募集 (elderly sale) before exchanging files. Each
    file made its own rules version 1 (the defaults, "made on first use"). Head office's import of 横浜's file
    stops with "UNIQUE constraint failed: elderly_rules.rules_version", and so will every later file of 横浜:
    nothing 横浜 records reaches head office again. Cause: elderly_rules.current() inserts version 1 with a new
    random uid at each office; sync/merge.py _merge_record inserts the other office's version 1 beside it.
    Suggested: version 1's uid from a fixed uuid5 (it is the shipped default), and a merge that never crashes on
    a UNIQUE index (see the voice-day test)."""
    from agency_app.domain.customer import CustomerInput
    from agency_app.domain.elderly_entry import SaleInput
    from agency_app.storage.customers import CustomerRepository
    from agency_app.storage.elderly_sales import ElderlySaleRepository

    hq, (yok,) = head_office_and_branches(tmp_path, "YOK")
    try:
        for office, when in ((hq, T1), (yok, T2)):
            seller = office.staff(f"{office.code} 一郎")
            customer = CustomerRepository(office.store).create(
                CustomerInput(name=f"{office.code} 高齢 太郎", kana="こうれい たろう", birth_date="1940/01/01"),
                by=seller, now=when)
            ElderlySaleRepository(office.store).create(
                SaleInput(customer_id=customer, sale_date="2026/11/02", product_line="life", seller_id=seller,
                          face_to_face=True), by=seller, now=when)
        hq.take(yok.send())
        yok.take(hq.send())
        for office in (hq, yok):
            assert office.store.conn.execute("SELECT count(*) FROM elderly_sales").fetchone()[0] == 2
    finally:
        hq.close()
        yok.close()


def test_a_bundle_cannot_add_rows_to_the_receivers_own_chain(tmp_path):
    """User/auditor: a file from 横浜 (made with the agency's passphrase by another tool, or by a broken copy of
    head office's database) carries a change sealed as if head office's own PC had made it: 本部 花子 changed
    a voice's 要旨. Head office imports it; its history now says its own manager made a change she never made,
    and `agency-app check` finds nothing wrong. Only head office ever writes head office's chain. Cause:
    sync/merge.py _Chains.extends accepts a row of any node whose digest and link compute, this database's own
    node included. Suggested: refuse (or hold back) rows whose node is this database's own node id."""
    hq, (yok,) = head_office_and_branches(tmp_path, "YOK")
    try:
        manager = hq.staff("本部 花子")
        uid = hq.voice(manager, "満期案内が届かない", T1)
        yok.take(hq.send())
        hq_node = hq.store.conn.execute("SELECT value FROM settings WHERE key = 'node_id'").fetchone()[0]
        head, newest = yok.store.conn.execute(  # what 横浜 holds of head office's chain
            "SELECT chain, hlc FROM audit_log WHERE pc = ? ORDER BY id DESC LIMIT 1", (hq_node,)).fetchone()
        held = yok.store.conn.execute("SELECT count(*) FROM audit_log WHERE pc = ?", (hq_node,)).fetchone()[0]
        meta = {k: v for k, v in bundle_file.read_header(yok.send()).items() if k in _META_KEYS}
        meta.update(bundle="a" * 32, holds={**meta["holds"], hq_node: held + 1})
        hlc = newest + 1
        base = (0, "b" * 32, "HQ", "voices", uid, "summary", "満期案内が届かない", "本部で書き換えた要旨",
                "2026-11-02 12:00", manager)
        digest = history_chain.digest_of(base, hq_node, hlc)
        line = json.dumps([*base[1:], hq_node, digest, history_chain.link(head, digest), hlc, None]).encode() + b"\n"
        crafted = tmp_path / "crafted.agencysync"
        bundle_file.write_bundle(crafted, meta, [line], PASSPHRASE)
        try:
            hq.take(crafted)
        except bundle_file.BundleError:
            pass  # refused: fine
        assert hq.voice_row(uid)["summary"] == "満期案内が届かない"
        assert history_check.verify(hq.store.conn).problems == []
    finally:
        hq.close()
        yok.close()


def test_a_folder_that_can_be_read_but_not_written_is_a_folder_problem_said_in_japanese(tmp_path, monkeypatch):
    """User: the exchange folder is a share head office may read but not write (or a write-protected USB stick,
    or a full one). `sync folder` takes the others' files, then ends in an English traceback "PermissionError:
    [Errno 13] Permission denied" — the summary of what it imported is never printed. FolderProblem is documented
    for "no permission" (exchange_folder.py), and the CLI says it in Japanese; only the listing is wrapped.
    Cause: sync/exchange_folder.py exchange lets the OSError of export_bundle escape."""
    import errno

    from agency_app.sync.exchange_folder import FolderProblem, exchange

    (tmp_path / "offices").mkdir()
    folder = tmp_path / "exchange"
    folder.mkdir()
    hq, (yok,) = head_office_and_branches(tmp_path / "offices", "YOK")
    try:
        yok.voice(yok.staff("横浜 一郎"), "満期案内が届かない", T1)
        exchange(yok.store, folder, PASSPHRASE)

        def refused(path, *args, **kwargs):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        monkeypatch.setattr(bundle_file, "write_bundle", refused)
        try:
            exchange(hq.store, folder, PASSPHRASE)
        except FolderProblem:
            pass
    finally:
        hq.close()
        yok.close()
