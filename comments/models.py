import functools
import hashlib
import ipaddress
import re
import secrets
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connections, models, router, transaction
from django.db.models import (
    DateTimeField,
    DurationField,
    ExpressionWrapper,
    F,
    Func,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Value,
)
from django.db.models.functions import Now, Upper
from django.db.models.signals import post_save, pre_save
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from core import pagecache
from core.statements import CompiledQuery

from .rendering import comment_body

# What the article page prints: never the e-mail, the IP address nor the user agent.
DISPLAY_FIELDS = (
    "id", "article_id", "parent_id", "name", "website", "body", "body_html", "status",
    "created_at",
)


class CommentQuerySet(pagecache.PurgingQuerySet):
    # What the article page never prints (DISPLAY_FIELDS are what it prints).
    unshown_fields = frozenset({
        "email", "body_hash", "ip_address", "user_agent", "spam_signals", "moderated_by",
        "moderated_by_id", "moderated_at", "commenter_key", "commenter_key_id",
        "moderators_notified",
    })
    key_columns = ("article_id", "status")

    def update(self, **kwargs):
        """A new text given in bulk gets its fingerprint and printed HTML, as a save
        gives them (an expression gets none: the page then makes the HTML itself)."""
        if "body" in kwargs:
            body = kwargs["body"]
            is_text = isinstance(body, str)
            kwargs.setdefault("body_hash", body_fingerprint(body) if is_text else "")
            kwargs.setdefault("body_html", comment_body(body) if is_text else "")
        return super().update(**kwargs)

    update.alters_data = True

    def shown_keys(self, rows, changes):
        """An approved comment shows on its article's page, and in the count of comments
        every list gives; one that is not approved, on no page (as comments/signals.py
        purges for a save). A new status given as an expression may be "approved"."""
        hidden = (Comment.Status.PENDING, Comment.Status.SPAM, Comment.Status.REMOVED)
        becomes_approved = "status" in changes and changes["status"] not in hidden
        articles = {
            article_id
            for article_id, status in rows
            if status == Comment.Status.APPROVED or becomes_approved
        }
        if not articles:
            return set()
        return {pagecache.LISTING_KEY, *(pagecache.object_key("article", pk) for pk in articles)}

    def approved(self):
        return self.filter(status=Comment.Status.APPROVED)

    def pending(self):
        return self.filter(status=Comment.Status.PENDING)

    def queue_summary(self):
        """The moderation queue in one query: ``{"count": …, "oldest": datetime or None}``."""
        return self.pending().aggregate(count=models.Count("pk"), oldest=models.Min("created_at"))

    def recent_with_fingerprint(self, fingerprint):
        """The comments with the text of ``fingerprint`` (``body_fingerprint()``) sent in the
        last COMMENTS_DUPLICATE_WINDOW_HOURS: the duplicate check's. The window is counted
        from the database's clock, not a parameter, so that the query compiles once per
        process."""
        window = Value(
            timedelta(hours=settings.COMMENTS_DUPLICATE_WINDOW_HOURS),
            output_field=DurationField(),
        )
        since = ExpressionWrapper(Now() - window, output_field=DateTimeField())
        return self.filter(body_hash=fingerprint, created_at__gte=since)

    def with_approved_roots_before(self):
        """Annotated with ``approved_roots_before``: how many approved comments on the same
        article, not replies, were sent before each (what its comments page depends on),
        counted in the same query."""
        before = (
            Comment.objects.approved()
            .filter(
                article_id=OuterRef("article_id"),
                parent__isnull=True,
                created_at__lt=OuterRef("created_at"),
            )
            .order_by()
            .annotate(count=Func(F("pk"), function="COUNT", output_field=IntegerField()))
            .values("count")
        )
        return self.annotate(approved_roots_before=Subquery(before, output_field=IntegerField()))

    def by_email(self, email):
        """Every comment left with ``email``, whatever its case."""
        return self.filter(email__iexact=(email or "").strip())

    def for_display(self, article, own_ids=()):
        """What the article page shows: approved comments, plus the reader's own
        comments still waiting for a moderator, with nothing the page does not print."""
        visible = Q(status=Comment.Status.APPROVED)
        if own_ids:
            visible |= Q(pk__in=list(own_ids), status__in=Comment.WAITING_STATUSES)
        return (
            self.filter(visible, article=article)
            .order_by("created_at", "pk")
            .only(*DISPLAY_FIELDS)
        )

    def with_old_ip_data(self, days=None):
        """Comments older than the retention period that still hold an IP or a user agent."""
        days = settings.COMMENTS_IP_RETENTION_DAYS if days is None else days
        cutoff = timezone.now() - timedelta(days=days)
        return self.filter(created_at__lt=cutoff).filter(
            Q(ip_address__isnull=False) | ~Q(user_agent="")
        )


