"""Self-assessment (participants rate themselves 1–5 on a programme's
competencies, before and after) and the yearly training needs assessment
(each organisation rates its need per competency, 1 = none to 5 = urgent)."""

from collections import defaultdict
from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import case, func, select

from .. import audit
from ..db import db, utcnow
from ..orgs.models import Organisation
from ..permissions import Action, can
from .models import (
    AssessmentPhase,
    Competency,
    Enrolment,
    EnrolmentStatus,
    NeedsRating,
    Programme,
    SelfAssessment,
)
from .services import refuse

SCORES = (1, 2, 3, 4, 5)
# Averages over fewer people than this are not shown outside a person's record.
MIN_PEOPLE = 5


@dataclass(frozen=True)
class Gain:
    competency: Competency
    before: float | None
    after: float | None
    people: int = 1  # how many people the averages are over

    @property
    def gain(self) -> float | None:
        if self.before is None or self.after is None:
            return None
        return round(self.after - self.before, 2)


def _check_scores(scores: dict[int, int | None], allowed_ids: set[int]) -> dict[int, int]:
    cleaned = {}
    for competency_id, score in scores.items():
        if competency_id not in allowed_ids:
            refuse(_("Rate only the competencies listed."), status=422)
        if score is None:
            continue
        if score not in SCORES:
            refuse(_("Choose a score from 1 to 5."), f"c{competency_id}", status=422)
        cleaned[competency_id] = score
    return cleaned


# --- self-assessment ---------------------------------------------------------------------------

def save_self_assessment(actor, enrolment: Enrolment, phase: AssessmentPhase,
                         scores: dict[int, int | None]) -> None:
    """Only the participant rates themselves; every competency of the
    programme needs a score. A second submission replaces the first."""
    if actor.id != enrolment.user_id:
        refuse(_("Only the participant can fill in their self-assessment."), status=403)
    if enrolment.status is not EnrolmentStatus.APPROVED:
        refuse(_("The self-assessment is for participants with a place."), status=409)
    programme = enrolment.programme
    phase = AssessmentPhase(phase)
    if phase is AssessmentPhase.AFTER and not any(
            s.event.starts_at <= utcnow() for s in programme.held_sessions):
        refuse(_("The after-training self-assessment opens once the training has begun."),
               status=409)
    allowed = {competency.id for competency in programme.competencies}
    cleaned = _check_scores(scores, allowed)
    missing = sorted(allowed - set(cleaned))
    if missing:
        refuse(_("Rate yourself on every competency."), f"c{missing[0]}", status=422)
    existing = {row.competency_id: row for row in db.session.scalars(select(SelfAssessment).where(
        SelfAssessment.enrolment_id == enrolment.id, SelfAssessment.phase == phase))}
    for competency_id, score in cleaned.items():
        row = existing.get(competency_id)
        if row is None:
            db.session.add(SelfAssessment(enrolment_id=enrolment.id, competency_id=competency_id,
                                          phase=phase, score=score))
        else:
            row.score, row.created_at = score, utcnow()
    db.session.flush()
    if phase is AssessmentPhase.AFTER:
        from .attendance import refresh_completion  # attendance imports certificates

        refresh_completion(actor, programme)


def scores_of(enrolment: Enrolment) -> dict[AssessmentPhase, dict[int, int]]:
    scores: dict = {AssessmentPhase.BEFORE: {}, AssessmentPhase.AFTER: {}}
    for row in db.session.scalars(select(SelfAssessment).where(
            SelfAssessment.enrolment_id == enrolment.id)):
        scores[row.phase][row.competency_id] = row.score
    return scores


def gains_of(enrolment: Enrolment) -> list[Gain]:
    scores = scores_of(enrolment)
    return [Gain(c, scores[AssessmentPhase.BEFORE].get(c.id), scores[AssessmentPhase.AFTER]
                 .get(c.id)) for c in enrolment.programme.competencies]


def programme_gains(programme: Programme) -> list[Gain]:
    """Average before and after per competency, over the people who rated
    both; `people` tells the reader how many that is."""
    pairs = _pairs(select(SelfAssessment).join(Enrolment)
                   .where(Enrolment.programme_id == programme.id))
    return [_average_gain(c, pairs.get(c.id, [])) for c in programme.competencies]


