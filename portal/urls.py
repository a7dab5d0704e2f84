from django.urls import path

from claims.views.backlog import lookup as claim_lookup
from portal.interfaces.feeds import DecisionFeed
from portal.views import certificates, consultations, credentials, decisions, exemplars, home

app_name = "portal"
urlpatterns = [
    path("", home.home, name="home"),
    path("quyet-dinh/", decisions.decision_list, name="decision_list"),
    path("quyet-dinh/atom.xml", DecisionFeed(), name="decision_feed"),
    path("quyet-dinh/<uuid:public_id>/", decisions.decision_detail, name="decision_detail"),
    path("quyet-dinh/<uuid:public_id>/ky-so.pdf", decisions.decision_pdf, name="decision_pdf"),
    path("xac-minh/", certificates.verify, name="verify"),
    path("xac-minh/<str:code>/", certificates.verify_code, name="verify_code"),
    path("xac-minh/<str:code>/chung-nhan.jwt", credentials.credential_download,
         name="credential_download"),
    path("chung-nhan/<str:code>/did.json", credentials.did_document, name="did_document"),
    path("chung-nhan/<str:code>/trang-thai/<str:purpose>", credentials.status_list,
         name="status_list"),
    path("dien-hinh/", exemplars.exemplars, name="exemplar_list"),
    path("dien-hinh/<uuid:public_id>/", exemplars.exemplar, name="exemplar_detail"),
    path("lay-y-kien/<uuid:public_id>/", consultations.consultation, name="consultation"),
    path("ho-so-ton-dong/", claim_lookup, name="claim_lookup"),
]
