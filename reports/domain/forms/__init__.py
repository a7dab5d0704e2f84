"""Report forms: the five statutory forms of Circular 02/2023/TT-BNV (0601–0605.N/BNV-TĐKT)
and the province's own summaries. `compute(code, scope)` returns a `FormTable`; every renderer
(HTML preview, .xlsx, .docx, the API's JSON) reads only that."""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from reports.domain.forms import awards_forms, custom, work_forms
from reports.domain.forms.table import FormScope, FormTable, Period

__all__ = ["FORMS", "FormScope", "FormTable", "Period", "compute", "form_choices"]


@dataclass(frozen=True)
class FormDef:
    code: str
    name: object      # lazy translated name shown in the chooser
    build: Callable[[FormScope], FormTable]
    statutory: bool = True


FORMS = {f.code: f for f in (
    FormDef("0601", _("0601.N/BNV-TĐKT — Emulation movements"), work_forms.form_0601),
    FormDef("0602", _("0602.N/BNV-TĐKT — State-level awards"), awards_forms.form_0602),
    FormDef("0603", _("0603.N/BNV-TĐKT — Ministry / province-level awards"),
            awards_forms.form_0603),
    FormDef("0604", _("0604.N/BNV-TĐKT — Organisations doing emulation work"),
            work_forms.form_0604),
    FormDef("0605", _("0605.N/BNV-TĐKT — Civil servants doing emulation work"),
            work_forms.form_0605),
    FormDef("by_unit", _("Awards by unit"), custom.form_by_unit, statutory=False),
    FormDef("by_cluster", _("Awards by emulation cluster and block"), custom.form_by_cluster,
            statutory=False),
    FormDef("summary", _("Summary by form and level"), custom.form_summary, statutory=False),
    FormDef("money", _("Reward money by year"), custom.form_money, statutory=False),
)}


def compute(code: str, scope: FormScope) -> FormTable:
    """The table of form `code` (KeyError for an unknown code) for `scope`."""
    return FORMS[code].build(scope)


def form_choices() -> list[tuple[str, str]]:
    return [(f.code, str(f.name)) for f in FORMS.values()]


