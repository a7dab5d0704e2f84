import gc

import pytest


@pytest.fixture
def no_collector():
    """The cyclic garbage collector off for the test (after a full collection): what is freed
    then is freed by reference counting alone (core.handler, core.template_backend)."""
    gc.collect()
    gc.disable()
    yield
    gc.enable()
