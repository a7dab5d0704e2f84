"""Excel import of an existing backlog list (the lists communes have kept for years), through
the generic import engine: row-level errors in Vietnamese naming row and column, then one
all-or-nothing commit. Each row becomes a claim at stage "registered" in a commune of the
importer's scope; evidence and checks are added afterwards on the claim's page."""

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.domain.scope import scope_unit_ids
from claims.domain.steps import new_code
from claims.enums import ClaimKind, ClaimState, Period, Relation, ServiceRole
from claims.models import Claim, ClaimStep
from core.interfaces import cells
from core.interfaces.importers import Column, Importer, Row, RowCheck, register
from core.text import fold, is_number
from organisations.models import Unit

HANDLERS = ("system_admin", "board_staff", "unit_officer")
FIRST_YEAR, LAST_SERVICE_YEAR = 1900, 1989
# How the communes' own lists name the periods (folded).
PERIOD_SYNONYMS = {"chong phap": Period.AGAINST_FRANCE, "chong my": Period.AGAINST_AMERICA,
                   "bien gioi": Period.BORDER, "bao ve bien gioi": Period.BORDER}


def _year(value):
    if cells.is_blank(value):
        return None
    text = cells.display(value)
    if not (is_number(text) and len(text) == 4):
        raise cells.CellError(_("“%(value)s” is not a year.") % {"value": text})
    return int(text)


@register
class BacklogImporter(Importer):
    kind = "claims"
    label = gettext_lazy("Wartime backlog claims")
    permission = "claims.add_claim"
    columns = (
        Column("unit", "Mã xã", required=True, help=gettext_lazy("Code of the commune.")),
        Column("kind", "Loại hồ sơ", required=True,
               help=gettext_lazy("resistance, heroic_mother or martyr_family (or the label).")),
        Column("name", "Họ và tên", required=True),
        Column("birth_year", "Năm sinh", required=True),
        Column("deceased", "Đã từ trần", help=gettext_lazy("Có or Không.")),
        Column("address", "Nơi cư trú", required=True),
        Column("applicant", "Người đứng đơn",
               help=gettext_lazy("The relative who applies (required when deceased).")),
        Column("relation", "Quan hệ", help=gettext_lazy("self, spouse, child, grandchild…")),
        Column("phone", "Điện thoại"),
        Column("period", "Thời kỳ", help=gettext_lazy("france, america or border.")),
        Column("role", "Vai trò"),
        Column("from", "Từ năm"),
        Column("to", "Đến năm"),
        Column("service_unit", "Đơn vị tham gia"),
        Column("children", "Số con"),
        Column("originals", "Nơi lưu bản gốc", required=True),
        Column("registered_on", "Ngày tiếp nhận", help=gettext_lazy("dd/mm/yyyy; empty: today.")),
    )

    # What `write_batch` reads of each checked row: the commit reads these back, never the file.
    kept = ("unit", "kind", "name", "birth_year", "deceased", "address", "applicant",
            "relation", "phone", "period", "role", "from", "to", "service_unit", "children",
            "originals", "registered_on")
    dated = frozenset({"registered_on"})

    def start(self) -> None:
        scope = scope_unit_ids(self.user, HANDLERS)
        self.units = {code: pk for code, pk in Unit.objects.values_list("code", "id")
                      if scope is None or pk in scope}
        self.today = timezone.localdate()
        self.count = 0

    def check_row(self, row: Row) -> list:
        check = RowCheck(self, row)
        code = check.get("unit", max_length=40)
        if code and code not in self.units:
            # Unknown and out-of-scope codes read the same: nothing about other units leaks.
            check.add("unit", _("No commune “%(code)s” in your scope.") % {"code": code})
        check.get("kind", cells.choice, choices=ClaimKind)
        check.get("name", max_length=150)
        self._years(check)
        deceased = check.get("deceased", cells.yes_no)
        check.get("address", max_length=255)
        applicant = check.get("applicant", max_length=150)
        relation = check.get("relation", cells.choice, choices=Relation) or (
            Relation.CHILD if deceased else Relation.SELF)
        row.data["relation"] = relation
        if (deceased or relation != Relation.SELF) and not applicant:
            check.add("applicant", _("Give the name of the relative who applies."))
        check.get("phone", max_length=20)
        check.get("period", cells.choice, choices=Period, synonyms=PERIOD_SYNONYMS)
        check.get("role", cells.choice, choices=ServiceRole)
        check.get("service_unit", max_length=255)
        check.get("originals", max_length=255)
        registered = check.get("registered_on", cells.date)
        if registered and registered > self.today:
            check.add("registered_on", _("The date cannot be in the future."))
        return check.errors

    def recheck_batch(self, rows: list[Row]) -> list:
        """At commit: each row's commune still in the committer's scope (reloaded per pass)."""
        errors = []
        for row in rows:
            check = RowCheck(self, row)
            if row.data["unit"] not in self.units:
                check.add("unit", _("No commune “%(code)s” in your scope.") % {
                    "code": row.data["unit"]})
            errors.extend(check.errors)
        return errors

    def _years(self, check: RowCheck) -> None:
        born = check.get("birth_year", _year)
        start, end = check.get("from", _year), check.get("to", _year)
        check.get("children", _count)
        if born is not None and not FIRST_YEAR <= born <= self.today.year:
            check.add("birth_year", _("Impossible year %(year)s.") % {"year": born})
        for key, year in (("from", start), ("to", end)):
            if year is not None and not FIRST_YEAR <= year <= LAST_SERVICE_YEAR:
                check.add(key, _("Impossible year %(year)s.") % {"year": year})
        if start and end and end < start:
            check.add("to", _("The end year is before the start year."))

    def write_batch(self, rows: list[Row]) -> None:
        now = timezone.now()
        claims = Claim.objects.bulk_create([self._claim(row.data, now) for row in rows])
        ClaimStep.objects.bulk_create([ClaimStep(claim=c, old="", new=ClaimState.REGISTERED,
                                                 at=now, actor=self.user) for c in claims])
        self.count += len(claims)

    def _claim(self, data: dict, now) -> Claim:
        registered = data.get("registered_on") or self.today
        claim = Claim(
            code=new_code(registered.year), kind=data["kind"], unit_id=self.units[data["unit"]],
            state=ClaimState.REGISTERED, state_changed_at=now, registered_on=registered,
            claimant_name=data["name"], claimant_birth_year=data["birth_year"],
            claimant_deceased=data["deceased"], claimant_address=data["address"],
            applicant_name=data["applicant"], applicant_relation=data["relation"],
            applicant_phone=data["phone"], period=data["period"], service_role=data["role"],
            service_from=data["from"], service_to=data["to"],
            service_unit=data["service_unit"], children_count=data["children"],
            originals_kept_at=data["originals"], created_by=self.user)
        # bulk_create skips save(): the search text is set here.
        claim.search_text = fold(f"{claim.code} {claim.claimant_name} {claim.applicant_name}")
        return claim

    def finish(self) -> dict[str, int]:
        return {"claims": self.count}

    def example_row(self) -> list:
        return ["TQ-X-YS-25", "resistance", "Nguyễn Văn Kháng", 1938, "Không", "Thôn 3",
                "", "self", "", "america", "militia", 1965, 1972, "Du kích xã", "",
                "Gia đình giữ", ""]


def _count(value):
    if cells.is_blank(value):
        return None
    text = cells.display(value)
    if not is_number(text) or int(text) > 30:
        raise cells.CellError(_("“%(value)s” is not a number of children.") % {"value": text})
    return int(text)
