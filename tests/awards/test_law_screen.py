"""The law screen (awards:law): every dated value with its citation; the system administrator
adds a dated value or corrects one, audited; a difference with the data files is shown until
settled."""

import datetime

import pytest
from django.apps import apps
from django.urls import reverse

from audit.models import AuditEntry
from awards.data import legal_parameters as lp
from awards.data.sync import sync_law
from awards.domain.parameters import CatalogueParameters
from awards.models import LegalValue

D = datetime.date
LIST = reverse("awards:law")


def _salary(on):
    return LegalValue.objects.get(key="base_salary", valid_from=on)


def test_the_screen_shows_each_value_with_its_citation(client, officer_a):
    client.force_login(officer_a)
    response = client.get(LIST)
    assert response.status_code == 200
    assert "Nghị định 161/2026/NĐ-CP" in response.text
    assert "Luật Thi đua, khen thưởng 06/2022/QH15" in response.text
    assert response.context["can_manage"] is False
    assert reverse("awards:law_edit", args=[_salary(D(2026, 7, 1)).pk]) not in response.text


def test_an_outsider_reads_the_law_but_may_not_change_it(client, outsider):
    row = _salary(D(2026, 7, 1))
    client.force_login(outsider)
    assert client.get(LIST).status_code == 200
    assert client.get(reverse("awards:law_add", args=["base_salary"])).status_code == 403
    response = client.post(reverse("awards:law_edit", args=[row.pk]),
                           {"value": "1", "citation": "x", "reason": "x"})
    assert response.status_code == 403
    assert _salary(D(2026, 7, 1)).value == 2_530_000


@pytest.mark.parametrize("persona", ["board_user", "officer_a"])
def test_only_the_system_administrator_changes_the_law(client, persona, request):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(reverse("awards:law_add", args=["base_salary"])).status_code == 403


def test_a_new_dated_value_closes_the_previous_and_is_audited(client, admin_user):
    client.force_login(admin_user)
    response = client.post(reverse("awards:law_add", args=["base_salary"]), {
        "value": "3000000", "valid_from": "2031-01-01",
        "citation": "Nghị định 1/2031/NĐ-CP (giả định)"})
    assert response.status_code == 302
    assert _salary(D(2026, 7, 1)).valid_to == D(2030, 12, 31)
    assert CatalogueParameters().base_salary(D(2031, 1, 1)).value == 3_000_000
    entry = AuditEntry.objects.get(action="awards.law.set")
    assert entry.changes == {"base_salary": [2_530_000, 3_000_000]}


def test_a_new_value_for_an_unknown_key_is_not_found(client, admin_user):
    client.force_login(admin_user)
    assert client.get(reverse("awards:law_add", args=["no_such_key"])).status_code == 404


def test_a_correction_is_audited_with_its_reason_and_survives_the_sync(client, admin_user):
    row = LegalValue.objects.get(key="collective.ldtt_share_tt_ldtt", valid_from=D(2024, 1, 1))
    client.force_login(admin_user)
    response = client.post(reverse("awards:law_edit", args=[row.pk]), {
        "value": "0.65", "citation": "Luật TĐKT 2022, Điều 28", "verified": "on",
        "reason": "Hướng dẫn của Ban Thi đua - Khen thưởng"})
    assert response.status_code == 302
    row.refresh_from_db()
    assert (row.value, row.verified) == (0.65, True)
    entry = AuditEntry.objects.get(action="awards.law.correct")
    assert entry.changes == {"value": [0.7, 0.65], "verified": [False, True]}
    assert entry.reason == "Hướng dẫn của Ban Thi đua - Khen thưởng"
    assert sync_law(apps).conflicts == []
    row.refresh_from_db()
    assert row.value == 0.65


def test_a_value_of_the_wrong_kind_is_refused_naming_the_key(client, admin_user):
    row = _salary(D(2026, 7, 1))
    client.force_login(admin_user)
    response = client.post(reverse("awards:law_edit", args=[row.pk]), {
        "value": "hai triệu", "citation": "x", "reason": "x"})
    assert response.status_code == 200
    assert response.context["form"].errors["value"] == [
        "“base_salary” nhận giá trị dạng 2530000; hai triệu không đúng dạng đó."]


def test_a_file_change_conflicting_with_an_edit_is_shown_until_settled(client, admin_user,
                                                                       monkeypatch):
    row = LegalValue.objects.get(key="collective.ldtt_share_tt_ldtt", valid_from=D(2024, 1, 1))
    row.value = 0.6  # the province's correction
    row.save()
    client.force_login(admin_user)
    assert client.get(LIST).context["conflicts"] == 0  # the file did not change: no conflict
    # The next release changes the same number in the data file.
    monkeypatch.setitem(lp.CRITERIA, "2022", {
        **lp.CRITERIA["2022"],
        "collective.ldtt_share_tt_ldtt": (0.75, "Luật TĐKT 2022, Điều 28", True)})
    assert [c["field"] for c in sync_law(apps).conflicts] == ["value"]
    assert client.get(LIST).context["conflicts"] == 1
    assert "Tệp dữ liệu: 0,75 (Luật TĐKT 2022, Điều 28)" in client.get(LIST).text
    client.post(reverse("awards:law_edit", args=[row.pk]), {
        "value": "0.6", "citation": row.citation, "reason": "Giữ giá trị của tỉnh"})
    assert client.get(LIST).context["conflicts"] == 0
