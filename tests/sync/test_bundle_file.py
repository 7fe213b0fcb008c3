"""The bundle file: what goes in comes out with the passphrase; a wrong passphrase, damage, a cut or unfinished copy, a
newer format are each refused with their own Japanese message; writing is atomic and owner-only."""

from __future__ import annotations

import hashlib
import json
import os
import struct
import sys
import tempfile
import unicodedata
import zlib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from agency_app.sync import bundle_file
from agency_app.sync.bundle_file import (
    END, FORMAT_VERSION, MAGIC, SUFFIX, BundleCancelled, BundleDamaged, BundleError, BundleIncomplete, BundleTooNew,
    NotABundle, WrongPassphrase, bundle_size_ok, read_bundle, read_header, write_bundle)
from tests.file_modes import mode, usual_umask  # noqa: F401 — usual_umask is a fixture

PASS = "本店の合言葉 2026"
META = {"bundle_id": "b-0001", "agency": "さくら保険代理店", "node": "branch-2", "schema_version": 41, "rows": 3}
# ~40 KB of JSON lines: with CHUNK_SIZE 256 its compressed stream makes dozens of chunks
LINES = [json.dumps({"table": "voices", "id": i, "summary": f"お客様の声 {i} " + os.urandom(8).hex()},
                    ensure_ascii=False).encode() + b"\n" for i in range(400)]


@pytest.fixture(autouse=True)
def cheap(monkeypatch):
    """A cheap scrypt (1 MB instead of 128 MB) and small chunks, so each test takes milliseconds; the defaults
    have their own test below."""
    monkeypatch.setattr(bundle_file, "SCRYPT_N", 2**10)
    monkeypatch.setattr(bundle_file, "CHUNK_SIZE", 256)


def write(path, pieces=LINES, passphrase=PASS, meta=META):
    return write_bundle(path, dict(meta), iter(pieces), passphrase)


def read_all(path, passphrase=PASS, **options):
    return b"".join(read_bundle(path, passphrase, **options))


def layout(path: Path) -> dict:
    """Where each part of a bundle lies, read the way the format describes it (bundle_file's docstring)."""
    data = path.read_bytes()
    (header_length,) = struct.unpack_from(">I", data, len(MAGIC) + 2)
    json_end = len(MAGIC) + 6 + header_length
    records, position = [], json_end + 8 + 32
    while position < len(data) - len(END):
        (sealed,) = struct.unpack_from(">I", data, position)
        records.append((position, position + 4 + 12 + sealed))
        position += 4 + 12 + sealed
    return {"json": (len(MAGIC) + 6, json_end), "size": (json_end, json_end + 8),
            "checksum": (json_end + 8, json_end + 40), "records": records, "end": (len(data) - len(END), len(data))}


def flip(path: Path, offset: int) -> None:
    data = bytearray(path.read_bytes())
    data[offset] ^= 0x41
    path.write_bytes(bytes(data))


def reseal_header(data: bytes) -> bytes:
    """What a careful forger does: fix the size field and the plain header checksum after an edit."""
    data = bytearray(data)
    (header_length,) = struct.unpack_from(">I", data, len(MAGIC) + 2)
    json_end = len(MAGIC) + 6 + header_length
    data[json_end:json_end + 8] = struct.pack(">Q", len(data))
    data[json_end + 8:json_end + 40] = hashlib.sha256(bytes(data[:json_end + 8])).digest()
    return bytes(data)


# --- round trips


@pytest.mark.parametrize("pieces", [[], [b""], [b'{"table": "voices", "id": 1}\n'], LINES],
                         ids=["empty", "empty-piece", "small", "multi-chunk"])
def test_what_is_written_is_read_back_with_the_passphrase(tmp_path, pieces):
    target = tmp_path / f"branch-2{SUFFIX}"
    size = write(target, pieces)
    assert size == target.stat().st_size
    assert read_all(target) == b"".join(pieces)
    assert read_header(target) == {**META, "format": FORMAT_VERSION, "size": size}
    assert not list(tmp_path.glob("*.partial"))


def test_a_multi_chunk_bundle_really_has_many_chunks_and_its_data_is_not_readable_in_the_file(tmp_path):
    target = tmp_path / "b.agencysync"
    write(target)
    assert len(layout(target)["records"]) > 10
    raw = target.read_bytes()
    assert "お客様の声".encode() not in raw and b"voices" not in raw  # encrypted (and compressed)
    assert "さくら保険代理店".encode() in raw  # the meta is plain: a folder scan reads it


