from django.urls import path

from decisions.views import decisions, webhooks

app_name = "decisions"
urlpatterns = [
    path("", decisions.decision_list, name="list"),
    path("new/", decisions.decision_draft, name="draft"),
    path("<uuid:public_id>/", decisions.decision_detail, name="detail"),
    path("<uuid:public_id>/issue/", decisions.decision_issue, name="issue"),
    path("<uuid:public_id>/cancel/", decisions.decision_cancel, name="cancel"),
    path("<uuid:public_id>/file.<str:fmt>", decisions.decision_file, name="file"),
    path("<uuid:public_id>/bundle.zip", decisions.decision_bundle, name="bundle"),
    path("<uuid:public_id>/certificates.pdf", decisions.decision_certificates,
         name="certificates"),
    path("items/<uuid:public_id>/certificate.pdf", decisions.item_certificate,
         name="item_certificate"),
    path("items/<uuid:public_id>/correct/", decisions.item_correct, name="item_correct"),
    path("items/<uuid:public_id>/revoke/", decisions.item_revoke, name="item_revoke"),
    path("webhooks/", webhooks.webhook_list, name="webhook_list"),
    path("webhooks/new/", webhooks.webhook_add, name="webhook_add"),
    path("webhooks/<uuid:public_id>/deactivate/", webhooks.webhook_deactivate,
         name="webhook_deactivate"),
    path("webhooks/deliveries/<uuid:public_id>/retry/", webhooks.delivery_retry,
         name="delivery_retry"),
]
