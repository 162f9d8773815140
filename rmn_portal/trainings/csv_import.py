"""Reading a CSV of e-mail addresses for attendance: a preview that says,
line by line, what would be imported and what cannot be.

Pure functions (no database): the caller passes who exists and who is
enrolled. Each line is decoded on its own, so a file saved in a legacy
encoding (Windows-1250, say) is reported with the exact lines that broke
instead of being guessed at and imported with mangled names.
"""

import csv
import re
from dataclasses import dataclass, field
from enum import StrEnum

from flask_babel import lazy_gettext as _l

MAX_BYTES = 1024 * 1024
MAX_LINES = 5000
_EMAIL = re.compile(r"^[^@\s<>\"',;]+@[^@\s<>\"',;]+\.[^@\s<>\"',;]+$")


class Problem(StrEnum):
    ENCODING = "encoding"
    NOT_AN_ADDRESS = "not_an_address"
    UNKNOWN = "unknown"
    NOT_ENROLLED = "not_enrolled"
    DUPLICATE = "duplicate"


PROBLEM_TEXT = {
    Problem.ENCODING: _l("The line is not valid UTF-8 text (save the file as “CSV UTF-8”)."),
    Problem.NOT_AN_ADDRESS: _l("This is not an e-mail address."),
    Problem.UNKNOWN: _l("No account has this address."),
    Problem.NOT_ENROLLED: _l("This person is not enrolled in the training."),
    Problem.DUPLICATE: _l("This address was already listed on an earlier line."),
}


@dataclass(frozen=True)
class Line:
    number: int
    text: str  # what the line said (an address, or a replacement-marked line)
    enrolment_id: int | None = None
    name: str = ""
    problem: Problem | None = None

    @property
    def problem_text(self) -> str:
        return str(PROBLEM_TEXT[self.problem]) if self.problem else ""


@dataclass
class Preview:
    lines: list[Line] = field(default_factory=list)
    too_large: bool = False

    @property
    def importable(self) -> list[Line]:
        return [line for line in self.lines if line.problem is None]

    @property
    def problems(self) -> list[Line]:
        return [line for line in self.lines if line.problem is not None]

    @property
    def broken_encoding(self) -> bool:
        return any(line.problem is Problem.ENCODING for line in self.lines)


def split_lines(data: bytes) -> list[tuple[int, str | None, bytes]]:
    """(line number, text or None when it is not UTF-8, raw bytes)."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    result = []
    for number, raw in enumerate(data.splitlines(), start=1):
        try:
            result.append((number, raw.decode("utf-8"), raw))
        except UnicodeDecodeError:
            result.append((number, None, raw))
    return result


def addresses(data: bytes) -> list[tuple[int, str | None, str]]:
    """(line number, the first cell or None when undecodable, a printable
    version of the line) for every non-empty line."""
    found = []
    for number, text, raw in split_lines(data):
        if text is None:
            found.append((number, None, raw.decode("utf-8", errors="replace")[:200]))
            continue
        if not text.strip():
            continue
        cells = next(csv.reader([text]), [])
        first = (cells[0] if cells else "").strip().strip("<>").strip()
        found.append((number, first, text[:200]))
    return found


def preview(data: bytes, *, accounts: dict[str, str], enrolled: dict[str, int]) -> Preview:
    """`accounts`: {lower-case address: name} of the addresses in the file
    that have an account; `enrolled`: {lower-case address: enrolment id}."""
    if len(data) > MAX_BYTES:
        return Preview(too_large=True)
    result = Preview()
    seen: set[str] = set()
    for number, first, shown in addresses(data)[:MAX_LINES]:
        if first is None:
            result.lines.append(Line(number, shown, problem=Problem.ENCODING))
            continue
        address = first.lower()
        if not _EMAIL.match(address):
            if number == 1 and "@" not in address:
                continue  # a header such as "E-mail" or "email"
            result.lines.append(Line(number, shown, problem=Problem.NOT_AN_ADDRESS))
        elif address in seen:
            result.lines.append(Line(number, first, problem=Problem.DUPLICATE))
        elif address not in accounts:
            result.lines.append(Line(number, first, problem=Problem.UNKNOWN))
        elif address not in enrolled:
            result.lines.append(Line(number, first, name=accounts[address],
                                     problem=Problem.NOT_ENROLLED))
        else:
            result.lines.append(Line(number, first, enrolled[address], accounts[address]))
        seen.add(address)
    return result


def candidate_addresses(data: bytes) -> set[str]:
    """The lower-cased first cells, to look up accounts for in one query."""
    return {first.lower() for _n, first, _s in addresses(data[:MAX_BYTES])
            if first and "@" in first}
