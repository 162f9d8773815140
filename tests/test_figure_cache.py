"""The figure cache (rmn_portal/cache.py) on its own: get-or-compute, expiry,
the memory bound, namespaces, JSON only, and Redis failing open. The
dashboards that use it are tested in tests/notes and tests/trainings."""

import logging
import socket
import time

import pytest

from rmn_portal import cache
from rmn_portal.config import redis_options


class Counting:
    """A computation that tells how often it ran."""

    def __init__(self, value):
        self.value, self.calls = value, 0

    def __call__(self):
        self.calls += 1
        return self.value


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]  # nothing listens there once the socket is closed


def test_a_second_call_reads_the_stored_figures_as_json():
    figures = cache.FigureCache(cache.MemoryStore(), 60)
    compute = Counting({"quarters": (1, 2), "by_id": {7: 3}})
    first = figures.get_or_compute("test", ["org:1", 2025], compute)
    second = figures.get_or_compute("test", ["org:1", 2025], compute)
    assert compute.calls == 1
    # What comes back is the JSON form, on the first call as on later ones.
    assert first == second == {"quarters": [1, 2], "by_id": {"7": 3}}
    second["quarters"].append(99)  # a caller's change stays with that caller
    assert figures.get_or_compute("test", ["org:1", 2025], compute)["quarters"] == [1, 2]


def test_each_key_has_its_own_entry():
    figures = cache.FigureCache(cache.MemoryStore(), 60)
    assert figures.get_or_compute("test", ["org:1"], lambda: 1) == 1
    assert figures.get_or_compute("test", ["org:2"], lambda: 2) == 2
    assert figures.get_or_compute("other", ["org:1"], lambda: 3) == 3
    assert figures.get_or_compute("test", ["org:1"], lambda: 4) == 1


def test_entries_expire():
    figures = cache.FigureCache(cache.MemoryStore(), 1)
    compute = Counting(5)
    figures.get_or_compute("test", [], compute)
    time.sleep(1.05)
    figures.get_or_compute("test", [], compute)
    assert compute.calls == 2


def test_zero_seconds_turns_the_cache_off():
    figures = cache.FigureCache(cache.MemoryStore(), 0)
    compute = Counting((1, 2))
    assert figures.get_or_compute("test", [], compute) == [1, 2]
    figures.get_or_compute("test", [], compute)
    assert compute.calls == 2


def test_memory_keeps_the_most_recently_used_entries_only():
    figures = cache.FigureCache(cache.MemoryStore(capacity=2), 60)
    for year in (2024, 2025):
        figures.get_or_compute("test", [year], lambda: "first")
    figures.get_or_compute("test", [2024], lambda: "again")  # used: kept
    figures.get_or_compute("test", [2026], lambda: "first")  # 2025 goes
    assert figures.get_or_compute("test", [2024], lambda: "again") == "first"
    assert figures.get_or_compute("test", [2025], lambda: "again") == "again"


def test_a_bump_makes_the_namespace_recompute_and_leaves_others_alone():
    figures = cache.FigureCache(cache.MemoryStore(), 60)
    notes, trainings = Counting(1), Counting(2)
    for _ in range(2):
        figures.get_or_compute("notes", [], notes, namespaces=["notes"])
        figures.get_or_compute("trainings", [], trainings, namespaces=["trainings"])
    figures.bump(["notes"])
    figures.get_or_compute("notes", [], notes, namespaces=["notes"])
    figures.get_or_compute("trainings", [], trainings, namespaces=["trainings"])
    assert (notes.calls, trainings.calls) == (2, 1)


def test_only_json_values_are_stored():
    figures = cache.FigureCache(cache.MemoryStore(), 60)
    with pytest.raises(TypeError):
        figures.get_or_compute("test", [], lambda: {"when": object()})
    with pytest.raises(ValueError):
        figures.get_or_compute("test", [], lambda: float("nan"))


def test_an_entry_that_is_not_ours_is_recomputed():
    store = cache.MemoryStore()
    figures = cache.FigureCache(store, 60)
    figures.get_or_compute("test", [1], lambda: "right")
    (key,) = [k for k in store._entries]
    store.set(key, "\x80\x04 not json", 60)  # e.g. a pickle someone else wrote there
    assert figures.get_or_compute("test", [1], lambda: "recomputed") == "recomputed"


def test_redis_down_computes_without_the_cache_and_warns_once(caplog):
    url = f"redis://127.0.0.1:{_closed_port()}/7"
    store = cache.RedisStore(url, redis_options({"REDIS_URL": url, "REDIS_TIMEOUT": 0.5}))
    figures = cache.FigureCache(store, 60)
    compute = Counting({"n": 1})
    with caplog.at_level(logging.WARNING, logger="rmn_portal.cache"):
        for _ in range(3):
            assert figures.get_or_compute("test", [], compute, namespaces=["notes"]) == {"n": 1}
        figures.bump(["notes"])  # a lost bump: entries expire after CACHE_SECONDS anyway
    assert compute.calls == 3
    warnings = [r for r in caplog.records if r.name == "rmn_portal.cache"]
    assert len(warnings) == 1 and "Redis failed" in warnings[0].getMessage()
