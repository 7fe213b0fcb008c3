"""README's Keyboard table, read row by row: each key is answered where its row says, so the README and the app
cannot drift apart. (What a key does is proved by the tests of each tab, form and dialog.)"""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path

import pytest
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractButton, QLabel, QTabBar

from agency_app.ui.kit.page_keys import ClaimsKeys, ListKeys
from agency_app.ui.shell.callbacks_panel import CallbacksDialog
from test_record_menu import tab_actions

README = Path(__file__).resolve().parents[3] / "README.md"
TABS = {"voices": "voice", "cases": "case", "customers": "customer", "elderly": "sale", "voice day": "voice_day",
        "improvements": "improvement"}
# The KPI tab's inner pages (ui/kpi/kpi_page.py INNER_PAGES); "KPI" is the tab itself.
KPI_PAGES = {"KPI dashboard": "dashboard", "KPI settings": "kpis", "surveys": "surveys", "meetings": "trainings",
             "qualifications": "qualifications"}
WINDOW_WIDE = ("every tab", "everywhere")
LIST_KEYS = ("Enter", "Delete", "Space")  # a list's own keys (its event filter), proved by the tests of each page
FORMS = ("forms", "voice and case forms", "a case's checklist, the 完了 dialog",  # proved by the form and dialog tests
         "progress of an export, the import dialog")  # Esc = 中止: tests/ui/kit/test_job_dialog.py, ui/excel_in


def keyboard_rows() -> list[tuple[list[str], str]]:
    text = README.read_text(encoding="utf-8")
    section = text.split("## Keyboard", 1)[1]
    rows = []
    for line in section.splitlines():
        if rows and not line.startswith("|"):
            break
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) != 3 or cells[0] in ("key", "---"):
            continue
        keys, _does, where = cells
        found = re.fullmatch(r"Ctrl\+(\d) … Ctrl\+(\d)", keys)
        names = [f"Ctrl+{n}" for n in range(int(found[1]), int(found[2]) + 1)] if found else keys.split(", ")
        rows.append((names, where))
    return rows


ROWS = keyboard_rows()


def test_the_table_is_read():
    assert len(ROWS) >= 20 and (["Ctrl+R"], "voices, cases, today's call-backs") in ROWS


def keys_of(widget) -> set[str]:
    """Its shortcuts, and the Alt letters of its buttons and of the labels that lead to a field."""
    found = {a.shortcut().toString() for a in widget.findChildren(QAction) if not a.shortcut().isEmpty()}
    found |= {s.key().toString() for s in widget.findChildren(QShortcut) if s.isEnabled()}
    texts = [b.text() for b in widget.findChildren(QAbstractButton)]
    texts += [label.text() for label in widget.findChildren(QLabel) if label.buddy() is not None]
    texts += [bar.tabText(i) for bar in widget.findChildren(QTabBar) for i in range(bar.count())]  # a step's tab
    found |= {QKeySequence.mnemonic(text).toString() for text in texts} - {""}
    found |= {"Ctrl+Enter" for key in found if key == "Ctrl+Return"}   # README says Enter for Return
    if isinstance(widget, ClaimsKeys):   # keys a page takes from the window while the keyboard is inside it
        found |= {keys.toString() for keys, _act in widget.claimed_keys()}
    if isinstance(widget, ListKeys):     # Enter and F2 edit on its list (kit/page_keys.py, tested there)
        found.add("F2")
    return found


@pytest.mark.parametrize("keys,where", ROWS, ids=[f"{'/'.join(k)}@{w}"[:60] for k, w in ROWS])
def test_each_key_of_the_readme_is_answered_where_its_row_says(qtbot, window, ops, staff, keys, where):
    if where in FORMS:
        return
    shortcuts = [k for k in keys if k not in LIST_KEYS]
    window_keys = {a.shortcut().toString() for a in window.actions() if not a.shortcut().isEmpty()}
    if where in WINDOW_WIDE:
        assert set(shortcuts) <= window_keys, (keys, where)
        return
    places = [p.strip() for p in where.split(",")]
    for place in places:
        if place in FORMS:
            continue   # proved by the form and dialog tests
        if place == "today's call-backs":
            dialog = CallbacksDialog(ops, staff["sato"], date(2025, 11, 20), now=datetime(2025, 11, 20, 12, 0))
            qtbot.addWidget(dialog)
            assert set(shortcuts) <= keys_of(dialog), (keys, place)
            continue
        if place == "import dialog":
            from agency_app.ui.excel_in.import_dialog import ImportDialog
            dialog = ImportDialog(ops, staff["sato"], "voices")
            qtbot.addWidget(dialog)
            assert set(shortcuts) <= keys_of(dialog), (keys, place)
            continue
        if place in ("KPI", *KPI_PAGES, "meeting form"):
            assert set(shortcuts) <= _kpi_keys(qtbot, window, ops, staff, place) | window_keys, (keys, place)
            continue
        tab = TABS[place]
        _show_tab(window, tab)
        answered = {a.shortcut().toString() for a in tab_actions(window)} | window_keys
        page = window.tabs.current_page()  # None for the voices, the window's own
        if page is not None:
            answered |= keys_of(page)  # and the Alt letters of its filters' labels (拠点(&B))
        assert set(shortcuts) <= answered, (keys, place)


def _show_tab(window, tab: str) -> None:
    for index in range(window.tabs.count()):
        window.tab_actions[index].trigger()
        if window.tabs.current_key() == tab:
            return
    raise AssertionError(tab)


def _kpi_keys(qtbot, window, ops, staff, place: str) -> set[str]:
    """The keys answered on the KPI tab, one of its inner pages, or the meeting form (a dialog of 会議・研修)."""
    _show_tab(window, "kpi")
    tab = window.tabs.current_page()
    if place == "KPI":
        return keys_of(tab)
    if place == "meeting form":
        from agency_app.ui.kpi.training_form import TrainingDialog
        dialog = TrainingDialog(ops, staff["manager"], clock=lambda: datetime(2025, 11, 20, 12, 0))
        qtbot.addWidget(dialog)
        dialog.kind.setCurrentIndex(dialog.kind.findData("roleplay"))  # its results grid and re-test button
        return keys_of(dialog)
    return keys_of(tab.go_to(KPI_PAGES[place]))
