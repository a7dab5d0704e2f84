"""Kept for migration 0002_scoring, which names `emulation.models.scoring.default_thresholds`
as a field default: migrations are history and are never edited. The model lives in
emulation/movements/models/scoring.py."""

from emulation.movements.models.scoring import default_thresholds

__all__ = ["default_thresholds"]
