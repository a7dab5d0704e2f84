"""The shape every back-office form page shares: show the form; on a valid POST call the domain
function; on success say so and go on; a domain refusal comes back onto the form."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from core.interfaces.forms import apply_domain_error


def form_page(request, form, save, *, title, submit, done, success_message,
              template="organisations/form.html"):
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
