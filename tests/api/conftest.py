"""Fixtures the API tests share with the tests of the apps they read."""

from tests.emulation.conftest import (  # noqa: F401 -- registered as fixtures for tests/api
    cluster,
    members,
    new_round,
    scoring_round,
    year_set,
)
