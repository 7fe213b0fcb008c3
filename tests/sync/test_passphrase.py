"""The passphrase: from the environment or a hidden prompt, typed twice for an export, refused when too weak."""

from __future__ import annotations

import unicodedata

import pytest

from agency_app.sync.passphrase import ENV, MIN_LENGTH, from_environment, problem, prompt


def test_the_environment_gives_the_passphrase_and_unset_or_empty_gives_none(monkeypatch):
    monkeypatch.setenv(ENV, "本店の合言葉 2026")
    assert ENV == "AGENCY_APP_PASSPHRASE" and from_environment() == "本店の合言葉 2026"
    monkeypatch.setenv(ENV, "")
    assert from_environment() is None
    monkeypatch.delenv(ENV)
    assert from_environment() is None


@pytest.mark.parametrize("passphrase", ["sakura-2026", "abcdefgh", "ＡＢＣＤＥＦＧＨ", "さくら代理店の合言葉",
                                        "本店 と 支店 の鍵"])
def test_eight_characters_as_typed_will_do(passphrase):
    assert problem(passphrase) is None


@pytest.mark.parametrize("passphrase, shown", [
    ("abcdefg", "7文字"),
    ("ＡＢＣＤＥＦＧ", "7文字"),  # full-width letters count one each, as typed
    (unicodedata.normalize("NFD", "がぎぐげござじ"), "7文字"),  # 7 typed, 14 code points in NFD
])
def test_fewer_than_eight_characters_are_too_short_and_the_count_is_shown(passphrase, shown):
    message = problem(passphrase)
    assert MIN_LENGTH == 8 and "短すぎます" in message and shown in message and "8文字以上" in message


@pytest.mark.parametrize("passphrase, said", [
    ("", "入力してください"),
    ("  \u3000 ", "入力してください"),
    ("aaaaaaaaaaaa", "同じ文字"),
    ("ああああああああ", "同じ文字"),
    (" sakura-2026", "空白"),
    ("sakura-2026\u3000", "空白"),  # a full-width space an IME left at the end
])
def test_empty_repeated_or_space_edged_passphrases_are_refused_with_what_to_do(passphrase, said):
    assert said in problem(passphrase)


def scripted(*answers):
    """A getpass stand-in: the answers in turn, and the prompts it was shown."""
    shown, queue = [], list(answers)

    def ask(text):
        shown.append(text)
        return queue.pop(0)
    return ask, shown


def test_an_export_asks_again_until_a_strong_passphrase_is_typed_twice_alike():
    ask, shown = scripted("short", "sakura-2026", "sakura-2025", "sakura-2026", "sakura-2026")
    said = []
    assert prompt(True, ask=ask, say=said.append) == "sakura-2026"
    assert len(shown) == 5 and "もう一度" in shown[2]
    assert "短すぎます" in said[0] and "一致しません" in said[1] and len(said) == 2


def test_an_import_asks_once_and_again_only_when_nothing_was_typed():
    ask, shown = scripted("", "old", "unused")
    said = []
    assert prompt(False, ask=ask, say=said.append) == "old"  # the bundle was made with it, short or not
    assert len(shown) == 2 and said == ["パスフレーズを入力してください。"]


def test_the_end_of_input_stops_the_prompt():
    def ask(text):
        raise EOFError

    with pytest.raises(EOFError):
        prompt(True, ask=ask, say=lambda text: None)
