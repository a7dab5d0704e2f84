from .jobs import ImportJob, ImportRowError

__all__ = ["ImportJob", "ImportRowError"]
