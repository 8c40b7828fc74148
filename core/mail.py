"""
E-mails to several people, each sent by a task of its own (django-tasks).

A task that sent a list of messages and failed half-way would, when tried again
(``core.tasks.retried``), write a second time to those already served. Queued one message
a task, a retry sends again only the message that failed; the messages are queued all
together or not at all, so none is lost either.
"""

import logging

from django.core.mail import EmailMessage
from django.db import transaction
from django_tasks import task

from .tasks import retried

logger = logging.getLogger(__name__)


@task()
@retried()
def send_email(subject, body, to, about):
    """Send one plain-text message to the address ``to``; ``about`` names it in the log."""
    try:
        return EmailMessage(subject=subject, body=body, to=[to]).send()
    except Exception:
        logger.exception("Could not send the e-mail about %s to one recipient.", about)
        raise


def send_separately(messages, about):
    """Queue each of ``messages`` (``EmailMessage``s written to one address each) as a task
    of its own. Returns how many were queued."""
    with transaction.atomic():
        for message in messages:
            (address,) = message.to
            send_email.enqueue(message.subject, message.body, address, about)
    return len(messages)
