"""The bundle file: a branch's changes compressed, checksummed and encrypted with the agency's passphrase.

Layout (integers big-endian):

    MAGIC (14) | format u16 | header length u32 | header JSON (UTF-8)      <- hashed into every chunk's AAD
    file size u64 | sha256 of everything before it (32)                    <- written last (seek back)
    records: ciphertext length u32 | nonce (12) | AES-256-GCM ciphertext + tag (16)
        data chunks 0..n-1: the zlib stream cut in CHUNK_SIZE pieces; AAD = header hash | index u64 | 0
        the trailer, last: sha256 + length of the plaintext, chunk count; AAD = header hash | n u64 | 1
    END (16)

The header JSON holds the caller's meta (plain, so a folder scan reads it without the passphrase), scrypt's salt
and parameters and a key-check value (a wrong passphrase is told from a damaged file). The plain header checksum
catches a damaged header (and the size field) before any key is derived; the AAD catches an edited header,
reordered, dropped or cut chunks; END tells a finished file from one Windows is still copying (the copy gives
the file its full length first; the tail reads as zeros until it is written).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import struct
import time
import unicodedata
import zlib
from pathlib import Path
from typing import Callable, Iterable, Iterator

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from agency_app.private_files import private_file
from agency_app.storage.backup import sync_folder
from agency_app.storage.file_moves import replace_retrying

FORMAT_VERSION = 1
SUFFIX = ".agencysync"
PARTIAL_SUFFIX = ".partial"  # `<name>.agencysync.partial`: never the final name, so a folder scan never sees it

# Read at each write, so tests can make them small (a monkeypatch); readers take them from the header.
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**17, 8, 1  # ~0.3–0.5 s and 128 MB per key: slow to guess, fine on an office PC
CHUNK_SIZE = 1024 * 1024  # of the compressed stream; each chunk gets its own nonce (AES-GCM is one-shot)
ZLIB_LEVEL = 6

MAGIC = b"AGENCYSYNC\r\n\x1a\n"  # \r\n and \x1a show a text-mode transfer that mangled the file
END = b"\x1aAGENCYSYNC-END\n"
_PRELUDE = struct.Struct(">HI")  # format, header JSON length
_SIZE = struct.Struct(">Q")
_RECORD = struct.Struct(">I")
_TRAILER = struct.Struct(">32sQQ")  # plaintext sha256, plaintext length, data chunk count
_NONCE, _TAG, _SALT = 12, 16, 16
_MAX_HEADER = 1024 * 1024
_MAX_CHUNK = 64 * 1024 * 1024
_MAX_SCRYPT_MEMORY = 1024 * 1024 * 1024  # a header asking for more is not one this app wrote
_PROGRESS_EVERY = 0.1  # seconds
_RESERVED = ("format", "size")  # read_header adds these beside the caller's meta


class BundleError(Exception):
    """A bundle refused; .message is the Japanese text for the user (also str(error)), naming the file."""

    template = "{name} を読み込めませんでした。"

    def __init__(self, path: Path | str, message: str | None = None):
        self.path = Path(path)
        self.message = message or self.template.format(name=self.path.name)
        super().__init__(self.message)


class NotABundle(BundleError):
    template = ("{name} は支店・本部間でやり取りするデータのファイルではありません。"
                f"「{SUFFIX}」で終わる、このアプリで書き出したファイルを選んでください。")


class BundleIncomplete(BundleError):
    template = ("{name} は本来の大きさより短いファイルです（コピーの途中か、途中で切れています）。"
                "コピーが終わるまで待ってからもう一度読み込むか、送信元にもう一度送ってもらってください。")


class WrongPassphrase(BundleError):
    template = "{name}: パスフレーズが違います。本部から知らされた代理店のパスフレーズを入力してください。"


class BundleDamaged(BundleError):
    template = ("{name} は壊れているか、書き換えられています（検査値が一致しません）。"
                "送信元にもう一度作ってもらってください。")


class BundleTooNew(BundleError):
    template = ("{name} はこのアプリより新しい版で作られています。"
                "このパソコンのアプリを新しい版に更新してから読み込んでください。")


class BundleCancelled(BundleError):
    template = "{name} の処理を取り消しました。"


# --- keys


def _keys(passphrase: str, salt: bytes, n: int, r: int, p: int) -> tuple[bytes, bytes]:
    """(AES-256 key, key-check value). NFC: the same passphrase typed on a Mac (NFD) or an IME opens the file."""
    secret = unicodedata.normalize("NFC", passphrase).encode("utf-8")
    master = Scrypt(salt=salt, length=32, n=n, r=r, p=p).derive(secret)
    aes_key = hmac.digest(master, b"agency-sync/aes-256-gcm", "sha256")
    key_check = hmac.digest(master, b"agency-sync/key-check", "sha256")[:16]
    return aes_key, key_check


def _aad(header_hash: bytes, index: int, last: bool) -> bytes:
    return header_hash + struct.pack(">QB", index, last)


# --- writing


def write_bundle(path: Path, meta: dict, pieces: Iterable[bytes], passphrase: str, *,
                 cancelled: Callable[[], bool] | None = None) -> int:
    """Write `pieces` (the plaintext stream) as a bundle at `path`; returns the file's size.

    Atomic: the bytes go to `<name>.partial` (owner-only) beside `path`, which gets its name only when complete
    and synced. On any error or a cancel (BundleCancelled) the partial file is removed and an existing `path`
    is left as it was. The passphrase's strength is the caller's check (passphrase.problem).
    """
    path = Path(path)
    if any(key in meta for key in _RESERVED):
        raise ValueError(f"meta may not use the keys {_RESERVED}: read_header adds them")
    salt = os.urandom(_SALT)
    n, r, p, chunk_size = SCRYPT_N, SCRYPT_R, SCRYPT_P, CHUNK_SIZE
    aes_key, key_check = _keys(passphrase, salt, n, r, p)
    header_json = json.dumps({
        "meta": meta,
        "kdf": {"name": "scrypt", "salt": salt.hex(), "n": n, "r": r, "p": p},
        "cipher": "AES-256-GCM", "compression": "zlib", "chunk_size": chunk_size,
        "key_check": key_check.hex(),
    }, ensure_ascii=False, sort_keys=True).encode("utf-8")  # TypeError here, before any file, if not JSON-able
    head = MAGIC + _PRELUDE.pack(FORMAT_VERSION, len(header_json)) + header_json
    header_hash = hashlib.sha256(head).digest()
    aes = AESGCM(aes_key)

    partial = path.with_name(path.name + PARTIAL_SUFFIX)
    partial.unlink(missing_ok=True)  # a leftover of a writer that died: start afresh, owner-only
    try:
        private_file(partial)
        with open(partial, "r+b") as out:
            out.write(head + bytes(_SIZE.size + 32))  # size and checksum: known at the end

            def record(data: bytes, index: int, last: bool) -> None:
                nonce = os.urandom(_NONCE)
                sealed = aes.encrypt(nonce, data, _aad(header_hash, index, last))
                out.write(_RECORD.pack(len(sealed)) + nonce + sealed)

            compressor = zlib.compressobj(ZLIB_LEVEL)
            plain_hash, plain_length, count = hashlib.sha256(), 0, 0
            pending = bytearray()
            for piece in pieces:
                if cancelled is not None and cancelled():
                    raise BundleCancelled(path)
                plain_hash.update(piece)
                plain_length += len(piece)
                pending += compressor.compress(piece)
                while len(pending) >= chunk_size:
                    record(bytes(pending[:chunk_size]), count, False)
                    del pending[:chunk_size]
                    count += 1
            pending += compressor.flush()
            while pending:
                record(bytes(pending[:chunk_size]), count, False)
                del pending[:chunk_size]
                count += 1
            record(_TRAILER.pack(plain_hash.digest(), plain_length, count), count, True)
            out.write(END)
            size = out.tell()
            out.seek(len(head))
            out.write(_SIZE.pack(size))
            out.seek(0)
            checksum = hashlib.sha256(out.read(len(head) + _SIZE.size)).digest()
            out.seek(len(head) + _SIZE.size)
            out.write(checksum)
            out.flush()
            os.fsync(out.fileno())
        if cancelled is not None and cancelled():
            raise BundleCancelled(path)
        replace_retrying(partial, path)  # only a complete, synced file gets the real name
    except BaseException:
        try:
            partial.unlink(missing_ok=True)
        except OSError:
            pass  # still held (Windows): a stray .partial is never read as a bundle
        raise
    sync_folder(path.parent)
    return size


# --- reading


class _Header:
    """What the first bytes of a checked bundle say."""

    def __init__(self, head: bytes, fields: dict, size: int):
        self.head, self.fields, self.size = head, fields, size
        self.length = len(head) + _SIZE.size + 32  # where the first record starts
        self.hash = hashlib.sha256(head).digest()


def _read_header(path: Path, file) -> _Header:
    """Check everything that needs no passphrase: magic, format, header checksum, length and END."""
    start = file.read(len(MAGIC) + _PRELUDE.size)
    if start[:len(MAGIC)] != MAGIC[:len(start)]:
        raise NotABundle(path)
    if len(start) < len(MAGIC) + _PRELUDE.size:
        raise BundleIncomplete(path)  # an empty file too: a copy that has just begun
    version, header_length = _PRELUDE.unpack_from(start, len(MAGIC))
    if version > FORMAT_VERSION:
        raise BundleTooNew(path)
    if version < 1:
        raise NotABundle(path)
    if header_length > _MAX_HEADER:
        raise BundleDamaged(path)
    rest = file.read(header_length + _SIZE.size + 32)
    if len(rest) < header_length + _SIZE.size + 32:
        raise BundleIncomplete(path)
    head = start + rest[:header_length]
    (size,) = _SIZE.unpack_from(rest, header_length)
    checksum = rest[header_length + _SIZE.size:]
    if not hmac.compare_digest(hashlib.sha256(head + rest[header_length:header_length + _SIZE.size]).digest(),
                               checksum):
        raise BundleDamaged(path)
    try:
        fields = json.loads(head[len(start):].decode("utf-8"))
        _check_fields(fields)
    except (ValueError, TypeError, KeyError):
        raise BundleDamaged(path) from None  # checksum right, contents not ours: written by something else
    header = _Header(head, fields, size)
    actual = file.seek(0, os.SEEK_END)
    if size < header.length + len(END):
        raise BundleDamaged(path)
    if actual < size:
        file.seek(actual - len(END))
        if file.read(len(END)) == END:
            raise BundleDamaged(path)  # finished, yet shorter than written: a chunk was taken out
        raise BundleIncomplete(path)
    if actual > size:
        raise BundleDamaged(path)  # appended to
    file.seek(size - len(END))
    tail = file.read(len(END))
    if tail != END:
        if not any(tail):
            raise BundleIncomplete(path)  # full length, zero tail: a copy still under way
        raise BundleDamaged(path)
    file.seek(header.length)
    return header


def _check_fields(fields: dict) -> None:
    kdf = fields["kdf"]
    n, r, p = kdf["n"], kdf["r"], kdf["p"]
    if not (isinstance(fields["meta"], dict) and kdf["name"] == "scrypt" and len(bytes.fromhex(kdf["salt"])) == _SALT
            and all(type(v) is int and v >= 1 for v in (n, r, p)) and n >= 2 and n & (n - 1) == 0
            and 128 * n * r * p <= _MAX_SCRYPT_MEMORY
            and fields["cipher"] == "AES-256-GCM" and fields["compression"] == "zlib"
            and type(fields["chunk_size"]) is int and 1 <= fields["chunk_size"] <= _MAX_CHUNK
            and len(bytes.fromhex(fields["key_check"])) == 16):
        raise ValueError("not a header this app writes")


def read_header(path: Path) -> dict:
    """The caller's meta plus "format" and "size" (the file's full length), without the passphrase.

    Raises NotABundle, BundleIncomplete (shorter than it should be, or still being copied), BundleTooNew, and
    BundleDamaged for a header that fails its checksum or a file longer than it says.
    """
    path = Path(path)
    with open(path, "rb") as file:
        header = _read_header(path, file)
    return {**header.fields["meta"], "format": FORMAT_VERSION, "size": header.size}


def bundle_size_ok(path: Path) -> bool:
    """False while the file looks unfinished (shorter than its header says, its end not yet written, or held
    open by the copy): a folder scan skips it for now, without deriving any key.

    True otherwise, even for a file that will be refused: reading it says why (damaged, not a bundle…).
    """
    try:
        read_header(path)
    except BundleIncomplete:
        return False
    except BundleError:
        return True
    except PermissionError:  # Windows: the copy still holds the file
        return False
    except FileNotFoundError:  # moved away between the listing and now
        return False
    return True


def read_bundle(path: Path, passphrase: str, *, cancelled: Callable[[], bool] | None = None,
                progress: Callable[[int, int], None] | None = None) -> Iterator[bytes]:
    """The plaintext stream in pieces, each chunk authenticated before its data is yielded.

    The header and the passphrase are checked here, before an iterator is returned (WrongPassphrase,
    NotABundle… raise from this call); BundleDamaged / BundleIncomplete / BundleCancelled come from the
    iteration at the chunk where they are found, so the caller reads inside one transaction and rolls back.
    progress(bytes_done, bytes_total) is called at most ~10 times a second, and once at the end.
    """
    path = Path(path)
    with open(path, "rb") as file:
        header = _read_header(path, file)
    kdf = header.fields["kdf"]
    aes_key, key_check = _keys(passphrase, bytes.fromhex(kdf["salt"]), kdf["n"], kdf["r"], kdf["p"])
    if not hmac.compare_digest(key_check, bytes.fromhex(header.fields["key_check"])):
        raise WrongPassphrase(path)
    return _chunks(path, header, AESGCM(aes_key), cancelled, progress)


def _chunks(path: Path, checked: _Header, aes: AESGCM, cancelled, progress) -> Iterator[bytes]:
    with open(path, "rb") as file:
        header = _read_header(path, file)
        if header.head != checked.head:
            raise BundleDamaged(path)  # replaced since the passphrase was checked
        chunk_limit = header.fields["chunk_size"] + _TAG
        records_end = header.size - len(END)
        decompressor = zlib.decompressobj()
        plain_hash, plain_length, index = hashlib.sha256(), 0, 0
        position, reported = header.length, 0.0
        if progress is not None:
            progress(position, header.size)
        while True:
            if cancelled is not None and cancelled():
                raise BundleCancelled(path)
            if position + _RECORD.size + _NONCE + _TAG > records_end:
                raise BundleDamaged(path)  # the trailer is missing: chunks were dropped
            prefix = file.read(_RECORD.size + _NONCE)
            if len(prefix) < _RECORD.size + _NONCE:
                raise BundleIncomplete(path)  # cut while we read it
            (sealed_length,) = _RECORD.unpack_from(prefix)
            nonce = prefix[_RECORD.size:]
            end = position + _RECORD.size + _NONCE + sealed_length
            if not _TAG <= sealed_length <= max(chunk_limit, _TRAILER.size + _TAG) or end > records_end:
                raise BundleDamaged(path)
            sealed = file.read(sealed_length)
            if len(sealed) < sealed_length:
                raise BundleIncomplete(path)
            last = end == records_end  # the record that ends where END begins is the trailer
            try:
                data = aes.decrypt(nonce, sealed, _aad(header.hash, index, last))
            except InvalidTag:
                raise BundleDamaged(path) from None
            position = end
            if last:
                break
            index += 1
            while data:
                try:
                    piece = decompressor.decompress(data, 4 * 1024 * 1024)  # bounded pieces, whatever the ratio
                except zlib.error:
                    raise BundleDamaged(path) from None  # authentic but not a zlib stream: not written by us
                data = decompressor.unconsumed_tail
                if decompressor.unused_data:
                    raise BundleDamaged(path)
                if piece:
                    plain_hash.update(piece)
                    plain_length += len(piece)
                    yield piece
            if progress is not None and time.monotonic() - reported >= _PROGRESS_EVERY:
                reported = time.monotonic()
                progress(position, header.size)
        if len(data) != _TRAILER.size:
            raise BundleDamaged(path)
        digest, length, count = _TRAILER.unpack(data)
        tail = decompressor.flush()
        if tail:
            plain_hash.update(tail)
            plain_length += len(tail)
        if (not decompressor.eof or count != index or length != plain_length
                or not hmac.compare_digest(digest, plain_hash.digest())):
            raise BundleDamaged(path)  # the whole-file checksum
        if tail:
            yield tail
        if progress is not None:
            progress(header.size, header.size)
