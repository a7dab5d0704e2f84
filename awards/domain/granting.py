"""Who may grant what on a date (Law 06/2022/QH15 Art. 77–80; the 2003/2013 law before 2024;
Decree 129/2025/NĐ-CP Art. 59 from 1/7/2025), read from the dated table
`awards.GrantingAuthority`, and its maintenance by the administrator (every change audited).

A unit acts as the body of its level and kind: the provincial people's committee is the
provincial chairman, a department its director, a commune's committee its chairman."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from audit.domain.record import record
from awards.domain.parameters import law_tables
from awards.enums import AuthorityPower
from awards.models import AwardType, GrantingAuthority

ONE_DAY = datetime.timedelta(days=1)


def in_force(on: datetime.date):
    """The rows in force on `on` (both ends inclusive)."""
    return GrantingAuthority.objects.filter(
        Q(valid_to__isnull=True) | Q(valid_to__gte=on), valid_from__lte=on)


def powers(unit, award_types, on: datetime.date) -> dict[int, str]:
    """award type id → what `unit` may do with it on `on` (GRANTS over FORWARDS); award
    types it may do nothing with are absent. From the rows kept per process (`law_tables`:
    one stamp read instead of the table's query on every submission and its page)."""
    wanted, found = {a.pk for a in award_types}, {}
    for row in law_tables().authorities.get((unit.level, unit.kind), ()):
        if (row.award_type_id in wanted and row.in_force(on)
                and found.get(row.award_type_id) != AuthorityPower.GRANTS):
            found[row.award_type_id] = row.power
    return found


def granting_offices(award_type, on: datetime.date) -> list[str]:
    """The offices that grant `award_type` on `on` (for messages), or an empty list when no
    body of a province does (the State's forms)."""
    return sorted(set(in_force(on).filter(award_type=award_type, power=AuthorityPower.GRANTS)
                      .values_list("office", flat=True)))


def _who(award_type, on) -> str:
    offices = granting_offices(award_type, on)
    return ", ".join(offices) if offices else _("a central authority (proposed upward)")


def addressing_errors(unit, award_types, on: datetime.date, *,
                      allowed: dict[int, str] | None = None) -> list[str]:
    """A proposal addressed to `unit` may request a form only if `unit` grants it or proposes
    it upward on `on`. One message per refused form, naming it and who grants it. `allowed`:
    `powers(unit, award_types, on)` when the caller has read it already."""
    if allowed is None:
        allowed = powers(unit, award_types, on)
    return [_("%(unit)s neither grants nor proposes upward “%(award)s” on %(date)s (granted "
              "by: %(who)s). Address the proposal to the competent authority.") % {
        "unit": unit.name, "award": a.name, "date": f"{on:%d/%m/%Y}",
        "who": _who(a, on)} for a in _distinct(award_types) if a.pk not in allowed]


def granting_errors(unit, award_types, on: datetime.date) -> list[str]:
    """A decision of `unit` dated `on` may award only what `unit` grants on that date."""
    allowed = powers(unit, award_types, on)
    return [_("%(unit)s does not grant “%(award)s” on %(date)s (granted by: %(who)s).") % {
        "unit": unit.name, "award": a.name, "date": f"{on:%d/%m/%Y}",
        "who": _who(a, on)} for a in _distinct(award_types)
        if allowed.get(a.pk) != AuthorityPower.GRANTS]


def _distinct(award_types) -> list:
    seen = {}
    for award in award_types:
        seen.setdefault(award.pk, award)
    return list(seen.values())


@transaction.atomic
def set_authority(actor, *, award_type: AwardType, unit_level: str, unit_kind: str,
                  power: str, office: str, valid_from: datetime.date, citation: str,
                  verified: bool) -> GrantingAuthority:
    """A body's power over an award from `valid_from`: the open row of the same award and body
    ends the day before; a row already starting on or after `valid_from` refuses the change
    (history is edited forward only). Side effect: audit `awards.authority.set`."""
    if not citation.strip():
        raise ValidationError({"citation": _("Cite the legal basis of the value.")})
    rows = GrantingAuthority.objects.select_for_update().filter(
        award_type=award_type, unit_level=unit_level, unit_kind=unit_kind)
    if rows.filter(valid_from__gte=valid_from).exists():
        raise ValidationError({"valid_from": _("A value already starts on or after this date.")})
    previous = rows.filter(Q(valid_to__isnull=True) | Q(valid_to__gte=valid_from)).first()
    if previous is not None:
        previous.valid_to = valid_from - ONE_DAY
        previous.save(update_fields=["valid_to"])
    new = GrantingAuthority.objects.create(
        award_type=award_type, unit_level=unit_level, unit_kind=unit_kind, power=power,
        office=office, valid_from=valid_from, citation=citation, verified=verified)
    record(actor, "awards.authority.set", new, reason=f"{citation} ({valid_from})",
           changes={f"{unit_level}/{unit_kind}": [previous.power if previous else None,
                                                  power]})
    return new


@transaction.atomic
def end_authority(actor, row: GrantingAuthority, *, valid_to: datetime.date,
                  citation: str) -> GrantingAuthority:
    """The body stops granting (or forwarding) the award after `valid_to` (a law repealed the
    power). Side effect: audit `awards.authority.end`."""
    locked = GrantingAuthority.objects.select_for_update().get(pk=row.pk)
    if not citation.strip():
        raise ValidationError({"citation": _("Cite the legal basis of the value.")})
    if valid_to < locked.valid_from or (locked.valid_to and valid_to >= locked.valid_to):
        raise ValidationError({"valid_to": _("The end must fall within the row's validity.")})
    before = locked.valid_to
    locked.valid_to = valid_to
    locked.save(update_fields=["valid_to"])
    record(actor, "awards.authority.end", locked, reason=citation,
           changes={f"{locked.unit_level}/{locked.unit_kind}.valid_to": [
               before.isoformat() if before else None, valid_to.isoformat()]})
    return locked
