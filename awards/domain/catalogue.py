"""Maintaining the catalogue: a new dated value of a parameter closes the one it replaces, so the
value in force on any date stays answerable (old decisions keep their old coefficients)."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from audit.domain.record import record
from awards.models import AwardParameter, AwardType

ONE_DAY = datetime.timedelta(days=1)


@transaction.atomic
def set_parameter(actor, award_type: AwardType, *, key: str, value, valid_from: datetime.date,
                  citation: str, verified: bool) -> AwardParameter:
    """Add the value of `key` in force from `valid_from`. The open value valid before that date
    ends the day before; a value already starting on or after `valid_from` refuses the change
    (edit history forward only). Side effect: audit entry `awards.parameter.set`."""
    if not citation.strip():
        raise ValidationError({"citation": _("Cite the legal basis of the value.")})
    rows = AwardParameter.objects.select_for_update().filter(award_type=award_type, key=key)
    if rows.filter(valid_from__gte=valid_from).exists():
        raise ValidationError({"valid_from": _("A value already starts on or after this date.")})
    previous = rows.filter(valid_to__isnull=True).first()
    if previous is not None:
        previous.valid_to = valid_from - ONE_DAY
        previous.save(update_fields=["valid_to"])
    new = AwardParameter.objects.create(award_type=award_type, key=key, value=value,
                                        valid_from=valid_from, citation=citation,
                                        verified=verified)
    record(actor, "awards.parameter.set", award_type,
           changes={key: [previous.value if previous else None, value]},
           reason=f"{citation} ({valid_from.isoformat()})")
    return new
