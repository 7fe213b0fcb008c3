"""Send and receive in the window: the passphrase asked (again in place when wrong, refused when weak), the work on
the writer thread with 中止 that leaves the database as it was, and the result the user reads."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from agency_app.sync import bundle_file
from agency_app.ui.sync import sync_jobs
from agency_app.ui.sync.sync_dialog import PassphraseKeeper, SyncDialog
from agency_app.ui.sync.sync_jobs import export_job, folder_job, import_job
from form_fixtures import ime_type
from list_fixtures import settle
from sync_screen_data import T1
from tests.sync.sync_offices import PASSPHRASE

WRONG = "ちがう合言葉です"


def dialog_for(qtbot, ops, parent, job, *, confirm=False, keeper=None, **options) -> SyncDialog:
    dialog = SyncDialog(ops, parent, title="送受信", intro="", job=job, keeper=keeper or PassphraseKeeper(),
                        confirm=confirm, **options)
    qtbot.addWidget(dialog)
    return dialog.begin()


def type_passphrase(qtbot, dialog, text, again=None) -> None:
    """Typed as the IME commits it (the passphrase field takes Japanese), Tab to the second field, Enter."""
    qtbot.waitUntil(dialog.passphrase.hasFocus)
    ime_type(dialog.passphrase, text)  # over the selected earlier attempt
    if dialog.confirm:
        qtbot.keyClick(dialog.passphrase, Qt.Key.Key_Tab)
        assert dialog.again.hasFocus()
        ime_type(dialog.again, text if again is None else again)
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)


def wait_done(qtbot, dialog, ops) -> None:
    qtbot.waitUntil(lambda: dialog.state in ("done", "ask") and ops.is_idle())
    settle(qtbot, ops)


def history_rows(office) -> int:
    return office.store.conn.execute("SELECT count(*) FROM audit_log").fetchone()[0]


def test_an_import_brings_the_branch_voice_and_the_result_says_what_came(qtbot, offices, hq_ops, parent):
    hq, yok, _ = offices
    uid = yok.voice(yok.staff("横浜 一郎"), "満期案内が届かない", T1)
    bundle = yok.send()
    changed = []
    hq_ops.changed.connect(changed.append)
    keeper = PassphraseKeeper()
    dialog = dialog_for(qtbot, hq_ops, parent, import_job([bundle]), keeper=keeper)
    assert dialog.state == "ask" and dialog.passphrase.echoMode() == dialog.passphrase.EchoMode.Password
    type_passphrase(qtbot, dialog, PASSPHRASE)
    wait_done(qtbot, dialog, hq_ops)
    assert dialog.state == "done" and dialog.heading.text() == "Import finished."
    summary = dialog.summary.text()
    assert "Files imported: 1" in summary and "Records brought: 2" in summary and "New conflicts: 0" in summary
    assert bundle.name in summary and "from YOK" in summary
    assert hq.voice_row(uid)["summary"] == "満期案内が届かない"
    assert any(c.touches("voices") for c in changed)  # the open lists follow the import
    assert keeper.value == PASSPHRASE  # kept in memory for the session, once it worked
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_a_wrong_passphrase_is_said_under_the_field_and_the_user_types_again(qtbot, offices, hq_ops, parent):
    hq, yok, _ = offices
    uid = yok.voice(yok.staff("横浜 一郎"), "満期案内が届かない", T1)
    bundle = yok.send()
    before = history_rows(hq)
    dialog = dialog_for(qtbot, hq_ops, parent, import_job([bundle]), retry_job=lambda o: import_job(o.remaining))
    type_passphrase(qtbot, dialog, WRONG)
    wait_done(qtbot, dialog, hq_ops)
    assert dialog.state == "ask" and dialog.isVisible()
    assert dialog.error.isVisible() and "パスフレーズが違います" in dialog.error.text()
    assert dialog.passphrase.hasFocus() and dialog.passphrase.selectedText() == WRONG  # typed over at once
    assert history_rows(hq) == before and not hq.voice_row(uid)
    type_passphrase(qtbot, dialog, PASSPHRASE)
    wait_done(qtbot, dialog, hq_ops)
    assert dialog.state == "done" and "Files imported: 1" in dialog.summary.text()
    assert hq.voice_row(uid)["summary"] == "満期案内が届かない"


def test_stop_during_an_import_rolls_it_back_and_says_nothing_was_imported(qtbot, offices, hq_ops, parent):
    hq, yok, _ = offices
    uid = yok.voice(yok.staff("横浜 一郎"), "満期案内が届かない", T1)
    bundle = yok.send()
    before = history_rows(hq)
    keeper = PassphraseKeeper()
    # 中止 already pressed when the first piece is read: the import stops inside its transaction.
    dialog = dialog_for(qtbot, hq_ops, parent, import_job([bundle]), keeper=keeper, cancelled=lambda: True)
    type_passphrase(qtbot, dialog, PASSPHRASE)
    wait_done(qtbot, dialog, hq_ops)
    assert dialog.heading.text() == f"Stopped. Nothing of {bundle.name} was imported or written."
    assert history_rows(hq) == before and not hq.voice_row(uid)
    assert hq.store.conn.execute("SELECT count(*) FROM sync_bundles WHERE direction = 'in'").fetchone()[0] == 0
    assert keeper.value is None


def test_esc_while_running_stops_the_job_at_its_next_step(qtbot, offices, hq_ops, parent, monkeypatch):
    hq, yok, _ = offices
    bundle = yok.send()
    seen = []

    def slow_import(_store, path, _passphrase, *, cancelled, progress):
        """Reads until 中止 (paced in the worker, not in the test), as a big bundle would."""
        while not cancelled():
            progress(1, 2)
            seen.append(1)
            threading_wait()
        raise bundle_file.BundleCancelled(path)
    monkeypatch.setattr(sync_jobs, "import_bundle", slow_import)
    dialog = dialog_for(qtbot, hq_ops, parent, import_job([bundle]))
    type_passphrase(qtbot, dialog, PASSPHRASE)
    qtbot.waitUntil(lambda: dialog.bar.maximum() == 2 and dialog.bar.value() == 1)
    assert dialog.state == "running" and dialog.stop_button.isVisible() and seen
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    wait_done(qtbot, dialog, hq_ops)
    assert dialog.state == "done" and dialog.heading.text().startswith("Stopped.")
    assert dialog.isVisible()  # the calm message stays until read


def threading_wait() -> None:
    import threading
    threading.Event().wait(0.002)


def test_bad_files_are_named_with_their_reason_and_the_good_one_is_still_imported(qtbot, offices, hq_ops, parent,
                                                                               tmp_path):
    hq, yok, osa = offices
    good = yok.send()
    cut = osa.send()
    cut.write_bytes(cut.read_bytes()[:200])  # a copy that stopped half-way
    text = tmp_path / f"メモ{bundle_file.SUFFIX}"
    text.write_text("ただのメモ", encoding="utf-8")
    dialog = dialog_for(qtbot, hq_ops, parent, import_job([cut, good, text]))
    type_passphrase(qtbot, dialog, PASSPHRASE)
    wait_done(qtbot, dialog, hq_ops)
    summary = dialog.summary.text()
    assert "Files imported: 1" in summary and "Files not imported: 2" in summary
    assert f"{cut.name}: {cut.name} は本来の大きさより短いファイルです" in summary
    assert f"{text.name}: {text.name} は支店・本部間でやり取りするデータのファイルではありません" in summary


def test_a_file_imported_before_is_said_so_and_changes_nothing(qtbot, offices, hq_ops, parent):
    hq, yok, _ = offices
    bundle = yok.send()
    hq.take(bundle)
    before = history_rows(hq)
    dialog = dialog_for(qtbot, hq_ops, parent, import_job([bundle]))
    type_passphrase(qtbot, dialog, PASSPHRASE)
    wait_done(qtbot, dialog, hq_ops)
    assert f"{bundle.name}: imported before, nothing to do" in dialog.summary.text()
    assert history_rows(hq) == before


def test_an_export_refuses_a_weak_passphrase_and_two_entries_that_differ_then_writes_the_file(
        qtbot, offices, hq_ops, parent, tmp_path):
    hq, yok, _ = offices
    out = tmp_path / f"HQ-out{bundle_file.SUFFIX}"
    keeper = PassphraseKeeper()
    dialog = dialog_for(qtbot, hq_ops, parent, export_job(out), confirm=True, keeper=keeper)
    assert dialog.again.isVisible()
    type_passphrase(qtbot, dialog, "abc")
    assert dialog.state == "ask" and "パスフレーズが短すぎます（3文字）" in dialog.error.text()
    type_passphrase(qtbot, dialog, PASSPHRASE, again=PASSPHRASE + "x")
    assert dialog.state == "ask" and dialog.error.text() == "The two entries differ. Type the passphrase again in both fields."
    assert not out.exists()
    type_passphrase(qtbot, dialog, PASSPHRASE)
    wait_done(qtbot, dialog, hq_ops)
    assert dialog.heading.text() == "The file to send is written."
    assert f"File written: {out.name}" in dialog.summary.text() and dialog.open_button.isVisible()
    assert out.exists() and yok.take(out).branch == "HQ"
    assert keeper.value == PASSPHRASE


def test_a_kept_passphrase_is_not_asked_again_in_the_session(qtbot, offices, hq_ops, parent):
    hq, yok, _ = offices
    keeper = PassphraseKeeper()
    keeper.value = PASSPHRASE
    uid = yok.voice(yok.staff("横浜 一郎"), "満期案内が届かない", T1)
    dialog = dialog_for(qtbot, hq_ops, parent, import_job([yok.send()]), keeper=keeper)
    assert dialog.state == "running"
    wait_done(qtbot, dialog, hq_ops)
    assert dialog.state == "done" and hq.voice_row(uid)


def test_the_exchange_folder_takes_the_branch_file_and_leaves_head_office_s(qtbot, offices, hq_ops, parent, tmp_path):
    hq, yok, _ = offices
    folder = tmp_path / "exchange"
    folder.mkdir()
    uid = yok.voice(yok.staff("横浜 一郎"), "満期案内が届かない", T1)
    sent = yok.send()
    sent.replace(folder / sent.name)
    dialog = dialog_for(qtbot, hq_ops, parent, folder_job(folder), confirm=True)
    type_passphrase(qtbot, dialog, PASSPHRASE)
    wait_done(qtbot, dialog, hq_ops)
    assert dialog.heading.text() == "Send and receive finished."
    summary = dialog.summary.text()
    ours = [p for p in folder.iterdir() if p.name.startswith("HQ_")]
    assert "Files imported: 1" in summary and len(ours) == 1 and f"File written: {ours[0].name}" in summary
    assert hq.voice_row(uid)


def test_a_wrong_passphrase_at_the_folder_writes_nothing_there_and_asks_again(qtbot, offices, hq_ops, parent,
                                                                           tmp_path):
    hq, yok, _ = offices
    folder = tmp_path / "exchange"
    folder.mkdir()
    sent = yok.send()
    sent.replace(folder / sent.name)
    before = history_rows(hq)
    dialog = dialog_for(qtbot, hq_ops, parent, folder_job(folder), confirm=True,
                        retry_job=lambda _o: folder_job(folder))
    type_passphrase(qtbot, dialog, WRONG)
    wait_done(qtbot, dialog, hq_ops)
    assert dialog.state == "ask" and "パスフレーズが違います" in dialog.error.text()
    assert [p.name for p in folder.iterdir()] == [sent.name] and history_rows(hq) == before


def test_a_folder_that_is_gone_is_said_calmly(qtbot, offices, hq_ops, parent, tmp_path):
    dialog = dialog_for(qtbot, hq_ops, parent, folder_job(tmp_path / "USB"), confirm=True)
    type_passphrase(qtbot, dialog, PASSPHRASE)
    wait_done(qtbot, dialog, hq_ops)
    assert dialog.heading.text() == "Not done."
    assert dialog.summary.text().startswith(f"交換フォルダーを開けませんでした: {tmp_path / 'USB'}")
    assert not Path(tmp_path / "USB").exists()


def test_in_japanese_a_stopped_import_says_calmly_that_nothing_was_imported(qtbot, japanese, offices, hq_ops,
                                                                            parent):
    hq, yok, _ = offices
    bundle = yok.send()
    dialog = dialog_for(qtbot, hq_ops, parent, import_job([bundle]), cancelled=lambda: True)
    assert dialog.go_button.text() == "開始(&S)" and dialog.stop_button.text() == "中止"
    type_passphrase(qtbot, dialog, PASSPHRASE)
    wait_done(qtbot, dialog, hq_ops)
    assert dialog.heading.text() == f"中止しました。{bundle.name} からは何も取り込んでいません（書き込んだものもありません）。"
