"""The 声の日 room: a team leader's weekly voice day — the review, decisions, the meeting record, the printed sheet."""
