"""Early salary raise for the HR office (nâng bậc lương trước thời hạn): who in the user's units
has awards that count in a period, and how many months early the highest gives; one person's
view with `?person=`; `?export=xlsx|csv` for the whole list (awards.domain.early_raise)."""

import datetime

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.translation import gettext as _

from awards.interfaces.early_raise import early_raise_for
from core.interfaces.exports import export, requested_format
from core.interfaces.guards import require
from core.interfaces.kept_pages import kept_page

# Every table the page's statements read (tests/awards/test_list_pages_kept.py captures them):
# it is kept under their epochs (core.interfaces.kept_pages); today's date is in its key.
EARLY_RAISE_TABLES = ("awards_awardparameter", "awards_awardrecord", "awards_awardtype",
                      "awards_grantingauthority", "awards_law_tables_stamp", "awards_legalvalue",
                      "organisations_person", "organisations_unit", "organisations_unitclosure")


def _date(raw) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(raw) if raw else None
    except ValueError:  # a mistyped date on the page falls back to the default
        return None


@login_required
def early_raise(request):
    require(request, "awards.view_ledger")
    if kind := requested_format(request):
        return _export(kind, _asked(request)[0])
    return kept_page(request, EARLY_RAISE_TABLES, lambda: _early_raise(request))


def _asked(request):
    return early_raise_for(
        request.user, unit=request.GET.get("unit", ""), person=request.GET.get("person", ""),
        start=_date(request.GET.get("from")), end=_date(request.GET.get("to")))


def _early_raise(request):
    result, unit, person = _asked(request)
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
