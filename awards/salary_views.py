"""Early salary raise for the HR office (nâng bậc lương trước thời hạn): who in the user's units
has awards that count in a period, and how many months early the highest gives; one person's
view with `?person=`; `?export=xlsx|csv` for the whole list (awards.domain.early_raise)."""

import datetime

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from awards.domain.early_raise import early_raise_list
from awards.domain.parameters import CatalogueParameters
from core.interfaces.exports import export, requested_format
from core.interfaces.guards import get_in, require
from organisations.domain.queries import people_for_user, units_for_user


def _date(raw, default: datetime.date) -> datetime.date:
    try:
        return datetime.date.fromisoformat(raw) if raw else default
    except ValueError:
        return default


def _period(request) -> tuple[datetime.date, datetime.date]:
    """Default: the last three years (a grade is held two or three years), up to today."""
    today = timezone.localdate()
    end = _date(request.GET.get("to"), today)
    start = _date(request.GET.get("from"), end.replace(year=end.year - 3))
    return min(start, end), end


@login_required
def early_raise(request):
    require(request, "awards.view_ledger")
    people = people_for_user(request.user)
    unit = person = None
    if request.GET.get("unit"):
        unit = get_in(units_for_user(request.user), code=request.GET["unit"])
        people = people.filter(unit=unit)
    if request.GET.get("person"):
        person = get_in(people, public_id=request.GET["person"])
        people = people.filter(pk=person.pk)
    start, end = _period(request)
    result = early_raise_list(people, start, end, CatalogueParameters())
    if kind := requested_format(request):
        return _export(kind, result)
    return render(request, "awards/early_raise.html", {
        "result": result, "unit": unit, "person": person})


def _export(kind: str, result):
    header = [_("Full name"), _("Unit"), _("Position"), _("Months early"),
              _("Awards that count"), _("Legal basis")]
    citation = result.table.citation if result.table else ""
    rows = ([entry.person.full_name, str(entry.person.unit or ""), entry.person.position,
             entry.months,
             "; ".join(f"{record.award_type.name} ({record.decision_number}, "
                       f"{record.decision_date:%d/%m/%Y}): {months}"
                       for record, months in entry.awards), citation]
            for entry in result.people)
    return export(kind, header, rows, f"nang-luong-truoc-han-{result.end:%Y%m%d}",
                  _("Early salary raise"))
