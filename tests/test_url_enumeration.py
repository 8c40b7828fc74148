"""Every address of the URL conf, asked by every role: who may open it, and what it tells.

The URL conf is walked (tests/urlconf.py) and each pattern's arguments are filled with the
objects of a small magazine (tests/world.py, with what ``magazine`` adds): drafts, an
embargoed article, a deleted one, a tag only a draft carries, images, comments waiting or
caught as spam, pages, and people of every role. Each pattern must have an entry here saying
who may open it (``MODELS`` for the admin's pages of a model, ``ROUTES`` for the others): a
new address without one fails ``test_every_address_has_a_decision``, so that none is added
unreviewed.

For each role, every address answers as its entry says: 200 (or the redirect it names) to
whom may open it, a refusal to the others (403, 404, the sign-in page, or the admin's "does
not exist"). And no answer, allowed or refused, nor the page a redirect leads to, holds a text
the role may not know (``secrets``): the title or address of an article it may not open, a
tag only such articles carry, a commenter's address, another person's username or e-mail.
"""

import contextlib
import html
import json
import logging
from dataclasses import dataclass, field
from urllib.parse import urlencode, urlsplit

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.contrib.redirects.models import Redirect
from django.contrib.sites.models import Site
from django.test import Client
from django.urls import resolve
from reversion.models import Version

from articles.actions import AddNote, RevokePreviewLink, SharePreview
from articles.models import Article, Image, Source
from comments.models import BlocklistEntry, Comment
from core.models import SiteSettings
from tests.articles.conftest import png_file
from tests.factories import make_article
from tests.urlconf import LANGUAGE, routes
from tests.world import build_world, saved_with_revision

pytestmark = pytest.mark.django_db

ANONYMOUS, READER = "anonymous", "reader"
AUTHOR, OTHER_AUTHOR = "author", "other_author"
MODERATOR, EDITOR, SUPERUSER = "moderator", "editor", "superuser"
ROLES = [ANONYMOUS, READER, AUTHOR, OTHER_AUTHOR, MODERATOR, EDITOR, SUPERUSER]

NOBODY = frozenset()
EVERYONE = frozenset(ROLES)
SUPERUSERS = frozenset({SUPERUSER})
EDITORS = frozenset({EDITOR, SUPERUSER})
AUTHORS = frozenset({AUTHOR, OTHER_AUTHOR})
WRITERS = AUTHORS | EDITORS
MODERATION = EDITORS | {MODERATOR}
STAFF = WRITERS | MODERATION

ADMIN_INDEX = "/admin/"
LOGIN = "/admin/login/"


# The magazine ------------------------------------------------------------------------------


@dataclass
class Magazine:
    """The world of tests/world.py, with what these tests add, and who may know what."""

    world: object
    spam_comment: Comment
    comment_on_draft: Comment
    unused_image: Image
    deleted_version: Version
    preview_link: object
    revoked_link: object
    note: object
    #: Each text not everyone may know, with the roles that may.
    secrets: dict = field(default_factory=dict)

    def __getattr__(self, name):
        return getattr(self.world, name)

    def user(self, role):
        return {
            ANONYMOUS: None,
            READER: self.world.reader,
            AUTHOR: self.world.author,
            OTHER_AUTHOR: self.world.other_author,
            MODERATOR: self.world.moderator,
            EDITOR: self.world.editor,
            SUPERUSER: self.world.superuser,
        }[role]

    def may_edit(self, role, article):
        return role in EDITORS or role in AUTHORS and self.user(role) in article.authors.all()

    def forbidden(self, role):
        return {text: label for text, (label, roles) in self.secrets.items() if role not in roles}


