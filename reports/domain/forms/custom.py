"""The province's own summary forms (issue 6 §4): awards by unit, by emulation cluster, by form
and granting level, and reward money by year. Same period and scope rules as the statutory
forms (decision date in the period, revoked records left out); column labels go through the
catalogue since the circular does not fix them."""

from django.db.models import Count, Q, Sum
from django.db.models.functions import Coalesce, ExtractMonth, ExtractYear
from django.utils.translation import gettext as _

from awards.enums import Category, GrantingLevel
from awards.models import AwardType
from organisations.models import ClusterMembership, UnitClosure
from reports.domain.dashboard import granting_levels
from reports.domain.forms.facts import scoped_records
from reports.domain.forms.table import Col, FormScope, FormTable, Row, receiving_unit
from reports.domain.scope import row_units, subtree_ids

COUNT_KEYS = ("total", "title", "form", "individual", "collective", "household", "money")
# Awardee columns and the ledger field that holds that kind of subject.
SUBJECTS = {"individual": "person", "collective": "collective", "household": "household"}


def _count_columns() -> list[Col]:
    return [Col(_("Total awards"), key="total", code="1"),
            Col(_("By category"), children=[
                Col(_("Emulation titles"), key="title", code="2"),
                Col(_("Forms of commendation"), key="form", code="3")]),
            Col(_("By awardee"), children=[
                Col(_("Individuals"), key="individual", code="4"),
                Col(_("Collectives"), key="collective", code="5"),
                Col(_("Households"), key="household", code="6")]),
            Col(_("Reward money (VND)"), key="money", code="7")]


def _label_lead() -> list[Col]:
    return [Col(_("Unit"), key="label", code="A"), Col(_("Code"), key="code", code="B")]


def counts_by_ancestor(scope: FormScope, unit_ids: list[int]) -> dict[int, dict[str, int]]:
    """{unit id: counts} for each unit's whole subtree: one GROUP BY on the closure table."""
    rec = "descendant__award_records__"
    base = Q(**{f"{rec}revoked": False, f"{rec}decision_date__gte": scope.period.start,
                f"{rec}decision_date__lte": scope.period.end})
    kinds = {"title": Q(**{f"{rec}award_type__category": Category.TITLE}),
             "form": Q(**{f"{rec}award_type__category": Category.FORM}),
             "individual": Q(**{f"{rec}person__isnull": False}),
             "collective": Q(**{f"{rec}collective__isnull": False}),
             "household": Q(**{f"{rec}household__isnull": False})}
    rows = (UnitClosure.objects.filter(base, ancestor_id__in=unit_ids).values("ancestor_id")
            .annotate(total=Count(f"{rec}id"),
                      money=Coalesce(Sum(f"{rec}decision_item__money"), 0),
                      **{k: Count(f"{rec}id", filter=q) for k, q in kinds.items()}))
    return {row.pop("ancestor_id"): row for row in rows}


def _row(code: str, label: str, counts: dict | None, bold: bool = False) -> Row:
    counts = counts or {}
    return Row(code, label, [counts.get(k, 0) for k in COUNT_KEYS], bold=bold)


def _table(code: str, title: str, scope: FormScope, rows: list[Row], lead=None,
           columns=None, measure="") -> FormTable:
    return FormTable(code=code, number="", title=title, period=scope.period,
                     unit_name=scope.root.name, receiving_unit=receiving_unit(scope),
                     lead=lead or _label_lead(), columns=columns or _count_columns(),
                     rows=rows, measure=measure)


def form_by_unit(scope: FormScope) -> FormTable:
    """One row per unit directly under the root (its subtree), then the root's total."""
    children = row_units(scope.root)
    counts = counts_by_ancestor(scope, [u.id for u in (*children, scope.root)])
    rows = [_row(u.code, u.name, counts.get(u.id)) for u in children]
    rows.append(_row(scope.root.code, _("Total"), counts.get(scope.root.id), bold=True))
    return _table("by_unit", _("AWARDS BY UNIT"), scope, rows)


def form_by_cluster(scope: FormScope) -> FormTable:
    """One row per emulation cluster/block with members in the scope in the reporting year;
    a member's awards count with its whole subtree."""
    memberships = (ClusterMembership.objects.filter(year=scope.period.end.year,
                                                    unit__in=subtree_ids(scope.root))
                   .select_related("cluster").order_by("cluster__code"))
    members: dict = {}
    for m in memberships:
        members.setdefault(m.cluster, []).append(m.unit_id)
    ids = sorted({u for units in members.values() for u in units})
    counts = counts_by_ancestor(scope, ids)
    rows = []
    for cluster, units in members.items():
        summed = {k: sum(counts.get(u, {}).get(k, 0) for u in units) for k in COUNT_KEYS}
        rows.append(Row(cluster.code, f"{cluster.name} ({len(units)})",
                        [summed[k] for k in COUNT_KEYS]))
    totals = [sum(r.values[i] for r in rows) for i in range(len(COUNT_KEYS))]
    rows.append(Row("", _("Total"), totals, bold=True))
    lead = [Col(_("Emulation cluster / block (member units)"), key="label", code="A"),
            Col(_("Code"), key="code", code="B")]
    return _table("by_cluster", _("AWARDS BY EMULATION CLUSTER AND BLOCK"), scope, rows,
                  lead=lead)


