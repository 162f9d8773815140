"""Bulk writing helpers for the bench data: explicit ids, batched inserts,
sequences brought up to date afterwards (PostgreSQL)."""

import random
import time
from dataclasses import dataclass, field

from sqlalchemy import Table, func, insert, select, text

from ..db import db

BATCH = 5000


def words(text: str) -> list[str]:
    return text.split()


WORDS_SR = words("azil azila azilu azilanti azilanata zaštita pritvor granica pristup "
                 "teritoriji postupak odluka žalba integracija stanovanje zdravlje trgovina "
                 "ljudima izveštaj analiza preporuke pravna pomoć smeštaj Đorđević Beograd "
                 "Sarajevo Skoplje Podgorica Tirana Priština Niš Subotica Tuzla Bihać")
WORDS_CYR = words("азил азилу азиланти заштита граница поступак извештај смештај Ђорђевић")
WORDS_EN = words("asylum seekers refugees detention border access territory procedure "
                 "appeal integration housing health trafficking report analysis "
                 "recommendations legal aid shelter pushbacks interview credibility SOGIESC "
                 "LGBTI")


def table_of(model) -> Table:
    return model if isinstance(model, Table) else model.__table__


@dataclass
class Loader:
    """Shared state of one run: random source, clock, what exists already."""

    rng: random.Random
    started: float = field(default_factory=time.monotonic)
    touched: set[str] = field(default_factory=set)

    def next_id(self, model) -> int:
        column = table_of(model).c.id
        return (db.session.scalar(select(func.max(column))) or 0) + 1

    def insert(self, model, rows: list[dict]) -> None:
        """Insert rows in batches of BATCH (one executemany each)."""
        table = table_of(model)
        self.touched.add(table.name)
        for start in range(0, len(rows), BATCH):
            db.session.execute(insert(table), rows[start:start + BATCH])

    def sentence(self, length: int) -> str:
        pool = self.rng.choice((WORDS_SR, WORDS_SR, WORDS_EN, WORDS_EN, WORDS_CYR))
        return " ".join(self.rng.choice(pool) for _ in range(length)).capitalize()

    def say(self, what: str) -> None:
        print(f"{what} ({time.monotonic() - self.started:.0f} s)", flush=True)

    def fix_sequences(self) -> None:
        """Explicit ids leave PostgreSQL's sequences behind: move them on."""
        if db.session.get_bind().dialect.name != "postgresql":
            return
        for name in sorted(self.touched):
            if "id" not in db.metadata.tables[name].c:
                continue
            db.session.execute(text(
                f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), "  # noqa: S608  # nosec B608 (own table names)
                f"COALESCE((SELECT MAX(id) FROM {name}), 1))"))
