"""A file or folder the application could not read or write, said in Japanese with what to do (window and commands)."""

from __future__ import annotations

import errno

__all__ = ["os_error_text"]


def os_error_text(error: OSError) -> str:
    """A file the command could not read or write, with what to do; a full disk (or a file size limit) said so."""
    where = f": {error.filename}" if error.filename else ""
    if error.errno in (errno.ENOSPC, errno.EFBIG) or getattr(error, "winerror", None) in (39, 112):
        return (f"ディスクの空き容量が足りないため、ファイルを書き込めませんでした{where}\n"
                "空き容量を増やしてから、もう一度お試しください。")
    if error.errno == errno.ENOENT:
        return (f"ファイルを読み書きできませんでした{where}（ファイルまたはフォルダーが見つかりません）\n"
                "USB メモリーやネットワークドライブがつながっているか確かめてください。")
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return (f"ファイルを読み書きできませんでした{where}（書き込む権限がありません）\n"
                "フォルダーが読み取り専用でないか、ほかのアプリが使っていないか確かめてください。")
    return f"ファイルを読み書きできませんでした{where} （{error.strerror or error}）"
