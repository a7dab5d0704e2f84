"""The one-use rule: an initiative backs at most one award claim.

CV 5007/BNV-TĐKT (05/9/2023): one initiative serves as a criterion once only, never for both an
emulation title and a form of commendation, and never for several forms. Reusing it for a later
emulation title is not expressly banned; the province's default (legal-reference §6) is to block
it unless the council records a note allowing it (`override_note`).

The proposals workflow calls `claim_initiative` when a nominee relies on an initiative,
`confirm_use` when the decision is issued and `release_use` when the nominee is dropped or
rejected or the award revoked. Claims of one initiative are serialised by locking its row
(select_for_update); the partial unique constraints on InitiativeUse back this up on databases
without row locks (SQLite) and against any writer that skips this module.
"""

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from audit.domain.record import record
from awards.enums import Category
from awards.models import AwardType
from core import state
from emulation.initiatives.enums import ACTIVE_USE_STATES, InitiativeState, InitiativeUseState
from emulation.initiatives.models import Initiative, InitiativeUse

CV_5007 = "CV 5007/BNV-TĐKT, 05/9/2023"
# The audit code written on reaching each state (a literal, read by the audit-code scan).
USE_ACTIONS = {InitiativeUseState.CONFIRMED: "emulation.initiative.confirm_use",
               InitiativeUseState.RELEASED: "emulation.initiative.release_use"}


def _record_use(actor, action, use, *, changes, reason, **context) -> None:
    """The use's audit entry as it has always been written: on the initiative (its history is
    where the uses are read), the use named with its state before and after."""
    old, new = changes["state"]
    record(actor, USE_ACTIONS[new], use.initiative, unit=use.initiative.unit, reason=reason,
           changes={"use": [f"{use.claim_label} ({old})", f"{use.claim_label} ({new})"]})


# Steps taken by the proposals workflow (the system), never offered on a page: no permission.
USE = state.Machine(
    name="emulation.initiative_use", model=InitiativeUse, states=InitiativeUseState,
    audit=_record_use, related=("initiative__unit",),
    transitions=(
        state.step("confirm", InitiativeUseState.RESERVED, InitiativeUseState.CONFIRMED,
                   InitiativeUseState.CONFIRMED.label,
                   action=USE_ACTIONS[InitiativeUseState.CONFIRMED]),
        state.step("release", ACTIVE_USE_STATES, InitiativeUseState.RELEASED,
                   InitiativeUseState.RELEASED.label, needs_reason=True,
                   action=USE_ACTIONS[InitiativeUseState.RELEASED]),
    ))


class InitiativeNotRecognised(ValueError):
    """Only an initiative recognised by a competent level counts (Law 06/2022/QH15 Art. 3.4)."""


class InitiativeAlreadyUsed(ValueError):
    """The initiative already backs another claim; the message names it."""

    def __init__(self, message: str, earlier: InitiativeUse):
        super().__init__(message)
        self.earlier = earlier


def _active(initiative: Initiative):
    return (initiative.uses.filter(state__in=ACTIVE_USE_STATES)
            .select_related("award_type").order_by("created_at", "id"))


def _refusal(initiative: Initiative, earlier: InitiativeUse, category: str,
             override_note: str) -> str | None:
    """Why `earlier` prevents a new claim of `category`, or None when the council's note allows
    a later emulation title after an earlier one."""
    used = _('Initiative “%(title)s” is already used for: %(label)s (%(state)s).') % {
        "title": initiative.title, "label": earlier.claim_label,
        "state": earlier.get_state_display()}
    if earlier.category != category:
        return used + " " + _("An initiative used for an emulation title cannot back a form of "
                              "commendation, or the reverse (%(citation)s).") % {
            "citation": CV_5007}
    if category == Category.FORM:
        return used + " " + _("One initiative cannot back several forms of commendation "
                              "(%(citation)s).") % {"citation": CV_5007}
    if not override_note.strip():
        return used + " " + _("Reusing it for a later emulation title needs a note of the "
                              "council allowing it.")
    return None


