from .catalogue import AwardParameter, AwardType, BaseSalary, RoundingRule
from .ledger import AwardRecord, TaskRating

__all__ = ["AwardParameter", "AwardRecord", "AwardType", "BaseSalary", "RoundingRule",
           "TaskRating"]
