"""Excel importers of units and people, registered with the generic import engine (`imports`).

Each row is checked like its form would be (`organisations.domain.tree.create_unit`,
`organisations.domain.people.create_person`), but rows are written with bulk_create, so the
domain functions' side effects are reproduced here: `search_text` (bulk_create skips `save()`),
the employment of each person, one tree-index rebuild for units. One audit entry per committed
job (`imports.job.commit`, with the counts) replaces the per-row entries of the forms.
"""

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.domain.scope import restrict_to_scope, scope_unit_ids
from accounts.enums import RECORD_KEEPING_ROLES
from core.bulk import insert_objects, maker
from core.interfaces import cells
from core.interfaces.importers import Column, Importer, Row, RowCheck, register
from core.text import fold_join
from organisations.domain.cccd import cccd_errors, century_digit
from organisations.domain.people import taken_message
from organisations.domain.tree import rebuild_tree_index
from organisations.enums import Gender, UnitKind, UnitLevel
from organisations.models import Employment, Person, ReorganisationLink, Unit

YES_NO_HELP = gettext_lazy("Có or Không (also x, 1/0); empty means Không.")
GENDER_WORDS = {"nam": Gender.MALE, "nu": Gender.FEMALE, "m": Gender.MALE, "f": Gender.FEMALE}
DEFAULT_ETHNICITY = "Kinh"


def _date_text(value: datetime.date) -> str:
    return value.strftime("%d/%m/%Y")


class _UnitLookup:
    """Every unit's id, code, name and end date, loaded once per pass (a province has a few
    thousand units), with the successor of an ended unit found through its reorganisation
    links."""

    def __init__(self):
        self.by_code = {}
        self.by_id = {}
        for pk, code, name, valid_to in Unit.objects.values_list("id", "code", "name",
                                                                "valid_to"):
            self.by_code[code] = self.by_id[pk] = (pk, code, name, valid_to)
        self._successors: dict[int, tuple | None] = {}

    def successor(self, unit_id: int) -> tuple | None:
        """The active unit that `unit_id` became, following merges one after another."""
        if unit_id not in self._successors:
            current, seen = unit_id, {unit_id}
            while self.by_id[current][3] is not None:
                nxt = (ReorganisationLink.objects
                       .filter(predecessor_id=current, successor__isnull=False)
                       .exclude(successor_id=current).order_by("-event__effective_date")
                       .values_list("successor_id", flat=True).first())
                if nxt is None or nxt in seen:
                    break
                seen.add(nxt)
                current = nxt
            self._successors[unit_id] = self.by_id[current] if current != unit_id else None
        return self._successors[unit_id]


def _choice_lines(header: str, choices) -> list[tuple[str, str, str]]:
    return [(header, member.value, member.label) for member in choices]


