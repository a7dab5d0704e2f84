"""The shared cache (settings.CACHES: one per host, every worker) and how to fill it."""

import time

from django.core.cache import cache

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
