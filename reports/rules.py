"""Permissions of the reports app: board staff and system administrators see any scope they
hold, unit emulation officers their own subtree; every other role is refused (403)."""

import rules

from accounts.enums import Role
from accounts.predicates import has_role_of

# Roles whose holders read statistics of their scope.
STATISTICS_ROLES = (Role.SYSTEM_ADMIN, Role.BOARD_STAFF, Role.UNIT_OFFICER)

rules.add_perm("reports.view_statistics", has_role_of(*STATISTICS_ROLES))
