"""The general date and age rules added after the round-6 and round-7 first
scorings.

The sentences are probes written for these tests in wordings that are not
in any evaluation note; none of them is an evaluation note.
"""

from __future__ import annotations

import pytest

from rmn_portal.notes.anonymise import find_personal_data, redact


def found(text: str, kind: str, lang: str | None = None) -> list[str]:
    return [f.text for f in find_personal_data(text, lang) if f.kind == kind]


# ---------------------------------------------------------------- DATE
@pytest.mark.parametrize(
    "text,date",
    [
        # a day without a month, tied to a weekday
        ("See you on Thu the 7th!", "Thu the 7th"),
        ("Appointment moved to Wednesday 12th at 3pm.", "Wednesday 12th"),
        ("Vraća se u ponedeljak 12-og.", "ponedeljak 12-og"),
        ("Ostaje do srede 4-og.", "srede 4-og"),
        ("Долази у четвртак 9-ог.", "четвртак 9-ог"),
        ("U petak 13. je praznik.", "petak 13."),
        # ... or to a preposition
        ("Deadline: by the 30th.", "30th"),
        ("She has been with us since the 3rd.", "3rd"),
        ("Ostaje do 15-og, posle ide u Novi Sad.", "15-og"),
        # Serbian ordinal days before a month
        ("Zakazano je za 22-og februara.", "22-og februara"),
        ("Došla je 3-ćeg aprila.", "3-ćeg aprila"),
        ("Termin je 8-mog maja.", "8-mog maja"),
        # a day of this, next or last month
        ("Rok je 28. ovog meseca.", "28. ovog meseca"),
        ("Hearing is on the 14th of next month.", "14th of next month"),
        ("Дошао је 14-ог прошлог месеца.", "14-ог прошлог месеца"),
        # a range of days is one date
        ("Od 1-og do 15-og juna je u bolnici.", "1-og do 15-og juna"),
        ("Between the 3rd and the 6th of May she was detained.", "3rd and the 6th of May"),
        ("Bolovanje od 2. do 6. marta.", "2. do 6. marta"),
        # a two-digit year with the Serbian dot before a time
        ("[11.02.25. 21:40] Sanja: stigla je", "11.02.25."),
        # a birth cue with a verb between
        ("Rođena je u julu 1996. u Kabulu.", "julu 1996."),
    ],
)
def test_dates(text, date):
    # a sentence-final dot may join a date (the Serbian ordinal dot)
    assert any(d.removesuffix(".") == date.removesuffix(".") for d in found(text, "DATE")), found(
        text, "DATE"
    )


@pytest.mark.parametrize(
    "text",
    [
        "It was the 3rd time he came. He lives on the 5th floor.",
        "Room 12 is on the 2nd floor; the 1st session is free.",
        "On the 1st day of Ramadan the office closes.",
        "The 2nd hearing was cancelled.",
        "Open Day on the 5th of every month.",
        "Na 5-om spratu, učenik 3-eg razreda.",
        "He turned 18 last month.",
        "We meet every 2nd Tuesday.",
    ],
)
def test_no_dates(text):
    assert found(text, "DATE") == []


def test_a_chat_time_stamp_is_no_phone():
    text = "[11.02.25. 21:40] Sanja: stigla je"
    assert found(text, "PHONE") == []


def test_an_ordinal_day_after_an_id_cue_is_no_id():
    text = "Razgovor u Kancelariji za azil zakazan je za 22-og februara."
    assert found(text, "ID") == []
    assert found(text, "DATE") == ["22-og februara."]


def test_the_day_of_a_date_is_no_house_number():
    text = "Pobegao je iz centra u Bogovađi 12. ovog meseca."
    assert found(text, "ADDRESS") == []
    assert found(text, "DATE") == ["12. ovog meseca"]
    assert found(text, "PLACE") == ["Bogovađi"]


def test_an_address_cue_does_not_take_a_date():
    assert found("The interview moved to Friday 9th at noon.", "ADDRESS") == []