def test_the_default_key_parameters_are_written_in_the_header_and_read_back(tmp_path, monkeypatch):
    monkeypatch.undo()  # the real defaults: scrypt N=2**17 (128 MB), 1 MiB chunks
    assert (bundle_file.SCRYPT_N, bundle_file.SCRYPT_R, bundle_file.SCRYPT_P) == (2**17, 8, 1)
    target = tmp_path / "b.agencysync"
    write(target, [b"x" * 10])
    start, end = layout(target)["json"]
    fields = json.loads(target.read_bytes()[start:end])
    assert {k: fields["kdf"][k] for k in ("name", "n", "r", "p")} == {"name": "scrypt", "n": 2**17, "r": 8, "p": 1}
    assert len(bytes.fromhex(fields["kdf"]["salt"])) == 16
    assert fields["chunk_size"] == 1024 * 1024 and fields["cipher"] == "AES-256-GCM"
    assert read_all(target) == b"x" * 10


def test_two_bundles_of_the_same_data_differ_everywhere_but_the_meta(tmp_path):
    """A fresh salt and nonces per file: equal plaintexts do not show as equal files."""
    write(tmp_path / "a.agencysync")
    write(tmp_path / "b.agencysync")
    a, b = (layout(tmp_path / n)["records"][0] for n in ("a.agencysync", "b.agencysync"))
    assert (tmp_path / "a.agencysync").read_bytes()[a[0]:a[1]] != (tmp_path / "b.agencysync").read_bytes()[b[0]:b[1]]


def test_a_passphrase_typed_in_nfd_opens_a_bundle_written_in_nfc(tmp_path):
    nfc = unicodedata.normalize("NFC", "がっこうのパスワード")
    nfd = unicodedata.normalize("NFD", nfc)
    assert nfc != nfd
    write(tmp_path / "b.agencysync", passphrase=nfc)
    assert read_all(tmp_path / "b.agencysync", passphrase=nfd) == b"".join(LINES)


@settings(deadline=None, max_examples=60)
@given(st.lists(st.binary(max_size=700), max_size=12), st.integers(min_value=1, max_value=400))
def test_any_pieces_round_trip_whatever_the_chunk_size(pieces, chunk_size):
    with tempfile.TemporaryDirectory() as folder:
        original = bundle_file.CHUNK_SIZE
        bundle_file.CHUNK_SIZE = chunk_size
        try:
            target = Path(folder) / "b.agencysync"
            write_bundle(target, {}, pieces, "passphrase")
        finally:
            bundle_file.CHUNK_SIZE = original
        assert b"".join(read_bundle(target, "passphrase")) == b"".join(pieces)


def test_progress_runs_from_the_first_record_to_the_whole_file(tmp_path):
    target = tmp_path / "b.agencysync"
    size = write(target)
    calls = []
    read_all(target, progress=lambda done, total: calls.append((done, total)))
    assert calls[-1] == (size, size)
    assert 0 < calls[0][0] < size and all(total == size for _, total in calls)
    assert [done for done, _ in calls] == sorted(done for done, _ in calls)


# --- refused: wrong passphrase, damage, cut, unfinished, newer, not ours


def test_a_wrong_passphrase_is_refused_before_anything_is_read(tmp_path):
    target = tmp_path / "支店2.agencysync"
    write(target)
    with pytest.raises(WrongPassphrase) as refused:
        read_bundle(target, "本店の合言葉 2025")  # raised by the call, not midway through the iteration
    assert "パスフレーズが違います" in refused.value.message and "支店2.agencysync" in str(refused.value)


@pytest.mark.parametrize("region", ["json", "size", "checksum", "length", "nonce", "ciphertext", "tag",
                                    "trailer", "end"])
def test_a_byte_changed_anywhere_is_reported_as_damage(tmp_path, region):
    target = tmp_path / "b.agencysync"
    write(target)
    parts = layout(target)
    first, trailer = parts["records"][3], parts["records"][-1]
    offset = {"json": parts["json"][0] + 20, "size": parts["size"][1] - 1, "checksum": parts["checksum"][0] + 5,
              "length": first[0] + 3, "nonce": first[0] + 4 + 5, "ciphertext": first[0] + 16 + 10,
              "tag": first[1] - 3, "trailer": trailer[0] + 16 + 8, "end": parts["end"][0] + 7}[region]
    flip(target, offset)
    with pytest.raises(BundleDamaged) as refused:
        read_all(target)
    assert "検査値が一致しません" in refused.value.message and "b.agencysync" in refused.value.message


def test_damage_after_good_chunks_is_found_at_that_chunk_after_their_data(tmp_path):
    """The caller imports inside one transaction: it gets the good chunks' data, then the error, and rolls back."""
    target = tmp_path / "b.agencysync"
    write(target)
    record = layout(target)["records"][-3]
    flip(target, record[1] - 1)
    received = bytearray()
    with pytest.raises(BundleDamaged):
        for piece in read_bundle(target, PASS):
            received += piece
    assert 0 < len(received) < len(b"".join(LINES))
    assert b"".join(LINES).startswith(bytes(received))


