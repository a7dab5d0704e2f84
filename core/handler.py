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
"""

import django
from django.core.handlers.wsgi import WSGIHandler, WSGIRequest


class Request(WSGIRequest):
    def close(self):
        super().close()
        self.__dict__.clear()


class Handler(WSGIHandler):
    request_class = Request


def application():
    """What django.core.wsgi.get_wsgi_application gives, with this handler."""
    django.setup(set_prefix=False)
    return Handler()
