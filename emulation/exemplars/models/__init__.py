"""Models of exemplary models, their replication and inspections (all of the one `emulation`
app: emulation/models/__init__.py imports them for Django)."""

from .exemplars import Exemplar, ExemplarEvidence, ExemplarFollowUp, ExemplarVersion
from .inspections import (
    InspectionDocument,
    InspectionPlan,
    InspectionVisit,
    RemediationTask,
    TaskEvidence,
    TaskReport,
)
from .replications import Replication, ReplicationReport

__all__ = ["Exemplar", "ExemplarEvidence", "ExemplarFollowUp", "ExemplarVersion",
           "InspectionDocument", "InspectionPlan", "InspectionVisit", "RemediationTask",
           "Replication", "ReplicationReport", "TaskEvidence", "TaskReport"]
