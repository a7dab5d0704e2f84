"""Permissions of the awards app."""

import rules

from accounts.enums import RECORD_KEEPING_ROLES, Role
from accounts.predicates import has_any_role, in_scope_of, is_system_admin

rules.add_perm("awards.view_catalogue", has_any_role)
rules.add_perm("awards.manage_catalogue", is_system_admin)
rules.add_perm("awards.view_ledger", in_scope_of(*Role, name="ledger_reader"))
rules.add_perm("awards.change_ledger", in_scope_of(*RECORD_KEEPING_ROLES, name="ledger_keeper"))
