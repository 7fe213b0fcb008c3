"""今日の仕事: one person's call-backs, overdue and due items, open elderly records."""
