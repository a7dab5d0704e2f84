"""Forms of the proposals back office. They collect input; the domain functions decide."""

import uuid

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.forms.models import ModelChoiceIterator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.domain.scope import restrict_to_scope, users_with_role_over
from accounts.enums import Role
from accounts.models import User
from awards.domain.granting import powers
from awards.models import AwardType
from core.interfaces.forms import ListedChoiceField, QuickSelect, date_widget
from core.interfaces.uploads import DossierFileField
from emulation.movements.domain.queries.movements import movements_for_user
from organisations.interfaces.forms import UnitChoiceField
from organisations.models import Person, Unit, UnitClosure
from proposals.domain.council import check_end
from proposals.domain.nominee_lists import resolve_pasted
from proposals.domain.queries import SUBJECT_ARG, SUBJECT_QUERIES
from proposals.enums import BOARD, PROPOSERS, BallotKind, DocumentType, NomineeStatus, Opinion
from proposals.models import CouncilMember, Nominee, Proposal


class AwardChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name} ({obj.code})"


class ListedAwardField(ListedChoiceField, AwardChoiceField):
    """The award forms offered, read once (`offer`)."""


class ListedUnitField(ListedChoiceField, UnitChoiceField):
    """Units read once: the options, the suggested default and the posted value's lookup."""


def award_types():
    return AwardType.objects.filter(is_active=True).order_by("category", "sort_order")


def suggested_year(today) -> int:
    """The year of achievement a new proposal most likely concerns: annual reviews run from
    October to the next spring."""
    return today.year if today.month >= 10 else today.year - 1


class ProposalForm(forms.ModelForm):
    unit = ListedUnitField(label=_("Proposing unit"), queryset=Unit.objects.none(),
                           widget=QuickSelect)
    recipient_unit = ListedUnitField(
        label=_("Addressed to"), queryset=Unit.objects.none(), widget=QuickSelect,
        help_text=_("The unit whose head grants the forms requested (your unit or a unit "
                    "above it)."),
        error_messages={"invalid_choice": _("Address the proposal to your own unit or a unit "
                                            "above it.")})

    class Meta:
        model = Proposal
        fields = ["unit", "title", "recipient_unit", "authority_level", "track", "procedure",
                  "year", "letter_number", "letter_date", "movement", "movement_note",
                  "summary"]
        widgets = {"letter_date": date_widget(), "summary": forms.Textarea(attrs={"rows": 3}),
                   **dict.fromkeys(("authority_level", "track", "procedure", "movement"),
                                   QuickSelect)}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        active = Unit.objects.filter(valid_to__isnull=True).order_by("path")
        units = restrict_to_scope(active, user, field="id", roles=PROPOSERS)
        self.fields["unit"].queryset = units
        # Only the units a proposal may be addressed to: the proposing unit or one above it
        # (create_proposal refuses any other). Not the province's every unit.
        below = (UnitClosure.objects.filter(descendant=self.instance.unit_id)
                 if self.instance.pk else UnitClosure.objects.filter(descendant__in=units))
        self.fields["recipient_unit"].queryset = active.filter(
            id__in=below.values("ancestor_id"))
        # Only movements the user may read: another unit's movement is not offered.
        self.fields["movement"].queryset = movements_for_user(user).order_by("-start_date")
        if self.instance.pk:
            del self.fields["unit"]
        elif not self.is_bound:
            self._suggest_defaults()

    def _suggest_defaults(self):
        """A new proposal usually comes from the officer's own unit, to its own head, for the
        year under review: filled in, so the officer types only the summary."""
        self.fields["year"].initial = suggested_year(timezone.localdate())
        own = next(iter(self.fields["unit"].rows()), None)
        if own is not None:
            self.fields["unit"].initial = self.fields["recipient_unit"].initial = own.pk
            self.fields["authority_level"].initial = "unit"

    def _get_validation_exclusions(self):
        # The units and the movement were resolved by their choice fields among the rows the
        # user may choose: the model's re-check that each exists is a query apiece. Whether
        # the recipient is above the proposing unit is the domain's rule (_check_recipient).
        return super()._get_validation_exclusions() | {"unit", "recipient_unit", "movement"}


