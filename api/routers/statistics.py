"""Statistics: the report forms (statutory 0601–0605.N/BNV-TĐKT and the province's summaries)
as JSON, for the caller's statistics scope — the same tables the back office previews."""

import datetime

from django.http import Http404
from ninja import Router, Schema

from organisations.views.common import require
from reports.domain.forms import FORMS, compute
from reports.domain.forms.request import FormRequest
from reports.domain.forms.table import Col, FormTable

router = Router(tags=["statistics"])


class FormColumnOut(Schema):
    key: str
    label: str  # the header texts from the top level down, joined by " / "
    code: str


class HeaderCellOut(Schema):
    text: str
    row: int
    col: int
    rowspan: int
    colspan: int


class FormRowOut(Schema):
    code: str
    label: str
    unit: str
    values: list[int | None]  # one per column; null where the figure cannot apply
    bold: bool
    heading: bool


class FormOut(Schema):
    code: str
    number: str
    title: str
    period_start: datetime.date
    period_end: datetime.date
    period_label: str
    unit_code: str
    unit_name: str
    receiving_unit: str
    measure: str
    columns: list[FormColumnOut]
    header: list[HeaderCellOut]
    rows: list[FormRowOut]
    notes: list[str]


class FormSummaryOut(Schema):
    code: str
    name: str
    statutory: bool


def _columns(nodes: list[Col], path: tuple[str, ...] = (), code: str = "") -> list[dict]:
    out = []
    for node in nodes:
        here, own = (*path, node.text) if node.text else path, node.code or code
        if node.children:
            out += _columns(node.children, here, own)
        else:
            out.append({"key": node.key, "label": " / ".join(here), "code": own})
    return out


def form_json(table: FormTable, unit_code: str) -> dict:
    return {
        "code": table.code, "number": table.number, "title": table.title,
        "period_start": table.period.start, "period_end": table.period.end,
        "period_label": table.period.label, "unit_code": unit_code,
        "unit_name": table.unit_name, "receiving_unit": table.receiving_unit,
        "measure": table.measure, "columns": _columns(table.columns),
        "header": [vars(c) for c in table.header_cells()],
        "rows": [{"code": r.code, "label": r.label, "unit": r.unit, "values": r.values,
                  "bold": r.bold, "heading": r.heading} for r in table.rows],
        "notes": table.notes}


@router.get("/statistics/forms", response=list[FormSummaryOut])
def list_forms(request):
    require(request, "reports.view_statistics")
    return [{"code": f.code, "name": str(f.name), "statutory": f.statutory}
            for f in FORMS.values()]


@router.get("/statistics/forms/{code}", response=FormOut)
def get_form(request, code: str, unit: str = "", year_from: int | None = None,
             year_to: int | None = None):
    """Form `code` for the emulation years `year_from`..`year_to` (1/12 of the year before to
    30/11; default: the current one) and `unit` (its code; default: the top of the caller's
    statistics scope). A unit outside that scope answers 404."""
    require(request, "reports.view_statistics")
    if code not in FORMS:
        raise Http404
    params = {"form": code, "unit": unit, "year_from": year_from, "year_to": year_to}
    form_request = FormRequest.parse({k: v for k, v in params.items() if v is not None})
    scope = form_request.scope_for(request.user)
    if scope is None:
        raise Http404
    return form_json(compute(code, scope), scope.root.code)
