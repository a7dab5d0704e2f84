"""Load the law (awards/data/lawbook.py `law_rows`) into a database, re-runnably.

Called by data migrations with the historical `apps` registry (so only `apps.get_model`), by
`reload_reference_data` after a flush, and by `manage.py sync_law`. Each row of the data files
is matched to a database row by its natural key — (key, valid_from) for `LegalValue`, (award
code, key, valid_from) for `AwardParameter` — and merged field by field, three ways, against
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

from awards.data.catalogue import CATALOGUE
from awards.data.lawbook import Row, law_rows

FIELDS = ("value", "valid_to", "citation", "verified")
_UNKNOWN = object()  # no baseline: an administrator's row met by a file row of the same key


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


def plain(row_or_obj) -> dict:
    """The merged fields as JSON (dates as ISO strings)."""
    values = {name: getattr(row_or_obj, name) for name in FIELDS}
    if isinstance(values["valid_to"], datetime.date):
        values["valid_to"] = values["valid_to"].isoformat()
    return values


def _assign(obj, name: str, value) -> None:
    if name == "valid_to" and isinstance(value, str):
        value = datetime.date.fromisoformat(value)
    setattr(obj, name, value)


def _label(obj, award: str = "") -> str:
    return f"{award + '.' if award else ''}{obj.key}@{obj.valid_from.isoformat()}"


def merge(obj, row: Row, report: SyncReport, label: str) -> bool:
    """Three-way merge of `row` (the file) into `obj` (the database); True when `obj` changed."""
    current, new = plain(obj), plain(row)
    base = obj.seeded or {}  # None: every field is the administrator's
    seeded, changed = dict(base), False
    for name in FIELDS:
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
                                     "file": new[name], "citation": row.citation})
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


def sync_law(apps, schema_editor=None, *, rows: list[Row] | None = None) -> SyncReport:
    """Bring the database's law to the data files' (see the module docstring); one audit entry
    `awards.law.sync` when a loaded database changed."""
    sync_award_types(apps)
    rows = law_rows() if rows is None else rows
    LegalValue = apps.get_model("awards", "LegalValue")
    AwardParameter = apps.get_model("awards", "AwardParameter")
    first_load = not LegalValue.objects.exists()
    report = SyncReport()
    _sync_table(LegalValue, [r for r in rows if not r.award], report, award_field=None)
    _sync_table(AwardParameter, [r for r in rows if r.award], report,
                award_field="award_type__code")
    if report.changed and not first_load:
        _audit(apps, report)
    return report


def _sync_table(model, rows: list[Row], report: SyncReport, award_field: str | None) -> None:
    def key_of(award, key, start):
        return (award, key, start)

    existing = {}
    qs = model.objects.all()
    if award_field:
        qs = qs.select_related("award_type")
    for obj in qs:
        award = obj.award_type.code if award_field else ""
        existing[key_of(award, obj.key, obj.valid_from)] = obj
    award_ids = {}
    if award_field:
        AwardType = model._meta.get_field("award_type").related_model
        award_ids = dict(AwardType.objects.values_list("code", "pk"))
    wanted, new = set(), []
    for row in rows:
        natural = key_of(row.award, row.key, row.valid_from)
        wanted.add(natural)
        obj = existing.get(natural)
        label = f"{row.award + '.' if row.award else ''}{row.key}@{row.valid_from.isoformat()}"
        if obj is None:
            extra = {"award_type_id": award_ids[row.award]} if award_field else {}
            new.append(model(key=row.key, value=row.value, valid_from=row.valid_from,
                             valid_to=row.valid_to, citation=row.citation,
                             verified=row.verified, seeded=plain(row), **extra))
            report.created.append(label)
        elif merge(obj, row, report, label):
            obj.save(update_fields=[*FIELDS, "seeded"])
    model.objects.bulk_create(new)
    for natural, obj in existing.items():
        if natural in wanted or obj.seeded is None:
            continue  # an administrator's own row
        label = _label(obj, natural[0])
        if plain(obj) == obj.seeded:
            report.removed.append(label)
            obj.delete()  # reference data the files withdrew, never edited: nothing to keep
        elif not any(c["row"] == label for c in report.conflicts):
            report.conflicts.append({"row": label, "field": "*", "kept": plain(obj)["value"],
                                     "file": None, "citation": obj.citation})


def _audit(apps, report: SyncReport) -> None:
    AuditEntry = apps.get_model("audit", "AuditEntry")
    AuditEntry.objects.create(
        actor_label="system", action="awards.law.sync", object_type="awards.legalvalue",
        object_label="Dữ liệu pháp luật (awards/data)", changes=report.as_dict(),
        reason="; ".join(f"{c['row']}.{c['field']}: giữ {c['kept']!r}, tệp dữ liệu "
                         f"{c['file']!r}" for c in report.conflicts)[:5000])


def fingerprint(rows: list[Row] | None = None) -> str:
    """A digest of the law data: the latest sync migration records it, and a test fails when
    the data files changed without a migration to load them into deployed databases."""
    rows = law_rows() if rows is None else rows
    text = json.dumps(sorted(json.dumps(asdict(r), default=str, sort_keys=True) for r in rows))
    return hashlib.sha256(text.encode()).hexdigest()[:16]
