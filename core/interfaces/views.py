"""The shapes back-office pages share: the form page (show the form; on a valid POST call the
domain function; on success say so and go on; a domain refusal comes back onto the form) and the
list page (one page of a filtered queryset, or the same rows exported)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from core.interfaces.compiled import Compiled
from core.interfaces.exports import requested_format
from core.interfaces.forms import apply_domain_error
from core.interfaces.paging import paginate


def form_page(request, form, save, *, title, submit, done, success_message,
              template="core/form.html"):
    """`save(cleaned_data)` performs the change; `done(result)` is where to go afterwards;
    `success_message` is a text, or a function of the result."""
    if request.method == "POST" and form.is_valid():
        try:
            result = save(form.cleaned_data)
        except ValidationError as error:
            apply_domain_error(form, error)
        else:
            messages.success(request, success_message(result) if callable(success_message)
                             else success_message)
            return redirect(done(result))
    return render(request, template, {"form": form, "title": title, "submit": submit})


def refused(request, message: str):
    """A clear refusal (403) naming who may act, for someone who may read an object but not
    take the action (e.g. revoking an award another authority granted)."""
    return render(request, "core/refused.html", {"message": message}, status=403)


def list_page(request, rows, *, export, template, partial=None, per_page=50, seek=False,
              prepare=None, matches=False, **context):
    """A "list + filters + export" page (house rule 12): `?export=xlsx|csv` streams
    `export(kind, rows)` — the page's own filtered queryset, so export and page cannot differ —
    and otherwise one page of `rows` is rendered as `page` with `context`: the whole `template`,
    or only the `partial` results block for an htmx request (filters that re-query as they
    change). `prepare(page)` annotates the page's rows before rendering; `matches` says a
    search narrows `rows` (paginate). `rows` may be a core.interfaces.compiled.Compiled list:
    its SQL compiled once per key, paged by offset; the export streams its built queryset."""
    if isinstance(rows, Compiled):
        if kind := requested_format(request):
            return export(kind, rows.build())
        page = rows.page(request, per_page)
    elif kind := requested_format(request):
        return export(kind, rows)
    else:
        page = paginate(request, rows, per_page=per_page, seek=seek, matches=matches)
    if prepare is not None:
        prepare(page)
    if partial is not None and request.headers.get("HX-Request"):
        template = partial
    return render(request, template, {"page": page, **context})

