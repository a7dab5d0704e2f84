"""Forms of the proposals back office. They collect input; the domain functions decide."""

import uuid

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.domain.scope import restrict_to_scope, users_with_role_over
from accounts.enums import Role
from accounts.models import User
from awards.models import AwardType
from core.interfaces.forms import date_widget
from core.interfaces.uploads import DossierFileField
from emulation.domain.queries.movements import movements_for_user
from organisations.domain.queries import (
    collectives_for_user,
    households_for_user,
    people_for_user,
)
from organisations.interfaces.forms import UnitChoiceField
from organisations.models import Unit, UnitClosure
from proposals.domain.council import check_end
from proposals.enums import BOARD, PROPOSERS, BallotKind, DocumentType, NomineeStatus, Opinion
from proposals.models import CouncilMember, Nominee, Proposal


class AwardChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name} ({obj.code})"


def award_types():
    return AwardType.objects.filter(is_active=True).order_by("category", "sort_order")


class ProposalForm(forms.ModelForm):
    unit = UnitChoiceField(label=_("Proposing unit"), queryset=Unit.objects.none())
    recipient_unit = UnitChoiceField(label=_("Addressed to"), queryset=Unit.objects.none(),
                                     help_text=_("The unit whose head grants the forms "
                                                 "requested (your unit or a unit above it)."))

    class Meta:
        model = Proposal
        fields = ["unit", "title", "recipient_unit", "authority_level", "track", "procedure",
                  "year", "letter_number", "letter_date", "movement", "movement_note",
                  "summary"]
        widgets = {"letter_date": date_widget(), "summary": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        active = Unit.objects.filter(valid_to__isnull=True).order_by("path")
        self.fields["unit"].queryset = restrict_to_scope(active, user, field="id",
                                                         roles=PROPOSERS)
        self.fields["recipient_unit"].queryset = active
        # Only movements the user may read: another unit's movement is not offered.
        self.fields["movement"].queryset = movements_for_user(user).order_by("-start_date")
        if self.instance.pk:
            del self.fields["unit"]

    def clean(self):
        data = super().clean()
        unit = data.get("unit") or getattr(self.instance, "unit", None)
        recipient = data.get("recipient_unit")
        if unit and recipient and not UnitClosure.objects.filter(
                ancestor=recipient, descendant=unit).exists():
            self.add_error("recipient_unit", _("Address the proposal to your own unit or a "
                                               "unit above it."))
        return data


class NomineeForm(forms.Form):
    SUBJECT_KINDS = [("individual", _("Individual")), ("collective", _("Collective")),
                     ("household", _("Household"))]
    subject_kind = forms.ChoiceField(label=_("Summary (trích yếu)"), choices=SUBJECT_KINDS)
    subject = forms.CharField(
        label=_("Citizen ID, or code of the collective / household"), max_length=64,
        help_text=_("Individuals by citizen ID (CCCD); collectives and households by the "
                    "code shown on their page."))
    award_type = AwardChoiceField(label=_("Title / form requested"), queryset=award_types())
    summary = forms.CharField(label=_("Achievement summary"),
                              widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean(self):
        data = super().clean()
        kind, ref = data.get("subject_kind"), (data.get("subject") or "").strip()
        if not kind or not ref:
            return data
        found = None
        if kind == "individual":
            found = people_for_user(self.user).filter(cccd=ref).first()
        else:
            qs = (collectives_for_user if kind == "collective" else households_for_user)(
                self.user)
            found = qs.filter(public_id=ref).first() if _is_uuid(ref) else None
        if found is None:
            self.add_error("subject", _("No %(kind)s “%(ref)s” in your scope.") % {
                "kind": dict(self.SUBJECT_KINDS)[kind].lower(), "ref": ref})
        data["subject_obj"] = found
        return data

    def subject_kwargs(self) -> dict:
        kind = {"individual": "person", "collective": "collective", "household": "household"}
        return {kind[self.cleaned_data["subject_kind"]]: self.cleaned_data["subject_obj"]}


def _is_uuid(value: str) -> bool:
    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True


class NomineeEditForm(forms.ModelForm):
    award_type = AwardChoiceField(label=_("Title / form requested"), queryset=award_types())

    class Meta:
        model = Nominee
        fields = ["award_type", "summary", "position", "is_leader", "is_direct_worker",
                  "received_by"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Only a posthumous award is received by the next of kin.
        person = self.instance.person if self.instance.person_id else None
        if person is None or not person.deceased:
            del self.fields["received_by"]


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))


class ConfirmForm(forms.Form):
    """A confirmation step: no input, only the POST (and its CSRF token)."""


class CloseSessionForm(forms.Form):
    """Closing a council session: when the meeting ended (for the minutes)."""

    ended_at = forms.DateTimeField(label=_("Meeting ended at"), widget=forms.DateTimeInput(
        attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"))

    def __init__(self, *args, session, **kwargs):
        super().__init__(*args, **kwargs)
        self.session = session
        # Usually closed as the meeting ends: now, or the start if the clock says earlier.
        now = timezone.localtime().replace(second=0, microsecond=0)
        self.fields["ended_at"].initial = max(now, timezone.localtime(session.held_at))

    def clean_ended_at(self):
        ended_at = self.cleaned_data["ended_at"]
        try:
            check_end(self.session, ended_at)
        except ValidationError as error:
            raise ValidationError(error.message_dict["ended_at"]) from error
        return ended_at


class SubmitForm(forms.Form):
    override_reason = forms.CharField(
        label=_("Reason for overriding the failed checks (board staff only)"), required=False,
        widget=forms.Textarea(attrs={"rows": 2}))


class DocumentForm(forms.Form):
    doc_type = forms.ChoiceField(label=_("Document type"), choices=DocumentType.choices)
    nominee = forms.ModelChoiceField(label=_("For nominee (blank: the whole dossier)"),
                                     queryset=Nominee.objects.none(), required=False)
    title = forms.CharField(label=_("Title"), max_length=255, required=False)

    def __init__(self, *args, proposal, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["nominee"].queryset = proposal.nominees.exclude(status="dropped")
        self.fields["file"] = DossierFileField(label=_("File (PDF, DOCX, XLSX, JPEG, PNG)"))


class AssignForm(forms.Form):
    appraisers = forms.ModelMultipleChoiceField(label=_("Appraisers"),
                                                queryset=User.objects.none(),
                                                widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, proposal, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["appraisers"].queryset = users_with_role_over(
            proposal.recipient_unit_id, (Role.BOARD_STAFF,)).order_by("username")


class OpinionForm(forms.Form):
    opinion = forms.ChoiceField(label=_("Opinion"), choices=Opinion.choices,
                                widget=forms.RadioSelect)
    final_award_type = AwardChoiceField(label=_("Other title / form"), queryset=award_types(),
                                        required=False)
    note = forms.CharField(label=_("Reason / note"), required=False,
                           widget=forms.Textarea(attrs={"rows": 2}))


class ForwardForm(forms.Form):
    to = forms.CharField(label=_("Forwarded to"), max_length=255,
                         initial=_("Prime Minister (through the Ministry of Home Affairs)"))
    reason = forms.CharField(label=_("Note"), required=False,
                             widget=forms.Textarea(attrs={"rows": 2}))


class ConsultationForm(forms.Form):
    starts_on = forms.DateField(label=_("Starts on"), widget=date_widget())
    working_days = forms.IntegerField(label=_("Working days"), min_value=1, max_value=60,
                                      required=False,
                                      help_text=_("Blank: the default of the procedure "
                                                  "parameters."))
    notice = forms.CharField(label=_("Notice to the public"), required=False,
                             widget=forms.Textarea(attrs={"rows": 3}))


class ResolutionForm(forms.Form):
    resolution = forms.CharField(label=_("Resolution"), widget=forms.Textarea(attrs={"rows": 2}))


class ProposalFilterForm(forms.Form):
    q = forms.CharField(required=False)

    def apply(self, qs):
        if self.is_valid() and self.cleaned_data["q"]:
            q = self.cleaned_data["q"]
            qs = qs.filter(Q(code__icontains=q) | Q(title__icontains=q)
                           | Q(letter_number__icontains=q))
        return qs


class SessionForm(forms.Form):
    unit = UnitChoiceField(label=_("Council of"), queryset=Unit.objects.none())
    title = forms.CharField(label=_("Title"), max_length=255,
                            initial=_("Meeting of the Emulation and Commendation Council"))
    held_at = forms.DateTimeField(label=_("Held at"),
                                  widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))
    place = forms.CharField(label=_("Place"), max_length=255)
    total_members = forms.IntegerField(label=_("Members of the council"), min_value=1,
                                       max_value=99)
    ballot = forms.ChoiceField(label=_("Ballot"), choices=BallotKind.choices)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        active = Unit.objects.filter(valid_to__isnull=True).order_by("path")
        self.fields["unit"].queryset = restrict_to_scope(active, user, field="id", roles=BOARD)


class SeatForm(forms.Form):
    user = forms.ModelChoiceField(label=_("Member"), queryset=User.objects.none())
    unit = UnitChoiceField(label=_("Home unit"),
                           queryset=Unit.objects.filter(valid_to__isnull=True).order_by("path"))
    role = forms.ChoiceField(label=_("Role"), choices=CouncilMember.ROLES)
    position = forms.CharField(label=_("Position"), max_length=255, required=False,
                               help_text=_("As the minutes name the member, e.g. Giám đốc Sở "
                                           "Nội vụ."))
    present = forms.BooleanField(label=_("Present"), required=False, initial=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = User.objects.filter(is_active=True).order_by("username")


class AgendaForm(forms.Form):
    proposal = forms.ModelChoiceField(label=_("Appraised proposal"),
                                      queryset=Proposal.objects.none())

    def __init__(self, *args, proposals, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["proposal"].queryset = proposals


class ConsolidateForm(forms.Form):
    proposals = forms.ModelMultipleChoiceField(
        label=_("Submitted proposals of lower units"), queryset=Proposal.objects.none(),
        widget=forms.CheckboxSelectMultiple)
    title = forms.CharField(label=_("Summary (trích yếu)"), max_length=300)
    recipient_unit = UnitChoiceField(label=_("Addressed to"),
                                     queryset=Unit.objects.filter(valid_to__isnull=True)
                                     .order_by("path"))
    authority_level = forms.ChoiceField(label=_("Granting authority"),
                                        choices=Proposal._meta.get_field(
                                            "authority_level").choices)

    def __init__(self, *args, received, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["proposals"].queryset = received

    def clean(self):
        data = super().clean()
        chosen = data.get("proposals") or []
        units = {p.recipient_unit_id for p in chosen}
        if len(units) > 1:
            self.add_error("proposals", _("Choose proposals addressed to the same unit."))
        return data


class HigherDecisionForm(forms.Form):
    number = forms.CharField(label=_("Decision number"), max_length=100)
    date = forms.DateField(label=_("Decision date"), widget=date_widget())
    issuer = forms.CharField(label=_("Issued by"), max_length=255,
                             initial=_("Prime Minister"))
    awarded = forms.ModelMultipleChoiceField(label=_("Awarded in that decision"),
                                             queryset=Nominee.objects.none(), required=False,
                                             widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, proposal, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["awarded"].queryset = proposal.nominees.filter(
            status__in=[NomineeStatus.AGREED, NomineeStatus.PASSED])
