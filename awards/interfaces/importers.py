"""Excel importers of historical awards (the ledger) and annual task ratings, registered with
the generic import engine (`imports`). Provinces hold years of these records in spreadsheets.

Subjects: an individual by citizen ID, or a collective by unit code (+ the name of a part of
the unit; empty means the whole unit). Award rows are checked like `awards.domain.ledger` checks a
form (a second live award of a subject, award and year is a row error naming the decision that
gave the first) and written by its one ledger writer, `record_awards`; ratings with
bulk_create. One audit entry per committed job replaces per-row ones.
Memory stays bounded for a million rows: lookups are per batch, and the in-file duplicate check
keeps one packed 64-bit word and one row number per row (`core.interfaces.first_rows`).
"""


from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.domain.scope import scope_unit_ids
from accounts.enums import RECORD_KEEPING_ROLES
from awards.domain.ledger import (
    IMPORT_FIELDS,
    LedgerConflict,
    conflict_message,
    live_conflicts,
    record_award_rows,
)
from awards.enums import AwardKind, Rating, RecordSource, SubjectKind
from awards.models import AwardRecord, AwardType, TaskRating
from core.bulk import maker
from core.interfaces import cells
from core.interfaces.first_rows import FirstRows
from core.interfaces.importers import Column, Importer, Row, RowCheck, RowsRefused, register
from core.text import fold, is_number
from organisations.enums import CollectiveKind
from organisations.models import Collective, Person, Unit

FIRST_YEAR = 1945  # the first emulation awards of the Democratic Republic of Viet Nam
# A row's identity for the in-file duplicate check, packed exactly into 64 bits: subject kind
# (1 bit), subject id (40), award type id (15, ratings: none), years since FIRST_YEAR (8). A
# part that does not fit is still compared exactly (`FirstRows` keeps it aside).
SUBJECT_KIND_NUMBERS = {SubjectKind.INDIVIDUAL.value: 0, SubjectKind.COLLECTIVE.value: 1}
AWARD_IDENTITY_BITS = (1, 40, 15, 8)
RATING_IDENTITY_BITS = (1, 40, 8)


def year_cell(value) -> int | None:
    """A year: a number cell (2024, or 2024.0 as Excel stores it) or text "2024"."""
    if cells.is_blank(value):
        return None
    text = cells.display(value)
    if not (is_number(text) and len(text) == 4):
        raise cells.CellError(_("“%(value)s” is not a year.") % {"value": text})
    return int(text)

SUBJECT_COLUMNS = (
    Column("cccd", "Số CCCD",
           help=gettext_lazy("Citizen ID of the individual (empty for a collective).")),
    Column("unit", "Mã đơn vị",
           help=gettext_lazy("For a collective: the unit. For an individual: the unit at the "
                             "time (empty means the person's current unit).")),
    Column("collective", "Tên tập thể",
           help=gettext_lazy("For a part of a unit (department, class…): its name as registered. "
                             "Empty means the whole unit.")),
)


