"""Interface languages: English, Serbian Latin and Serbian Cyrillic.

Translations are kept as gettext `.po` files, one per feature, under
`rmn_portal/translations/`. They are compiled in memory when the app starts
(no binary `.mo` files in the repository), and the Serbian Cyrillic catalogue
is derived from the Latin one by transliteration, so the two never drift.

`python -m rmn_portal.i18n_tools` extracts the interface strings from the
code and templates and updates each feature's catalogue (README, "Translations").
"""

from functools import cache
from io import BytesIO
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations
from flask import Flask, g, has_request_context, request
from flask_babel import Domain, get_locale
from flask_login import current_user
from markupsafe import Markup
from sqlalchemy.exc import SQLAlchemyError
from wtforms.i18n import messages_path

from . import translit
from .extensions import babel

LANGUAGES = {"en": "English", "sr_Latn": "Srpski (latinica)", "sr_Cyrl": "Српски (ћирилица)"}
DEFAULT_LANGUAGE = "en"
LANGUAGE_COOKIE = "rmn_lang"
CATALOG_DIR = Path(__file__).resolve().parent / "translations"


def init_app(app: Flask) -> None:
    babel.init_app(app, locale_selector=select_locale, timezone_selector=select_timezone)
    # Replace Flask-Babel's file-based lookup with the in-memory catalogues.
    babel.domain_instance = PortalDomain()
    app.jinja_env.policies["ext.i18n.trimmed"] = True
    # Templates translate a few hundred strings per page: a shorter way to the
    # catalogue than Flask-Babel's (which looks the context up four times).
    app.jinja_env.install_gettext_callables(
        gettext=lambda s: current_catalogue().ugettext(s),
        ngettext=lambda s, p, n: current_catalogue().ungettext(s, p, n),
        pgettext=lambda c, s: current_catalogue().upgettext(c, s),
        npgettext=lambda c, s, p, n: current_catalogue().unpgettext(c, s, p, n),
        newstyle=True)
    app.jinja_env.globals.update(LANGUAGES=LANGUAGES, html_lang=html_lang)
    app.jinja_env.filters["script"] = in_reader_script
    app.jinja_env.filters["content_language"] = content_language


def _signed_in_user():
    """The signed-in user, or None, also when the database cannot be reached
    (the error page must still render in the reader's language)."""
    try:
        return current_user if current_user and current_user.is_authenticated else None
    except SQLAlchemyError:
        return None


def select_locale() -> str:
    if not has_request_context():  # command line: English unless force_locale() says otherwise
        return DEFAULT_LANGUAGE
    user = _signed_in_user()
    if user is not None and user.locale in LANGUAGES:
        return user.locale
    chosen = request.cookies.get(LANGUAGE_COOKIE)
    if chosen in LANGUAGES:
        return chosen
    best = request.accept_languages.best_match(["en", "sr", "sr-Latn", "sr-Cyrl", "hr", "bs"])
    if best == "sr-Cyrl":
        return "sr_Cyrl"
    if best in {"sr", "sr-Latn", "hr", "bs"}:
        return "sr_Latn"
    return DEFAULT_LANGUAGE


def select_timezone() -> str | None:
    if not has_request_context():
        return None
    user = _signed_in_user()
    return user.timezone if user is not None else None


def html_lang() -> str:
    return str(get_locale() or DEFAULT_LANGUAGE).replace("_", "-")


# Content languages written in both scripts, shown in the reader's script.
TWO_SCRIPT_LANGUAGES = frozenset({"sr", "cnr", "bs"})


def in_reader_script(text: str | None, language: str = "sr") -> str:
    """Show Serbian user text in the script the reader chose (never stored twice).

    `language` is the content's language when it is recorded ("sr", "en", ...);
    "auto" guesses it from the text (`translit.looks_serbian`). Readers of
    Serbian Latin see Serbian Cyrillic text in Latin letters, and the other
    way round; English readers see the text as it was written.

    Safe HTML (rendered Markdown, highlighted snippets) stays safe HTML: the
    conversion leaves tags, attributes and entities as they are and only
    swaps letters, so it may run after `markdown` (which keeps link targets
    out of the conversion).
    """
    if not text:
        return ""
    reader = str(get_locale())
    if reader not in ("sr_Cyrl", "sr_Latn"):
        return text
    if language == "auto":
        serbian = translit.looks_serbian(text)
    else:
        serbian = language.replace("-", "_").split("_")[0].lower() in TWO_SCRIPT_LANGUAGES
    if not serbian:
        return text
    converted = translit.to_cyrillic(text) if reader == "sr_Cyrl" else translit.to_latin(text)
    # Letters swapped, tags and entities kept: safe HTML in, safe HTML out.
    return Markup(converted) if isinstance(text, Markup) else converted  # noqa: S704  # nosec B704 (escaped input stays escaped)


