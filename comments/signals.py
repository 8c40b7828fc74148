"""Purge the pages a comment shows on, once its change commits (see core/pagecache.py).

Its article's page shows it, and every list shows the article's count of approved comments.
A new comment that is not approved (pending, spam) shows on no page: a spike of posts
leaves the kept pages alone. Its writer sees it all the same, on pages made for them
alone.
"""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from core import pagecache

from .models import Comment


@receiver(post_save, sender=Comment, dispatch_uid="comments.purge_comment.save")
@receiver(post_delete, sender=Comment, dispatch_uid="comments.purge_comment.delete")
def purge_comment(sender, instance, raw=False, created=False, **kwargs):
    if raw or (created and not instance.is_approved):
        return
    pagecache.purge({pagecache.object_key("article", instance.article_id), pagecache.LISTING_KEY})
