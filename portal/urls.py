from django.urls import path

from claims.views.backlog import lookup as claim_lookup
from portal import credentials, views
from portal.feeds import DecisionFeed

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("quyet-dinh/", views.decision_list, name="decision_list"),
    path("quyet-dinh/atom.xml", DecisionFeed(), name="decision_feed"),
    path("quyet-dinh/<uuid:public_id>/", views.decision_detail, name="decision_detail"),
    path("xac-minh/", views.verify, name="verify"),
    path("xac-minh/<str:code>/", views.verify_code, name="verify_code"),
    path("xac-minh/<str:code>/chung-nhan.jwt", credentials.credential_download,
         name="credential_download"),
    path("chung-nhan/<str:code>/did.json", credentials.did_document, name="did_document"),
    path("chung-nhan/<str:code>/trang-thai/<str:purpose>", credentials.status_list,
         name="status_list"),
    path("dien-hinh/", views.exemplars, name="exemplar_list"),
    path("dien-hinh/<uuid:public_id>/", views.exemplar, name="exemplar_detail"),
    path("lay-y-kien/<uuid:public_id>/", views.consultation, name="consultation"),
    path("ho-so-ton-dong/", claim_lookup, name="claim_lookup"),
]
