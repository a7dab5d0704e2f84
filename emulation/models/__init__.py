from .initiatives import Initiative, InitiativeAuthor, InitiativeToken, InitiativeUse
from .movements import (
    AnnualPlan,
    Movement,
    MovementDocument,
    MovementReview,
    PlanMilestone,
    Registration,
    RegistrationEntry,
)

__all__ = ["AnnualPlan", "Initiative", "InitiativeAuthor", "InitiativeToken", "InitiativeUse",
           "Movement", "MovementDocument", "MovementReview", "PlanMilestone", "Registration",
           "RegistrationEntry"]
