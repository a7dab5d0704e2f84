"""The one-use rule (CV 5007/BNV-TĐKT): claim, confirm and release initiative uses."""

import pytest
from django.db import IntegrityError, transaction

from audit.models import AuditEntry
from awards.models import AwardType
from emulation.initiatives.domain.initiative_uses import (
    USE,
    InitiativeAlreadyUsed,
    InitiativeNotRecognised,
    claim_initiative,
    confirm_use,
    release_use,
)
from emulation.initiatives.models import InitiativeUse
from tests.factories import make_initiative

LABEL = "Tờ trình số 12/TTr-SGDĐT — Chiến sĩ thi đua cơ sở 2025 — Nguyễn Văn An"
TITLE = "Ứng dụng phần mềm quản lý hồ sơ học sinh"


@pytest.fixture
def initiative(dept_a):
    return make_initiative(dept_a, title=TITLE)


def claim(initiative, award="cstd_co_so", ref="nominee:1", label=LABEL, **kw):
    return claim_initiative(initiative, award_code=award, claim_ref=ref, claim_label=label,
                            actor=None, **kw)


def test_claim_reserves_and_audits(initiative):
    use = claim(initiative)
    assert (use.state, use.category, use.award_type.code, use.claim_label) == (
        "reserved", "title", "cstd_co_so", LABEL)
    entry = AuditEntry.objects.get(action="emulation.initiative.claim")
    assert entry.changes == {"use": [None, f"cstd_co_so: {LABEL}"]}


@pytest.mark.parametrize(("first", "second"), [("cstd_co_so", "cstd_tinh"),
                                               ("bang_khen_tinh", "giay_khen")])
def test_second_claim_of_the_same_category_is_refused_naming_the_first(initiative, first,
                                                                       second):
    earlier = claim(initiative, award=first)
    with pytest.raises(InitiativeAlreadyUsed) as error:
        claim(initiative, award=second, ref="nominee:2", label="Tờ trình 30 — Nguyễn Văn Bình")
    assert str(error.value).startswith(
        f"Initiative “{TITLE}” is already used for: {LABEL} (reserved).")
    assert error.value.earlier == earlier
    assert InitiativeUse.objects.count() == 1


@pytest.mark.parametrize(("first", "second"), [("cstd_co_so", "bang_khen_tinh"),
                                               ("giay_khen", "cstd_co_so")])
@pytest.mark.parametrize("override_note", ["", "Hội đồng TĐKT tỉnh đồng ý, biên bản số 3"])
def test_cross_category_is_always_refused(initiative, first, second, override_note):
    claim(initiative, award=first)
    confirm_use("nominee:1", actor=None)
    with pytest.raises(InitiativeAlreadyUsed) as error:
        claim(initiative, award=second, ref="nominee:2", override_note=override_note)
    assert str(error.value) == (
        f"Initiative “{TITLE}” is already used for: {LABEL} (confirmed). An initiative used for "
        "an emulation title cannot back a form of commendation, or the reverse "
        "(CV 5007/BNV-TĐKT, 05/9/2023).")


def test_form_after_form_is_refused_even_with_a_note(initiative):
    claim(initiative, award="bang_khen_tinh")
    with pytest.raises(InitiativeAlreadyUsed) as error:
        claim(initiative, award="giay_khen", ref="nominee:2", override_note="Biên bản 3")
    assert str(error.value).endswith(
        "One initiative cannot back several forms of commendation (CV 5007/BNV-TĐKT, 05/9/2023).")


def test_later_title_needs_a_council_note(initiative):
    claim(initiative, award="cstd_co_so")
    confirm_use("nominee:1", actor=None)
    with pytest.raises(InitiativeAlreadyUsed) as error:
        claim(initiative, award="cstd_tinh", ref="nominee:2")
    assert str(error.value).endswith(
        "Reusing it for a later emulation title needs a note of the council allowing it.")
    note = "Hội đồng TĐKT tỉnh đồng ý, biên bản số 3"
    use = claim(initiative, award="cstd_tinh", ref="nominee:2", override_note=note)
    assert (use.state, use.override_note) == ("reserved", note)
    latest = AuditEntry.objects.filter(action="emulation.initiative.claim").order_by("-id")[0]
    assert latest.reason == note


def test_same_claim_ref_is_idempotent(initiative):
    first = claim(initiative)
    again = claim(initiative)
    assert again.pk == first.pk
    assert InitiativeUse.objects.count() == 1


def test_release_then_claim_again(initiative):
    claim(initiative, award="cstd_co_so")
    assert release_use("nominee:1", actor=None, reason="Rút khỏi danh sách đề nghị") == 1
    use = claim(initiative, award="bang_khen_tinh", ref="nominee:2")
    assert (use.state, use.override_note) == ("reserved", "")
    assert list(InitiativeUse.objects.values_list("claim_ref", "state")) == [
        ("nominee:1", "released"), ("nominee:2", "reserved")]
    assert InitiativeUse.objects.get(claim_ref="nominee:1").reason == "Rút khỏi danh sách đề nghị"