#: What is kept of a browser's User-Agent header, for moderators.
USER_AGENT_MAX_LENGTH = 500


def body_fingerprint(body):
    """The SHA-256 of a comment's text, spaces and case aside: what makes two comments
    "the same text" for the duplicate check, stored and indexed so that it is a lookup."""
    normalized = " ".join((body or "").split()).casefold()
    return hashlib.sha256(normalized.encode()).hexdigest()


class CommentManager(models.Manager.from_queryset(CommentQuerySet)):
    """``Comment.objects``: the queryset's methods, and the article page's query."""

    def shown_on(self, article, own_ids=()):
        """``for_display()`` as a list; for most readers (no comment of their own waiting)
        the query compiled once per process (core/statements.py)."""
        if own_ids:
            return list(self.for_display(article, own_ids))
        return APPROVED_ON_ARTICLE(article_id=article.pk)

    def parents_from(self, pk):
        """``{id: parent_id}`` of comment ``pk`` and of every comment above it, in one
        query however deep the thread: a recursive one, which Django's ORM cannot write.
        Its UNION keeps each row once, so a chain that loops back on itself (a WordPress
        import can make one) ends too."""
        return {row.pk: row.parent_id for row in self.raw(PARENTS_FROM_SQL, [pk])}


class Comment(models.Model):
    """A reader's comment on an article, shown once a moderator approved it."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        APPROVED = "approved", _("Approved")
        SPAM = "spam", _("Spam")
        REMOVED = "removed", _("Removed")

    # The commenter sees these as "awaiting moderation"; a spam verdict is not told to a bot.
    WAITING_STATUSES = (Status.PENDING, Status.SPAM)

    article = models.ForeignKey(
        "articles.Article",
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        related_name="comments",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("in reply to"),
        null=True,
        blank=True,
        # Erasing a commenter must not take other people's replies with it.
        on_delete=models.SET_NULL,
        related_name="replies",
    )
    name = models.CharField(_("name"), max_length=100)
    email = models.EmailField(
        _("e-mail"), blank=True, help_text=_("Never published. Empty once anonymized.")
    )
    website = models.URLField(_("website"), blank=True)
    body = models.TextField(_("comment"))
    body_hash = models.CharField(max_length=64, editable=False, default="")
    # The text as the article page prints it (comments.rendering.comment_body: escaped,
    # links made, paragraphs), made once when the comment is saved rather than for every
    # reader. Empty for a row written around save() (a bulk insert): the page then makes
    # it from the text. A change of comment_body() comes with a migration that makes it
    # again for every comment.
    body_html = models.TextField(editable=False, default="")
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    created_at = models.DateTimeField(_("date"), default=timezone.now, db_index=True)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    user_agent = models.CharField(_("user agent"), max_length=USER_AGENT_MAX_LENGTH, blank=True)
    spam_signals = models.JSONField(
        _("spam signals"),
        default=list,
        blank=True,
        help_text=_("The spam defenses this comment tripped when it was posted."),
    )
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("moderated by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    moderated_at = models.DateTimeField(_("moderated at"), null=True, blank=True)
    commenter_key = models.ForeignKey(
        "CommenterKey",
        verbose_name=_("commenter key"),
        null=True,
        blank=True,
        editable=False,
        # Erasing the commenter's keys keeps their comments (anonymized or deleted apart).
        on_delete=models.SET_NULL,
        related_name="comments",
        help_text=_("The key of the browser that sent the comment, when it proved its address."),
    )
    # Whether the moderators' digest (comments.tasks.notify_moderators) told of it yet.
    moderators_notified = models.BooleanField(default=False, editable=False)

    objects = CommentManager()

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["-created_at", "-pk"]
        permissions = [("moderate_comment", _("Can moderate comments"))]
        indexes = [
            models.Index(fields=["article", "status", "created_at"], name="comment_display_idx"),
            models.Index(fields=["status", "-created_at"], name="comment_queue_idx"),
            models.Index(fields=["email"], name="comment_email_idx"),
            # by_email() compares without case: UPPER(email) on PostgreSQL.
            models.Index(Upper("email"), name="comment_email_upper_idx"),
            models.Index(fields=["body_hash", "created_at"], name="comment_duplicate_idx"),
        ]

    def __str__(self):
        # No name nor text: this string is kept in the admin's history, even after erasure.
        return _("Comment #%(id)s") % {"id": self.pk}

    def save(self, *args, **kwargs):
        self.fill_derived_fields()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "body" in update_fields:
            kwargs["update_fields"] = {*update_fields, "body_hash", "body_html"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return f"{self.article.get_absolute_url()}#comment-{self.pk}"

    def fill_derived_fields(self):
        """What is stored with the text, derived from it: its fingerprint and its HTML."""
        self.body_hash = body_fingerprint(self.body)
        self.body_html = comment_body(self.body)

    @property
    def excerpt(self):
        return Truncator(" ".join(self.body.split())).chars(80)

    @property
    def is_approved(self):
        return self.status == self.Status.APPROVED

    @property
    def is_waiting(self):
        return self.status in self.WAITING_STATUSES

    def ancestor_ids(self):
        """The ids of the comments above this one, its parent's first, up to the comment
        on the article that starts its thread: one query however deep the reply, none for a
        comment on the article. A chain that loops back stops before its first repeat."""
        if not self.parent_id:
            return []
        parents = Comment.objects.parents_from(self.parent_id)
        ids, parent_id = [], self.parent_id
        while parent_id in parents and parent_id not in ids:
            ids.append(parent_id)
            parent_id = parents[parent_id]
        return ids

    def depth(self):
        """1 for a comment on the article, 2 for a reply to it, and so on."""
        return 1 + len(self.ancestor_ids())


def _parents_from_sql():
    # Table and column names from the model's metadata; the one value is a parameter.
    table = f'"{Comment._meta.db_table}"'
    pk = f'"{Comment._meta.pk.column}"'
    parent = f'"{Comment._meta.get_field("parent").column}"'
    return (
        f"WITH RECURSIVE chain AS ("  # noqa: S608  # nosec B608
        f"SELECT {pk}, {parent} FROM {table} WHERE {pk} = %s "
        f"UNION SELECT c.{pk}, c.{parent} FROM {table} c JOIN chain ON c.{pk} = chain.{parent}"
        f") SELECT {pk}, {parent} FROM chain"
    )


#: What ``CommentManager.parents_from`` asks, the same on SQLite and PostgreSQL.
PARENTS_FROM_SQL = _parents_from_sql()


APPROVED_ON_ARTICLE = CompiledQuery(
    Comment, lambda article_id: Comment.objects.for_display(article_id), article_id=int
)


# What every comment post reads (core/statements.py): the duplicate check (one row is
# enough), and the count that gives the page a new comment lands on.
RECENT_DUPLICATE = CompiledQuery(
    Comment,
    lambda fingerprint: Comment.objects.recent_with_fingerprint(fingerprint)
    .only("pk")
    .order_by()[:1],
    fingerprint=str,
)
APPROVED_ROOTS_BEFORE = CompiledQuery(
    Comment,
    lambda pk: Comment.objects.filter(pk=pk).only("pk").with_approved_roots_before(),
    pk=int,
)


class BlocklistEntry(models.Model):
    """A word, an e-mail address (or @domain) or an IP address (or network) whose
    comments go straight to spam."""

    class Kind(models.TextChoices):
        WORD = "word", _("Word or phrase")
        EMAIL = "email", _("E-mail address or @domain")
        IP = "ip", _("IP address or network")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    value = models.CharField(
        _("value"),
        max_length=200,
        help_text=_(
            "A word or phrase (matched as a whole word, any case), an address such as "
            "spam@example.com or a whole domain as @example.com, an IP address such as "
            "203.0.113.7 or a network such as 203.0.113.0/24."
        ),
    )
    note = models.CharField(_("note"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("blocklist entry")
        verbose_name_plural = _("blocklist")
        ordering = ["kind", "value"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "value"], name="unique_blocklist_entry")
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.value}"

    def clean(self):
        super().clean()
        self.value = (self.value or "").strip()
        if self.kind == self.Kind.EMAIL:
            self.value = self.value.lower()
            if "@" not in self.value:
                raise ValidationError(
                    {"value": _("Enter an e-mail address, or @domain for a whole domain.")}
                )
        elif self.kind == self.Kind.IP:
            try:
                ipaddress.ip_network(self.value, strict=False)
            except ValueError:
                raise ValidationError(
                    {"value": _("Enter an IP address or a network such as 203.0.113.0/24.")}
                ) from None
        elif self.kind == self.Kind.WORD and not self.value:
            raise ValidationError({"value": _("Enter a word or phrase.")})

    def matches(self, *, text="", email="", ip=None):
        """Whether this entry blocks a comment with this text, e-mail and IP address."""
        value = self.value.strip()
        if not value:
            return False
        if self.kind == self.Kind.WORD:
            return re.search(rf"(?<!\w){re.escape(value)}(?!\w)", text, re.IGNORECASE) is not None
        if self.kind == self.Kind.EMAIL:
            email = (email or "").lower()
            if value.startswith("@"):
                return email.endswith(value)
            return email == value.lower()
        if self.kind == self.Kind.IP and ip:
            try:
                return ipaddress.ip_address(ip) in ipaddress.ip_network(value, strict=False)
            except ValueError:
                return False
        return False


#: What every comment post reads of the blocklist (core/statements.py).
BLOCKLIST = CompiledQuery(BlocklistEntry, lambda: BlocklistEntry.objects.only("kind", "value"))


def normalize_email(email):
    """How commenters' addresses are compared: trimmed, in lower case."""
    return (email or "").strip().lower()


