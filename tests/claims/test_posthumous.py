"""A deceased claimant without citizen ID becomes a nominee through a person record registered
from the claim, and the posthumous award names the next of kin who receives it (Pháp lệnh Bà mẹ
Việt Nam anh hùng Điều 1: "tặng hoặc truy tặng")."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from audit.models import AuditEntry
from awards.models import AwardType
from claims.domain import proposing
from claims.enums import ClaimKind, ClaimState
from claims.models import Claim
from decisions.domain import issuing
from decisions.interfaces.documents import annex_tables, certificate_page
from organisations.domain.people import update_person
from organisations.models import Person
from proposals.domain import workflow
from proposals.enums import Opinion
from tests.claims.helpers import at_stage
from tests.decisions.helpers import DECIDED_ON, draft_for
from tests.factories import PersonFactory
from tests.proposals.helpers import complete_dossier


def _mother(officer, unit):
    return at_stage(officer, unit, ClaimState.VERIFIED, kind=ClaimKind.HEROIC_MOTHER)


def _propose_registering(officer, claim, unit, **extra):
    return proposing.propose(
        officer, claim, award_type=AwardType.objects.get(code="giay_khen"), recipient_unit=unit,
        register_deceased=True, gender="female", death_year=1990, **extra)


def test_a_deceased_claimant_is_registered_without_citizen_id(officer_a, dept_a):
    claim = _mother(officer_a, dept_a)
    proposal = _propose_registering(officer_a, claim, dept_a)
    person = Claim.objects.get(pk=claim.pk).person
    assert (person.full_name, person.cccd, person.deceased, person.death_year,
            person.birth_date, person.birth_year_only, person.birth_display, person.unit) == (
        "Lê Thị Mẹ", None, True, 1990, datetime.date(1935, 1, 1), True, "1935", dept_a)
    nominee = proposal.nominees.get()
    assert (nominee.person, nominee.received_by) == (person, proposing.next_of_kin(claim))
    assert nominee.received_by.startswith("Lê Văn Con (")
    entry = AuditEntry.objects.get(action="organisations.person.register_deceased")
    assert entry.changes["source"] == [None, claim.code]


def test_registering_needs_the_gender(officer_a, dept_a):
    claim = _mother(officer_a, dept_a)
    with pytest.raises(ValidationError) as error:
        proposing.propose(officer_a, claim, award_type=AwardType.objects.get(code="giay_khen"),
                          recipient_unit=dept_a, register_deceased=True)
    assert list(error.value.message_dict) == ["gender"]
    assert Person.objects.filter(cccd__isnull=True).count() == 0


def test_a_living_claimant_is_not_registered_as_deceased(officer_a, dept_a):
    claim = at_stage(officer_a, dept_a, ClaimState.VERIFIED)
    with pytest.raises(ValidationError) as error:
        _propose_registering(officer_a, claim, dept_a)
    assert list(error.value.message_dict) == ["register_deceased"]


def test_a_linked_record_must_say_the_person_died(officer_a, dept_a):
    claim = at_stage(officer_a, dept_a, ClaimState.VERIFIED, kind=ClaimKind.HEROIC_MOTHER,
                     person=PersonFactory(unit=dept_a, gender="female"))
    with pytest.raises(ValidationError) as error:
        proposing.propose(officer_a, claim, award_type=AwardType.objects.get(code="giay_khen"),
                          recipient_unit=dept_a)
    assert list(error.value.message_dict) == ["person"]


def test_the_decision_and_certificate_say_posthumous_and_name_the_next_of_kin(
        officer_a, board_user, approver_user, dept_a):
    claim = _mother(officer_a, dept_a)
    proposal = _propose_registering(officer_a, claim, dept_a,
                                    received_by="Lê Văn Con (con trai)")
    complete_dossier(officer_a, proposal)
    workflow.submit(board_user, proposal, override_reason="Hồ sơ tồn đọng")
    workflow.assign_appraisers(board_user, proposal, [board_user])
    workflow.record_opinion(board_user, proposal.nominees.get(), opinion=Opinion.AGREE)
    workflow.finish_appraisal(board_user, proposal)
    decision = issuing.issue_decision(approver_user, draft_for(board_user, [proposal], dept_a),
                                      date=DECIDED_ON)
    item = decision.items.get()
    assert (item.posthumous, item.received_by) == (True, "Lê Văn Con (con trai)")
    assert annex_tables([item])[0].rows[0][1] == "Lê Thị Mẹ (truy tặng)"
    page = certificate_page(item.certificates.get(), "https://tdkt.example")
    assert (page.lead, page.recipient, page.received_by) == (
        "TRUY TẶNG", "Lê Thị Mẹ", "Thân nhân nhận: Lê Văn Con (con trai)")
    assert Claim.objects.get(pk=claim.pk).state == ClaimState.DECIDED


def test_a_living_awardee_prints_no_next_of_kin(officer_a, board_user, approver_user, dept_a):
    claim = at_stage(officer_a, dept_a, ClaimState.VERIFIED, person=PersonFactory(unit=dept_a))
    proposal = proposing.propose(officer_a, claim, recipient_unit=dept_a,
                                 award_type=AwardType.objects.get(code="giay_khen"),
                                 received_by="Ai đó")
    assert proposal.nominees.get().received_by == ""


def test_only_the_deceased_may_lack_a_citizen_id(db, dept_a):
    with pytest.raises(IntegrityError), transaction.atomic():
        Person.objects.create(full_name="Không Số", gender="male", cccd=None,
                              birth_date=datetime.date(1950, 1, 1), unit=dept_a)
    PersonFactory(unit=dept_a, cccd="", deceased=True)  # "" is stored as no CCCD
    assert Person.objects.filter(cccd__isnull=True, deceased=True).count() == 1


def test_correcting_a_living_person_keeps_the_citizen_id_required(officer_a, dept_a):
    person = PersonFactory(unit=dept_a)
    with pytest.raises(ValidationError) as error:
        update_person(officer_a, person, cccd="")
    assert list(error.value.message_dict) == ["cccd"]
    with pytest.raises(ValidationError) as error:
        update_person(officer_a, person, death_year=2001)
    assert list(error.value.message_dict) == ["death_year"]
    update_person(officer_a, person, deceased=True, death_year=2001)
    assert Person.objects.get(pk=person.pk).death_year == 2001


@pytest.fixture
def english(client):
    client.cookies["django_language"] = "en"


def test_propose_page_registers_the_deceased_claimant(client, english, officer_a, dept_a):
    claim = _mother(officer_a, dept_a)
    client.force_login(officer_a)
    url = reverse("claims:propose", args=[claim.public_id])
    form = client.get(url).context["form"]
    assert (form.initial["gender"], form.initial["received_by"]) == (
        "female", proposing.next_of_kin(claim))
    response = client.post(url, {
        "award_type": AwardType.objects.get(code="giay_khen").pk, "recipient_unit": dept_a.pk,
        "register_deceased": "on", "gender": "female", "death_year": "1988",
        "received_by": "Lê Văn Con (con trai)"})
    assert response.status_code == 302
    claim = Claim.objects.get(pk=claim.pk)
    assert (claim.state, claim.person.deceased, claim.person.death_year,
            claim.nominee.received_by) == (
        ClaimState.PROPOSED, True, 1988, "Lê Văn Con (con trai)")


def test_propose_page_of_a_living_claimant_has_no_registration(client, officer_a, dept_a):
    claim = at_stage(officer_a, dept_a, ClaimState.VERIFIED)
    client.force_login(officer_a)
    form = client.get(reverse("claims:propose", args=[claim.public_id])).context["form"]
    assert "register_deceased" not in form.fields
