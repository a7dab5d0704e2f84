"""Permissions of the emulation app, loaded by rules' autodiscovery: each part of the app
(initiatives, movements with cluster scoring, exemplars with inspections) declares its own."""

from emulation.exemplars import rules as exemplar_rules
from emulation.initiatives import rules as initiative_rules
from emulation.movements import rules as movement_rules

__all__ = ["exemplar_rules", "initiative_rules", "movement_rules"]
