"""Permissions of the awards app."""

import rules

from accounts.domain import scope
from accounts.enums import RECORD_KEEPING_ROLES, Role
from accounts.predicates import has_any_role, in_scope_of, is_system_admin
from awards.domain.authority import AMENDING_ROLES, may_amend

rules.add_perm("awards.view_catalogue", has_any_role)
rules.add_perm("awards.manage_catalogue", is_system_admin)
rules.add_perm("awards.view_ledger", in_scope_of(*Role, name="ledger_reader"))
rules.add_perm("awards.change_ledger", in_scope_of(*RECORD_KEEPING_ROLES, name="ledger_keeper"))


@rules.predicate
def grants_record(user, obj=None) -> bool:
    """Staff of the authority that granted the record, or of its successor
    (awards.domain.authority: Law 06/2022/QH15 Art. 93)."""
    if obj is None:
        return scope.is_system_admin(user) or scope.has_role(user, *AMENDING_ROLES)
    return may_amend(user, obj)


rules.add_perm("awards.amend_record", grants_record)
