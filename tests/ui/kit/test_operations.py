"""The one way from screen to data: work off the UI thread, what changed announced first, known errors said, bugs raised."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtWidgets import QApplication, QProgressDialog, QPushButton, QVBoxLayout, QWidget

from agency_app.domain.voice import VoiceInput
from agency_app.storage.errors import DiskFull, ReadOnly
from agency_app.ui.kit import operations as O
from agency_app.ui.kit.messages import storage_error_text
from agency_app.ui.kit.widgets import Banner
from list_fixtures import make_ops, settle

NOW_TEXT = "2025-11-20 09:00"


class Screen(QWidget):
    """A widget with a banner, as every form and panel has: known errors are said there."""

    def __init__(self):
        super().__init__()
        self.banner = Banner(self)
        self.button = QPushButton("go", self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(self.button)


@pytest.fixture
def screen(qtbot):
    widget = Screen()
    qtbot.addWidget(widget)
    widget.show()
    return widget


def _entry(by: str, summary: str = "折り返しがない") -> VoiceInput:
    return VoiceInput(received_at=NOW_TEXT, summary=summary, kind="dissatisfaction", assignee_id=by)


def test_a_write_runs_off_the_ui_thread_and_announces_what_it_touched_before_its_callback(
        qtbot, file_ops, voice_db, screen):
    _store, staff, _uids = voice_db
    seen: list = []
    file_ops.changed.connect(lambda changes: seen.append(("changed", changes)))
    threads = {}

    def create(data):
        threads["work"] = threading.current_thread()
        return data.voices.create(_entry(staff["sato"]), by=staff["sato"])

    def saved(uid):
        threads["success"] = threading.current_thread()
        seen.append(("saved", uid))
    file_ops.write(screen, create).success(saved).run()
    assert not seen  # nothing happened yet on the UI thread: the write runs in its own thread
    settle(qtbot, file_ops)
    assert threads["work"] is not threading.main_thread()
    assert threads["success"] is threading.main_thread()
    (first, changes), (second, uid) = seen
    assert (first, second) == ("changed", "saved")
    assert changes.records == {("voices", uid)}
    assert file_ops.read.voices.get(uid)["summary"] == "折り返しがない"  # committed: the UI's reader sees it


def test_a_query_reads_on_its_own_connection_which_refuses_writes(qtbot, file_ops, voice_db, screen):
    _store, staff, _uids = voice_db
    conns = []

    def read(data):
        conns.append(data.conn)
        return data.conn.execute("SELECT count(*) FROM voices").fetchone()[0]
    counted = []
    file_ops.query(screen, read).success(counted.append).run()
    settle(qtbot, file_ops)
    assert counted == [8] and conns[0] is not file_ops.services.conn and conns[0] is not file_ops.read.conn

    file_ops.query(screen, lambda data: data.voices.create(_entry(staff["sato"]), by=staff["sato"])).run()
    settle(qtbot, file_ops)
    assert screen.banner.text() == storage_error_text(ReadOnly("query_only"))
    assert file_ops.read.conn.execute("SELECT count(*) FROM voices").fetchone()[0] == 8


def test_a_known_error_is_said_in_japanese_in_the_banner_of_the_screen(qtbot, file_ops, screen):
    def full(_data):
        raise DiskFull("database or disk is full")
    file_ops.write(screen.button, full).run()  # the banner is found up the widget tree
    settle(qtbot, file_ops)
    assert screen.banner.isVisible()
    assert screen.banner.text() == storage_error_text(DiskFull("x"))
    assert "空き容量" in screen.banner.text() or "disk" in screen.banner.text().lower()


def test_a_failure_callback_takes_the_known_error_instead_of_the_banner(qtbot, file_ops, screen):
    caught = []
    file_ops.write(screen, lambda _data: (_ for _ in ()).throw(DiskFull("full"))).failure(caught.append).run()
    settle(qtbot, file_ops)
    assert [type(e) for e in caught] == [DiskFull] and not screen.banner.isVisible()


def test_a_bug_is_not_swallowed(qtbot, file_ops, screen):
    with qtbot.captureExceptions() as raised:
        file_ops.query(screen, lambda _data: {}["missing"]).run()
        settle(qtbot, file_ops)
    assert [type(e[1]) for e in raised] == [KeyError]
    assert not screen.banner.isVisible()


def test_a_bug_in_synchronous_work_reaches_the_caller(ops, screen):
    with pytest.raises(ZeroDivisionError, match="division by zero"):
        ops.write(screen, lambda _data: 1 / 0).run()


def test_a_newer_query_with_the_same_key_replaces_the_running_one(qtbot, file_ops, screen):
    started, release = threading.Event(), threading.Event()

    def slow(_data):
        started.set()
        release.wait(10)
        return "old"
    got = []
    file_ops.query(screen, slow, key="counts").success(got.append).run()
    assert started.wait(10)
    file_ops.query(screen, lambda _data: "new", key="counts").success(got.append).run()
    release.set()
    settle(qtbot, file_ops)
    assert got == ["new"]


def test_progress_shows_after_half_a_second_and_stop_interrupts_a_long_count(qtbot, file_ops, screen):
    never = []
    endless = ("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) "
               "SELECT count(*) FROM n")  # runs until interrupted
    op = file_ops.query(screen, lambda data: data.conn.execute(endless).fetchone()) \
        .success(never.append).with_progress("集計しています…", cancellable=True).run()

    def dialog() -> QProgressDialog | None:
        return next((w for w in QApplication.topLevelWidgets()
                     if isinstance(w, QProgressDialog) and w.isVisible()), None)
    assert dialog() is None  # not at once: a quick answer shows nothing
    qtbot.waitUntil(lambda: dialog() is not None, timeout=5000)
    assert dialog().labelText() == "集計しています…"
    stop, = dialog().findChildren(QPushButton)  # 中止 (its Japanese is checked with the other texts)
    stop.click()
    settle(qtbot, file_ops)
    assert op.cancelled and never == [] and dialog() is None
    assert not screen.banner.isVisible()  # stopping is not an error


def test_a_query_that_outlasts_its_progress_window_still_delivers_its_result(qtbot, file_ops, screen):
    """The progress window closes when the work ends; closing it is not 中止 (QProgressDialog's close emits
    `canceled`): the result still reaches the screen. On the 集計 tab a year at a million voices counts in ~0.6 s."""
    started, release = threading.Event(), threading.Event()
    got, ended = [], []

    def slow(_data):
        started.set()
        release.wait(10)
        return "figures"
    op = file_ops.query(screen, slow).success(got.append).always(lambda: ended.append(op.cancelled)) \
        .with_progress("集計しています…", cancellable=True).run()
    assert started.wait(10)
    qtbot.waitUntil(lambda: any(isinstance(w, QProgressDialog) and w.isVisible()
                                for w in QApplication.topLevelWidgets()), timeout=5000)
    release.set()
    settle(qtbot, file_ops)
    assert got == ["figures"] and ended == [False] and not op.cancelled
    assert not any(isinstance(w, QProgressDialog) and w.isVisible() for w in QApplication.topLevelWidgets())


def test_a_write_has_no_stop_button(qtbot, file_ops, screen):
    started, release = threading.Event(), threading.Event()
    file_ops.write(screen, lambda _data: (started.set(), release.wait(10))).with_progress(cancellable=True).run()
    assert started.wait(10)
    qtbot.waitUntil(lambda: any(isinstance(w, QProgressDialog) and w.isVisible()
                                for w in QApplication.topLevelWidgets()), timeout=5000)
    shown = next(w for w in QApplication.topLevelWidgets() if isinstance(w, QProgressDialog) and w.isVisible())
    assert shown.findChildren(QPushButton) == []  # a write is never left half-way by a click
    release.set()
    settle(qtbot, file_ops)


def test_a_window_closed_meanwhile_gets_no_callback_but_the_change_is_announced(qtbot, file_ops, voice_db):
    _store, staff, _uids = voice_db
    closing = Screen()
    started, release = threading.Event(), threading.Event()
    got, announced = [], []
    file_ops.changed.connect(announced.append)

    def create(data):
        started.set()
        release.wait(10)
        return data.voices.create(_entry(staff["sato"]), by=staff["sato"])
    file_ops.write(closing, create).success(got.append).run()
    assert started.wait(10)
    closing.deleteLater()
    qtbot.waitUntil(lambda: not O.isValid(closing), timeout=5000)
    release.set()
    settle(qtbot, file_ops)
    assert got == [] and len(announced) == 1 and announced[0].touches("voices")


def test_shutting_down_lets_a_running_write_complete(qtbot, voice_db, screen):
    store, staff, _uids = voice_db
    ops = make_ops(store)
    started = threading.Event()

    def create(data):
        started.set()
        return data.voices.create(_entry(staff["sato"], "閉じる直前の保存"), by=staff["sato"])
    ops.write(screen, create).run()
    assert started.wait(10)
    ops.shutdown()
    assert store.conn.execute("SELECT count(*) FROM voices WHERE summary = '閉じる直前の保存'").fetchone()[0] == 1
    with pytest.raises(RuntimeError, match="closed"):
        ops.write(screen, lambda _data: None).run()


def test_shutting_down_writes_what_was_still_queued_behind_a_running_write(qtbot, voice_db, screen):
    """A call-back marked as made just before closing, queued behind a save that waits: it is written too."""
    store, staff, _uids = voice_db
    ops = make_ops(store)
    started, release = threading.Event(), threading.Event()

    def slow_save(data):
        started.set()
        release.wait(10)
        return data.voices.create(_entry(staff["sato"], "先に始まった保存"), by=staff["sato"])
    ops.write(screen, slow_save).run()
    ops.write(screen, lambda data: data.voices.create(_entry(staff["sato"], "後に頼んだ保存"), by=staff["sato"])).run()
    assert started.wait(10)

    def release_once_shutdown_has_begun() -> None:
        writer = ops._writer
        while not writer._shutdown:  # the executor's own flag: set before it would drop queued work
            threading.Event().wait(0.005)
        with writer._shutdown_lock:  # whatever shutdown() drops, it has dropped by now
            release.set()
    releaser = threading.Thread(target=release_once_shutdown_has_begun)
    releaser.start()
    ops.shutdown()
    releaser.join(10)
    saved = {row[0] for row in store.conn.execute("SELECT summary FROM voices")}
    assert {"先に始まった保存", "後に頼んだ保存"} <= saved


def test_a_known_error_after_its_window_closed_is_said_where_the_user_is_now(qtbot, file_ops, voice_db, screen,
                                                                              monkeypatch):
    """A save put aside by a staff switch that then meets a full disk: the user, now elsewhere, is told — in a box
    of its own, not in the banner of the form now open (that would read as its own failure)."""
    from PySide6.QtWidgets import QMessageBox
    boxes = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: boxes.append((parent, text)))
    closing = Screen()
    closing.show()
    started, release = threading.Event(), threading.Event()

    def full(_data):
        started.set()
        release.wait(10)
        raise DiskFull("database or disk is full")
    file_ops.write(closing, full).run()
    assert started.wait(10)
    closing.deleteLater()
    qtbot.waitUntil(lambda: not O.isValid(closing), timeout=5000)
    screen.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is screen, timeout=5000)
    release.set()
    settle(qtbot, file_ops)
    assert boxes == [(screen, storage_error_text(DiskFull("x")))] and not screen.banner.isVisible()
