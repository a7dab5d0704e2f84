from .candidates import SEARCH_FIRST, SUBJECT_ARG, SUBJECT_QUERIES, candidates
from .proposals import inbox_for_user, proposals_for_user, scoped_units

__all__ = ["SEARCH_FIRST", "SUBJECT_ARG", "SUBJECT_QUERIES", "candidates", "inbox_for_user",
           "proposals_for_user", "scoped_units"]
