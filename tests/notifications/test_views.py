"""The notifications pages and the header badge."""

import pytest
from django.urls import reverse

from notifications.domain.notify import notify
from notifications.models import Notification


@pytest.fixture
def notes(officer_a, board_user):
    first, = notify([officer_a], verb="proposals.return", title="Hồ sơ bị trả lại",
                    body="Thiếu biên bản họp.", url="/awards/", actor=board_user, email=False)
    second, = notify([officer_a], verb="proposals.accept", title="Hồ sơ được tiếp nhận",
                     body="", url="", email=False)
    return first, second


def test_list_shows_my_notifications_newest_first(client_for, officer_a, notes):
    response = client_for(officer_a).get(reverse("notifications:list"))
    assert [n.title for n in response.context["page"].object_list] == [
        "Hồ sơ được tiếp nhận", "Hồ sơ bị trả lại"]
    assert 'class="badge count"' in response.text
    assert response.context["unread_notifications"] == 2


def test_list_query_count(client_for, officer_a, board_user, django_assert_max_num_queries):
    for i in range(40):
        notify([officer_a], verb="x", title=f"Tin {i}", body="", url="/", actor=board_user,
               email=False)
    client = client_for(officer_a)
    with django_assert_max_num_queries(10):  # 9 are the layout's (session, user, nav)
        response = client.get(reverse("notifications:list"))
    assert len(response.context["page"].object_list) == 30


def test_list_requires_sign_in(client):
    response = client.get(reverse("notifications:list"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_outsider_sees_none_of_mine(client_for, outsider, notes):
    response = client_for(outsider).get(reverse("notifications:list"))
    assert response.context["page"].object_list == []
    assert 'class="badge count"' not in response.text


def test_open_marks_read_and_follows_the_link(client_for, officer_a, notes):
    response = client_for(officer_a).get(reverse("notifications:open",
                                                 args=[notes[0].public_id]))
    assert (response.status_code, response.url) == (302, "/awards/")
    assert Notification.objects.get(pk=notes[0].pk).read_at is not None


def test_open_without_link_goes_to_the_list(client_for, officer_a, notes):
    response = client_for(officer_a).get(reverse("notifications:open",
                                                 args=[notes[1].public_id]))
    assert response.url == reverse("notifications:list")


def test_open_never_redirects_off_site(client_for, officer_a, notes):
    # A row written around notify() (e.g. by hand in the database) with an external link.
    Notification.objects.filter(pk=notes[0].pk).update(url="//evil.example/")
    response = client_for(officer_a).get(reverse("notifications:open",
                                                 args=[notes[0].public_id]))
    assert response.url == reverse("notifications:list")


def test_outsider_cannot_open_mine(client_for, outsider, notes):
    response = client_for(outsider).get(reverse("notifications:open",
                                                args=[notes[0].public_id]))
    assert response.status_code == 404
    assert Notification.objects.get(pk=notes[0].pk).read_at is None


def test_mark_all_read(client_for, officer_a, outsider, notes):
    notify([outsider], verb="x", title="Của người khác", body="", url="", email=False)
    client = client_for(officer_a)
    assert client.get(reverse("notifications:mark_all_read")).status_code == 405
    response = client.post(reverse("notifications:mark_all_read"))
    assert response.url == reverse("notifications:list")
    assert list(Notification.objects.filter(read_at__isnull=True)
                .values_list("recipient__username", flat=True)) == [outsider.username]
