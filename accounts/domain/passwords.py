"""Password strength beyond Django's validators: staff passwords mix character classes."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


class CharacterClassValidator:
    """Require a lower-case letter, an upper-case letter, a digit and a symbol."""

    def validate(self, password, user=None):
        missing = []
        if not any(c.islower() for c in password):
            missing.append(_("a lower-case letter"))
        if not any(c.isupper() for c in password):
            missing.append(_("an upper-case letter"))
        if not any(c.isdigit() for c in password):
            missing.append(_("a digit"))
        if all(c.isalnum() for c in password):
            missing.append(_("a symbol"))
        if missing:
            raise ValidationError(
                _("The password must also contain: %(missing)s.") % {"missing": ", ".join(missing)},
                code="password_character_classes",
            )

    def get_help_text(self):
        return _("Your password must mix lower-case and upper-case letters, digits and symbols.")
