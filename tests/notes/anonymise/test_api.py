"""API contract: dataclasses, offsets, age bands, redact() options, JSONL mode."""

from __future__ import annotations

import itertools
import json

import pytest

from rmn_portal.notes.anonymise import (
    KINDS,
    Finding,
    Redaction,
    age_band,
    detect_language,
    find_personal_data,
    redact,
)
from rmn_portal.notes.anonymise.jsonl import redact_stream
from rmn_portal.notes.anonymise.shadow import make_shadow


def test_kinds_tuple():
    assert KINDS == (
        "NAME",
        "PHONE",
        "EMAIL",
        "ID",
        "ADDRESS",
        "DATE",
        "URL",
        "HANDLE",
        "PLACE",
        "AGE",
    )


@pytest.mark.parametrize(
    "age,band",
    [
        (0, "under 18"),
        (17, "under 18"),
        (18, "18–24"),
        (24, "18–24"),
        (25, "25–34"),
        (34, "25–34"),
        (35, "35–49"),
        (49, "35–49"),
        (50, "50+"),
        (93, "50+"),
    ],
)
def test_age_band(age, band):
    assert age_band(age) == band


def test_age_replacement_per_language():
    assert redact("A 24-year-old trans woman.", "en").redacted == "A [aged 18–24] trans woman."
    assert (
        redact("Klijentkinja ima 24 godine.", "sr").redacted == "Klijentkinja ima [18–24 godina]."
    )
    assert (
        redact("Клијенткиња има 24 године.", "sr-Cyrl").redacted
        == "Клијенткиња има [18–24 година]."
    )
    assert "[aged under 18]" in redact("He is 16 years old.", "en").redacted
    assert "[50+ godina]" in redact("Klijent ima 61 godinu.", "sr").redacted


def test_place_replacement_is_region():
    r = redact("Smešten je u Krnjači.", "sr")
    assert r.redacted == "Smešten je u [PLACE: Belgrade region]."
    assert r.findings[0].kind == "PLACE"


def test_findings_are_sorted_non_overlapping_and_match_text():
    text = (
        "Klijentkinja Amina Hadžić, rođena 12.03.1998., JMBG 0101990710008, živi na adresi "
        "ul. Kralja Petra 12, tel. 064 555 1234, amina@example.org, u Šidu."
    )
    found = find_personal_data(text, "sr")
    assert {f.kind for f in found} >= {"NAME", "DATE", "ID", "ADDRESS", "PHONE", "EMAIL", "PLACE"}
    for a, b in itertools.pairwise(found):
        assert a.end <= b.start
    for f in found:
        assert isinstance(f, Finding)
        assert text[f.start : f.end] == f.text
        assert f.kind in KINDS


def test_offsets_map_back_to_cyrillic_original():
    text = "Љубица и Фаршад живе у Обреновцу. Ђорђе је позвао Џамала на 064 123 4567."
    found = find_personal_data(text, "sr-Cyrl")
    got = {(f.kind, text[f.start : f.end]) for f in found}
    assert ("NAME", "Фаршад") in got
    assert ("PLACE", "Обреновцу") in got
    assert ("PHONE", "064 123 4567") in got
    assert ("NAME", "Џамала") in got


def test_shadow_offset_map():
    text = "Љиљана Ђурић, Džemal, Šid — ok"
    sh = make_shadow(text)
    assert sh.text.startswith("Ljiljana Djuric, Dzemal, Sid - ok")
    assert len(sh.text) == len(sh.lower)
    # "Ђурић" in the shadow is "Djuric"; it maps back to the Cyrillic word
    s = sh.text.index("Djuric")
    assert sh.to_original(s, s + len("Djuric")) == (7, 12)
    # combining marks (NFD input) are dropped but stay attached to their base letter
    nfd = "S\u030cid"
    sh2 = make_shadow(nfd)
    assert sh2.text == "Sid"
    assert sh2.to_original(0, 3) == (0, 4)


def test_nfd_input_maps_back():
    text = "Klijent se zove Mus\u030ctafa."  # NFD š in a made-up spelling
    found = find_personal_data(text, "sr")
    assert found and found[0].kind == "NAME"
    assert text[found[0].start : found[0].end] == "Mus\u030ctafa"


def test_redact_ignore_spans_drop_findings():
    text = "Met Farshad in Krnjača."
    start = text.index("Krnjača")
    r = redact(text, "en", ignore_spans=[(start, start + 3)])
    assert r.redacted == "Met [NAME] in Krnjača."


def test_redact_extra_spans_become_redacted_name():
    text = "The client works at the Green Bakery near the station."
    s = text.index("Green Bakery")
    r = redact(text, "en", extra_spans=[(s, s + len("Green Bakery"))])
    assert r.redacted == "The client works at the [REDACTED] near the station."
    assert r.findings == [Finding(s, s + 12, "NAME", "Green Bakery", "[REDACTED]")]