@pytest.fixture
def magazine(db):
    world = build_world()
    # Names and addresses nothing else on a page could contain by chance.
    people = {
        READER: world.reader, AUTHOR: world.author, OTHER_AUTHOR: world.other_author,
        MODERATOR: world.moderator, EDITOR: world.editor, SUPERUSER: world.superuser,
    }
    for role, user in people.items():
        user.username = f"login-{role.replace('_', '-')}-7q"
        user.email = f"{role.replace('_', '.')}.prive7q@redaction.test"
        user.save()

    spam_comment = Comment.objects.create(
        article=world.published, name="Vendeur", email="vendeur7q@spam.test",
        body="Achetez des montres pas chères.", status=Comment.Status.SPAM,
    )
    # Posted while the article was on the site, which an editor then took back for review.
    comment_on_draft = Comment.objects.create(
        article=world.secret_draft, name="Eve", email="eve7q@lecteurs.test",
        body="Un commentaire d’avant le retrait.", status=Comment.Status.PENDING,
    )
    Source.objects.create(
        article=world.secret_draft, name="Source anonyme du laboratoire 7q", url="", order=0
    )
    unused_image = Image.objects.create(
        file=png_file("unused.png"), alt_text="Un vieux phare", credit="Jeanne Roux"
    )
    deleted = make_article(
        "Enquête retirée : les comptes du festival", authors=[world.other_author],
        status=Article.Status.DRAFT,
    )
    saved_with_revision(deleted, world.other_author)
    deleted_title = deleted.title
    deleted.delete()
    deleted_version = Version.objects.get_deleted(Article).get()
    # Written by both authors, who meet each other's name in the admin.
    co_written = make_article(
        "Un article à quatre mains", authors=[world.author, world.other_author]
    )
    saved_with_revision(co_written, world.other_author)
    for image in [world.public_image, world.secret_image, unused_image]:
        image.uploaded_by = world.editor
        image.save()
    for obj in [world.public_image, world.public_tag, world.secret_tag, world.page,
                co_written]:
        LogEntry.objects.create(
            user=world.editor, content_type=ContentType.objects.get_for_model(obj),
            object_id=str(obj.pk), object_repr=str(obj)[:200], action_flag=CHANGE,
            change_message="[]",
        )
    BlocklistEntry.objects.create(kind=BlocklistEntry.Kind.EMAIL, value="troll7q@bloque.test")
    Redirect.objects.create(site=Site.objects.get_current(), old_path="/vieux/", new_path="/")
    SiteSettings.current()

    secrets = {}

    def secret(label, roles, *texts):
        for text in texts:
            secrets[text] = (label, frozenset(roles))

    for article, label in [
        (world.secret_draft, "a draft of the other author"),
        (world.embargoed, "the embargoed article"),
        (world.own_draft, "the author's draft"),
    ]:
        owner = AUTHOR if world.author in article.authors.all() else OTHER_AUTHOR
        secret(label, EDITORS | {owner}, article.title, article.slug)
    secret("a tag only a draft carries", EDITORS | {OTHER_AUTHOR},
           world.secret_tag.name, world.secret_tag.slug)
    secret("a source of a draft", EDITORS | {OTHER_AUTHOR}, "Source anonyme du laboratoire 7q")
    secret("a deleted article", EDITORS, deleted_title)
    for comment in [world.pending_comment, spam_comment, comment_on_draft]:
        secret("an unpublished comment", MODERATION, comment.body, comment.email)
    secret("a commenter's address", MODERATION, world.comment.email, world.comment.ip_address)
    secret("a blocked address", MODERATION, "troll7q@bloque.test")
    # The media library is the writers'; this picture is shown only by a draft.
    secret("a picture of a draft", WRITERS, world.secret_image.alt_text)
    for role, user in people.items():
        secret("a username", EDITORS | {role}, user.username)
        secret("an e-mail address", EDITORS | {role}, user.email)

    note = AddNote(
        world.secret_draft, world.editor, text="Note de la rédaction 7q : vérifier le labo"
    ).execute()
    secret("an editor's note on a draft", EDITORS | {OTHER_AUTHOR}, note.text)

    # Whoever holds a preview link reads that draft, and nothing else.
    shared = make_article("Un brouillon montré à un juriste", authors=[world.other_author],
                          status=Article.Status.DRAFT)
    sharing, revoked_sharing = (SharePreview(shared, world.other_author) for _ in range(2))
    sharing.execute()
    revoked_sharing.execute()
    RevokePreviewLink(revoked_sharing.link, world.editor).execute()

    return Magazine(
        world=world, spam_comment=spam_comment, comment_on_draft=comment_on_draft,
        unused_image=unused_image, deleted_version=deleted_version,
        preview_link=sharing.link, revoked_link=revoked_sharing.link, note=note,
        secrets=secrets,
    )


