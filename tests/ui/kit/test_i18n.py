"""The UI speaks Japanese: our catalogue and Qt's own qtbase load; the .ts has nothing left untranslated."""

from __future__ import annotations

import logging
from xml.etree import ElementTree

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from agency_app import paths
from agency_app.ui.kit import i18n


def test_our_texts_come_out_in_japanese(japanese):
    assert QCoreApplication.translate("CountsPage", "All branches") == "全拠点"
    assert QCoreApplication.translate("ReportView", "Enter or double-click opens the record.") == \
        "Enter キーまたはダブルクリックで記録を開きます。"


def test_call_back_made_has_one_japanese_word_for_the_stamp_and_another_for_the_button(japanese):
    """The stamp says 折り返し済; the button, which now asks in a dialog first, 折り返し済にする…"""
    assert QCoreApplication.translate("VoiceDetailPanel", "Call-back made") == "折り返し済"
    assert QCoreApplication.translate("VoiceDetailPanel", "Mark call-back as made…") == "折り返し済にする…"
    assert QCoreApplication.translate("Fields", "Call-back made by") == "折り返し対応者"


def test_qt_own_buttons_come_out_in_japanese(japanese, qtbot):
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "キャンセル"
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    qtbot.addWidget(box)
    assert box.button(QDialogButtonBox.StandardButton.Cancel).text() == "キャンセル"


def test_missing_catalogue_keeps_english_and_logs_a_warning(qapp, tmp_path, monkeypatch, caplog):
    monkeypatch.setattr(paths, "resources_dir", lambda: tmp_path)
    with caplog.at_level(logging.WARNING, logger=i18n.__name__):
        translators = i18n.install_translators(qapp, "ja_JP")
    try:
        assert QCoreApplication.translate("CountsPage", "All branches") == "All branches"
        assert "agency_ja.qm" in caplog.text
    finally:
        for translator in translators:
            QApplication.removeTranslator(translator)


def test_missing_qm_is_compiled_from_the_ts(qapp, tmp_path, monkeypatch):
    (tmp_path / "i18n").mkdir()
    source = paths.resources_dir() / "i18n" / "agency_ja.ts"
    (tmp_path / "i18n" / "agency_ja.ts").write_bytes(source.read_bytes())
    monkeypatch.setattr(paths, "resources_dir", lambda: tmp_path)
    assert [p.name for p in i18n.compile_translations()] == ["agency_ja.qm"]
    assert i18n.qm_path("ja_JP") == tmp_path / "i18n" / "agency_ja.qm"
    assert i18n.qm_path("ja_JP").stat().st_size > 0


def test_every_japanese_entry_is_translated():
    """Staff read Japanese only: no entry of the .ts may be left unfinished (run tools/update_translations.py)."""
    root = ElementTree.parse(paths.resources_dir() / "i18n" / "agency_ja.ts").getroot()
    unfinished = [f"{context.findtext('name')}: {message.findtext('source')}"
                  for context in root.iter("context") for message in context.iter("message")
                  if message.find("translation").get("type") == "unfinished"]
    assert unfinished == []
