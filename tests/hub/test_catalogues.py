"""The translation check that fails the build (`make i18n-check`, run by CI):
a string without a Serbian translation, or a word mixing Latin and Cyrillic
letters, makes `python -m rmn_portal.i18n_tools --check` exit non-zero."""

import shutil

import pytest

from rmn_portal import i18n_tools


@pytest.fixture
def catalogues(tmp_path, monkeypatch):
    copy = tmp_path / "translations"
    shutil.copytree(i18n_tools.CATALOG_DIR, copy)
    monkeypatch.setattr(i18n_tools, "CATALOG_DIR", copy)
    return copy


def test_the_real_catalogues_pass(capsys):
    assert i18n_tools.main(["--check"]) == 0
    assert capsys.readouterr().out == ""


def test_a_missing_translation_fails_the_check(catalogues, capsys):
    path = catalogues / "notify.po"
    text = path.read_text()
    path.write_text(text.replace('msgstr "Odmah"', 'msgstr ""'))
    assert i18n_tools.main(["--check", "--only", "notify"]) == 1
    assert "no translation for 'Immediately'" in capsys.readouterr().out


def test_a_word_mixing_scripts_fails_the_check(catalogues, capsys):
    path = catalogues / "notify.po"
    text = path.read_text()
    # A Cyrillic "а" typed into a Latin word looks the same and breaks search.
    path.write_text(text.replace('msgstr "Odmah"', 'msgstr "Odmаh"'))
    assert i18n_tools.main(["--check", "--only", "notify"]) == 1
    assert "Latin and Cyrillic letters in one word" in capsys.readouterr().out
