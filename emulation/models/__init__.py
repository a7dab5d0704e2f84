from .exemplars import Exemplar, ExemplarEvidence, ExemplarFollowUp
from .initiatives import Initiative, InitiativeAuthor, InitiativeToken, InitiativeUse
from .inspections import InspectionPlan, InspectionVisit, RemediationTask

__all__ = ["Exemplar", "ExemplarEvidence", "ExemplarFollowUp", "Initiative", "InitiativeAuthor",
           "InitiativeToken", "InitiativeUse", "InspectionPlan", "InspectionVisit",
           "RemediationTask"]
