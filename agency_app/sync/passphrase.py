"""The agency's bundle passphrase: from the environment or a hidden prompt (never an argument), and its strength."""

from __future__ import annotations

import getpass
import os
import sys
import unicodedata

ENV = "AGENCY_APP_PASSPHRASE"
# 8 characters as typed (a full-width Ａ or 漢 is one, like a half-width a): with scrypt's cost per guess, the
# floor below which a stolen USB stick's personal data is guessed in days rather than years.
MIN_LENGTH = 8
_SPACES = " \u3000\t"  # half- and full-width spaces, which an IME slips in unseen


def from_environment() -> str | None:
    """The passphrase set in AGENCY_APP_PASSPHRASE (scheduled exports), or None when unset or empty."""
    return os.environ.get(ENV) or None


def problem(passphrase: str) -> str | None:
    """Why `passphrase` may not protect personal data, in Japanese, or None when it will do.

    Rules: at least MIN_LENGTH characters as typed; not one character repeated; no space at either end (it
    cannot be seen, so the other office would not type it).
    """
    text = unicodedata.normalize("NFC", passphrase)
    if not text.strip(_SPACES):
        return "パスフレーズを入力してください。"
    if text != text.strip(_SPACES):
        return ("パスフレーズの前か後ろに空白が入っています。見えない空白は相手に伝わらないため、"
                "空白を消してから入力してください。")
    if len(text) < MIN_LENGTH:
        return (f"パスフレーズが短すぎます（{len(text)}文字）。お客様の個人情報を守るため、"
                f"{MIN_LENGTH}文字以上にしてください。")
    if len(set(text)) == 1:
        return "同じ文字を繰り返しただけのパスフレーズは使えません。別の文字を混ぜてください。"
    return None


def prompt(confirm: bool, *, ask=getpass.getpass, say=None) -> str:
    """Ask for the passphrase at the command line without echoing it.

    confirm=True (an export): the passphrase must pass problem() and be typed twice alike; asked again until it
    is. confirm=False (an import): asked once, again only when nothing was typed. Ctrl+C or the end of input
    stops it (KeyboardInterrupt / EOFError, as getpass raises them).
    """
    say = say or (lambda text: print(text, file=sys.stderr))
    while True:
        first = ask("代理店のパスフレーズ: ")
        if not confirm:
            if first:
                return first
            say("パスフレーズを入力してください。")
            continue
        reason = problem(first)
        if reason is not None:
            say(reason)
            continue
        if ask("確認のため、もう一度入力してください: ") == first:
            return first
        say("二回の入力が一致しません。もう一度、初めから入力してください。")
