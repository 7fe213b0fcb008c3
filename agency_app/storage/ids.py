"""Globally unique record ids (R30): random UUIDs, so records made offline in different branches never collide."""

import uuid


def new_uid() -> str:
    return uuid.uuid4().hex
