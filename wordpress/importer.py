"""Importing a WordPress export: authors, categories and tags, attachments, posts with their
comments, pages, and the old addresses of all of them.

The export is read twice as a stream (wxr.py): first the authors, terms and attachments, then
the posts and pages, so that a post finds its featured image whatever the order of the file.
Each post is written in its own transaction with its comments: a failure leaves no half-written
article, and the rest goes on. What was imported is recorded (ImportedItem), so running the
import again updates what changed and creates nothing twice.

Every object goes through the same rules as one written in the admin: models' ``full_clean``,
the one HTML sanitizer (``Article.save``, the flat pages' signal), the images' cleaning, and
the publishing policy (``Article.publication_problems``): a post WordPress published that
breaks it (a featured image without credit or alternative text…) is imported in review, and
the report says why.
"""

import hashlib
import html
import ipaddress
import re
from collections import defaultdict
from datetime import datetime, timedelta
from pathlib import PurePosixPath
from urllib.parse import unquote, urljoin, urlsplit
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.flatpages.models import FlatPage
from django.contrib.redirects.models import Redirect
from django.contrib.sites.models import Site
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.validators import EmailValidator, URLValidator
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.encoding import escape_uri_path
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from articles.models import Article, ArticleNote, Image, Tag
from articles.slugs import slugify_french
from comments.models import Comment
from core.roles import AUTHORS

from . import content as content_conversion
from . import wxr
from .credits import parse_credit
from .media import UPLOADS_MARKER, MediaError, MediaSource, relative_upload_path
from .models import ImportedItem
from .report import Report

Kind = ImportedItem.Kind

#: WordPress's own bookkeeping, stored as posts: nothing a reader ever saw.
INTERNAL_POST_TYPES = frozenset(
    {
        "revision", "nav_menu_item", "custom_css", "customize_changeset", "oembed_cache",
        "user_request", "wp_block", "wp_template", "wp_template_part", "wp_global_styles",
        "wp_navigation", "wp_font_family", "wp_font_face",
    }
)
STATUS_MAP = {
    "publish": Article.Status.PUBLISHED,
    "future": Article.Status.PUBLISHED,
    "draft": Article.Status.DRAFT,
    "pending": Article.Status.REVIEW,
    "private": Article.Status.DRAFT,
}
COMMENT_STATUS_MAP = {
    "1": Comment.Status.APPROVED,
    "approve": Comment.Status.APPROVED,
    "0": Comment.Status.PENDING,
    "hold": Comment.Status.PENDING,
    "spam": Comment.Status.SPAM,
    "trash": Comment.Status.REMOVED,
    "post-trashed": Comment.Status.REMOVED,
}
_NO_DATE = {"", "0000-00-00 00:00:00"}
#: What WordPress adds to the name of a file it resized: photo-300x200.jpg, photo-scaled.jpg.
_SIZE_SUFFIX = re.compile(r"(?:-\d+x\d+|-scaled|-rotated)+(?=\.\w+$)")


class ItemError(Exception):
    """Why one entry of the export could not be imported (the rest goes on)."""


def parse_date(value_gmt, value_local, local_zone):
    """The aware datetime of a WordPress date (GMT when known, else the site's local time),
    or None when WordPress left it unset (drafts). Raises ItemError on a broken date."""
    for value, zone in ((value_gmt, ZoneInfo("UTC")), (value_local, local_zone)):
        if value in _NO_DATE:
            continue
        try:
            return datetime.strptime(value, "%Y-%m-%d %H:%M:%S").replace(tzinfo=zone)
        except ValueError:
            raise ItemError(
                _("broken date “%(date)s” (expected YYYY-MM-DD HH:MM:SS)") % {"date": value}
            ) from None
    return None


def _digest(*parts):
    return hashlib.sha256(repr(parts).encode()).hexdigest()


def _upload_key(url):
    """The file an address of the site's uploads shows, whatever its size, host or scheme:
    ``2024/03/port.jpg`` for ``https://site/wp-content/uploads/2024/03/port-300x200.jpg``."""
    return _SIZE_SUFFIX.sub("", relative_upload_path(url))


