"""Optional two-factor sign-in (TOTP, RFC 6238) for staff accounts.

Life of an authenticator: `start_enrolment` (a new secret, not yet active) → `confirm_enrolment`
with a valid code (active; ten one-time recovery codes are returned, shown once) → `disable` by
the user with password + code, or `admin_reset` by a system administrator with a reason. Each
step writes an audit entry. API tokens are not affected: a token is already a second secret
created inside a signed-in (two-factor) session.
"""

import hashlib
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.domain import scope, totp
from accounts.domain.sealing import seal, unseal
from accounts.enums import TWO_FACTOR_REQUIRED_ROLES
from accounts.models import RecoveryCode, TwoFactorDevice
from core.trail import record

RECOVERY_CODE_COUNT = 10
_RECOVERY_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud, typed by hand
ISSUER = "TDKT"


def device_of(user) -> TwoFactorDevice | None:
    return TwoFactorDevice.objects.filter(user=user).first()


def is_enabled(user) -> bool:
    return TwoFactorDevice.objects.filter(user=user, confirmed_at__isnull=False,
                                          disabled_at__isnull=True).exists()


def is_required(user) -> bool:
    """Whether this user must use 2FA: only when the deployment asks for it
    (TDKT_REQUIRE_2FA_FOR_STAFF) and the user holds a board or system-admin role."""
    if not settings.TDKT_REQUIRE_2FA_FOR_STAFF:
        return False
    return scope.is_system_admin(user) or scope.has_role(user, *TWO_FACTOR_REQUIRED_ROLES)


def _hash_recovery(code: str) -> str:
    normal = "".join(code.split()).replace("-", "").upper()
    return hashlib.sha256(normal.encode()).hexdigest()


def _new_recovery_code() -> str:
    raw = "".join(secrets.choice(_RECOVERY_ALPHABET) for _ in range(10))
    return f"{raw[:5]}-{raw[5:]}"


@transaction.atomic
def start_enrolment(actor) -> str:
    """A fresh secret for `actor`, stored sealed and inactive until confirmed; returns it in
    clear (for the QR code). Refused while 2FA is on. Side effect: audit `accounts.2fa.enrol`."""
    device = TwoFactorDevice.objects.select_for_update().filter(user=actor).first()
    if device is not None and device.is_enabled:
        raise ValidationError(_("Two-factor sign-in is already on."))
    secret = totp.new_secret()
    if device is None:
        device = TwoFactorDevice.objects.create(user=actor, secret_sealed=seal(secret))
    else:
        device.secret_sealed, device.confirmed_at = seal(secret), None
        device.disabled_at, device.last_step = None, None
        device.save(update_fields=["secret_sealed", "confirmed_at", "disabled_at", "last_step"])
    record(actor, "accounts.2fa.enrol", actor)
    return secret


def pending_secret(actor) -> str | None:
    """The secret of an enrolment waiting for its first code (for the QR code), else None."""
    device = device_of(actor)
    if device is None or device.confirmed_at is not None or device.disabled_at is not None:
        return None
    return unseal(device.secret_sealed)


def qr_uri(actor, secret: str) -> str:
    return totp.provisioning_uri(secret, actor.get_username(), ISSUER)


@transaction.atomic
def confirm_enrolment(actor, code: str) -> list[str]:
    """Turn 2FA on once the user proves their app produces valid codes. Returns the recovery
    codes in clear (shown once). Side effects: device confirmed, recovery codes replaced,
    audit `accounts.2fa.enable`."""
    device = TwoFactorDevice.objects.select_for_update().filter(
        user=actor, confirmed_at__isnull=True).first()
    if device is None:
        raise ValidationError(_("Start the set-up again: no authenticator is waiting."))
    step = totp.matching_step(unseal(device.secret_sealed), code)
    if step is None:
        raise ValidationError({"code": _("This code is not valid. Check the time on your phone "
                                         "and type the 6 digits the app shows now.")})
    device.confirmed_at, device.last_step = timezone.now(), step
    device.save(update_fields=["confirmed_at", "last_step"])
    codes = _replace_recovery_codes(actor)
    record(actor, "accounts.2fa.enable", actor)
    return codes


