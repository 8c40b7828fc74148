"""A small magazine with something of everything, for the tests that walk every address:
people of each role, published and private articles, a tag only drafts use, images, comments,
revisions, a page. What no reader (and not every member of staff) may see is in ``secrets``."""

from dataclasses import dataclass, field
from datetime import timedelta

import reversion
from django.contrib.flatpages.models import FlatPage
from django.contrib.sites.models import Site
from django.utils import timezone

from articles.models import Article, ArticleSlugRedirect, Image, Tag
from comments.models import Comment
from tests.articles.conftest import png_file
from tests.factories import make_article, make_user


@dataclass
class World:
    superuser: object
    editor: object
    author: object
    other_author: object
    moderator: object
    reader: object
    published: Article
    own_draft: Article
    secret_draft: Article
    embargoed: Article
    public_tag: Tag
    secret_tag: Tag
    public_image: Image
    secret_image: Image
    comment: Comment
    pending_comment: Comment
    page: FlatPage
    #: Texts that name what is not public: drafts, an embargoed article, a tag only they use.
    secrets: dict = field(default_factory=dict)

    @property
    def articles(self):
        return [self.published, self.own_draft, self.secret_draft, self.embargoed]

    @property
    def staff(self):
        return {
            "superuser": self.superuser,
            "editor": self.editor,
            "author": self.author,
            "moderator": self.moderator,
        }


def saved_with_revision(article, user):
    with reversion.create_revision():
        reversion.set_user(user)
        article.save()
    return article


def build_world():
    superuser = make_user("root", is_superuser=True)
    editor = make_user("edith", "Editors", first_name="Édith", last_name="Piaf")
    author = make_user("alix", "Authors", first_name="Alix", last_name="Martin")
    other_author = make_user("bruno", "Authors", first_name="Bruno", last_name="Caché")
    moderator = make_user("mona", "Moderators")
    reader = make_user("lecteur", is_staff=False)

    public_tag = Tag.objects.create(name="Sciences")
    secret_tag = Tag.objects.create(name="Fusion froide confidentielle")
    public_image = Image.objects.create(
        file=png_file("public.png"), alt_text="Un pont", credit="Jeanne Roux"
    )
    secret_image = Image.objects.create(
        file=png_file("secret.png"), alt_text="Un laboratoire", credit="Jeanne Roux"
    )

    published = make_article(
        "Le béton qui se répare", authors=[author], tags=[public_tag], ago=timedelta(days=40),
        featured_image=public_image,
    )
    own_draft = make_article(
        "Brouillon d’Alix sur les ponts", authors=[author], status=Article.Status.DRAFT
    )
    secret_draft = make_article(
        "Révélation : la fusion froide au labo",
        authors=[other_author],
        tags=[secret_tag],
        status=Article.Status.REVIEW,
        featured_image=secret_image,
    )
    embargoed = make_article(
        "Résultats du prix sous embargo",
        authors=[other_author],
        published_at=timezone.now() + timedelta(days=3),
    )
    for article, user in [(published, author), (own_draft, author), (secret_draft, other_author),
                          (embargoed, other_author)]:
        saved_with_revision(article, user)
    published.standfirst = "Un chapeau révisé."
    saved_with_revision(published, editor)
    ArticleSlugRedirect.objects.create(old_slug="ancien-beton", article=published)

    comment = Comment.objects.create(
        article=published, name="Camille", email="camille@lecteurs.test",
        body="Un avis argumenté.", status=Comment.Status.APPROVED, ip_address="198.51.100.7",
    )
    pending_comment = Comment.objects.create(
        article=published, name="Dominique", email="dominique@lecteurs.test",
        body="Une question en attente.", status=Comment.Status.PENDING,
    )
    page = FlatPage.objects.create(url="/a-propos/", title="À propos", content="<p>Nous.</p>")
    page.sites.add(Site.objects.get_current())

    secrets = {
        "draft title": secret_draft.title,
        "draft address": secret_draft.slug,
        "embargoed title": embargoed.title,
        "embargoed address": embargoed.slug,
        "secret tag": secret_tag.name,
        "own draft title": own_draft.title,
    }
    return World(
        superuser=superuser, editor=editor, author=author, other_author=other_author,
        moderator=moderator, reader=reader, published=published, own_draft=own_draft,
        secret_draft=secret_draft, embargoed=embargoed, public_tag=public_tag,
        secret_tag=secret_tag, public_image=public_image, secret_image=secret_image,
        comment=comment, pending_comment=pending_comment, page=page, secrets=secrets,
    )
