"""Customers: search, the record with what is linked to it, its form, relative contacts."""
