"""Certificate verification on the public portal (no login)."""


from django.shortcuts import redirect, render
from django.urls import reverse

from decisions.domain.queries import certificate_by_code, revoked_record
from portal.interfaces.forms import VerifyForm
from portal.interfaces.kept import kept_page


def verify(request):
    form = VerifyForm(request.GET or None)
    if form.is_valid():
        return redirect(reverse("portal:verify_code", args=[form.cleaned_data["code"].strip()
                                                            .upper()]))
    return render(request, "portal/verify.html", {"form": form})


def verify_code(request, code):
    """Status of a certificate: valid, corrected (with its replacement) or revoked. Shows the
    name, unit, award and decision — the public facts of a published decision."""
    def build():
        certificate = certificate_by_code(code)
        return {"certificate": certificate, "code": code, "form": VerifyForm(),
                "revoked": revoked_record(certificate.item) if certificate else None,
                "credential": getattr(certificate, "credential", None)}, (
                    200 if certificate else 404)

    return kept_page(request, "portal/verify_result.html", build)
