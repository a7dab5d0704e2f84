"""Every model of the emulation app, imported from the part that declares it, so that Django
finds them all under the one app label (tables and migrations are the app's)."""

from emulation.exemplars.models import (
    Exemplar,
    ExemplarEvidence,
    ExemplarFollowUp,
    ExemplarVersion,
    InspectionDocument,
    InspectionPlan,
    InspectionVisit,
    RemediationTask,
    Replication,
    ReplicationReport,
    TaskEvidence,
    TaskReport,
)
from emulation.initiatives.models import (
    Initiative,
    InitiativeAuthor,
    InitiativeToken,
    InitiativeUse,
)
from emulation.movements.models import (
    AnnualPlan,
    ClusterRound,
    CriteriaSet,
    Criterion,
    CriterionRetirement,
    Movement,
    MovementDocument,
    MovementReview,
    PlanMilestone,
    Registration,
    RegistrationEntry,
    RescoreRequest,
    RoundBallot,
    RoundVoteReceipt,
    Score,
    ScoreChange,
    TitleResult,
    UnitResult,
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
