"""The audit trail as core writes to it. Every change is audited by `audit.domain.record.record`,
but core is the ground floor and imports no app: the audit app hands its writer over when it
starts (`AuditConfig.ready`), as the apps hand their home panels over (core/home.py). Until it
has, a change here refuses to run rather than go unrecorded."""

from django.core.exceptions import ImproperlyConfigured

_writer = None


def install(writer) -> None:
    global _writer
    _writer = writer


def record(actor, action: str, obj=None, **details):
    """`audit.domain.record.record(actor, action, obj, **details)`, which it forwards to."""
    if _writer is None:
        raise ImproperlyConfigured("core.trail: the audit app did not install its writer")
    return _writer(actor, action, obj, **details)