class _SubjectLookup:
    """Resolve the subject columns of a batch with two queries (people by CCCD, collectives by
    unit), and check the unit against the importer's scope."""

    def __init__(self, user):
        self.units = dict(Unit.objects.values_list("code", "id"))
        self.scope = scope_unit_ids(user, RECORD_KEEPING_ROLES)
        self.people: dict[str, tuple[int, int | None]] = {}
        self.collectives: dict[tuple[int, str], int] = {}

    def prefetch(self, rows: list[Row]) -> None:
        wanted = {cells.digits(r.values.get("cccd"), width=12) for r in rows} - {""}
        self.people = {c: (pk, unit) for c, pk, unit in Person.objects.filter(
            cccd__in=wanted).values_list("cccd", "id", "unit_id")}
        unit_ids = {self.units.get(cells.text(r.values.get("unit"))) for r in rows} - {None}
        self.collectives = {}
        for pk, unit_id, name, kind in Collective.objects.filter(
                unit_id__in=unit_ids).values_list("id", "unit_id", "name", "kind"):
            self.collectives[(unit_id, fold(name))] = pk
            if kind == CollectiveKind.WHOLE_UNIT:
                self.collectives.setdefault((unit_id, ""), pk)

    def resolve(self, check: RowCheck) -> tuple[str, int, int] | None:
        """(subject kind, subject id, unit id), or None with the error recorded."""
        cccd = check.get("cccd", cells.digits, width=12)
        unit_code = check.get("unit", max_length=40)
        name = check.get("collective", max_length=255)
        unit_id = self.units.get(unit_code) if unit_code else None
        if unit_code and unit_id is None:
            check.add("unit", _("Unknown unit code “%(code)s”.") % {"code": unit_code})
            return None
        if unit_id is not None and self.scope is not None and unit_id not in self.scope:
            # Before looking for its collectives: whether another unit has one is not ours.
            check.add("unit", _("This record is outside your scope."))
            return None
        if cccd:
            found = self.people.get(cccd)
            if found is None or (self.scope is not None and found[1] not in self.scope):
                # Someone else's person reads as unknown: the file may not reveal who holds a
                # number, nor attach an award to them under the importer's own unit code.
                check.add("cccd", _("No person with citizen ID %(cccd)s is registered in your "
                                    "units.") % {"cccd": cccd})
                return None
            subject = ("individual", found[0], unit_id or found[1])
        elif unit_id is not None:
            collective = self.collectives.get((unit_id, fold(name)))
            if collective is None:
                check.add("collective", _("No collective “%(name)s” in unit %(code)s.") % {
                    "name": name or _("(whole unit)"), "code": unit_code})
                return None
            subject = ("collective", collective, unit_id)
        else:
            check.add("cccd", _("Give a citizen ID (individual) or a unit code (collective)."))
            return None
        if subject[2] is None or (self.scope is not None and subject[2] not in self.scope):
            check.add("unit" if unit_code else "cccd", _("This record is outside your scope."))
            return None
        return subject


class _SubjectImporter(Importer):
    permission = "awards.change_ledger"
    identity_bits: tuple[int, ...]  # FirstRows' field widths of the row's identity

    def start(self) -> None:
        self.subjects = _SubjectLookup(self.user)
        self.seen = FirstRows(self.identity_bits)  # the row's identity → its first row
        self.this_year = timezone.localdate().year
        self.count = 0

    def prefetch(self, rows: list[Row]) -> None:
        self.subjects.prefetch(rows)

    @staticmethod
    def _kept_subject(data: dict) -> tuple[str, int, int]:
        """(subject kind, subject id, unit id) of a kept row."""
        return data["subject"]

    def _outside_scope(self, rows: list[Row]) -> list:
        """At commit: rows whose unit left the committer's scope since the check (the
        committer may be another user, or have lost a role)."""
        scope, errors = self.subjects.scope, []
        for row in rows if scope is not None else ():
            kind, _id, unit_id = self._kept_subject(row.data)
            if unit_id not in scope:
                check = RowCheck(self, row)
                check.add("cccd" if kind == "individual" else "unit",
                          _("This record is outside your scope."))
                errors.extend(check.errors)
        return errors

    def _first(self, check: RowCheck, key: tuple, column: str) -> bool:
        """Record the row's identity (subject kind, subject id, …, year); an identity already
        seen in the file is a duplicate."""
        identity = (SUBJECT_KIND_NUMBERS[key[0]], *key[1:-1], key[-1] - FIRST_YEAR)
        earlier = self.seen.first(identity, check.row.number)
        if earlier is not None:
            check.add(column, _("Same record as row %(row)s.") % {"row": earlier})
            return False
        return True


