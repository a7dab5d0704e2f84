"""The WSGI handler of the serving processes (tdkt/wsgi.py): Django's, its requests let go of
once their response is closed.

A request is a knot of reference cycles: the lazy `request.user` and `request.auser` hold the
request in their closures, the messages' storages hold it back. Everything hung on it — the
session, the user and their roles and scope, the resolver's match with every pattern it tried,
the headers: ~80 objects a list page — was freed only by the cyclic garbage collector, which
those objects made run. The WSGI server closes the response once it has sent the last byte
(Django then closes the request: `request.close`, its uploaded files); emptying the request
there breaks the cycles, and all of it is freed at once by reference counting.

Nothing reads a request after its response is closed: a streamed body has been iterated to its
end by then. The test client builds its own requests (tests read `response.wsgi_request` after
the close) and is not affected.

A request's view is found once per address a process (`resolve_request`): Django's resolver
tries the URL patterns in order, level by level (/organisations/people/ matched ~75 patterns'
expressions: 50–90 µs of a list page, measured in session 17), for the same answer every time
— the URL patterns are code, the same for every request of the process.
"""

import functools

import django
from django.core.handlers.wsgi import WSGIHandler, WSGIRequest
from django.urls import get_resolver

# Addresses whose match is kept: the lists' and pages' own (a detail page's UUID makes every
# object's address new: the least recently used go).
RESOLVED_KEPT = 2048


class Request(WSGIRequest):
    def close(self):
        super().close()
        self.__dict__.clear()


class Handler(WSGIHandler):
    request_class = Request

    def resolve_request(self, request):
        """Django's, the match kept per resolver and address (`_resolved`). A request with a
        URLconf of its own (none here) is resolved as Django does; an address no pattern
        matches raises Resolver404 every time (not kept)."""
        if hasattr(request, "urlconf"):
            return super().resolve_request(request)
        match = request.resolver_match = _resolved(get_resolver(), request.path_info)
        return match


@functools.lru_cache(maxsize=RESOLVED_KEPT)
def _resolved(resolver, path: str):
    """`resolver.resolve(path)`, kept by the resolver itself: Django makes a new one when the
    URLconf changes (`clear_url_caches`). The match is shared by the requests to one address:
    Django only reads it (the view, its arguments unpacked into the call, the names)."""
    return resolver.resolve(path)


def application():
    """What django.core.wsgi.get_wsgi_application gives, with this handler."""
    django.setup(set_prefix=False)
    return Handler()
