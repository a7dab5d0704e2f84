"""Who may revoke or correct a ledger record: the staff of the authority that granted it, or
of its successor after a reorganisation (Law 06/2022/QH15 Art. 93: the authority that awarded
cancels the award; a merged or renamed body inherits its predecessor's powers).

"Staff of the authority" is the decisions app's notion (decisions.rules): the roles that draft
and sign that authority's decisions — board staff, approvers and system administrators — on a
unit whose scope covers the granting unit. Scope follows reorganisations on its own: the
closure table lets a successor cover its predecessors (organisations.domain.tree), so the
staff of the merged department cover the awards the old department granted. A unit officer
keeps the people's records but does not act for the authority: the refusal names who may.
"""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from accounts.domain import scope
from accounts.enums import Role
from organisations.models import ReorganisationLink, Unit

AMENDING_ROLES = (Role.SYSTEM_ADMIN, Role.BOARD_STAFF, Role.APPROVER)
MAX_CHAIN = 50  # reorganisations of one body in a lifetime; stops a cycle in bad data


class NotGrantingAuthority(PermissionDenied):
    """The user is not staff of the record's granting authority (or of its successor)."""


def current_authorities(unit: Unit | None) -> list[Unit]:
    """`unit` itself while it exists; else its successors, following each merger, split or
    renaming to the units existing today (a dissolution without successor ends the chain)."""
    if unit is None:
        return []
    frontier, found, seen = [Unit.objects.get(pk=unit.pk)], [], set()  # fresh: valid_to
    for _step in range(MAX_CHAIN):
        if not frontier:
            break
        unit = frontier.pop()
        if unit.pk in seen:
            continue
        seen.add(unit.pk)
        later = [link.successor for link in ReorganisationLink.objects.filter(
            predecessor=unit, successor__isnull=False).exclude(successor=unit)
            .select_related("successor")]
        if unit.valid_to is None or not later:
            found.append(unit)
        frontier.extend(later)
    return sorted(found, key=lambda u: u.path)


def may_amend(user, record) -> bool:
    """May `user` revoke or correct `record`? Without a known granting authority (old
    imported history) only a system administrator may, after checking the paper decision."""
    return scope.unit_in_scope(user, record.issuer_unit_id, AMENDING_ROLES)


def refusal(record) -> str:
    """The Vietnamese refusal, naming the authority that may act (never anything else)."""
    names = ", ".join(u.name for u in current_authorities(record.issuer_unit))
    if not names:
        return _("The authority that granted this award is not recorded: only a system "
                 "administrator may revoke or correct it.")
    return _("Only the staff of the authority that granted this award (%(authority)s), or of "
             "its successor, may revoke or correct it, with the revoking or correcting "
             "decision.") % {"authority": names}


def ensure_may_amend(actor, record) -> None:
    """Refuse unless `actor` may amend `record`. `None` is the system itself (seeding,
    management commands), which acts for whoever ran it."""
    if actor is not None and not may_amend(actor, record):
        raise NotGrantingAuthority(refusal(record))
