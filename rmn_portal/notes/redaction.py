"""The anonymiser as the author and the reviewer see it: its findings with the
author's decisions applied (extra text to redact, findings that are not
personal data), the redacted text, and both texts cut into segments for the
side-by-side preview.

Decisions are kept as text, not offsets, so that they survive edits: an extra
redaction removes every occurrence of its text (case-insensitive, since
over-redacting is the safe mistake); a finding is kept when its text equals a
kept text.
"""

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from .anonymise import Finding, find_personal_data, redact

AUTHOR_REPLACEMENT = "[REDACTED]"  # what the anonymiser puts for extra spans
EXTRA = "EXTRA"  # the kind shown for text the author chose to redact
# When a reviewer coarsens a field, placeholders that repeat its detail go too.
GENERALISED_PLACEHOLDERS = {"age_band": ("AGE", "[AGE]"), "region": ("PLACE", "[PLACE]")}


@dataclass(frozen=True)
class Segment:
    text: str
    kind: str | None = None  # None for ordinary text
    replacement: str = ""
    kept: bool = False  # found, but the author said it is not personal data


@dataclass
class Analysis:
    redacted: str = ""
    findings: list[Finding] = field(default_factory=list)  # what is redacted
    kept: list[Finding] = field(default_factory=list)  # found but kept by the author
    original_segments: list[Segment] = field(default_factory=list)
    redacted_segments: list[Segment] = field(default_factory=list)

    @property
    def counts(self) -> dict[str, int]:
        """How many findings of each kind; no text."""
        return dict(Counter(kind_of(finding) for finding in self.findings))


def kind_of(finding: Finding) -> str:
    return EXTRA if finding.replacement == AUTHOR_REPLACEMENT else finding.kind


def normalise(text: str) -> str:
    return " ".join(text.split()).casefold()


def occurrences(text: str, needle: str) -> list[tuple[int, int]]:
    needle = needle.strip()
    if not needle:
        return []
    return [match.span() for match in re.finditer(re.escape(needle), text, re.IGNORECASE)]


def analyse(text: str | None, *, kept_texts: Iterable[str] = (), extra: Iterable[str] = (),
            generalised: Iterable[str] = ()) -> Analysis:
    if not text:
        return Analysis()
    kept_keys = {normalise(value) for value in kept_texts if value}
    found = find_personal_data(text)
    kept = [finding for finding in found if normalise(finding.text) in kept_keys]
    extra_spans = [span for value in extra for span in occurrences(text, value)]
    result = redact(text, extra_spans=extra_spans,
                    ignore_spans=[(finding.start, finding.end) for finding in kept])
    findings = [_generalise(finding, set(generalised)) for finding in result.findings]
    kept = [finding for finding in kept if not _overlaps_any(finding, findings)]
    return Analysis(
        redacted=_compose(text, findings),
        findings=findings,
        kept=kept,
        original_segments=_original_segments(text, findings, kept),
        redacted_segments=_redacted_segments(text, findings),
    )


def _generalise(finding: Finding, generalised: set[str]) -> Finding:
    for field_name, (kind, placeholder) in GENERALISED_PLACEHOLDERS.items():
        if field_name in generalised and finding.kind == kind:
            return Finding(finding.start, finding.end, finding.kind, finding.text, placeholder)
    return finding


def _overlaps_any(finding: Finding, others: list[Finding]) -> bool:
    return any(finding.start < other.end and other.start < finding.end for other in others)


def _compose(text: str, findings: list[Finding]) -> str:
    parts, position = [], 0
    for finding in findings:
        parts.append(text[position:finding.start])
        parts.append(finding.replacement)
        position = finding.end
    parts.append(text[position:])
    return "".join(parts)


def _original_segments(text: str, findings: list[Finding], kept: list[Finding]) -> list[Segment]:
    marked = sorted([(finding, False) for finding in findings] + [(f, True) for f in kept],
                    key=lambda item: item[0].start)
    segments, position = [], 0
    for finding, is_kept in marked:
        if finding.start > position:
            segments.append(Segment(text[position:finding.start]))
        segments.append(Segment(finding.text, kind_of(finding), finding.replacement, is_kept))
        position = finding.end
    if position < len(text):
        segments.append(Segment(text[position:]))
    return segments


def _redacted_segments(text: str, findings: list[Finding]) -> list[Segment]:
    segments, position = [], 0
    for finding in findings:
        if finding.start > position:
            segments.append(Segment(text[position:finding.start]))
        segments.append(Segment(finding.replacement, kind_of(finding), finding.replacement))
        position = finding.end
    if position < len(text):
        segments.append(Segment(text[position:]))
    return segments


def placeholder_segments(redacted: str | None) -> list[Segment]:
    """Cut stored redacted text into text and placeholders, for highlighting
    the placeholders where only the redacted text is left (review, publication)."""
    if not redacted:
        return []
    segments, position = [], 0
    for match in PLACEHOLDER.finditer(redacted):
        if match.start() > position:
            segments.append(Segment(redacted[position:match.start()]))
        segments.append(Segment(match.group(), "PLACEHOLDER", match.group()))
        position = match.end()
    if position < len(redacted):
        segments.append(Segment(redacted[position:]))
    return segments


# A bracketed upper-case tag ([NAME], [PLACE: Vojvodina]) or an age band
# placeholder in any of the anonymiser's languages ([aged 18–24], [18–24 godina]).
PLACEHOLDER = re.compile(
    r"\[(?:[A-Z]{2,10}(?::[^\]\n]{1,60})?|aged [^\]\n]{1,20}|[^\]\n]{1,20} (?:godina|година))\]")
