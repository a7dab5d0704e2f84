"""Exemplary models: every transition from every state, follow-ups, evidence, audit."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from audit.models import AuditEntry
from emulation.exemplars.domain import exemplars
from emulation.exemplars.models import Exemplar
from tests.emulation.helpers import make_exemplar
from tests.factories import CollectiveFactory, PersonFactory

STATES = ["draft", "recognised", "published", "withdrawn"]
TRANSITIONS = {
    "recognise": (lambda e: exemplars.recognise_exemplar(e, actor=None),
                  {"draft": "recognised"}),
    "publish": (lambda e: exemplars.publish_exemplar(e, actor=None),
                {"recognised": "published"}),
    "withdraw": (lambda e: exemplars.withdraw_exemplar(e, actor=None, reason="Sai sự thật"),
                 {"draft": "withdrawn", "recognised": "withdrawn", "published": "withdrawn"}),
}


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("name", list(TRANSITIONS))
def test_transition_from_every_state(dept_a, name, state):
    exemplar = make_exemplar(dept_a, state=state)
    action, allowed = TRANSITIONS[name]
    before = AuditEntry.objects.count()
    if state in allowed:
        assert action(exemplar).state == allowed[state]
        assert Exemplar.objects.get(pk=exemplar.pk).state == allowed[state]
        assert AuditEntry.objects.filter(action=f"emulation.exemplar.{name}").count() == 1
    else:
        with pytest.raises(ValidationError):
            action(exemplar)
        assert Exemplar.objects.get(pk=exemplar.pk).state == state
        assert AuditEntry.objects.count() == before


def test_publishing_stamps_the_time_and_withdrawal_keeps_the_reason(dept_a):
    exemplar = make_exemplar(dept_a, state="published")
    assert exemplar.published_at is not None
    withdrawn = exemplars.withdraw_exemplar(exemplar, actor=None, reason="  Sai sự thật ")
    assert (withdrawn.state, withdrawn.withdrawn_reason) == ("withdrawn", "Sai sự thật")


def test_withdrawal_needs_a_reason(dept_a):
    with pytest.raises(ValidationError) as error:
        exemplars.withdraw_exemplar(make_exemplar(dept_a), actor=None, reason=" ")
    assert error.value.message_dict == {"reason": ["Give a reason."]}


@pytest.mark.parametrize(("subject", "expected"), [
    ("person", "Hoàng Thị Mai"), ("collective", "Tổ Toán"), ("unit", "Sở Giáo dục và Đào tạo")])
def test_subject_is_a_person_collective_or_unit(dept_a, subject, expected):
    kwargs = {"person": PersonFactory(unit=dept_a, full_name="Hoàng Thị Mai")
              if subject == "person" else None,
              "collective": CollectiveFactory(unit=dept_a, name="Tổ Toán")
              if subject == "collective" else None}
    exemplar = make_exemplar(dept_a, **kwargs)
    assert exemplar.subject_name == expected
    assert Exemplar.objects.filter(search_text__contains="hoang thi mai").exists() == (
        subject == "person")


def test_both_person_and_collective_is_refused(dept_a):
    with pytest.raises(ValidationError) as error:
        make_exemplar(dept_a, person=PersonFactory(unit=dept_a),
                      collective=CollectiveFactory(unit=dept_a))
    assert error.value.message_dict == {
        "collective": ["Choose a person or a collective, not both."]}


def test_follow_ups_one_a_year(dept_a):
    exemplar = make_exemplar(dept_a, state="published", year=2022)
    exemplars.add_follow_up(exemplar, actor=None, year=2023, note="Vẫn gương mẫu",
                            still_exemplary=True)
    exemplars.add_follow_up(exemplar, actor=None, year=2024, note="Chuyển công tác",
                            still_exemplary=False)
    with pytest.raises(ValidationError) as error:
        exemplars.add_follow_up(exemplar, actor=None, year=2024, note="x", still_exemplary=True)
    assert error.value.message_dict == {"year": ["2024 already has a follow-up."]}
    with pytest.raises(ValidationError):
        exemplars.add_follow_up(exemplar, actor=None, year=2021, note="x",
                                still_exemplary=True)
    assert [(f.year, f.still_exemplary) for f in exemplar.follow_ups.all()] == [
        (2024, False), (2023, True)]


def test_withdrawn_exemplar_is_not_followed_up(dept_a):
    exemplar = make_exemplar(dept_a, state="withdrawn", year=2022)
    with pytest.raises(ValidationError):
        exemplars.add_follow_up(exemplar, actor=None, year=2024, note="x",
                                still_exemplary=True)


def png_upload(name="anh.png") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, format="PNG")
    upload = SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")
    upload.kind = "png"
    return upload


def test_evidence_is_stored_privately(dept_a, settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    evidence = exemplars.attach_evidence(make_exemplar(dept_a), actor=None,
                                         uploaded=png_upload())
    assert evidence.path.startswith("exemplars/") and evidence.path.endswith(".png")
    assert (tmp_path / evidence.path).read_bytes()[:4] == b"\x89PNG"
    assert AuditEntry.objects.filter(action="emulation.exemplar.evidence").count() == 1


def test_correct_exemplar_keeps_versions_and_audits(dept_a, admin_user):
    exemplar = make_exemplar(dept_a, state="recognised", title="Cô giáo cắm bản")
    exemplars.correct_exemplar(exemplar, actor=admin_user, reason="Bổ sung năm",
                               story="Mười hai năm.")
    exemplars.correct_exemplar(exemplar, actor=admin_user, reason="Sửa tiêu đề",
                               title="Cô giáo bản Mông")
    exemplar.refresh_from_db()
    assert (exemplar.title, exemplar.story) == ("Cô giáo bản Mông", "Mười hai năm.")
    assert [(v.number, v.values["title"], v.values["story"], v.reason)
            for v in exemplar.versions.all()] == [
        (2, "Cô giáo cắm bản", "Mười hai năm.", "Sửa tiêu đề"),
        (1, "Cô giáo cắm bản", "Mười năm dạy chữ ở bản vùng cao.", "Bổ sung năm")]
    entry = AuditEntry.objects.filter(action="emulation.exemplar.correct").latest("id")
    assert (entry.reason, entry.changes) == (
        "Sửa tiêu đề", {"title": ["Cô giáo cắm bản", "Cô giáo bản Mông"], "version": 2})


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"reason": " ", "title": "Khác"}, "reason"),
    ({"reason": "Không đổi"}, "Nothing was changed"),
    ({"reason": "x", "unit": None}, "cannot be set here"),
    ({"reason": "x", "discovered_year": 2999}, "future")])
def test_correction_refused(dept_a, kwargs, message):
    exemplar = make_exemplar(dept_a)
    with pytest.raises(ValidationError, match=message):
        exemplars.correct_exemplar(exemplar, actor=None, **kwargs)
    assert exemplar.versions.count() == 0


def test_withdrawn_cannot_be_corrected(dept_a):
    exemplar = make_exemplar(dept_a, state="withdrawn")
    with pytest.raises(ValidationError, match="withdrawn"):
        exemplars.correct_exemplar(exemplar, actor=None, reason="x", title="Khác")


def test_the_exemplar_table_moves_exactly_as_before():
    assert exemplars.EXEMPLAR.graph() == {
        "draft": {"recognised", "withdrawn"}, "recognised": {"published", "withdrawn"},
        "published": {"withdrawn"}, "withdrawn": set()}


def test_a_refused_step_names_the_exemplar_and_its_state(dept_a):
    exemplar = make_exemplar(dept_a, state="published", title="Mô hình thư viện xanh")
    with pytest.raises(ValidationError) as error:
        exemplars.recognise_exemplar(exemplar, actor=None)
    assert error.value.messages == [
        "“Mô hình thư viện xanh” is published; this step does not apply."]
