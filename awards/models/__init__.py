from .catalogue import AwardParameter, AwardType, BaseSalary, RoundingRule
from .facts import DisciplineRecord, PendingMatter
from .ledger import AwardRecord, TaskRating

__all__ = ["AwardParameter", "AwardRecord", "AwardType", "BaseSalary", "DisciplineRecord",
           "PendingMatter", "RoundingRule", "TaskRating"]
