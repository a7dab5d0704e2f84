from django import forms
from django.contrib.auth.forms import AuthenticationForm, SetPasswordForm
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from accounts.domain.signin import is_locked_out
from accounts.enums import Role
from accounts.models import User
from organisations.models import Cluster, Unit


def client_ip(request) -> str | None:
    return request.META.get("REMOTE_ADDR")


class ThrottledAuthenticationForm(AuthenticationForm):
    """Refuses to even check the password while the username or address is locked out."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "locked_out": _("Too many failed sign-in attempts. Try again in 15 minutes."),
    }

    def clean(self):
        username = self.cleaned_data.get("username") or ""
        if is_locked_out(username, client_ip(self.request)):
            raise ValidationError(self.error_messages["locked_out"], code="locked_out")
        return super().clean()


class UserCreateForm(forms.ModelForm):
    password = forms.CharField(label=_("Password"), widget=forms.PasswordInput)

    class Meta:
        model = User
        fields = ["username", "full_name", "email"]

    def clean_password(self):
        password = self.cleaned_data["password"]
        validate_password(password, User(username=self.cleaned_data.get("username", "")))
        return password


class RoleAssignmentForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
    unit = forms.ModelChoiceField(label=_("Unit scope"), required=False,
                                  queryset=Unit.objects.filter(valid_to__isnull=True))
    cluster = forms.ModelChoiceField(label=_("Cluster"), required=False,
                                     queryset=Cluster.objects.filter(is_active=True))

    def clean(self):
        data = super().clean()
        role = data.get("role")
        if role == Role.CLUSTER_HEAD and not data.get("cluster"):
            self.add_error("cluster", _("A cluster head role needs a cluster."))
        if role and role not in (Role.SYSTEM_ADMIN,) and not data.get("unit"):
            self.add_error("unit", _("This role needs a unit scope."))
        return data


class TwoFactorCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code"), max_length=20, strip=True,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric",
                                      "autofocus": True}),
        help_text=_("The 6 digits your authenticator app shows now, or one of your recovery "
                    "codes."))


class TwoFactorDisableForm(forms.Form):
    password = forms.CharField(label=_("Password"), widget=forms.PasswordInput)
    code = forms.CharField(label=_("Code"), max_length=20,
                           widget=forms.TextInput(attrs={"autocomplete": "one-time-code"}))


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=500)


class AdminPasswordResetForm(SetPasswordForm):
    """An administrator sets a user's new password; the reason goes to the audit log."""

    reason = forms.CharField(label=_("Reason"), max_length=500)
