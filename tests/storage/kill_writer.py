"""The writer the kill -9 loop kills: saves voices and status changes through the app's own storage, and prints
each one only after its save returned (an acknowledged write), one line per save, flushed at once."""

from __future__ import annotations

import random
import sys
from pathlib import Path

from agency_app.domain.voice import VoiceInput
from agency_app.domain.workflow import StatusChange
from agency_app.storage.database import open_store
from agency_app.storage.services import Services


def main(path: str, staff_uid: str, seed: int) -> None:
    rng = random.Random(seed)
    store = open_store(Path(path), daily_backup=False)
    services = Services(store)
    mine: list[str] = []
    while True:
        if mine and rng.random() < 0.3:
            uid = mine.pop(rng.randrange(len(mine)))
            services.voices.change_status(uid, StatusChange("in_progress"), by=staff_uid)
            print(f"S {uid}", flush=True)
        else:
            summary = f"満期案内が届かない {seed}-{rng.randrange(10**9)}" + "。" * rng.randrange(60)
            uid = services.voices.create(VoiceInput(received_at="2025-11-20 09:00", summary=summary,
                                                    kind="dissatisfaction", assignee_id=staff_uid), by=staff_uid)
            mine.append(uid)
            print(f"C {uid}", flush=True)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]))
