from .exemplars import Exemplar, ExemplarEvidence, ExemplarFollowUp
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

__all__ = ["AnnualPlan", "Exemplar", "ExemplarEvidence", "ExemplarFollowUp", "Initiative",
           "InitiativeAuthor", "InitiativeToken", "InitiativeUse", "InspectionPlan",
           "InspectionVisit", "Movement", "MovementDocument", "MovementReview", "PlanMilestone",
           "Registration", "RegistrationEntry", "RemediationTask"]