# What each address should answer ------------------------------------------------------------


@dataclass(frozen=True)
class Answer:
    """What whoever may open an address gets: a status, and where a redirect leads."""

    status: int = 200
    location: str | None = None

    def matches(self, response):
        if response.status_code != self.status:
            return False
        return self.location is None or response["Location"] == self.location


OK = Answer()


@dataclass(frozen=True)
class Case:
    """One address filled in, the roles that may open it and what they get."""

    url: str
    may: frozenset
    answer: Answer = OK


def refused(role, response):
    """A refusal that says nothing: 403, 404, the sign-in page, or the admin's "does not
    exist" (a redirect to its index with a message that gives only the id)."""
    status = response.status_code
    if status in {403, 404}:
        return True
    if status == 302:
        path = urlsplit(response["Location"]).path
        return path in {LOGIN, ADMIN_INDEX}
    return False


# The admin's pages of each model -------------------------------------------------------------


@dataclass(frozen=True)
class ModelRules:
    """Who may open a model's pages in the admin.

    ``view`` opens its list and history and the pages of its objects (read-only when they may
    not change them), ``add`` its add page, ``delete`` its objects' delete pages. ``sees`` and
    ``deletes`` narrow these to some objects: (magazine, role, object) → bool.
    """

    view: frozenset
    add: frozenset = NOBODY
    delete: frozenset = NOBODY
    sees: object = None
    deletes: object = None
    #: The answer of an allowed delete page, when not 200: (magazine, object) → Answer.
    delete_answer: object = None
    changelist_answer: Answer = None

    def may_see(self, magazine, role, obj):
        return role in self.view and (self.sees is None or self.sees(magazine, role, obj))

    def may_delete(self, magazine, role, obj):
        return role in self.delete and (self.deletes is None or self.deletes(magazine, role, obj))


def _sees_article(magazine, role, article):
    return magazine.may_edit(role, article)


def _sees_tag(magazine, role, tag):
    return tag != magazine.secret_tag or role in EDITORS | {OTHER_AUTHOR}


def _sees_profile(magazine, role, profile):
    return role in EDITORS or profile.user == magazine.user(role)


def _image_delete_answer(magazine, image):
    if image.usage().exists():
        # Refused on its change page, which says which articles show it.
        return Answer(302, f"/admin/articles/image/{image.pk}/change/")
    return OK


#: Every model registered in the admin, by label, and who may open its pages.
MODELS = {
    "auth.group": ModelRules(SUPERUSERS, SUPERUSERS, SUPERUSERS),
    # Editors choose an article's authors: they see who is on the staff.
    "auth.user": ModelRules(EDITORS, SUPERUSERS, SUPERUSERS),
    # The site in use is never deleted (core/admin.py): everything links through it.
    "sites.site": ModelRules(
        SUPERUSERS, SUPERUSERS, SUPERUSERS, deletes=lambda magazine, role, site: site.pk != 1
    ),
    "django_tasks_database.dbtaskresult": ModelRules(SUPERUSERS, NOBODY, SUPERUSERS),
    "axes.accessattempt": ModelRules(SUPERUSERS, NOBODY, SUPERUSERS),
    "axes.accesslog": ModelRules(SUPERUSERS, NOBODY, SUPERUSERS),
    "axes.accessfailurelog": ModelRules(SUPERUSERS, NOBODY, SUPERUSERS),
    # One row, made with the site: nothing to add or delete.
    "core.sitesettings": ModelRules(
        EDITORS, changelist_answer=Answer(302, "/admin/core/sitesettings/1/change/")
    ),
    "flatpages.flatpage": ModelRules(EDITORS, EDITORS, EDITORS),
    # Authors open their own articles only.
    "articles.article": ModelRules(WRITERS, WRITERS, EDITORS, sees=_sees_article),
    # The media library is every writer's; only editors change or delete a picture.
    "articles.image": ModelRules(WRITERS, WRITERS, EDITORS, delete_answer=_image_delete_answer),
    "articles.tag": ModelRules(WRITERS, EDITORS, EDITORS, sees=_sees_tag),
    "articles.articleslugredirect": ModelRules(EDITORS, NOBODY, EDITORS),
    "comments.comment": ModelRules(MODERATION, NOBODY, MODERATION),
    "comments.blocklistentry": ModelRules(MODERATION, MODERATION, MODERATION),
    "redirects.redirect": ModelRules(EDITORS, EDITORS, EDITORS),
    "wordpress.importeditem": ModelRules(SUPERUSERS, NOBODY, SUPERUSERS),
    # The address of one's author page: one's own, and editors everyone's.
    "accounts.profile": ModelRules(STAFF, sees=_sees_profile),
}

