"""The production site plus pages that do nothing, or only a list's one read, to measure the
floor of a signed-in back-office request through gunicorn (`bench_pages.py --floor`; issue
14.2). The URLconf (bench/floor_settings.py: the production settings with this ROOT_URLCONF)
serves every production URL and

- /bench/signed-in: the whole middleware stack with the session's user loaded, no template;
- /bench/layout: the same plus core/base.html with an empty content block — the menu, the
  header's unread count, the account menu, the footer's language form — what every list page
  costs before its own query and rows;
- /bench/raw-list: the floor of a list as such — the people list's page 1 (the same 50 rows,
  the same columns, the user's scope) read with one raw SQL query and returned as plain text,
  one tab-separated line a person: no ORM per request, no model instances, no template;
- /bench/raw-list-layout: the same read, its rows escaped into the people list's table body
  inside the layout — the least a server-rendered list page in the layout can cost.

Never deployed: `deploy/` and tdkt.settings do not name it.
"""

from html import escape
from uuid import UUID

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpResponse
from django.shortcuts import render
from django.template import engines
from django.urls import include, path, reverse
from django.utils.safestring import mark_safe

from core.interfaces.exports import choice_labels
from core.templatetags.core_tags import ANY_ID
from organisations.domain.queries import people_for_user
from organisations.enums import Gender
from organisations.views.people import PERSON_PAGE_FIELDS

# The people list's page-1 query as SQL and parameters, per user: compiled by the ORM once,
# then sent raw (compiling it is ORM work the floor must not pay on every request).
_PAGE_SQL: dict[int, tuple[str, tuple]] = {}
COLUMNS = ("public_id", "full_name", "gender", "birth_date", "position", "unit__name")


def _people_sql(user) -> tuple[str, tuple]:
    if user.pk not in _PAGE_SQL:
        qs = people_for_user(user).only(*PERSON_PAGE_FIELDS).values_list(*COLUMNS)[:51]
        _PAGE_SQL[user.pk] = qs.query.sql_with_params()
    return _PAGE_SQL[user.pk]


def people_rows(user) -> list[tuple]:
    """The people list's first 50 people (COLUMNS), one raw query."""
    sql, params = _people_sql(user)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()[:50]


@login_required
def signed_in(request):
    return HttpResponse(request.user.get_username(), content_type="text/plain")


@login_required
def layout(request):
    return render(request, "core/base.html", {})


@login_required
def raw_list(request):
    return HttpResponse("".join("\t".join("" if v is None else str(v) for v in row) + "\n"
                                for row in people_rows(request.user)),
                        content_type="text/plain; charset=utf-8")


LIST_PAGE = ('{% extends "core/base.html" %}{% block content %}<table class="stack"><tbody>'
             '{{ rows }}</tbody></table>{% endblock %}')
_LIST_PAGE: dict = {}
ROW = ('<tr><td><a href="{}">{}</a></td><td>{}</td><td>{}</td>\n    <td>{}</td><td>{}</td>'
       '</tr>\n')


def _uuid(value) -> UUID:
    """PostgreSQL's driver returns a UUID; SQLite (the tests) its 32 hex digits."""
    return value if isinstance(value, UUID) else UUID(value)


@login_required
def raw_list_layout(request):
    detail = reverse("organisations:person_detail", args=[ANY_ID])
    genders = {value: escape(label) for value, label in choice_labels(Gender).items()}
    body = "".join(ROW.format(detail.replace(ANY_ID, str(_uuid(public_id))), escape(name),
                              genders.get(gender, ""), born.strftime("%d/%m/%Y") if born else "—",
                              escape(unit or "—"), escape(position or ""))
                   for public_id, name, gender, born, position, unit in people_rows(request.user))
    if "page" not in _LIST_PAGE:  # compiled once, as a template loader caches a file's
        _LIST_PAGE["page"] = engines["django"].from_string(LIST_PAGE)
    return HttpResponse(_LIST_PAGE["page"].render(
        {"rows": mark_safe(body)}, request))  # noqa: S308 every cell escaped above


urlpatterns = [
    path("bench/signed-in", signed_in),
    path("bench/layout", layout),
    path("bench/raw-list", raw_list),
    path("bench/raw-list-layout", raw_list_layout),
    path("", include("tdkt.urls")),
]
