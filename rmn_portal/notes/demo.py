"""Demo notes (`flask seed-demo`): fictional narratives written the way
caseworkers write, with invented names, numbers and places, sent through the
real workflow so that the anonymiser, the review and the erasure all run.

Idempotent: nothing is added when the portal already has notes.
"""

import random
from datetime import date, timedelta

from sqlalchemy import select

from ..content import Visibility
from ..db import db, utcnow
from . import redaction, services
from .models import Note, NoteCategory, NoteGroup, NoteStatus, ReviewAction, ReviewEvent

# (categories, groups, age, origin, region, months ago, urgency, responses, narrative)
PUBLISHED = [
    (["accommodation", "safety"], ["trans"], "18-24", "middle-east", "belgrade", 1, "emergency",
     ["safe-housing", "protection"],
     "Klijentkinja Leila Ahmadi (23) je izbačena iz privatnog smeštaja na Voždovcu kad je "
     "stanodavac saznao da je trans žena. Telefon: 064 555 0199.\n"
     "Potreban je hitan bezbedan smeštaj; u kolektivnom centru je već doživela uznemiravanje."),
    (["legal-aid"], ["gay"], "25-34", "south-asia", "vojvodina", 2, "urgent", ["legal-support"],
     "Our client Imran Qureshi, 29 years old, had his asylum interview moved three times. "
     "The interpreter asked him in front of others whether he is 'really' gay. He needs a "
     "lawyer who is present at the next interview."),
    (["health"], ["gay", "bisexual"], "25-34", "north-africa", "belgrade", 2, "urgent",
     ["medical-care"],
     "Two men from the same shelter could not get PrEP because they have no health card yet. "
     "One of them, Youssef, asked us to call his doctor at +381 11 3456 789."),
    (["mental-health"], ["lesbian"], "35-49", "eastern-europe", "sumadija-western-serbia", 3,
     "routine", ["psychosocial", "peer-support"],
     "Olena Kovalenko (41) arrived with her partner in May. She sleeps badly and does not "
     "leave the flat. She asked for a counsellor who speaks Russian or Ukrainian and "
     "understands same-sex relationships."),
    (["access-to-territory", "safety"], ["gay"], "18-24", "south-asia", "border-area", 3,
     "emergency", ["protection", "advocacy"],
     "Three young men were pushed back at night near the border and their phones were "
     "broken. One of them, born 12.03.2004, says the officers insulted them for being gay."),
    (["documents"], ["trans"], "25-34", "latin-america", "belgrade", 4, "urgent",
     ["documents-support", "advocacy"],
     "Klijentkinja Valentina ima 27 godina. U ličnoj karti za strance stoji staro ime, pa je "
     "svaki susret sa policijom rizičan. Treba joj pomoć oko promene podataka."),
    (["livelihoods"], ["gay"], "25-34", "middle-east", "bih-federation", 4, "routine",
     ["livelihood-support", "language-education"],
     "Mehmet has a work permit but employers in Sarajevo send him away once they learn he "
     "lives with a man. He would take any job; he was a cook for eight years."),
    (["education"], ["queer-other"], "18-24", "middle-east", "skopje", 5, "routine",
     ["language-education"],
     "A 19-year-old student wants to continue university. The faculty asks for a diploma "
     "that is still in Tehran. Contact through the programme e-mail only."),
    (["family"], ["lesbian"], "35-49", "east-southern-africa", "belgrade", 6, "urgent",
     ["psychosocial", "legal-support"],
     "Amina and her partner have two children. Only one of them is recognised as a parent "
     "in the asylum file, which puts the family at risk if they are separated."),
    (["integration", "livelihoods"], ["gay"], "35-49", "eastern-europe", "montenegro-coastal",
     7, "routine", ["livelihood-support", "peer-support"],
     "Dmitri (38) found seasonal work in Budva but has no contract. He wants to stay and "
     "asked about language classes and a peer group."),
    (["safety"], ["trans"], "25-34", "north-africa", "tirana", 8, "emergency",
     ["protection", "staff-training"],
     "A trans woman was attacked at the bus station. Staff at the centre did not write down "
     "her complaint. Her number is 069 123 4567; she prefers messages."),
    (["health", "mental-health"], ["intersex"], "18-24", "west-central-africa", "belgrade", 9,
     "urgent", ["medical-care", "psychosocial"],
     "Klijent (21) traži lekara koji razume interpolne osobe. U ambulanti su ga pregledali "
     "pred drugim pacijentima. Potrebna je pratnja i prevodilac za francuski."),
    (["legal-aid", "documents"], ["gay"], "50-plus", "middle-east", "republika-srpska", 10,
     "routine", ["legal-support", "documents-support"],
     "Mr Haddad, 54, lost his passport on the way. Without it the embassy will not confirm "
     "his identity, and the asylum office will not register him."),
    (["accommodation"], ["gay", "trans"], "18-24", "central-asia", "vojvodina", 11, "urgent",
     ["safe-housing"],
     "Two young people from the same town share a room in the camp with men who threaten "
     "them. They asked to be moved together to a safer place."),
    (["access-to-territory"], ["bisexual"], "25-34", "south-asia", "north-macedonia-other", 12,
     "urgent", ["advocacy", "monitoring"],
     "Returned twice from the southern border. He is bisexual and afraid to say it at "
     "registration because other men from his group would hear."),
    (["integration"], ["lesbian", "bisexual"], "25-34", "eastern-europe", "belgrade", 13,
     "routine", ["peer-support", "language-education"],
     "Klijentkinje Maria i Yulia žive u Beogradu od prošle godine. Traže grupu podrške i "
     "časove srpskog za odrasle, po mogućstvu uveče."),
]
IN_REVIEW = [
    (["accommodation"], ["trans"], "25-34", "south-asia", "southern-eastern-serbia", 0, "urgent",
     ["safe-housing"],
     "Klijentkinja Samira Begum (26), broj telefona 063 987 6543, spava na železničkoj "
     "stanici u Nišu. Treba joj smeštaj za ovu nedelju."),
]
DRAFTS = [
    (["health"], ["gay"], "35-49", "middle-east", "belgrade", 0, "routine", ["medical-care"],
     "Draft: Reza Karimi, born 02/05/1985, asked about HIV treatment. Call him on "
     "+381 65 222 3344 or reza.k@example.net."),
]


