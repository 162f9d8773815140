"""The general age and name rules added after the round-4 first scoring.

The sentences are probes written for these tests in wordings that are not
in any evaluation note; none of them is an evaluation note.
"""

from __future__ import annotations

import pytest

from rmn_portal.notes.anonymise import detectors as d
from rmn_portal.notes.anonymise import find_personal_data
from rmn_portal.notes.anonymise.shadow import make_shadow


def found(text: str, kind: str, lang: str | None = None) -> list[str]:
    return [f.text for f in find_personal_data(text, lang) if f.kind == kind]


# ---------------------------------------------------------------- AGE
@pytest.mark.parametrize(
    "text,age",
    [
        ("She is a 30 yr old woman from Mali.", "30 yr old"),
        ("The boy, 15, travels alone.", "15"),
        ("Partner (m, 33) stays with her.", "33"),
        ("Our new client is 26 and from Homs.", "26"),
        ("Imran will be 18 in June.", "18"),
        ("ona ima tek 16 i nema staratelja", "16"),
        ("Devojka, 21 god., iz Irana.", "21 god."),
        ("F/19, Afghanistan, lesbian", "19"),
        ("klijentkinja napunila 20 prosle nedelje", "20"),
        ("He was nineteen when he left.", "nineteen"),
        ("Нур има 22 године.", "22 године"),
        ("starost - 44", "44"),
        ("the guy from Lagos, 27 y.o., sleeps outside", "27 y.o."),
        ("Kid is 14 and goes to school.", "14"),
        ("Sa 16 je otišao od kuće.", "16"),
        ("Roommates (both 22) share one bed.", "22"),
        ("Two men (Sudan, 35) asked for food.", "35"),
        ("Profile 31/F, Cameroon.", "31"),
        ("Omid is twenty-one and works nights.", "twenty-one"),
        ("Lina's documents say 16.", "16"),
        ("Ima osamnaest, a izgleda starije.", "osamnaest"),
        ("Otac ima 61 godinu, majka 58.", "58"),
        ("Nadia said seventeen.", "seventeen"),
    ],
)
def test_general_ages(text, age):
    assert age in found(text, "AGE")


@pytest.mark.parametrize(
    "text",
    [
        "He has been in Serbia for 3 years.",
        "U Srbiji je 2 godine.",
        "Pre 5 godina je došao.",
        "Came 4 years ago.",
        "Ima 3 sestre i 2 brata.",
        "The meeting is at 14 h.",
        "We paid 20 euros.",
        "3 osobe su došle.",
        "Room is 12.",
        "Article 17 applies.",
        "The shelter has 24 beds.",
        "Over the past 10 years the law changed.",
        "Kazna od 5 godina zatvora.",
        "Deca do 18 godina imaju pravo.",
        "Dom ima 40 mesta.",
        "He is in his twenties.",
        "Children under 14 must be accompanied.",
        "(Article 12, Law on Asylum)",
        "Ugovor na 2 godine.",
        "Bus 26 goes there.",
        "Group (12 people) met.",
        "Pobegla je pre 3 godine.",
        "Ima 20 evra.",
        "he is 20 minutes away",
        "U kampu ima 150 ljudi.",
        "The program lasts 2 years.",
        "20% of clients are under 25.",
        "Na terapiji je već 3 godine.",
        "Živi ovde 6 godina.",
        "Radila je 12 godina u fabrici.",
    ],
)
def test_general_ages_not(text):
    assert found(text, "AGE") == []


def test_age_helpers():
    low = make_shadow("she is 24 years old").lower
    assert d.age_unit_after(low, 9) == (len(low), True)
    low = make_shadow("for 3 godine").lower
    assert d.is_duration_before(low, 4)
    low = make_shadow("klijent ima 24").lower
    assert d.age_cue_before(low, 12) == "has"
    low = make_shadow("stara je 33").lower
    assert d.age_cue_before(low, 9) == "strong"
    assert d.bracket_age("both 19")
    assert d.bracket_age("Kenya, 30")
    assert not d.bracket_age("Article 17")
    assert not d.bracket_age("12 people")
    t = "Room is 12"
    assert not d.is_subject_before(t, t.lower(), 8)
    t = "Shabnam is 26"
    assert d.is_subject_before(t, t.lower(), 11)


