"""Forms of staff sign-in that Django does not provide as they are."""

from django import forms
from django.contrib.auth.forms import PasswordResetForm
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from .tasks import send_password_reset_email


class StaffPasswordResetForm(PasswordResetForm):
    """Django's reset form for the active staff with a usable password, and no one else.

    The e-mail is queued, not sent while the visitor waits: the answer comes as fast and
    says the same whether or not the address belongs to someone.
    """

    def get_users(self, email):
        return (user for user in super().get_users(email) if user.is_staff)

    def save(self, **kwargs):
        for user in self.get_users(self.cleaned_data["email"]):
            send_password_reset_email.enqueue(user.pk, translation.get_language())


class SecondStepForm(forms.Form):
    """A code from the authenticator app, or a recovery code."""

    code = forms.CharField(
        label=_("Code"),
        max_length=64,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "autocapitalize": "off",
                "spellcheck": "false",
                "autofocus": True,
            }
        ),
    )