# Older notes for a dashboard with numbers in it: short texts, one per need.
HISTORY_TEXTS = {
    "legal-aid": "Needs a lawyer for the asylum interview; the first decision ignored the "
                 "persecution for sexual orientation.",
    "access-to-territory": "Pushed back at the border at night; phones were taken and "
                           "nobody asked about asylum.",
    "accommodation": "Harassed in the collective centre and asks for a safe room or a shelter "
                     "place.",
    "health": "Cannot get hormone therapy or PrEP without a health card.",
    "mental-health": "Sleeps badly and is afraid to go out; asks for a counsellor who "
                     "understands LGBTI+ people.",
    "safety": "Threatened by other residents after being outed; the staff did not react.",
    "documents": "The identity card shows a name that does not match, which is risky at "
                 "every police check.",
    "livelihoods": "Has a work permit but is turned away by employers.",
    "education": "Wants to continue studying; a diploma is missing.",
    "family": "The partner is not recognised as family in the asylum file.",
    "integration": "Looks for language classes and a peer group.",
    "other": "Asks for information about resettlement.",
}
HISTORY_WEIGHTS = {
    "categories": {"legal-aid": 6, "accommodation": 6, "safety": 5, "health": 4,
                   "access-to-territory": 4, "mental-health": 3, "documents": 2,
                   "livelihoods": 2, "integration": 1, "education": 1, "family": 1, "other": 1},
    "groups": {"gay": 6, "trans": 5, "lesbian": 2, "bisexual": 2, "queer-other": 1,
               "intersex": 1, "not-stated": 1},
    "regions": {"belgrade": 7, "vojvodina": 4, "border-area": 4, "bih-federation": 3,
                "skopje": 2, "southern-eastern-serbia": 2, "tirana": 1,
                "montenegro-coastal": 1, "republika-srpska": 1},
    "origins": {"middle-east": 5, "south-asia": 5, "north-africa": 3, "eastern-europe": 2,
                "west-central-africa": 1, "central-asia": 1, "latin-america": 1},
    "ages": {"18-24": 4, "25-34": 5, "35-49": 2, "50-plus": 1, "unknown": 1},
}
HISTORY_SIZE = 120