def _replace_recovery_codes(user) -> list[str]:
    RecoveryCode.objects.filter(user=user, used_at__isnull=True, revoked_at__isnull=True).update(
        revoked_at=timezone.now())
    codes = [_new_recovery_code() for _ in range(RECOVERY_CODE_COUNT)]
    RecoveryCode.objects.bulk_create(RecoveryCode(user=user, digest=_hash_recovery(c))
                                     for c in codes)
    return codes


def unused_recovery_codes(user) -> int:
    return RecoveryCode.objects.filter(user=user, used_at__isnull=True,
                                       revoked_at__isnull=True).count()


@transaction.atomic
def verify(user, code: str, *, ip_address: str | None = None) -> bool:
    """Check a sign-in code: a TOTP code of a step later than the last accepted one (a replayed
    code is refused), or an unused recovery code (then spent). Side effects: the device's last
    step, or the recovery code's use and audit `accounts.2fa.recovery_code_used`."""
    device = TwoFactorDevice.objects.select_for_update().filter(
        user=user, confirmed_at__isnull=False, disabled_at__isnull=True).first()
    if device is None:
        return False
    step = totp.matching_step(unseal(device.secret_sealed), code)
    if step is not None:
        if device.last_step is not None and step <= device.last_step:
            return False
        device.last_step = step
        device.save(update_fields=["last_step"])
        return True
    return _spend_recovery_code(user, code, ip_address)


def _spend_recovery_code(user, code: str, ip_address) -> bool:
    spent = RecoveryCode.objects.filter(
        user=user, digest=_hash_recovery(code), used_at__isnull=True, revoked_at__isnull=True,
    ).update(used_at=timezone.now())
    if spent != 1:  # conditional update: two requests cannot spend the same code
        return False
    record(user, "accounts.2fa.recovery_code_used", user, ip_address=ip_address,
           changes={"recovery_codes_left": [None, unused_recovery_codes(user)]})
    return True


def _turn_off(user) -> None:
    TwoFactorDevice.objects.filter(user=user, disabled_at__isnull=True).update(
        disabled_at=timezone.now())
    RecoveryCode.objects.filter(user=user, used_at__isnull=True, revoked_at__isnull=True).update(
        revoked_at=timezone.now())


@transaction.atomic
def disable(actor, *, password: str, code: str) -> None:
    """The user turns 2FA off, proving both factors. Side effects: device disabled, recovery
    codes revoked, audit `accounts.2fa.disable`."""
    if not is_enabled(actor):
        raise ValidationError(_("Two-factor sign-in is not on."))
    errors = {}
    if not actor.check_password(password):
        errors["password"] = _("The password is not correct.")
    elif not verify(actor, code):
        errors["code"] = _("This code is not valid.")
    if errors:
        raise ValidationError(errors)
    _turn_off(actor)
    record(actor, "accounts.2fa.disable", actor)


@transaction.atomic
def admin_reset(actor, user, reason: str) -> None:
    """A system administrator turns a user's 2FA off (lost phone and codes); the user enrols
    again at next sign-in if 2FA is required. Side effect: audit `accounts.2fa.reset` with the
    reason."""
    if not reason.strip():
        raise ValidationError({"reason": _("Give a reason.")})
    if not is_enabled(user) and pending_secret(user) is None:
        raise ValidationError(_("This user has no two-factor authenticator."))
    _turn_off(user)
    TwoFactorDevice.objects.filter(user=user, confirmed_at__isnull=True).update(
        disabled_at=timezone.now())
    record(actor, "accounts.2fa.reset", user, reason=reason.strip())
