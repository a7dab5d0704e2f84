"""URLs of the initiative registry (included by emulation/urls.py, under the app's namespace)."""

from django.urls import path

from emulation.initiatives.views import initiatives

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
]
