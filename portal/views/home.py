"""The public portal's front page: open consultations and the latest decisions."""


from django.shortcuts import render

from portal.domain.queries.consultations import open_consultations
from portal.domain.queries.decisions import (
    latest_decisions,
)


def home(request):
    return render(request, "portal/home.html", {"consultations": open_consultations(),
                                                "decisions": latest_decisions(5)})
