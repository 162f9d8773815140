"""Whole numbers read from the address (page numbers, ids in filters), bounded
so that the database can hold them.

Anyone can type `?page=99999999999999999999`: an unbounded number overflows
SQLite's and PostgreSQL's integers inside the query and the visitor got a 500.
"""

from flask import request

MAX_ID = 2**31 - 1  # PostgreSQL's `integer`, the type of every id column
MAX_PAGE = 100_000


def whole_number(value, *, maximum: int = MAX_ID) -> int | None:
    """The value as a whole number from 0 to `maximum`, or None. Only ASCII
    digits: "²".isdigit() is true, but int("²") fails."""
    text = str(value or "").strip()
    if not (text.isascii() and text.isdigit()):
        return None
    number = int(text)
    return number if number <= maximum else None


def page_number(name: str = "page") -> int:
    """The page asked for: 1 when missing or unreadable, at most MAX_PAGE."""
    number = whole_number(request.args.get(name), maximum=10**9) or 1
    return min(number, MAX_PAGE)
