"""core.interfaces.guards.require: the permission asked of the user itself, which the request
then holds in place of AuthenticationMiddleware's lazy wrapper (the page reads its roles and
scope without a proxied call an attribute)."""

import pytest
from django.core.exceptions import PermissionDenied
from django.test import RequestFactory
from django.utils.functional import SimpleLazyObject

from accounts.models import User
from core.interfaces.guards import require

pytestmark = pytest.mark.django_db


def test_a_permitted_request_holds_the_user_itself(board_user):
    request = RequestFactory().get("/organisations/people/")
    request.user = SimpleLazyObject(lambda: User.objects.get(pk=board_user.pk))
    require(request, "organisations.view_person")
    assert (type(request.user), request.user.pk) == (User, board_user.pk)


def test_a_refused_request_still_raises(django_user_model):
    nobody = django_user_model.objects.create_user(username="nobody", password="x")
    request = RequestFactory().get("/organisations/people/")
    request.user = SimpleLazyObject(lambda: nobody)
    with pytest.raises(PermissionDenied):
        require(request, "organisations.view_person")
    assert request.user is nobody


def test_a_people_page_holds_the_user_itself(client, board_user):
    client.force_login(board_user)
    response = client.get("/organisations/people/")
    assert (response.status_code, type(response.wsgi_request.user)) == (200, User)
