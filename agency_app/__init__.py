"""お客様の声・対応管理 — customer voice log for small Japanese insurance agencies."""

__version__ = "0.9.0"
