"""The stored holiday calendar: seeding, the cached WorkCalendar, the holidays page."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEntry
from core.domain.calendar import add_day, deactivate_day, seed_holidays, work_calendar
from core.enums import DayKind
from core.models import PublicHoliday


def test_migration_seeded_2015_to_2035(db):
    assert PublicHoliday.objects.filter(date=date(2015, 1, 1)).exists()
    assert PublicHoliday.objects.get(date=date(2035, 9, 2)).name == "Quốc khánh"
    assert PublicHoliday.objects.get(date=date(2026, 4, 27)).kind == DayKind.COMPENSATORY


def test_seed_is_idempotent_and_keeps_edits(db, admin_user):
    holiday = PublicHoliday.objects.get(date=date(2026, 9, 1))
    deactivate_day(admin_user, holiday, reason="Thông báo: nghỉ 2/9 và 3/9")
    assert seed_holidays(2015, 2035) == 0
    assert PublicHoliday.objects.get(date=date(2026, 9, 1)).is_active is False


def test_work_calendar_follows_the_table(db, admin_user):
    assert work_calendar().add_working_days(date(2026, 8, 31), 1) == date(2026, 9, 3)
    deactivate_day(admin_user, PublicHoliday.objects.get(date=date(2026, 9, 1)),
                   reason="Nghỉ 2/9 và 3/9")
    add_day(admin_user, day=date(2026, 9, 3), name="Quốc khánh (ngày liền kề)",
            kind=DayKind.HOLIDAY)
    assert work_calendar().add_working_days(date(2026, 8, 31), 1) == date(2026, 9, 1)
    assert work_calendar().add_working_days(date(2026, 9, 1), 1) == date(2026, 9, 4)


def test_work_calendar_notices_a_change_made_elsewhere(db):
    before = work_calendar()
    # Another process's edit (it sets updated_at, as the domain functions do) that this
    # process's cache was not told about.
    PublicHoliday.objects.filter(date=date(2026, 4, 30)).update(is_active=False,
                                                                updated_at=timezone.now())
    assert work_calendar() is not before
    assert work_calendar().is_working_day(date(2026, 4, 30))


def test_work_calendar_is_reused_while_the_table_is_unchanged(db,
                                                             django_assert_num_queries):
    first = work_calendar()
    with django_assert_num_queries(1):
        assert work_calendar() is first


def test_make_up_saturday_counts(db, board_user):
    add_day(board_user, day=date(2026, 2, 28), name="Làm bù", kind=DayKind.WORKING_SATURDAY)
    assert work_calendar().is_working_day(date(2026, 2, 28))


def test_make_up_day_must_be_a_weekend_day(db, board_user):
    with pytest.raises(ValidationError) as error:
        add_day(board_user, day=date(2026, 3, 2), name="Làm bù",
                kind=DayKind.WORKING_SATURDAY)
    assert error.value.message_dict == {
        "day": ["A make-up working day must be a Saturday or Sunday."]}


def test_adding_an_active_date_again_is_refused(db, board_user):
    with pytest.raises(ValidationError) as error:
        add_day(board_user, day=date(2026, 4, 30), name="Trùng", kind=DayKind.DAY_OFF)
    assert error.value.message_dict == {
        "day": ["30/04/2026 is already in the calendar (Ngày Chiến thắng)."]}


def test_deactivate_needs_a_reason_and_is_audited(db, board_user):
    holiday = PublicHoliday.objects.get(date=date(2026, 9, 1))
    with pytest.raises(ValidationError):
        deactivate_day(board_user, holiday, reason="  ")
    deactivate_day(board_user, holiday, reason="Sai ngày")
    entry = AuditEntry.objects.get(action="core.holiday.deactivate")
    assert (entry.actor, entry.reason, entry.changes) == (
        board_user, "Sai ngày", {"is_active": [True, False]})
    with pytest.raises(ValidationError):
        deactivate_day(board_user, holiday, reason="again")


def test_a_deactivated_day_can_be_added_back(db, board_user):
    holiday = PublicHoliday.objects.get(date=date(2026, 9, 1))
    deactivate_day(board_user, holiday, reason="Sai")
    add_day(board_user, day=date(2026, 9, 1), name="Nghỉ lại", kind=DayKind.DAY_OFF)
    holiday.refresh_from_db()
    assert (holiday.is_active, holiday.name, PublicHoliday.objects.count()) == (
        True, "Nghỉ lại", PublicHoliday.objects.count())
    assert AuditEntry.objects.get(action="core.holiday.add").changes["is_active"] == [
        False, True]


# ---------------------------------------------------------------- the page

def test_list_shows_the_year(client_for, officer_a, django_assert_max_num_queries):
    client = client_for(officer_a)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("core:holiday_year", args=[2026]))
    days = [(d.date, d.name) for d in response.context["days"]]
    assert days[0] == (date(2026, 1, 1), "Tết Dương lịch")
    assert len(days) == 12
    assert response.context["can_manage"] is False
    assert reverse("core:holiday_add") not in response.text


def test_list_requires_sign_in(client):
    response = client.get(reverse("core:holiday_list"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


@pytest.mark.parametrize("persona", ["officer_a", "council_user", "approver_user"])
def test_others_may_not_add_or_remove(db, client_for, persona, request):
    client = client_for(request.getfixturevalue(persona))
    assert client.get(reverse("core:holiday_add")).status_code == 403
    url = reverse("core:holiday_deactivate", args=[date(2026, 4, 30)])
    assert client.post(url, {"reason": "x"}).status_code == 403
    assert PublicHoliday.objects.get(date=date(2026, 4, 30)).is_active


@pytest.mark.parametrize("persona", ["admin_user", "board_user"])
def test_keepers_add_a_day(db, client_for, persona, request):
    client = client_for(request.getfixturevalue(persona))
    response = client.post(reverse("core:holiday_add"), {
        "day": "2026-09-03", "name": "Nghỉ Quốc khánh", "kind": "day_off", "note": "TB số 1"})
    assert response.status_code == 302
    assert response.url == reverse("core:holiday_year", args=[2026])
    holiday = PublicHoliday.objects.get(date=date(2026, 9, 3))
    assert (holiday.name, holiday.kind, holiday.note) == ("Nghỉ Quốc khánh", "day_off", "TB số 1")


def test_add_form_shows_the_domain_error(client_for, board_user):
    client = client_for(board_user)
    client.cookies["django_language"] = "en"
    response = client.post(reverse("core:holiday_add"), {
        "day": "2026-03-02", "name": "Làm bù", "kind": "working_saturday"})
    assert response.context["form"].errors == {
        "day": ["A make-up working day must be a Saturday or Sunday."]}


def test_board_removes_a_day(client_for, board_user):
    url = reverse("core:holiday_deactivate", args=[date(2026, 9, 1)])
    response = client_for(board_user).post(url, {"reason": "Theo thông báo năm 2026"})
    assert response.status_code == 302
    assert PublicHoliday.objects.get(date=date(2026, 9, 1)).is_active is False


def test_removing_an_unknown_day_is_404(client_for, board_user):
    url = reverse("core:holiday_deactivate", args=[date(2026, 9, 9)])
    assert client_for(board_user).get(url).status_code == 404