@register
class UnitImporter(Importer):
    """New units of the tree. A parent is an existing active unit or a unit on an earlier row,
    so a whole branch can be loaded top-down from one file."""

    kind = "units"
    label = gettext_lazy("Units")
    permission = "organisations.import_units"
    columns = (
        Column("code", "Mã đơn vị", required=True,
               help=gettext_lazy("Code of the new unit, unique, at most 40 characters.")),
        Column("name", "Tên đơn vị", required=True, help=gettext_lazy("Full official name.")),
        Column("short_name", "Tên viết tắt", help=gettext_lazy("Short name, if any.")),
        Column("level", "Cấp", required=True,
               help=gettext_lazy("Administrative level: a code or a name from the list below.")),
        Column("kind", "Loại", required=True,
               help=gettext_lazy("Kind of body: a code or a name from the list below.")),
        Column("parent", "Mã đơn vị cấp trên",
               help=gettext_lazy("Code of the parent unit: an existing unit, or a unit on an "
                                 "earlier row of this file. Empty for a top-level unit.")),
        Column("valid_from", "Hiệu lực từ ngày",
               help=gettext_lazy("Date the unit came into existence, dd/mm/yyyy.")),
    )
    kept = ("code", "name", "short_name", "level", "kind", "parent", "valid_from")
    dated = frozenset({"valid_from"})

    def start(self) -> None:
        self.units = _UnitLookup()
        self.in_file: dict[str, int] = {}  # code → row number
        self.created: dict[str, int] = {}  # code → id, while committing
        self.count = 0

    def check_row(self, row: Row) -> list:
        check = RowCheck(self, row)
        code = check.get("code", max_length=40)
        check.get("name", max_length=255)
        check.get("short_name", max_length=120)
        check.get("level", cells.choice, choices=UnitLevel)
        check.get("kind", cells.choice, choices=UnitKind)
        parent = check.get("parent", max_length=40)
        valid_from = check.get("valid_from", cells.date)
        if parent:
            self._check_parent(check, parent, code, valid_from)
        if code:
            self._check_code(check, code)
        return check.errors

    def recheck_batch(self, rows: list[Row]) -> list:
        """Codes taken and parents ended since the check (the lookup is reloaded per pass)."""
        errors = []
        for row in rows:
            check = RowCheck(self, row)
            if row.data["parent"]:
                self._check_parent(check, row.data["parent"], row.data["code"],
                                   row.data["valid_from"])
            self._check_code(check, row.data["code"])
            errors.extend(check.errors)
        return errors

    def _check_code(self, check: RowCheck, code: str) -> None:
        existing = self.units.by_code.get(code)
        if existing is not None:
            check.add("code", _("Unit code “%(code)s” already exists (%(name)s).") % {
                "code": code, "name": existing[2]})
        elif code in self.in_file:
            check.add("code", _("Unit code “%(code)s” already appears on row %(row)s.") % {
                "code": code, "row": self.in_file[code]})
        else:
            self.in_file[code] = check.row.number

    def _check_parent(self, check: RowCheck, parent: str, code, valid_from) -> None:
        if parent == code:
            check.add("parent", _("A unit cannot be its own parent."))
        elif parent in self.in_file:
            return
        elif (existing := self.units.by_code.get(parent)) is None:
            check.add("parent", _("Unknown parent unit code “%(code)s”: it must exist already "
                                  "or be defined on an earlier row.") % {"code": parent})
        elif existing[3] is not None and (valid_from is None or valid_from > existing[3]):
            check.add("parent", _("The parent unit “%(name)s” no longer exists (ended "
                                  "%(date)s).") % {"name": existing[2],
                                                   "date": _date_text(existing[3])})

    def _flush(self, pending: dict[str, Unit]) -> None:
        Unit.objects.bulk_create(pending.values())
        missing = [code for code, unit in pending.items() if unit.pk is None]
        if missing:  # databases that do not return ids from a bulk insert
            self.created.update(Unit.objects.filter(code__in=missing).values_list("code", "id"))
        self.created.update({code: unit.pk for code, unit in pending.items() if unit.pk})
        self.count += len(pending)
        pending.clear()

    def write_batch(self, rows: list[Row]) -> None:
        pending: dict[str, Unit] = {}
        for row in rows:
            data = row.data
            if data["parent"] in pending:  # its parent must have an id first
                self._flush(pending)
            parent_id = (self.created.get(data["parent"]) or self.units.by_code[data["parent"]][0]
                         if data["parent"] else None)
            pending[data["code"]] = Unit(
                code=data["code"], name=data["name"], short_name=data["short_name"],
                level=data["level"], kind=data["kind"], parent_id=parent_id,
                valid_from=data["valid_from"],
                search_text=fold_join(data["name"], data["short_name"], data["code"]))
        self._flush(pending)

    def finish(self) -> dict[str, int]:
        rebuild_tree_index()
        return {"units": self.count}

    def example_row(self) -> list:
        root = (Unit.objects.filter(parent__isnull=True, valid_to__isnull=True).order_by("path")
                .values_list("code", flat=True).first() or "")
        return ["SO-VHTTDL", "Sở Văn hóa, Thể thao và Du lịch", "Sở VHTTDL",
                UnitLevel.PROVINCE.value, UnitKind.DEPARTMENT.value, root, "01/07/2025"]

    def allowed_values(self) -> list[tuple[str, str, str]]:
        return _choice_lines("Cấp", UnitLevel) + _choice_lines("Loại", UnitKind)


