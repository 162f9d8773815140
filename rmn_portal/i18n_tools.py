"""Keep the translation catalogues in step with the code.

    python -m rmn_portal.i18n_tools            # update every feature's catalogue
    python -m rmn_portal.i18n_tools --only events   # update one catalogue
    python -m rmn_portal.i18n_tools --check    # fail when a string has no Serbian translation
                                               # or a word mixes Latin and Cyrillic letters

One catalogue per feature (`translations/<feature>.po`) keeps parallel work on
different features free of merge conflicts. Root modules and shared templates
belong to `core.po`.
"""

import sys
from collections.abc import Iterator
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir, extract_from_file
from babel.messages.pofile import read_po, write_po

from .i18n import CATALOG_DIR
from .translit import mixed_script_words, to_cyrillic

PACKAGE_DIR = CATALOG_DIR.parent
TEMPLATE_DIR = PACKAGE_DIR.parent / "templates"
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "lazy_gettext": None,
            "_l": None, "lazy_ngettext": (1, 2), "pgettext": ((1, "c"), 2)}
JINJA = "jinja2.ext:babel_extract"
JINJA_OPTIONS = {"trimmed": "true", "extensions": "jinja2.ext.i18n,jinja2.ext.do"}
SHARED_TEMPLATE_DIRS = {"_macros", "_partials", "errors"}


def features() -> list[str]:
    return sorted(path.parent.name for path in PACKAGE_DIR.glob("*/views.py"))


def extract(feature: str) -> Iterator[tuple[str, str]]:
    """(message, location) pairs for one feature, or for "core"."""
    if feature == "core":
        for path in sorted(PACKAGE_DIR.glob("*.py")):
            yield from _from_file("python", path)
        for path in sorted(TEMPLATE_DIR.glob("*.html")):
            yield from _from_file(JINJA, path, JINJA_OPTIONS)
        for name in sorted(SHARED_TEMPLATE_DIRS):
            yield from _from_dir(TEMPLATE_DIR / name)
        return
    yield from _from_dir(PACKAGE_DIR / feature)
    yield from _from_dir(TEMPLATE_DIR / feature)


def _from_dir(directory: Path) -> Iterator[tuple[str, str]]:
    if not directory.is_dir():
        return
    # .txt templates are e-mails: translated like pages.
    method_map = [("**.py", "python"), ("**.html", JINJA), ("**.txt", JINJA)]
    options = {"**.html": JINJA_OPTIONS, "**.txt": JINJA_OPTIONS}
    for filename, _lineno, message, _comments, _context in extract_from_dir(
        str(directory), method_map, options, keywords=KEYWORDS, strip_comment_tags=True
    ):
        yield message, f"{directory.name}/{filename}"


def _from_file(method: str, path: Path, options=None) -> Iterator[tuple[str, str]]:
    for _lineno, message, _comments, _context in extract_from_file(
        method, str(path), keywords=KEYWORDS, options=options or {}
    ):
        yield message, path.name


def template_catalog(feature: str) -> Catalog:
    catalog = Catalog(locale="sr_Latn")
    for message, location in extract(feature):
        catalog.add(message, locations=[(location, None)])
    return catalog


def load(feature: str) -> Catalog:
    path = CATALOG_DIR / f"{feature}.po"
    if not path.exists():
        return Catalog(locale="sr_Latn", project="RMN Portal")
    with path.open("rb") as handle:
        return read_po(handle, locale="sr_Latn")


def update(feature: str) -> int:
    catalog = load(feature)
    template = template_catalog(feature)
    # Keep the header's date: an update that adds nothing changes nothing.
    template.creation_date = catalog.creation_date
    catalog.update(template, no_fuzzy_matching=True)
    for message in list(catalog.obsolete.values()):
        # Keep translations of removed strings out of the catalogue.
        del catalog.obsolete[message.id]
    CATALOG_DIR.mkdir(exist_ok=True)
    with (CATALOG_DIR / f"{feature}.po").open("wb") as handle:
        write_po(handle, catalog, sort_output=True, omit_header=False, include_lineno=False,
                 width=100)
    return sum(1 for message in catalog if message.id and not _filled(message))


def missing(feature: str) -> list[str]:
    """Interface strings of a feature that have no Serbian translation."""
    translated = {message.id for message in load(feature) if message.id and _filled(message)}
    found = {message.id for message in template_catalog(feature) if message.id}
    return sorted(str(message) for message in found - translated)


def mixed_scripts(feature: str) -> list[str]:
    """Translations with a word that mixes Latin and Cyrillic letters, in the
    Latin catalogue or in the Cyrillic one derived from it (a Cyrillic "а"
    typed into a Latin word looks right and breaks search and the Cyrillic
    transliteration)."""
    found = []
    for message in load(feature):
        strings = message.string if isinstance(message.string, tuple | list) else [message.string]
        for string in filter(None, strings):
            words = mixed_script_words(string) + mixed_script_words(to_cyrillic(string))
            if words:
                found.append(f"{message.id!r}: {', '.join(sorted(set(words)))}")
    return found


def _filled(message) -> bool:
    strings = message.string if isinstance(message.string, tuple | list) else [message.string]
    return all(strings) and not message.fuzzy


def main(argv: list[str]) -> int:
    names = ["core", *features()]
    if "--only" in argv:
        names = [argv[argv.index("--only") + 1]]
    if "--check" in argv:  # combine with --only <feature> to check one catalogue
        problems = {name: missing(name) for name in names}
        mixed = {name: mixed_scripts(name) for name in names}
        for name, strings in problems.items():
            for string in strings:
                print(f"{name}.po: no translation for {string!r}")
        for name, strings in mixed.items():
            for string in strings:
                print(f"{name}.po: Latin and Cyrillic letters in one word in {string}")
        return 1 if any(problems.values()) or any(mixed.values()) else 0
    for name in names:
        untranslated = update(name)
        print(f"{name}.po updated ({untranslated} strings to translate)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
