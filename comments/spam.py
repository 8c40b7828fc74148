"""
The spam defenses a new comment goes through, in layers.

Each layer is a small check with a ``name``; COMMENTS_SPAM_CHECKS lists the
names that run. A check returns the signals it found (short codes such as
``"honeypot"``); a comment with any signal is stored with status spam and its
signals, never dropped, so a moderator can rescue a false positive.

The rate limits live in ``ratelimit.py``: they answer 429 before anything is stored.
"""

import logging
import re
import time
from dataclasses import dataclass, field

import akismet
from django.conf import settings
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _

from core import identity

from .models import BLOCKLIST, RECENT_DUPLICATE, body_fingerprint

logger = logging.getLogger(__name__)

LINK_RE = re.compile(r"(?:\bhttps?://|\bwww\.)", re.IGNORECASE)

# What each signal means, for the moderation queue.
SIGNAL_LABELS = {
    "honeypot": _("hidden field filled in"),
    "timestamp_invalid": _("sent without the form"),
    "too_fast": _("sent too fast"),
    "too_many_links": _("too many links"),
    "blocklist_word": _("blocklisted word"),
    "blocklist_email": _("blocklisted e-mail"),
    "blocklist_ip": _("blocklisted IP address"),
    "duplicate": _("duplicate"),
    "akismet": _("Akismet: spam"),
    "akismet_discard": _("Akismet: blatant spam"),
}


def signal_label(signal):
    return SIGNAL_LABELS.get(signal, signal)


@dataclass
class Submission:
    """What a reader sent, with what the request tells about them."""

    article: object
    name: str
    email: str
    body: str
    website: str = ""
    parent: object = None
    ip: str | None = None
    user_agent: str = ""
    referrer: str = ""
    honeypot: str = ""
    issued_at: float | None = None
    # Set by the Akismet check when the service could not answer.
    akismet_unavailable: bool = field(default=False, compare=False)


class SpamCheck:
    name = ""

    def enabled(self):
        return self.name in settings.COMMENTS_SPAM_CHECKS

    def signals(self, submission):
        raise NotImplementedError


class HoneypotCheck(SpamCheck):
    """A field hidden from people; only robots fill it in."""

    name = "honeypot"

    def signals(self, submission):
        return ["honeypot"] if submission.honeypot else []


class TimingCheck(SpamCheck):
    """People take a few seconds to write; robots post at once, or without our form."""

    name = "timing"

    def signals(self, submission):
        if submission.issued_at is None:
            return ["timestamp_invalid"]
        if time.time() - submission.issued_at < settings.COMMENTS_MIN_SUBMIT_SECONDS:
            return ["too_fast"]
        return []


class LinksCheck(SpamCheck):
    name = "links"

    def signals(self, submission):
        links = len(LINK_RE.findall(submission.body)) + len(LINK_RE.findall(submission.name))
        return ["too_many_links"] if links > settings.COMMENTS_MAX_LINKS else []


class BlocklistCheck(SpamCheck):
    """Words, addresses and networks a moderator listed in the admin."""

    name = "blocklist"

    def signals(self, submission):
        text = "\n".join((submission.name, submission.website, submission.body))
        found = []
        for entry in BLOCKLIST():
            signal = f"blocklist_{entry.kind}"
            if signal not in found and entry.matches(
                text=text, email=submission.email, ip=submission.ip
            ):
                found.append(signal)
        return found


class DuplicateCheck(SpamCheck):
    """The very same text (spaces and case aside), posted again recently, here or on
    another article: a lookup of its fingerprint in an index, however many comments."""

    name = "duplicate"

    def signals(self, submission):
        duplicate = RECENT_DUPLICATE(fingerprint=body_fingerprint(submission.body))
        return ["duplicate"] if duplicate else []


class AkismetCheck(SpamCheck):
    """Akismet's verdict, when AKISMET_API_KEY is set. An unreachable service lets the
    comment through to the moderators; it is never a reason to refuse a reader."""

    name = "akismet"

    def enabled(self):
        return super().enabled() and bool(settings.AKISMET_API_KEY)

    def signals(self, submission):
        try:
            verdict = akismet_client().comment_check(
                user_ip=submission.ip or "",
                **akismet_arguments(
                    article=submission.article,
                    name=submission.name,
                    email=submission.email,
                    website=submission.website,
                    body=submission.body,
                    user_agent=submission.user_agent,
                    referrer=submission.referrer,
                    is_reply=submission.parent is not None,
                ),
            )
        except Exception:
            logger.warning("Akismet could not check a comment.", exc_info=True)
            submission.akismet_unavailable = True
            return []
        if verdict == akismet.CheckResponse.DISCARD:
            return ["akismet_discard"]
        if verdict == akismet.CheckResponse.SPAM:
            return ["akismet"]
        return []


CHECKS = [HoneypotCheck, TimingCheck, LinksCheck, BlocklistCheck, DuplicateCheck, AkismetCheck]


def spam_signals(submission):
    """Run the enabled checks in order. Akismet, the only remote one, is asked only
    when the local checks found nothing."""
    found = []
    for check_class in CHECKS:
        check = check_class()
        if not check.enabled() or (found and isinstance(check, AkismetCheck)):
            continue
        found.extend(signal for signal in check.signals(submission) if signal not in found)
    return found


# Akismet ----------------------------------------------------------------------


def akismet_client():
    """A client of the class named by AKISMET_CLIENT_CLASS (tests name a fake one)."""
    client_class = import_string(settings.AKISMET_CLIENT_CLASS)
    config = akismet.Config(key=settings.AKISMET_API_KEY, url=identity.base_url())
    return client_class(config=config)


def akismet_arguments(
    *, article, name, email, website, body, user_agent="", referrer="", is_reply=False
):
    arguments = {
        "comment_type": "reply" if is_reply else "comment",
        "comment_author": name,
        "comment_author_email": email,
        "comment_author_url": website,
        "comment_content": body,
        "permalink": identity.absolute_url(article.get_absolute_url()),
        "blog_lang": settings.LANGUAGE_CODE,
        "blog_charset": "UTF-8",
        "user_agent": user_agent,
        "referrer": referrer,
    }
    if settings.AKISMET_TEST_MODE:
        arguments["is_test"] = True
    return {key: value for key, value in arguments.items() if value not in ("", None)}


def report_to_akismet(comment, verdict):
    """Tell Akismet a moderator's decision: ``verdict`` is "spam" or "ham".

    Returns whether it was reported; without a key or an IP address there is nothing to do.
    """
    if not settings.AKISMET_API_KEY or not comment.ip_address:
        return False
    client = akismet_client()
    submit = client.submit_spam if verdict == "spam" else client.submit_ham
    return submit(
        user_ip=comment.ip_address,
        **akismet_arguments(
            article=comment.article,
            name=comment.name,
            email=comment.email,
            website=comment.website,
            body=comment.body,
            user_agent=comment.user_agent,
            is_reply=comment.parent_id is not None,
        ),
    )
