from django.urls import path

from reports.views import statistics

app_name = "reports"

urlpatterns = [
    path("", statistics.dashboard, name="dashboard"),
    path("fairness/", statistics.fairness, name="fairness"),
]
