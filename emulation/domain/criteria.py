"""Kept for migrations 0002_scoring and 0004_criterion_feed, which import their data steps from
`emulation.domain.criteria`: migrations are history and are never edited. The module lives in
emulation/movements/domain/criteria.py."""

from emulation.movements.domain.criteria import mark_template_feeds, seed_template

__all__ = ["mark_template_feeds", "seed_template"]
