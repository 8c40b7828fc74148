from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from .throttling import clear_failures


@receiver(user_logged_in, dispatch_uid="accounts_clear_failures_on_login")
def clear_failures_on_login(sender, request, user, **kwargs):
    clear_failures(user.get_username())
