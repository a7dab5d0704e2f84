"""The award proposal a movement's review produces (issue 20 point 1). The emulation app sits
below proposals, so it does not draft the proposal itself:
`emulation.movements.domain.results.draft_award_proposal` checks the review and calls this
function, which `ProposalsConfig.ready` installs there at start-up."""

from django.utils.translation import gettext as _

from awards.enums import GrantingLevel
from emulation.movements.enums import MovementKind
from proposals.domain.checks import parameter_in_force
from proposals.domain.nominees import add_nominee
from proposals.domain.proposals import create_proposal
from proposals.enums import Track


def _track(movement) -> str:
    return Track.THEMATIC if movement.kind == MovementKind.THEMATIC else Track.ANNUAL


def draft_from_review(actor, review, titles, *, recipient_unit, title: str = ""):
    """A draft of the movement's organiser, addressed to `recipient_unit`, on the movement's
    track (thematic movement → thematic track, else annual / by movement), linked to the
    movement, with one nominee per achieved title in `titles` (Law 06/2022/QH15 Art. 10.2),
    at the granting level of the first title's form. Side effects: the proposal and nominees
    (audited by proposals.domain.proposals and
    proposals.domain.nominees). Runs in the caller's transaction."""
    movement = review.movement
    level = parameter_in_force(titles[0].entry.award_type, "granting_level", review.date)
    proposal = create_proposal(
        actor, unit=movement.organiser, recipient_unit=recipient_unit,
        authority_level=level.value if level is not None else GrantingLevel.UNIT,
        track=_track(movement), year=review.date.year, movement=movement,
        title=(title.strip() or _("Awards of the movement “%(name)s” (%(review)s)") % {
            "name": movement.name, "review": review.get_kind_display()})[:300],
        summary=_("Drafted from the %(review)s of %(date)s.") % {
            "review": review.get_kind_display(), "date": f"{review.date:%d/%m/%Y}"})
    for item in titles:
        entry = item.entry
        add_nominee(actor, proposal, award_type=entry.award_type, person=entry.person,
                    collective=entry.collective,
                    summary=_("Achieved the registered title in %(movement)s: %(figures)s") % {
                        "movement": movement.code, "figures": item.result.figures})
    return proposal
