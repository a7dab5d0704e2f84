"""The shared cache's backend: Django's file cache, its room checked every few seconds, its
entries read in one go.

Django's `FileBasedCache` lists its whole directory before every write to see whether it must
cull (`_cull`). The cache holds a session, a user row and a role list per signed-in user besides
the figures, so in a province it holds thousands of files: measured on this machine, a write
cost 0.4 ms with 100 entries, 3 ms with 1,000, 14 ms with 5,000 and 28 ms with 9,000 — every
session slide, every computed figure and every version bumped by an audited write paid it.
Checking at most once every `CULL_CHECK_SECONDS` per process keeps writes near the 100-entry
cost; the directory can pass MAX_ENTRIES by what the workers write in those seconds before it
is culled as before (a third of the entries at random).

A signed-in list page reads five to eight entries (session, user, roles, versions, scope, the
unread count). Django's `get` unpickles the expiry from the open file through its buffered
reader, then reads the rest: about half of a small entry's 15 µs. `get` here reads the file's
bytes at once and parses both from memory (~7 µs); the file's format, the expiry check and the
deletion of an expired entry are Django's."""

import functools
import io
import os
import pickle
import time
import zlib

from django.core.cache.backends.filebased import FileBasedCache

CULL_CHECK_SECONDS = 5.0
FILE_NAMES_KEPT = 4096  # a few hundred signed-in users' session, user and roles keys
CHUNK = 65536


def _read(fname: str) -> bytes:
    """The whole file, without Python's buffered file object (its setup is most of a small
    entry's read)."""
    fd = os.open(fname, os.O_RDONLY)
    try:
        data = os.read(fd, CHUNK)
        if len(data) == CHUNK:  # a large entry (a dashboard's figures): read on to its end
            chunks = [data]
            while chunk := os.read(fd, CHUNK):
                chunks.append(chunk)
            data = b"".join(chunks)
    finally:
        os.close(fd)
    return data


class FileCache(FileBasedCache):
    cull_check_seconds = CULL_CHECK_SECONDS

    def __init__(self, dir, params):  # noqa: A002 Django's signature
        super().__init__(dir, params)
        self._next_cull_check = 0.0

    def get(self, key, default=None, version=None):
        fname = self._key_to_file(key, version)
        try:
            data = _read(fname)
        except FileNotFoundError:
            return default
        # The file is the expiry's pickle, then the value's pickle compressed (_write_content).
        head = io.BytesIO(data)
        try:
            expiry = pickle.load(head)
        except EOFError:
            expiry = 0  # an empty file (a write cut short): expired, as Django's _is_expired
        if expiry is not None and expiry < time.time():
            self._delete(fname)
            return default
        return pickle.loads(zlib.decompress(memoryview(data)[head.tell():]))

    def _key_to_file(self, key, version=None):
        return self._files(key, version)

    @functools.cached_property
    def _files(self):
        # The file's name is a function of the key alone (Django's key function, prefix and
        # version, the directory): made once per key a process, not hashed on every read.
        return functools.lru_cache(maxsize=FILE_NAMES_KEPT)(super()._key_to_file)

    def _cull(self):
        now = time.monotonic()
        if now < self._next_cull_check:
            return
        self._next_cull_check = now + self.cull_check_seconds
        super()._cull()
