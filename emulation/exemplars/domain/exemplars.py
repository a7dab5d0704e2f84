"""Exemplary models: found (draft) → recognised → published (on the public portal); any of them
→ withdrawn with a reason. One function per state change, each a step of the table `EXEMPLAR`
applied by `core.state` (the row locked, the audit entry written). Discovering and spreading
advanced examples is a duty of emulation work (Law 06/2022/QH15 Art. 6); the public only ever
sees published ones (portal.domain.queries.exemplars)."""


from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from audit.domain.record import record
from core import state
from core.trail import snapshot
from core.uploads import store_private
from emulation.exemplars.domain.replications import close_open_replications
from emulation.exemplars.models import (
    Exemplar,
    ExemplarEvidence,
    ExemplarFollowUp,
    ExemplarVersion,
)
from emulation.exemplars.models.exemplars import ExemplarState

FIELDS = ["kind", "unit", "person", "collective", "title", "story", "field", "discovered_year",
          "movement", "source_movement"]


def _check(exemplar: Exemplar) -> None:
    if exemplar.person and exemplar.collective:
        raise ValidationError({"collective": _("Choose a person or a collective, not both.")})
    if exemplar.discovered_year and exemplar.discovered_year > timezone.localdate().year:
        raise ValidationError({"discovered_year": _("The year %(year)s is in the future.") % {
            "year": exemplar.discovered_year}})
    exemplar.full_clean()


@transaction.atomic
def create_exemplar(*, actor, **fields) -> Exemplar:
    """Record a newly found example (state draft). Side effect: audit
    `emulation.exemplar.create`."""
    unknown = set(fields) - set(FIELDS)
    if unknown:
        raise ValidationError(_("Field %(name)s cannot be set here.") % {
            "name": ", ".join(sorted(unknown))})
    exemplar = Exemplar(**fields)
    _check(exemplar)
    exemplar.save()
    record(actor, "emulation.exemplar.create", exemplar, unit=exemplar.unit,
           changes={k: [None, v] for k, v in snapshot(exemplar, FIELDS).items()})
    return exemplar


EXEMPLAR = state.Machine(
    name="emulation.exemplar", model=Exemplar, states=ExemplarState, audit=record,
    audit_context=lambda exemplar: {"unit": exemplar.unit},
    related=("unit", "person", "collective"),
    # "“…” is published; this step does not apply": the state's label in lower case.
    describe=lambda exemplar: {"title": exemplar.title,
                               "state": exemplar.get_state_display().lower()},
    refusal=gettext_lazy("“%(title)s” is %(state)s; this step does not apply."),
    transitions=(
        state.step("recognise", ExemplarState.DRAFT, ExemplarState.RECOGNISED,
                   gettext_lazy("Recognise"), permission="emulation.recognise_exemplar"),
        state.step("publish", ExemplarState.RECOGNISED, ExemplarState.PUBLISHED,
                   gettext_lazy("Publish"), permission="emulation.publish_exemplar"),
        state.step("withdraw", (ExemplarState.DRAFT, ExemplarState.RECOGNISED,
                                ExemplarState.PUBLISHED), ExemplarState.WITHDRAWN,
                   gettext_lazy("Withdraw"), permission="emulation.withdraw_exemplar",
                   needs_reason=True, irreversible=True),
    ))


def recognise_exemplar(exemplar: Exemplar, *, actor) -> Exemplar:
    """draft → recognised. Side effect: audit `emulation.exemplar.recognise`."""
    with transaction.atomic():
        return state.transition(exemplar, EXEMPLAR, "recognise", actor)


def publish_exemplar(exemplar: Exemplar, *, actor) -> Exemplar:
    """recognised → published: from now on the public portal lists it (name, unit, title,
    story only). Side effects: published_at set; audit `emulation.exemplar.publish`."""
    with transaction.atomic():
        return state.transition(exemplar, EXEMPLAR, "publish", actor,
                                fields={"published_at": timezone.now()})


def withdraw_exemplar(exemplar: Exemplar, *, actor, reason: str) -> Exemplar:
    """draft | recognised | published → withdrawn (no longer an example; off the portal). The
    row stays, with the reason. Side effects: audit `emulation.exemplar.withdraw`; its open
    replications closed with the reason."""
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Give a reason.")})
    with transaction.atomic():
        moved = state.transition(exemplar, EXEMPLAR, "withdraw", actor, reason=reason.strip(),
                                 fields={"withdrawn_reason": reason.strip()})
        # A model no longer effective is no longer replicated (seed 002 §4).
        close_open_replications(moved, actor=actor, reason=reason.strip())
        return moved


