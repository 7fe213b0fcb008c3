"""Importing an agency's Excel sheets from the window: the import dialog and the blank template."""