# ---------------------------------------------------------------- AGE
@pytest.mark.parametrize(
    "text,age",
    [
        ("Brat ima sedamnajst, sestra je starija.", "sedamnajst"),
        ("Ona ima dvajst godina.", "dvajst godina"),
        ("Ima 16 i po godina i živi sam.", "16 i po godina"),
        ("He is 16 and a half years old.", "16 and a half years old"),
        ("I am twenty one years, my papers are wrong.", "twenty one years"),
        ("I'm 19, from Iran.", "19"),
        ("We are both 24.", "24"),
        ("The youngest person in the group was 15.", "15"),
        ("The eldest of the brothers, Hamid, is 30.", "30"),
        ("Age (estimated): 16", "16"),
        ("Ages: 19, 21 and 23.", "23"),
        ("His cousin Karim, twenty, sleeps in the park.", "twenty"),
        ("Odeljenje 7, krevet 12; pacijentkinja stara 45 godina.", "45 godina"),
    ],
)
def test_ages(text, age):
    assert any(age in a for a in found(text, "AGE")), found(text, "AGE")


@pytest.mark.parametrize(
    "text",
    [
        "Most were aged 18-30.",
        "Kids aged 6 - 12 can join.",
        "The clients were aged between 18 and 25.",
        "Od 3, 4 i 5 sati.",
        "We are 20 minutes from the camp.",
        "I am 5 minutes late.",
        "They were 15 people.",
        "Ima 3,5 godine iskustva.",
    ],
)
def test_no_ages(text):
    assert found(text, "AGE") == []


def test_an_uncertain_age_of_one_person_stays_an_age():
    assert found("He is 17 - 18 maybe.", "AGE") == ["17", "18"]


# ---------------------------------------------------------------- PLACE, NAME
def test_the_town_after_an_address():
    assert found("Adresa: Cara Dušana bb, Šid.", "PLACE") == ["Šid"]


@pytest.mark.parametrize("text", ["Open Mon-Fri 9-17.", "Малолетан (16) дечак чека.", "Sat 12:00"])
def test_no_names(text):
    assert found(text, "NAME") == []


def test_redacted_chat_line():
    r = redact("[11.02.25. 21:40] Sanja: Karim ima devetnajst, dolazi u petak 14-og.")
    assert r.redacted == "[[DATE]. 21:40] [NAME]: [NAME] ima [18–24 godina], dolazi u [DATE]."


# ---------------------------------------------------------------- round 7
@pytest.mark.parametrize(
    "text,kind,value",
    [
        ("She looks 30ish and tall.", "AGE", "30ish"),
        ("With 16 she ran away; today, at 20, she studies.", "AGE", "16"),
        ("With 16 she ran away; today, at 20, she studies.", "AGE", "20"),
        ("Sestra ima punih 17, brat je mlađi.", "AGE", "17"),
        ("Saslušanje: 21.IV. u 11 h.", "DATE", "21.IV."),
        ("Call him on Friday (the 12th) after lunch.", "DATE", "12th"),
        ("Notes 04/11: she called twice.", "DATE", "04/11"),
        ("Stigao je 2-gi aprila i ostao.", "DATE", "2-gi aprila"),
        ("The kid (approx 9 yrs) is with his mum.", "AGE", "9 yrs"),
        ("He came on the 2nd and left the 9th.", "DATE", "9th"),
        ("Shut on 24th, 25th and 26th of May, sorry.", "DATE", "24th, 25th and 26th of May"),
        ("Bila je tu 3., 4. i 5. juna.", "DATE", "3., 4. i 5. juna."),
        ("She's a minor, sixteen, according to her.", "AGE", "sixteen"),
        ("Momak, 19, iz Gane, spava u parku.", "AGE", "19"),
    ],
)
def test_round7_forms(text, kind, value):
    assert value in found(text, kind), found(text, kind)


@pytest.mark.parametrize(
    "text,kind",
    [
        ("Sestra je tri godine starija od njega.", "AGE"),
        ("He is 4 years younger than his cousin.", "AGE"),
        ("Član 12. IV. stav 2 se primenjuje.", "DATE"),
        ("Score 3/4 and a 50/50 chance; page 05/12.", "DATE"),
        ("Each client, 12, 14 and 15 euros.", "AGE"),
        ("The 1st, 2nd and 3rd applications were refused.", "DATE"),
        ("Ima 3, a 12. marta dolazi još jedan.", "AGE"),
        ("We have 3 clients, 16 volunteers, 2 lawyers.", "AGE"),
    ],
)
def test_round7_not_found(text, kind):
    assert found(text, kind) == []


def test_a_case_form_of_a_dictionary_word_is_no_lower_case_name():
    # "lekove" (medicines) is no case form of the name "Leka"
    assert found("Lekar nije dao lekove.", "NAME", "sr") == []
    assert found("Marko nije dao lekove.", "NAME", "sr") == ["Marko"]
