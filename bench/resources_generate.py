"""Fill a portal with many resources for load measurements.

    RMN_INSTANCE_PATH=/tmp/rmn-bench python bench/resources_generate.py --count 100000

Uses bulk inserts (not the ORM, not the upload pipeline) and fills the search
index in batches through `rmn_portal.search.index.insert_many`. Organisations
and accounts come from `seed-demo`, which this runs first. Text is invented
from a small vocabulary in Serbian (Latin and Cyrillic) and English, so that
searches match realistic shares of the library.
"""

import argparse
import random
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from flask_migrate import upgrade
from sqlalchemy import func, insert, select, text

from rmn_portal import create_app
from rmn_portal.accounts.models import User
from rmn_portal.db import db, utcnow
from rmn_portal.demo import seed_all
from rmn_portal.resources.models import (
    LANGUAGES,
    Resource,
    ResourceCountry,
    ResourceKind,
    ResourceLanguage,
    ResourceShare,
    Topic,
    resource_topic_links,
)
from rmn_portal.search import index


def words(text: str) -> list[str]:
    return text.split()


WORDS_SR = words("azil azila azilu azilanti azilanata zaštita pritvor zadržavanje granica pristup "
                 "teritoriji postupak odluka žalba integracija stanovanje zdravlje trgovina "
                 "ljudima izveštaj analiza preporuke pravna pomoć smeštaj Đorđević Beograd "
                 "Sarajevo Skoplje Podgorica Tirana Priština Niš Subotica Tuzla Bihać")
WORDS_CYR = words("азил азилу азиланти заштита граница поступак извештај смештај Ђорђевић")
WORDS_EN = words("asylum seekers refugees detention border access territory procedure appeal "
                 "integration housing health trafficking report analysis recommendations legal "
                 "aid shelter pushbacks interview credibility SOGIESC LGBTI")
BATCH = 2000


def sentence(rng: random.Random, length: int) -> str:
    pool = rng.choice((WORDS_SR, WORDS_SR, WORDS_EN, WORDS_EN, WORDS_CYR))
    return " ".join(rng.choice(pool) for _ in range(length)).capitalize()


def generate(count: int, seed: int = 7) -> None:
    rng = random.Random(seed)  # noqa: S311 - invented test data, not secrets
    seed_all()
    db.session.commit()
    authors = list(db.session.execute(select(User.id, User.org_id)))
    org_ids = sorted({org_id for _id, org_id in authors})
    topic_ids = list(db.session.scalars(select(Topic.id))) or []
    kinds = [kind.value for kind in ResourceKind]
    languages, countries = list(LANGUAGES), ["RS", "BA", "ME", "MK", "AL", "XK", "HR"]
    start_id = (db.session.scalar(select(func.max(Resource.id))) or 0) + 1
    now, started = utcnow(), time.monotonic()
    for offset in range(0, count, BATCH):
        resources, langs, places, topics, shares, docs = [], [], [], [], [], []
        for resource_id in range(start_id + offset, start_id + min(offset + BATCH, count)):
            author_id, org_id = rng.choice(authors)
            visibility = rng.choices(("organisation", "network", "public"), (3, 4, 3))[0]
            title, summary = sentence(rng, rng.randint(4, 9)), sentence(rng, rng.randint(15, 40))
            created = now - timedelta(minutes=rng.randint(0, 5 * 365 * 24 * 60))
            resources.append({
                "id": resource_id, "title": title[:300], "summary": summary,
                "kind": rng.choice(kinds), "year": rng.randint(2005, 2026), "tags": "",
                "external_url": "https://example.org/doc", "download_count": rng.randint(0, 500),
                "version": 1, "org_id": org_id, "author_id": author_id, "visibility": visibility,
                "created_at": created, "updated_at": created})
            for code in rng.sample(languages, rng.randint(1, 2)):
                langs.append({"resource_id": resource_id, "code": code})
            for code in rng.sample(countries, rng.randint(0, 2)):
                places.append({"resource_id": resource_id, "code": code})
            for topic_id in rng.sample(topic_ids, min(len(topic_ids), rng.randint(0, 2))):
                topics.append({"resource_id": resource_id, "topic_id": topic_id})
            if visibility == "organisation" and rng.random() < 0.1:
                shares.append({"resource_id": resource_id, "org_id": rng.choice(org_ids)})
            docs.append((resource_id, title, summary))
        db.session.execute(insert(Resource), resources)
        for model, rows in ((ResourceLanguage, langs), (ResourceCountry, places),
                            (ResourceShare, shares)):
            if rows:
                db.session.execute(insert(model), rows)
        if topics:
            db.session.execute(insert(resource_topic_links), topics)
        index.insert_many(db.session, "resource", docs)
        db.session.commit()
        done = min(offset + BATCH, count)
        print(f"{done} resources ({time.monotonic() - started:.0f} s)", flush=True)
    # Planner statistics, as PostgreSQL's autovacuum (or SQLite's
    # `PRAGMA optimize`) would gather them after such a load: without them
    # SQLite cannot tell that most rows pass the visibility filter.
    db.session.execute(text("ANALYZE"))
    db.session.commit()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100_000)
    args = parser.parse_args()
    app = create_app()
    with app.app_context():
        upgrade()
        generate(args.count)


if __name__ == "__main__":
    main()
