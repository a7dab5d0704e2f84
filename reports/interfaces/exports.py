"""The fairness table's export (CSV or .xlsx), through the streamed exporter of
`core.interfaces.exports`."""

from django.utils.translation import gettext as _

from core.interfaces.exports import export


def fairness_header(group_labels: dict[str, str]) -> list[str]:
    header = [_("Unit code"), _("Unit"), _("Individual awards"), _("People")]
    for label in group_labels.values():
        header += [_("%(group)s: awards") % {"group": label},
                   _("%(group)s: share of awards") % {"group": label},
                   _("%(group)s: share of people") % {"group": label}]
    return [*header, _("Below threshold")]


def fairness_rows(table) -> list[list]:
    rows = []
    for row in table:
        line = [row.unit.code, row.unit.name, row.awards["total"], row.people["total"]]
        for cell in row.cells:
            line += [cell["awards"], cell["award_share"], cell["people_share"]]
        rows.append([*line, _("Yes") if row.below_threshold else _("No")])
    return rows


def fairness_export(kind: str, table, group_labels: dict[str, str]):
    return export(kind, fairness_header(group_labels), fairness_rows(table), "cong-bang",
                  _("Fairness"))