#: The pages Django's admin gives every model, by the end of their URL name.
MODEL_PAGES = ["changelist", "add", "change", "delete", "history"]


def _label(model):
    return model._meta.label_lower


def _objects(model):
    """The model's objects in the magazine, or an id that does not exist."""
    objects = list(model._default_manager.all()[:8])
    return objects or [None]


def model_cases(magazine, route, model, page):
    rules = MODELS[_label(model)]
    base = f"/admin/{model._meta.app_label}/{model._meta.model_name}/"
    if page == "changelist":
        yield Case(base, rules.view, rules.changelist_answer or OK)
        return
    if page == "add":
        yield Case(base + "add/", rules.add)
        return
    for obj in _objects(model):
        object_id = obj.pk if obj is not None else 999_999
        url = route.fill(object_id=object_id)
        may_see = frozenset(
            role for role in ROLES if obj is not None and rules.may_see(magazine, role, obj)
        )
        if page in {"change", "history"}:
            yield Case(url, may_see)
        elif page == "delete":
            may_delete = frozenset(
                role for role in ROLES
                if obj is not None and rules.may_delete(magazine, role, obj)
            )
            answer = rules.delete_answer(magazine, obj) if rules.delete_answer and obj else OK
            yield Case(url, may_delete, answer)
        elif page == "redirect":
            # The admin's old address of a change page: a redirect that names only the id.
            yield Case(url, STAFF, Answer(302, f"{base}{object_id}/change/"))


# The other addresses -------------------------------------------------------------------------


def _version_ids(article):
    return list(
        Version.objects.get_for_object(article)
        .order_by("revision__date_created", "pk")
        .values_list("pk", flat=True)
    )


def _articles_history_compare(magazine, route):
    for article in magazine.articles:
        versions = _version_ids(article)
        query = urlencode({"older": versions[0], "newer": versions[-1]})
        yield Case(f"{route.fill(object_id=article.pk)}?{query}",
                   _roles(lambda role, a=article: magazine.may_edit(role, a)))
    # A version of another article, through one's own: not found, whoever asks.
    other = _version_ids(magazine.secret_draft)[0]
    own = _version_ids(magazine.own_draft)[0]
    query = urlencode({"older": own, "newer": other})
    yield Case(f"{route.fill(object_id=magazine.own_draft.pk)}?{query}", NOBODY)


def _may_change(magazine, article):
    # What readers see (or will at its date) is the editors' to change.
    return _roles(
        lambda role: magazine.may_edit(role, article)
        and (role in EDITORS or article.status != Article.Status.PUBLISHED)
    )


def _articles_revision(magazine, route):
    for article in magazine.articles:
        # Restoring is changing.
        may = _may_change(magazine, article)
        yield Case(route.fill(arg0=article.pk, arg1=_version_ids(article)[0]), may)
    yield Case(
        route.fill(arg0=magazine.own_draft.pk, arg1=_version_ids(magazine.secret_draft)[0]),
        NOBODY,
    )


def _image_thumbnails(magazine, route):
    """The article editor's preview of a picture: a redirect to its file, for whoever may
    see the media library."""
    rules = MODELS["articles.image"]
    for image in _objects(apps.get_model("articles", "Image")):
        object_id = image.pk if image is not None else 999_999
        may = _roles(lambda role, i=image: i is not None and rules.may_see(magazine, role, i))
        yield Case(route.fill(object_id=object_id), may, Answer(302))


def _articles_share(magazine, route):
    for article in [*magazine.articles, magazine.preview_link.article]:
        yield Case(route.fill(object_id=article.pk), _may_change(magazine, article))


