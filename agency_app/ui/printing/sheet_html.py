"""Small HTML pieces the printed sheets share: escaping, dates as printed, shortened texts, tables with a repeated header."""

from __future__ import annotations

from datetime import date
from html import escape

# Qt's rich text understands this much CSS: collapsed 1-px borders, cell padding, header shading.
TABLE = ('<table width="100%" border="1" cellspacing="0" cellpadding="3" '
         'style="border-collapse: collapse; border-color: #808080; margin-top: 2px; margin-bottom: 6px;">')
HEADER_CELL = 'style="background-color: #e8e8e8; font-weight: bold;"'
MUTED = "color: #555555;"
ALERT = "color: #a4161a; font-weight: bold;"


def text(value) -> str:
    """Escaped text; None prints as nothing."""
    return escape("" if value is None else str(value))


def lines(value: str | None) -> str:
    """Escaped text that keeps the writer's line breaks (notes, reasons)."""
    return "<br>".join(text(line) for line in (value or "").strip().splitlines())


def day(value: str | date | None) -> str:
    """'2025-06-10…' or a date → 2025/06/10 (as the screens print dates)."""
    if value is None or value == "":
        return ""
    raw = value.isoformat() if isinstance(value, date) else str(value)
    return raw[:10].replace("-", "/")


def month_day_time(value: str | None) -> str:
    """'2025-06-10 14:20' → 06/10 14:20: the year is in the page header."""
    if not value:
        return ""
    raw = str(value)
    return f"{raw[5:7]}/{raw[8:10]}{(' ' + raw[11:16]) if len(raw) >= 16 else ''}"


def shorten(value: str | None, limit: int) -> str:
    """At most `limit` characters of `value` on one line, ended at a sentence (。) when one ends near the limit,
    with 「…」 when cut; the whole text stays in the application."""
    flat = " ".join((value or "").split())
    if len(flat) <= limit:
        return flat
    cut = flat[:limit]
    stop = cut.rfind("。")
    if stop >= limit * 2 // 3:
        return cut[:stop + 1] + "…"
    return cut.rstrip("、。 ") + "…"


def table(headers: list[tuple[str, int]], rows: list[list[str] | str], *, empty: str = "") -> str:
    """A full-width table with a header row (repeated on every page it runs onto); widths in percent.
    Cells are HTML already; a row given as one string is a section title across the table. With no rows,
    `empty` is printed instead (when given)."""
    if not rows and empty:
        return note(empty)
    head = "".join(f'<th width="{width}%" align="left" {HEADER_CELL}>{title}</th>' for title, width in headers)
    body = "".join(
        f'<tr><td colspan="{len(headers)}" style="background-color: #f4f4f4; font-weight: bold;">{row}</td></tr>'
        if isinstance(row, str) else
        "<tr>" + "".join(f'<td valign="top">{cell}</td>' for cell in row) + "</tr>" for row in rows)
    return f"{TABLE}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def heading(title: str) -> str:
    """A section's title: a heading block (h3), which the printed document keeps on the page of what follows it."""
    return (f'<h3 style="font-size: 11pt; font-weight: bold; margin-top: 10px; margin-bottom: 3px;">'
            f"{text(title)}</h3>")


def note(value: str, style: str = MUTED) -> str:
    return f'<p style="{style} margin-top: 2px; margin-bottom: 6px;">{value}</p>'