# ---------------------------------------------------------------- NAME
@pytest.mark.parametrize(
    "text,name",
    [
        ("Od Tshibande nemamo vesti već nedelju dana.", "Tshibande"),
        ("Poslali smo Ngozi poruku.", "Ngozi"),
        ("Za Olumidea smo našli smeštaj.", "Olumidea"),
        ("Kod Abdirahmana smo ostavili lekove.", "Abdirahmana"),
        ("We gave Tshibanda the referral form.", "Tshibanda"),
        ("The doctor examined Nkechi yesterday.", "Nkechi"),
        ("Volunteers drove Aboubakar to the clinic.", "Aboubakar"),
        ("Rekli smo Obinni da dođe u ponedeljak.", "Obinni"),
        ("O Kwabeni ne znamo ništa.", "Kwabeni"),
        ("Juče je kod nas bila Wubet, tražila je hranu.", "Wubet"),
        ("Tell Ekundayo that the appointment moved.", "Ekundayo"),
        ("Јуче смо звали Нгозија, не јавља се.", "Нгозија"),
        ("Од Чидија смо добили поруку.", "Чидија"),
        ("Obećala sam Tigistu da ću je pozvati.", "Tigistu"),
    ],
)
def test_person_slot(text, name):
    assert name in found(text, "NAME")


@pytest.mark.parametrize(
    "text",
    [
        "The Dublin Regulation applies to him.",
        "She uses Grindr and Hornet but not Tinder.",
        "He lives in Kunduz province.",
        "Klijent koristi Vajber i Votsap.",
        "Prijava je poslata Zaštitniku građana.",
        "Ona je Kurdkinja iz Sirije.",
        "Klijent je Tadžik, govori ruski.",
        "Javila se Humanitarna organizacija Sigma, nude smeštaj.",
        "Kancelarija ne radi za Novu godinu.",
        "Partnerka je ostala u Kijevu.",
        "Došao je iz Bagdada pre mesec dana.",
        "Sastanak sa UNHCR-om i IOM-om je u petak.",
        "They walked from Edirne to Svilengrad.",
        "Posle Uskrsa počinje nova obuka.",
        "Sutra idemo u Gerontološki centar.",
        "The Orthodox Church and the Islamic Community signed the statement.",
        "Address: 27 Oxford Road, Manchester.",
    ],
)
def test_person_slot_not(text):
    assert found(text, "NAME") == [] and found(text, "PLACE") == []


@pytest.mark.parametrize(
    "text,name",
    [
        ("Tshiamalenga smo dali kartu za autobus.", "Tshiamalenga"),
        ("Wubshetu treba lekar.", "Wubshetu"),
        ("Nkemdilim ne odgovara na pozive.", "Nkemdilim"),
        ("Kidanemariamu smo rekli da sačeka.", "Kidanemariamu"),
    ],
)
def test_subject_slot(text, name):
    assert name in found(text, "NAME")


@pytest.mark.parametrize(
    "text",
    [
        "Ročište je zakazano za sredu.",
        "Azilant je dobio rešenje.",
        "Psihoterapeutkinja je bila bolesna.",
        "Deportovan je u Bugarsku.",
        "Razgovarano je sa socijalnom radnicom.",
        "Nabavljeno je 30 SIM kartica.",
        "Reintegration is slow.",
        "Misgendering was constant.",
    ],
)
def test_subject_slot_not(text):
    assert found(text, "NAME") == []


@pytest.mark.parametrize(
    "name",
    ["Chukwuemeka", "Oluwaseun", "Kwabena", "Aminata", "Ndayishimiye", "Tesfamariam",
     "Abdirashid", "Noureddine", "Mohannad", "Bahareh", "Zarghona", "Mizanur", "Gurpreet",
     "Berivan", "Zelimkhan", "Sherzod", "Kateryna", "Yusniel", "Strahinja", "Shkumbin"],
)  # fmt: skip
def test_lexicon_by_origin(name):
    # a lexicon name is found at the start of a note, with no cue at all
    assert found(f"{name} nije došao na sastanak.", "NAME") == [name]


@pytest.mark.parametrize(
    "text,name",
    [
        ("Srdačno, Vukašinka", "Vukašinka"),
        ("Note ends.\n-- Ikemefuna", "Ikemefuna"),
        ("Prof. Ćirilović je potvrdio.", "Prof. Ćirilović"),
        ("Kind regards,\nSenka Obradović", "Senka Obradović"),
        ("Best, Obiora", "Obiora"),
        ("Stric Qudratyar ga je izbacio.", "Qudratyar"),
        ("Sestri Gulbadan smo poslali novac.", "Gulbadan"),
    ],
)
def test_sign_offs_titles_kin(text, name):
    assert found(text, "NAME") == [name]


