"""core.handler: the serving processes' requests are freed when their response is closed, not
by the cyclic garbage collector (the lazy user and the messages' storages refer back to them)."""

import io
import weakref

import pytest
from django.contrib.auth import get_user
from django.contrib.messages.storage import default_storage
from django.utils.functional import SimpleLazyObject

from core.handler import Handler, Request, _resolved
from tdkt import wsgi


def _environ(path="/healthz") -> dict:
    return {"REQUEST_METHOD": "GET", "PATH_INFO": path, "QUERY_STRING": "",
            "SERVER_NAME": "testserver", "SERVER_PORT": "80", "HTTP_HOST": "testserver",
            "wsgi.input": io.BytesIO(b""), "wsgi.url_scheme": "http"}


def _served_and_closed() -> weakref.ref:
    """A request as the middleware leave it (in cycles with its lazy user and its messages),
    closed as the WSGI server closes its response."""
    request = Request(_environ())
    request.session = {}  # as SessionMiddleware (a dict will do for the storages)
    request.user = SimpleLazyObject(lambda: get_user(request))  # as AuthenticationMiddleware
    request._messages = default_storage(request)  # as MessageMiddleware
    request.close()
    return weakref.ref(request)


def test_a_closed_request_is_freed_at_once(no_collector):
    assert _served_and_closed()() is None


@pytest.mark.django_db
def test_the_handler_answers_as_djangos(settings):
    settings.ALLOWED_HOSTS = ["testserver"]
    started = []
    response = Handler()(_environ(), lambda status, headers: started.append(status))
    body = b"".join(response)
    response.close()
    assert (started, body[:2]) == (["200 OK"], b"ok")


def test_the_serving_processes_use_it():
    assert type(wsgi.application) is Handler


def test_an_address_is_resolved_once_per_process(settings, monkeypatch):
    """The handler keeps an address's match (core.handler._resolved): the second request to it
    tries no URL pattern; the match is Django's own."""
    from django.urls import URLPattern, resolve  # noqa: PLC0415 test-local

    settings.ALLOWED_HOSTS = ["testserver"]
    _resolved.cache_clear()
    request = Request(_environ("/organisations/people/"))
    first = Handler().resolve_request(request)
    tried = []
    original = URLPattern.resolve
    monkeypatch.setattr(URLPattern, "resolve",
                        lambda pattern, path: tried.append(pattern.name) or original(pattern, path))
    again = Handler().resolve_request(Request(_environ("/organisations/people/")))
    monkeypatch.undo()
    django_match = resolve("/organisations/people/")
    assert (tried, again is first, request.resolver_match is first) == ([], True, True)
    assert ((first.view_name, first.func, first.args, first.kwargs)
            == (django_match.view_name, django_match.func, django_match.args, django_match.kwargs))
    assert _resolved.cache_info().currsize == 1


def test_an_address_no_pattern_matches_is_not_kept(settings):
    from django.urls import Resolver404  # noqa: PLC0415 test-local

    _resolved.cache_clear()
    with pytest.raises(Resolver404):
        Handler().resolve_request(Request(_environ("/no-such-page/")))
    assert _resolved.cache_info().currsize == 0
