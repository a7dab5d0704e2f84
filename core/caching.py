"""The shared cache (settings.CACHES: one per host, every worker) and how to fill it."""

import functools
import time
import uuid

from django.core.cache import cache
from django.db import transaction

COMPUTE_WAIT_SECONDS = 20  # how long other readers wait for the one computing a version
# How often they look: every 2 ms at first, then twice as long each time up to every 50 ms.
# A version computed in a few milliseconds (most are: the dashboard's parts) is met by its
# waiters at once; a fixed 50 ms kept each of them 50 ms for a 3 ms rebuild under `make load`.
FIRST_POLL_SECONDS = 0.002
LAST_POLL_SECONDS = 0.05


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
        pause = FIRST_POLL_SECONDS
        while time.monotonic() < deadline:
            time.sleep(pause)
            if (data := cache.get(key)) is not None:
                return data
            pause = min(pause * 2, LAST_POLL_SECONDS)
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
    the two would otherwise cache the old data under the new token.

    The one at commit is registered once per transaction however often `name` is bumped in it
    (the audit log's versions are bumped by every entry): skipped while this transaction's
    callback for `name` is still queued. Django drops a callback when the savepoint it was
    registered in rolls back (or the whole transaction); the next bump then registers a new
    one. Checked at the callback's own position in the connection's queue (`run_on_commit`:
    callbacks are only appended, or removed by a rollback), not by a scan of what may be
    thousands of callbacks."""
    key = f"tdkt:version:{name}"
    _new_token(key)
    conn = transaction.get_connection()
    if not conn.in_atomic_block:
        return  # autocommit: the write is committed already
    pending = conn.__dict__.setdefault("tdkt_pending_versions", {})
    at, hook = pending.get(name, (None, None))
    queue = conn.run_on_commit
    if at is not None and at < len(queue) and queue[at][1] is hook:
        return
    hook = functools.partial(_new_token, key)
    pending[name] = (len(queue), hook)
    transaction.on_commit(hook)


def _new_token(key: str) -> None:
    cache.set(key, uuid.uuid4().hex, None)
