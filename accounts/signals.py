from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.db.models.signals import post_save
from django.dispatch import receiver

from .models import Profile
from .throttling import clear_failures

#: The fields a public slug is made from: saving only others leaves it as it is.
NAME_FIELDS = {"first_name", "last_name", "username"}


@receiver(user_logged_in, dispatch_uid="accounts_clear_failures_on_login")
def clear_failures_on_login(sender, request, user, **kwargs):
    clear_failures(user.get_username())


@receiver(post_save, sender=settings.AUTH_USER_MODEL, dispatch_uid="accounts_profile_for_user")
def give_every_user_a_profile(sender, instance, created, raw=False, update_fields=None, **kwargs):
    # Signing in saves last_login alone: no reason to look at the profile then.
    if raw or (update_fields is not None and not NAME_FIELDS & set(update_fields)):
        return
    Profile.objects.for_user(instance)
