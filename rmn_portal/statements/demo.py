"""Demo statements (`flask seed-demo`): one published with its signatories,
one open for signature, one being drafted with comments. All fictional."""

from datetime import timedelta

from sqlalchemy import select

from ..db import db, utcnow
from . import comments, services, signing
from .models import StatementText

PUSHBACKS_EN = """\
We, the undersigned member organisations of the Rainbow Migration Network, are alarmed by \
repeated reports of violent pushbacks at the northern border of Serbia during the past month.

People who were pushed back told our outreach teams that they were beaten, that their phones \
were destroyed and that nobody asked whether they wanted to apply for asylum. Among them were \
LGBTI+ people who had fled persecution and who are at particular risk in informal camps.

We call on the authorities to:

1. end pushbacks and collective expulsions immediately;
2. give everyone at the border access to the asylum procedure;
3. investigate every report of violence independently and publish the results.

Safety at the border is not a favour. It is an obligation under international law."""

PUSHBACKS_SR = """\
Mi, potpisane organizacije članice Rainbow Migration Network mreže, zabrinute smo zbog \
ponovljenih izveštaja o nasilnim vraćanjima na severnoj granici Srbije tokom prošlog meseca.

Ljudi koji su vraćeni rekli su našim terenskim timovima da su bili pretučeni, da su im telefoni \
uništeni i da ih niko nije pitao da li žele da traže azil. Među njima su bile i LGBTI+ osobe \
koje su pobegle od progona i koje su posebno ugrožene u neformalnim kampovima.

Pozivamo nadležne organe da:

1. odmah prekinu nezakonita vraćanja i kolektivna proterivanja;
2. svima na granici omoguće pristup postupku azila;
3. nezavisno istraže svaku prijavu nasilja i objave rezultate.

Bezbednost na granici nije usluga. To je obaveza po međunarodnom pravu."""

ASYLUM_LAW = """\
The draft amendments to the Law on International and Temporary Protection, published for \
consultation this month, would shorten the deadline for appeals to eight days.

For LGBTI+ applicants, who often need time and trust before they can speak about what happened \
to them, eight days is not enough to find a lawyer, gather evidence and prepare a hearing.

We ask the Ministry to keep the current deadline of fifteen days, to guarantee free legal aid \
from the first instance, and to train decision makers on claims based on sexual orientation and \
gender identity."""

RECEPTION_V1 = """\
Reception centres in Bosnia and Herzegovina are overcrowded.

We ask for safe rooms for LGBTI+ asylum seekers."""

RECEPTION_V2 = """\
Reception centres in Bosnia and Herzegovina are overcrowded, and LGBTI+ asylum seekers report \
harassment by other residents and, in some cases, by staff.

We ask the Service for Foreigners' Affairs to provide safe rooms for LGBTI+ asylum seekers, to \
set up a confidential complaints procedure, and to work with civil society on regular visits."""


def _exists(title: str) -> bool:
    return db.session.scalar(select(StatementText.id).where(StatementText.title == title)
                             ) is not None


def seed(context) -> None:
    admins, members = context.org_admins, context.members
    now = utcnow()
    title = "Stop violent pushbacks at Serbia's northern border"
    if not _exists(title):
        lead = admins["iris-collective"]
        statement = services.create_statement(lead, title=title, body=PUSHBACKS_EN,
                                              language="en", tags="pushbacks, border, serbia")
        services.add_text(lead, statement, language="sr",
                          title="Zaustavite nasilna vraćanja na severnoj granici Srbije",
                          body=PUSHBACKS_SR)
        opened = now - timedelta(days=20)
        signing.open_for_signature(lead, statement, (opened + timedelta(days=7)).date(),
                                   now=opened)
        for slug in ("iris-collective", "safe-harbour", "open-door-nis", "luka-collective",
                     "vardar-rights-house", "ylber-shelter"):
            signer = admins[slug]
            signing.sign(signer, statement, name=signer.name, title="Executive director",
                         now=opened + timedelta(days=2))
        signing.publish(lead, statement, now=opened + timedelta(days=9))

    title = "Keep a fair appeal deadline in North Macedonia's asylum law"
    if not _exists(title):
        lead = admins["vardar-rights-house"]
        statement = services.create_statement(lead, title=title, body=ASYLUM_LAW, language="en",
                                              tags="asylum law, north macedonia")
        signing.open_for_signature(lead, statement, (now + timedelta(days=6)).date(), now=now)
        for slug in ("vardar-rights-house", "ohrid-open-doors", "adriatic-pride-aid"):
            signing.sign(admins[slug], statement, name=admins[slug].name, now=now)

    title = "Safe reception for LGBTI+ asylum seekers in Bosnia and Herzegovina"
    if not _exists(title):
        author = members["luka-collective"][0]
        statement = services.create_statement(author, title=title, body=RECEPTION_V1,
                                              language="en", tags="reception, bosnia")
        text = statement.original
        for slug in ("drina-rights", "iris-collective"):
            services.invite_editor(author, statement, members[slug][0].email)
        services.save_text(members["drina-rights"][0], text, base_number=1, title=title,
                           body=RECEPTION_V2, summary="Added the complaints procedure")
        thread = comments.add_comment(
            members["iris-collective"][0], statement,
            f"Should we name the centres? @{author.name}, what do you think?",
            text=text, paragraph=1)
        comments.add_comment(author, statement, "Better not: it could expose people.",
                             parent=thread)
        comments.set_resolved(author, thread, True)
        comments.add_comment(members["drina-rights"][0], statement,
                             "Can we add a sentence on access to health care?")
