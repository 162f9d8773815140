"""Three-way merge of two edits made from the same revision, line by line
(in Markdown a paragraph is usually one line).

When the two editors changed different lines, both changes fit together and
the conflict page offers the combined text; when they changed the same lines
differently, a person has to decide, and `merge` returns None.
"""

from difflib import SequenceMatcher

Hunk = tuple[int, int, list[str]]  # base lines [start, end) replaced by these lines


def _hunks(base: list[str], other: list[str]) -> list[Hunk]:
    matcher = SequenceMatcher(a=base, b=other, autojunk=False)
    return [(a1, a2, other[b1:b2]) for op, a1, a2, b1, b2 in matcher.get_opcodes()
            if op != "equal"]


def _clash(one: Hunk, two: Hunk) -> bool:
    (s1, e1, _lines1), (s2, e2, _lines2) = one, two
    if s1 == s2:
        return True  # both changed (or inserted at) the same place
    if max(s1, s2) < min(e1, e2):
        return True  # overlapping ranges
    # An insertion inside the other side's replaced range.
    return (s1 == e1 and s2 < s1 < e2) or (s2 == e2 and s1 < s2 < e1)


def merge_lines(base: str, theirs: str, mine: str) -> str | None:
    base_lines = base.splitlines()
    their_hunks = _hunks(base_lines, theirs.splitlines())
    my_hunks = _hunks(base_lines, mine.splitlines())
    hunks = []
    for hunk in my_hunks:
        same = [other for other in their_hunks if _clash(hunk, other)]
        if any(other != hunk for other in same):
            return None
        if not same:
            hunks.append(hunk)
    hunks.extend(their_hunks)
    merged, position = [], 0
    for start, end, lines in sorted(hunks, key=lambda h: (h[0], h[1])):
        merged.extend(base_lines[position:start])
        merged.extend(lines)
        position = end
    merged.extend(base_lines[position:])
    return "\n".join(merged)


def merge_texts(base: tuple[str, str], theirs: tuple[str, str],
                mine: tuple[str, str]) -> tuple[str, str] | None:
    """(title, body) combining both edits, or None if they clash."""
    (base_title, base_body), (their_title, their_body), (my_title, my_body) = base, theirs, mine
    if my_title == base_title:
        title = their_title
    elif their_title in (base_title, my_title):
        title = my_title
    else:
        return None
    body = merge_lines(base_body, their_body, my_body)
    return None if body is None else (title, body)
