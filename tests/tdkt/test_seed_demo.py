import datetime

import pytest
from django.core.management import call_command

from accounts.models import User
from organisations.domain.tree import predecessors_of
from organisations.enums import UnitLevel
from organisations.models import (
    Cluster,
    ClusterMembership,
    Collective,
    EmulationStaff,
    Household,
    Person,
    Unit,
)
from proposals.models import CouncilSession
from tdkt.reference_data import reload_reference_data


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        try:
            call_command("seed_demo", people=300, reset=True, verbosity=0)
            yield
        finally:
            # Committed outside any test transaction: remove it even when a stage failed, or
            # every later test would see the demo province. flush also empties the reference
            # data the migrations loaded; later tests need it.
            call_command("flush", interactive=False, verbosity=0)
            reload_reference_data()


@pytest.mark.django_db
def test_demo_models_the_2025_reorganisation(demo):
    districts = Unit.objects.filter(level=UnitLevel.DISTRICT)
    assert districts.count() == 6
    assert set(districts.values_list("valid_to", flat=True)) == {datetime.date(2025, 6, 30)}
    province = Unit.objects.get(code="TQ")
    assert {u.code for u, _e in predecessors_of(province)} == {"TQ-UB", "HG-UB"}
    assert not Person.objects.filter(unit__valid_to__isnull=False,
                                     employments__end_date__isnull=True).exists()


@pytest.mark.django_db
def test_demo_has_every_kind_of_record(demo):
    assert 60 <= Unit.objects.count() <= 75
    assert Person.objects.filter(full_name="Nguyễn Văn An").count() == 1
    assert Person.objects.count() >= 300
    assert Cluster.objects.count() == 5
    assert ClusterMembership.objects.filter(year=2026, role="head").count() == 4
    assert Collective.objects.exists() and Household.objects.exists()
    assert EmulationStaff.objects.filter(mode="full_time").count() == 1
    assert set(User.objects.values_list("username", flat=True)) == {
        "admin", "banthidua", "canbo_sgd", "canbo_yenson", "hoidong", "chutich", "cumtruong",
        "vanthu", "vanphong_sgd", "hoidong_sgd", "giamdoc_sgd", "vanhoa_yenson", "chutich_yenson",
        # officers of the southern cluster's other members (every member votes through one)
        "canbo_tq_p_mx_25", "canbo_tq_x_tt_25", "canbo_tq_x_sd_25"}


@pytest.mark.django_db
def test_demo_seed_skips_when_data_exists(demo, capsys):
    call_command("seed_demo", if_empty=True)
    assert "already present" in capsys.readouterr().out


@pytest.mark.django_db
def test_demo_has_award_history_with_some_revoked(demo):
    from awards.data.catalogue import CATALOGUE
    from awards.models import AwardRecord, AwardType, TaskRating

    # the catalogue survives --reset: 54 forms since issue 16.1 added Giấy khen by issuer
    assert sorted(AwardType.objects.values_list("code", flat=True)) == sorted(CATALOGUE)
    assert TaskRating.objects.filter(year=2025).exists()
    assert AwardRecord.objects.filter(award_type__code="cstd_co_so").exists()
    assert not AwardRecord.objects.filter(person__isnull=True).exists()


@pytest.mark.django_db
def test_demo_ledger_knows_every_granting_authority_and_revoking_decision(demo):
    """Every demo record can be revoked by someone (its granting authority is known) and every
    revoked one names its revoking decision; the one-live-award indexes held while loading."""
    from awards.models import AwardRecord

    assert AwardRecord.objects.filter(issuer_unit__isnull=True).count() == 0
    revoked = AwardRecord.objects.filter(revoked=True)
    assert revoked.exists()
    assert revoked.filter(revoking_decision_number="").count() == 0


