"""Permissions of the organisations app (rules predicates: role × unit scope)."""

import rules

from accounts.enums import RECORD_KEEPING_ROLES, Role
from accounts.predicates import has_any_role, in_scope_of, is_system_admin
from organisations.domain.personal_data import may_see_personal_data

anyone_in_scope = in_scope_of(*Role, name="any_role_in_scope")
record_keeper_in_scope = in_scope_of(*RECORD_KEEPING_ROLES, name="record_keeper_in_scope")
board_in_scope = in_scope_of(Role.SYSTEM_ADMIN, Role.BOARD_STAFF, name="board_in_scope")

rules.add_perm("organisations.view_unit", anyone_in_scope)
rules.add_perm("organisations.manage_tree", is_system_admin)
rules.add_perm("organisations.view_person", anyone_in_scope)
rules.add_perm("organisations.change_person", record_keeper_in_scope)
# organisations.domain.personal_data: who sees CCCD, birth date and contact (one rule).
rules.add_perm("organisations.view_personal_data", rules.predicate(
    may_see_personal_data, name="may_see_personal_data"))
rules.add_perm("organisations.view_subject", anyone_in_scope)
rules.add_perm("organisations.change_subject", record_keeper_in_scope)
rules.add_perm("organisations.view_cluster", has_any_role)
rules.add_perm("organisations.manage_cluster", board_in_scope)
rules.add_perm("organisations.view_staff", record_keeper_in_scope)
rules.add_perm("organisations.change_staff", record_keeper_in_scope)
rules.add_perm("organisations.import_units", is_system_admin)
rules.add_perm("organisations.import_people", record_keeper_in_scope)
