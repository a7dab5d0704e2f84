"""Initiatives and research topics: registration, corrections, recognition, revocation.

One function per state change (draft → recognised → revoked, draft → revoked), each a step of
the table `INITIATIVE` applied by `core.state` (the row locked, the audit entry written).
Recognition follows Law 06/2022/QH15 Art. 3.4 (recognised by a competent level) and Decree
13/2012/NĐ-CP (Điều lệ sáng kiến): the decision, who issued it, the council that assessed it
and the scope of effect.
"""

import datetime
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from audit.domain.record import record
from core import state
from core.trail import diff, plain, snapshot
from emulation.initiatives.domain import similarity
from emulation.initiatives.enums import (
    CODE_PREFIX,
    EDITABLE_STATES,
    InitiativeKind,
    InitiativeScope,
    InitiativeState,
)
from emulation.initiatives.models import Initiative, InitiativeAuthor

TEXT_FIELDS = ["kind", "title", "summary", "unit", "field", "year", "applied_from"]
RECOGNITION_FIELDS = ["recognition_decision_number", "recognition_date", "recognised_by",
                      "council", "scope"]
HUNDRED = Decimal(100)


def check_authors(authors) -> list[tuple[object, Decimal]]:
    """Authors as (person, share %) pairs: at least one, each once, shares in (0, 100] adding up
    to exactly 100. Raises a ValidationError on `authors` naming the row at fault."""
    if not authors:
        raise ValidationError({"authors": _("Name at least one author.")})
    checked, seen = [], set()
    for row, (person, share) in enumerate(authors, start=1):
        try:
            share = Decimal(str(share))
        except InvalidOperation:
            share = Decimal(-1)
        if not Decimal(0) < share <= HUNDRED:
            raise ValidationError({"authors": _(
                "Row %(row)s (%(name)s): the share must be more than 0 and at most 100%%.") % {
                "row": row, "name": person.full_name}})
        if person.pk in seen:
            raise ValidationError({"authors": _("Row %(row)s: %(name)s is listed twice.") % {
                "row": row, "name": person.full_name}})
        seen.add(person.pk)
        checked.append((person, share))
    total = sum(share for _p, share in checked)
    if total != HUNDRED:
        raise ValidationError({"authors": _(
            "The authors' shares add up to %(total)s%%; they must add up to 100%%.") % {
            "total": f"{total.normalize():f}"}})
    return checked


def _authors_label(initiative: Initiative) -> list[str]:
    return [f"{a.person.full_name} {a.share.normalize():f}%"
            for a in initiative.authors.select_related("person").order_by("-share", "id")]


def _set_authors(initiative: Initiative, authors) -> None:
    # The author list is part of the initiative's record: a correction replaces it, and the
    # audit entry keeps the old list.
    initiative.authors.all().delete()
    InitiativeAuthor.objects.bulk_create(
        InitiativeAuthor(initiative=initiative, person=p, share=s) for p, s in authors)


def next_code(kind: str, year: int) -> str:
    prefix = f"{CODE_PREFIX[InitiativeKind(kind)]}-{year}-"
    last = (Initiative.objects.filter(code__startswith=prefix).order_by("-code")
            .values_list("code", flat=True).first())
    return f"{prefix}{int(last.rsplit('-', 1)[1]) + 1 if last else 1:05d}"


def _insert_with_code(initiative: Initiative) -> None:
    """Save a new initiative under the next free code; two registrations racing for the same
    number meet the unique constraint, and the loser takes the following one."""
    for _attempt in range(5):
        initiative.code = next_code(initiative.kind, initiative.year)
        try:
            with transaction.atomic():
                initiative.save()
            return
        except IntegrityError:
            if not Initiative.objects.filter(code=initiative.code).exists():
                raise
    raise ValidationError(_("Could not number the initiative; try again."))


def _check_text(initiative: Initiative) -> None:
    if initiative.year and initiative.year > timezone.localdate().year + 1:
        raise ValidationError({"year": _("The year %(year)s is in the future.") % {
            "year": initiative.year}})
    initiative.full_clean(exclude=["code", "signature"])


@transaction.atomic
def register_initiative(*, actor, authors, **fields) -> Initiative:
    """Register an initiative or research topic (state `draft`) with its authors and shares.

    Side effects: Initiative (code SK-/DT-<year>-<n>), InitiativeAuthor and InitiativeToken
    rows; audit entry `emulation.initiative.register`.
    """
    checked = check_authors(authors)
    initiative = Initiative(**{k: v for k, v in fields.items() if k in TEXT_FIELDS})
    unknown = set(fields) - set(TEXT_FIELDS)
    if unknown:
        raise ValidationError(_("Field %(name)s cannot be set here.") % {
            "name": ", ".join(sorted(unknown))})
    initiative.code = "-"  # numbered on insert
    _check_text(initiative)
    _insert_with_code(initiative)
    _set_authors(initiative, checked)
    similarity.reindex(initiative)
    record(actor, "emulation.initiative.register", initiative, unit=initiative.unit,
           changes={k: [None, v] for k, v in snapshot(initiative, TEXT_FIELDS).items()}
           | {"authors": [None, _authors_label(initiative)]})
    return initiative


