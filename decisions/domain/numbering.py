"""Decision numbers: per issuer, symbol and calendar year from 01, unique (Decree 30/2020
Art. 15). The series row is locked with `select_for_update`, so two decisions issued at the
same moment never share a number; the unique constraint on Decision backs it up."""

from django.db import IntegrityError, transaction

from decisions.models import NumberSeries


def next_number(issuer, symbol: str, year: int) -> int:
    """Take the next number. Call inside the issuing transaction: a rollback gives it back."""
    for _attempt in range(3):
        series = (NumberSeries.objects.select_for_update()
                  .filter(issuer=issuer, symbol=symbol, year=year).first())
        if series is not None:
            series.last_number += 1
            series.save(update_fields=["last_number"])
            return series.last_number
        try:
            with transaction.atomic():  # first decision of the year: create the series
                NumberSeries.objects.create(issuer=issuer, symbol=symbol, year=year,
                                            last_number=1)
            return 1
        except IntegrityError:
            continue  # another transaction created it first: lock it and go on
    raise RuntimeError("could not allocate a decision number")
