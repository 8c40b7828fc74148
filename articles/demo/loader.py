"""Create the demo newsroom: users, tags, then each article through the editorial actions."""

import datetime
from collections import Counter

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from core import roles

from ..actions import (
    PublishArticle,
    RecordReview,
    SaveArticle,
    SaveImage,
    SubmitForReview,
)
from ..models import (
    Article,
    ArticleSlugRedirect,
    Image,
    Tag,
    WritingMethod,
    slugify_french,
)
from . import images
from .base import LICENCE_NAME, LICENCE_URL
from .content import ARTICLES
from .pages import load_pages
from .people import AUTHORS, EDITOR
from .provenance import AI_SYSTEM, writing_method
from .taxonomy import SOURCES, TAGS

# French typography: no line break between a word and the punctuation or quote
# mark it is spaced from. The data keeps plain spaces, easier to edit.
_NO_BREAK_SPACES = {
    " :": "\u00a0:",
    "« ": "«\u00a0",
    " »": "\u00a0»",
    " ;": "\u202f;",
    " ?": "\u202f?",
    " !": "\u202f!",
}


def typeset(text):
    """``text`` with the spaces French typography wants unbreakable made so."""
    for plain, unbreakable in _NO_BREAK_SPACES.items():
        text = text.replace(plain, unbreakable)
    return text


def load_demo_content():
    """Create whatever part of the demo content is missing; return what was created.

    Articles are recognised by the slug of their title, users by username and
    tags by name: existing ones are left exactly as they are. The counter has
    the keys ``published``, ``scheduled``, ``review``, ``draft``, ``existing``
    (articles left alone), ``users``, ``tags`` and ``pages``.
    """
    now = timezone.now()
    created = Counter()
    tags = {
        name: _tag(name, typeset(description), position, created)
        for position, (name, description) in enumerate(TAGS.items(), start=1)
    }
    editor = _user(EDITOR, roles.EDITORS, created)
    authors = {demo.username: _user(demo, roles.AUTHORS, created) for demo in AUTHORS}
    for demo in ARTICLES:
        slug = slugify_french(demo.title)
        if (
            Article.objects.filter(slug=slug).exists()
            or ArticleSlugRedirect.objects.filter(old_slug=slug).exists()
        ):
            created["existing"] += 1
            continue
        article = _article(demo, slug, tags, authors, editor, now)
        created["scheduled" if article.is_scheduled else article.status] += 1
    load_pages(created)
    return created


def _tag(name, description, position, created):
    """A tag of the demo; each is a section of the site, in the order of ``TAGS``."""
    # Tag names are case-insensitive (TAGGIT_CASE_INSENSITIVE): "hardware" is Hardware.
    tag, was_created = Tag.objects.get_or_create(
        name__iexact=name,
        defaults={
            "name": name,
            "description": description,
            "is_section": True,
            "section_position": position,
        },
    )
    created["tags"] += was_created
    return tag


def _user(demo, group_name, created):
    user, was_created = get_user_model().objects.get_or_create(
        username=demo.username,
        defaults={
            "first_name": demo.first_name,
            "last_name": demo.last_name,
            "email": demo.email,
            "is_staff": True,
        },
    )
    if was_created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
        # The demo's people are made up: the newsroom's notifications write to none of them.
        user.profile.email_notifications = False
        user.profile.save(update_fields=["email_notifications"])
        user.groups.add(Group.objects.get(name=group_name))
        created["users"] += 1
    return user


def _article(demo, slug, tags, authors, editor, now):
    moment = _moment(demo, now)
    writers = [authors[username] for username in demo.authors]
    method = writing_method(demo)
    # The first version of its history, by its first author.
    article = SaveArticle(
        Article(
            title=typeset(demo.title),
            slug=slug,
            standfirst=typeset(demo.standfirst),
            body=typeset(demo.body),
            featured_image=_image(demo.image, slug, writers[0]),
            published_at=moment if demo.status == Article.Status.PUBLISHED else None,
            writing_method=method,
            ai_system="" if method == WritingMethod.HUMAN else AI_SYSTEM,
        ),
        writers[0],
        authors=writers,
        tags=[tags[name] for name in demo.tags],
        sources=[SOURCES[key] for key in demo.sources],
        log_message="Demo content.",
    ).execute()
    if demo.status == Article.Status.PUBLISHED:
        if method != WritingMethod.HUMAN:
            # The editor reads what the AI wrote before publishing it.
            RecordReview(article, editor).execute()
        PublishArticle(article, editor).execute()
    elif demo.status == Article.Status.REVIEW:
        SubmitForReview(article, writers[0]).execute()
    _backdate(article, demo, moment, now)
    return article


def _image(picture, slug, uploader):
    if picture is None:
        return None
    image = Image(
        alt_text=typeset(picture.alt_text),
        caption=typeset(picture.caption),
        credit=picture.credit,
        credit_source=picture.credit_source,
        licence_name=LICENCE_NAME,
        licence_url=LICENCE_URL,
        uploaded_by=uploader,
    )
    # The file name must fit the field's 100 characters, with its upload_to folders.
    name = slugify_french(slug, max_length=60)
    image.file.save(f"{name}.jpg", images.render(picture, seed=slug), save=False)
    return SaveImage(image, uploader, log_message="Demo content.").execute()


def _moment(demo, now):
    """``demo.day`` days from today, at ``demo.time``, in the site's time zone."""
    day = timezone.localdate(now) + datetime.timedelta(days=demo.day)
    time = datetime.time.fromisoformat(demo.time)
    return timezone.make_aware(datetime.datetime.combine(day, time))


def _backdate(article, demo, moment, now):
    """Give the article the history its dates tell: written before, edited when stated.

    Articles are created now, so without this every past article would look
    edited long after its publication.
    """
    if moment > now:
        return
    if article.status == Article.Status.PUBLISHED:
        created_at = moment - datetime.timedelta(hours=20)
        updated_at = min(moment + datetime.timedelta(hours=demo.updated_after_hours), now)
    else:
        created_at, updated_at = moment - datetime.timedelta(days=2), moment
    Article.objects.filter(pk=article.pk).update(created_at=created_at, updated_at=updated_at)
    if article.review_done:
        # Read by the editor on the morning of its publication.
        reviewed_at = max(created_at, moment - datetime.timedelta(hours=2))
        Article.objects.filter(pk=article.pk).update(reviewed_at=reviewed_at)
    if article.featured_image_id:
        Image.objects.filter(pk=article.featured_image_id).update(uploaded_at=created_at)
