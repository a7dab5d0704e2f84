from .exemplars import Exemplar, ExemplarEvidence, ExemplarFollowUp, ExemplarVersion
from .initiatives import Initiative, InitiativeAuthor, InitiativeToken, InitiativeUse
from .inspections import (
    InspectionDocument,
    InspectionPlan,
    InspectionVisit,
    RemediationTask,
    TaskEvidence,
    TaskReport,
)
from .movements import (
    AnnualPlan,
    Movement,
    MovementDocument,
    MovementReview,
    PlanMilestone,
    Registration,
    RegistrationEntry,
)
from .replications import Replication, ReplicationReport
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
           "Exemplar", "ExemplarEvidence", "ExemplarFollowUp", "ExemplarVersion", "Initiative",
           "InitiativeAuthor", "InitiativeToken", "InitiativeUse", "InspectionDocument",
           "InspectionPlan", "InspectionVisit", "Movement",
           "MovementDocument", "MovementReview", "PlanMilestone", "Registration",
           "RegistrationEntry", "RemediationTask", "Replication", "ReplicationReport",
           "RescoreRequest", "RoundBallot",
           "RoundVoteReceipt", "Score", "ScoreChange", "TaskEvidence", "TaskReport",
           "TitleResult", "UnitResult"]
