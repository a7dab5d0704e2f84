from django.http import HttpResponse


def healthz(request):
    """Liveness probe, also the trivial view the benchmarks compare list pages with."""
    return HttpResponse("ok", content_type="text/plain")
