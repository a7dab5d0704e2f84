"""What the portal publishes for verifiable credentials (issue 17 §3): each issuing authority's
DID document (its public keys) and status lists, and a certificate's credential for download
by whoever holds its code (the code is the secret printed on the paper)."""

from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_GET

from decisions.domain import credential_keys, vc
from decisions.domain.credentials import signed_status_list
from decisions.domain.queries import certificate_by_code
from decisions.models import IssuerKey
from organisations.models import Unit

# A revocation is visible to verifiers within a minute; the list is cheap to sign again.
STATUS_MAX_AGE = 60


def _issuer_with_keys(code: str) -> Unit:
    """Only authorities that have issued credentials publish anything."""
    unit = get_object_or_404(Unit, code=code)
    if not IssuerKey.objects.filter(issuer=unit).exists():
        raise Http404
    return unit


@require_GET
def did_document(request, code):
    document = credential_keys.did_document(_issuer_with_keys(code))
    return JsonResponse(document, content_type="application/did+json",
                        json_dumps_params={"ensure_ascii": False})


@require_GET
def status_list(request, code, purpose):
    if purpose not in (vc.REVOCATION, vc.MESSAGE):
        raise Http404
    token = signed_status_list(None, _issuer_with_keys(code), purpose)
    if token is None:
        raise Http404
    response = HttpResponse(token, content_type=vc.MEDIA_TYPE)
    response["Cache-Control"] = f"public, max-age={STATUS_MAX_AGE}"
    response["Access-Control-Allow-Origin"] = "*"  # wallets and verifiers fetch it cross-site
    return response


@require_GET
def credential_download(request, code):
    certificate = certificate_by_code(code)
    token = getattr(certificate, "credential", None) if certificate else None
    if token is None:
        raise Http404
    response = HttpResponse(token.token, content_type=vc.MEDIA_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{certificate.code}.jwt"'
    return response
