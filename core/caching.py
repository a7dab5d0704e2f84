"""The shared cache (settings.CACHES: one per host, every worker) and how to fill it."""

import time
import uuid

from django.core.cache import cache
from django.db import transaction

COMPUTE_WAIT_SECONDS = 20  # how long other readers wait for the one computing a version


def computed_once(key: str, compute, timeout: int):
    """`cache[key]`, computed by one request only: the cache is shared by every worker, and
    readers arriving while a version is being computed (a new version meets every open
    dashboard at once) wait for it instead of each grouping a million records again. A reader
    that waited in vain — the computing one failed or is very slow — computes it itself."""
    data = cache.get(key)
    if data is not None:
        return data
    if not cache.add(key + ":computing", 1, COMPUTE_WAIT_SECONDS):
        deadline = time.monotonic() + COMPUTE_WAIT_SECONDS
        while time.monotonic() < deadline:
            time.sleep(0.05)
            if (data := cache.get(key)) is not None:
                return data
    try:
        data = compute()
        cache.set(key, data, timeout)
    finally:
        cache.delete(key + ":computing")
    return data


# ---------------------------------------------------------------------------- versions
# A version is a random token kept in the shared cache: entries derived from some data carry the
# token in their key, and a change of the data sets a new token, orphaning them all at once. A
# token (not a counter) because the file cache culls entries at random: a lost version comes
# back as a token never used before, so an old entry can never be mistaken for a current one.

def version_of(name: str) -> str:
    key = f"tdkt:version:{name}"
    token = cache.get(key)
    if token is None:
        cache.add(key, uuid.uuid4().hex, None)  # two first readers agree on one token
        token = cache.get(key) or ""
    return token


def bump_version(name: str) -> None:
    """A new version of `name`, now and again when the transaction commits: a reader between
    the two would otherwise cache the old data under the new token."""
    key = f"tdkt:version:{name}"
    cache.set(key, uuid.uuid4().hex, None)
    transaction.on_commit(lambda: cache.set(key, uuid.uuid4().hex, None))
