"""The form field every dossier upload uses: size and content checked before the view runs."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core.uploads import ALL_KINDS, EXTENSIONS, UploadRejected, sniff


class DossierFileField(forms.FileField):
    """A file accepted only if `core.uploads.sniff` accepts it (one of `kinds`, extension
    agreeing with the content, within TDKT_MAX_UPLOAD_MB); otherwise the Vietnamese reason,
    naming the file, is shown on the field. `cleaned_data` holds the file with its `kind`
    attribute set ("pdf", "docx", …) for the view to store."""

    def __init__(self, *, kinds=ALL_KINDS, **kwargs):
        self.kinds = tuple(kinds)
        kwargs.setdefault("help_text", _("PDF, Word (.docx), Excel (.xlsx), JPEG or PNG."))
        super().__init__(**kwargs)
        self.widget.attrs.setdefault(
            "accept", ",".join(ext for kind in self.kinds for ext in EXTENSIONS[kind]))

    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        if upload and upload is not initial:
            try:
                upload.kind = sniff(upload, kinds=self.kinds)
            except UploadRejected as rejected:
                raise ValidationError(rejected.message, code="rejected")
        return upload