def _pairs(query) -> dict[int, list[tuple[int, int]]]:
    """{competency id: [(before, after), ...]} over people who rated both."""
    by_person: dict = defaultdict(dict)
    for row in db.session.scalars(query):
        by_person[(row.enrolment_id, row.competency_id)][row.phase] = row.score
    pairs: dict[int, list] = defaultdict(list)
    for (_enrolment, competency_id), phases in by_person.items():
        if len(phases) == 2:
            pairs[competency_id].append((phases[AssessmentPhase.BEFORE],
                                         phases[AssessmentPhase.AFTER]))
    return pairs


def _average_gain(competency: Competency, pairs: list[tuple[int, int]]) -> Gain:
    return Gain(competency, *_averages(pairs))


def _averages(pairs: list[tuple[int, int]]) -> tuple[float | None, float | None, int]:
    """Average before, average after, and over how many people."""
    if not pairs:
        return None, None, 0
    before = sum(p[0] for p in pairs) / len(pairs)
    after = sum(p[1] for p in pairs) / len(pairs)
    return round(before, 2), round(after, 2), len(pairs)


def gains_where(competencies: list[Competency], *conditions) -> list[Gain]:
    """Average gains over the enrolments matching `conditions` (dashboards)."""
    return gains_from(competencies, gain_figures_where(*conditions))


def gain_figures_where(*conditions) -> list[list]:
    """[competency id, average before, average after, people] for every
    competency rated over the enrolments matching `conditions` (JSON)."""
    pairs = _pairs(select(SelfAssessment).join(Enrolment).where(*conditions))
    return [[competency_id, *_averages(rated)] for competency_id, rated in pairs.items()]


def gains_from(competencies: list[Competency], figures: list[list]) -> list[Gain]:
    """The gains of `competencies` from `gain_figures_where`."""
    found = {competency_id: rest for competency_id, *rest in figures}
    return [Gain(c, *found.get(c.id, (None, None, 0))) for c in competencies]


# --- training needs assessment -------------------------------------------------------------

def save_needs(actor, org: Organisation, year: int, ratings: dict[int, int | None],
               competencies: list[Competency]) -> None:
    if not can(actor, Action.TRAINING_NEEDS_ASSESS, org):
        refuse(_("Only the organisation's admins assess its training needs."), status=403)
    cleaned = _check_scores(ratings, {c.id for c in competencies})
    existing = {row.competency_id: row for row in db.session.scalars(select(NeedsRating).where(
        NeedsRating.org_id == org.id, NeedsRating.year == year))}
    for competency_id, need in cleaned.items():
        row = existing.get(competency_id)
        if row is None:
            row = NeedsRating(org_id=org.id, year=year, competency_id=competency_id, need=need)
            db.session.add(row)
        row.need, row.rated_by_id, row.rated_at = need, actor.id, utcnow()
    for competency_id, row in existing.items():
        if competency_id not in cleaned:
            db.session.delete(row)  # "not rated" clears an earlier rating
    db.session.flush()
    audit.record(actor, "training.needs_assessed", org, org_id=org.id, year=year)


def needs_of(org: Organisation, year: int) -> dict[int, int]:
    return dict(db.session.execute(select(NeedsRating.competency_id, NeedsRating.need).where(
        NeedsRating.org_id == org.id, NeedsRating.year == year)).all())


@dataclass(frozen=True)
class NeedSummary:
    organisations: int  # that rated this competency
    average: float | None
    high: int  # organisations rating it 4 or 5


def needs_summary(year: int) -> dict[int, NeedSummary]:
    rows = db.session.execute(
        select(NeedsRating.competency_id, func.count(NeedsRating.id), func.avg(NeedsRating.need),
               func.sum(case((NeedsRating.need >= 4, 1), else_=0)))
        .where(NeedsRating.year == year).group_by(NeedsRating.competency_id))
    return {competency_id: NeedSummary(count, round(float(avg), 1) if avg is not None else None,
                                       int(high or 0))
            for competency_id, count, avg, high in rows}
