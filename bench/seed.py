"""Content for the benchmarks: one showcase article and thousands of others, made fast.

The showcase is the article every page benchmark reads: about 600 words, a credited
featured image with its renditions, 4 tags, a source, 2 authors and 10 approved comments
(two of them replies). The bulk is written with ``bulk_create`` (a few thousand rows per
statement), which skips ``save()``: what ``save()`` and the signals would compute (slug,
normalised search text, PostgreSQL search vector) is computed here instead.

Call only after ``django.setup()``, on a migrated database.
"""

import io
import random
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.utils import timezone
from PIL import Image as PILImage
from PIL import ImageDraw

from articles import search as search_backend
from articles.images.renditions import build_renditions
from articles.models import Article, Image, RelatedArticle, Source, Tag, TaggedArticle
from articles.models.article import ArticleAuthor
from articles.sanitizer import sanitize_html
from comments.models import Comment, body_fingerprint
from comments.rendering import comment_body

SHOWCASE_SLUG = "le-reseau-electrique-a-l-epreuve-de-l-hiver"
SHOWCASE_TITLE = "Le réseau électrique à l’épreuve de l’hiver"
TAG_NAMES = ["Énergie", "Société", "Matériel", "Climat", "Numérique", "Science", "Villes",
             "Travail"]

_WORDS = (  # noqa: SIM905 - a sentence is easier to edit than a list of words
    "réseau électricité hiver consommation production centrale éolienne solaire stockage "
    "batterie pointe demande tarif ménage entreprise industrie chauffage pompe chaleur "
    "isolation bâtiment rénovation délestage interconnexion frontière marché prix "
    "gestionnaire transport distribution compteur données prévision météo vent froid "
    "sobriété effort collectif territoire commune région État Europe flexibilité"
).split()


def words(count, seed):
    """``count`` French-looking words, the same for the same seed."""
    chosen = random.Random(seed)
    return " ".join(chosen.choice(_WORDS) for _ in range(count))


def body_html(word_count=600, seed=0):
    """An article body of ``word_count`` words: paragraphs, a heading, a link, a list."""
    paragraphs, left, index = [], word_count, 0
    while left > 0:
        size = min(left, 75)
        text = words(size, seed * 100 + index).capitalize()
        if index == 2:
            paragraphs.append("<h2>Ce que disent les chiffres</h2>")
        if index == 3:
            text += ' selon <a href="https://example.com/rapport">le rapport annuel</a>'
        paragraphs.append(f"<p>{text}.</p>")
        if index == 4:
            paragraphs.append("<ul><li>La pointe du soir</li><li>Les jours sans vent</li></ul>")
        left -= size
        index += 1
    return sanitize_html("\n".join(paragraphs))


def jpeg(size=(1600, 1000), seed=1):
    """A photo-like JPEG: gradients and shapes, so that it compresses like a real one."""
    width, height = size
    picture = PILImage.linear_gradient("L").resize(size).convert("RGB")
    draw = ImageDraw.Draw(picture)
    chosen = random.Random(seed)
    for _ in range(12):
        x, y = chosen.randrange(width), chosen.randrange(height)
        radius = chosen.randrange(40, width // 4)
        colour = tuple(chosen.randrange(256) for _ in range(3))
        draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=colour)
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", quality=85)
    return buffer.getvalue()


def make_image(seed=1):
    """A credited image with its renditions built now (the task would do it later)."""
    image = Image.objects.create(
        file=SimpleUploadedFile(f"photo-{seed}.jpg", jpeg(seed=seed), content_type="image/jpeg"),
        alt_text="Des lignes à haute tension dans la brume d’un matin d’hiver",
        caption="Une ligne à haute tension près de Lyon.",
        credit="Jeanne Roux",
        credit_source="Agence Plein Champ",
        licence_name="CC BY 4.0",
        licence_url="https://creativecommons.org/licenses/by/4.0/",
    )
    build_renditions(image)
    return image


def authors():
    User = get_user_model()
    people = []
    for username, first, last in (("ines", "Inès", "Garnier"), ("tom", "Tom", "Weber")):
        user, _created = User.objects.get_or_create(
            username=username, defaults={"first_name": first, "last_name": last}
        )
        people.append(user)
    return people


#: The tags the site's menu shows, as a magazine's sections: every page then pays for its
#: menu as on a real site.
SECTION_NAMES = TAG_NAMES[:5]


def tags():
    return [
        Tag.objects.get_or_create(
            name=name,
            defaults={
                "is_section": name in SECTION_NAMES,
                "section_position": SECTION_NAMES.index(name) if name in SECTION_NAMES else 0,
            },
        )[0]
        for name in TAG_NAMES
    ]


