"""The earlier voices alike under 内容 in the voice's detail panel, at the width the panel has in a 1024 px window
and in the application's font: each preview row is read whole (a wrapped row is not cut at the top or the bottom)."""

from __future__ import annotations

from agency_app.ui.voices.similar_hint import Alike
from agency_app.ui.voices.voice_detail import VoiceDetailPanel


def test_the_preview_of_similar_voices_is_as_tall_as_its_wrapped_rows(qtbot, qapp, japanese, file_ops, voice_db):
    from agency_app.ui.kit.style import apply_style
    font = qapp.font()
    apply_style(qapp)  # the font staff see: the rows wrap in it as they do on screen
    try:
        store, staff, uids = voice_db
        panel = VoiceDetailPanel(file_ops, staff["sato"])
        qtbot.addWidget(panel)
        panel.resize(360, 450)  # the detail panel beside the voice list in a 1024 px window
        panel.show()
        qtbot.waitExposed(panel)
        panel.show_voice(uids[0])
        qtbot.waitUntil(file_ops.is_idle)
        panel.alike.show_alike([
            Alike("a", "2026-04-27 10:00", "担当者の気配りに感謝", frozenset({"customer", "category"})),
            Alike("b", "2026-01-13 10:00", "住所変更の手続きが早かった", frozenset({"customer"})),
            Alike("c", "2026-05-21 10:00", "複数回の面談で納得して契約できた", frozenset({"category"}))])
        preview = panel.alike.preview
        qtbot.waitUntil(lambda: preview.isVisible() and preview.height() >= preview.heightForWidth(preview.width()))
    finally:
        qapp.setFont(font)
