from django.urls import path

from reports.views import forms, reporting, statistics

app_name = "reports"

urlpatterns = [
    path("", statistics.dashboard, name="dashboard"),
    path("fairness/", statistics.fairness, name="fairness"),
    # Reporting discipline (chế độ thông tin, báo cáo).
    path("requests/", reporting.request_list, name="request_list"),
    path("requests/new/", reporting.request_create, name="request_create"),
    path("requests/<uuid:public_id>/", reporting.request_detail, name="request_detail"),
    path("requests/<uuid:public_id>/edit/", reporting.request_edit, name="request_edit"),
    path("requests/<uuid:public_id>/issue/", reporting.request_issue, name="request_issue"),
    path("requests/<uuid:public_id>/close/", reporting.request_close, name="request_close"),
    path("requests/<uuid:public_id>/cancel/", reporting.request_cancel, name="request_cancel"),
    path("requests/<uuid:public_id>/guidance/", reporting.request_guidance,
         name="request_guidance"),
    path("filings/<uuid:public_id>/file/", reporting.filing_file, name="filing_file"),
    path("filings/<uuid:public_id>/return/", reporting.filing_return, name="filing_return"),
    path("filings/<uuid:public_id>/extend/", reporting.filing_extend, name="filing_extend"),
    path("filed/<uuid:public_id>/", reporting.version_download, name="filing_version"),
    path("timeliness/", reporting.timeliness_summary, name="timeliness"),
    path("timeliness/<str:code>/<int:year>/", reporting.unit_timeliness,
         name="unit_timeliness"),
    path("overdue/", reporting.overdue_list, name="overdue"),
    path("forms/", forms.forms, name="forms"),
    path("forms/background/", forms.form_background, name="form_background"),
    path("exports/", forms.export_list, name="export_list"),
    path("exports/ledger/", forms.ledger_background, name="ledger_background"),
    path("exports/<uuid:public_id>/", forms.export_detail, name="export_detail"),
    path("exports/<uuid:public_id>/progress/", forms.export_progress, name="export_progress"),
    path("exports/<uuid:public_id>/download/", forms.export_download, name="export_download"),
]
