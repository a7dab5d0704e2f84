import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from awards.domain.catalogue import set_parameter
from awards.domain.parameters import CatalogueParameters
from awards.models import AwardParameter, AwardRecord, AwardType
from tests.factories import PersonFactory

D = datetime.date


def test_new_dated_value_closes_the_previous_one(admin_user):
    ldtt = AwardType.objects.get(code="ldtt")
    set_parameter(admin_user, ldtt, key="coefficient_individual", value=0.35,
                  valid_from=D(2027, 1, 1), citation="Nghị định giả định 1/2027", verified=False)
    params = CatalogueParameters()
    assert params.coefficient("ldtt", "individual", D(2026, 12, 31)).value == 0.3
    assert params.coefficient("ldtt", "individual", D(2027, 1, 2)).value == 0.35
    closed = AwardParameter.objects.get(award_type=ldtt, key="coefficient_individual",
                                        valid_from=D(2025, 7, 1))
    assert closed.valid_to == D(2026, 12, 31)


def test_back_dated_value_is_refused(admin_user):
    ldtt = AwardType.objects.get(code="ldtt")
    with pytest.raises(ValidationError):
        set_parameter(admin_user, ldtt, key="coefficient_individual", value=1,
                      valid_from=D(2025, 1, 1), citation="x", verified=True)


def test_only_admin_maintains_the_catalogue(client, admin_user, board_user):
    url = reverse("awards:parameter_add", args=["ldtt"])
    client.force_login(board_user)
    assert client.get(url).status_code == 403
    client.force_login(admin_user)
    response = client.post(url, {"key": "vote_share", "value": "0.75", "valid_from": "2027-01-01",
                                 "citation": "Quy chế tỉnh", "verified": "on"})
    assert response.status_code == 302
    assert AwardParameter.objects.get(award_type__code="ldtt", key="vote_share").value == 0.75


def test_officer_records_and_revokes_an_award(client, officer_a, dept_a):
    person = PersonFactory(unit=dept_a)
    client.force_login(officer_a)
    response = client.post(reverse("awards:record_add", args=[person.public_id]), {
        "award_type": AwardType.objects.get(code="ldtt").pk, "year": 2024,
        "kind": "cong_trang", "decision_number": "15/QĐ-SGD", "decision_date": "2025-01-15",
        "issuer": "Giám đốc Sở GD&ĐT"})
    assert response.status_code == 302
    entry = AwardRecord.objects.get()
    client.post(reverse("awards:record_revoke", args=[entry.public_id]),
                {"on": "2026-01-10", "reason": "Kết luận thanh tra"})
    entry.refresh_from_db()
    assert (entry.revoked, entry.revoked_reason) == (True, "Kết luận thanh tra")


def test_outsider_cannot_record_or_revoke(client, outsider, dept_a):
    person = PersonFactory(unit=dept_a)
    client.force_login(outsider)
    assert client.get(reverse("awards:record_add", args=[person.public_id])).status_code == 404
    from awards.domain.ledger import record_award

    entry = record_award(None, award_type=AwardType.objects.get(code="ldtt"), year=2024,
                         decision_number="1", decision_date=D(2025, 1, 1), issuer="x",
                         person=person)
    response = client.post(reverse("awards:record_revoke", args=[entry.public_id]),
                           {"on": "2026-01-10", "reason": "x"})
    assert response.status_code == 404
    entry.refresh_from_db()
    assert entry.revoked is False


def test_officer_records_discipline_and_pending_matter(client, officer_a, outsider, dept_a):
    from awards.models import DisciplineRecord, PendingMatter

    person = PersonFactory(unit=dept_a)
    client.force_login(outsider)
    assert client.get(reverse("awards:discipline_add", args=[person.public_id])).status_code == 404
    client.force_login(officer_a)
    client.post(reverse("awards:discipline_add", args=[person.public_id]),
                {"level": "khien_trach", "start": "2025-03-01", "end": "2025-09-01"})
    client.post(reverse("awards:pending_add", args=[person.public_id]),
                {"kind": "complaint", "opened_on": "2025-11-01", "note": "Đơn thư"})
    assert DisciplineRecord.objects.get().level == "khien_trach"
    assert PendingMatter.objects.get().kind == "complaint"
    profile = client.get(reverse("awards:person_profile", args=[person.public_id]),
                         {"year": 2025})
    lines = {line.award: line.verdict for line in profile.context["overview"]}
    assert "common.hold" in [r.rule for r in lines["ldtt"].missing]


def test_closing_a_matter_twice_is_refused(dept_a):
    from awards.domain.facts import close_matter, open_matter

    person = PersonFactory(unit=dept_a)
    matter = open_matter(None, person, kind="inspection", opened_on=D(2025, 1, 1))
    close_matter(None, matter, closed_on=D(2025, 2, 1), note="Kết luận: không vi phạm")
    with pytest.raises(ValidationError):
        close_matter(None, matter, closed_on=D(2025, 2, 2), note="lần hai")


def test_province_can_correct_a_criterion_number(dept_a):
    """The TTLĐTT share is [U] in the legal reference: stored as data, corrected in the table."""
    from awards.eligibility.engine import evaluate
    from awards.models import LegalCriterion
    from tests.awards.eligibility.builders import COLLECTIVE, case, members

    c = case("tt_ldtt", 2025, subject=COLLECTIVE, ratings=[(2025, "tot")],
             members=members(20, 20, 13, 0, 0))
    assert evaluate(c, CatalogueParameters()).eligible is False
    LegalCriterion.objects.filter(law="2022", key="collective.ldtt_share_tt_ldtt").update(
        value=0.6)
    assert evaluate(c, CatalogueParameters()).eligible is True
