from datetime import date

from django.urls import path, register_converter

from core import views
from core.views import holidays


class IsoDateConverter:
    """yyyy-mm-dd in a URL, as a date (a holiday's public id is its date)."""

    regex = r"\d{4}-\d{2}-\d{2}"

    def to_python(self, value: str) -> date:
        return date.fromisoformat(value)  # ValueError → the URL does not match → 404

    def to_url(self, value: date) -> str:
        return value.isoformat()


register_converter(IsoDateConverter, "isodate")

app_name = "core"
urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("holidays/", holidays.holiday_list, name="holiday_list"),
    path("holidays/<int:year>/", holidays.holiday_list, name="holiday_year"),
    path("holidays/new/", holidays.holiday_add, name="holiday_add"),
    path("holidays/<isodate:day>/remove/", holidays.holiday_deactivate,
         name="holiday_deactivate"),
]
