"""Permission-aware querysets of decisions."""

from accounts.domain.scope import restrict_to_scope, restricted, scope_shape
from accounts.enums import Role
from decisions.enums import EXPORTERS, READERS, REGISTRARS, SIGNERS, DecisionState
from decisions.models import Certificate, Decision, DecisionItem, ExchangeEvent, NumberSeries


def decisions_for_user(user):
    """Decisions issued within the user's scope (drafts included), and issued decisions that
    award someone of a unit in the user's scope (the proposing unit reads its decision)."""
    return decisions_in_scope(decision_scope(user))


def decision_scope(user) -> tuple:
    """What decides which decisions the user reads: their scope shapes (accounts.domain.scope.
    scope_shape) over the decisions' issuers and over the awardees' units."""
    return (scope_shape(user, Decision, "issuer", READERS),
            scope_shape(user, DecisionItem, roles=READERS))


def decisions_in_scope(scope: tuple, related: tuple = ("issuer", "award_type")):
    """`decisions_for_user` for a user of `decision_scope` `scope`: the same queryset for every
    user of those shapes, so its statement may be kept by them."""
    issuers, awardees = scope
    decisions = Decision.objects.select_related(*related)
    by_issuer = restricted(decisions, issuers, "issuer")
    awarding = restricted(DecisionItem.objects.all(), awardees)
    return by_issuer | decisions.filter(state=DecisionState.ISSUED,
                                        pk__in=awarding.values("decision_id"))


def items_with_certificates_for_user(user, decision):
    """The decision's items whose certificates the user may download: all of them for the
    issuing side, otherwise the awardees of the user's units."""
    items = decision.items.all()
    if user.has_perm("decisions.view_all_certificates", decision):
        return items
    return restrict_to_scope(items, user, roles=READERS)


def certificate_by_code(code: str) -> Certificate | None:
    """Public verification: the certificate, its item and decision (no personal data).
    What is not always there — the ledger record behind the item (read by `revoked_record`),
    the item it corrects, the replacing certificate — loads on access: joined in as well, they
    made an eleven-table query whose planning alone cost PostgreSQL ~15 ms of CPU a request
    at province scale, more than the rest of the page (issue 14.2)."""
    return (Certificate.objects.select_related("item__award_type", "item__decision__issuer",
                                               "credential", "item__unit")
            .filter(code=code.strip().upper()).first())


def revoked_record(item):
    """The revoked ledger record behind a decision item — its own, or, for an amending
    decision's item, the one it corrects — whose revoking decision the public may read."""
    for entry in (item.award_record,
                  item.corrects.award_record if item.corrects_id else None):
        if entry is not None and entry.revoked:
            return entry
    return None


def registers_for_user(user):
    """The document registers (issuer × symbol × year) of issuers in the user's scope for the
    register's readers (document desk, signers, board staff)."""
    registers = NumberSeries.objects.select_related("issuer").order_by("-year", "issuer__path",
                                                                       "symbol")
    return restrict_to_scope(registers, user, field="issuer",
                             roles=(*REGISTRARS, Role.BOARD_STAFF))


def register_entries(register: NumberSeries):
    """The decisions holding the register's numbers, in number order."""
    return (Decision.objects.filter(issuer_id=register.issuer_id, symbol=register.symbol,
                                    year=register.year, number__isnull=False)
            .order_by("number"))


def registered_numbers(registers) -> dict[int, list[int]]:
    """{register pk: the numbers its decisions hold}, for a page of registers in one query."""
    key = {(r.issuer_id, r.symbol, r.year): r.pk for r in registers}
    numbers = {pk: [] for pk in key.values()}
    rows = (Decision.objects.filter(number__isnull=False,
                                    issuer_id__in={r.issuer_id for r in registers})
            .values_list("issuer_id", "symbol", "year", "number"))
    for issuer_id, symbol, year, number in rows:
        if (issuer_id, symbol, year) in key:
            numbers[key[issuer_id, symbol, year]].append(number)
    return numbers


def events_for_user(user):
    """Exchange events of decisions the user's side issued (the exporters: board staff,
    approvers, administrators over the issuer — those who may send the exchange bundle)."""
    return restrict_to_scope(ExchangeEvent.objects.all(), user, field="decision__issuer",
                             roles=EXPORTERS)


def awaiting_signature(user):
    """Draft decisions the user may sign and issue (`decisions.issue_decision`: the approver of
    the issuing unit's scope)."""
    return restrict_to_scope(Decision.objects.filter(state=DecisionState.DRAFT), user,
                             field="issuer", roles=SIGNERS)


def awaiting_signed_copy(user):
    """Issued decisions of the document desk's issuers whose signed copy is not yet uploaded:
    the desk files the signed original (Decree 30/2020 Art. 15) — its to-do on the home page."""
    unsigned = Decision.objects.filter(state=DecisionState.ISSUED).exclude(
        pdf__signed_sha256__gt="")
    return restrict_to_scope(unsigned, user, field="issuer", roles=(Role.DOCUMENT_DESK,))