SUBJECT_KINDS = [("individual", _("Individual")), ("collective", _("Collective")),
                 ("household", _("Household"))]


def subject_kind_of(value) -> str:
    return value if value in SUBJECT_QUERIES else "individual"


def offered_awards(proposal, kind: str) -> list:
    """The forms a nominee of `kind` may be proposed for in `proposal`: those the recipient
    authority grants or proposes upward today (granting-authority table, Law 06/2022/QH15
    Art. 77–80; the same table the submission checks read) and that apply to `kind`, in the
    catalogue's order. Two queries."""
    candidates = list(award_types())
    allowed = powers(proposal.recipient_unit, candidates, timezone.localdate())
    return [a for a in candidates if a.pk in allowed and kind in a.subject_kinds]


def awards_for(proposal, kind: str):
    """`offered_awards` as a queryset."""
    return award_types().filter(pk__in=[a.pk for a in offered_awards(proposal, kind)])


class NomineeForm(forms.Form):
    """Nominees of one kind for one form, as officers list them: ticked from the unit's people
    or a name search, pasted from Excel (individuals), or one by CCCD / code. All are added
    together (`subjects()`)."""

    SUBJECT_KINDS = SUBJECT_KINDS
    subject_kind = forms.ChoiceField(choices=SUBJECT_KINDS, widget=forms.HiddenInput)
    picked = forms.ModelMultipleChoiceField(queryset=Person.objects.none(), required=False,
                                            to_field_name="public_id")
    pasted = forms.CharField(
        label=_("Or paste a list copied from Excel"), required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One person a line: full name, then the citizen ID (CCCD) or the unit, in "
                    "the next column."))
    subject = forms.CharField(
        label=_("Citizen ID, or code of the collective / household"), max_length=64,
        required=False, help_text=_("Individuals by citizen ID (CCCD); collectives and "
                                    "households by the code shown on their page."))
    award_type = ListedAwardField(label=_("Title / form requested"),
                                  queryset=AwardType.objects.none(), widget=QuickSelect)
    summary = forms.CharField(label=_("Achievement summary"),
                              widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, user, proposal, kind="individual", **kwargs):
        kind = subject_kind_of(kind)
        super().__init__(*args, initial={"subject_kind": kind}, **kwargs)
        self.user, self.kind = user, subject_kind_of(self.data.get("subject_kind", kind))
        offered = offered_awards(proposal, self.kind)  # read once: options and lookup
        self.fields["award_type"].offer(offered, award_types().filter(
            pk__in=[a.pk for a in offered]))
        self.fields["picked"].queryset = SUBJECT_QUERIES[self.kind](user)
        if self.kind != "individual":
            del self.fields["pasted"]

    def clean(self):
        data = super().clean()
        found = list(data.get("picked") or [])
        if pasted := data.get("pasted"):
            listed = resolve_pasted(self.user, pasted)
            for error in listed.errors:
                self.add_error("pasted", error)
            found += listed.people
        if ref := (data.get("subject") or "").strip():
            subject = self._by_reference(ref)
            if subject is None:
                self.add_error("subject", _("No %(kind)s “%(ref)s” in your scope.") % {
                    "kind": dict(SUBJECT_KINDS)[self.kind].lower(), "ref": ref})
            else:
                found.append(subject)
        if not found and not self.errors:
            raise ValidationError(_("Choose at least one nominee."))
        data["subject_objs"] = list(dict.fromkeys(found))  # ticked and pasted: added once
        return data

    def _by_reference(self, ref: str):
        qs = SUBJECT_QUERIES[self.kind](self.user)
        if self.kind == "individual":
            return qs.filter(cccd=ref).first()
        return qs.filter(public_id=ref).first() if _is_uuid(ref) else None

    def subjects(self) -> list[dict]:
        return [{SUBJECT_ARG[self.kind]: obj} for obj in self.cleaned_data["subject_objs"]]


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


