"""Project-level pages that read every app: the home page (Việc cần làm)."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone

from tdkt import home as todo


@login_required
def home(request):
    """Start page: what the user has to do now, each item a count and a link to its list;
    then the user's roles."""
    user = request.user
    today = timezone.localdate()
    items = todo.todos(user, today)
    context = {
        "todos": items,
        "inbox_rows": todo.inbox_rows(user) if any(t.key == "inbox" for t in items) else [],
        "today": today,
        "assignments": user.role_assignments.filter(is_active=True)
        .select_related("unit", "cluster"),
    }
    return render(request, "tdkt/home.html", context)
