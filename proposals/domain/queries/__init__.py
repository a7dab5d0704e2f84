from .candidates import SUBJECT_ARG, SUBJECT_QUERIES, candidates
from .proposals import inbox_for_user, proposals_for_user, scoped_units

__all__ = ["SUBJECT_ARG", "SUBJECT_QUERIES", "candidates", "inbox_for_user", "proposals_for_user",
           "scoped_units"]