class CommenterKeyQuerySet(models.QuerySet):
    def for_email(self, email):
        return self.filter(email=normalize_email(email))

    def unused(self, now=None):
        """Keys that prove nothing and never will: not confirmed, used by no comment, and
        older than a confirmation link lives."""
        cutoff = (now or timezone.now()) - timedelta(
            days=settings.COMMENTS_CONFIRMATION_LINK_DAYS
        )
        return self.filter(
            verified_at__isnull=True, comments__isnull=True, created_at__lt=cutoff
        )


class CommenterKey(models.Model):
    """A secret held by one browser, in a signed cookie, that ties it to one e-mail address.

    It proves the address once the commenter followed the confirmation link e-mailed to it
    (``verified_at``), or once a moderator approved a comment the browser sent with it.
    Only a hash of the secret is stored; erasing a commenter's data deletes their keys,
    which revokes every cookie and link made with them.
    """

    class Origin(models.TextChoices):
        BROWSER = "browser", _("Set when commenting")
        EMAIL = "email", _("Sent by e-mail")

    email = models.EmailField(_("e-mail"), db_index=True)
    secret_hash = models.CharField(max_length=64)
    origin = models.CharField(_("origin"), max_length=10, choices=Origin.choices)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    verified_at = models.DateTimeField(_("address confirmed"), null=True, blank=True)

    objects = CommenterKeyQuerySet.as_manager()

    class Meta:
        verbose_name = _("commenter key")
        verbose_name_plural = _("commenter keys")

    def __str__(self):
        return _("Commenter key #%(id)s") % {"id": self.pk}

    @staticmethod
    def hash_secret(secret):
        return hashlib.sha256(secret.encode()).hexdigest()

    @classmethod
    def issue(cls, email, origin=Origin.BROWSER):
        """A new key for ``email``, stored, and its secret (to give away, never stored)."""
        key, secret = cls.new(email, origin)
        key.save()
        return key, secret

    @classmethod
    def new(cls, email, origin=Origin.BROWSER):
        """A new key for ``email`` and its secret, not stored yet: the comment posted with
        it stores it in its own transaction (``PostComment``)."""
        secret = secrets.token_urlsafe(32)
        key = cls(email=normalize_email(email), secret_hash=cls.hash_secret(secret), origin=origin)
        return key, secret

    @classmethod
    def find(cls, pk, secret):
        """The key ``pk`` when ``secret`` is its secret, else None."""
        if not isinstance(pk, int) or not isinstance(secret, str):
            return None
        key = cls.objects.filter(pk=pk).first()
        if key is None or not constant_time_compare(key.secret_hash, cls.hash_secret(secret)):
            return None
        return key

    def vouches_for(self, email):
        return bool(email) and self.email == normalize_email(email)

    def proves_address(self):
        """Whether the address is proven for this browser: confirmed by the e-mailed link,
        or shown by a comment sent with this key that a moderator approved."""
        if self.verified_at is not None:
            return True
        # A key not stored yet is made for the comment being posted: none was approved.
        return self.pk is not None and self.comments.approved().exists()

    def confirm(self):
        if self.verified_at is None:
            self.verified_at = timezone.now()
            self.save(update_fields=["verified_at"])


