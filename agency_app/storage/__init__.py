"""SQLite storage through sqlite-utils: opening, migrations, repositories, search, backups. No Qt here."""
