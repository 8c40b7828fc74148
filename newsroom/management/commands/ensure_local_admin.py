import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

USERNAME = "admin"
EMAIL = "admin@localhost"
LOGIN_URL = "http://127.0.0.1:8000/admin/"


class Command(BaseCommand):
    help = (
        "Local development: create a superuser 'admin' with a random password when "
        "none exists, and print the password once."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--login-url",
            default=LOGIN_URL,
            help=f"The admin's address to print (default {LOGIN_URL}; `make run` gives the "
            "one it serves).",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run even though DEBUG is off (the command is meant for local development).",
        )

    def handle(self, *args, force=False, login_url=LOGIN_URL, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "ensure_local_admin is a local-development convenience and DEBUG is off. "
                "Create production accounts with `manage.py createsuperuser`, "
                "or pass --force if this really is a development machine."
            )
        users = get_user_model()._default_manager
        existing = users.filter(is_superuser=True).order_by("pk").first()
        if existing:
            username = existing.get_username()
            self.stdout.write(
                f"Admin account: reusing the existing superuser {username!r} "
                f"(password unchanged; `manage.py changepassword {username}` sets a new one)."
            )
            return
        if users.filter(username=USERNAME).exists():
            raise CommandError(
                f"A user {USERNAME!r} exists but is not a superuser; leaving it alone. "
                "Create a superuser with `manage.py createsuperuser`."
            )
        password = secrets.token_urlsafe(12)
        users.create_superuser(username=USERNAME, email=EMAIL, password=password)
        self.stdout.write(
            self.style.SUCCESS(f"Admin account: {USERNAME} / {password}  (log in at {login_url})")
        )
