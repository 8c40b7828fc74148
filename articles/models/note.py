"""Notes editors and authors leave each other on an article: never shown to readers."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .article import Article


class ArticleNoteQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The notes of the articles ``user`` may open in the admin: every article's for
        editors, their own articles' for authors, none for anyone else."""
        if not user.has_perm("articles.view_article"):
            return self.none()
        return self.filter(article__in=Article.objects.editable_by(user).values("pk"))

    def open(self):
        return self.filter(resolved=False)


class ArticleNote(models.Model):
    """An internal note on an article, optionally about a passage of it (``anchor``), kept
    apart from reader comments; resolved once dealt with. Written and resolved through
    ``articles.actions.AddNote`` and ``ResolveNote``; an import writes its own (``origin``)
    about what an editor must fix in what it brought."""

    class Origin(models.TextChoices):
        STAFF = "staff", _("A member of staff")
        IMPORT = "import", _("The import")

    article = models.ForeignKey(
        Article, verbose_name=_("article"), on_delete=models.CASCADE, related_name="notes"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="article_notes",
    )
    origin = models.CharField(
        _("written by"), max_length=10, choices=Origin.choices, default=Origin.STAFF
    )
    created_at = models.DateTimeField(_("written"), auto_now_add=True)
    text = models.TextField(_("note"), max_length=5000)
    anchor = models.TextField(
        _("passage"),
        max_length=1000,
        blank=True,
        help_text=_("The words of the article the note is about, copied from the text."),
    )
    resolved = models.BooleanField(_("resolved"), default=False)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("resolved by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)

    objects = ArticleNoteQuerySet.as_manager()

    class Meta:
        verbose_name = _("editor note")
        verbose_name_plural = _("editor notes")
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(resolved=False) | Q(resolved_at__isnull=False),
                name="article_note_resolved_has_date",
            )
        ]

    def __str__(self):
        return self.text[:60]