class CloseConsultationForm(forms.Form):
    """Closing a public consultation: it cannot reopen; before its end date, say why."""

    reason = forms.CharField(label=_("Reason for closing early"), required=False,
                             widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, consultation, **kwargs):
        super().__init__(*args, **kwargs)
        end = f"{consultation.ends_on:%d/%m/%Y}"
        if timezone.localdate() <= consultation.ends_on:
            self.fields["reason"].required = True
            self.warning = _("This cannot be undone: the consultation runs until %(end)s and "
                             "closing it now ends the public's comments for good.") % {
                "end": end}
        else:
            del self.fields["reason"]
            self.warning = _("This cannot be undone: the consultation cannot be reopened.")

    def clean(self):
        data = super().clean()
        data.setdefault("reason", "")
        return data


class CloseSessionForm(forms.Form):
    """Closing a council session: when the meeting ended (for the minutes)."""

    ended_at = forms.DateTimeField(label=_("Meeting ended at"), widget=forms.DateTimeInput(
        attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"))

    def __init__(self, *args, session, **kwargs):
        super().__init__(*args, **kwargs)
        self.session = session
        self.warning = _("This cannot be undone: the ballots are counted and the council's "
                         "results become final.")
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


class _ReadOnce(ModelChoiceIterator):
    """The choices read as one plain query. Django's iterator reads them through
    `QuerySet.iterator()`, on PostgreSQL a server-side cursor (DECLARE, FETCH, CLOSE: three
    round trips for a proposal's few nominees) — under `make load` each officer's cycle shows
    the upload form three times."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in self.queryset:
            yield self.choice(obj)


class _NomineeChoiceField(forms.ModelChoiceField):
    iterator = _ReadOnce


class DocumentForm(forms.Form):
    # QuickSelect: under `make load` each officer's cycle shows this form three times; Django's
    # Select renders each of its ~12 options through two included templates.
    doc_type = forms.ChoiceField(label=_("Document type"), choices=DocumentType.choices,
                                 widget=QuickSelect)
    nominee = _NomineeChoiceField(label=_("For nominee (blank: the whole dossier)"),
                                  queryset=Nominee.objects.none(), required=False,
                                  widget=QuickSelect)
    title = forms.CharField(label=_("Title"), max_length=255, required=False)

    def __init__(self, *args, proposal, **kwargs):
        super().__init__(*args, **kwargs)
        # A nominee's label is its subject's name and its award (Nominee.__str__): joined, so
        # the form reads them in the one query, not two per nominee. Ordered as the proposal
        # lists them, without Nominee's default order's join to the proposal.
        self.fields["nominee"].queryset = (
            Nominee.objects.filter(proposal=proposal).exclude(status=NomineeStatus.DROPPED)
            .select_related("person", "collective", "household", "award_type")
            .order_by("sort_order", "id"))
        self.fields["file"] = DossierFileField(label=_("File (PDF, DOCX, XLSX, JPEG, PNG)"))


class DossierForm(forms.Form):
    """One file input per document the requested forms require, so the whole dossier goes up
    in one submit; the ones already attached say so and may be left empty."""

    def __init__(self, *args, doc_types, present, **kwargs):
        super().__init__(*args, **kwargs)
        labels = dict(DocumentType.choices)
        for doc_type in doc_types:
            self.fields[doc_type] = DossierFileField(
                label=labels.get(doc_type, doc_type), required=False,
                help_text=_("Already attached.") if doc_type in present else "")

    def files_chosen(self) -> list[tuple[str, object]]:
        return [(name, upload) for name, upload in self.cleaned_data.items() if upload]


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
