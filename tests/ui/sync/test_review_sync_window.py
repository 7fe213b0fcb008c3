"""Issue 14 review passes, sync window: defects reviewers proved with these tests (now fixed), and what they found sound."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "ui"))  # the UI tests' helpers, as tests/ui has them

import pytest  # noqa: E402

from list_fixtures import OFFSCREEN_NOISE  # noqa: E402
from tests.sync.sync_offices import PASSPHRASE, Office, cheap_key  # noqa: E402,F401
from tests.ui.conftest import app_settings, drain_drafts, isolated_user_files, shut_operations_down  # noqa: E402,F401

pytestmark = pytest.mark.qt_log_ignore(OFFSCREEN_NOISE)