def showcase(comment_count=10):
    """The article the page benchmarks read (created once; found again afterwards)."""
    article = Article.objects.filter(slug=SHOWCASE_SLUG).first()
    if article is not None:
        return article
    people, topics = authors(), tags()
    article = Article.objects.create(
        title=SHOWCASE_TITLE,
        slug=SHOWCASE_SLUG,
        standfirst="Pointes de consommation, vent absent, centrales à l’arrêt : comment "
        "le système tient quand le froid s’installe.",
        body=body_html(600, seed=1),
        status=Article.Status.PUBLISHED,
        published_at=timezone.now() - timedelta(minutes=5),
        featured_image=make_image(seed=1),
    )
    article.set_authors(people)
    article.tags.set(topics[:4])
    Source.objects.create(
        article=article, name="Rapport du gestionnaire de réseau",
        url="https://example.com/rapport", order=0,
    )
    now = timezone.now()
    first = []
    for index in range(comment_count):
        parent = first[index % 2] if index >= comment_count - 2 and len(first) >= 2 else None
        comment = Comment.objects.create(
            article=article,
            parent=parent,
            name=f"Lecteur {index}",
            email=f"lecteur{index}@example.com",
            website="https://example.org/" if index % 3 == 0 else "",
            body=f"{words(40, 900 + index).capitalize()}.\n\nVoir https://example.com/{index}",
            status=Comment.Status.APPROVED,
            created_at=now - timedelta(minutes=comment_count - index),
        )
        if parent is None:
            first.append(comment)
    return article


def bulk(article_count=2000, comment_count=20000, image_count=12, batch_size=1000):
    """Add ``article_count`` published articles (each with 2 authors, 3 tags, a source and
    an image shared among ``image_count``) and ``comment_count`` approved comments spread
    over them. Returns the number of articles and comments added."""
    people, topics = authors(), tags()
    images = [make_image(seed=10 + index) for index in range(image_count)]
    now = timezone.now()
    bodies = [body_html(600, seed=100 + index) for index in range(20)]
    start = Article.objects.count()
    articles = []
    for offset in range(article_count):
        index = start + offset
        title = f"{words(6, index).capitalize()} ({index})"
        standfirst = words(30, 50_000 + index).capitalize() + "."
        body = bodies[index % len(bodies)]
        articles.append(Article(
            title=title,
            slug=f"article-{index}",
            standfirst=standfirst,
            body=body,
            search_text=search_backend.search_text(title, standfirst, body),
            status=Article.Status.PUBLISHED,
            published_at=now - timedelta(hours=1 + offset),
            featured_image=images[index % len(images)],
        ))
    articles = Article.objects.bulk_create(articles, batch_size=batch_size)
    ArticleAuthor.objects.bulk_create(
        [
            ArticleAuthor(article_id=a.pk, author_id=p.pk, position=position)
            for a in articles
            for position, p in enumerate(people)
        ],
        batch_size=batch_size * 2,
    )
    TaggedArticle.objects.bulk_create(
        [
            TaggedArticle(content_object_id=a.pk, tag_id=topics[(i + k) % len(topics)].pk)
            for i, a in enumerate(articles)
            for k in range(3)
        ],
        batch_size=batch_size * 3,
    )
    Source.objects.bulk_create(
        [Source(article_id=a.pk, name="Agence Plein Champ", order=0) for a in articles],
        batch_size=batch_size,
    )
    comments = []
    for index in range(comment_count):
        body = f"{words(35, 200_000 + index).capitalize()}. ({index})"
        comments.append(Comment(
            article_id=articles[index % len(articles)].pk,
            name=f"Lectrice {index}",
            email=f"lectrice{index}@example.com",
            body=body,
            body_hash=body_fingerprint(body),  # what save() would compute
            body_html=comment_body(body),
            status=Comment.Status.APPROVED,
            created_at=now - timedelta(seconds=index),
        ))
    Comment.objects.bulk_create(comments, batch_size=batch_size * 2)
    # bulk_create() sends no signal: the related articles are ranked once, for all.
    RelatedArticle.objects.rebuild()
    if connection.vendor == "postgresql":
        Article.objects.filter(pk__gte=articles[0].pk).update(
            search_vector=search_backend.search_vector()
        )
        # What autovacuum does soon after such a load on a real server (the test server
        # runs without it): statistics for the planner, and the visibility map that lets
        # PostgreSQL answer from an index alone (related articles, the menu's tags).
        # Inside a transaction (a test's) only the statistics can be gathered.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE")
    return len(articles), len(comments)
