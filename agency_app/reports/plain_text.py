"""A report as plain Japanese text for the command line: tables lined up by terminal width, notes under them."""

from __future__ import annotations

import unicodedata

from agency_app.reports.report import COUNT, SHARE, Report, Section


def width(text: str) -> int:
    """Columns on a terminal: East Asian wide characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def table(header: list[str], rows: list[list[str]], right: list[bool] | None = None) -> list[str]:
    """The first column left-aligned, the others right-aligned unless `right` says not; widths in terminal columns."""
    cells = [header] + [[str(c) for c in row] for row in rows]
    right = right or [False] + [True] * (len(header) - 1)
    widths = [max(width(r[i]) for r in cells) for i in range(len(header))]
    lines = []
    for row in cells:
        parts = [(" " * (w - width(c)) + c) if r else (c + " " * (w - width(c)))
                 for c, w, r in zip(row, widths, right)]
        lines.append("  ".join(parts).rstrip())
    return lines


def section_text(section: Section) -> list[str]:
    right = [False] + [c.kind in (COUNT, SHARE) for c in section.columns]
    lines = [f"■ {section.title}"] + table(section.header(), section.texts(), right)
    return lines + [f"※ {note}" for note in section.notes]


def render_text(report: Report, *, lists: bool = False) -> str:
    """Every figures section of the report; the lists of records too when asked."""
    out = [report.title, f"集計期間: {report.period_text()}　{'拠点: ' if report.branch_code else ''}"
                         f"{report.branch_text()}"]
    for section in report.sections:
        if lists or not section.listing:
            out += [""] + section_text(section)
    out += [f"※ {note}" for note in report.notes]
    return "\n".join(out) + "\n"
