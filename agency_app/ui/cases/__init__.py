"""Follow-up cases (R10): the list, one case with its checklist, its form and status moves, checklist templates."""
