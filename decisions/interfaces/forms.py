"""Forms of the decisions back office."""

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.domain.scope import restrict_to_scope
from core.interfaces.forms import date_widget
from core.uploads import PDF, UploadRejected, sniff
from decisions.enums import DRAFTERS
from organisations.interfaces.forms import UnitChoiceField
from organisations.models import Unit
from proposals.models import Proposal

DEFAULT_BASES = (
    "Căn cứ Luật Tổ chức chính quyền địa phương số 72/2025/QH15;\n"
    "Căn cứ Luật Thi đua, khen thưởng số 06/2022/QH15;\n"
    "Căn cứ Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025 của Chính phủ quy định chi "
    "tiết một số điều của Luật Thi đua, khen thưởng;")


class DraftForm(forms.Form):
    proposals = forms.ModelMultipleChoiceField(
        label=_("Proposals"), queryset=Proposal.objects.none(),
        widget=forms.CheckboxSelectMultiple)
    issuer = UnitChoiceField(label=_("Issuing authority"), queryset=Unit.objects.none())
    authority_title = forms.CharField(label=_("Authority"), max_length=255)
    symbol = forms.CharField(label=_("Symbol"), max_length=40, initial="QĐ-UBND")
    place = forms.CharField(label=_("Place"), max_length=120)
    summary = forms.CharField(label=_("Summary (trích yếu)"), max_length=300)
    legal_bases = forms.CharField(label=_("Legal bases"), initial=DEFAULT_BASES,
                                  widget=forms.Textarea(attrs={"rows": 4}))
    proposal_line = forms.CharField(label=_("On the proposal of"), required=False,
                                    widget=forms.Textarea(attrs={"rows": 2}))
    achievement = forms.CharField(label=_("Achievement text"), max_length=500, required=False)
    money_source = forms.CharField(
        label=_("Source of reward money"), max_length=255, required=False,
        initial="Tiền thưởng thực hiện theo quy định hiện hành, từ nguồn Quỹ thi đua, khen "
                "thưởng.")
    recipients = forms.CharField(label=_("Recipients"), initial="- Như Điều 3;\n- Lưu: VT.",
                                 widget=forms.Textarea(attrs={"rows": 3}))
    signer_prefix = forms.CharField(label=_("Signing prefix"), max_length=120, required=False)
    signer_title = forms.CharField(label=_("Signer title"), max_length=120)
    signer_name = forms.CharField(label=_("Signer"), max_length=120)

    def __init__(self, *args, user, proposals, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["proposals"].queryset = proposals
        active = Unit.objects.filter(valid_to__isnull=True).order_by("path")
        self.fields["issuer"].queryset = restrict_to_scope(active, user, field="id",
                                                           roles=DRAFTERS)


class IssueForm(forms.Form):
    """The document desk registers the decision: the date, and either the number the register
    proposes (left empty) or the one the office's document-management system gave."""

    warning = _("This cannot be undone: the decision takes its number, its awards enter the "
                "ledger and its certificates become verifiable; a mistake is then fixed only "
                "by an amending decision.")
    date = forms.DateField(label=_("Decision date"), widget=date_widget())
    number = forms.IntegerField(
        label=_("Number from the document-management system"), min_value=1, required=False,
        help_text=_("Leave empty to take the next number of the register."))

    def __init__(self, *args, proposed: int | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if proposed is not None:
            self.fields["number"].help_text = _(
                "Leave empty to take the next number of the register (%(number)s this "
                "year).") % {"number": f"{proposed:02d}"}


class SignedCopyForm(forms.Form):
    """The PDF the signer signed with their token, uploaded back (checked as a PDF by its
    content and size here; the signature by decisions.domain.signatures)."""

    file = forms.FileField(label=_("Signed PDF"))

    def clean_file(self):
        uploaded = self.cleaned_data["file"]
        try:
            sniff(uploaded, kinds=(PDF,))
        except UploadRejected as error:
            raise forms.ValidationError(error.message) from error
        return uploaded.read()


class CorrectionForm(forms.Form):
    warning = _("The amending decision is drafted now; once it is issued the correction "
                "cannot be undone.")
    recipient_name = forms.CharField(label=_("Correct name"), max_length=255)
    recipient_detail = forms.CharField(label=_("Correct position and unit"), max_length=400,
                                       required=False)
    # The correct amount, not the difference: the amending decision prints new − old itself.
    money = forms.IntegerField(label=_("Correct amount of the reward (VND)"), min_value=0,
                               required=False)
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))
