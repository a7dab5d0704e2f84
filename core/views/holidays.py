"""The holiday calendar page: read by everyone signed in, kept by the administrator and the
emulation board."""

from datetime import date

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from rules.contrib.views import permission_required

from core.domain import calendar as calendar_domain
from core.interfaces.forms import DeactivateHolidayForm, HolidayForm
from core.interfaces.views import form_page
from core.models import PublicHoliday

FIRST_YEAR, LAST_YEAR = 2000, 2100


def _year_url(year: int) -> str:
    return reverse("core:holiday_year", args=[year])


@login_required
@permission_required("core.view_holidays", raise_exception=True)
def holiday_list(request, year: int | None = None):
    year = year or timezone.localdate().year
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise Http404
    return render(request, "core/holiday_list.html", {
        "year": year, "previous_year": year - 1, "next_year": year + 1,
        "days": calendar_domain.holidays_of_year(year),
        "can_manage": request.user.has_perm("core.manage_holidays")})


@login_required
@permission_required("core.manage_holidays", raise_exception=True)
def holiday_add(request):
    return form_page(
        request, HolidayForm(request.POST or None),
        lambda data: calendar_domain.add_day(request.user, **data),
        title=_("Add a day to the calendar"), submit=_("Add"),
        done=lambda holiday: _year_url(holiday.date.year),
        success_message=_("Day added to the calendar."))


@login_required
@permission_required("core.manage_holidays", raise_exception=True)
def holiday_deactivate(request, day: date):
    holiday = get_object_or_404(PublicHoliday, date=day, is_active=True)
    return form_page(
        request, DeactivateHolidayForm(request.POST or None),
        lambda data: calendar_domain.deactivate_day(request.user, holiday, **data),
        title=_("Remove %(day)s (%(name)s) from the calendar") % {
            "day": f"{holiday.date:%d/%m/%Y}", "name": holiday.name},
        submit=_("Remove"), done=lambda h: _year_url(h.date.year),
        success_message=_("Day removed from the calendar."))
