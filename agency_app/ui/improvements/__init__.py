"""The 改善 room: improvements (R12) — the list, the form, their status and the voices they answer."""
