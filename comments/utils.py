"""Small helpers shared by the comment views, spam checks and e-mails."""

from django.conf import settings
from django.contrib.sites.models import Site

from .models import USER_AGENT_MAX_LENGTH


def user_agent(request):
    return request.META.get("HTTP_USER_AGENT", "")[:USER_AGENT_MAX_LENGTH]


def site_url():
    """The site's scheme and host, for links in e-mails and for Akismet."""
    if settings.COMMENTS_SITE_URL:
        return settings.COMMENTS_SITE_URL.rstrip("/")
    return f"https://{Site.objects.get_current().domain}"


def absolute_url(path):
    return f"{site_url()}{path}"
