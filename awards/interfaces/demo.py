"""Demo award history for `seed_demo`: annual ratings 2019–2025 and the titles and diplomas they
led to, so profiles, the ledger and the qualification lists show realistic data. Bulk-loaded
(a person gets each title at most once a year: the one-live-award rule holds by construction,
and a test checks it). A person is rated and awarded only for the years they worked, never
before their 18th birthday; each decision carries its issuer's symbol (`…/QĐ-UBND` for a
people's committee)."""

import datetime
import random

from django.db.models import Min

from awards.domain.ledger import LEDGER
from awards.models import AwardRecord, AwardType, TaskRating
from core.caching import bump_version
from organisations.domain.naming import decision_symbol
from organisations.enums import UnitKind, UnitLevel
from organisations.models import Person, Unit

YEARS = range(2019, 2026)
RATINGS = [("xuat_sac", 25), ("tot", 60), ("hoan_thanh", 12), ("khong_hoan_thanh", 3)]


def _decision(year: int, unit, n: int, authority=None) -> dict:
    """The decision of a history record: granted by `authority` (the province's committee for
    its Bằng khen), else by the unit's parent (its head signs the titles of the units below),
    which is recorded as the granting authority, under its own symbol."""
    authority = authority or (unit.parent if unit.parent_id else unit)
    return {"decision_number": f"{n}/{decision_symbol(authority)}",
            "decision_date": datetime.date(year + 1, 1, 15 + n % 10), "issuer": authority.name,
            "issuer_unit_id": authority.pk}


def _adult_working_years(person) -> range:
    """The years the person can have been rated: from the first employment (and never before
    the year they turn 18: a decision of January Y+1 then falls after the birthday)."""
    adult = person.birth_date.year + 18 if person.birth_date else YEARS.start
    return range(max(YEARS.start, person.started.year, adult), YEARS.stop)


def build_history(rng: random.Random) -> int:
    types = {t.code: t for t in AwardType.objects.filter(
        code__in=["ldtt", "cstd_co_so", "bang_khen_tinh", "giay_khen"])}
    province = Unit.objects.filter(kind=UnitKind.PEOPLES_COMMITTEE, level=UnitLevel.PROVINCE,
                                   parent__isnull=True, valid_to__isnull=True).first()
    ratings, records, total = [], [], 0
    people = Person.objects.filter(employments__isnull=False).annotate(
        started=Min("employments__start_date")).select_related("unit__parent").order_by("id")
    for person in people.iterator(chunk_size=2000):
        weights = [w * (2 if code == "xuat_sac" and person.is_leader else 1)
                   for code, w in RATINGS]
        cstd_run = 0
        for year in _adult_working_years(person):
            rating = rng.choices([c for c, _w in RATINGS], weights)[0]
            ratings.append(TaskRating(person=person, unit=person.unit, year=year, rating=rating,
                                      source="import"))
            if rating not in ("xuat_sac", "tot"):
                cstd_run = 0
                continue
            base = {"person": person, "unit": person.unit, "year": year, "source": "import"}
            records.append(AwardRecord(award_type=types["ldtt"], **base,
                                       **_decision(year, person.unit, len(records))))
            if rating == "xuat_sac" and rng.random() < 0.6:
                cstd_run += 1
                records.append(AwardRecord(award_type=types["cstd_co_so"], **base,
                                           **_decision(year, person.unit, len(records))))
                if cstd_run == 2 and rng.random() < 0.5:
                    records.append(AwardRecord(award_type=types["bang_khen_tinh"], **base,
                                               **_decision(year, person.unit, len(records),
                                                           province)))
            else:
                cstd_run = 0
        if len(records) > 20_000:
            total += _flush(ratings, records, rng)
            ratings, records = [], []
    return total + _flush(ratings, records, rng)


def _flush(ratings, records, rng) -> int:
    for n, record in enumerate(records, 1):
        if rng.random() < 0.002:  # a few revoked awards, as inspections find
            record.revoked, record.revoked_on = True, datetime.date(2025, 10, 1)
            record.revoked_reason = "Kết luận thanh tra: hồ sơ đề nghị không trung thực"
            # Revoked by the authority that granted it, under the same symbol.
            symbol = record.decision_number.split("/", 1)[1]
            record.revoking_decision_number = f"{n}/{symbol}"
            record.revoking_decision_date = record.revoked_on
            record.revoking_issuer = record.issuer
    TaskRating.objects.bulk_create(ratings, batch_size=5000)
    bump_version(LEDGER)
    return len(AwardRecord.objects.bulk_create(records, batch_size=5000))
