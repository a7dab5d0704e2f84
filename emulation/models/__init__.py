from .exemplars import Exemplar, ExemplarEvidence, ExemplarFollowUp, ExemplarVersion
from .initiatives import Initiative, InitiativeAuthor, InitiativeToken, InitiativeUse
from .inspections import InspectionPlan, InspectionVisit, RemediationTask
from .movements import (
    AnnualPlan,
    Movement,
    MovementDocument,
    MovementReview,
    PlanMilestone,
    Registration,
    RegistrationEntry,
)
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
           "Exemplar", "ExemplarEvidence", "ExemplarFollowUp", "ExemplarVersion", "Initiative",
           "InitiativeAuthor",
           "InitiativeToken", "InitiativeUse", "InspectionPlan", "InspectionVisit", "Movement",
           "MovementDocument", "MovementReview", "PlanMilestone", "Registration",
           "RegistrationEntry", "RemediationTask", "RescoreRequest", "RoundBallot",
           "RoundVoteReceipt", "Score", "ScoreChange"]