def _autocomplete(magazine, route):
    """Every relation of every model whose other end has an admin with a search: Django's
    autocomplete answers for any of them, not only for the fields a form shows."""
    for model in apps.get_models():
        for relation in model._meta.get_fields():
            remote = getattr(relation, "remote_field", None)
            if not relation.concrete or remote is None or not relation.is_relation:
                continue
            remote_admin = admin.site._registry.get(remote.model)
            if remote_admin is None or not remote_admin.search_fields:
                continue
            may = MODELS[_label(remote.model)].view
            # Everything the role may pick (the magazine is small), then a search.
            for term in ["", "fusion"]:
                query = urlencode({
                    "app_label": model._meta.app_label, "model_name": model._meta.model_name,
                    "field_name": relation.name, "term": term,
                })
                yield Case(f"{route.fill()}?{query}", may)


def _view_on_site(magazine, route):
    public = {
        magazine.published: magazine.published.get_absolute_url(),
        magazine.public_tag: magazine.public_tag.get_absolute_url(),
        magazine.comment: magazine.comment.get_absolute_url(),
    }
    objects = [
        *magazine.articles, magazine.public_tag, magazine.secret_tag, magazine.comment,
        magazine.pending_comment, magazine.spam_comment, magazine.comment_on_draft,
        magazine.public_image, magazine.secret_image, magazine.page, magazine.editor,
    ]
    for obj in objects:
        content_type = ContentType.objects.get_for_model(obj)
        rules = MODELS[_label(type(obj))]
        url = route.fill(content_type_id=content_type.pk, object_id=obj.pk)
        if obj in public:
            may = _roles(lambda role, o=obj, r=rules: r.may_see(magazine, role, o))
            yield Case(url, may, Answer(302, public[obj]))
        elif obj == magazine.page:
            yield Case(url, MODELS["flatpages.flatpage"].view, Answer(302, obj.url))
        else:
            yield Case(url, NOBODY)


def _app_list(magazine, route):
    for app_label in route.choices["app_label"]:
        may = frozenset().union(*(
            rules.view | rules.add for label, rules in MODELS.items()
            if label.split(".")[0] == app_label
        ))
        yield Case(route.fill(app_label=app_label), may)


def _roles(predicate):
    return frozenset(role for role in ROLES if predicate(role))


def _single(may, answer=OK, **values):
    def cases(magazine, route):
        yield Case(route.fill(**values), may, answer)

    return cases


def _reader_page(cases_of, languages=("",)):
    """Cases of a reader page, in French (and in English: the same views)."""

    def cases(magazine, route):
        for language in languages:
            for url, may, *answer in cases_of(magazine, route, language):
                yield Case(url, may, *answer)

    return cases


def _by_slug(magazine, route, language):
    yield route.fill(**{LANGUAGE: language, "slug": magazine.published.slug}), EVERYONE
    yield route.fill(**{LANGUAGE: language, "slug": "ancien-beton"}), EVERYONE, Answer(
        301, f"/{language}articles/{magazine.published.slug}/"
    )
    for article in [magazine.own_draft, magazine.secret_draft, magazine.embargoed]:
        yield route.fill(**{LANGUAGE: language, "slug": article.slug}), NOBODY


def _preview(magazine, route, language):
    for article in magazine.articles:
        may = _roles(lambda role, a=article: magazine.may_edit(role, a))
        yield route.fill(**{LANGUAGE: language, "pk": article.pk}), may


def _by_tag(magazine, route, language):
    yield route.fill(**{LANGUAGE: language, "slug": magazine.public_tag.slug}), EVERYONE
    yield route.fill(**{LANGUAGE: language, "slug": magazine.secret_tag.slug}), NOBODY


def _by_author(magazine, route, language):
    # A page for each person with a published article, none for staff who never wrote.
    for role in [AUTHOR, OTHER_AUTHOR, MODERATOR, EDITOR, SUPERUSER, READER]:
        user = magazine.user(role)
        may = EVERYONE if role in AUTHORS else NOBODY
        yield route.fill(**{LANGUAGE: language, "slug": user.profile.public_slug}), may
    yield route.fill(**{LANGUAGE: language, "slug": magazine.author.username}), NOBODY


