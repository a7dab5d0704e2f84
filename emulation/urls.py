from django.urls import path

from emulation.views import clusters, initiatives

app_name = "emulation"
urlpatterns = [
    path("initiatives/", initiatives.initiative_list, name="initiative_list"),
    path("initiatives/new/", initiatives.initiative_create, name="initiative_create"),
    path("initiatives/similar/", initiatives.initiative_similar, name="initiative_similar"),
    path("initiatives/people/", initiatives.person_picker, name="person_picker"),
    path("initiatives/<uuid:public_id>/", initiatives.initiative_detail,
         name="initiative_detail"),
    path("initiatives/<uuid:public_id>/edit/", initiatives.initiative_edit,
         name="initiative_edit"),
    path("initiatives/<uuid:public_id>/recognise/", initiatives.initiative_recognise,
         name="initiative_recognise"),
    path("initiatives/<uuid:public_id>/revoke/", initiatives.initiative_revoke,
         name="initiative_revoke"),
    path("clusters/", clusters.round_list, name="round_list"),
    path("clusters/new/", clusters.round_create, name="round_create"),
    path("clusters/criteria/copy/", clusters.criteria_copy, name="criteria_copy"),
    path("clusters/<uuid:public_id>/", clusters.round_detail, name="round_detail"),
    path("clusters/<uuid:public_id>/pact/", clusters.round_pact, name="round_pact"),
    path("clusters/<uuid:public_id>/score/", clusters.round_score, name="round_score"),
    path("clusters/<uuid:public_id>/rescore/", clusters.round_rescore, name="round_rescore"),
    path("clusters/<uuid:public_id>/vote/", clusters.round_vote, name="round_vote"),
    path("clusters/<uuid:public_id>/minutes.docx", clusters.round_minutes,
         name="round_minutes"),
    path("clusters/<uuid:public_id>/<slug:action>/", clusters.round_transition,
         name="round_transition"),
]
