"""Branch sync in the window (issue 14): send and receive files, the 競合 list, the 同期状況 view."""