@pytest.mark.parametrize(("state", "label"), [("draft", "registered"), ("revoked", "revoked"),
                                              ("revoked_after_recognition", "revoked")])
def test_only_recognised_initiatives_can_be_claimed(dept_a, state, label):
    initiative = make_initiative(dept_a, title=TITLE, state=state)
    with pytest.raises(InitiativeNotRecognised) as error:
        claim(initiative)
    assert str(error.value) == (
        f"Initiative “{TITLE}” is {label}, not recognised; only a recognised initiative can back "
        "an award (Law 06/2022/QH15 Art. 3.4).")


def test_refusal_in_vietnamese(initiative):
    from django.utils import translation

    claim(initiative)
    with translation.override("vi"), pytest.raises(InitiativeAlreadyUsed) as error:
        claim(initiative, award="cstd_tinh", ref="nominee:2")
    assert str(error.value).startswith(
        f"Sáng kiến “{TITLE}” đã được dùng cho: {LABEL} (đang giữ chỗ).")


@pytest.mark.parametrize("state", ["reserved", "confirmed", "released"])
def test_confirm_moves_only_reserved_uses(initiative, state):
    claim(initiative)
    if state == "confirmed":
        confirm_use("nominee:1", actor=None)
    if state == "released":
        release_use("nominee:1", actor=None, reason="Không đạt")
    assert confirm_use("nominee:1", actor=None) == (1 if state == "reserved" else 0)
    assert InitiativeUse.objects.get().state == ("released" if state == "released"
                                                 else "confirmed")


@pytest.mark.parametrize("state", ["reserved", "confirmed", "released"])
def test_release_moves_active_uses(initiative, state):
    claim(initiative)
    if state == "confirmed":
        confirm_use("nominee:1", actor=None)
    if state == "released":
        release_use("nominee:1", actor=None, reason="Không đạt")
    assert release_use("nominee:1", actor=None, reason="Thu hồi khen thưởng") == (
        0 if state == "released" else 1)
    assert InitiativeUse.objects.get().state == "released"
    entries = AuditEntry.objects.filter(action="emulation.initiative.release_use")
    assert entries.last().reason == ("Không đạt" if state == "released"
                                     else "Thu hồi khen thưởng")


def test_confirm_and_release_act_on_every_use_of_the_claim(dept_a):
    one, two = make_initiative(dept_a, title="Sổ điểm điện tử"), make_initiative(dept_a)
    claim(one, ref="nominee:9")
    claim(two, ref="nominee:9")
    assert confirm_use("nominee:9", actor=None) == 2
    assert release_use("nominee:9", actor=None, reason="Thu hồi") == 2


def test_release_needs_a_reason(initiative):
    claim(initiative)
    with pytest.raises(ValueError, match="Give a reason."):
        release_use("nominee:1", actor=None, reason=" ")


def test_database_refuses_a_second_active_use_written_around_the_domain(initiative):
    claim(initiative)
    with pytest.raises(IntegrityError), transaction.atomic():
        InitiativeUse.objects.create(initiative=initiative,
                                     award_type=AwardType.objects.get(code="cstd_tinh"),
                                     category="title", claim_ref="nominee:2", claim_label="x")


def test_confirm_and_release_are_audited_on_the_initiative_naming_the_use(initiative):
    claim(initiative)
    confirm_use("nominee:1", actor=None)
    release_use("nominee:1", actor=None, reason="Thu hồi khen thưởng")
    entries = AuditEntry.objects.filter(action__endswith="_use").order_by("id")
    assert [(e.action, e.object_label, e.unit_id, e.changes, e.reason) for e in entries] == [
        ("emulation.initiative.confirm_use", str(initiative), initiative.unit_id,
         {"use": [f"{LABEL} (reserved)", f"{LABEL} (confirmed)"]}, ""),
        ("emulation.initiative.release_use", str(initiative), initiative.unit_id,
         {"use": [f"{LABEL} (confirmed)", f"{LABEL} (released)"]}, "Thu hồi khen thưởng")]


def test_release_keeps_the_reason_on_the_use_and_confirm_keeps_it_blank(initiative):
    claim(initiative)
    confirm_use("nominee:1", actor=None)
    assert InitiativeUse.objects.get().reason == ""
    release_use("nominee:1", actor=None, reason="  Không đạt  ")
    assert InitiativeUse.objects.get().reason == "Không đạt"


def test_the_use_table_moves_exactly_as_the_one_use_rule_needs():
    assert USE.graph() == {"reserved": {"confirmed", "released"}, "confirmed": {"released"},
                           "released": set()}
