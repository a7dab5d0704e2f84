from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from rules.contrib.views import permission_required

from accounts.domain import tokens as token_domain
from accounts.domain import twofactor
from accounts.domain import users as user_domain
from accounts.domain.signin import note_attempt
from accounts.interfaces.forms import (
    AdminPasswordResetForm,
    RoleAssignmentForm,
    ThrottledAuthenticationForm,
    UserCreateForm,
    client_ip,
)
from accounts.models import ApiToken, RoleAssignment, User
from accounts.twofactor_views import remember_password_step
from core.interfaces.forms import apply_domain_error
from core.interfaces.paging import paginate
from core.trail import record


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = ThrottledAuthenticationForm
    redirect_authenticated_user = True

    def form_valid(self, form):
        user = form.get_user()
        if twofactor.is_enabled(user):
            # Not signed in yet: the code comes next (accounts.twofactor_views.login_code).
            remember_password_step(self.request, user, self.get_redirect_url())
            return redirect("accounts:login_code")
        note_attempt(user.username, client_ip(self.request), user=user, succeeded=True)
        return super().form_valid(form)

    def form_invalid(self, form):
        if not form.has_error("__all__", "locked_out"):
            note_attempt(self.request.POST.get("username", ""), client_ip(self.request),
                         succeeded=False)
        return super().form_invalid(form)


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("core:home")

    def form_valid(self, form):
        response = super().form_valid(form)
        record(self.request.user, "accounts.password_change", self.request.user)
        messages.success(self.request, _("Your password has been changed."))
        return response


@login_required
@permission_required("accounts.manage_users", raise_exception=True)
def user_list(request):
    users = User.objects.order_by("username").prefetch_related("role_assignments__unit")
    page = paginate(request, users, per_page=50)
    return render(request, "accounts/user_list.html", {"page": page})


@login_required
@permission_required("accounts.manage_users", raise_exception=True)
def user_create(request):
    form = UserCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = user_domain.create_user(request.user, **form.cleaned_data)
        messages.success(request, _("Account %(name)s created.") % {"name": user.username})
        return redirect("accounts:user_detail", username=user.username)
    return render(request, "accounts/user_form.html", {"form": form})


@login_required
@permission_required("accounts.manage_users", raise_exception=True)
def user_detail(request, username):
    account = get_object_or_404(User, username=username)
    form = RoleAssignmentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user_domain.grant_role(request.user, account, **form.cleaned_data)
            messages.success(request, _("Role granted."))
            return redirect("accounts:user_detail", username=account.username)
        except ValidationError as error:
            apply_domain_error(form, error)
    assignments = account.role_assignments.select_related("unit", "cluster").order_by("-is_active")
    return render(request, "accounts/user_detail.html", {
        "account": account, "form": form, "assignments": assignments,
        "two_factor": twofactor.is_enabled(account),
        "password_form": AdminPasswordResetForm(account, auto_id="pw_%s")})


@login_required
@permission_required("accounts.manage_users", raise_exception=True)
@require_POST
def user_password_reset(request, username):
    """An administrator sets a user's password; the user's open sessions end."""
    account = get_object_or_404(User, username=username)
    form = AdminPasswordResetForm(account, request.POST)
    if form.is_valid():
        user_domain.reset_password(request.user, account, form.cleaned_data["new_password1"],
                                   form.cleaned_data["reason"])
        messages.success(request, _("The password of %(name)s was reset.") % {
            "name": account.username})
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect("accounts:user_detail", username=account.username)


@login_required
@permission_required("accounts.manage_users", raise_exception=True)
def role_revoke(request, username, public_id):
    assignment = get_object_or_404(RoleAssignment, public_id=public_id,
                                   user__username=username)
    if request.method == "POST":
        try:
            user_domain.revoke_role(request.user, assignment, request.POST.get("reason", ""))
            messages.success(request, _("Role revoked."))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
    return redirect("accounts:user_detail", username=username)


@login_required
def token_list(request):
    """The user's own API tokens; a new token's value is shown once, on this page."""
    created = None
    if request.method == "POST":
        try:
            _token, created = token_domain.create_token(request.user,
                                                        name=request.POST.get("name", ""))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
    tokens = request.user.api_tokens.all()
    return render(request, "accounts/token_list.html", {"tokens": tokens, "created": created})


@login_required
def token_revoke(request, public_id):
    token = get_object_or_404(ApiToken, public_id=public_id, user=request.user)
    if request.method == "POST":
        try:
            token_domain.revoke_token(request.user, token)
            messages.success(request, _("Token revoked."))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
    return redirect("accounts:token_list")
