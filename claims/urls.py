from django.urls import path

from claims.views import backlog, claims

app_name = "claims"
urlpatterns = [
    path("", claims.claim_list, name="list"),
    path("dang-ky/", claims.claim_create, name="create"),
    path("ton-dong/", backlog.dashboard, name="dashboard"),
    path("<uuid:public_id>/", claims.claim_detail, name="detail"),
    path("<uuid:public_id>/chung-cu/", claims.evidence_add, name="evidence_add"),
    path("<uuid:public_id>/chung-cu/<uuid:evidence_id>/", claims.evidence_file,
         name="evidence_file"),
    path("<uuid:public_id>/chung-cu/<uuid:evidence_id>/rut/", claims.evidence_withdraw,
         name="evidence_withdraw"),
    path("<uuid:public_id>/gia-dinh/", claims.family_add, name="family_add"),
    path("<uuid:public_id>/kiem-tra/", claims.check_add, name="check_add"),
    path("<uuid:public_id>/buoc/<slug:action>/", claims.claim_step, name="step"),
    path("<uuid:public_id>/thong-bao.docx", claims.letter, name="letter"),
    path("<uuid:public_id>/de-nghi/", claims.claim_propose, name="propose"),
]