@pytest.mark.parametrize(
    "text,name",
    [
        ("juče je došao farshad sa bratom.", "farshad"),
        ("Met with mamadou and his friend at the park.", "mamadou"),
        ("we went with ibrahim to the hospital", "ibrahim"),
    ],
)
def test_lower_case_lexicon_names(text, name):
    assert name in found(text, "NAME")


def test_lower_case_words_are_not_names():
    assert found("Talked to the client about hormones, pending decision.", "NAME") == []
    assert found("Podneta je prijava zbog krivičnog dela.", "NAME") == []


# ---------------------------------------------------------------- after round 5
@pytest.mark.parametrize(
    "text,age",
    [
        ("| ime | starost | grad |\n| Kiros | 41 | Asmara |", "41"),
        ("Name\tAge\nHawa\t19 yrs\n", "19 yrs"),
        ("The eldest of the brothers was 24.", "24"),
        ("Klijent je navršio 21 godinu u pritvoru.", "21 godinu"),
        ("Najstariji od njih imao je 40.", "40"),
    ],
)
def test_round5_ages(text, age):
    assert age in found(text, "AGE")


def test_table_without_age_column():
    assert found("| soba | kreveti |\n| 12 | 4 |", "AGE") == []


def test_single_initial_subject():
    assert found("Session notes. K. was quiet today.", "NAME") == ["K."]
    assert found("Maloletnik (16) bez pratnje.", "NAME") == []


@pytest.mark.parametrize(
    "text,ages",
    [
        ("* 17? says 18", ["17", "18"]),
        ("He is 17 or 18.", ["17", "18"]),
        ("age unknown, looks about 16", ["16"]),
        ("Izgleda kao da ima 17.", ["17"]),
    ],
)
def test_uncertain_ages(text, ages):
    assert found(text, "AGE") == ages


def test_looks_like_a_count_is_no_age():
    assert found("It looks like 20 people came.", "AGE") == []


@pytest.mark.parametrize(
    "text,name",
    [
        ("We sent the money to Tsegereda yesterday.", "Tsegereda"),
        ("We explained the rules to Hagos.", "Hagos"),
        ("Client's name: tsegereda", "tsegereda"),
        ("zove se tsegereda, iz Eritreje", "tsegereda"),
    ],
)
def test_to_and_lower_case_after_naming_cue(text, name):
    assert found(text, "NAME") == [name]


def test_motion_to_a_place_is_no_name():
    assert found("He moved to Kovilj last week.", "NAME") == []
    assert found("Name: unknown", "NAME") == []


def test_possessive_of_an_unknown_word_is_a_name():
    assert found("We slept at Kpakpo's flat.", "NAME") == ["Kpakpo"]
    assert found("Serbia's asylum system is slow.", "NAME") == []


@pytest.mark.parametrize(
    "text,age",
    [
        ("24-y-o, from Herat", "24-y-o"),
        ("24yrs, Afghan", "24yrs"),
        ("Klijent 24 g, Iran", "24 g"),
        ("his daughter (4)", "4"),
        ("beba od 8 meseci", "8 meseci"),
        ("her son is 7 months old", "7 months old"),
    ],
)
def test_more_age_units(text, age):
    assert found(text, "AGE") == [age]


@pytest.mark.parametrize(
    "text", ["He waited 20 years.", "3yrs in Turkey", "Stayed 8 months in Greece.", "Room (4)"]
)
def test_more_age_units_not(text):
    assert found(text, "AGE") == []


@pytest.mark.parametrize(
    "text",
    [
        "Radionica Bezbedan prostor održana je u Domu omladine.",
        "Обука је одржана у Новом Саду. Следећа је у Нишу.",
        "Reminder: Friday Drop-In at the Community Centre from 14:00 to 17:00.",
        "Napravili smo plan za Božićni bazar i Novogodišnju žurku.",
    ],
)
def test_case_forms_of_ordinary_words_are_no_names(text):
    assert found(text, "NAME") == []


@pytest.mark.parametrize(
    "text",
    [
        "Volunteers attended a webinar by ILGA-Europe and TGEU on Thursday.",
        "Contacted Médecins du Monde about dental care.",
        "The Netflix documentary about Kakuma camp triggered memories.",
    ],
)
def test_organisations_and_named_sites_are_no_names(text):
    assert found(text, "NAME") == []
