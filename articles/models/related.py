"""The related articles an article page suggests, kept ranked in the database.

An article's related articles are the published ones sharing the most tags with it, the most
recent first. Ranking them for each page counts every article that shares one of its tags, a
cost that grows with the site; so each published (or scheduled) article keeps its ranking in
``RelatedArticle`` rows, changed by what changes it (articles/signals.py): an article
published, unpublished, rescheduled or deleted, a tag given or taken, a tag deleted.

An article's rows hold at least the first ``KEPT`` articles on the site, and every scheduled
article sharing one of its tags. A scheduled article comes due with no event to react to; it is
already in the lists it belongs to, and pages filter by the clock when they read them.

Ranked, a list holds ``SPARE`` more articles than it must, and its ``RelatedDepth`` says how
many of its first articles it is sure to hold. An article that leaves a list, or falls in it,
makes that list one shallower; only a list left shallower than ``KEPT`` is ranked again. So
unpublishing an article that hundreds of lists suggest ranks none of them, most of the time.
"""

from datetime import timedelta

from django.db import connections, models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

#: How many articles on the site each list keeps at least: pages asking for more rank live.
KEPT = 12
#: How many more a list holds once ranked, so that articles may leave it before it is short.
SPARE = 12
#: Articles published less than this long ago are kept as if still scheduled: never trimmed,
#: so that a database whose clock lags this server's still finds every one it shows.
CLOCK_MARGIN = timedelta(minutes=5)
#: Ids per statement: SQLite allows a limited number of parameters.
CHUNK = 500


def _article_model():
    # models/article.py imports this module: its model is looked up when needed.
    from .article import Article

    return Article


# The statements that keep the lists, on the tables of RelatedArticle, Article and
# TaggedArticle. ``{marks}`` stands for one placeholder per article id.

#: The lists of some articles, each candidate counted by the tags it shares with the article;
#: those on the site are numbered apart from those still to come, which are all kept. (A
#: row another transaction has just offered is updated, not refused as a duplicate.)
RANK = """
    INSERT INTO {related} (article_id, related_id, shared_tags, published_at)
    SELECT article_id, related_id, shared_tags, published_at FROM (
        SELECT mine.content_object_id AS article_id,
               candidate.id AS related_id,
               COUNT(*) AS shared_tags,
               candidate.published_at AS published_at,
               ROW_NUMBER() OVER (
                   PARTITION BY mine.content_object_id,
                                candidate.published_at > %s
                   ORDER BY COUNT(*) DESC, candidate.published_at DESC,
                            candidate.id DESC
               ) AS place
        FROM {tagged} mine
        JOIN {article} owner ON owner.id = mine.content_object_id
        JOIN {tagged} theirs ON theirs.tag_id = mine.tag_id
             AND theirs.content_object_id <> mine.content_object_id
        JOIN {article} candidate ON candidate.id = theirs.content_object_id
        WHERE mine.content_object_id IN ({marks})
          AND owner.status = %s AND candidate.status = %s
        GROUP BY mine.content_object_id, candidate.id, candidate.published_at
    ) ranked
    WHERE place <= %s OR published_at > %s
    ON CONFLICT (article_id, related_id)
    DO UPDATE SET shared_tags = excluded.shared_tags, published_at = excluded.published_at
"""

#: One article put in the list of each published article sharing a tag with it.
OFFER = """
    INSERT INTO {related} (article_id, related_id, shared_tags, published_at)
    SELECT theirs.content_object_id, mine.content_object_id, COUNT(*), offered.published_at
    FROM {tagged} mine
    JOIN {article} offered ON offered.id = mine.content_object_id
    JOIN {tagged} theirs ON theirs.tag_id = mine.tag_id
         AND theirs.content_object_id <> mine.content_object_id
    JOIN {article} host ON host.id = theirs.content_object_id
    WHERE mine.content_object_id = %s AND host.status = %s
    GROUP BY theirs.content_object_id, mine.content_object_id, offered.published_at
    ON CONFLICT (article_id, related_id)
    DO UPDATE SET shared_tags = excluded.shared_tags, published_at = excluded.published_at
"""

#: The depth of some lists just ranked (those of articles on the site or to come).
DEEPEN = """
    INSERT INTO {depth} (article_id, depth)
    SELECT id, %s FROM {article} WHERE id IN ({marks}) AND status = %s
    ON CONFLICT (article_id) DO UPDATE SET depth = excluded.depth
"""

#: The articles on the site that some lists rank after the first ``KEPT + SPARE`` of them.
TRIM = """
    DELETE FROM {related} WHERE id IN (
        SELECT id FROM (
            SELECT kept.id AS id, ROW_NUMBER() OVER (
                PARTITION BY kept.article_id
                ORDER BY kept.shared_tags DESC, kept.published_at DESC, kept.related_id DESC
            ) AS place
            FROM {related} kept
            WHERE kept.article_id IN ({marks}) AND kept.published_at <= %s
        ) ranked
        WHERE place > %s
    )
"""


def _chunks(article_ids):
    """``article_ids`` in order, a statement's worth at a time."""
    ids = sorted(set(article_ids))
    for start in range(0, len(ids), CHUNK):
        yield ids[start : start + CHUNK]


