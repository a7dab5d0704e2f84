"""core.file_cache.FileCache: Django's file cache, its directory listed for culling at most
once every few seconds rather than before every write."""

from pathlib import Path

from django.core.cache.backends.filebased import FileBasedCache

from core.file_cache import FileCache


class CountingCache(FileCache):
    """Counts the listings of the directory (Django's, which every cull check makes)."""

    listings = 0

    def _list_cache_files(self):
        self.listings += 1
        return super()._list_cache_files()


def _cache(tmp_path, max_entries: int, seconds: float) -> CountingCache:
    cache = CountingCache(str(tmp_path), {"OPTIONS": {"MAX_ENTRIES": max_entries}})
    cache.cull_check_seconds = seconds
    return cache


def test_writes_list_the_directory_once_per_interval(tmp_path):
    cache = _cache(tmp_path, 1000, 60)
    for n in range(50):
        cache.set(f"k{n}", n)
    assert (cache.listings, cache.get("k49")) == (1, 49)


def test_a_full_cache_is_still_culled(tmp_path):
    """Checked at every write (interval 0), as Django does: past MAX_ENTRIES a third goes."""
    cache = _cache(tmp_path, 30, 0)
    for n in range(100):
        cache.set(f"k{n}", n)
    assert len(cache._list_cache_files()) <= 30


def test_between_checks_the_cache_may_pass_its_room(tmp_path):
    """The price of the interval: what is written between two checks stays until the next."""
    cache = _cache(tmp_path, 30, 60)
    for n in range(100):
        cache.set(f"k{n}", n)
    assert len(cache._list_cache_files()) == 100


def test_an_entry_reads_back_as_django_reads_it(tmp_path):
    """`get` reads the file at once; Django's reads it through a buffered file: the same values,
    small and past one read's chunk, kept for ever, missing."""
    cache = _cache(tmp_path, 1000, 60)
    large = {"figures": list(range(100_000)), "name": "Nguyễn <&>"}
    cache.set("small", {"n": 1})
    cache.set("large", large)
    cache.set("forever", "tdkt", None)
    keys = ["small", "large", "forever", "missing"]
    assert ([cache.get(k, "none") for k in keys]
            == [FileBasedCache.get(cache, k, "none") for k in keys]
            == [{"n": 1}, large, "tdkt", "none"])


def test_an_expired_or_empty_entry_is_missing_and_its_file_removed(tmp_path):
    cache = _cache(tmp_path, 1000, 60)
    cache.set("old", 1, -1)  # expired a second ago
    cache.set("cut", 2)
    Path(cache._key_to_file("cut")).write_bytes(b"")  # a write cut short
    assert (cache.get("old", "gone"), cache.get("cut", "gone")) == ("gone", "gone")
    assert cache._list_cache_files() == []


def test_a_keys_file_name_is_djangos(tmp_path):
    cache = _cache(tmp_path, 1000, 60)
    assert ([cache._key_to_file(k, v) for k, v in (("a", None), ("a", 2), ("tdkt:user:1", None))]
            == [FileBasedCache._key_to_file(cache, k, v)
                for k, v in (("a", None), ("a", 2), ("tdkt:user:1", None))])
