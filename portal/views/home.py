"""The public portal's front page: open consultations and the latest decisions."""


from portal.domain.queries.consultations import open_consultations
from portal.domain.queries.decisions import (
    latest_decisions,
)
from portal.interfaces.kept import kept_page


def home(request):
    return kept_page(request, "portal/home.html", lambda: (
        {"consultations": open_consultations(), "decisions": latest_decisions(5)}, 200))
