"""core.caching.computed_once: a version is computed by one reader, the others wait for it."""

import threading
import time

import pytest
from django.core.cache import cache
from django.db import transaction

from core import caching
from core.caching import computed_once


def test_a_cached_value_is_not_computed_again():
    computed = []
    assert computed_once("k", lambda: computed.append(1) or "v", 60) == "v"
    assert computed_once("k", lambda: computed.append(1) or "w", 60) == "v"
    assert computed == [1]


def test_a_reader_waits_for_the_one_computing():
    cache.add("k:computing", 1, 60)  # another worker is computing this version
    threading.Timer(0.2, lambda: cache.set("k", "theirs", 60)).start()
    assert computed_once("k", lambda: "mine", 60) == "theirs"


def test_a_waiter_looks_again_within_milliseconds_then_less_often(monkeypatch):
    """A dashboard part is computed in a few ms: a waiter that slept 50 ms before its first
    look was kept ten times longer than the computation (session 13, hB)."""
    pauses = []

    def sleep(seconds):
        pauses.append(seconds)
        if len(pauses) == 7:
            cache.set("k", "theirs", 60)  # the computing worker is done

    monkeypatch.setattr(caching.time, "sleep", sleep)
    cache.add("k:computing", 1, 60)
    assert computed_once("k", lambda: "mine", 60) == "theirs"
    assert pauses == [0.002, 0.004, 0.008, 0.016, 0.032, 0.05, 0.05]


def test_a_reader_that_waited_in_vain_computes_itself(monkeypatch):
    monkeypatch.setattr(caching, "COMPUTE_WAIT_SECONDS", 0.2)
    cache.add("k:computing", 1, 60)  # a computation that never finishes
    started = time.monotonic()
    assert computed_once("k", lambda: "mine", 60) == "mine"
    assert time.monotonic() - started >= 0.2
    assert cache.get("k") == "mine"
    assert cache.get("k:computing") is None


def test_a_failed_computation_leaves_no_marker():
    def fail():
        raise RuntimeError("database went away")

    with pytest.raises(RuntimeError):
        computed_once("k", fail, 60)
    assert cache.get("k:computing") is None


def test_the_production_cache_is_shared_by_the_workers():
    from tdkt import settings as production

    assert production.CACHES["default"]["BACKEND"] == "core.file_cache.FileCache"
    assert production.CACHES["default"]["LOCATION"] == str(production.VAR_DIR / "cache")


@pytest.mark.django_db  # a bump is repeated when the transaction commits
def test_a_bumped_version_is_a_token_never_seen_before():
    first = caching.version_of("tree")
    assert caching.version_of("tree") == first
    caching.bump_version("tree")
    second = caching.version_of("tree")
    cache.delete("tdkt:version:tree")  # culled by the file cache
    assert len({first, second, caching.version_of("tree")}) == 3


def _version_callbacks(callbacks) -> int:
    return sum(getattr(c, "func", None) is caching._new_token for c in callbacks)


@pytest.mark.django_db
def test_a_version_bumped_many_times_in_a_transaction_is_bumped_once_at_commit(
        django_capture_on_commit_callbacks):
    """Each bump is seen at once (the transaction's own reads); the one at commit is
    registered once, however many entries the transaction writes."""
    seen = [caching.version_of("log")]
    with django_capture_on_commit_callbacks(execute=True) as callbacks, transaction.atomic():
        for _ in range(3):
            caching.bump_version("log")
            seen.append(caching.version_of("log"))
    seen.append(caching.version_of("log"))
    assert (_version_callbacks(callbacks), len(set(seen))) == (1, 5)


@pytest.mark.django_db
def test_a_bump_dropped_with_its_savepoint_is_registered_again(
        django_capture_on_commit_callbacks):
    """The entry of a rolled-back savepoint is gone and so is its bump at commit: the next
    entry of the transaction must register its own."""
    with django_capture_on_commit_callbacks() as callbacks, transaction.atomic():
        with pytest.raises(ValueError), transaction.atomic():
            caching.bump_version("log")
            raise ValueError
        caching.bump_version("log")
        caching.bump_version("log")
    assert _version_callbacks(callbacks) == 1


@pytest.mark.django_db
def test_each_name_is_bumped_at_commit(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks, transaction.atomic():
        for name in ("log", "other", "log", "other"):
            caching.bump_version(name)
    assert sorted(c.args[0] for c in callbacks if getattr(c, "func", None)
                  is caching._new_token) == ["tdkt:version:log", "tdkt:version:other"]


@pytest.mark.django_db(transaction=True)
def test_outside_a_transaction_a_version_is_bumped_at_once():
    before = caching.version_of("log")
    caching.bump_version("log")
    assert caching.version_of("log") != before
