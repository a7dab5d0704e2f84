from core.models.holidays import PublicHoliday

__all__ = ["PublicHoliday"]