def _shared_preview(magazine, route, language):
    yield route.fill(**{LANGUAGE: language, "token": magazine.preview_link.token}), EVERYONE
    yield route.fill(**{LANGUAGE: language, "token": magazine.revoked_link.token}), NOBODY
    yield route.fill(**{LANGUAGE: language, "token": "pas-un-jeton"}), NOBODY


def _search(magazine, route, language):
    for term in ["", "fusion", "embargo", "ponts", "Enquête", "7q"]:
        yield f"{route.fill(**{LANGUAGE: language})}?{urlencode({'q': term})}", EVERYONE


def _archive_year(magazine, route, language):
    published_year = magazine.published.published_at.year
    for year in sorted({published_year, magazine.embargoed.published_at.year, 2099}):
        may = EVERYONE if year == published_year else NOBODY
        yield route.fill(**{LANGUAGE: language, "year": year}), may


def _archive_month(magazine, route, language):
    published = magazine.published.published_at
    for date in [published, magazine.embargoed.published_at]:
        may = EVERYONE if (date.year, date.month) == (published.year, published.month) else NOBODY
        yield route.fill(**{LANGUAGE: language, "year": date.year,
                            "month": f"{date.month:02d}"}), may


def _comment_token(magazine, route, language):
    for article in magazine.articles:
        may = EVERYONE if article == magazine.published else NOBODY
        yield route.fill(**{LANGUAGE: language, "article_id": article.pk}), may


def _comment_form(magazine, route, language):
    # A comment is a POST: any other method is refused before the article is looked up.
    for article in magazine.articles:
        yield route.fill(**{LANGUAGE: language, "article_id": article.pk}), EVERYONE, Answer(405)


def _plain(may=EVERYONE, answer=OK):
    def cases_of(magazine, route, language):
        yield route.fill(**{LANGUAGE: language}), may, answer

    return cases_of


def _media(magazine, route):
    # Development only (DEBUG): what nginx serves in production, to anyone.
    yield Case(route.fill(path=magazine.public_image.file.name), EVERYONE)


def _sitemap_sections(magazine, route):
    from articles.sitemaps import SECTIONS

    for section in SECTIONS:
        yield Case(route.fill(section=section), EVERYONE)
    yield Case(route.fill(section="nothing"), NOBODY)


def _shadowed(magazine, route):
    """Django's own view of this address, which the project's answers in its place."""
    assert resolve("/admin/r/1/1/").func.__module__ == "newsroom.admin_views"
    return iter(())


