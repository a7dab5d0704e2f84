"""core.file_cache.FileCache: Django's file cache, its directory listed for culling at most
once every few seconds rather than before every write."""

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
