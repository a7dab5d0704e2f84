import rules

from accounts.enums import AUDIT_READER_ROLES
from accounts.predicates import has_role_of

rules.add_perm("audit.view_log", has_role_of(*AUDIT_READER_ROLES))
