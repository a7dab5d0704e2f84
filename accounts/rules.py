import rules

from accounts.enums import Role
from accounts.predicates import has_role_of, is_system_admin

rules.add_perm("accounts.manage_users", is_system_admin)

# The ground floor's permission (core imports no app, so its roles are given here): the holiday
# calendar is read by every signed-in user and kept by the system administrator and the board.
rules.add_perm("core.view_holidays", rules.is_authenticated)
rules.add_perm("core.manage_holidays", has_role_of(Role.SYSTEM_ADMIN, Role.BOARD_STAFF))
