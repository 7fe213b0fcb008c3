"""Printed sheets (A4, preview, PDF): the voice-day sheet and the monthly circulation; any room may import it, it imports no room."""
