"""The PDF's text maps rewritten to the characters a Japanese text means, in place: no offset of the file moves."""

from agency_app.ui.printing.pdf_unicode import meant, readable_text


def test_radicals_and_lookalikes_become_what_the_text_means():
    assert chr(meant(0x2F47)) == "日" and chr(meant(0x2ED1)) == "長" and chr(meant(0x2E9F)) == "母"
    assert chr(meant(0x2027)) == "・" and chr(meant(0x3042)) == "あ" and chr(meant(0x41)) == "A"


def test_the_maps_are_rewritten_in_place():
    head = b"%PDF-1.4\n1 0 obj\n<< /Length 99 >>\nstream\n"
    cmap = (b"2 beginbfrange\n<0000> <0000> <0000>\n<0001> <0003> [<58F0> <2F47> <2027>]\nendbfrange\n"
            b"1 beginbfchar\n<0004> <2ED1>\nendbfchar\n<0005> <0006> <2F47>\n")
    pdf = head + cmap + b"endstream\nendobj\nxref\n"
    fixed = readable_text(pdf)
    assert len(fixed) == len(pdf)
    assert b"[<58F0> <65E5> <30FB>]" in fixed and b"<0004> <9577>" in fixed
    assert b"<0000> <0000> <0000>" in fixed
    assert fixed.endswith(b"<0005> <0006> <2F47>\nendstream\nendobj\nxref\n")  # outside the maps: untouched