#: Every address that is not one of a model's admin pages, by URL name (its template when it
#: has none), and its cases.
ROUTES = {
    # The admin's own pages.
    "admin:index": _single(STAFF),
    "admin:login": _single({ANONYMOUS, READER}),
    "admin:logout": _single(STAFF, Answer(405)),  # signing out is a POST
    "admin:password_change": _single(STAFF),
    "admin:password_change_done": _single(STAFF),
    "admin:autocomplete": _autocomplete,
    "admin:jsi18n": _single(STAFF),
    "admin/r/{content_type_id}/{object_id}/": _view_on_site,
    "admin:view_on_site": _shadowed,
    "admin:app_list": _app_list,
    "admin/{url}": _single(NOBODY, url="nothing/"),
    # Beyond Django's pages of a model.
    "admin:articles_article_compare": _articles_history_compare,
    "admin:articles_article_revision": _articles_revision,
    "admin:articles_article_recoverlist": _single(EDITORS),
    "admin:articles_article_share": _articles_share,
    "admin:articles_image_thumbnail": _image_thumbnails,
    # Adding and resolving a note are POSTs (tests/articles): any other method is refused
    # before the article is looked up.
    "admin:articles_article_add_note": lambda magazine, route: iter([
        Case(route.fill(object_id=article.pk), STAFF, Answer(405))
        for article in magazine.articles
    ]),
    "admin:articles_article_resolve_note": lambda magazine, route: iter([
        Case(route.fill(object_id=magazine.note.article_id, note_id=magazine.note.pk), STAFF,
             Answer(405))
    ]),
    # Saying one has the article open is a POST (tests/articles/test_presence.py).
    "admin:articles_article_presence": lambda magazine, route: iter([
        Case(route.fill(object_id=article.pk), STAFF, Answer(405))
        for article in magazine.articles
    ]),
    # To one's own profile's page, whoever asks.
    "admin:my_profile": _single(STAFF, Answer(302)),
    "admin:articles_article_recover": lambda magazine, route: iter([
        Case(route.fill(arg0=magazine.deleted_version.pk), EDITORS)
    ]),
    "admin:comments_comment_moderate": lambda magazine, route: iter([
        # A decision is a POST, refused to whoever may not moderate (tests/comments).
        Case(route.fill(object_id=comment.pk), STAFF, Answer(405))
        for comment in [magazine.comment, magazine.comment_on_draft]
    ]),
    "admin:auth_user_password_change": lambda magazine, route: iter([
        Case(route.fill(id=magazine.user(role).pk), SUPERUSERS) for role in [AUTHOR, EDITOR]
    ]),
    # Signing in: a forgotten password, the second step (accounts/urls.py).
    "admin_password_reset": _single(EVERYONE),
    "password_reset_done": _single(EVERYONE),
    "password_reset_confirm": lambda magazine, route: iter([
        # A link that is not one: its page says so, and asks nothing.
        Case(route.fill(uidb64="MQ", token="pas-un-jeton"), EVERYONE),
    ]),
    "password_reset_complete": _single(EVERYONE),
    "two_factor": _single(STAFF),
    # Nothing to verify for staff without a device: on to the admin.
    "two_factor_verify": _single(STAFF, Answer(302, ADMIN_INDEX)),
    "two_factor_setup": _single(STAFF),
    "two_factor_recovery_codes": _single(STAFF, Answer(405)),  # a POST
    "two_factor_turn_off": _single(STAFF, Answer(405)),  # a POST
    # The reader site.
    "set_language": _single(EVERYONE, Answer(302, "/")),  # a choice is a POST
    "favicon.ico": _single(EVERYONE, Answer(302, "/static/img/favicon.ico")),
    # For load balancers (core/health.py): whether the server is up and ready, no more.
    "healthz": _single(EVERYONE),
    "readyz": _single(EVERYONE),
    "robots_txt": _single(EVERYONE),
    "sitemap": _single(EVERYONE),
    "sitemap_section": _sitemap_sections,
    "news_sitemap": _single(EVERYONE),
    "articles:home": _reader_page(_plain(), ("", "en/")),
    "articles:detail": _reader_page(_by_slug, ("", "en/")),
    "articles:preview": _reader_page(_preview),
    "articles:shared_preview": _reader_page(_shared_preview),
    "articles:tag": _reader_page(_by_tag),
    "articles:author": _reader_page(_by_author),
    "articles:search": _reader_page(_search),
    "articles:feed_rss": _reader_page(_plain()),
    "articles:feed_atom": _reader_page(_plain()),
    "articles:tag_feed_rss": _reader_page(_by_tag),
    "articles:tag_feed_atom": _reader_page(_by_tag),
    "articles:author_feed_rss": _reader_page(_by_author),
    "articles:author_feed_atom": _reader_page(_by_author),
    "articles:archive_year": _reader_page(_archive_year),
    "articles:archive_month": _reader_page(_archive_month),
    "comments:post": _reader_page(_comment_form),
    "comments:token": _reader_page(_comment_token),
    "comments:confirm": _reader_page(
        lambda magazine, route, language: iter([
            (route.fill(**{LANGUAGE: language, "token": "pas-un-jeton"}), EVERYONE, Answer(400))
        ])
    ),
    "media/{path}": _media,
}

#: Addresses the URL conf does not list: the site's pages (flat pages) are found by a
#: middleware when no pattern answers.
UNLISTED = [lambda magazine: Case(magazine.page.url, EVERYONE)]

#: Routes that exist only in some settings (serve_media: DEBUG with local files), and those
#: of staff sign-in (password reset, two-factor) until they are installed.
OPTIONAL_ROUTES = {"media/{path}"}


def route_key(route):
    return route.template if "." in route.name else route.name