@register
class AwardImporter(_SubjectImporter):
    """Historical awards: title/form, year of achievement, kind, decision, revoked or not."""

    kind = "awards"
    label = gettext_lazy("Historical awards")
    identity_bits = AWARD_IDENTITY_BITS
    columns = (*SUBJECT_COLUMNS,
               Column("award", "Mã danh hiệu/hình thức", required=True,
                      help=gettext_lazy("A catalogue code (e.g. cstd_co_so) or the exact name.")),
               Column("year", "Năm thành tích", required=True,
                      help=gettext_lazy("Year of the achievement.")),
               Column("kind", "Loại hình",
                      help=gettext_lazy("Award kind code; empty means cong_trang (merit).")),
               Column("decision_number", "Số quyết định", required=True),
               Column("decision_date", "Ngày quyết định", required=True,
                      help=gettext_lazy("dd/mm/yyyy")),
               Column("issuer", "Cơ quan ban hành", required=True),
               Column("revoked", "Đã thu hồi", help=gettext_lazy("Có or Không.")),
               Column("issuer_unit", "Mã cơ quan ban hành",
                      help=gettext_lazy("Unit code of the granting authority, when it is in "
                                        "the system: its staff (or its successor's) may later "
                                        "revoke or correct the record.")))
    # The row as the ledger's insert takes it (IMPORT_FIELDS; the date as ISO text): the
    # commit reads it back and writes it, building nothing per row.
    kept = ("insert",)

    def start(self) -> None:
        super().start()
        self.types = {}
        for pk, code, name, subjects in AwardType.objects.values_list("id", "code", "name",
                                                                      "subject_kinds"):
            self.types[code] = self.types[fold(name)] = (pk, code, subjects)

    def check_batch(self, rows: list[Row]) -> list:
        """Row checks, then the batch's live awards against the ledger (one query per
        subject kind): "already awarded … by decision …" on the award column."""
        errors = super().check_batch(rows)
        ready = [row for row in rows if "entry" in row.data]
        conflicts = live_conflicts([row.data["entry"] for row in ready])
        for index, existing in sorted(conflicts.items()):
            check = RowCheck(self, ready[index])
            check.add("award", conflict_message(existing))
            del ready[index].data["entry"]
            errors.extend(check.errors)
        return sorted(errors, key=lambda e: e.row)

    def check_row(self, row: Row) -> list:
        check = RowCheck(self, row)
        subject = self.subjects.resolve(check)
        award = check.get("award", max_length=255)
        year = check.get("year", year_cell)
        if not check.get("kind", cells.choice, choices=AwardKind):
            row.data["kind"] = AwardKind.MERIT
        number = check.get("decision_number", max_length=100)
        decided = check.get("decision_date", cells.date)
        check.get("issuer", max_length=255)
        check.get("revoked", cells.yes_no)
        issuer_unit = self._issuer_unit(check)
        found = self.types.get(award) or self.types.get(fold(award)) if award else None
        if award and found is None:
            check.add("award", _("Unknown title or form “%(code)s”.") % {"code": award})
        if year is not None:
            self._check_year(check, year, decided)
        if not (subject and found and year is not None and number and not check.errors):
            return check.errors
        if subject[0] not in found[2]:
            check.add("award", _("“%(award)s” is not awarded to this kind of subject "
                                 "(%(kind)s).") % {"award": award,
                                                   "kind": SubjectKind(subject[0]).label})
        elif row.data["revoked"] or self._first(check, (subject[0], subject[1], found[0], year),
                                                "award"):
            row.data.update(subject=subject, award_type_id=found[0], issuer_unit_id=issuer_unit)
            row.data["insert"] = values = self._insert_values(row.data)
            row.data["entry"] = self._new_record(**dict(zip(IMPORT_FIELDS, values, strict=True)))
        return check.errors

    def _issuer_unit(self, check: RowCheck) -> int | None:
        code = check.get("issuer_unit", max_length=40)
        if code and code not in self.subjects.units:
            check.add("issuer_unit", _("Unknown unit code “%(code)s”.") % {"code": code})
        return self.subjects.units.get(code) if code else None

    def _check_year(self, check: RowCheck, year: int, decided) -> None:
        if not FIRST_YEAR <= year <= self.this_year:
            check.add("year", _("Impossible year %(year)s.") % {"year": year})
        elif decided is not None and year > decided.year:
            check.add("year", _("The achievement year %(year)s is after the decision date.") % {
                "year": year})

    @staticmethod
    def _kept_subject(data: dict) -> tuple[str, int, int]:
        values = data["insert"]  # IMPORT_FIELDS: award type, person, collective, unit, …
        if values[1] is not None:
            return "individual", values[1], values[3]
        return "collective", values[2], values[3]

    def recheck_batch(self, rows: list[Row]) -> list:
        """Scope here; the live-award rule is checked by the ledger writer itself."""
        return self._outside_scope(rows)

    def write_batch(self, rows: list[Row]) -> None:
        """Through the ledger's writer of imported rows, whose unique indexes refuse a live
        award written since the file was checked; the refused rows are then named."""
        try:
            record_award_rows([row.data["insert"] for row in rows])
        except LedgerConflict as refused:
            errors = []
            for index, existing in sorted(refused.conflicts.items()):
                check = RowCheck(self, rows[index])
                check.add("award", conflict_message(existing))
                errors.extend(check.errors)
            raise RowsRefused(errors) from refused
        self.count += len(rows)

    _new_record = staticmethod(maker(AwardRecord))  # built per row at check, for its rule

    @staticmethod
    def _insert_values(data: dict) -> tuple:
        """The row's values in IMPORT_FIELDS' order."""
        kind, subject_id, unit_id = data["subject"]
        revoked = bool(data["revoked"])
        return (data["award_type_id"], subject_id if kind == "individual" else None,
                subject_id if kind == "collective" else None, unit_id, data["year"],
                str(data["kind"]), data["decision_number"], data["decision_date"],
                data["issuer"], data["issuer_unit_id"], revoked,
                _("Revoked (imported history)") if revoked else "", str(RecordSource.IMPORT))

    def finish(self) -> dict[str, int]:
        return {"awards": self.count}

    def example_row(self) -> list:
        return ["001085012345", "", "", "cstd_co_so", 2024, "cong_trang", "25/QĐ-SGDĐT",
                "20/01/2025", "Giám đốc Sở Giáo dục và Đào tạo", "Không", ""]

    def allowed_values(self) -> list[tuple[str, str, str]]:
        kinds = [("Loại hình", k.value, k.label) for k in AwardKind]
        return kinds + [("Mã danh hiệu/hình thức", code, name) for code, name in
                        AwardType.objects.values_list("code", "name")]


