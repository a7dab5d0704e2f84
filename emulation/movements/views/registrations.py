"""Emulation registrations: register a unit in a movement, correct, submit; the level above
approves or returns; a parent unit's roll-up of its subtree's registrations."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.domain.scope import restrict_to_scope
from core.interfaces.exports import requested_format
from core.interfaces.forms import posted
from core.interfaces.guards import get_in, require
from core.interfaces.views import form_page
from core.state import available_actions
from emulation.movements.domain import registrations as domain
from emulation.movements.domain.queries.movements import (
    member_units,
    movements_for_user,
    registrations_for_user,
    state_counts,
    subtree_registrations,
)
from emulation.movements.domain.registrations import REGISTRATION
from emulation.movements.enums import MOVEMENT_ROLES
from emulation.movements.interfaces.exports import registration_export
from emulation.movements.interfaces.movement_forms import ConfirmForm, ReasonForm, RegistrationForm
from emulation.movements.views.movements import FORM, get_movement
from organisations.models import Unit


def _get(request, public_id, perm="emulation.view_movement"):
    registration = get_in(registrations_for_user(request.user), public_id=public_id)
    require(request, perm, registration)
    return registration


def _detail_url(registration) -> str:
    return reverse("emulation:registration_detail", args=[registration.public_id])


@login_required
def registration_create(request, public_id):
    movement = get_movement(request, public_id, "emulation.register_in_movement")
    # A dissolved unit stays a member through the reorganisation links (its history is
    # reachable), but it cannot pledge anything any more: never offered.
    units = restrict_to_scope(member_units(movement).filter(valid_to__isnull=True)
                              .order_by("path"), request.user, field="id",
                              roles=MOVEMENT_ROLES)
    form = RegistrationForm(posted(request), units=units,
                            initial={"year": movement.start_date.year})
    return form_page(
        request, form,
        lambda data: domain.create_registration(
            movement, data["unit"], actor=request.user, year=data["year"],
            pledges=data["pledges"], entries=data["entries"]),
        title=_("Register for %(code)s “%(name)s”") % {"code": movement.code,
                                                      "name": movement.name},
        submit=_("Save"), done=_detail_url, success_message=_("Registration saved."),
        template=FORM)


@login_required
def registration_detail(request, public_id):
    registration = _get(request, public_id)
    user = request.user
    return render(request, "emulation/movements/registration_detail.html", {
        "registration": registration,
        "entries": registration.entries.select_related("person", "collective", "award_type"),
        "can_change": user.has_perm("emulation.change_registration", registration),
        # The state-changing buttons come from the machine's table (submit, approve, return).
        "actions": {t.name: t for t in available_actions(REGISTRATION, registration, user)}})


@login_required
def registration_edit(request, public_id):
    registration = _get(request, public_id, "emulation.change_registration")
    initial = {"pledges": registration.pledges, "entries": domain.entries_text(registration)}
    return form_page(
        request, RegistrationForm(posted(request), initial=initial, registration=registration),
        lambda data: domain.update_registration(registration, actor=request.user,
                                                pledges=data["pledges"],
                                                entries=data["entries"]),
        title=_("Correct the registration of %(unit)s") % {"unit": registration.unit.name},
        submit=_("Save"), done=_detail_url, success_message=_("Registration saved."),
        template=FORM)


def _confirm(request, public_id, perm, action, title, submit, message, form_class=ConfirmForm):
    registration = _get(request, public_id, perm)
    return form_page(request, form_class(posted(request)),
                     lambda data: action(registration, actor=request.user, **data),
                     title=title % {"unit": registration.unit.name,
                                    "code": registration.movement.code},
                     submit=submit, done=_detail_url, success_message=message, template=FORM)


@login_required
def registration_submit(request, public_id):
    return _confirm(request, public_id, "emulation.submit_registration",
                    domain.submit_registration,
                    _("Submit the registration of %(unit)s in %(code)s"), _("Submit"),
                    _("Registration submitted to the level above."))


@login_required
def registration_approve(request, public_id):
    return _confirm(request, public_id, "emulation.decide_registration",
                    domain.approve_registration,
                    _("Approve the registration of %(unit)s in %(code)s"), _("Approve"),
                    _("Registration approved."))


@login_required
def registration_return(request, public_id):
    return _confirm(request, public_id, "emulation.decide_registration",
                    domain.return_registration,
                    _("Return the registration of %(unit)s in %(code)s"), _("Return"),
                    _("Registration returned to the unit."), form_class=ReasonForm)


@login_required
def unit_registrations(request, code):
    """Roll-up: the registrations of the unit and every unit below it, with their counts;
    `?export=xlsx|csv` streams the same rows (the `movement` filter kept)."""
    require(request, "emulation.view_movement")
    unit = get_in(restrict_to_scope(Unit.objects.all(), request.user, field="id",
                                    roles=MOVEMENT_ROLES), code=code)
    movement = None
    if request.GET.get("movement"):
        movement = get_in(movements_for_user(request.user), code=request.GET["movement"])
    registrations = subtree_registrations(unit, request.user, movement)
    if kind := requested_format(request):
        return registration_export(kind, registrations)
    rows = list(registrations)
    return render(request, "emulation/movements/unit_registrations.html", {
        "unit": unit, "movement": movement, "rows": rows,
        "counts": state_counts(rows),
        "individuals": sum(r.individuals for r in rows),
        "collectives": sum(r.collectives for r in rows)})
