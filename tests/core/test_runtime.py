import gc

from core.runtime import settle_startup_heap


def test_settling_moves_the_start_up_objects_out_of_the_collectors_way():
    try:
        settle_startup_heap()
        frozen = gc.get_freeze_count()
        assert frozen > 10_000  # Django and the apps: well over ten thousand objects
        gc.collect()
        # A full collection leaves them frozen; only the odd one whose last reference went
        # meanwhile is freed (by its reference count, which the freeze does not stop).
        assert frozen - gc.get_freeze_count() < frozen // 100
    finally:
        gc.unfreeze()
    assert gc.get_freeze_count() == 0


def test_the_wsgi_entry_point_settles_the_heap():
    import importlib

    import tdkt.wsgi

    try:
        importlib.reload(tdkt.wsgi)
        assert gc.get_freeze_count() > 10_000
    finally:
        gc.unfreeze()
