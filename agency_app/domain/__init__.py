"""Pure-Python domain: entities and rules of DOMAIN.md (R1…); stdlib only, no Qt, no SQL."""
