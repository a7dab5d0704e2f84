import rules

from accounts.predicates import is_system_admin

rules.add_perm("accounts.manage_users", is_system_admin)
