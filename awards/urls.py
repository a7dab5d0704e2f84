from django.urls import path

from awards import law_views, salary_views, screening_views, views

app_name = "awards"
urlpatterns = [
    path("catalogue/", views.catalogue, name="catalogue"),
    path("catalogue/<str:code>/parameters/new/", views.parameter_add, name="parameter_add"),
    path("law/", law_views.law, name="law"),
    path("law/<str:key>/new/", law_views.law_add, name="law_add"),
    path("law/values/<int:pk>/correct/", law_views.law_edit, name="law_edit"),
    path("early-raise/", salary_views.early_raise, name="early_raise"),
    path("authorities/", views.authorities, name="authorities"),
    path("authorities/new/", views.authority_add, name="authority_add"),
    path("authorities/<uuid:public_id>/end/", views.authority_end, name="authority_end"),
    path("ledger/", views.ledger, name="ledger"),
    path("ledger/<uuid:public_id>/revoke/", views.record_revoke, name="record_revoke"),
    path("ledger/<uuid:public_id>/correct/", views.record_correct, name="record_correct"),
    path("profiles/<uuid:public_id>/awards/new/", views.record_add, name="record_add"),
    path("profiles/<uuid:public_id>/discipline/new/", views.fact_add, {"fact": "discipline"},
         name="discipline_add"),
    path("profiles/<uuid:public_id>/pending/new/", views.fact_add, {"fact": "pending"},
         name="pending_add"),
    path("qualify/", views.qualify, name="qualify"),
    path("forecast/", views.qualify, {"mode": "forecast"}, name="forecast"),
    path("qualify/runs/", screening_views.screening_runs, name="screening_runs"),
    path("qualify/runs/<uuid:public_id>/", screening_views.screening_run, name="screening_run"),
    path("qualify/runs/<uuid:public_id>/progress/", screening_views.screening_progress,
         name="screening_progress"),
    path("profiles/<uuid:public_id>/", views.person_profile, name="person_profile"),
    path("collectives/<uuid:public_id>/", views.collective_profile, name="collective_profile"),
]
