"""Load the law (awards/data/lawbook.py `law_rows`, awards/data/authorities.py) into a database,
re-runnably.

Called by data migrations with the historical `apps` registry (so only `apps.get_model`), by
`reload_reference_data` after a flush, and by `manage.py sync_law`. Each row of the data files
is matched to a database row by its natural key — (key, valid_from) for `LegalValue`, (award
code, key, valid_from) for `AwardParameter`, (award code, level, kind, power, valid_from) for
`GrantingAuthority` — and merged field by field, three ways, against
`seeded` (what the files said at the last sync):

* the file did not change the field → the database keeps whatever it has;
* the file changed it and nobody edited it (current = seeded) → the new value is written;
* both changed it to different values → the administrator's value is kept and the field is
  reported as a conflict (`SyncReport.conflicts`, the audit entry, the law screen) until the
  administrator settles it.

A row the files no longer have is removed only if nobody edited it; otherwise it is kept and
reported. Rows an administrator added (`seeded` is None) are never touched.
"""

import datetime
import hashlib
import json
from dataclasses import asdict, dataclass, field

from awards.data.authorities import authority_rows
from awards.data.catalogue import CATALOGUE
from awards.data.lawbook import Row, law_rows
from core.text import fold

FIELDS = ("value", "valid_to", "citation", "verified")
_UNKNOWN = object()  # no baseline: an administrator's row met by a file row of the same key


@dataclass(frozen=True)
class Table:
    """A synced table: the fields naming a row (`natural`; "code" is the award type's code) and
    the fields merged."""

    model: str
    natural: tuple[str, ...]
    fields: tuple[str, ...]


LEGAL_VALUES = Table("LegalValue", ("key", "valid_from"), FIELDS)
AWARD_PARAMETERS = Table("AwardParameter", ("code", "key", "valid_from"), FIELDS)
AUTHORITIES = Table("GrantingAuthority",
                    ("code", "unit_level", "unit_kind", "power", "valid_from"),
                    ("office", "valid_to", "citation", "verified"))


@dataclass
class SyncReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    conflicts: list[dict] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated or self.removed or self.conflicts)

    def as_dict(self) -> dict:
        return {"created": len(self.created), "updated": self.updated, "removed": self.removed,
                "conflicts": self.conflicts}


def _json(value):
    return value.isoformat() if isinstance(value, datetime.date) else value


def plain(row_or_obj, fields: tuple[str, ...] = FIELDS) -> dict:
    """The merged fields of a file row (dict or Row) or a database row, as JSON."""
    get = row_or_obj.get if isinstance(row_or_obj, dict) else (
        lambda name: getattr(row_or_obj, name))
    return {name: _json(get(name)) for name in fields}


def _assign(obj, name: str, value) -> None:
    if name in ("valid_from", "valid_to") and isinstance(value, str):
        value = datetime.date.fromisoformat(value)
    setattr(obj, name, value)


def _label(natural: tuple) -> str:
    return ".".join(str(_json(part)) for part in natural[:-1] if part) + \
        f"@{_json(natural[-1])}"


def merge(obj, new: dict, fields: tuple[str, ...], report: SyncReport, label: str) -> bool:
    """Three-way merge of `new` (the file's fields, as JSON) into `obj` (the database); True
    when `obj` changed."""
    current = plain(obj, fields)
    base = obj.seeded or {}  # None: every field is the administrator's
    seeded, changed = dict(base), False
    for name in fields:
        was = base.get(name, _UNKNOWN)
        if new[name] == was:
            continue  # the file did not change it: keep the database's value
        if current[name] == was or current[name] == new[name]:
            if current[name] != new[name]:
                _assign(obj, name, new[name])
                changed = True
            seeded[name] = new[name]
        else:  # both changed: keep the administrator's, keep reporting until settled
            report.conflicts.append({"row": label, "field": name, "kept": current[name],
                                     "file": new[name], "citation": new["citation"]})
    if seeded != obj.seeded:
        obj.seeded, changed = seeded, True
    if changed:
        report.updated.append(label)
    return changed


def sync_award_types(apps) -> None:
    """Every catalogue entry as an AwardType (names, subjects and order follow the file)."""
    AwardType = apps.get_model("awards", "AwardType")
    for order, (code, entry) in enumerate(CATALOGUE.items()):
        AwardType.objects.update_or_create(code=code, defaults={
            "name": entry["name"], "category": entry["category"],
            "subject_kinds": entry["subjects"], "award_kinds": entry["award_kinds"],
            "sort_order": order})