def _path(url):
    """The path (and WordPress query, such as ``?p=12``) of an old address, as Django sees
    it in ``request.get_full_path()``."""
    parts = urlsplit(url)
    path = escape_uri_path(unquote(parts.path or "/"))
    return f"{path}?{parts.query}" if parts.query else path


class WordPressImporter:
    """Import the export at ``path``; ``run()`` returns the Report."""

    def __init__(
        self,
        path,
        *,
        media=None,
        permalink_structure="",
        local_zone=None,
        progress=None,
    ):
        self.path = path
        self.media = media or MediaSource()
        self.permalink_structure = permalink_structure
        self.local_zone = local_zone or ZoneInfo(settings.TIME_ZONE)
        #: Told of each entry read: progress(step, done, total), total None while unknown.
        self.progress = progress or (lambda step, done, total: None)
        self.report = Report()
        self.channel = wxr.Channel()
        self.site_key = ""
        self.authors = {}  # login → user
        self.author_ids = {}  # WordPress author id → login
        self.terms = {}  # (taxonomy, slug) → Tag
        self.term_ids = {}  # (taxonomy, WordPress term id) → slug
        self.category_paths = {}  # category slug → "parent/child", as in its archive's address
        self.images = {}  # attachment id → Image id
        self.image_urls = {}  # attachment address (without size suffix) → Image id
        self.attachments = defaultdict(list)  # post or page id → its attachments' (id, link)
        self.site = Site.objects.get_current()

    # Running

    #: The two readings of the export, as the progress bar names them.
    FIRST_PASS = gettext_lazy("Authors, terms, images")
    SECOND_PASS = gettext_lazy("Posts, pages, comments")

    def run(self):
        entries = self._pass(self._first_pass_entry, self.FIRST_PASS)
        self.progress(self.FIRST_PASS, entries, entries)
        if not self.report.fatal:
            # The same entries again: the first reading counted them.
            self._pass(self._second_pass_entry, self.SECOND_PASS, entries)
        if self.site_key:
            self.author_and_feed_redirects()
        return self.report

    def _pass(self, handle, step, total=None):
        done = 0
        self.progress(step, done, total)
        try:
            for entry in wxr.read_export(self.path, self.channel):
                if not self.site_key:
                    self.site_key = (
                        self.channel.base_blog_url or self.channel.link or "wordpress"
                    )[:200]
                handle(entry)
                done += 1
                self.progress(step, done, total)
        except wxr.ExportError as error:
            if not self.report.fatal:
                self.report.fatal = str(error)
            # The second pass would stop at the same place: what comes before it is imported.
            if handle == self._first_pass_entry:
                self._pass_until_fatal()
        except OSError as error:
            self.report.fatal = f"the export cannot be opened: {error}"
        return done

    def _pass_until_fatal(self):
        try:
            for entry in wxr.read_export(self.path, wxr.Channel()):
                self._second_pass_entry(entry)
        except wxr.ExportError:
            pass

    def _first_pass_entry(self, entry):
        if isinstance(entry, wxr.Author):
            self._guard(Kind.AUTHOR, entry.login, self.import_author, entry)
        elif isinstance(entry, wxr.Term):
            self._guard(Kind.TERM, entry.slug, self.import_term, entry)
        elif isinstance(entry, wxr.Item) and entry.post_type == "attachment":
            if entry.parent not in {"", "0"}:
                self.attachments[entry.parent].append((entry.wordpress_id, entry.link))
            self._guard(Kind.ATTACHMENT, entry.attachment_url, self.import_attachment, entry)

    def _second_pass_entry(self, entry):
        if not isinstance(entry, wxr.Item):
            return
        if entry.post_type == "post":
            self._guard(Kind.POST, entry.title or entry.wordpress_id, self.import_post, entry)
        elif entry.post_type == "page":
            self._guard(Kind.PAGE, entry.title or entry.wordpress_id, self.import_page, entry)
        elif entry.post_type == "attachment":
            return
        elif entry.post_type in INTERNAL_POST_TYPES:
            self.report.record(entry.post_type, "skipped")
        else:
            self.report.record(
                entry.post_type or "?",
                "failed",
                f"#{entry.wordpress_id} {entry.title}",
                _(
                    "unknown post type “%(type)s”: only posts, pages and attachments are "
                    "imported"
                ) % {"type": entry.post_type},
            )

    def _guard(self, kind, label, function, entry):
        """Import one entry in its own transaction; a failure is reported, never raised."""
        try:
            with transaction.atomic():
                outcome, reason = function(entry)
        except ItemError as error:
            outcome, reason = "failed", str(error)
        except ValidationError as error:
            outcome, reason = "failed", "; ".join(_messages(error))
        self.report.record(str(kind.value), outcome, label, reason)

    # Bookkeeping of what was imported

    def _mapping(self, kind, wordpress_id):
        return ImportedItem.objects.filter(
            site=self.site_key, kind=kind, wordpress_id=str(wordpress_id)
        ).first()

    def _remember(self, kind, wordpress_id, obj, fingerprint, notes=""):
        ImportedItem.objects.update_or_create(
            site=self.site_key,
            kind=kind,
            wordpress_id=str(wordpress_id),
            defaults={"object_id": obj.pk, "fingerprint": fingerprint, "notes": notes},
        )

    # Authors

    def import_author(self, author):
        if not author.login:
            raise ItemError("an author without a login")
        User = get_user_model()
        self.author_ids[author.wordpress_id] = author.login
        mapping = self._mapping(Kind.AUTHOR, author.login)
        user = User.objects.filter(pk=mapping.object_id).first() if mapping else None
        if user is not None:
            self.authors[author.login] = user
            return "skipped", ""
        if author.email:
            user = User.objects.filter(email__iexact=author.email).first()
        outcome = "updated"
        if user is None:
            username = author.login
            if User.objects.filter(username=username).exists():
                username = f"{author.login}-wordpress"
            user = User(
                username=username,
                email=author.email,
                first_name=author.first_name[:150],
                last_name=author.last_name[:150],
                is_staff=True,
            )
            if not (author.first_name or author.last_name) and author.display_name:
                user.first_name = author.display_name[:150]
            user.set_unusable_password()
            user.full_clean(exclude=["password"])
            user.save()
            user.groups.add(Group.objects.get(name=AUTHORS))
            outcome = "created"
        self._remember(Kind.AUTHOR, author.login, user, "")
        self.authors[author.login] = user
        return outcome, ""

    def _author(self, login):
        if login in self.authors:
            return self.authors[login]
        mapping = self._mapping(Kind.AUTHOR, login)
        user = None
        if mapping:
            user = get_user_model().objects.filter(pk=mapping.object_id).first()
        if user is None:
            # An author the export does not describe (a partial export): made the same way.
            self._guard(Kind.AUTHOR, login, self.import_author, wxr.Author(login=login))
            user = self.authors.get(login)
        self.authors[login] = user
        return user

    # Categories and tags

    def import_term(self, term):
        slug = slugify_french(unquote(term.slug) or term.name, max_length=90)
        name = html.unescape(term.name or term.slug)[:100]
        if not slug or not name:
            raise ItemError("a category or tag without a name")
        self.term_ids[(term.taxonomy, term.wordpress_id)] = slug
        if term.taxonomy == "category" and term.parent:
            self.category_paths[term.slug] = f"{self._category_path(term.parent)}/{term.slug}"
        key = f"{term.taxonomy}:{term.slug}"
        fingerprint = _digest(term.name, term.description)
        mapping = self._mapping(Kind.TERM, key)
        tag = Tag.objects.filter(pk=mapping.object_id).first() if mapping else None
        if tag is not None and mapping.fingerprint == fingerprint:
            self.terms[(term.taxonomy, term.slug)] = tag
            return "skipped", ""
        outcome = "updated"
        if tag is None:
            tag = Tag.objects.filter(slug=slug).first() or Tag.objects.filter(
                name__iexact=name
            ).first()
        if tag is None:
            # The categories were the site's sections; WordPress's catch-all is not one.
            is_section = term.taxonomy == "category" and slug not in {"uncategorized",
                                                                        "non-classe"}
            tag = Tag(name=name, slug=slug, is_section=is_section)
            outcome = "created"
        if term.description:
            tag.description = strip_tags(html.unescape(term.description))
        tag.full_clean()
        tag.save()
        self._remember(Kind.TERM, key, tag, fingerprint)
        self.terms[(term.taxonomy, term.slug)] = tag
        self._redirects_for_term(term, tag)
        return outcome, ""

    def _tag(self, taxonomy, slug, name):
        tag = self.terms.get((taxonomy, slug))
        if tag is None:
            self._guard(
                Kind.TERM, slug, self.import_term,
                wxr.Term(taxonomy=taxonomy, wordpress_id="", slug=slug, name=name),
            )
            tag = self.terms.get((taxonomy, slug))
        return tag

    # Attachments

    def import_attachment(self, item):
        mapping = self._mapping(Kind.ATTACHMENT, item.wordpress_id)
        image = Image.objects.filter(pk=mapping.object_id).first() if mapping else None
        if image is not None and mapping.fingerprint == item.fingerprint:
            self._know_image(item, image)
            self._unattached_redirect(item, image)
            return "skipped", ""
        outcome = "updated" if image else "created"
        image = self._save_image(
            image,
            item.attachment_url,
            alt_text=item.meta.get("_wp_attachment_image_alt", ""),
            texts=(item.excerpt, item.content, item.description),
            label=f"WordPress attachment {item.wordpress_id}",
        )
        self._remember(Kind.ATTACHMENT, item.wordpress_id, image, item.fingerprint)
        self._know_image(item, image)
        self._unattached_redirect(item, image)
        return outcome, ""

    def _unattached_redirect(self, item, image):
        """The page WordPress gave a picture that belongs to no post leads to the picture;
        the pages of the others lead to their post (``_attachment_redirects``)."""
        if item.parent in {"", "0"}:
            for old in self._attachment_addresses(item.wordpress_id, item.link):
                self._redirect(old, image.file.url)

    def _save_image(self, image, url, *, alt_text, texts, label):
        """``image`` (or a new one, its file read from ``url``) with the alternative text
        and the credit WordPress had, through the same checks as an upload."""
        alt_text = strip_tags(alt_text).strip()[:300]
        credit = parse_credit(*texts)
        caption = strip_tags(html.unescape(credit.remainder if credit else texts[0]))
        if image is None:
            try:
                data = self.media.read(url)
            except MediaError as error:
                raise ItemError(_("missing attachment: %(error)s") % {"error": error}) from None
            name = PurePosixPath(urlsplit(url).path).name or "image"
            image = Image(file=ContentFile(data, name=unquote(name)))
        image.alt_text = alt_text
        image.caption = caption.strip()[:500]
        image.credit = credit.credit
        image.credit_source = credit.source
        image.licence_name = credit.licence_name
        image.licence_url = credit.licence_url
        # An image without alternative text may be imported (WordPress did not require it);
        # the publishing policy keeps it off published articles until an editor writes it.
        image.full_clean(exclude=["alt_text"] if not alt_text else None)
        image.save()
        if not credit:
            self.report.uncredited_images.append(f"#{image.pk} {image.file.name} ({label})")
        return image

    def _know_image(self, item, image):
        self.images[item.wordpress_id] = image.pk
        self.image_urls[_upload_key(item.attachment_url)] = image.pk

    def _image_id(self, attachment_id):
        if not attachment_id:
            return None
        if attachment_id in self.images:
            return self.images[attachment_id]
        mapping = self._mapping(Kind.ATTACHMENT, attachment_id)
        return mapping.object_id if mapping else None

    # Pictures in the text

    def _picture_finder(self, label, notes):
        """The function content.convert() asks for the media library's id of each picture
        of the text of ``label``: the attachment's image, else the picture imported on its
        own; one that cannot be had is reported (and noted in ``notes``)."""

        def picture_id(picture):
            image_id = self._image_id(picture.attachment_id) or self.image_urls.get(
                _upload_key(picture.src)
            )
            if image_id is not None:
                return image_id
            try:
                outcome, image_id = self._import_picture(picture)
            except (ItemError, ValidationError) as error:
                reason = str(error) if isinstance(error, ItemError) else "; ".join(
                    _messages(error)
                )
                self.report.record("picture", "failed", f"{picture.src} ({label})", reason)
                notes.append(_("picture not imported: %(reason)s") % {"reason": reason})
                return None
            self.report.record("picture", outcome)
            return image_id

        return picture_id

    def _import_picture(self, picture):
        """A picture of a text that no attachment describes, imported from the site's
        uploads once, whichever texts show it."""
        base = self.channel.base_site_url or self.channel.link
        url = urljoin(base + "/" if base and not base.endswith("/") else base, picture.src)
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or UPLOADS_MARKER not in parts.path:
            raise ItemError(
                _("a picture from outside the site's uploads (%(address)s) is not imported: "
                  "add it to the media library and to the text by hand")
                % {"address": picture.src}
            )
        key = f"file:{_upload_key(url)}"[:200]
        mapping = self._mapping(Kind.ATTACHMENT, key)
        if mapping and Image.objects.filter(pk=mapping.object_id).exists():
            self.image_urls[_upload_key(url)] = mapping.object_id
            return "skipped", mapping.object_id
        label = _("picture in a text, %(address)s") % {"address": picture.src}
        original = _SIZE_SUFFIX.sub("", url.split("?")[0])
        try:
            # The file as uploaded rather than the smaller copy the text showed, when kept.
            image = self._save_image(None, original, alt_text=picture.alt,
                                     texts=(picture.caption,), label=label)
        except ItemError:
            if original == url:
                raise
            image = self._save_image(None, url, alt_text=picture.alt,
                                     texts=(picture.caption,), label=label)
        self._remember(Kind.ATTACHMENT, key, image, "")
        self.image_urls[_upload_key(url)] = image.pk
        return "created", image.pk

    # Posts

    def import_post(self, item):
        status = STATUS_MAP.get(item.status)
        if status is None:
            return "skipped", f"#{item.wordpress_id} is {item.status or 'without status'}"
        published_at = parse_date(item.post_date_gmt, item.post_date, self.local_zone)
        if status == Article.Status.PUBLISHED and published_at is None:
            raise ItemError(_("a published post without a date"))
        mapping = self._mapping(Kind.POST, item.wordpress_id)
        article = Article.objects.filter(pk=mapping.object_id).first() if mapping else None
        if article is not None and mapping.fingerprint == item.fingerprint:
            self._post_redirects(item, article, published_at)
            return "skipped", ""
        outcome = "updated" if article else "created"
        article = article or Article()
        notes = []
        label = html.unescape(item.title).strip() or f"#{item.wordpress_id}"
        converted = content_conversion.convert(
            item.content, self._picture_finder(label, notes)
        )
        self.report.unknown_blocks.update(converted.unknown_blocks)
        self.report.unknown_shortcodes.update(converted.unknown_shortcodes)
        article.title = html.unescape(item.title).strip() or f"WordPress #{item.wordpress_id}"
        slug = slugify_french(unquote(item.name) or article.title, max_length=200)
        if Article.objects.filter(slug=slug).exclude(pk=article.pk).exists():
            slug = article.unique_slug_for(slug)
        article.slug = slug
        article.standfirst = Truncator(
            " ".join(strip_tags(html.unescape(item.excerpt)).split())
        ).chars(600)
        article.body = converted.html
        article.published_at = published_at
        article.comments_open = item.comment_status != "closed"
        featured = self._image_id(item.meta.get("_thumbnail_id", "").strip())
        if item.meta.get("_thumbnail_id") and featured is None:
            notes.append(f"featured image (attachment {item.meta['_thumbnail_id']}) not imported")
        article.featured_image_id = featured
        # Saved out of publication until its authors and tags are known and the publishing
        # policy has been asked.
        article.status = Article.Status.DRAFT if status == Article.Status.DRAFT else (
            Article.Status.REVIEW
        )
        article.full_clean(exclude=["authors"])
        article.save()
        author = self._author(item.creator) if item.creator else None
        article.set_authors([author] if author else [])
        tags = [
            self._tag(taxonomy, slug, name)
            for taxonomy, slug, name in item.terms
            if taxonomy in {"category", "post_tag"}
        ]
        article.tags.set([tag for tag in tags if tag is not None])
        if status == Article.Status.PUBLISHED:
            problems = article.publication_problems()
            if problems:
                label = f"{article.title} (#{article.pk})"
                self.report.flagged.append((label, " ".join(problems)))
                notes.extend(problems)
            else:
                article.status = Article.Status.PUBLISHED
                article.save(update_fields=["status"])
        else:
            problems = article.featured_image_problems() + article.body_image_problems()
        self._flag(article, problems)
        if item.status == "private":
            notes.append("private on WordPress: imported as a draft")
        self._remember(Kind.POST, item.wordpress_id, article, item.fingerprint, "\n".join(notes))
        self._import_comments(item, article)
        self._post_redirects(item, article, published_at)
        return outcome, "; ".join(notes)

    def _flag(self, article, problems):
        """An open note on ``article`` saying what its pictures or text lack, for the editor
        who opens it next: written once, however often the export is imported again."""
        if not problems:
            return
        text = "\n".join(
            [_("Imported from WordPress; to fix before it can be published:")]
            + [f"- {problem}" for problem in problems]
        )
        ArticleNote.objects.get_or_create(
            article=article,
            origin=ArticleNote.Origin.IMPORT,
            resolved=False,
            text=text,
        )

    # Comments

    def _import_comments(self, item, article):
        cutoff = timezone.now() - timedelta(days=settings.COMMENTS_IP_RETENTION_DAYS)
        made = {}
        parents = {}
        for entry in sorted(item.comments, key=lambda c: int(c.wordpress_id or 0)):
            label = f"#{entry.wordpress_id} on {article.title}"
            if entry.type in {"pingback", "trackback"}:
                self.report.record("comment", "skipped", label, f"a {entry.type}")
                continue
            status = COMMENT_STATUS_MAP.get(entry.approved)
            if status is None:
                self.report.record("comment", "failed", label,
                                   f"unknown status {entry.approved!r}")
                continue
            try:
                created_at = parse_date(entry.date_gmt, entry.date, self.local_zone)
            except ItemError as error:
                self.report.record("comment", "failed", label, str(error))
                continue
            fingerprint = _digest(entry)
            mapping = self._mapping(Kind.COMMENT, entry.wordpress_id)
            comment = Comment.objects.filter(pk=mapping.object_id).first() if mapping else None
            if comment is not None and mapping.fingerprint == fingerprint:
                made[entry.wordpress_id] = comment
                self.report.record("comment", "skipped")
                continue
            outcome = "updated" if comment else "created"
            comment = comment or Comment(article=article)
            comment.name = (html.unescape(entry.author) or "Anonyme")[:100]
            comment.email = entry.email if _valid(EmailValidator(), entry.email) else ""
            comment.website = entry.url if _valid(URLValidator(), entry.url) else ""
            comment.body = html.unescape(strip_tags(entry.content)).strip() or "…"
            comment.status = status
            comment.created_at = created_at or timezone.now()
            keep_ip = comment.created_at >= cutoff and _valid_ip(entry.ip)
            comment.ip_address = entry.ip if keep_ip else None
            comment.full_clean(exclude=["article", "parent", "commenter_key"])
            comment.save()
            self._remember(Kind.COMMENT, entry.wordpress_id, comment, fingerprint)
            made[entry.wordpress_id] = comment
            parents[entry.wordpress_id] = entry.parent
            self.report.record("comment", outcome)
        for wordpress_id, parent_id in parents.items():
            parent = made.get(parent_id)
            if parent is None and parent_id not in {"", "0"}:
                mapping = self._mapping(Kind.COMMENT, parent_id)
                parent = Comment.objects.filter(pk=mapping.object_id).first() if mapping else None
            comment = made[wordpress_id]
            if (parent.pk if parent else None) != comment.parent_id:
                comment.parent = parent
                comment.save(update_fields=["parent"])

    # Pages

    def import_page(self, item):
        if item.status != "publish":
            return "skipped", (
                f"#{item.wordpress_id} is {item.status or 'without status'}: "
                "only published pages are imported"
            )
        url = escape_uri_path(unquote(urlsplit(item.link).path or "/"))
        if "?" in item.link or url == "/":
            url = f"/{slugify_french(unquote(item.name) or item.title) or item.wordpress_id}/"
        if not url.endswith("/"):
            url += "/"
        mapping = self._mapping(Kind.PAGE, item.wordpress_id)
        page = FlatPage.objects.filter(pk=mapping.object_id).first() if mapping else None
        if page is not None and mapping.fingerprint == item.fingerprint:
            return "skipped", ""
        if FlatPage.objects.filter(url=url).exclude(pk=getattr(page, "pk", None)).exists():
            raise ItemError(
                _("the address %(url)s is already used by another page") % {"url": url}
            )
        outcome = "updated" if page else "created"
        page = page or FlatPage()
        page.url = url
        page.title = html.unescape(item.title).strip()[:200] or url
        converted = content_conversion.convert(
            item.content, self._picture_finder(page.title, [])
        )
        self.report.unknown_blocks.update(converted.unknown_blocks)
        self.report.unknown_shortcodes.update(converted.unknown_shortcodes)
        page.content = converted.html
        page.full_clean(exclude=["sites"])
        page.save()
        page.sites.add(self.site)
        self._remember(Kind.PAGE, item.wordpress_id, page, item.fingerprint)
        self._redirect(f"/?page_id={item.wordpress_id}", url)
        self._attachment_redirects(item, url)
        return outcome, ""

    # Old addresses

    def _prefix(self):
        """The path the blog lived under (``/blog`` for example.com/blog), or ""."""
        return urlsplit(self.channel.base_blog_url or self.channel.link).path.rstrip("/")

    def _redirect(self, old_path, new_path):
        old_path = _path(old_path) if "://" in old_path else old_path
        too_long = len(old_path) > 200 or len(new_path) > 200
        if old_path == new_path or too_long or not old_path.startswith("/"):
            return
        _redirect, created = Redirect.objects.update_or_create(
            site=self.site, old_path=old_path, defaults={"new_path": new_path}
        )
        if created:
            self.report.counts["redirect"]["created"] += 1

    def _post_redirects(self, item, article, published_at):
        prefix = self._prefix()
        new = _site_url(article)
        name = item.name or article.slug
        olds = {f"{prefix}/?p={item.wordpress_id}", f"{prefix}/{name}/"}
        if item.link:
            olds.add(_path(item.link))
        local = timezone.localtime(published_at, self.local_zone) if published_at else None
        if local:
            olds.add(f"{prefix}/{local:%Y}/{local:%m}/{name}/")
            olds.add(f"{prefix}/{local:%Y}/{local:%m}/{local:%d}/{name}/")
            if self.permalink_structure:
                olds.add(prefix + self._render_structure(item, local, name))
        for old in olds:
            old = _path(old)
            self._redirect(old, new)
            if "?" not in old:
                self._redirect(old.rstrip("/") + "/feed/", new)
        self._attachment_redirects(item, new)

    def _attachment_addresses(self, attachment_id, link):
        addresses = {f"{self._prefix()}/?attachment_id={attachment_id}"}
        if link:
            addresses.add(_path(link))
        return addresses

    def _attachment_redirects(self, item, new):
        """The pages of the pictures attached to ``item`` (``/?attachment_id=N``, or
        ``/2024/03/post/picture/`` with pretty permalinks) lead to where ``item`` now is."""
        for attachment_id, link in self.attachments.get(item.wordpress_id, ()):
            for old in self._attachment_addresses(attachment_id, link):
                self._redirect(old, new)

    def _render_structure(self, item, local, name):
        categories = [slug for taxonomy, slug, _name in item.terms if taxonomy == "category"]
        tokens = {
            "%year%": f"{local:%Y}", "%monthnum%": f"{local:%m}", "%day%": f"{local:%d}",
            "%hour%": f"{local:%H}", "%minute%": f"{local:%M}", "%second%": f"{local:%S}",
            "%postname%": name, "%post_id%": item.wordpress_id, "%author%": item.creator,
            "%category%": self._category_path(categories[0]) if categories else "uncategorized",
        }
        path = self.permalink_structure
        for token, value in tokens.items():
            path = path.replace(token, value)
        return path

    def _category_path(self, slug):
        """A category's place in the tree, as WordPress writes it in addresses: a
        subcategory's archive is /category/parent/child/ (the export lists parents first)."""
        return self.category_paths.get(slug, slug)

    def _redirects_for_term(self, term, tag):
        prefix = self._prefix()
        base = "category" if term.taxonomy == "category" else "tag"
        new = _site_url(tag)
        feed = _site_url(name="articles:tag_feed_rss", slug=tag.slug)
        paths = {term.slug}
        if term.taxonomy == "category":
            paths.add(self._category_path(term.slug))
        for path in sorted(paths):
            self._redirect(_path(f"{prefix}/{base}/{path}/"), new)
            self._redirect(_path(f"{prefix}/{base}/{path}/feed/"), feed)
        if term.taxonomy == "category" and term.wordpress_id:
            self._redirect(f"{prefix}/?cat={term.wordpress_id}", new)
        if term.taxonomy == "post_tag":
            self._redirect(f"{prefix}/?tag={term.slug}", new)

    def author_and_feed_redirects(self):
        """The authors' archives and the site's feeds (once the authors are known)."""
        prefix = self._prefix()
        rss = _site_url(name="articles:feed_rss")
        atom = _site_url(name="articles:feed_atom")
        for old, new in (
            ("/feed/", rss), ("/feed/rss2/", rss), ("/feed/rss/", rss), ("/feed/atom/", atom),
            ("/?feed=rss2", rss), ("/?feed=rss", rss), ("/?feed=atom", atom),
        ):
            self._redirect(prefix + old, new)
        ids = {login: wid for wid, login in self.author_ids.items()}
        for login, user in self.authors.items():
            if user is None:
                continue
            # The author's public slug: the WordPress login was public, the username is not.
            page = _site_url(name="articles:author", slug=user.profile.public_slug)
            feed = _site_url(name="articles:author_feed_rss", slug=user.profile.public_slug)
            self._redirect(_path(f"{prefix}/author/{login}/"), page)
            self._redirect(_path(f"{prefix}/author/{login}/feed/"), feed)
            if ids.get(login):
                self._redirect(f"{prefix}/?author={ids[login]}", page)


def _site_url(obj=None, name="", **kwargs):
    """The address of ``obj`` (or of the view ``name``) in the site's default language,
    whatever language the report is written in: old addresses lead there."""
    with translation.override(settings.LANGUAGE_CODE):
        return obj.get_absolute_url() if obj is not None else reverse(name, kwargs=kwargs)


def _messages(error):
    if hasattr(error, "message_dict"):
        return [f"{field}: {' '.join(msgs)}" for field, msgs in error.message_dict.items()]
    return list(error.messages)


def _valid(validator, value):
    if not value:
        return False
    try:
        validator(value)
    except ValidationError:
        return False
    return True


def _valid_ip(value):
    try:
        ipaddress.ip_address(value)
    except ValueError:
        return False
    return True