@pytest.mark.django_db
def test_demo_has_initiatives_some_used_and_some_alike(demo):
    from emulation.initiatives.domain.similarity import similar_initiatives
    from emulation.initiatives.models import Initiative, InitiativeUse

    assert Initiative.objects.count() == 200
    assert Initiative.objects.filter(state="recognised").count() >= 140
    assert Initiative.objects.filter(kind="de_tai").exists()
    assert set(InitiativeUse.objects.values_list("state", flat=True)) == {"reserved",
                                                                          "confirmed"}
    reworded = Initiative.objects.filter(title__endswith="năm học mới").first()
    assert reworded is not None
    assert similar_initiatives(reworded.title, exclude_pk=reworded.pk)[0].warn


@pytest.mark.django_db
def test_demo_has_proposals_in_every_step_and_a_verifiable_certificate(demo, client):
    from decisions.models import Certificate
    from proposals.models import Proposal

    # Before the councils: voting open for the province's and the department's members; voted
    # through with a decision drafted for the province's, the department's and the commune's
    # signer (every persona's home page has something to do).
    assert sorted(Proposal.objects.values_list("state", flat=True)) == [
        "consultation", "council_done", "council_done", "council_done", "decided", "decided",
        "decided", "draft", "in_council", "in_council", "returned", "submitted"]
    certificate = Certificate.objects.first()
    response = client.get(f"/cong-khai/xac-minh/{certificate.code}/", secure=True)
    assert response.status_code == 200


@pytest.mark.django_db
def test_demo_department_and_commune_each_decide_through_their_own_path(demo):
    """The province issues its Bằng khen, Sở GD&ĐT its Giấy khen and Xã Yên Sơn its Lao động
    tiên tiến (Decree 129/2025 Art. 59), each voted in its own council, numbered in its own
    register, signed by its own head."""
    from decisions.models import Decision, NumberSeries

    issued = {d.issuer.code: d for d in Decision.objects.filter(
        state="issued", kind="award").select_related("issuer", "issued_by")}
    councils = {(s.unit.code, tuple(s.proposals.values_list("recipient_unit__code", flat=True)))
                for s in CouncilSession.objects.select_related("unit")}
    assert ({code: (d.issued_by.username, d.number, d.items.first().award_type.code)
             for code, d in issued.items()},
            councils,
            sorted(NumberSeries.objects.values_list("issuer__code", "symbol"))) == (
        {"TQ": ("chutich", 1, "bang_khen_tinh"), "TQ-SGD-25": ("giamdoc_sgd", 1, "giay_khen"),
         "TQ-X-YS-25": ("chutich_yenson", 1, "ldtt")},
        {("TQ", ("TQ",)), ("TQ-SGD-25", ("TQ-SGD-25",)), ("TQ-X-YS-25", ("TQ-X-YS-25",))},
        [("TQ", "QĐ-UBND"), ("TQ-SGD-25", "QĐ-SGDĐT"), ("TQ-X-YS-25", "QĐ-UBND")])


@pytest.mark.django_db
def test_demo_has_appraisal_findings_and_the_appraisal_page_shows_them(demo, client):
    """Tracks of the Bằng khen tỉnh found met by the provincial board during appraisal, each
    with its evidence, and one withdrawn with its reason (issue 16)."""
    from django.urls import reverse

    from proposals.models import AppraisalFinding

    found = list(AppraisalFinding.objects.select_related("nominee__proposal", "recorded_by")
                 .order_by("evidence_date"))
    assert [(f.code, f.state, f.evidence_number, f.nominee.proposal.state,
             f.recorded_by.username) for f in found] == [
        ("bang_khen_tinh.c", "withdrawn", "45/GCN-CĐN", "consultation", "banthidua"),
        ("bang_khen_tinh.a", "recorded", "1568/QĐ-SGDĐT", "consultation", "banthidua"),
        ("bang_khen_tinh.b", "recorded", "27/BB-BTĐKT", "consultation", "banthidua")]
    withdrawn, first = found[0], found[1]
    assert withdrawn.nominee_id == first.nominee_id
    client.force_login(User.objects.get(username="banthidua"))

    page = client.get(reverse("proposals:nominee_appraisal", args=[first.nominee.public_id]),
                      secure=True).content.decode()

    assert (first.evidence_number in page, first.evidence_text in page, first.note in page,
            "12/08/2025" in page, withdrawn.withdrawn_reason in page) == (True,) * 5