SUMMARY_KEYS = ("individual", "collective", "household", "total", "money")


def form_summary(scope: FormScope) -> FormTable:
    """Awards by title/form, grouped under their granting level (the level in force at the end
    of the period), with reward money."""
    levels = granting_levels(scope.period.end)
    rows_ = (scoped_records(scope).order_by().values("award_type_id")
             .annotate(total=Count("id"), money=Coalesce(Sum("decision_item__money"), 0),
                       **{k: Count("id", filter=Q(**{f"{f}__isnull": False}))
                          for k, f in SUBJECTS.items()}))
    found = {r.pop("award_type_id"): r for r in rows_}
    types = AwardType.objects.filter(id__in=found).order_by("category", "sort_order", "code")
    rows: list[Row] = []
    for level, label in GrantingLevel.choices:
        block = [t for t in types if levels.get(t.id, "") == level]
        rows += _level_block(label, block, found)
    rows += _level_block(_("Unknown"), [t for t in types if levels.get(t.id) not in
                                        GrantingLevel.values], found)
    grand = {k: sum(f[k] for f in found.values()) for k in SUMMARY_KEYS}
    rows.append(Row("", _("Total"), [grand[k] for k in SUMMARY_KEYS], bold=True))
    lead = [Col(_("Title / form"), key="label", code="A"), Col(_("Code"), key="code", code="B")]
    columns = [Col(_("By awardee"), children=[
        Col(_("Individuals"), key="individual", code="1"),
        Col(_("Collectives"), key="collective", code="2"),
        Col(_("Households"), key="household", code="3")]),
        Col(_("Total awards"), key="total", code="4"),
        Col(_("Reward money (VND)"), key="money", code="5")]
    return _table("summary", _("SUMMARY OF AWARDS BY FORM AND LEVEL"), scope, rows,
                  lead=lead, columns=columns)


def _level_block(label: str, types: list, found: dict) -> list[Row]:
    if not types:
        return []
    sub = {k: sum(found[t.id][k] for t in types) for k in SUMMARY_KEYS}
    rows = [Row("", str(label), [sub[k] for k in SUMMARY_KEYS], bold=True, heading=True)]
    return rows + [Row(t.code, t.name, [found[t.id][k] for k in SUMMARY_KEYS]) for t in types]


MONEY_KEYS = ("count", "money", "individual", "collective", "household")


def form_money(scope: FormScope) -> FormTable:
    """Reward money paid per emulation year (1/12 – 30/11: a December decision belongs to the
    next year, Circular 02/2023), split by awardee."""
    subject = {k: Q(**{f"{f}__isnull": False}) for k, f in SUBJECTS.items()}
    rows_ = (scoped_records(scope).order_by()
             .annotate(y=ExtractYear("decision_date"), m=ExtractMonth("decision_date"))
             .values("y", "m")
             .annotate(count=Count("id"), money=Coalesce(Sum("decision_item__money"), 0),
                       **{k: Coalesce(Sum("decision_item__money", filter=q), 0)
                          for k, q in subject.items()}))
    first, last = scope.period.years
    years = {y: dict.fromkeys(MONEY_KEYS, 0) for y in range(first, last + 1)}
    for r in rows_:
        year = r["y"] + (1 if r["m"] == 12 else 0)
        for k in MONEY_KEYS:
            years[year][k] += r[k]
    rows = [Row(str(y), _("Year %(year)s") % {"year": y}, [v[k] for k in MONEY_KEYS])
            for y, v in years.items()]
    rows.append(Row("", _("Total"), [sum(v[k] for v in years.values()) for k in MONEY_KEYS],
                    bold=True))
    lead = [Col(_("Emulation year"), key="label", code="A"), Col(_("Code"), key="code",
                                                                  code="B")]
    columns = [Col(_("Awards"), key="count", code="1"),
               Col(_("Reward money (VND)"), key="money", code="2"),
               Col(_("Of which"), children=[
                   Col(_("Individuals"), key="individual", code="3"),
                   Col(_("Collectives"), key="collective", code="4"),
                   Col(_("Households"), key="household", code="5")])]
    return _table("money", _("REWARD MONEY BY YEAR"), scope, rows, lead=lead, columns=columns)


