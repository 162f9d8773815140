"""Fictional demo data for a living local portal (`flask seed-demo`).

Every organisation, person and text here is invented. Accounts follow one
pattern at the reserved example domain (see README, "Demo accounts"); their
password is RMN_DEMO_PASSWORD. Each feature adds its own content from its
`demo.py` (a `seed(context)` function); all seeding is idempotent.
"""

from dataclasses import dataclass, field
from importlib import import_module
from importlib.util import find_spec
from io import BytesIO

from flask import current_app
from PIL import Image, ImageDraw
from sqlalchemy import select

from .accounts.models import Role, User
from .accounts.passwords import hash_password
from .db import db
from .orgs.models import Organisation
from .orgs.services import set_logo

ORGANISATIONS = [
    # slug, name, short name, country, city
    ("iris-collective", "Iris Collective", "Iris", "RS", "Beograd"),
    ("safe-harbour", "Safe Harbour Novi Sad", "Safe Harbour", "RS", "Novi Sad"),
    ("open-door-nis", "Open Door Niš", "Open Door", "RS", "Niš"),
    ("sumadija-legal-clinic", "Šumadija Legal Clinic", "ŠLC", "RS", "Kragujevac"),
    ("sjever-welcome", "Sjever Welcome Centre", "Sjever", "RS", "Subotica"),
    ("luka-collective", "Luka Collective", "Luka", "BA", "Sarajevo"),
    ("drina-rights", "Drina Rights Network", "Drina", "BA", "Tuzla"),
    ("una-welcome-point", "Una Welcome Point", "Una", "BA", "Bihać"),
    ("adriatic-pride-aid", "Adriatic Pride Aid", "APA", "ME", "Podgorica"),
    ("lovcen-legal-aid", "Lovćen Legal Aid", "Lovćen", "ME", "Nikšić"),
    ("vardar-rights-house", "Vardar Rights House", "Vardar", "MK", "Skopje"),
    ("ohrid-open-doors", "Ohrid Open Doors", "OOD", "MK", "Ohrid"),
    ("ylber-shelter", "Ylber Shelter", "Ylber", "AL", "Tirana"),
    ("shkodra-solidarity", "Shkodra Solidarity", "Shkodra", "AL", "Shkodër"),
    ("ura-collective", "Ura Collective", "Ura", "XK", "Prishtina"),
    ("prizren-safe-space", "Prizren Safe Space", "PSS", "XK", "Prizren"),
]
GIVEN = ["Ana", "Marko", "Jelena", "Amir", "Lejla", "Nikola", "Arta", "Besnik", "Dragana",
         "Emina", "Filip", "Ivana", "Kenan", "Maja", "Luan", "Sara", "Teodora", "Vesna", "Dino",
         "Milica", "Edona", "Stefan", "Tamara", "Petar", "Alma", "Jovan", "Mira", "Ardit",
         "Nora", "Bojan", "Sanja", "Elira"]
FAMILY = ["Demić", "Primerović", "Uzorak", "Testić", "Kolar", "Hoxha-Demo", "Stanković-Demo",
          "Berisha-Demo", "Petrovska-Demo", "Lazić-Demo", "Krasniqi-Demo", "Popović-Demo"]


@dataclass
class DemoContext:
    """What feature seeders get: the organisations and people, by role."""

    orgs: list[Organisation]
    admin: User
    coordinators: list[User]
    org_admins: dict[str, User] = field(default_factory=dict)
    members: dict[str, list[User]] = field(default_factory=dict)


def portal_is_empty() -> bool:
    return db.session.scalar(select(Organisation.id).limit(1)) is None


def demo_email(local: str) -> str:
    return f"{local}@{current_app.config['DEMO_EMAIL_DOMAIN']}"


def seed_all() -> int:
    password_hash = hash_password(current_app.config["DEMO_PASSWORD"])
    created = 0
    orgs = []
    for slug, name, short, country, city in ORGANISATIONS:
        org = db.session.scalar(select(Organisation).where(Organisation.slug == slug))
        if org is None:
            org = Organisation(slug=slug, name=name, short_name=short, country=country, city=city,
                               description=_org_description(name, city),
                               contact_email=demo_email(f"contact-{slug}"),
                               website=f"https://{slug}.example.org", show_logo=True)
            db.session.add(org)
            created += 1
        orgs.append(org)
    db.session.flush()
    for index, org in enumerate(orgs):
        if org.logo_id is None:
            set_logo(None, org, BytesIO(_demo_logo(index)), f"{org.slug}.png")

    names = iter(_names())

    def person(local: str, org: Organisation, role: Role) -> User:
        nonlocal created
        email = demo_email(local)
        user = db.session.scalar(select(User).where(User.email == email))
        if user is None:
            user = User(email=email, name=next(names), org=org, role=role,
                        password_hash=password_hash)
            db.session.add(user)
            created += 1
        return user

    context = DemoContext(
        orgs=orgs,
        admin=person("admin", orgs[0], Role.ADMIN),
        coordinators=[person("coordinator1", orgs[0], Role.COORDINATOR),
                      person("coordinator2", orgs[5], Role.COORDINATOR)],
    )
    for org in orgs:
        context.org_admins[org.slug] = person(f"orgadmin-{org.slug}", org, Role.ORG_ADMIN)
        context.members[org.slug] = [person(f"member{n}-{org.slug}", org, Role.MEMBER)
                                     for n in (1, 2)]
    db.session.flush()

    from . import FEATURES

    for feature in FEATURES:
        module_name = f"{__package__}.{feature}.demo"
        if find_spec(module_name) is not None:
            import_module(module_name).seed(context)
            db.session.flush()
    return created


LOGO_COLOURS = ["#5b2a86", "#b3261e", "#1f4e99", "#2e7d32", "#c26a00", "#00695c", "#6d4c41",
                "#ad1457"]


def _demo_logo(index: int) -> bytes:
    """A simple generated mark: rings in one of a few colours."""
    image = Image.new("RGB", (128, 128), "white")
    draw = ImageDraw.Draw(image)
    colour = LOGO_COLOURS[index % len(LOGO_COLOURS)]
    for inset in range(8, 56, 16):
        draw.ellipse((inset, inset, 128 - inset, 128 - inset), outline=colour, width=8)
    out = BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def _names():
    index = 0
    while True:
        yield f"{GIVEN[index % len(GIVEN)]} {FAMILY[index % len(FAMILY)]}"
        index += 1


def _org_description(name: str, city: str) -> str:
    return (f"{name} is a fictional member organisation used in the demo. Based in {city}, it "
            "offers **legal counselling**, safe accommodation referrals and peer support for "
            "LGBTI+ refugees and asylum seekers, and takes part in the network's joint "
            "advocacy.")
