"""Public consultation on the portal (no login): an open window and its comment form."""


from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.clients import client_address
from core.interfaces.forms import apply_domain_error, posted
from portal.domain.queries.consultations import public_nominees
from portal.interfaces.forms import CommentForm
from proposals.domain.consultation import leave_comment
from proposals.models import Consultation, Nominee


def consultation(request, public_id):
    window = Consultation.objects.select_related("proposal__unit").filter(
        public_id=public_id).first()
    if window is None or not window.is_open_on(timezone.localdate()):
        raise Http404
    nominees = public_nominees(window)
    form = CommentForm(posted(request), nominees=nominees)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        nominee = (Nominee.objects.filter(proposal=window.proposal,
                                          public_id=data["nominee"]).first()
                   if data["nominee"] else None)
        try:
            leave_comment(window, author_name=data["author_name"], contact=data["contact"],
                          body=data["body"], nominee=nominee,
                          address=client_address(request))
        except ValidationError as error:
            apply_domain_error(form, error)
        else:
            messages.success(request, _("Thank you. Your comment was sent to the emulation "
                                        "board."))
            return redirect(request.path)
    return render(request, "portal/consultation.html", {"window": window, "nominees": nominees,
                                                        "form": form})
