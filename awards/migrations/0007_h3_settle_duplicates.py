"""Before the one-live-award constraint (0008): fill in the granting authority where it is
known, and settle existing duplicates without deleting anything.

* `issuer_unit`: the issuing unit of the decision that wrote the record; for manual and
  imported records, the unit whose name is exactly the recorded issuer (when only one unit has
  that name). Otherwise it stays empty: only a system administrator may then revoke or correct
  the record (awards.domain.authority).
* Duplicates: among the live records of one subject, award type and year, the one kept live is
  the record written by a decision issued here, else the earliest decision, else the first
  entered; each other one is marked revoked with a reason naming the kept record (so it stops
  counting twice), and one audit entry per marked record says so. Nothing is deleted.
"""

from django.db import migrations
from django.db.models import Count

SUBJECTS = ("person", "collective", "household")
REASON = ("Bản ghi trùng: cùng đối tượng, danh hiệu/hình thức và năm với bản ghi theo Quyết "
          "định số {number} ngày {date}; đánh dấu khi áp dụng quy tắc một khen thưởng còn hiệu "
          "lực (không xóa).")


def fill_issuer_units(AwardRecord, DecisionItem, Unit) -> None:
    for record_id, issuer_id in DecisionItem.objects.filter(
            award_record__isnull=False, award_record__issuer_unit__isnull=True).values_list(
            "award_record_id", "decision__issuer_id").iterator(chunk_size=2000):
        AwardRecord.objects.filter(pk=record_id).update(issuer_unit_id=issuer_id)
    names: dict[str, list[int]] = {}
    for pk, name in Unit.objects.values_list("id", "name"):
        names.setdefault(name.strip().casefold(), []).append(pk)
    issuers = (AwardRecord.objects.filter(issuer_unit__isnull=True).order_by()
               .values_list("issuer", flat=True).distinct())
    for issuer in list(issuers):
        found = names.get(issuer.strip().casefold(), [])
        if len(found) == 1:
            AwardRecord.objects.filter(issuer_unit__isnull=True, issuer=issuer).update(
                issuer_unit_id=found[0])


def keep_order(record) -> tuple:
    return (record.source != "decision", record.decision_date, record.pk)


def settle_duplicates(AwardRecord, AuditEntry) -> None:
    for subject in SUBJECTS:
        groups = (AwardRecord.objects.filter(**{f"{subject}__isnull": False}, revoked=False)
                  .order_by().values(subject, "award_type", "year")
                  .annotate(n=Count("id")).filter(n__gt=1))
        for group in groups.iterator():
            group.pop("n")
            records = sorted(AwardRecord.objects.filter(**group, revoked=False), key=keep_order)
            kept = records[0]
            reason = REASON.format(number=kept.decision_number,
                                   date=kept.decision_date.strftime("%d/%m/%Y"))
            for duplicate in records[1:]:
                duplicate.revoked, duplicate.revoked_reason = True, reason
                duplicate.save(update_fields=["revoked", "revoked_reason"])
                AuditEntry.objects.create(
                    actor=None, actor_label="system", action="awards.record.settle_duplicate",
                    object_type="awards.awardrecord", object_id=str(duplicate.public_id),
                    object_label=f"{duplicate.decision_number} ({duplicate.year})"[:300],
                    unit_id=duplicate.unit_id, changes={"revoked": [False, True]},
                    reason=reason)


def forwards(apps, schema_editor):
    AwardRecord = apps.get_model("awards", "AwardRecord")
    fill_issuer_units(AwardRecord, apps.get_model("decisions", "DecisionItem"),
                      apps.get_model("organisations", "Unit"))
    settle_duplicates(AwardRecord, apps.get_model("audit", "AuditEntry"))


class Migration(migrations.Migration):

    dependencies = [("awards", "0006_h3_ledger_authority"),
                    ("decisions", "0004_search_text"), ("audit", "0001_initial")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
