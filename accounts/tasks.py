"""E-mails to staff, sent off the request path (django-tasks)."""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django_tasks import task

from core import identity
from core.tasks import retried

logger = logging.getLogger(__name__)


def password_reset_link(user):
    """The address that lets ``user`` choose a new password, on the site's base URL.

    Never built on the host a request was made to: a forged Host header would otherwise
    send the staff member's token to another site.
    """
    path = reverse(
        "password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    return identity.absolute_url(path)


@task()
@retried()
def send_password_reset_email(user_id, language):
    """E-mail the reset link to an active staff member (made here, so no queue stores it),
    in the language of their profile, else ``language`` (the page's). A message the mail
    server refused goes when the task is tried again, with a link made then."""
    user = (
        get_user_model()
        .objects.filter(pk=user_id, is_active=True, is_staff=True)
        .exclude(email="")
        .first()
    )
    if user is None or not user.has_usable_password():
        return 0
    context = {
        "user": user,
        "site_name": identity.site_name(),
        "link": password_reset_link(user),
        "minutes": max(1, settings.PASSWORD_RESET_TIMEOUT // 60),
    }
    # The language the person chose for e-mails in their profile, else the page's.
    profile = getattr(user, "profile", None)
    language = (profile.language if profile else "") or language or settings.LANGUAGE_CODE
    with translation.override(language):
        subject = " ".join(
            render_to_string("accounts/email/password_reset_subject.txt", context).split()
        )
        body = render_to_string("accounts/email/password_reset_body.txt", context)
    try:
        return EmailMessage(subject=subject, body=body, to=[user.email]).send()
    except Exception:
        logger.exception("Could not send the password reset e-mail.")
        raise
