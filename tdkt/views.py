"""Project-level pages that read every app: the home page (Việc cần làm) and the user
guide."""

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.safestring import mark_safe

from tdkt import guide as user_guide
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


@login_required
def guide(request):
    """docs/user-guide.md, rendered (tdkt.guide: raw HTML escaped, unsafe links refused)."""
    return render(request, "tdkt/guide.html", {"guide": mark_safe(user_guide.rendered())})


@login_required
def guide_image(request, name):
    """A screenshot the guide shows (docs/screenshots/, PNG names only)."""
    path = user_guide.screenshot(name)
    if path is None:
        raise Http404
    return FileResponse(path.open("rb"), content_type="image/png")
