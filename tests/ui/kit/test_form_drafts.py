"""A form tells whether its typing was kept as a draft, and is never put aside (closed) when it was not."""

from __future__ import annotations

import errno
import logging

import pytest
from PySide6.QtWidgets import QMessageBox

from agency_app.ui.kit.form_drafts import flush_open_drafts
from agency_app.ui.voices.voice_form import VoiceFormDialog
from form_fixtures import drafts, shown  # noqa: F401

TYPED = "電話中に入力した要旨"


@pytest.fixture(autouse=True)
def never_block(monkeypatch):
    monkeypatch.setattr(QMessageBox, "exec", lambda box: 0)


@pytest.fixture
def form(qtbot, ops, staff, drafts):
    return shown(qtbot, VoiceFormDialog(ops, staff["sato"], drafts=drafts))


def disk_full(monkeypatch, form) -> None:
    def refused(key, data, **_):
        raise OSError(errno.ENOSPC, "No space left on device")
    monkeypatch.setattr(form.drafts, "save", refused)


def test_a_draft_written_is_reported_kept(form):
    form.inputs["summary"].setText(TYPED)
    assert form.flush_draft() is True
    assert form.drafts.load(form.key)["form"]["summary"] == TYPED


def test_a_draft_that_cannot_be_written_is_reported_not_kept(form, monkeypatch):
    disk_full(monkeypatch, form)
    form.inputs["summary"].setText(TYPED)
    assert form.flush_draft() is False
    assert form.draft_warning.isVisible() and "No space left on device" in form.draft_warning.text()


def test_with_nothing_typed_there_is_nothing_to_lose(form, monkeypatch):
    """A read-only drafts folder: an old draft cannot even be removed, but closing loses no typing."""
    def refused(key, *_args, **_kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")
    monkeypatch.setattr(form.drafts, "save", refused)
    monkeypatch.setattr(form.drafts, "discard", refused)
    assert form.flush_draft() is True


def test_put_aside_leaves_the_form_open_when_its_typing_cannot_be_kept(form, monkeypatch):
    disk_full(monkeypatch, form)
    form.inputs["summary"].setText(TYPED)
    assert form.put_aside() is False
    assert form.isVisible() and form.inputs["summary"].text() == TYPED


def test_put_aside_closes_the_form_once_its_typing_is_kept(form):
    form.inputs["summary"].setText(TYPED)
    assert form.put_aside() is True
    assert not form.isVisible() and form.drafts.load(form.key)["form"]["summary"] == TYPED


def test_flush_open_drafts_returns_and_logs_the_forms_not_kept(form, monkeypatch, caplog):
    """After a program error only the log is told (no second dialog); closing the window asks about them."""
    disk_full(monkeypatch, form)
    form.inputs["summary"].setText(TYPED)
    with caplog.at_level(logging.WARNING, logger="agency_app.ui.kit.form_drafts"):
        assert flush_open_drafts() == [form]
    assert "No space left on device" in caplog.text


def test_flush_open_drafts_returns_nothing_when_every_draft_is_kept(form):
    form.inputs["summary"].setText(TYPED)
    assert flush_open_drafts() == []
