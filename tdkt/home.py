"""Việc cần làm: what the signed-in user has to do now, for the home page.

Each check asks one app's scoped query function (the same rows the linked list shows) and
answers a `Todo` — a count, a sentence and a link to the filtered list — or None when there is
nothing to do. Every check is one or two queries whatever the amount of data (the home page is
the most visited page; `tests/tdkt/test_home.py` holds the count), and a check whose roles the
user lacks costs no query at all. This lives in the project package because it reads every app;
`core` imports none (docs/architecture.md).
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import ngettext

from accounts.domain import scope
from claims.domain.queries.backlog import overdue_q
from claims.domain.queries.claims import claims_for_user
from decisions.domain.queries import awaiting_signature, awaiting_signed_copy
from emulation.exemplars.domain.queries.records import overdue_tasks
from emulation.movements.domain.queries.cluster_rounds import rounds_for_user
from emulation.movements.domain.queries.movements import registrations_to_decide
from emulation.movements.enums import RoundState
from imports.domain.queries import jobs_for_user
from imports.enums import JobState
from proposals.domain.queries.council import sessions_awaiting_vote
from proposals.domain.queries.proposals import (
    comments_to_resolve,
    inbox_for_user,
    returned_to_user,
)
from reports.domain.queries.reporting import filings_due_from, overdue_filings

INBOX_SHOWN = 5  # the nearest deadlines shown on the home page itself


@dataclass(frozen=True)
class Todo:
    key: str
    count: int
    label: str
    url: str
    overdue: int = 0
    overdue_label: str = ""


def todos(user, today: datetime.date | None = None) -> list["Todo"]:
    """The user's to-do items, those with something overdue first (then in CHECKS order)."""
    today = today or timezone.localdate()
    found = [todo for check in CHECKS if (todo := check(user, today))]
    return sorted(found, key=lambda todo: todo.overdue == 0)


def inbox_rows(user, limit: int = INBOX_SHOWN) -> list:
    """The first proposals of the appraisal inbox, nearest step deadline first."""
    return list(inbox_for_user(user)[:limit])


def _todo(key, count, label, url, overdue=0, overdue_label="") -> Todo | None:
    return Todo(key, count, label, url, overdue,
                overdue_label % {"n": overdue} if overdue else "") if count else None


def _one_or_list(public_ids: list, detail: str, listing: str) -> str:
    """The object itself when there is exactly one, else the list (`public_ids` holds at most
    two distinct ids: enough to tell one from several)."""
    return reverse(detail, args=[public_ids[0]]) if len(public_ids) == 1 else reverse(listing)


def returned_proposals(user, today) -> Todo | None:
    count = returned_to_user(user).count()
    return _todo("returned", count,
                 ngettext("proposal returned to your unit for supplement",
                          "proposals returned to your unit for supplement", count),
                 reverse("proposals:list") + "?state=returned")


def _counted(queryset, date_field: str, today) -> dict:
    return queryset.aggregate(n=Count("id"), late=Count("id", filter=Q(**{
        f"{date_field}__lt": today})))


def inbox(user, today) -> Todo | None:
    if not user.has_perm("proposals.view_inbox"):
        return None
    counts = _counted(inbox_for_user(user).order_by(), "due_on", today)
    return _todo("inbox", counts["n"],
                 ngettext("proposal in the appraisal inbox",
                          "proposals in the appraisal inbox", counts["n"]),
                 reverse("proposals:inbox"), counts["late"],
                 ngettext("%(n)s past its step deadline", "%(n)s past their step deadline",
                          counts["late"]))


def ballots(user, today) -> Todo | None:
    sessions = sessions_awaiting_vote(user)
    return _todo("ballots", len(sessions),
                 ngettext("council session where you have not voted yet",
                          "council sessions where you have not voted yet", len(sessions)),
                 _one_or_list([s.public_id for s in sessions][:2], "proposals:ballot",
                              "proposals:session_list"))


def comments(user, today) -> Todo | None:
    qs = comments_to_resolve(user)
    count = qs.count()  # an empty queryset (not the board) asks no query
    if not count:
        return None
    proposals = list(qs.order_by().values_list("consultation__proposal__public_id", flat=True)
                     .distinct()[:2])
    url = (reverse("proposals:detail", args=[proposals[0]]) if len(proposals) == 1
           else reverse("proposals:list") + "?state=consultation")
    return _todo("comments", count, ngettext("public comment to resolve",
                                             "public comments to resolve", count), url)


