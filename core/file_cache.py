"""The shared cache's backend: Django's file cache, its room checked every few seconds.

Django's `FileBasedCache` lists its whole directory before every write to see whether it must
cull (`_cull`). The cache holds a session, a user row and a role list per signed-in user besides
the figures, so in a province it holds thousands of files: measured on this machine, a write
cost 0.4 ms with 100 entries, 3 ms with 1,000, 14 ms with 5,000 and 28 ms with 9,000 — every
session slide, every computed figure and every version bumped by an audited write paid it.
Checking at most once every `CULL_CHECK_SECONDS` per process keeps writes near the 100-entry
cost; the directory can pass MAX_ENTRIES by what the workers write in those seconds before it
is culled as before (a third of the entries at random)."""

import time

from django.core.cache.backends.filebased import FileBasedCache

CULL_CHECK_SECONDS = 5.0


class FileCache(FileBasedCache):
    cull_check_seconds = CULL_CHECK_SECONDS

    def __init__(self, dir, params):  # noqa: A002 Django's signature
        super().__init__(dir, params)
        self._next_cull_check = 0.0

    def _cull(self):
        now = time.monotonic()
        if now < self._next_cull_check:
            return
        self._next_cull_check = now + self.cull_check_seconds
        super()._cull()