def test_redact_extra_span_absorbs_overlapping_finding():
    text = "Farshad Ahmadi came."
    r = redact(text, "en", extra_spans=[(0, 7)])
    assert r.redacted == "[REDACTED] came."
    assert len(r.findings) == 1


def test_redact_is_deterministic_and_typed():
    text = "Met Farshad (24) in Krnjača on 12.03.2023, +381 64 123 4567."
    a, b = redact(text), redact(text)
    assert isinstance(a, Redaction)
    assert a == b


def test_empty_and_clean_text():
    assert redact("").redacted == ""
    assert redact("Nothing personal here.").findings == []


@pytest.mark.parametrize(
    "text,lang",
    [
        ("Klijent je došao u kancelariju.", "sr"),
        ("The client came to the office.", "en"),
        ("Клијент је дошао.", "sr-Cyrl"),
    ],
)
def test_detect_language(text, lang):
    assert detect_language(text) == lang


def test_jsonl_stream_with_malformed_line():
    lines = [
        json.dumps({"id": 1, "lang": "en", "text": "Met Farshad in Krnjača."}) + "\n",
        "{not json at all, secret Farshad\n",
        "\n",
        json.dumps(
            {"id": "b", "lang": "sr-Cyrl", "text": "Фаршад има 24 године."}, ensure_ascii=False
        ),
        json.dumps({"id": 3, "lang": "xx", "text": "Farshad"}),
        json.dumps({"id": 4, "text": 5}),
        json.dumps(["a", "list"]),
    ]
    out = [json.loads(x) for x in redact_stream(iter(lines))]
    assert len(out) == 6
    assert out[0]["id"] == 1
    assert out[0]["redacted"] == "Met [NAME] in [PLACE: Belgrade region]."
    assert out[0]["findings"] == [
        {"start": 4, "end": 11, "kind": "NAME"},
        {"start": 15, "end": 22, "kind": "PLACE"},
    ]
    assert out[1] == {"id": None, "error": "malformed JSON"}
    assert out[2]["id"] == "b" and "[18–24 година]" in out[2]["redacted"]
    assert out[3]["id"] == 3 and "error" in out[3]
    assert out[4]["id"] == 4 and "error" in out[4]
    assert out[5]["id"] is None and "error" in out[5]
    # no error line ever echoes the note text
    for o in out:
        if "error" in o:
            assert "Farshad" not in json.dumps(o)


def test_jsonl_stream_is_lazy_and_non_ascii():
    def gen():
        yield json.dumps({"id": 1, "lang": "sr", "text": "Živi u Šidu."}, ensure_ascii=False)
        raise AssertionError("the stream must not read ahead")

    it = redact_stream(gen())
    first = next(it)
    assert "Šidu" not in first and "[PLACE: Vojvodina]" in first
    assert "\\u" not in first  # ensure_ascii=False


def test_robust_on_arbitrary_text():
    """Deterministic pseudo-random strings: no exception, valid offsets."""
    alphabet = (
        "abcčćdđefghijklmnoprsštuvzž ABCČĆĐŠŽ абвгдђежзијклљмнњопрстћуфхцчџш АБВЉЊЏЂ"
        "0123456789 .,;:-/()+@#_'\"\n\t\u0301\u030c\u00a0–—…"
    )
    state = 12345
    for _ in range(300):
        chars = []
        for _ in range(80):
            state = (state * 1103515245 + 12345) % (2**31)
            chars.append(alphabet[state % len(alphabet)])
        text = "".join(chars)
        found = find_personal_data(text)
        for f in found:
            assert 0 <= f.start < f.end <= len(text)
            assert text[f.start : f.end] == f.text
        for a, b in itertools.pairwise(found):
            assert a.end <= b.start
        red = redact(text).redacted
        assert isinstance(red, str)


def test_age_lists_and_lower_case_note():
    r = redact("Klijentkinje, stare 17 i 19 godina, su sestre.", "sr")
    assert r.redacted == "Klijentkinje, stare [mlađe od 18 godina] i [18–24 godina], su sestre."
    r = redact("Two girls, aged 15 and 16, arrived alone.", "en")
    assert r.redacted == "Two girls, [aged under 18] and [aged under 18], arrived alone."
    r = redact("klijentkinja amina ima 24 godine i zivi u sidu sa partnerkom lejlom.", "sr")
    assert r.redacted == (
        "klijentkinja [NAME] ima [18–24 godina] i zivi u [PLACE: Vojvodina] sa partnerkom [NAME]."
    )


def test_handle_after_platform_versus_url():
    assert redact("tiktok lejla.bg", "en").findings[0].kind == "HANDLE"
    assert redact("Facebook: facebook.com/ali.reza.official", "en").findings[0].kind == "URL"
