"""What every screen shares: field grid, widgets, forms and drafts, messages, labels, style, history, settings."""
