"""The overdue remediation tasks on the board's dashboard (the home page counts them among
its to-do items, tdkt/home.py)."""

from django.utils import timezone

from emulation.exemplars.domain.queries.records import overdue_tasks

SHOWN = 10


def overdue_context(user, tasks=None) -> dict | None:
    """The first overdue tasks in the user's reach and their count; None when there are none
    (or the user's roles see no tasks)."""
    if not user.has_perm("emulation.view_tasks"):
        return None
    tasks = overdue_tasks(user) if tasks is None else tasks
    shown = list(tasks[:SHOWN])
    if not shown:
        return None
    # One query unless the list is cut: then the total needs its own COUNT.
    count = len(shown) if len(shown) < SHOWN else tasks.count()
    return {"template": "emulation/includes/overdue_tasks.html", "count": count,
            "tasks": shown, "today": timezone.localdate()}

