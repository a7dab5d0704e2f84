from .clusters import Cluster, ClusterMembership
from .person_words import PersonWords
from .staff import EmulationStaff, TrainingSession
from .subjects import Collective, Employment, Household, Person
from .units import ReorganisationEvent, ReorganisationLink, Unit, UnitClosure

__all__ = [
    "Cluster", "ClusterMembership", "Collective", "EmulationStaff", "Employment", "Household",
    "Person", "PersonWords", "ReorganisationEvent", "ReorganisationLink", "TrainingSession",
    "Unit", "UnitClosure",
]
