"""API authentication: a personal access token (`Authorization: Bearer tdkt_…`) or the browser
session (for the interactive docs). Either way the request acts as a user with exactly that user's
roles and unit scope."""

from ninja.security import HttpBearer, django_auth

from accounts.domain.tokens import user_for_token


class TokenAuth(HttpBearer):
    def authenticate(self, request, token):
        user = user_for_token(token)
        if user is not None:
            request.user = user
        return user


AUTH = [TokenAuth(), django_auth]
