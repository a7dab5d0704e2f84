from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.interfaces.importers import importers_for
from imports.domain.package import PackageRefused, check_package
from imports.domain.reader import can_open, is_xlsx, looks_like_csv


class UploadForm(forms.Form):
    """Choose what to import and send the workbook or CSV file. The file is judged by its
    content (an .xlsx is a zip archive with [Content_Types].xml and is opened once; a CSV file
    is UTF-8 text), so a damaged or mis-named file is refused here rather than failing later
    in the worker."""

    kind = forms.ChoiceField(label=gettext_lazy("What to import"))
    file = forms.FileField(label=gettext_lazy("Excel file (.xlsx) or CSV file"),
                           help_text=gettext_lazy(
                               "CSV: the template's columns, UTF-8 (with or without BOM), "
                               "separated by commas or semicolons."),
                           widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [(imp.kind, imp.label) for imp in importers_for(user)]

    def clean_file(self):
        upload = self.cleaned_data["file"]
        limit = settings.TDKT_IMPORT_MAX_BYTES
        if upload.size > limit:
            raise ValidationError(_("The file is larger than the limit of %(limit)s MB.") % {
                "limit": round(limit / (1024 * 1024), 1)})
        if not is_xlsx(upload):
            if looks_like_csv(upload):
                return upload
            raise ValidationError(_("This is neither an Excel .xlsx file nor a UTF-8 CSV "
                                    "file. Save it from Excel as “Excel Workbook (.xlsx)” or "
                                    "“CSV UTF-8” and try again."))
        try:
            check_package(upload)  # before openpyxl parses anything: zip and XML bombs
        except PackageRefused as refusal:
            raise ValidationError(refusal.message)
        if not can_open(upload):
            raise ValidationError(_("The Excel file could not be read; it may be damaged. Save "
                                    "it again as .xlsx and try again."))
        return upload