@register
class RatingImporter(_SubjectImporter):
    """Annual task ratings (đánh giá, xếp loại chất lượng) of individuals and collectives."""

    kind = "ratings"
    label = gettext_lazy("Annual task ratings")
    identity_bits = RATING_IDENTITY_BITS
    columns = (*SUBJECT_COLUMNS,
               Column("year", "Năm", required=True),
               Column("rating", "Xếp loại", required=True,
                      help=gettext_lazy("xuat_sac, tot, hoan_thanh, khong_hoan_thanh (or the "
                                        "Vietnamese wording).")))
    kept = ("subject", "year", "rating")

    def prefetch(self, rows: list[Row]) -> None:
        super().prefetch(rows)
        people = [p for p, _u in self.subjects.people.values()]
        self.rated = set(TaskRating.objects.filter(person_id__in=people)
                         .values_list("person_id", "year"))

    def check_row(self, row: Row) -> list:
        check = RowCheck(self, row)
        subject = self.subjects.resolve(check)
        year = check.get("year", year_cell)
        check.get("rating", cells.choice, choices=Rating)
        if year is not None and not FIRST_YEAR <= year <= self.this_year:
            check.add("year", _("Impossible year %(year)s.") % {"year": year})
        if (subject and year is not None and not check.errors
                and self._first(check, (subject[0], subject[1], year), "year")
                and subject[0] == "individual" and (subject[1], year) in self.rated):
            check.add("year", _("This person already has a rating for %(year)s; correct "
                                    "it on their profile.") % {"year": year})
        row.data["subject"] = subject
        return check.errors

    def recheck_batch(self, rows: list[Row]) -> list:
        """Scope, and ratings given to the same people meanwhile (one query)."""
        errors = self._outside_scope(rows)
        people = {row.data["subject"][1] for row in rows if row.data["subject"][0] == "individual"}
        rated = set(TaskRating.objects.filter(person_id__in=people)
                    .values_list("person_id", "year"))
        for row in rows:
            kind, subject_id, _unit = row.data["subject"]
            if kind == "individual" and (subject_id, row.data["year"]) in rated:
                check = RowCheck(self, row)
                check.add("year", _("This person already has a rating for %(year)s; correct "
                                    "it on their profile.") % {"year": row.data["year"]})
                errors.extend(check.errors)
        return sorted(errors, key=lambda e: e.row)

    def write_batch(self, rows: list[Row]) -> None:
        TaskRating.objects.bulk_create([
            TaskRating(person_id=r.data["subject"][1] if r.data["subject"][0] == "individual"
                       else None,
                       collective_id=r.data["subject"][1] if r.data["subject"][0] == "collective"
                       else None,
                       unit_id=r.data["subject"][2], year=r.data["year"],
                       rating=r.data["rating"], source=RecordSource.IMPORT) for r in rows])
        self.count += len(rows)

    def finish(self) -> dict[str, int]:
        return {"ratings": self.count}

    def example_row(self) -> list:
        return ["001085012345", "", "", timezone.localdate().year - 1, "xuat_sac"]

    def allowed_values(self) -> list[tuple[str, str, str]]:
        return [("Xếp loại", r.value, r.label) for r in Rating]
