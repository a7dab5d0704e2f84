from .authority import GrantingAuthority
from .catalogue import AwardParameter, AwardType, LegalValue
from .facts import DisciplineRecord, PendingMatter
from .ledger import AwardRecord, TaskRating
from .screening import ScreeningChunk, ScreeningResult, ScreeningRun
from .totals import AwardTotal

__all__ = ["AwardParameter", "AwardRecord", "AwardTotal", "AwardType", "DisciplineRecord",
           "GrantingAuthority", "LegalValue", "PendingMatter", "ScreeningChunk",
           "ScreeningResult", "ScreeningRun", "TaskRating"]
