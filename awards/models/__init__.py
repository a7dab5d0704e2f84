from .authority import GrantingAuthority
from .catalogue import AwardParameter, AwardType, LegalValue
from .facts import DisciplineRecord, PendingMatter
from .ledger import AwardRecord, TaskRating

__all__ = ["AwardParameter", "AwardRecord", "AwardType", "DisciplineRecord", "GrantingAuthority",
           "LegalValue", "PendingMatter", "TaskRating"]
