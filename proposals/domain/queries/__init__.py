from .proposals import inbox_for_user, proposals_for_user, scoped_units

__all__ = ["inbox_for_user", "proposals_for_user", "scoped_units"]