class RelatedArticleQuerySet(models.QuerySet):
    """Keeps the lists; every method runs in the caller's transaction."""

    def _tables(self):
        from .tag import TaggedArticle

        return {
            "related": self.model._meta.db_table,
            "article": _article_model()._meta.db_table,
            "tagged": TaggedArticle._meta.db_table,
            "depth": RelatedDepth._meta.db_table,
        }

    def _execute(self, statement, params, marks=0):
        sql = statement.format(**self._tables(), marks=", ".join(["%s"] * marks))  # noqa: S608
        with connections[self.db].cursor() as cursor:
            cursor.execute(sql, params)

    def _cutoff(self):
        return timezone.now() - CLOCK_MARGIN

    def holders(self, article_id):
        """The ids of the articles whose lists hold ``article_id``."""
        return set(self.filter(related_id=article_id).values_list("article_id", flat=True))

    def rank(self, article_ids):
        """Recompute the lists of ``article_ids`` from their tags (none for an article that
        is not published or scheduled), each ``KEPT + SPARE`` deep."""
        published, cutoff, deep = _article_model().Status.PUBLISHED, self._cutoff(), KEPT + SPARE
        for chunk in _chunks(article_ids):
            self.filter(article_id__in=chunk).delete()
            self._execute(
                RANK, [cutoff, *chunk, published, published, deep, cutoff], marks=len(chunk)
            )
            self._execute(DEEPEN, [deep, *chunk, published], marks=len(chunk))

    def take_out(self, article_id, *, shallower=True):
        """Take ``article_id`` out of every list, and rank again those it leaves shallower
        than ``KEPT``. Returns the ids of the lists that held it.

        ``shallower=False`` says no list counted it among its articles on the site (it was
        still to come when each was ranked): none is made shallower.
        """
        holders = self.holders(article_id)
        self.filter(related_id=article_id).delete()
        if shallower:
            self.shortened(holders)
        return holders

    def shortened(self, article_ids):
        """Note that the lists of ``article_ids`` lost one of their articles on the site, and
        rank again those now shallower than ``KEPT`` (or of unknown depth)."""
        depths = RelatedDepth.objects.using(self.db)
        for chunk in _chunks(article_ids):
            depths.filter(article_id__in=chunk).update(depth=models.F("depth") - 1)
            deep_enough = set(
                depths.filter(article_id__in=chunk, depth__gte=KEPT).values_list(
                    "article_id", flat=True
                )
            )
            if shallow := set(chunk) - deep_enough:
                self.rank(shallow)

    def offer(self, article_id):
        """Put the published ``article_id`` in the list of every published article sharing
        a tag with it, at its rank, and trim those lists back to what they must keep.
        Returns the ids of the lists that hold it afterwards."""
        self._execute(OFFER, [article_id, _article_model().Status.PUBLISHED])
        holders = self.holders(article_id)
        self.trim(holders)
        return self.holders(article_id)

    def trim(self, article_ids):
        """Drop, from the lists of ``article_ids``, the articles on the site ranked after the
        first ``KEPT + SPARE`` of them (a list holding its first n articles still does)."""
        cutoff = self._cutoff()
        for chunk in _chunks(article_ids):
            self._execute(TRIM, [*chunk, cutoff, KEPT + SPARE], marks=len(chunk))

    def article_changed(self, article_id, *, lowered=True, was_scheduled=False):
        """Rank again what a change of ``article_id``'s status, publication date or tags
        moves: its own list, the lists that held it, and those it now enters. Returns the
        ids of the articles whose page may now suggest it.

        ``lowered=False`` says the change can only raise it in others' lists (a tag given,
        a later date, a publication): the lists holding it are then updated in place.
        Otherwise it is taken out of them, each made one shallower, and offered again.

        ``was_scheduled=True`` says it was to come out later than now, before the change:
        the lists held it among those still to come, counting it in none of their articles
        on the site. It is taken out of them and offered again; none is made shallower.
        """
        if was_scheduled or lowered:
            self.take_out(article_id, shallower=not was_scheduled)
        self.rank({article_id})
        article_model = _article_model()
        on_site = article_model.objects.using(self.db).filter(
            pk=article_id, status=article_model.Status.PUBLISHED
        )
        if not on_site.exists():
            return set()
        return self.offer(article_id)

    def rebuild(self):
        """Rank every list again (after a bulk import, or rows written by hand)."""
        article_model = _article_model()
        self.all().delete()
        RelatedDepth.objects.using(self.db).all().delete()
        published = article_model.objects.using(self.db).filter(
            status=article_model.Status.PUBLISHED
        )
        self.rank(published.values_list("pk", flat=True))


class RelatedArticle(models.Model):
    """``related`` among the articles suggested with ``article``, sharing ``shared_tags``
    of its tags. Derived data: ``RelatedArticle.objects.rebuild()`` recomputes it all."""

    # Indexed by the unique constraint, which starts with it.
    article = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="related_links", db_index=False
    )
    related = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="suggested_in"
    )
    shared_tags = models.PositiveIntegerField(_("shared tags"))
    # ``related``'s own, copied so that a list is ordered and filtered by the clock on its
    # rows alone: only the few articles a page shows are then read.
    published_at = models.DateTimeField(_("publication date"), null=True)

    objects = RelatedArticleQuerySet.as_manager()

    class Meta:
        verbose_name = _("related article")
        verbose_name_plural = _("related articles")
        constraints = [
            models.UniqueConstraint(fields=["article", "related"], name="unique_related_article")
        ]

    def __str__(self):
        return f"{self.article_id} → {self.related_id}"


class RelatedDepth(models.Model):
    """How many of its first related articles on the site ``article``'s list is sure to hold:
    ``KEPT + SPARE`` once ranked, one fewer for each that leaves it or falls in it. A list
    without one is taken as ``KEPT`` deep, the depth that lists ranked before spares had."""

    article = models.OneToOneField(
        "articles.Article",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="+",
    )
    depth = models.IntegerField(_("depth"))

    class Meta:
        verbose_name = _("depth of related articles")
        verbose_name_plural = _("depths of related articles")

    def __str__(self):
        return f"{self.article_id}: {self.depth}"
