"""English and Serbian (Latin and Cyrillic) interfaces; complete catalogues."""

import re

import pytest
from sqlalchemy import select

from rmn_portal import i18n_tools
from rmn_portal.accounts.models import User
from rmn_portal.db import db
from rmn_portal.i18n import compiled_catalogs, merged_catalog
from rmn_portal.translit import mixed_script_words, to_cyrillic, to_latin

from .factories import login

PLACEHOLDER = re.compile(r"%\([a-z_]+\)[sd]|%[sd]|\{[a-z_0-9]*\}")


def test_serbian_latin_and_cyrillic_pages(client):
    client.set_cookie("rmn_lang", "sr_Latn")
    page = client.get("/login").get_data(as_text=True)
    assert '<html lang="sr-Latn">' in page
    assert "Prijavite se" in page
    client.set_cookie("rmn_lang", "sr_Cyrl")
    page = client.get("/login").get_data(as_text=True)
    assert '<html lang="sr-Cyrl">' in page
    assert "Пријавите се" in page
    assert "Rainbow Migration Network" in page  # the name stays in Latin letters


def test_browser_language_is_the_first_guess(client):
    page = client.get("/login", headers={"Accept-Language": "sr-RS,sr;q=0.9,en;q=0.5"})
    assert '<html lang="sr-Latn">' in page.get_data(as_text=True)
    page = client.get("/login", headers={"Accept-Language": "de-DE,de;q=0.9"})
    assert '<html lang="en">' in page.get_data(as_text=True)


def test_the_language_switch_is_remembered_for_visitors(client):
    response = client.post("/language", data={"language": "sr_Cyrl", "next": "/organisations"})
    assert response.headers["Location"] == "/organisations"
    assert client.get_cookie("rmn_lang").value == "sr_Cyrl"
    assert "Организације" in client.get("/organisations").get_data(as_text=True)


def test_the_language_switch_is_remembered_in_the_account(app, client, make):
    user = make.user()
    login(client, user)
    client.post("/language", data={"language": "sr_Latn"})
    assert db.session.scalar(select(User.locale).where(User.id == user.id)) == "sr_Latn"
    elsewhere = app.test_client()  # another browser, no language cookie
    login(elsewhere, user)
    assert "Kontrolna tabla" in elsewhere.get("/dashboard").get_data(as_text=True)


def test_errors_on_forms_are_translated(client):
    client.set_cookie("rmn_lang", "sr_Latn")
    response = client.post("/login", data={"email": "x@example.org", "password": "wrong"})
    assert response.status_code == 422
    assert "Adresa e-pošte ili lozinka nije ispravna." in response.get_data(as_text=True)


@pytest.mark.parametrize("language, required", [
    ("en", "This field is required."),
    ("sr_Latn", "Ovo polje je obavezno."),
    ("sr_Cyrl", "Ово поље је обавезно."),  # WTForms has no Cyrillic catalogue of its own
])
def test_wtforms_own_messages_come_in_the_readers_language_and_script(client, language,
                                                                      required):
    client.set_cookie("rmn_lang", language)
    for _ in range(2):  # the catalogue read for the first request serves the second
        response = client.post("/login", data={"email": "", "password": ""})
        assert response.status_code == 422
        assert response.get_data(as_text=True).count(required) == 2


@pytest.mark.parametrize("feature", ["core", *i18n_tools.features()])
def test_every_interface_string_has_a_serbian_translation(feature):
    assert i18n_tools.missing(feature) == []


def test_translations_keep_their_placeholders():
    for message in merged_catalog():
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        expected = set(PLACEHOLDER.findall(ids[-1]))
        for string in strings:
            assert set(PLACEHOLDER.findall(string)) == expected, (message.id, string)


def test_cyrillic_catalogue_never_mixes_scripts_within_a_word():
    cyrillic = compiled_catalogs()["sr_Cyrl"]
    for message in merged_catalog():
        if message.id and not isinstance(message.id, tuple):
            text = cyrillic.ugettext(message.id)
            assert mixed_script_words(text) == [], (message.id, text)


def test_transliteration_round_trip():
    latin = "Ljubljana, Njegoš, džep, Đorđe, šećer, čaša, žaba"
    assert to_cyrillic(latin) == "Љубљана, Његош, џеп, Ђорђе, шећер, чаша, жаба"
    assert to_latin(to_cyrillic(latin)) == latin
    assert to_cyrillic("%(name)s <a href=\"/x\">link</a> PDF UNHCR") == \
        "%(name)s <a href=\"/x\">линк</a> PDF UNHCR"