INITIATIVE = state.Machine(
    name="emulation.initiative", model=Initiative, states=InitiativeState, audit=record,
    audit_context=lambda initiative: {"unit": initiative.unit}, related=("unit",),
    # The messages read "SK-2026-00001 is recognised": the state's label in lower case.
    describe=lambda initiative: {"code": initiative.code,
                                 "state": initiative.get_state_display().lower()},
    transitions=(
        state.step("recognise", InitiativeState.DRAFT, InitiativeState.RECOGNISED,
                   gettext_lazy("Record recognition"),
                   permission="emulation.recognise_initiative",
                   refusal=gettext_lazy("%(code)s is %(state)s; only a registered initiative "
                                        "can be recognised.")),
        state.step("revoke", EDITABLE_STATES, InitiativeState.REVOKED, gettext_lazy("Revoke"),
                   permission="emulation.revoke_initiative", needs_reason=True,
                   irreversible=True,
                   refusal=gettext_lazy("%(code)s is already %(state)s.")),
    ))


@transaction.atomic
def update_initiative(initiative: Initiative, *, actor, authors=None, **fields) -> Initiative:
    """Correct the text, unit, year or authors of a registered or recognised initiative (not a
    revoked one). Side effects: signature and tokens refreshed when the text changes; audit
    entry `emulation.initiative.update` with old → new values."""
    initiative = state.lock(INITIATIVE, initiative)
    if initiative.state not in EDITABLE_STATES:  # an edit, not a step of the machine
        raise ValidationError(_("%(code)s is %(state)s; it can no longer be corrected.") % {
            "code": initiative.code, "state": initiative.get_state_display().lower()})
    unknown = set(fields) - set(TEXT_FIELDS)
    if unknown:
        raise ValidationError(_("Field %(name)s cannot be edited here.") % {
            "name": ", ".join(sorted(unknown))})
    before = snapshot(initiative, TEXT_FIELDS) | {"authors": _authors_label(initiative)}
    for name, value in fields.items():
        setattr(initiative, name, value)
    _check_text(initiative)
    initiative.save()
    if authors is not None:
        _set_authors(initiative, check_authors(authors))
    after = snapshot(initiative, TEXT_FIELDS) | {"authors": _authors_label(initiative)}
    if before["title"] != after["title"] or before["summary"] != after["summary"]:
        similarity.reindex(initiative)
    changes = diff(before, after)
    if changes:
        record(actor, "emulation.initiative.update", initiative, unit=initiative.unit,
               changes=changes)
    return initiative


@transaction.atomic
def recognise_initiative(initiative: Initiative, *, actor, decision_number: str,
                         decision_date: datetime.date, recognised_by: str, council: str,
                         scope: str) -> Initiative:
    """draft → recognised: record the recognition decision, its issuer, the council that
    assessed the initiative and its scope of effect (Law 06/2022/QH15 Art. 3.4: an initiative
    counts once recognised by a competent level). Side effect: audit entry
    `emulation.initiative.recognise`. Only recognised initiatives can back an award."""
    initiative = state.lock(INITIATIVE, initiative)
    # The state is refused before the form's fields are judged, as it always was.
    state.check(INITIATIVE, initiative, "recognise")
    errors = {}
    if not decision_number.strip():
        errors["decision_number"] = _("Give the number of the recognition decision.")
    if not recognised_by.strip():
        errors["recognised_by"] = _("Say who recognised the initiative.")
    if scope not in InitiativeScope.values:
        errors["scope"] = _("Choose the scope of effect.")
    if decision_date > timezone.localdate():
        errors["decision_date"] = _("The decision date is in the future.")
    elif decision_date.year < initiative.year:
        errors["decision_date"] = _("The decision date is before the initiative's year "
                                    "(%(year)s).") % {"year": initiative.year}
    if errors:
        raise ValidationError(errors)
    before = snapshot(initiative, RECOGNITION_FIELDS)
    recognition = {"recognition_decision_number": decision_number.strip(),
                   "recognition_date": decision_date, "recognised_by": recognised_by.strip(),
                   "council": council.strip(), "scope": scope}
    return state.transition(initiative, INITIATIVE, "recognise", actor, locked=True,
                            fields=recognition,
                            changes=diff(before, {k: plain(v) for k, v in recognition.items()}))


@transaction.atomic
def revoke_initiative(initiative: Initiative, *, actor, reason: str) -> Initiative:
    """draft | recognised → revoked (found copied, not applied, or recognised in error). The row
    stays, with the reason. Its uses are not released here: the award they back is handled by
    its own revocation, which calls `release_use`. Side effect: audit entry
    `emulation.initiative.revoke`."""
    if not reason.strip():
        raise ValidationError({"reason": _("Give a reason.")})
    return state.transition(initiative, INITIATIVE, "revoke", actor, reason=reason,
                            fields={"revoked_reason": reason.strip()})
