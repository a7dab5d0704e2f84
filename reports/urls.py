from django.urls import path

from reports.views import forms, statistics

app_name = "reports"

urlpatterns = [
    path("", statistics.dashboard, name="dashboard"),
    path("fairness/", statistics.fairness, name="fairness"),
    path("forms/", forms.forms, name="forms"),
    path("forms/background/", forms.form_background, name="form_background"),
    path("exports/", forms.export_list, name="export_list"),
    path("exports/ledger/", forms.ledger_background, name="ledger_background"),
    path("exports/<uuid:public_id>/", forms.export_detail, name="export_detail"),
    path("exports/<uuid:public_id>/progress/", forms.export_progress, name="export_progress"),
    path("exports/<uuid:public_id>/download/", forms.export_download, name="export_download"),
]