def content_language(text: str | None) -> str:
    """"sr" when user text without a recorded language looks Serbian, else
    "en": one guess from a whole object's text (title and description) for
    all its fields, so that a short place name follows its event."""
    return "sr" if text and translit.looks_serbian(text) else "en"


def in_every_language(message) -> str:
    """A (lazy) interface message in English and in Serbian Latin, for search
    keywords: content labelled by a vocabulary is found in either language
    (and, through folding, in Cyrillic)."""
    args = getattr(message, "_args", None)
    msgid = args[0] if args else str(message)
    return f"{msgid} {compiled_catalogs()['sr_Latn'].gettext(msgid)}"


# English needs no catalogue; one shared empty one instead of a new object per
# translated string (a page asks for translations a hundred times).
_UNTRANSLATED = NullTranslations()


def current_catalogue():
    """The catalogue of the locale Flask-Babel chose for this context (or the
    one force_locale() set), remembered next to that locale."""
    state = g.get("_flask_babel") if g else None
    locale = getattr(state, "babel_locale", None)
    if locale is None:  # not chosen yet: Flask-Babel chooses and keeps it
        locale = get_locale()
        state = g.get("_flask_babel") if g else None
        if state is None:  # outside an application context
            return compiled_catalogs().get(str(locale), _UNTRANSLATED)
    remembered = getattr(state, "portal_catalogue", None)
    if remembered is None or remembered[0] is not locale:
        remembered = (locale, compiled_catalogs().get(str(locale), _UNTRANSLATED))
        state.portal_catalogue = remembered
    return remembered[1]


class PortalDomain(Domain):
    def get_translations(self):
        return current_catalogue()


@cache
def compiled_catalogs() -> dict[str, Translations]:
    latin = merged_catalog()
    return {"sr_Latn": _compile(latin), "sr_Cyrl": _compile(_in_cyrillic(latin))}


def _in_cyrillic(latin: Catalog) -> Catalog:
    cyrillic = Catalog(locale="sr_Cyrl")
    for message in latin:
        if message.id:
            cyrillic.add(message.id, _transliterate(message.string), context=message.context)
    return cyrillic


def merged_catalog() -> Catalog:
    """All catalogues in one. A string shared by several catalogues takes the
    translation of core.po, else of the first feature catalogue alphabetically."""
    merged = Catalog(locale="sr_Latn")
    paths = sorted(CATALOG_DIR.glob("*.po"), key=lambda path: (path.stem != "core", path.stem))
    for path in paths:
        with path.open("rb") as handle:
            for message in read_po(handle, locale="sr_Latn"):
                if message.id and message.string and not message.fuzzy and message.id not in merged:
                    merged[message.id] = message
    return merged


def _transliterate(msgstr):
    if isinstance(msgstr, tuple | list):
        return tuple(translit.to_cyrillic(part) for part in msgstr)
    return translit.to_cyrillic(msgstr)


def _compile(catalog: Catalog) -> Translations:
    buffer = BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return Translations(fp=buffer)


class WTFormsMessages:
    """WTForms' own messages ("This field is required.", "Not a valid
    choice.") in the reader's language and script. Flask-WTF reads their
    catalogue from disk on every request that builds a form, and WTForms has
    no Cyrillic one: each language's is read once here, and Serbian is
    transliterated for Cyrillic readers."""

    def __init__(self):
        self.catalogues: dict[str, Translations] = {}

    def _catalogue(self) -> Translations:
        locale = get_locale()
        key = str(locale)
        if key not in self.catalogues:  # a race only loads a catalogue twice
            self.catalogues[key] = self._load(locale)
        return self.catalogues[key]

    @staticmethod
    def _load(locale) -> Translations:
        if str(locale) != "sr_Cyrl":
            return Translations.load(messages_path(), [locale], domain="wtforms")
        with (Path(messages_path()) / "sr" / "LC_MESSAGES" / "wtforms.mo").open("rb") as handle:
            return _compile(_in_cyrillic(read_mo(handle)))

    def gettext(self, string):
        return self._catalogue().ugettext(string)

    def ngettext(self, singular, plural, n):
        return self._catalogue().ungettext(singular, plural, n)


WTFORMS_MESSAGES = WTFormsMessages()


def set_language_cookie(response, language: str):
    response.set_cookie(LANGUAGE_COOKIE, language, max_age=365 * 24 * 3600, samesite="Lax",
                        httponly=True, secure=request.is_secure)
    g.pop("babel_locale", None)
    return response

