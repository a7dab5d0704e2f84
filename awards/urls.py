from django.urls import path

from awards import views

app_name = "awards"
urlpatterns = [
    path("catalogue/", views.catalogue, name="catalogue"),
    path("ledger/", views.ledger, name="ledger"),
    path("qualify/", views.qualify, name="qualify"),
    path("forecast/", views.qualify, {"mode": "forecast"}, name="forecast"),
    path("profiles/<uuid:public_id>/", views.person_profile, name="person_profile"),
]
