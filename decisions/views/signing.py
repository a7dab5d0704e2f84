"""Signing: the signer downloads the PDF for signing (decisions:file), signs it off-line with
their token, and uploads it here; the verified copy becomes the official one."""

from django.contrib.auth.decorators import login_required
from django.utils.translation import gettext as _

from core.interfaces.guards import require
from core.interfaces.views import form_page
from decisions.domain.signing import accept_signed_copy
from decisions.interfaces.forms import SignedCopyForm
from decisions.views.decisions import _decision, _url


@login_required
def decision_sign(request, public_id):
    decision = _decision(request, public_id)
    require(request, "decisions.upload_signed_copy", decision)
    form = SignedCopyForm(request.POST or None, request.FILES or None)
    return form_page(request, form,
                     lambda d: accept_signed_copy(request.user, decision, d["file"]),
                     title=_("Upload the signed copy of decision %(number)s") % {
                         "number": decision.number_label},
                     submit=_("Verify and upload"), done=lambda c: _url(decision),
                     success_message=lambda c: _("Signature verified: signed by %(name)s. The "
                                                 "signed copy is now the official one.") % {
                         "name": c.signer_name},
                     template="decisions/signed_upload.html")
