"""The law screen: law versions, and every dated value the rules read that is not tied to one
award (per-award values are on the catalogue screen), with its citation, its verification and
any unsettled difference with the data files; the system administrator adds or corrects."""

import json

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from awards.domain import law as law_domain
from awards.eligibility.laws import LAWS
from awards.interfaces.forms import LegalCorrectionForm, LegalValueForm
from awards.models import LegalValue
from core.interfaces.guards import get_in, require
from core.interfaces.kept_pages import kept_page
from core.interfaces.views import form_page


@login_required
def law(request):
    require(request, "awards.view_catalogue")
    return kept_page(request, LAW_TABLES, lambda: _law(request))


# Every table the page's statements read (tests/awards/test_list_pages_kept.py captures them):
# it is kept under their epochs (core.interfaces.kept_pages). The data files it compares the
# rows with change with the code only, which a new process brings.
LAW_TABLES = ("awards_legalvalue", "organisations_unit")


def _law(request):
    files = law_domain.file_rows()
    rows = list(LegalValue.objects.order_by("key", "-valid_from"))
    for row in rows:
        row.file = law_domain.unsettled(row, files)
    return render(request, "awards/law.html", {
        "laws": LAWS, "rows": rows, "conflicts": sum(r.file is not None for r in rows),
        "can_manage": request.user.has_perm("awards.manage_catalogue")})


@login_required
def law_add(request, key):
    require(request, "awards.manage_catalogue")
    get_in(LegalValue.objects.all(), key=key, valid_to__isnull=True)  # an existing key only
    return form_page(
        request, LegalValueForm(request.POST or None),
        lambda data: law_domain.set_legal_value(request.user, key, **data),
        title=_("New dated value: %(key)s") % {"key": key}, submit=_("Save"),
        done=lambda _r: reverse("awards:law"), success_message=_("New value recorded."))


@login_required
def law_edit(request, pk):
    require(request, "awards.manage_catalogue")
    row = get_in(LegalValue.objects.all(), pk=pk)
    form = LegalCorrectionForm(request.POST or None, initial={
        "value": _json(row.value), "citation": row.citation, "verified": row.verified})
    return form_page(
        request, form, lambda data: law_domain.correct_legal_value(request.user, row, **data),
        title=_("Correct %(key)s from %(date)s") % {"key": row.key,
                                                   "date": row.valid_from.strftime("%d/%m/%Y")},
        submit=_("Save"), done=lambda _r: reverse("awards:law"),
        success_message=_("Value corrected."))


def _json(value) -> str:
    return json.dumps(value, ensure_ascii=False)