@transaction.atomic
def claim_initiative(initiative: Initiative, *, award_code: str, claim_ref: str,
                     claim_label: str, actor, override_note: str = "") -> InitiativeUse:
    """Reserve `initiative` for the claim `claim_ref` (e.g. "nominee:<uuid>") for the award
    `award_code`; `claim_label` is the human text shown in refusals and histories.

    Idempotent: claiming again with the same claim_ref returns the existing active use.
    Raises InitiativeNotRecognised unless the initiative is recognised, and
    InitiativeAlreadyUsed (naming the earlier use) when an active use exists — always across
    categories (title ↔ form) and for forms, and for titles unless `override_note` is given.
    Side effects: an InitiativeUse row (state reserved); audit entry `emulation.initiative.claim`.
    """
    initiative = Initiative.objects.select_for_update().get(pk=initiative.pk)
    active = list(_active(initiative))
    for use in active:
        if use.claim_ref == claim_ref:
            return use
    if initiative.state != InitiativeState.RECOGNISED:
        raise InitiativeNotRecognised(_(
            "Initiative “%(title)s” is %(state)s, not recognised; only a recognised initiative "
            "can back an award (Law 06/2022/QH15 Art. 3.4).") % {
            "title": initiative.title, "state": initiative.get_state_display().lower()})
    award_type = AwardType.objects.get(code=award_code)
    for earlier in active:
        message = _refusal(initiative, earlier, award_type.category, override_note)
        if message:
            raise InitiativeAlreadyUsed(message, earlier)
    use = InitiativeUse(initiative=initiative, award_type=award_type,
                        category=award_type.category, claim_ref=claim_ref,
                        claim_label=claim_label[:255],
                        override_note=override_note.strip() if active else "",
                        actor=actor if getattr(actor, "is_authenticated", False) else None)
    try:
        with transaction.atomic():
            use.save()
    except IntegrityError:
        # Another claim got in between (only possible without row locks, i.e. on SQLite).
        earlier = _active(initiative).first()
        if earlier is None:
            raise
        raise InitiativeAlreadyUsed(_(
            'Initiative “%(title)s” is already used for: %(label)s (%(state)s).') % {
            "title": initiative.title, "label": earlier.claim_label,
            "state": earlier.get_state_display()}, earlier)
    record(actor, "emulation.initiative.claim", initiative, unit=initiative.unit,
           changes={"use": [None, f"{award_type.code}: {use.claim_label}"]},
           reason=use.override_note)
    return use


def _move_uses(claim_ref: str, step: str, *, actor, reason: str = "") -> int:
    """Apply `step` to every use of `claim_ref` it starts from, row by row (each is locked and
    audited); the others are left as they are."""
    uses = InitiativeUse.objects.filter(claim_ref=claim_ref).select_related("initiative__unit")
    moved = state.transition(uses, USE, step, actor, reason=reason,
                             fields={"reason": reason} if reason else {})
    return len(moved)


@transaction.atomic
def confirm_use(claim_ref: str, *, actor) -> int:
    """reserved → confirmed for every use of `claim_ref` (the decision was issued). Returns how
    many changed. Side effect: audit entry `emulation.initiative.confirm_use` per use."""
    return _move_uses(claim_ref, "confirm", actor=actor)


@transaction.atomic
def release_use(claim_ref: str, *, actor, reason: str) -> int:
    """reserved | confirmed → released for every active use of `claim_ref` (nominee dropped or
    rejected, award revoked): the initiative may back another claim. Returns how many changed.
    Side effect: audit entry `emulation.initiative.release_use` per use, with the reason."""
    if not reason.strip():
        raise ValueError(_("Give a reason."))
    return _move_uses(claim_ref, "release", actor=actor, reason=reason.strip())
