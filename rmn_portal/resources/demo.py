"""Demo content for the resource library (`flask seed-demo`): invented
documents of the fictional member organisations, with real small files."""

import io

from sqlalchemy import select

from ..content import Visibility
from ..db import db
from .models import Resource, ResourceKind, Topic
from .samples import docx_with_text, pdf_with_text
from .services import ResourceFields, create_resource, link_translation
from .uploads import Upload

TOPICS = [
    ("Asylum procedure", "Postupak azila"),
    ("Access to territory", "Pristup teritoriji"),
    ("Detention", "Zadržavanje"),
    ("SOGIESC", "SOGIESC"),
    ("Trafficking", "Trgovina ljudima"),
    ("Health", "Zdravlje"),
    ("Housing", "Stanovanje"),
    ("Integration", "Integracija"),
]

# (org slug, title, kind, languages, topics, countries, year, visibility, summary, file)
RESOURCES = [
    ("iris-collective", "Izveštaj o azilu za LGBTI+ osobe u Srbiji 2025", ResourceKind.REPORT,
     ["sr"], ["Asylum procedure", "SOGIESC"], ["RS"], 2025, Visibility.PUBLIC,
     "Godišnji pregled postupaka azila za LGBTI+ osobe: trajanje postupka, ishodi i prepreke "
     "u pristupu pravnoj pomoći.", "pdf"),
    ("iris-collective", "Asylum for LGBTI+ people in Serbia: 2025 report", ResourceKind.REPORT,
     ["en"], ["Asylum procedure", "SOGIESC"], ["RS"], 2025, Visibility.PUBLIC,
     "The yearly review of asylum procedures for LGBTI+ applicants: length of procedures, "
     "outcomes and obstacles to legal aid.", "pdf"),
    ("safe-harbour", "Смернице за безбедан смештај азиланата", ResourceKind.TOOLKIT, ["sr"],
     ["Housing"], ["RS"], 2024, Visibility.NETWORK,
     "Практичне смернице за партнерске организације које траже безбедан смештај за "
     "ЛГБТИ+ азиланте.", "docx"),
    ("luka-collective", "Detention of asylum seekers at the Bosnian border",
     ResourceKind.POLICY_BRIEF, ["en", "bs"], ["Detention", "Access to territory"], ["BA"], 2025,
     Visibility.PUBLIC, "A short policy brief with **five recommendations** on alternatives to "
     "detention.", "pdf"),
    ("lovcen-legal-aid", "Analiza Zakona o međunarodnoj i privremenoj zaštiti",
     ResourceKind.LEGAL_ANALYSIS, ["cnr"], ["Asylum procedure"], ["ME"], 2023,
     Visibility.NETWORK, "Pravna analiza crnogorskog zakona iz ugla zaštite LGBTI+ tražilaca "
     "azila.", "pdf"),
    ("vardar-rights-house", "Training module: interviewing SOGIESC asylum claimants",
     ResourceKind.TRAINING_MATERIAL, ["en", "mk"], ["SOGIESC", "Asylum procedure"], ["MK"],
     2024, Visibility.NETWORK, "Slides and exercises for a one-day training of legal "
     "counsellors.", "docx"),
    ("ylber-shelter", "Health needs of LGBTI+ people on the move", ResourceKind.INFOGRAPHIC,
     ["en", "sq"], ["Health"], ["AL"], 2025, Visibility.PUBLIC,
     "An infographic summarising a survey of health needs among people on the move.", "pdf"),
    ("ura-collective", "Position paper on safe third countries", ResourceKind.POSITION_PAPER,
     ["en"], ["Access to territory"], ["XK", "RS", "BA"], 2024, Visibility.PUBLIC,
     "The network's position on the use of the safe third country concept in the Western "
     "Balkans.", "pdf"),
    ("iris-collective", "Interni plan zastupanja 2026", ResourceKind.OTHER, ["sr"],
     ["Integration"], ["RS"], 2026, Visibility.ORGANISATION,
     "Radni dokument: ciljevi i raspored zastupanja za sledeću godinu.", "docx"),
    ("drina-rights", "Trafficking risks for LGBTI+ refugees: practitioners' notes",
     ResourceKind.REPORT, ["bs", "en"], ["Trafficking"], ["BA"], 2023, Visibility.NETWORK,
     "Observations from outreach work along the Drina, with indicators of trafficking risk.",
     "pdf"),
]


def seed(context) -> None:
    topics = {}
    for name, name_sr in TOPICS:
        topic = db.session.scalar(select(Topic).where(Topic.name == name))
        if topic is None:
            topic = Topic(name=name, name_sr=name_sr, is_active=True)
            db.session.add(topic)
        topics[name] = topic
    db.session.flush()
    created = {}
    for slug, title, kind, langs, topic_names, countries, year, visibility, summary, file_kind \
            in RESOURCES:
        if db.session.scalar(select(Resource.id).where(Resource.title == title)):
            continue
        author = context.members[slug][0]
        fields = ResourceFields(title=title, kind=kind, summary=summary, languages=langs,
                                topic_ids=[topics[name].id for name in topic_names],
                                countries=countries, year=year, visibility=visibility,
                                tags="demo")
        created[title] = create_resource(author, fields, [_sample_upload(title, summary,
                                                                         file_kind)])
    pair = ("Izveštaj o azilu za LGBTI+ osobe u Srbiji 2025",
            "Asylum for LGBTI+ people in Serbia: 2025 report")
    if all(title in created for title in pair):
        link_translation(created[pair[1]].author, created[pair[1]], created[pair[0]])


def _sample_upload(title: str, summary: str, kind: str) -> Upload:
    name = "".join(c if c.isalnum() else "-" for c in title).strip("-")[:60]
    if kind == "docx":
        return Upload(f"{name}.docx", io.BytesIO(docx_with_text([title, summary])))
    ascii_lines = [title, summary[:90], "Fictional demo document of the RMN Portal."]
    return Upload(f"{name}.pdf", io.BytesIO(pdf_with_text(ascii_lines)))
