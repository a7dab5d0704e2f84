"""The background "who qualifies" run's request form and its export from the stored verdicts
(awards.domain.screening_runs)."""


from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.interfaces.exports import export


class ScreeningForm(forms.Form):
    """Award (or every individual one), year of achievement, and optionally one unit of the
    officer's scope by its code (resolved by the view within that scope)."""

    award = forms.ChoiceField(label=gettext_lazy("Title / form"))
    year = forms.IntegerField(label=gettext_lazy("Year of achievement"), min_value=2000)
    unit = forms.CharField(label=gettext_lazy("Unit code (optional)"), required=False,
                           max_length=40)

    def __init__(self, *args, choices: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["award"].choices = choices
        self.fields["year"].initial = timezone.localdate().year - 1


def screening_header() -> list[str]:
    return [_("Full name"), _("Unit"), _("Position"), _("Title / form"), _("Status"),
            _("Reward (VND)")]


def screening_rows(results, names: dict):
    """One line per stored verdict, in the list's order: the same columns as the page."""
    eligible = _("Eligible")
    for result in results.iterator(chunk_size=2000):
        person = result.person
        yield [person.full_name, person.unit.name if person.unit_id else "", person.position,
               names.get(result.award, result.award), status(result, eligible),
               None if result.held is not None else result.reward_vnd]


def status(result, eligible: str) -> str:
    """The status column: eligible, or where the person already stood when screened."""
    if result.held is None:
        return eligible
    if result.held:
        return _("Already awarded: decision no. %(number)s") % {"number": result.reference}
    return _("Being proposed: proposal %(code)s") % {"code": result.reference}


def screening_export(kind: str, results, names: dict, year: int):
    return export(kind, screening_header(), screening_rows(results, names),
                  f"du-dieu-kien-{year}", str(year))
