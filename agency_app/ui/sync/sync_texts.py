"""The texts of branch sync: record kinds and field names in Japanese, times as staff read them, the result summary."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from agency_app.sync import bundle_file
from agency_app.ui.cases.case_texts import case_field_label
from agency_app.ui.elderly.elderly_texts import field_label as elderly_field_label
from agency_app.ui.improvements.improvement_texts import improvement_field_label
from agency_app.ui.kit.customer_texts import customer_field_label
from agency_app.ui.kit.date_fields import display_datetime
from agency_app.ui.kit.messages import field_label

translate = QCoreApplication.translate

# The kind of each audited record (storage/audited_tables.py REGISTRY), as the 競合 list names it.
_KINDS = {
    "branches": lambda: translate("SyncTexts", "Branch"),
    "staff": lambda: translate("SyncTexts", "Staff member"),
    "categories": lambda: translate("SyncTexts", "Category"),
    "insurers": lambda: translate("SyncTexts", "Insurer"),
    "voices": lambda: translate("SyncTexts", "Voice"),
    "customers": lambda: translate("SyncTexts", "Customer"),
    "checklist_templates": lambda: translate("SyncTexts", "Checklist"),
    "cases": lambda: translate("SyncTexts", "Follow-up case"),
    "case_steps": lambda: translate("SyncTexts", "Checklist step"),
    "elderly_rules": lambda: translate("SyncTexts", "Rules for elderly customers"),
    "elderly_sales": lambda: translate("SyncTexts", "Elderly customer record"),
    "voice_days": lambda: translate("SyncTexts", "Voice day"),
    "voice_decisions": lambda: translate("SyncTexts", "Voice day decision"),
    "improvements": lambda: translate("SyncTexts", "Improvement"),
    "circulations": lambda: translate("SyncTexts", "Circulation"),
    "kpis": lambda: translate("SyncTexts", "KPI"),
    "kpi_results": lambda: translate("SyncTexts", "KPI result"),
    "survey_answers": lambda: translate("SyncTexts", "Survey answer"),
    "trainings": lambda: translate("SyncTexts", "Meeting or training"),
    "qualifications": lambda: translate("SyncTexts", "Qualification"),
    "relative_contacts": lambda: translate("SyncTexts", "Relative contact"),
}

# Each kind's field names, as its own history shows them (the voices' and master data's are the default).
_FIELD_NAMES = {
    "cases": case_field_label, "case_steps": case_field_label,
    "customers": customer_field_label, "relative_contacts": customer_field_label,
    "elderly_sales": elderly_field_label, "elderly_rules": elderly_field_label,
    "improvements": improvement_field_label,
}


def record_kind(entity: str) -> str:
    return _KINDS[entity]() if entity in _KINDS else entity


def field_name(entity: str, field: str) -> str:
    name = _FIELD_NAMES.get(entity, field_label)(field)
    return field_label(field) if name == field else name


def when_text(stored: str | None) -> str:
    """'2026-11-02 10:00:00' → '2026/11/02 10:00' (seconds and fractions are no use to staff)."""
    return display_datetime((stored or "")[:16])


def wrong_passphrase_text(name: str) -> str:
    """What WrongPassphrase says, for the field: it names the file."""
    return bundle_file.WrongPassphrase(name).message


def summary_lines(outcome) -> list[str]:
    """The result of an export, an import or a folder exchange, one fact a line (an Outcome of run_sync)."""
    lines = []
    brought = [r for r in outcome.imported if not r.already]
    again = [r for r in outcome.imported if r.already]
    if outcome.imported or outcome.kind != "export":
        lines.append(translate("SyncTexts", "Files imported: {count}").format(count=len(brought)))
    if brought:
        records = sum(r.merged.records for r in brought)
        conflicts = sum(r.merged.conflicts for r in brought)
        lines.append(translate("SyncTexts", "Records brought: {count}").format(count=records))
        lines.append(translate("SyncTexts", "New conflicts: {count}").format(count=conflicts)
                     + (translate("SyncTexts", " (see 競合…)") if conflicts else ""))
        for result in brought:
            lines.append(translate("SyncTexts", "  • {name}: from {branch}, made {made}, {records} records").format(
                name=result.path.name, branch=result.branch, made=when_text(result.made_at),
                records=result.merged.records))
        for result in brought:  # changes held back or refused, and why (Japanese from the import itself)
            lines.extend(f"  {note}" for note in result.notes)
        if any(r.joined for r in brought):
            lines.append(translate("SyncTexts", "This office has joined head office's agency (its master data "
                                                "came with the file)."))
    for result in again:
        lines.append(translate("SyncTexts", "  • {name}: imported before, nothing to do").format(
            name=result.path.name))
    if outcome.skipped:
        lines.append(translate("SyncTexts", "Files not imported: {count}").format(count=len(outcome.skipped)))
        for name, reason in outcome.skipped:
            lines.append(f"  • {name}: " + reason.replace("\n", "\n    "))  # a reason's second line under its first
    for result in brought:
        if result.clock_warning:
            lines.append(result.clock_warning)
    if outcome.exported is not None:
        lines.append(translate("SyncTexts", "File written: {name} ({changes} changes)\nFolder: {folder}").format(
            name=outcome.exported.path.name, changes=outcome.exported.changes, folder=outcome.exported.path.parent))
    elif outcome.kind == "folder":
        lines.append(translate("SyncTexts", "No file was written: the other offices already hold everything here."))
    return lines