def signatures(user, today) -> Todo | None:
    count = awaiting_signature(user).count()
    return _todo("signatures", count,
                 ngettext("draft decision waiting for your signature",
                          "draft decisions waiting for your signature", count),
                 reverse("decisions:list") + "?state=draft")


def signed_copies(user, today) -> Todo | None:
    count = awaiting_signed_copy(user).count()
    return _todo("signed_copies", count,
                 ngettext("issued decision waiting for its signed copy",
                          "issued decisions waiting for their signed copy", count),
                 reverse("decisions:list") + "?state=issued")


def reports_due(user, today) -> Todo | None:
    if not user.has_perm("reports.view_reporting") or scope.is_system_admin(user):
        return None
    counts = _counted(filings_due_from(user).order_by(), "due_date", today)
    return _todo("reports_due", counts["n"],
                 ngettext("report your unit has to file",
                          "reports your unit has to file", counts["n"]),
                 reverse("reports:request_list") + "?state=issued", counts["late"],
                 ngettext("%(n)s overdue", "%(n)s overdue", counts["late"]))


def reports_missing(user, today) -> Todo | None:
    if not user.has_perm("reports.view_reporting"):
        return None
    count = overdue_filings(user, today).count()
    return _todo("reports_missing", count,
                 ngettext("report overdue from the units you asked",
                          "reports overdue from the units you asked", count),
                 reverse("reports:overdue"), count,
                 ngettext("%(n)s overdue", "%(n)s overdue", count))


def registrations(user, today) -> Todo | None:
    if not user.has_perm("emulation.view_movement"):
        return None
    qs = registrations_to_decide(user)
    count = qs.count()
    if not count:
        return None
    movements = list(qs.order_by().values_list("movement__public_id", flat=True).distinct()[:2])
    return _todo("registrations", count,
                 ngettext("emulation registration to approve",
                          "emulation registrations to approve", count),
                 _one_or_list(movements, "emulation:movement_detail", "emulation:movement_list"))


def cluster_rounds(user, today) -> Todo | None:
    """Rounds of the user's clusters where scoring or voting is open: the members score and
    vote, the cluster head and the board follow and close the step."""
    if not user.has_perm("emulation.view_cluster_round"):
        return None
    qs = rounds_for_user(user).filter(state__in=[RoundState.SCORING, RoundState.VOTING])
    count = qs.count()
    if not count:
        return None
    return _todo("cluster_rounds", count,
                 ngettext("cluster emulation round open for scoring or voting",
                          "cluster emulation rounds open for scoring or voting", count),
                 _one_or_list(list(qs.values_list("public_id", flat=True)[:2]),
                              "emulation:round_detail", "emulation:round_list"))


def imports(user, today) -> Todo | None:
    counts = jobs_for_user(user).filter(created_by=user).order_by().aggregate(
        ready=Count("id", filter=Q(state=JobState.VALIDATED)),
        errors=Count("id", filter=Q(state=JobState.INVALID)))
    count = counts["ready"] + counts["errors"]
    return _todo("imports", count,
                 ngettext("import checked and waiting for you",
                          "imports checked and waiting for you", count),
                 reverse("imports:job_list"), counts["errors"],
                 ngettext("%(n)s file has errors to fix", "%(n)s files have errors to fix",
                          counts["errors"]))


def claims(user, today) -> Todo | None:
    if not user.has_perm("claims.view_claim"):
        return None
    count = claims_for_user(user).filter(overdue_q(timezone.now())).count()
    return _todo("claims", count,
                 ngettext("backlog claim overdue in its stage",
                          "backlog claims overdue in their stage", count),
                 reverse("claims:list") + "?overdue=1", count,
                 ngettext("%(n)s overdue", "%(n)s overdue", count))


def tasks(user, today) -> Todo | None:
    if not user.has_perm("emulation.view_tasks"):
        return None
    count = overdue_tasks(user, today).count()
    return _todo("tasks", count,
                 ngettext("remediation task past its deadline",
                          "remediation tasks past their deadline", count),
                 reverse("emulation:task_list") + "?overdue=1", count,
                 ngettext("%(n)s overdue", "%(n)s overdue", count))


CHECKS: list[Callable] = [returned_proposals, inbox, ballots, comments, signatures,
                          signed_copies, reports_due, reports_missing, registrations,
                          cluster_rounds, imports, claims, tasks]

