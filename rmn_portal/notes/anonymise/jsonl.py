"""JSONL mode of the ``notes redact`` CLI command.

Input, one JSON object per line::

    {"id": ..., "lang": "en" | "sr" | "sr-Cyrl", "text": ...}

Output, one JSON object per input line (``ensure_ascii=False``)::

    {"id": ..., "redacted": ..., "findings": [{"start": ..., "end": ..., "kind": ...}]}

A line that cannot be processed yields ``{"id": ..., "error": ...}`` (``id`` is
``null`` when it cannot be read).  The error message never contains the
note's text, and no traceback escapes.  Lines are processed one at a time,
so arbitrarily large inputs stream.  Blank lines are skipped.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator

from . import redact

_LANGS = ("en", "sr", "sr-Cyrl")


def _error(note_id: object, message: str) -> str:
    return json.dumps({"id": note_id, "error": message}, ensure_ascii=False)


def _safe_id(obj: object) -> object:
    if isinstance(obj, dict):
        v = obj.get("id")
        if v is None or isinstance(v, (str, int, float, bool)):
            return v
    return None


def redact_line(line: str) -> str:
    """Process one JSONL line (without its newline) and return one output line."""
    try:
        obj = json.loads(line)
    except (ValueError, RecursionError):
        return _error(None, "malformed JSON")
    note_id = _safe_id(obj)
    if not isinstance(obj, dict):
        return _error(None, "expected a JSON object")
    text = obj.get("text")
    if not isinstance(text, str):
        return _error(note_id, "missing or non-string 'text'")
    lang = obj.get("lang")
    if lang is not None and lang not in _LANGS:
        return _error(note_id, "unsupported 'lang' (expected en, sr or sr-Cyrl)")
    try:
        result = redact(text, lang)
    except (
        ValueError,
        TypeError,
        IndexError,
        KeyError,
        AttributeError,
        ArithmeticError,
        RecursionError,
        UnicodeError,
        re.error,
    ):
        # one bad note must not stop the stream; the text is never echoed
        return _error(note_id, "internal error while redacting")
    return json.dumps(
        {
            "id": note_id,
            "redacted": result.redacted,
            "findings": [{"start": f.start, "end": f.end, "kind": f.kind} for f in result.findings],
        },
        ensure_ascii=False,
    )


def redact_stream(lines: Iterable[str]) -> Iterator[str]:
    """Redact a stream of JSONL lines lazily, yielding one output line per note."""
    for line in lines:
        line = line.rstrip("\r\n")
        if not line.strip():
            continue
        yield redact_line(line)