def _model_page(route):
    """(model, page) when ``route`` is one of Django's admin pages of a registered model."""
    model = route.admin_model
    if model is None:
        return None
    prefix = f"admin:{model._meta.app_label}_{model._meta.model_name}_"
    page = route.name.removeprefix(prefix)
    if route.name.startswith(prefix) and page in MODEL_PAGES:
        return model, page
    if route.name == "django.views.generic.base.RedirectView" and route.template.endswith(
        "{object_id}/"
    ):
        return model, "redirect"
    return None


def all_cases(magazine):
    for route in routes():
        model_page = _model_page(route)
        if model_page is not None:
            yield from model_cases(magazine, route, *model_page)
        else:
            yield from ROUTES[route_key(route)](magazine, route)
    for case in UNLISTED:
        yield case(magazine)


# The tests -----------------------------------------------------------------------------------


def test_every_address_has_a_decision():
    """A new address (a pattern, a registered model) fails here until its entry says who may
    open it."""
    undecided = [
        f"{route.template} ({route.name})" for route in routes()
        if _model_page(route) is None and route_key(route) not in ROUTES
    ]
    registered = {_label(model) for model in admin.site._registry}

    assert undecided == []
    assert registered == set(MODELS), "each model of the admin needs its rules in MODELS"
    stale = set(ROUTES) - {route_key(route) for route in routes()} - OPTIONAL_ROUTES
    assert stale == set(), "entries for addresses that no longer exist"


def client_of(magazine, role):
    client = Client(raise_request_exception=False)
    user = magazine.user(role)
    if user is not None:
        client.force_login(user)
    return client


def readable(response):
    """The text of an answer as a person would read it: entities and JSON escapes decoded."""
    if getattr(response, "streaming", False):
        content = b"".join(response.streaming_content)
    else:
        content = response.content
    text = content.decode(errors="replace")
    if response.get("Content-Type", "").startswith("application/json"):
        with contextlib.suppress(ValueError):
            text = json.dumps(json.loads(text), ensure_ascii=False)
    return html.unescape(text) + "\n" + html.unescape(response.get("Location", ""))


def leaks(magazine, role, response):
    text = readable(response)
    return sorted({label for secret, label in magazine.forbidden(role).items() if secret in text})


def _followed(client, response):
    """The page an internal redirect leads to (where the admin shows its messages)."""
    if response.status_code not in {301, 302} or not response["Location"].startswith("/"):
        return None
    return client.get(response["Location"])


@pytest.fixture
def quiet_logs():
    """Hundreds of refusals are the point here, not news worth printing."""
    logger = logging.getLogger("django.request")
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    yield
    logger.setLevel(level)


@pytest.mark.parametrize("role", ROLES)
def test_each_role_opens_what_it_may_and_learns_nothing_else(magazine, role, quiet_logs):
    client = client_of(magazine, role)
    problems = []
    count = 0
    for case in all_cases(magazine):
        count += 1
        response = client.get(case.url)
        allowed = role in case.may
        if allowed and not case.answer.matches(response):
            location = response.get("Location", "")
            problems.append(
                f"{case.url}: {response.status_code} {location}, expected "
                f"{case.answer.status} {case.answer.location or ''}"
            )
        elif not allowed and not refused(role, response):
            problems.append(
                f"{case.url}: {response.status_code} {response.get('Location', '')}, "
                "expected a refusal"
            )
        if found := leaks(magazine, role, response):
            problems.append(f"{case.url}: {response.status_code} tells {', '.join(found)}")
        followed = _followed(client, response)
        if followed is not None and (found := leaks(magazine, role, followed)):
            problems.append(f"{case.url} → {response['Location']} tells {', '.join(found)}")
    assert count > 300
    assert problems == [], f"{len(problems)} problems as {role}:\n" + "\n".join(problems)


def test_the_check_finds_what_a_page_gives_away(magazine):
    """The checker itself: the page of another author's draft names it, as the editor sees it."""
    response = client_of(magazine, EDITOR).get(
        f"/admin/articles/article/{magazine.secret_draft.pk}/change/"
    )

    assert response.status_code == 200
    assert "a draft of the other author" in leaks(magazine, AUTHOR, response)
    assert "a draft of the other author" not in leaks(magazine, OTHER_AUTHOR, response)
    assert not refused(AUTHOR, response)

