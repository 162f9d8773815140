"""Statements in the one search: every language version and the tags, with
the statements rule in SQL (drafts for their team, open ones for members,
published and archived ones for everyone)."""

from flask import url_for
from flask_babel import lazy_gettext as _l

from ..permissions import statements_visible_to
from ..search import SearchDocument, SearchSource
from .models import Statement, StatementText


def statement_document(statement: Statement) -> SearchDocument:
    if not statement.texts:
        return SearchDocument(title="")
    original = statement.original
    others = [f"{text.title}\n{text.body}" for text in statement.texts if text is not original]
    return SearchDocument(title=original.title, body=original.body,
                          keywords="\n".join([*statement.tag_names, *others]))


def _parent(text: StatementText) -> list:
    # Tags need no entry: they are replaced as a collection, which marks the
    # statement itself as changed.
    return [text.statement] if text.statement is not None else []


SOURCE = SearchSource(
    kind="statement", model=Statement, position=50, label=_l("Statements"),
    document=statement_document,
    visible=statements_visible_to,
    url=lambda statement: url_for("statements.show", statement_id=statement.id),
    related=((StatementText, _parent),),
)
