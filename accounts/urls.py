from django.contrib.auth import views as auth_views
from django.urls import path

from accounts import twofactor_views, views

app_name = "accounts"
urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("login/code/", twofactor_views.login_code, name="login_code"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password/", views.PasswordChangeView.as_view(), name="password_change"),
    path("tokens/", views.token_list, name="token_list"),
    path("tokens/<uuid:public_id>/revoke/", views.token_revoke, name="token_revoke"),
    path("security/", twofactor_views.security, name="security"),
    path("security/2fa/enrol/", twofactor_views.two_factor_enrol, name="two_factor_enrol"),
    path("security/2fa/qr.svg", twofactor_views.two_factor_qr, name="two_factor_qr"),
    path("security/2fa/disable/", twofactor_views.two_factor_disable,
         name="two_factor_disable"),
    path("users/", views.user_list, name="user_list"),
    path("users/new/", views.user_create, name="user_create"),
    path("users/<str:username>/", views.user_detail, name="user_detail"),
    path("users/<str:username>/password/", views.user_password_reset,
         name="user_password_reset"),
    path("users/<str:username>/2fa/reset/", twofactor_views.two_factor_reset,
         name="two_factor_reset"),
    path("users/<str:username>/roles/<uuid:public_id>/revoke/", views.role_revoke,
         name="role_revoke"),
]
