"""Permissions of the core app: the holiday calendar is read by every signed-in user and kept
by the system administrator and the emulation board."""

import rules

from accounts.enums import Role
from accounts.predicates import has_role_of

rules.add_perm("core.view_holidays", rules.is_authenticated)
rules.add_perm("core.manage_holidays", has_role_of(Role.SYSTEM_ADMIN, Role.BOARD_STAFF))
