"""Test doubles: Akismet clients that never touch the network, mail that fails."""

import akismet
from django.core.mail.backends import locmem
from django.core.mail.backends.base import BaseEmailBackend


class NoNetworkAkismet:
    """The default client in tests: any attempt to use Akismet fails the test."""

    def __init__(self, *args, **kwargs):
        raise AssertionError("Akismet must not be used here.")


class RecordingAkismet(akismet.TestSyncClient):
    """akismet's own test client (an httpx mock transport: no network), which
    records every call. Subclasses choose the verdict."""

    calls = []

    def comment_check(self, user_ip, **kwargs):
        self.calls.append(("comment_check", user_ip, kwargs))
        return super().comment_check(user_ip, **kwargs)

    def submit_spam(self, user_ip, **kwargs):
        self.calls.append(("submit_spam", user_ip, kwargs))
        return super().submit_spam(user_ip, **kwargs)

    def submit_ham(self, user_ip, **kwargs):
        self.calls.append(("submit_ham", user_ip, kwargs))
        return super().submit_ham(user_ip, **kwargs)


class SpamAkismet(RecordingAkismet):
    comment_check_response = akismet.CheckResponse.SPAM


class HamAkismet(RecordingAkismet):
    comment_check_response = akismet.CheckResponse.HAM


class DiscardAkismet(RecordingAkismet):
    comment_check_response = akismet.CheckResponse.DISCARD


class BrokenAkismet(RecordingAkismet):
    """Akismet unreachable."""

    def comment_check(self, user_ip, **kwargs):
        self.calls.append(("comment_check", user_ip, kwargs))
        raise akismet.RequestError("Akismet timed out.")


class FailingEmailBackend(BaseEmailBackend):
    """A mail server that refuses every message."""

    def send_messages(self, email_messages):
        raise ConnectionRefusedError("The mail server is down.")


class RefusingOnceEmailBackend(locmem.EmailBackend):
    """A mail server that hangs up, once, on reaching a message to one of the addresses in
    ``refused`` (then forgets the address), after delivering the messages before it to the
    test outbox, as an SMTP connection sending a list does."""

    refused = set()

    def send_messages(self, email_messages):
        sent = 0
        for message in email_messages:
            unwelcome = self.refused.intersection(message.to)
            if unwelcome:
                self.refused.difference_update(unwelcome)
                raise ConnectionResetError(f"The mail server hung up on {sorted(unwelcome)}.")
            sent += super().send_messages([message])
        return sent