def seed(context) -> None:
    if db.session.scalar(select(Note.id).limit(1)) is not None:
        return
    authors = [member for slug in sorted(context.members) for member in context.members[slug]]
    _seed_history(context, authors)
    for index, row in enumerate(PUBLISHED):
        author = authors[(index * 3) % len(authors)]
        note = _submitted(author, row)
        reviewer = _reviewer(context, author)
        services.approve(reviewer, note)
        visibility = Visibility.NETWORK if index % 5 == 4 else Visibility.PUBLIC
        services.publish(reviewer, note, visibility)
        note.published_at = note.last_activity_at = _published_on(row[5])
    for index, row in enumerate(IN_REVIEW):
        _submitted(authors[(index * 5 + 1) % len(authors)], row)
    for row in DRAFTS:
        services.create_draft(context.members["iris-collective"][0], _fields(row))
    db.session.flush()


def _seed_history(context, authors) -> None:
    """Notes published in the past two years, made directly in their final
    state (no raw text, no notifications): the dashboard needs numbers."""
    rng = random.Random(2026)  # noqa: S311 -- demo data, the same every time

    def pick(name, k=1):
        weights = HISTORY_WEIGHTS[name]
        return sorted(set(rng.choices(list(weights), weights=list(weights.values()), k=k)))

    for index in range(HISTORY_SIZE):
        author = authors[index % len(authors)]
        reviewer = _reviewer(context, author)
        categories = pick("categories", rng.choice((1, 1, 2)))
        groups = pick("groups", rng.choice((1, 1, 1, 2)))
        months_ago = 2 + rng.randrange(22)
        text = " ".join(HISTORY_TEXTS[c] for c in categories)
        note = Note(org_id=author.org_id, author_id=author.id, status=NoteStatus.PUBLISHED,
                    visibility=Visibility.NETWORK if index % 6 == 0 else Visibility.PUBLIC,
                    period=_month(months_ago), age_band=pick("ages")[0],
                    origin_region=pick("origins")[0], region=pick("regions")[0],
                    urgency=rng.choice(("routine", "routine", "urgent", "emergency")),
                    responses=[], generalised=[], groups_key=",".join(groups),
                    redacted_narrative=redaction.analyse(text).redacted, finding_counts={},
                    reviewer_id=reviewer.id, categories=[NoteCategory(category=c)
                                                         for c in categories],
                    groups=[NoteGroup(population_group=g) for g in groups])
        published = _published_on(months_ago - 1)
        note.submitted_at = note.approved_at = note.published_at = published
        note.raw_erased_at = note.last_activity_at = published
        note.review_events = [ReviewEvent(actor_id=author.id, action=ReviewAction.SUBMITTED),
                              ReviewEvent(actor_id=reviewer.id, action=ReviewAction.PUBLISHED)]
        db.session.add(note)
    db.session.flush()


def _fields(row) -> dict:
    categories, groups, age, origin, region, months_ago, urgency, responses, narrative = row
    return {"categories": categories, "groups": groups, "age_band": age,
            "origin_region": origin, "region": region, "period": _month(months_ago),
            "urgency": urgency, "responses": responses, "narrative": narrative,
            "extra_redactions": []}


def _submitted(author, row) -> Note:
    note = services.create_draft(author, _fields(row))
    services.submit(author, note)
    return note


def _reviewer(context, author):
    """A coordinator of another organisation than the author's."""
    return next(c for c in context.coordinators if c.org_id != author.org_id)


def _month(months_ago: int) -> date:
    first = date.today().replace(day=1)
    for _ in range(months_ago):
        first = (first - timedelta(days=1)).replace(day=1)
    return first


def _published_on(months_ago: int):
    return utcnow() - timedelta(days=30 * months_ago - 12 if months_ago else 0)