@register
class PersonImporter(Importer):
    """Individuals with their current employment, into units within the importer's scope."""

    kind = "people"
    label = gettext_lazy("People")
    permission = "organisations.import_people"
    columns = (
        Column("cccd", "Số CCCD", required=True,
               help=gettext_lazy("12-digit citizen ID. Format the column as text so that "
                                 "leading zeros are kept.")),
        Column("full_name", "Họ và tên", required=True, help=gettext_lazy("Full name.")),
        Column("gender", "Giới tính", required=True, help=gettext_lazy("Nam or Nữ.")),
        Column("birth_date", "Ngày sinh", required=True,
               help=gettext_lazy("A date cell, or text dd/mm/yyyy.")),
        Column("ethnicity", "Dân tộc", help=gettext_lazy("Empty means Kinh.")),
        Column("unit", "Mã đơn vị", required=True,
               help=gettext_lazy("Code of the unit the person works in. It must be within your "
                                 "scope and still exist.")),
        Column("position", "Chức vụ", help=gettext_lazy("Position, e.g. Trưởng phòng.")),
        Column("title", "Chức danh/ngạch", help=gettext_lazy("Title or civil-service grade.")),
        Column("is_leader", "Lãnh đạo", help=YES_NO_HELP),
        Column("is_direct_worker", "Lao động trực tiếp", help=YES_NO_HELP),
        Column("start_date", "Làm việc từ ngày",
               help=gettext_lazy("Start of the employment in this unit, dd/mm/yyyy. Empty "
                                 "means today.")),
    )
    kept = ("cccd", "full_name", "gender", "birth_date", "ethnicity", "unit_id", "position",
            "title", "is_leader", "is_direct_worker", "start_date")
    dated = frozenset({"birth_date", "start_date"})

    def start(self) -> None:
        self.units = _UnitLookup()
        self.scope = scope_unit_ids(self.user, RECORD_KEEPING_ROLES)  # None: every unit
        self.first_row: dict[str, int] = {}  # CCCD → first row with it (bounded: one per row)
        self.taken: dict[str, tuple] = {}  # CCCD → (holder's name, unit id), current batch
        self.today = timezone.localdate()
        self.count = 0

    def prefetch(self, rows: list[Row]) -> None:
        wanted = {cells.digits(row.values.get("cccd"), width=12) for row in rows} - {""}
        self.taken = {cccd: (name, unit_id) for cccd, name, unit_id in Person.objects.filter(
            cccd__in=wanted).values_list("cccd", "full_name", "unit_id")}

    def check_row(self, row: Row) -> list:
        check = RowCheck(self, row)
        cccd = check.get("cccd", cells.digits, width=12)
        check.get("full_name", max_length=150)
        gender = check.get("gender", cells.choice, choices=Gender, synonyms=GENDER_WORDS)
        birth_date = check.get("birth_date", cells.date)
        check.get("ethnicity", max_length=60, default=DEFAULT_ETHNICITY)
        unit_code = check.get("unit", max_length=40)
        check.get("position", max_length=150)
        check.get("title", max_length=150)
        check.get("is_leader", cells.yes_no)
        check.get("is_direct_worker", cells.yes_no)
        check.get("start_date", cells.date, default=self.today)
        if birth_date is not None and birth_date > self.today:
            check.add("birth_date", _("The birth date is in the future."))
        if cccd:
            self._check_cccd(check, cccd, gender, birth_date)
        if unit_code:
            self._check_unit(check, unit_code)
        return check.errors

    def recheck_batch(self, rows: list[Row]) -> list:
        """CCCDs registered since the check (one query), and each row's unit still active and
        in the committer's scope."""
        self.prefetch(rows)
        errors = []
        for row in rows:
            check = RowCheck(self, row)
            cccd = row.data["cccd"]
            if cccd in self.taken:
                name, unit_id = self.taken[cccd]
                check.add("cccd", taken_message(self.user, cccd, name, unit_id,
                                                scope=self.scope))
            self._check_unit(check, self.units.by_id[row.data["unit_id"]][1])
            errors.extend(check.errors)
        return errors

    def _check_cccd(self, check: RowCheck, cccd: str, gender, birth_date) -> None:
        for message in cccd_errors(cccd, gender or None, birth_date):
            check.add("cccd", message)
        if cccd in self.first_row:
            check.add("cccd", _("Citizen ID %(cccd)s already appears on row %(row)s.") % {
                "cccd": cccd, "row": self.first_row[cccd]})
        else:
            self.first_row[cccd] = check.row.number
        if cccd in self.taken:
            name, unit_id = self.taken[cccd]
            check.add("cccd", taken_message(self.user, cccd, name, unit_id, scope=self.scope))

    def _check_unit(self, check: RowCheck, code: str) -> None:
        found = self.units.by_code.get(code)
        if found is None:
            check.add("unit", _("Unknown unit code “%(code)s”.") % {"code": code})
            return
        unit_id, _code, name, valid_to = found
        if self.scope is not None and unit_id not in self.scope:
            check.add("unit", _("Unit “%(code)s” is outside your scope.") % {"code": code})
        elif valid_to is not None:
            check.add("unit", self._ended_message(found))
        else:
            check.row.data["unit_id"] = unit_id

    def _ended_message(self, unit: tuple) -> str:
        successor = self.units.successor(unit[0])
        values = {"name": unit[2], "date": _date_text(unit[3])}
        if successor is None:
            return _("Unit “%(name)s” ended on %(date)s.") % values
        return _("Unit “%(name)s” ended on %(date)s; its successor is “%(successor)s” (code "
                 "%(code)s).") % (values | {"successor": successor[2], "code": successor[1]})

    def write_batch(self, rows: list[Row]) -> None:
        """People, then their employments: the new ids are read back by CCCD (unique), one
        query a batch, since the fast insert returns none."""
        people = [self._person(row.data) for row in rows]
        insert_objects(people)
        ids = dict(Person.objects.filter(cccd__in=[p.cccd for p in people])
                   .values_list("cccd", "id"))
        for person in people:
            person.pk = ids[person.cccd]
        insert_objects([
            self._new_employment(
                person_id=person.pk, unit_id=person.unit_id, position=person.position,
                title=person.title, is_leader=person.is_leader,
                is_direct_worker=person.is_direct_worker, start_date=row.data["start_date"])
            for person, row in zip(people, rows, strict=True)])
        self.count += len(people)

    # Built per row at commit; `search_text` set below as Person.save() would.
    _new_person = staticmethod(maker(Person))
    _new_employment = staticmethod(maker(Employment))

    @classmethod
    def _person(cls, data: dict) -> Person:
        return cls._new_person(
            cccd=data["cccd"], full_name=data["full_name"], gender=data["gender"],
            birth_date=data["birth_date"], ethnicity=data["ethnicity"], unit_id=data["unit_id"],
            position=data["position"], title=data["title"], is_leader=data["is_leader"],
            is_direct_worker=data["is_direct_worker"],
            search_text=fold_join(data["full_name"], data["cccd"]))  # as Person.save() does

    def finish(self) -> dict[str, int]:
        return {"people": self.count, "employments": self.count}

    def example_row(self) -> list:
        birth = datetime.date(1985, 5, 17)
        cccd = f"001{century_digit(Gender.MALE, birth.year)}{birth.year % 100:02d}012345"
        unit = self._example_unit()
        return [cccd, "Nguyễn Văn An", "Nam", _date_text(birth), DEFAULT_ETHNICITY, unit,
                "Chuyên viên", "Chuyên viên", "Không", "Không", "01/01/2020"]

    def _example_unit(self) -> str:
        """A unit the downloading user may import into, so the example is a real one."""
        units = restrict_to_scope(Unit.objects.filter(valid_to__isnull=True), self.user,
                                  field="pk", roles=RECORD_KEEPING_ROLES)
        return units.order_by("path").values_list("code", flat=True).first() or "MA-DON-VI"

    def allowed_values(self) -> list[tuple[str, str, str]]:
        return [("Giới tính", "Nam", Gender.MALE.label), ("Giới tính", "Nữ", Gender.FEMALE.label),
                ("Lãnh đạo, Lao động trực tiếp", "Có / x / 1", _("yes")),
                ("Lãnh đạo, Lao động trực tiếp", "Không / 0", _("no"))]
