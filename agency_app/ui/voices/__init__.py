"""The voice list and one voice: filter bar, keyset-paged list, detail panel, entry form, status moves."""
