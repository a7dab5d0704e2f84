"""The document desk's register (sổ đăng ký văn bản đi): decision numbers per issuer, symbol and
calendar year from 01, unique (Decree 30/2020/NĐ-CP Art. 15). At issue the desk takes the
number the register proposes, or types the number the office's document-management system gave
(that system numbers every outgoing document, so the numbers TĐKT sees may have gaps: allowed,
and listed on the register page).

The register row is locked with `select_for_update`, so two decisions issued at the same moment
never share a number; the unique constraint on Decision backs it up."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from decisions.models import Decision, NumberSeries


def _locked_register(issuer, symbol: str, year: int) -> NumberSeries:
    """The register row, locked; created (empty) for the year's first decision."""
    for _attempt in range(3):
        series = (NumberSeries.objects.select_for_update()
                  .filter(issuer=issuer, symbol=symbol, year=year).first())
        if series is not None:
            return series
        try:
            with transaction.atomic():  # first decision of the year: open the register
                NumberSeries.objects.create(issuer=issuer, symbol=symbol, year=year)
        except IntegrityError:
            continue  # another transaction opened it first: lock it and go on
    raise RuntimeError("could not open the document register")


def proposed_number(issuer, symbol: str, year: int) -> int:
    """The number the register proposes (no lock: shown on the issue form only)."""
    series = NumberSeries.objects.filter(issuer=issuer, symbol=symbol, year=year).first()
    return (series.last_number if series else 0) + 1


def next_number(issuer, symbol: str, year: int) -> int:
    """Take the next number. Call inside the issuing transaction: a rollback gives it back."""
    return take_number(issuer, symbol, year)


def take_number(issuer, symbol: str, year: int, *, typed: int | None = None, actor=None,
                decision: Decision | None = None) -> int:
    """Register a number: the proposed one (`typed` None) or the one the desk typed. A typed
    number already held is refused naming the decision that holds it — when `actor` may read
    it; otherwise without a name (no existence beyond the actor's scope is revealed)."""
    series = _locked_register(issuer, symbol, year)
    if typed is None:
        number = series.last_number + 1
    else:
        _refuse_taken(issuer, symbol, year, typed, actor, decision)
        number = typed
    if number > series.last_number:
        series.last_number = number
        series.save(update_fields=["last_number"])
    return number


def _refuse_taken(issuer, symbol, year, number, actor, decision) -> None:
    holder = (Decision.objects.filter(issuer=issuer, symbol=symbol, year=year, number=number)
              .exclude(pk=getattr(decision, "pk", None)).first())
    if holder is None:
        return
    label = f"{number:02d}/{symbol}"
    if actor is not None and actor.has_perm("decisions.view_decision", holder):
        message = _("Number %(number)s of %(year)s is already registered to decision "
                    "“%(summary)s” dated %(date)s.") % {
            "number": label, "year": year, "summary": holder.summary,
            "date": f"{holder.date:%d/%m/%Y}" if holder.date else "—"}
    else:
        message = _("Number %(number)s of %(year)s is already registered in this "
                    "register.") % {"number": label, "year": year}
    raise ValidationError({"number": message})


def gaps(numbers, last: int) -> list[tuple[int, int]]:
    """The numbers 1…`last` not in `numbers`, as (first, last) runs: [(3, 5), (9, 9)]."""
    taken, runs, start = set(numbers), [], None
    for n in range(1, last + 1):
        if n not in taken and start is None:
            start = n
        elif n in taken and start is not None:
            runs.append((start, n - 1))
            start = None
    if start is not None:
        runs.append((start, last))
    return runs