#: Characters of a form token's one-time number (16 random bytes, base64).
FORM_TOKEN_NONCE_LENGTH = 22


class UsedFormTokenQuerySet(models.QuerySet):
    def record(self, token, comment=None):
        """Record ``token`` (a comments.forms.FormToken) as used, by ``comment``.

        The primary key makes this atomic across processes and servers: of two posts sent
        with one token, only one can insert it; the other gets IntegrityError, which undoes
        the transaction it is part of (``PostComment`` records the token with its comment).
        """
        return self.create(nonce=token.nonce, expires_at=token.expires_at, comment=comment)

    def claim(self, token):
        """Record ``token`` as used, on its own; False when it already was."""
        try:
            with transaction.atomic():
                self.record(token)
        except IntegrityError:
            return False
        return True

    def is_used(self, token):
        return self.filter(pk=token.nonce).exists()

    def expired(self, now=None):
        """Tokens that could no longer be sent anyway: no need to remember them."""
        return self.filter(expires_at__lt=now or timezone.now())


class UsedFormToken(models.Model):
    """The one-time number of a comment form that was sent: the same form cannot post twice."""

    nonce = models.CharField(max_length=FORM_TOKEN_NONCE_LENGTH, primary_key=True)
    comment = models.ForeignKey(
        Comment, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    expires_at = models.DateTimeField(db_index=True)

    objects = UsedFormTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("used comment form")
        verbose_name_plural = _("used comment forms")

    def __str__(self):
        return self.nonce


def comments_are_open(article, now=None):
    """Whether readers may comment on ``article`` now.

    Closed when the article is not published, when an editor closed its comments,
    or when COMMENTS_CLOSE_AFTER_DAYS (0: never) have passed since publication.
    """
    if not article.comments_open or not article.is_published:
        return False
    days = settings.COMMENTS_CLOSE_AFTER_DAYS
    if days and days > 0:
        now = now or timezone.now()
        return article.published_at + timedelta(days=days) > now
    return True



def _insert_values(instance, connection):
    """The values Django's ``save()`` would insert for the new ``instance``, by column (but
    for an automatic primary key, which the database gives), ``auto_now_add`` and defaults
    filled in."""
    return {
        field.column: field.get_db_prep_save(field.pre_save(instance, True), connection)
        for field in instance._meta.local_concrete_fields
        if not field.db_returning
    }


@functools.cache
def _posted_comment_sql(with_key, with_token):
    """The PostgreSQL statement storing a posted comment, with a new commenter key when
    ``with_key``, a used form token when ``with_token`` (data-modifying CTEs); its
    parameters are the rows' values, column by column, but for the keys each row receives
    from the one before. Built once per process and variant."""
    def quote(name):
        return f'"{name}"'

    def insert(name, model, links):
        # ``links``: the columns given another row's new key, and the subquery giving it.
        columns = [
            field.column for field in model._meta.local_concrete_fields if not field.db_returning
        ]
        values = ", ".join(links.get(column, "%s") for column in columns)
        # Table and column names from the models' metadata; every value is a parameter.
        return (
            f"{name} AS (INSERT INTO {quote(model._meta.db_table)} "  # noqa: S608  # nosec B608
            f"({', '.join(map(quote, columns))}) VALUES ({values}) "
            f"RETURNING {quote(model._meta.pk.column)})"
        )

    def new_id(name, model):
        # A column name from the models' metadata and a name of this function's own.
        return f"(SELECT {quote(model._meta.pk.column)} FROM {name})"  # noqa: S608  # nosec B608

    parts = []
    comment_links = {}
    if with_key:
        parts.append(insert("new_key", CommenterKey, {}))
        comment_links[Comment._meta.get_field("commenter_key").column] = new_id(
            "new_key", CommenterKey
        )
    parts.append(insert("new_comment", Comment, comment_links))
    if with_token:
        token_links = {UsedFormToken._meta.get_field("comment").column: new_id(
            "new_comment", Comment
        )}
        parts.append(insert("used_token", UsedFormToken, token_links))
    key_id = new_id("new_key", CommenterKey) if with_key else "NULL"
    return f"WITH {', '.join(parts)} SELECT {new_id('new_comment', Comment)}, {key_id}"  # noqa: S608


def store_posted_comment(comment, *, commenter_key=None, form_token=None):
    """Store a reader's new ``comment``, with the ``commenter_key`` it was sent with (saved
    too when it is new), and record ``form_token`` (a comments.forms.FormToken) as used by
    it, as ``UsedFormToken.objects.record`` does: a token already used raises IntegrityError
    and stores nothing. Call it in a transaction.

    On PostgreSQL, one statement for the three rows, one round trip where their ``save()``
    take three; elsewhere, their ``save()``. Both ways send ``pre_save`` and ``post_save``
    for the comment and a new key (the page purges hang on them).
    """
    new_key = commenter_key if commenter_key is not None and commenter_key.pk is None else None
    comment.commenter_key = commenter_key
    db = router.db_for_write(Comment, instance=comment)
    connection = connections[db]
    if connection.vendor != "postgresql":
        if new_key is not None:
            new_key.save(using=db)
            comment.commenter_key = new_key
        comment.save(using=db, force_insert=True)
        if form_token is not None:
            UsedFormToken.objects.using(db).record(form_token, comment=comment)
        return comment

    comment.fill_derived_fields()
    saved = [instance for instance in (new_key, comment) if instance is not None]
    for instance in saved:
        pre_save.send(type(instance), instance=instance, raw=False, using=db, update_fields=None)
    params = []
    if new_key is not None:
        params.extend(_insert_values(new_key, connection).values())
    comment_values = _insert_values(comment, connection)
    if new_key is not None:
        del comment_values[Comment._meta.get_field("commenter_key").column]
    params.extend(comment_values.values())
    if form_token is not None:
        token = UsedFormToken(nonce=form_token.nonce, expires_at=form_token.expires_at)
        token_values = _insert_values(token, connection)
        del token_values[UsedFormToken._meta.get_field("comment").column]
        params.extend(token_values.values())
    sql = _posted_comment_sql(new_key is not None, form_token is not None)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        comment_id, key_id = cursor.fetchone()
    if new_key is not None:
        new_key.pk = key_id
        comment.commenter_key = new_key
    comment.pk = comment_id
    for instance in saved:
        instance._state.adding = False
        instance._state.db = db
        post_save.send(
            type(instance), instance=instance, created=True, update_fields=None, raw=False,
            using=db,
        )
    return comment