@transaction.atomic
def add_follow_up(exemplar: Exemplar, *, actor, year: int, note: str,
                  still_exemplary: bool) -> ExemplarFollowUp:
    """The yearly follow-up (one per year). Side effect: audit `emulation.exemplar.follow_up`."""
    exemplar = state.lock(EXEMPLAR, exemplar)
    if exemplar.state == ExemplarState.WITHDRAWN:
        raise ValidationError(_("“%(title)s” was withdrawn; it is no longer followed up.") % {
            "title": exemplar.title})
    if year < exemplar.discovered_year or year > timezone.localdate().year:
        raise ValidationError({"year": _("The year must be between %(start)s and this year.") % {
            "start": exemplar.discovered_year}})
    try:
        with transaction.atomic():
            follow_up = ExemplarFollowUp.objects.create(
                exemplar=exemplar, year=year, note=note.strip(), still_exemplary=still_exemplary)
    except IntegrityError:
        raise ValidationError({"year": _("%(year)s already has a follow-up.") % {
            "year": year}}) from None
    record(actor, "emulation.exemplar.follow_up", exemplar, unit=exemplar.unit,
           changes={"follow_up": [None, f"{year}: {'+' if still_exemplary else '-'} {note}"]})
    return follow_up


@transaction.atomic
def attach_evidence(exemplar: Exemplar, *, actor, uploaded) -> ExemplarEvidence:
    """Store an evidence file privately (sniffed again by core.uploads). Side effect: audit
    `emulation.exemplar.evidence`."""
    evidence = ExemplarEvidence.objects.create(
        exemplar=exemplar, path=store_private(uploaded, "exemplars"),
        original_name=uploaded.name[:255], file_kind=uploaded.kind,
        uploaded_by=actor if getattr(actor, "is_authenticated", False) else None)
    record(actor, "emulation.exemplar.evidence", exemplar, unit=exemplar.unit,
           changes={"evidence": [None, evidence.original_name]})
    return evidence


# What a correction may change: the account of the example, not who or which unit it is (a
# different subject is a different exemplar).
CORRECTABLE = ["kind", "title", "story", "field", "discovered_year", "source_movement"]


@transaction.atomic
def correct_exemplar(exemplar: Exemplar, *, actor, reason: str, supersede=(), uploaded=None,
                     **values) -> Exemplar:
    """Correct the story, details or evidence of an exemplar that is not withdrawn, with a
    reason. The values before the correction (and the evidence files then current) become an
    ExemplarVersion; superseded evidence files stay stored and listed, no longer current. A
    published exemplar shows the corrected values on the portal at once.

    Side effects: ExemplarVersion row; the exemplar's fields; `superseded_at` of the chosen
    evidence; a new ExemplarEvidence when a file is uploaded; audit `emulation.exemplar.correct`
    with the old and new values and the reason.
    """
    exemplar = state.lock(EXEMPLAR, exemplar)
    if exemplar.state == ExemplarState.WITHDRAWN:
        raise ValidationError(_("“%(title)s” was withdrawn; it can no longer be corrected.") % {
            "title": exemplar.title})
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Give the reason for the correction.")})
    unknown = set(values) - set(CORRECTABLE)
    if unknown:
        raise ValidationError(_("Field %(name)s cannot be set here.") % {
            "name": ", ".join(sorted(unknown))})
    before = snapshot(exemplar, CORRECTABLE)
    current = list(exemplar.evidence.filter(superseded_at__isnull=True))
    dropped = [e for e in current if e.public_id in {s.public_id for s in supersede}]
    changes = {k: [before[k], v] for k, v in values.items() if before[k] != v}
    if not (changes or dropped or uploaded):
        raise ValidationError(_("Nothing was changed."))
    for name, value in values.items():
        setattr(exemplar, name, value)
    _check(exemplar)
    number = exemplar.versions.count() + 1
    ExemplarVersion.objects.create(
        exemplar=exemplar, number=number, values=before, reason=reason.strip(),
        evidence=[e.original_name for e in current],
        actor=actor if getattr(actor, "is_authenticated", False) else None)
    exemplar.save(update_fields=[*CORRECTABLE, "updated_at"])
    ExemplarEvidence.objects.filter(pk__in=[e.pk for e in dropped]).update(
        superseded_at=timezone.now())
    if dropped:
        changes["evidence_superseded"] = [[e.original_name for e in dropped], None]
    if uploaded is not None:
        changes["evidence"] = [None, attach_evidence(exemplar, actor=actor,
                                                     uploaded=uploaded).original_name]
    record(actor, "emulation.exemplar.correct", exemplar, unit=exemplar.unit,
           changes=changes | {"version": number}, reason=reason.strip())
    return exemplar
