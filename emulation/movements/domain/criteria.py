"""Criteria sets (bảng tiêu chí chấm điểm thi đua): the seeded template, copying a template into
a year's set, and the tree as pure `scoring.Node`s."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from audit.domain.record import record
from emulation.movements.domain import scoring
from emulation.movements.models import CriteriaSet, Criterion

TEMPLATE_NAME = "Bảng tiêu chí thi đua cụm, khối (mẫu)"
# (code, parent code, name, max points, weight, kind, evidence required). [U] points: the
# province sets them in its yearly guidance; these add up to 100 plus a 5-point bonus.
TEMPLATE = (
    ("1", None, "Thực hiện nhiệm vụ chính trị được giao", "60", "1", "normal", False),
    ("1.1", "1", "Hoàn thành chỉ tiêu, nhiệm vụ chuyên môn trong năm", "40", "1", "normal",
     True),
    ("1.2", "1", "Cải cách hành chính, chuyển đổi số", "20", "1", "normal", True),
    ("2", None, "Công tác thi đua, khen thưởng", "40", "1", "normal", False),
    ("2.1", "2", "Trách nhiệm của người đứng đầu trong công tác thi đua, khen thưởng", "15",
     "1", "normal", True),
    ("2.2", "2", "Thực hiện chế độ thông tin, báo cáo đúng hạn", "10", "1", "normal", True),
    ("2.3", "2", "Tổ chức phong trào thi đua, phát hiện và nhân rộng điển hình tiên tiến", "15",
     "1", "normal", True),
    ("3", None, "Điểm thưởng (mô hình mới, cách làm hay)", "5", "1", "bonus", True),
    ("4", None, "Điểm trừ (vi phạm, chậm báo cáo)", "10", "1", "penalty", False),
)
# Criteria the system scores from its own records (seed 001 §8: on-time reporting is an
# emulation criterion, and the system knows who filed late — reports.domain.timeliness).
TEMPLATE_FEEDS = {"2.2": "reporting_on_time"}


def mark_template_feeds(apps=None) -> int:
    """Set `feed` on the template's system-fed rows (data migration 0004 for databases seeded
    before the field existed, and `seed_template`). Returns the rows changed."""
    sets = apps.get_model("emulation", "CriteriaSet") if apps else CriteriaSet
    crits = apps.get_model("emulation", "Criterion") if apps else Criterion
    template = sets.objects.filter(name=TEMPLATE_NAME, is_template=True).first()
    changed = 0
    for code, feed in TEMPLATE_FEEDS.items() if template else ():
        changed += crits.objects.filter(criteria_set=template, code=code).update(feed=feed)
    return changed


def seed_template(apps=None) -> None:
    """Load the built-in template once (data migration and `reload_reference_data`)."""
    sets = apps.get_model("emulation", "CriteriaSet") if apps else CriteriaSet
    crits = apps.get_model("emulation", "Criterion") if apps else Criterion
    if sets.objects.filter(name=TEMPLATE_NAME, is_template=True).exists():
        return
    template = sets.objects.create(name=TEMPLATE_NAME, is_template=True)
    by_code = {}
    for position, (code, parent, name, top, weight, kind, evidence) in enumerate(TEMPLATE):
        by_code[code] = crits.objects.create(
            criteria_set=template, parent=by_code.get(parent), code=code, name=name,
            max_points=Decimal(top), weight=Decimal(weight), kind=kind,
            evidence_required=evidence, position=position)
    if any(f.name == "feed" for f in crits._meta.get_fields()):
        # Migration 0002's historical model has no `feed` yet; migration 0004 marks it there.
        mark_template_feeds(apps)


@transaction.atomic
def copy_criteria_set(source: CriteriaSet, *, actor, name: str, year: int | None,
                      is_template: bool = False) -> CriteriaSet:
    """A new set with the same tree and thresholds as `source` (usually a template).

    Side effects: CriteriaSet and Criterion rows; audit entry `emulation.criteria_set.copy`.
    """
    if not name.strip():
        raise ValidationError({"name": _("Give the criteria set a name.")})
    copy = CriteriaSet.objects.create(name=name, year=year, is_template=is_template,
                                      thresholds=source.thresholds, copied_from=source)
    new_by_old: dict[int, Criterion] = {}
    for old in active(source).order_by("position", "id"):
        new_by_old[old.pk] = Criterion.objects.create(
            criteria_set=copy, parent=new_by_old.get(old.parent_id), code=old.code,
            name=old.name, max_points=old.max_points, weight=old.weight, kind=old.kind,
            evidence_required=old.evidence_required, position=old.position, feed=old.feed)
    record(actor, "emulation.criteria_set.copy", copy, changes={"from": str(source.public_id)})
    return copy


def active(criteria_set):
    """The criteria that are scored: retired ones (and their sub-criteria) left out."""
    return criteria_set.criteria.filter(retirement__isnull=True)


def nodes_of(criteria) -> list[scoring.Node]:
    """The pure tree of Criterion rows (parent codes instead of ids)."""
    criteria = list(criteria)
    code_of = {c.pk: c.code for c in criteria}
    return [scoring.Node(code=c.code, parent=code_of.get(c.parent_id), max_points=c.max_points,
                         weight=c.weight, kind=c.kind) for c in criteria]


def thresholds_of(criteria_set: CriteriaSet) -> tuple[tuple[str, Decimal], ...]:
    return tuple((code, Decimal(str(minimum))) for code, minimum in criteria_set.thresholds)


def leaves(criteria) -> list[Criterion]:
    criteria = list(criteria)
    parents = {c.parent_id for c in criteria if c.parent_id}
    return [c for c in criteria if c.pk not in parents]
