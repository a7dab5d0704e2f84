"""Models of annual plans, movements, registrations, their results and cluster scoring (all of
the one `emulation` app: emulation/models/__init__.py imports them for Django)."""

from .movements import (
    AnnualPlan,
    Movement,
    MovementDocument,
    MovementReview,
    PlanMilestone,
    Registration,
    RegistrationEntry,
)
from .results import TitleResult, UnitResult
from .scoring import (
    ClusterRound,
    CriteriaSet,
    Criterion,
    CriterionRetirement,
    RescoreRequest,
    RoundBallot,
    RoundVoteReceipt,
    Score,
    ScoreChange,
)

__all__ = ["AnnualPlan", "ClusterRound", "CriteriaSet", "Criterion", "CriterionRetirement",
           "Movement", "MovementDocument", "MovementReview", "PlanMilestone", "Registration",
           "RegistrationEntry", "RescoreRequest", "RoundBallot", "RoundVoteReceipt", "Score",
           "ScoreChange", "TitleResult", "UnitResult"]
