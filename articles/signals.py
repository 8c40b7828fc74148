"""Keep the PostgreSQL search vector of an article current (see articles/search.py)."""

from django.db import connections
from django.db.models.signals import post_save
from django.dispatch import receiver

from .models import SEARCHED_FIELDS, Article
from .search import search_vector


@receiver(post_save, sender=Article, dispatch_uid="articles.update_search_vector")
def update_search_vector(sender, instance, using, update_fields=None, **kwargs):
    """Recompute the stored vector in the database, after any save that changed the text.

    SQLite needs nothing here: ``Article.save()`` already stored the normalised text.
    """
    if connections[using].vendor != "postgresql":
        return
    if update_fields is not None and not set(update_fields) & set(SEARCHED_FIELDS):
        return
    Article.objects.using(using).filter(pk=instance.pk).update(search_vector=search_vector())