def _as_dict(row: Row) -> dict:
    return {"code": row.award, "key": row.key, "valid_from": row.valid_from, "value": row.value,
            "valid_to": row.valid_to, "citation": row.citation, "verified": row.verified}


def tables(rows: list[Row] | None = None, authorities: list[dict] | None = None):
    """(table, the files' rows as dicts) for each synced table."""
    rows = law_rows() if rows is None else rows
    authorities = authority_rows() if authorities is None else authorities
    return [(LEGAL_VALUES, [_as_dict(r) for r in rows if not r.award]),
            (AWARD_PARAMETERS, [_as_dict(r) for r in rows if r.award]),
            (AUTHORITIES, authorities)]


def natural_key(table: Table, obj, codes: dict) -> tuple:
    """The natural key of database row `obj` (`codes`: award type pk → code)."""
    return tuple(codes.get(obj.award_type_id) if name == "code" else getattr(obj, name)
                 for name in table.natural)


def sync_law(apps, schema_editor=None, *, rows: list[Row] | None = None,
             authorities: list[dict] | None = None) -> SyncReport:
    """Bring the database's law — dated values, per-award values, granting authorities — to
    the data files' (see the module docstring); one audit entry `awards.law.sync` when a
    loaded database changed."""
    sync_award_types(apps)
    first_load = not apps.get_model("awards", "LegalValue").objects.exists()
    report = SyncReport()
    for table, dicts in tables(rows, authorities):
        _sync_table(apps, table, dicts, report)
    if report.changed and not first_load:
        _audit(apps, report)
    return report


def _sync_table(apps, table: Table, rows: list[dict], report: SyncReport) -> None:
    model = apps.get_model("awards", table.model)
    by_award = "code" in table.natural
    award_ids = dict(apps.get_model("awards", "AwardType").objects.values_list("code", "pk"))
    codes = {pk: code for code, pk in award_ids.items()}

    existing = {natural_key(table, obj, codes): obj for obj in model.objects.all()}
    wanted, new = set(), []
    for row in rows:
        natural = tuple(row[name] for name in table.natural)
        wanted.add(natural)
        obj, label = existing.get(natural), _label(natural)
        if obj is None:
            values = {name: row[name] for name in (*table.natural, *table.fields)}
            if by_award:
                values["award_type_id"] = award_ids[values.pop("code")]
            new.append(model(**values, seeded=plain(row, table.fields)))
            report.created.append(label)
        elif merge(obj, plain(row, table.fields), table.fields, report, label):
            obj.save(update_fields=[*table.fields, "seeded"])
    model.objects.bulk_create(new)
    _withdrawn(table, existing, wanted, report)


def _withdrawn(table: Table, existing: dict, wanted: set, report: SyncReport) -> None:
    """Rows the files no longer have: gone if nobody edited them, else kept and reported."""
    for natural, obj in existing.items():
        if natural in wanted or obj.seeded is None:
            continue  # an administrator's own row
        label = _label(natural)
        if plain(obj, table.fields) == obj.seeded:
            report.removed.append(label)
            obj.delete()  # reference data the files withdrew, never edited: nothing to keep
        elif not any(c["row"] == label for c in report.conflicts):
            report.conflicts.append({"row": label, "field": "*", "kept": None, "file": None,
                                     "citation": obj.citation})


def _audit(apps, report: SyncReport) -> None:
    AuditEntry = apps.get_model("audit", "AuditEntry")
    label = "Dữ liệu pháp luật (awards/data)"
    # A migration's model has no save(): the log's folded search text is filled here, once the
    # audit table has it (audit 0003), so the log's object search finds the sync's entries.
    folded = ({"search_text": fold(label)} if any(
        f.name == "search_text" for f in AuditEntry._meta.get_fields()) else {})
    AuditEntry.objects.create(
        actor_label="system", action="awards.law.sync", object_type="awards.legalvalue",
        object_label=label, changes=report.as_dict(), **folded,
        reason="; ".join(f"{c['row']}.{c['field']}: giữ {c['kept']!r}, tệp dữ liệu "
                         f"{c['file']!r}" for c in report.conflicts)[:5000])


def fingerprint(rows: list[Row] | None = None) -> str:
    """A digest of the law data: the latest sync migration records it, and a test fails when
    the data files changed without a migration to load them into deployed databases."""
    rows = law_rows() if rows is None else rows
    text = json.dumps(sorted(json.dumps(asdict(r), default=str, sort_keys=True) for r in rows)
                      + sorted(json.dumps(a, default=str, sort_keys=True)
                               for a in authority_rows()))
    return hashlib.sha256(text.encode()).hexdigest()[:16]
