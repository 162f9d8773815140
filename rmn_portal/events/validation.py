"""Checks on the values an event would have, shared by creation and editing.

Field names match the event form's, so a refusal lands beside the right input.
"""

from datetime import timedelta
from urllib.parse import urlsplit

from flask_babel import gettext as _
from flask_babel import ngettext

from ..errors import ServiceError
from .models import EVENT_LANGUAGES, EventFormat

MAX_DAYS = 31
MAX_QUESTIONS = 10


def refuse(message: str, field: str | None = None, status: int = 400):
    raise ServiceError(message, field=field, status=status)


def validate(values: dict, *, confirmed: int = 0) -> None:
    """Check the values an event would have; raise on the first problem."""
    if not (values.get("title") or "").strip():
        refuse(_("Give the event a title."), "title")
    starts, ends = values["starts_at"], values["ends_at"]
    if starts.tzinfo is None or ends.tzinfo is None:
        raise ValueError("event times must be timezone-aware")
    if ends <= starts:
        refuse(_("The end must be after the start."), "ends_at")
    if ends - starts > timedelta(days=MAX_DAYS):
        refuse(_("An event can last at most %(days)d days.", days=MAX_DAYS), "ends_at")
    capacity = values.get("capacity")
    if capacity is not None and capacity < 0:
        refuse(_("The capacity cannot be below zero."), "capacity")
    if capacity is not None and capacity < confirmed:
        refuse(ngettext("%(num)d person already has a place: the capacity cannot be lower.",
                         "%(num)d people already have a place: the capacity cannot be lower.",
                         confirmed), "capacity")
    deadline = values.get("registration_deadline")
    if deadline is not None and deadline > starts:
        refuse(_("The registration deadline must not be after the start."),
                "registration_deadline")
    url = values.get("online_url") or ""
    if url and not is_web_address(url):
        refuse(_("The online link must be a web address starting with https:// or http://."),
                "online_url")
    if values.get("format") in (EventFormat.IN_PERSON, EventFormat.HYBRID) and not (
            (values.get("venue") or "").strip() or (values.get("city") or "").strip()):
        refuse(_("Say where the event takes place: a venue or a city."), "venue")
    unknown = set(values.get("languages") or []) - set(EVENT_LANGUAGES)
    if unknown:
        refuse(_("Choose languages from the list."), "languages")
    validate_questions(values.get("questions") or [])


def validate_questions(questions: list[dict]) -> None:
    if len(questions) > MAX_QUESTIONS:
        refuse(_("An event can ask at most %(count)d questions.", count=MAX_QUESTIONS),
                "questions")
    for question in questions:
        if not (question.get("label") or "").strip():
            refuse(_("Every question needs a text."), "questions")


def is_web_address(url: str) -> bool:
    parts = urlsplit(url)
    return (parts.scheme in ("http", "https") and bool(parts.hostname)
            and not any(char.isspace() or ord(char) < 32 for char in url))


def normalise(values: dict) -> dict:
    values = dict(values)
    if "languages" in values and not isinstance(values["languages"], str):
        values["languages"] = ",".join(code for code in values["languages"] if code)
    if "questions" in values:
        values["questions"] = _with_question_ids(values["questions"] or [])
    for name in ("venue", "city", "online_url", "title", "country"):
        if name in values and values[name] is not None:
            values[name] = values[name].strip()
    return values


def _with_question_ids(questions: list[dict]) -> list[dict]:
    """Keep existing ids (answers refer to them); number new questions."""
    used = {q["id"] for q in questions if q.get("id")}
    cleaned = []
    for question in questions:
        qid = question.get("id")
        if not qid:
            qid = next(f"q{n}" for n in range(1, 1000) if f"q{n}" not in used)
            used.add(qid)
        choices = [c.strip() for c in question.get("choices") or [] if c.strip()]
        cleaned.append({"id": qid, "label": question.get("label", "").strip(),
                        "choices": choices, "required": bool(question.get("required"))})
    return cleaned


def as_form_values(values: dict) -> dict:
    """What `_validate` expects: languages as a list of codes."""
    checked = dict(values)
    if isinstance(checked.get("languages"), str):
        checked["languages"] = [c for c in checked["languages"].split(",") if c]
    return checked
