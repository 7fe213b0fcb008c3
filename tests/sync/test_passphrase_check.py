"""The folder's passphrase check: a mistyped passphrase is found before the exchange writes anything."""

from __future__ import annotations

from agency_app.sync import bundle_file
from agency_app.sync.passphrase_check import first_refusing, opens

from tests.sync.sync_offices import PASSPHRASE, cheap_key, head_office_and_branches  # noqa: F401


def test_the_right_passphrase_opens_a_bundle_a_wrong_one_does_not(tmp_path):
    hq, (yok,) = head_office_and_branches(tmp_path, "YOK")
    bundle = yok.send()
    assert opens(bundle, PASSPHRASE) and not opens(bundle, "ちがう合言葉です")
    hq.close(), yok.close()


def test_the_folder_check_names_a_new_bundle_the_passphrase_does_not_open(tmp_path):
    folder = tmp_path / "exchange"
    folder.mkdir()
    hq, (yok,) = head_office_and_branches(tmp_path, "YOK")
    bundle = yok.send()
    new = folder / bundle.name
    bundle.replace(new)
    (folder / f"copying{bundle_file.SUFFIX}").write_bytes(b"")  # still being copied: left to the exchange
    assert first_refusing(hq.store.conn, folder, "ちがう合言葉です") == new
    assert first_refusing(hq.store.conn, folder, PASSPHRASE) is None
    hq.take(new)  # taken before: nothing new to check against (the agency may have changed its passphrase since)
    assert first_refusing(hq.store.conn, folder, "ちがう合言葉です") is None
    assert first_refusing(hq.store.conn, tmp_path / "gone", PASSPHRASE) is None
    hq.close(), yok.close()
