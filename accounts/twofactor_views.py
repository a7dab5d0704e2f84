"""Two-factor sign-in pages: the second sign-in step, the user's security page (enrol, disable)
and the administrator's reset. The logic is in accounts.domain.twofactor."""

import time

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.contrib import auth, messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from rules.contrib.views import permission_required

from accounts.domain import twofactor
from accounts.domain.signin import is_locked_out, note_attempt
from accounts.interfaces.forms import (
    ReasonForm,
    ThrottledAuthenticationForm,
    TwoFactorCodeForm,
    TwoFactorDisableForm,
    client_ip,
)
from accounts.models import User
from core.interfaces.forms import apply_domain_error, posted

PENDING_KEY = "tdkt_2fa_pending"
# The password step is good for this long; then the user starts again.
PENDING_SECONDS = 5 * 60


def remember_password_step(request, user, next_url: str) -> None:
    """After a correct password, remember who is half signed in. The session is NOT
    authenticated until `login_code` accepts a code."""
    request.session[PENDING_KEY] = {"user": user.pk, "backend": user.backend, "next": next_url,
                                    "since": time.time()}


def _pending_user(request):
    pending = request.session.get(PENDING_KEY)
    if not pending or time.time() - pending["since"] > PENDING_SECONDS:
        request.session.pop(PENDING_KEY, None)
        return None, None
    user = User.objects.filter(pk=pending["user"], is_active=True).first()
    return user, pending


@never_cache
def login_code(request):
    """Second sign-in step. Wrong codes count as failed sign-ins (the same lock-out)."""
    user, pending = _pending_user(request)
    if user is None:
        return redirect("accounts:login")
    form = TwoFactorCodeForm(posted(request))
    if form.is_valid():
        ip = client_ip(request)
        if is_locked_out(user.username, ip):
            form.add_error(None, ThrottledAuthenticationForm.error_messages["locked_out"])
        elif twofactor.verify(user, form.cleaned_data["code"], ip_address=ip):
            del request.session[PENDING_KEY]
            auth.login(request, user, backend=pending["backend"])
            note_attempt(user.username, ip, user=user, succeeded=True)
            return redirect(_safe_next(request, pending["next"]))
        else:
            note_attempt(user.username, ip, succeeded=False)
            form.add_error("code", _("This code is not valid."))
    return render(request, "accounts/login_code.html", {"form": form})


def _safe_next(request, url: str) -> str:
    if url and url_has_allowed_host_and_scheme(url, {request.get_host()},
                                               require_https=request.is_secure()):
        return url
    return settings.LOGIN_REDIRECT_URL


@login_required
def security(request):
    """The user's own account page: two-factor status and the way to turn it on or off."""
    user = request.user
    return render(request, "accounts/security.html", {
        "enabled": twofactor.is_enabled(user), "required": twofactor.is_required(user),
        "codes_left": twofactor.unused_recovery_codes(user),
        "disable_form": TwoFactorDisableForm()})


@never_cache
@login_required
def two_factor_enrol(request):
    """GET shows a new secret (QR code + text); POST confirms it with a code."""
    if twofactor.is_enabled(request.user):
        return redirect("accounts:security")
    secret = twofactor.pending_secret(request.user)
    form = TwoFactorCodeForm(posted(request))
    if request.method == "POST" and secret is not None and form.is_valid():
        try:
            codes = twofactor.confirm_enrolment(request.user, form.cleaned_data["code"])
        except ValidationError as error:
            apply_domain_error(form, error)
        else:
            return render(request, "accounts/recovery_codes.html", {"codes": codes})
    if secret is None:
        secret = twofactor.start_enrolment(request.user)
        form = TwoFactorCodeForm()
    # Recovery codes do not exist yet: only the app's code confirms enrolment.
    form.fields["code"].help_text = _("The 6 digits your authenticator app shows now.")
    return render(request, "accounts/two_factor_enrol.html", {
        "form": form, "secret": secret, "required": twofactor.is_required(request.user)})


@never_cache
@login_required
def two_factor_qr(request):
    """The pending secret as an SVG QR code (an image: no script, allowed by the CSP)."""
    secret = twofactor.pending_secret(request.user)
    if secret is None:
        return HttpResponse(status=404)
    image = qrcode.make(twofactor.qr_uri(request.user, secret),
                        image_factory=qrcode.image.svg.SvgPathImage, box_size=8, border=2)
    return HttpResponse(image.to_string(), content_type="image/svg+xml")


@login_required
@require_POST
def two_factor_disable(request):
    form = TwoFactorDisableForm(request.POST)
    if form.is_valid():
        try:
            twofactor.disable(request.user, **form.cleaned_data)
            messages.success(request, _("Two-factor sign-in is off."))
            return redirect("accounts:security")
        except ValidationError as error:
            apply_domain_error(form, error)
    return render(request, "accounts/security.html", {
        "enabled": True, "required": twofactor.is_required(request.user),
        "codes_left": twofactor.unused_recovery_codes(request.user), "disable_form": form})


@login_required
@permission_required("accounts.manage_users", raise_exception=True)
@require_POST
def two_factor_reset(request, username):
    account = get_object_or_404(User, username=username)
    form = ReasonForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("Give a reason."))
        twofactor.admin_reset(request.user, account, form.cleaned_data["reason"])
        messages.success(request, _("Two-factor sign-in of %(name)s was reset.") % {
            "name": account.username})
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("accounts:user_detail", username=account.username)
