from .authority import GrantingAuthority
from .catalogue import AwardParameter, AwardType, BaseSalary, LegalCriterion, RoundingRule
from .facts import DisciplineRecord, PendingMatter
from .ledger import AwardRecord, TaskRating

__all__ = ["AwardParameter", "AwardRecord", "AwardType", "BaseSalary", "DisciplineRecord",
           "GrantingAuthority", "LegalCriterion", "PendingMatter", "RoundingRule", "TaskRating"]