@pytest.mark.parametrize("keep", [0, 5, len(MAGIC) + 3, 60, "record", "before-end", "one-short"])
def test_a_cut_file_is_incomplete_for_the_header_the_size_check_and_the_reader(tmp_path, keep):
    target = tmp_path / "b.agencysync"
    size = write(target)
    parts = layout(target)
    keep = {"record": parts["records"][4][0] + 10, "before-end": parts["end"][0],
            "one-short": size - 1}.get(keep, keep)
    target.write_bytes(target.read_bytes()[:keep])
    assert not bundle_size_ok(target)
    with pytest.raises(BundleIncomplete) as refused:
        read_header(target)
    assert "コピーの途中か、途中で切れています" in refused.value.message
    with pytest.raises(BundleIncomplete):
        read_all(target)


def test_a_copy_that_has_its_full_length_but_not_yet_its_tail_is_incomplete(tmp_path):
    """Windows' copy gives the new file its final length first; the part not yet copied reads as zeros."""
    target = tmp_path / "b.agencysync"
    size = write(target)
    copied = target.read_bytes()[:size // 2]
    target.write_bytes(copied + bytes(size - len(copied)))
    assert not bundle_size_ok(target)
    with pytest.raises(BundleIncomplete):
        read_all(target)


@pytest.mark.parametrize("edit", ["swap", "drop", "drop-resealed", "drop-last-data", "append", "append-resealed"])
def test_reordered_dropped_or_added_chunks_are_damage(tmp_path, edit):
    target = tmp_path / "b.agencysync"
    write(target)
    data = target.read_bytes()
    records = layout(target)["records"]
    (a0, a1), (b0, b1) = records[2], records[3]
    if edit == "swap":  # both chunks full-size, so every length still fits
        data = data[:a0] + data[b0:b1] + data[a0:a1] + data[b1:]
    elif edit.startswith("drop"):
        start, end = records[-2] if edit == "drop-last-data" else records[2]
        data = data[:start] + data[end:]
        if edit in ("drop-resealed", "drop-last-data"):
            data = reseal_header(data)
    elif edit.startswith("append"):
        data = data + data[a0:a1]
        if edit == "append-resealed":
            data = reseal_header(data)
    target.write_bytes(data)
    assert bundle_size_ok(target)  # finished: reading it must say why it is refused
    with pytest.raises(BundleDamaged):
        read_all(target)


def test_an_edited_header_is_damage_even_with_its_checksum_fixed(tmp_path):
    target = tmp_path / "b.agencysync"
    write(target)
    data = target.read_bytes()
    edited = data.replace(b'"rows": 3', b'"rows": 9')
    assert edited != data
    target.write_bytes(edited)
    with pytest.raises(BundleDamaged):
        read_header(target)  # the plain checksum: found without the passphrase
    target.write_bytes(reseal_header(edited))
    assert read_header(target)["rows"] == 9  # a forger can change what a scan shows…
    with pytest.raises(BundleDamaged):
        read_all(target)  # …but the chunks are bound to the header they were written with


def test_a_bundle_of_a_newer_format_is_too_new(tmp_path):
    target = tmp_path / "b.agencysync"
    write(target)
    data = bytearray(target.read_bytes())
    data[len(MAGIC):len(MAGIC) + 2] = struct.pack(">H", FORMAT_VERSION + 1)
    target.write_bytes(bytes(data))
    for action in (read_header, lambda p: read_all(p)):
        with pytest.raises(BundleTooNew) as refused:
            action(target)
        assert "新しい版" in refused.value.message
    assert bundle_size_ok(target)


@pytest.mark.parametrize("content", [b"SQLite format 3\x00" + bytes(200), "お客様一覧\n".encode() * 30,
                                     MAGIC[:-1] + b"X" + bytes(100)], ids=["sqlite", "text", "near-magic"])
def test_a_file_of_another_kind_is_not_a_bundle(tmp_path, content):
    target = tmp_path / "customers.agencysync"
    target.write_bytes(content)
    with pytest.raises(NotABundle) as refused:
        read_bundle(target, PASS)
    assert "customers.agencysync" in refused.value.message
    with pytest.raises(NotABundle):
        read_header(target)
    assert bundle_size_ok(target)  # finished: the import says it is not a bundle


def test_a_missing_file_is_not_ready(tmp_path):
    assert not bundle_size_ok(tmp_path / "gone.agencysync")


def test_every_refusal_is_a_bundle_error_whose_text_is_its_message(tmp_path):
    for kind in (NotABundle, BundleIncomplete, WrongPassphrase, BundleDamaged, BundleTooNew, BundleCancelled):
        error = kind(tmp_path / "支店3.agencysync")
        assert isinstance(error, BundleError) and str(error) == error.message and "支店3.agencysync" in error.message
    custom = BundleTooNew(tmp_path / "x.agencysync", "スキーマが新しすぎます。")
    assert custom.message == str(custom) == "スキーマが新しすぎます。"


# --- writing: atomic, owner-only


def pieces_then(failure):
    yield from LINES[:200]
    raise failure


@pytest.mark.parametrize("how", ["cancel", "exception"])
def test_a_cancelled_or_failed_write_leaves_no_file_and_an_existing_one_unchanged(tmp_path, how):
    target = tmp_path / "b.agencysync"
    target.write_bytes(b"the earlier bundle")
    if how == "cancel":
        calls = iter(range(10**6))
        with pytest.raises(BundleCancelled):
            write_bundle(target, META, LINES, PASS, cancelled=lambda: next(calls) >= 100)
    else:
        with pytest.raises(RuntimeError, match="export failed"):
            write_bundle(target, META, pieces_then(RuntimeError("export failed")), PASS)
    assert target.read_bytes() == b"the earlier bundle"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b.agencysync"]


def test_a_cancelled_write_of_a_new_name_leaves_nothing(tmp_path):
    with pytest.raises(BundleCancelled) as refused:
        write_bundle(tmp_path / "b.agencysync", META, LINES, PASS, cancelled=lambda: True)
    assert "取り消しました" in refused.value.message
    assert list(tmp_path.iterdir()) == []


def test_a_cancelled_read_stops(tmp_path):
    target = tmp_path / "b.agencysync"
    write(target)
    with pytest.raises(BundleCancelled):
        read_all(target, cancelled=lambda: True)


def test_meta_that_read_header_would_shadow_or_cannot_store_is_refused_before_any_file(tmp_path):
    with pytest.raises(ValueError):
        write_bundle(tmp_path / "b.agencysync", {"size": 3}, LINES, PASS)
    with pytest.raises(TypeError):
        write_bundle(tmp_path / "b.agencysync", {"when": object()}, LINES, PASS)
    assert list(tmp_path.iterdir()) == []


def test_a_partial_file_left_by_a_dead_writer_is_replaced(tmp_path):
    (tmp_path / "b.agencysync.partial").write_bytes(b"half of an old bundle")
    write(tmp_path / "b.agencysync")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b.agencysync"]
    assert read_all(tmp_path / "b.agencysync") == b"".join(LINES)


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX modes; on Windows the per-user folder's ACL applies")
@pytest.mark.usefixtures("usual_umask")
def test_the_bundle_and_its_partial_file_are_the_owners_only(tmp_path):
    target = tmp_path / "b.agencysync"
    (tmp_path / "b.agencysync.partial").write_bytes(b"old")
    os.chmod(tmp_path / "b.agencysync.partial", 0o644)
    seen = []

    def watched():
        yield LINES[0]
        seen.append(mode(tmp_path / "b.agencysync.partial"))
        yield LINES[1]

    write_bundle(target, META, watched(), PASS)
    assert seen == [0o600] and mode(target) == 0o600


REAL_COMPRESSOBJ = zlib.compressobj


class SkippingCompressor:
    """A writer bug the encryption cannot see: one piece is checksummed as given but compressed changed (same length)."""

    def __init__(self, level):
        self.real, self.calls = REAL_COMPRESSOBJ(level), 0

    def compress(self, data):
        self.calls += 1
        return self.real.compress(data[::-1] if self.calls == 2 else data)

    def flush(self):
        return self.real.flush()


def test_the_whole_file_checksum_catches_data_changed_before_encryption(tmp_path, monkeypatch):
    target = tmp_path / "b.agencysync"
    monkeypatch.setattr(bundle_file.zlib, "compressobj", SkippingCompressor)
    write(target)
    monkeypatch.undo()
    monkeypatch.setattr(bundle_file, "SCRYPT_N", 2**10)
    with pytest.raises(BundleDamaged):
        read_all(target)


def test_an_authentic_chunk_that_is_not_zlib_is_damage_not_a_crash(tmp_path, monkeypatch):
    target = tmp_path / "b.agencysync"

    class Raw:
        def __init__(self, level):
            pass

        def compress(self, data):
            return data

        def flush(self):
            return b""
    monkeypatch.setattr(bundle_file.zlib, "compressobj", Raw)
    write(target, [b"plain text, not a zlib stream"])
    with pytest.raises(BundleDamaged):
        read_all(target)
