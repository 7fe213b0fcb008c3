"""An erasure made at one office erases the customer at every office the bundles reach (issue 14 with R31)."""

from __future__ import annotations

from datetime import datetime

import pytest

from agency_app.domain import codes
from agency_app.domain.customer import CustomerInput
from agency_app.domain.voice import VoiceInput
from agency_app.storage import history_check
from agency_app.storage.customers import CustomerRepository
from agency_app.storage.erasure import erase_customer
from agency_app.storage.masters import MasterData
from agency_app.storage.voices import VoiceRepository
from agency_app.sync import conflicts

from tests.sync.sync_offices import cheap_key, head_office_and_branches  # noqa: F401

T1, T2, T3 = datetime(2026, 11, 2, 9, 0), datetime(2026, 11, 2, 10, 0), datetime(2026, 11, 3, 11, 0)
NAME, PHONE = "消去 太郎", "090-1111-2222"


def holds_anywhere(store, text: str) -> list[str]:
    """Every table.column (history included) where `text` still appears."""
    conn = store.conn
    found = []
    for (table,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '%fts%' "
                                 "AND name NOT LIKE 'voices_words%'"):
        for column in [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]:
            if conn.execute(f"SELECT 1 FROM {table} WHERE CAST({column} AS TEXT) LIKE ? LIMIT 1",
                            (f"%{text}%",)).fetchone():
                found.append(f"{table}.{column}")
    return found


@pytest.fixture
def offices(tmp_path):
    hq, (yok, osa) = head_office_and_branches(tmp_path, "YOK", "OSA")
    yield hq, yok, osa
    for office in (hq, yok, osa):
        office.close()


def test_an_erasure_at_head_office_reaches_the_branch_and_what_the_branch_added_meanwhile(offices):
    hq, yok, _ = offices
    clerk = yok.staff("横浜 一郎")
    customer = CustomerRepository(yok.store).create(CustomerInput(name=NAME, kana="しょうきょ たろう", phone=PHONE),
                                                    by=clerk, now=T1)
    voice = VoiceRepository(yok.store).create(
        VoiceInput(received_at="2026-11-02 09:00", kind=codes.KIND_DISSATISFACTION, summary=f"{NAME}様より電話",
                   customer_name=NAME, customer_id=customer, assignee_id=clerk), by=clerk, now=T1)
    hq.take(yok.send())
    yok.take(hq.send())
    manager = MasterData(hq.store).save_staff(name="本部 花子", role=codes.ROLE_MANAGER, branch_code="HQ")
    yok.edit(voice, clerk, T2, body=f"{NAME}様に折り返し（{PHONE}）")  # the branch, before hearing of the erasure
    erase_customer(hq.store, customer, "ご本人から利用停止の申し出", by=manager, now=T3)
    assert holds_anywhere(hq.store, NAME) == []
    result = yok.take(hq.send())
    assert result.merged.erased_here == 1
    assert holds_anywhere(yok.store, NAME) == [] and holds_anywhere(yok.store, PHONE) == []
    hq.take(yok.send())  # the branch's edit came to head office after the erasure: erased there too
    for office in (hq, yok):
        assert holds_anywhere(office.store, NAME) == [], office.code
        assert holds_anywhere(office.store, PHONE) == [], office.code
        assert history_check.verify(office.store.conn).problems == [], office.code
        assert office.store.conn.execute("SELECT count(*) FROM voices").fetchone()[0] == 1
        assert conflicts.open_count(office.store.conn) == 0, office.code  # the same erased values are no 競合
    # Nothing left to erase: one more round writes no further erasure anywhere.
    before = [o.store.conn.execute("SELECT count(*) FROM audit_log WHERE field = '*erased'").fetchone()[0]
              for o in (hq, yok)]
    yok.take(hq.send())
    hq.take(yok.send())
    assert [o.store.conn.execute("SELECT count(*) FROM audit_log WHERE field = '*erased'").fetchone()[0]
            for o in (hq, yok)] == before


def test_history_rewritten_by_an_erasure_reaches_a_third_office_rewritten_and_verifies(offices):
    """Osaka never saw the customer: head office's bundle brings Yokohama's rows as the erasure left them (their
    values no longer those they were sealed with), and Osaka's copy of every chain still verifies."""
    hq, yok, osa = offices
    clerk = yok.staff("横浜 一郎")
    customer = CustomerRepository(yok.store).create(CustomerInput(name=NAME, kana="しょうきょ たろう", phone=PHONE),
                                                    by=clerk, now=T1)
    hq.take(yok.send())
    manager = MasterData(hq.store).save_staff(name="本部 花子", role=codes.ROLE_MANAGER, branch_code="HQ")
    erase_customer(hq.store, customer, "ご本人から利用停止の申し出", by=manager, now=T3)
    result = osa.take(hq.send())
    assert result.merged.held_back == 0 and result.merged.erased_here == 0  # nothing of them to erase there
    assert osa.store.conn.execute("SELECT count(*) FROM audit_erasures").fetchone()[0] > 0
    assert holds_anywhere(osa.store, NAME) == [] and holds_anywhere(osa.store, PHONE) == []
    verdict = history_check.verify(osa.store.conn)
    assert verdict.problems == [] and verdict.erased > 0
