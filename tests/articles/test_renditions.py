"""Renditions: the right sizes, never upscaled, the focal point in frame, built once, shown
with <picture>/srcset, and gone from the storage with their image."""

import re
from datetime import timedelta
from io import StringIO
from types import SimpleNamespace

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.models import prefetch_related_objects
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from PIL import Image as PILImage
from PIL import ImageDraw

from articles.images import specs, tasks
from articles.images.renditions import build_renditions
from articles.models import Article, Image, Rendition
from articles.models.article import fetch_card_relations
from articles.models.image import rendition_relation
from articles.templatetags.pictures import picture
from tests.articles.fixtures_admin import *  # noqa: F403
from tests.articles.fixtures_admin import make_article, make_user
from tests.articles.image_files import jpeg_bytes, opened, read, rgba_png, upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def make_image(django_capture_on_commit_callbacks):
    """An uploaded image whose renditions were built by the task queued on commit."""

    def make(content=None, name="photo.jpg", **fields):
        fields.setdefault("alt_text", "Un voilier au large de Groix")
        fields.setdefault("credit", "Jeanne Roux")
        image = Image(file=upload(content or jpeg_bytes((2000, 1500)), name), **fields)
        with django_capture_on_commit_callbacks(execute=True):
            image.save()
        return Image.objects.prefetch_related("renditions").get(pk=image.pk)

    return make


def sizes(image):
    return {(r.spec, r.format): (r.width, r.height) for r in image.rendition_list()}


def media_files(settings):
    return {
        str(path.relative_to(settings.MEDIA_ROOT))
        for path in settings.MEDIA_ROOT.rglob("*")
        if path.is_file()
    }


# Sizes


def test_a_large_photo_gets_every_width_in_webp_and_jpeg_and_a_social_card(make_image):
    image = make_image(jpeg_bytes((2000, 1500)))

    assert sizes(image) == {
        ("w480", "webp"): (480, 360), ("w480", "jpeg"): (480, 360),
        ("w800", "webp"): (800, 600), ("w800", "jpeg"): (800, 600),
        ("w1200", "webp"): (1200, 900), ("w1200", "jpeg"): (1200, 900),
        ("w1600", "webp"): (1600, 1200), ("w1600", "jpeg"): (1600, 1200),
        ("social", "jpeg"): (1200, 630),
    }
    for rendition in image.rendition_list():
        stored = opened(read(rendition.file))
        assert stored.size == (rendition.width, rendition.height)
        assert stored.format == {"webp": "WEBP", "jpeg": "JPEG"}[rendition.format]
        assert rendition.file_size == rendition.file.size


def test_renditions_are_never_upscaled(make_image):
    medium = make_image(jpeg_bytes((1000, 750)))
    small = make_image(jpeg_bytes((300, 200)))

    # The first width not narrower than the original is made at the original's width.
    assert sizes(medium) == {
        ("w480", "webp"): (480, 360), ("w480", "jpeg"): (480, 360),
        ("w800", "webp"): (800, 600), ("w800", "jpeg"): (800, 600),
        ("w1200", "webp"): (1000, 750), ("w1200", "jpeg"): (1000, 750),
        ("social", "jpeg"): (1000, 525),
    }
    assert sizes(small) == {
        ("w480", "webp"): (300, 200), ("w480", "jpeg"): (300, 200),
        ("social", "jpeg"): (300, 158),
    }
    for image in (medium, small):
        for rendition in image.rendition_list():
            assert rendition.width <= image.width and rendition.height <= image.height


def test_a_transparent_png_falls_back_to_png(make_image):
    image = make_image(rgba_png((900, 600)), "logo.png")

    assert {fmt for _spec, fmt in sizes(image)} == {"webp", "png", "jpeg"}
    assert [spec for spec, fmt in sizes(image) if fmt == "jpeg"] == ["social"]


# Focal point


def dotted(size, point):
    """A grey picture with a red dot at ``point`` (fractions of the width and height)."""
    image = PILImage.new("RGB", size, (128, 128, 128))
    x, y = point[0] * size[0], point[1] * size[1]
    ImageDraw.Draw(image).ellipse((x - 30, y - 30, x + 30, y + 30), fill=(255, 0, 0))
    import io

    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=95)
    return buffer.getvalue()


def red_centre(rendition):
    """Where the red dot is in a stored rendition, as fractions of its size."""
    image = opened(read(rendition.file)).convert("RGB")
    points = [
        (x, y)
        for y in range(0, image.height, 3)
        for x in range(0, image.width, 3)
        if (lambda r, g, b: r > 200 and g < 80 and b < 80)(*image.getpixel((x, y)))
    ]
    assert points, "the focal point fell out of the crop"
    return (
        sum(x for x, _ in points) / len(points) / image.width,
        sum(y for _, y in points) / len(points) / image.height,
    )


@pytest.mark.parametrize(
    ("size", "focal_point"),
    [
        ((3000, 1000), (0.92, 0.5)),  # a panorama, the subject near the right edge
        ((3000, 1000), (0.05, 0.9)),  # near the bottom left corner
        ((1500, 2250), (0.5, 0.08)),  # a portrait, a face at the top
        ((1500, 2250), (0.3, 0.97)),
    ],
)
def test_the_social_card_keeps_the_focal_point_in_frame(make_image, size, focal_point):
    image = make_image(
        dotted(size, focal_point), focal_point_x=focal_point[0], focal_point_y=focal_point[1]
    )

    social = image.rendition("social")
    assert (social.width, social.height) == (1200, 630)
    red_centre(social)


def test_the_crop_is_centred_on_the_focal_point_when_the_edges_allow(make_image):
    image = make_image(dotted((3000, 1000), (0.6, 0.5)), focal_point_x=0.6, focal_point_y=0.5)

    x, y = red_centre(image.rendition("social"))

    assert x == pytest.approx(0.5, abs=0.03)
    assert y == pytest.approx(0.5, abs=0.03)


def test_without_a_focal_point_the_crop_is_centred():
    left, top, right, bottom = specs.SOCIAL.crop_box((3000, 1000))
    assert (top, bottom, right - left) == (0, 1000, 1905)  # 1000 × 1200/630
    assert abs(left + right - 3000) <= 1

    left, top, right, bottom = specs.SOCIAL.crop_box((1000, 1500))
    assert (left, right, bottom - top) == (0, 1000, 525)
    assert abs(top + bottom - 1500) <= 1


def test_moving_the_focal_point_rebuilds_only_the_social_card(
    make_image, django_capture_on_commit_callbacks
):
    image = make_image()
    before = {(r.spec, r.format): r.file.name for r in image.rendition_list()}

    image.focal_point_x, image.focal_point_y = 0.1, 0.2
    with django_capture_on_commit_callbacks(execute=True):
        image.save()
    image = Image.objects.prefetch_related("renditions").get(pk=image.pk)
    after = {(r.spec, r.format): r.file.name for r in image.rendition_list()}

    changed = {key for key in after if after[key] != before[key]}
    assert changed == {("social", "jpeg")}


# Built once, kept current, removed with their image


def test_building_again_does_nothing_unless_forced(
    make_image, settings, django_capture_on_commit_callbacks
):
    image = make_image()
    files = media_files(settings)

    report = build_renditions(image)
    assert (report.built, report.kept) == ([], 9)
    assert media_files(settings) == files

    with django_capture_on_commit_callbacks(execute=True):
        forced = build_renditions(Image.objects.get(pk=image.pk), force=True)
    assert len(forced.built) == 9
    assert len(media_files(settings)) == len(files)  # new files replaced the old ones


def test_a_new_file_replaces_the_old_renditions_and_original_in_storage(
    make_image, settings, django_capture_on_commit_callbacks
):
    image = make_image(jpeg_bytes((2000, 1500)))
    old = media_files(settings)

    image.file = upload(jpeg_bytes((900, 600)), "autre.jpg")
    with django_capture_on_commit_callbacks(execute=True):
        image.save()

    image = Image.objects.prefetch_related("renditions").get(pk=image.pk)
    assert (image.width, image.height) == (900, 600)
    assert max(r.width for r in image.rendition_list()) == 900
    assert not old & media_files(settings)
    assert media_files(settings) == {image.file.name} | {
        r.file.name for r in image.rendition_list()
    }


def test_deleting_an_image_removes_its_files(
    make_image, settings, django_capture_on_commit_callbacks
):
    image = make_image()
    assert len(media_files(settings)) == 10

    with django_capture_on_commit_callbacks(execute=True):
        image.delete()

    assert media_files(settings) == set()
    assert not Rendition.objects.exists()


def test_the_build_is_queued_once_the_upload_is_committed(django_capture_on_commit_callbacks):
    image = Image(file=upload(jpeg_bytes()), alt_text="Un port", credit="Jeanne")

    with django_capture_on_commit_callbacks() as callbacks:
        image.save()

    assert not image.renditions.exists()  # nothing built inside the request's transaction
    assert callbacks
    for callback in callbacks:
        callback()
    assert image.renditions.count() == 5


def test_a_queue_that_is_down_does_not_undo_the_save(
    monkeypatch, django_capture_on_commit_callbacks, caplog
):
    def broken(*args, **kwargs):
        raise ConnectionError("queue down")

    monkeypatch.setattr(tasks, "build_image_renditions", SimpleNamespace(enqueue=broken))
    image = Image(file=upload(jpeg_bytes()), alt_text="Un port", credit="Jeanne")

    with django_capture_on_commit_callbacks(execute=True):
        image.save()

    assert Image.objects.filter(pk=image.pk).exists()
    assert "Could not queue the renditions" in caplog.text


def test_an_original_that_cannot_be_decoded_gets_no_rendition(make_image):
    image = make_image()
    Rendition.objects.all().delete()
    with image.file.open("wb") as stored:
        stored.write(b"\xff\xd8\xff not a JPEG any more")

    result = tasks.build_image_renditions.enqueue(image.pk)

    assert result.status == "FAILED"
    assert not Rendition.objects.exists()


# The command


def run(*args):
    out, err = StringIO(), StringIO()
    call_command("build_renditions", *args, stdout=out, stderr=err)
    return out.getvalue() + err.getvalue()


def test_the_command_builds_what_is_missing_then_nothing(make_image):
    first, second = make_image(), make_image()
    Rendition.objects.all().delete()

    assert "18 built" in run()
    assert "0 built, 18 already current" in run()
    assert "9 built" in run("--image", str(first.pk), "--force")
    assert second.renditions.count() == 9


def test_the_command_cleans_originals_stored_before_cleaning_existed(make_image, settings):
    image = make_image()
    Image.objects.filter(pk=image.pk).update(metadata_signature="")

    output = run("--image", str(image.pk))

    assert "original cleaned" in output
    assert Image.objects.get(pk=image.pk).original_is_clean()


def test_the_command_reports_unknown_and_broken_images(make_image):
    with pytest.raises(CommandError, match="No image with id 999"):
        run("--image", "999")
    image = make_image()
    Rendition.objects.all().delete()
    with image.file.open("wb") as stored:
        stored.write(b"broken")

    with pytest.raises(CommandError, match="1 image"):
        run()
    assert not Rendition.objects.exists()


# Pages


@pytest.fixture
def published(make_image):
    def publish(title="Un article illustré", image=None, ago=1):
        author = make_user(f"auteur{Article.objects.count()}")
        return make_article(
            title,
            authors=[author],
            featured_image=image or make_image(),
            status=Article.Status.PUBLISHED,
            published_at=timezone.now() - timedelta(hours=ago),
        )

    return publish


def srcset_widths(srcset):
    return [int(width) for width in re.findall(r" (\d+)w", srcset)]


def test_the_article_page_offers_a_srcset_down_to_480_pixels(client, published):
    article = published()

    html = client.get(article.get_absolute_url()).content.decode()
    figure = html[html.index('<figure class="article__figure">') :]
    figure = figure[: figure.index("</figure>")]

    source = re.search(r'<source type="image/webp" srcset="([^"]+)" sizes="([^"]+)"', figure)
    img = re.search(r"<img [^>]+>", figure).group(0)
    assert source and min(srcset_widths(source.group(1))) <= 480
    assert srcset_widths(source.group(1)) == [480, 800, 1200, 1600]
    fallback = re.search(r'srcset="([^"]+)"', img).group(1)
    assert min(srcset_widths(fallback)) <= 480 and ".jpg 480w" in fallback
    for attribute in ('width="1200"', 'height="900"', 'alt="Un voilier au large de Groix"',
                      'loading="eager"', 'fetchpriority="high"', "sizes="):
        assert attribute in img


def test_only_the_lead_image_of_the_front_page_is_fetched_first(client, published):
    for hours in (3, 2, 1):
        published(f"Article {hours}", ago=hours)

    html = client.get("/").content.decode()
    images = re.findall(r"<img [^>]+>", html)

    assert len(images) == 3
    assert 'fetchpriority="high"' in images[0] and 'loading="eager"' in images[0]
    for later in images[1:]:
        assert 'loading="lazy"' in later and "fetchpriority" not in later
    assert html.count("<picture>") == 3


def test_pages_show_the_original_until_the_renditions_are_built(client, editor):
    image = Image(file=upload(jpeg_bytes((600, 400))), alt_text="Un quai", credit="Jeanne")
    image.save()  # the task waits for a commit that never comes in this test
    article = make_article("Sans rendus", authors=[editor], featured_image=image,
                           status=Article.Status.PUBLISHED,
                           published_at=timezone.now() - timedelta(hours=1))

    html = client.get(article.get_absolute_url()).content.decode()

    assert f'<img src="{image.file.url}" alt="Un quai" width="600" height="400"' in html
    assert "<picture>" not in html


def test_the_share_image_is_the_social_card(client, published):
    article = published()
    social = article.featured_image.rendition("social")

    html = client.get(article.get_absolute_url()).content.decode()

    assert f'<meta property="og:image" content="http://testserver{social.url}">' in html
    assert '<meta property="og:image:width" content="1200">' in html
    assert '<meta property="og:image:height" content="630">' in html
    assert f"http://testserver{social.url}" in html[html.index("application/ld+json") :]


@pytest.mark.usefixtures("site_base_url")
def test_feeds_enclose_the_social_card(client, published):
    article = published()
    social = article.featured_image.rendition("social")

    xml = client.get("/feeds/rss/").content.decode()
    enclosure = re.search(r"<enclosure [^>]+>", xml).group(0)

    assert f'url="http://testserver{social.url}"' in enclosure
    assert f'length="{social.file_size}"' in enclosure and 'type="image/jpeg"' in enclosure


def test_pages_cost_the_same_queries_with_renditions_built(client, published, editor):
    published("Avec rendus")
    with_renditions = Article.objects.get()
    client.get("/")
    with CaptureQueriesContext(connection) as built:
        client.get("/")
    Rendition.objects.all().delete()
    with CaptureQueriesContext(connection) as not_built:
        client.get("/")

    assert with_renditions.featured_image_id
    assert len(built) == len(not_built)


def test_the_benchmark_builds_a_photo_like_the_task(monkeypatch):
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parents[2] / "bench" / "renditions.py"
    spec = importlib.util.spec_from_file_location("bench_renditions", path)
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)

    data = bench.photo((800, 600))

    assert opened(data).size == (800, 600)
    assert len(data) > 20_000  # noise and shapes: it compresses like a photo


def test_pages_fetch_renditions_in_one_query_without_the_images_and_still_sorted(make_image):
    built = make_image(jpeg_bytes((2000, 1500)))
    image = Image.objects.get(pk=built.pk)

    with CaptureQueriesContext(connection) as captured:
        prefetch_related_objects([image], rendition_relation())

    (query,) = captured.captured_queries
    # The model's order would join the images, for an order rendition_list() makes anyway.
    assert "articles_image" not in query["sql"]
    renditions = image.rendition_list()
    assert {(r.spec, r.format) for r in renditions} == {
        (r.spec, r.format) for r in built.rendition_list()
    }
    widths = [(r.width, r.format) for r in renditions]
    assert widths == sorted(widths)


def test_a_renditions_address_is_its_files(make_image, settings):
    image = make_image()
    settings.MEDIA_URL = "https://cdn.example/média/"
    storage_url = Rendition.file.field.storage.url
    for rendition in Rendition.objects.filter(image=image):
        address = rendition.url  # from the name the database gave
        assert address.startswith("https://cdn.example/")
        assert rendition.url_with(storage_url) == address
        # The descriptor leaves a FieldFile in place of the name.
        assert address == rendition.file.url == rendition.url
        assert rendition.url_with(storage_url) == address


def test_pages_read_renditions_without_what_only_the_builder_reads(make_image):
    built = make_image(jpeg_bytes((2000, 1500)))
    article = make_article("Illustré", featured_image=Image.objects.get(pk=built.pk))
    (card,) = Article.objects.for_cards().filter(pk=article.pk)
    in_text = Image.objects.get(pk=built.pk)
    prefetch_related_objects([in_text], rendition_relation())
    fetch_card_relations([card])

    for image in (card.featured_image, in_text):
        renditions = image.rendition_list()
        assert len(renditions) == len(built.rendition_list())
        assert all(r.get_deferred_fields() == {"signature", "built_at"} for r in renditions)
        # A picture, and the social card that the metadata and the feeds describe, read
        # nothing that was left out (it would cost a query per rendition).
        with CaptureQueriesContext(connection) as captured:
            html = picture(image, "card")
            social = image.social_card()
            described = (social.url, social.width, social.height, social.file_size)
        assert len(captured) == 0
        assert html == picture(built, "card")
        whole = built.social_card()
        assert described == (whole.url, whole.width, whole.height, whole.file_size)


def test_a_picture_is_escaped_as_format_html_escapes(make_image):
    from django.utils.html import format_html

    from articles.templatetags.pictures import SLOTS, _srcset, picture

    image = make_image(alt_text='Le « voilier » <b>& l\'île</b> "Groix"')
    by_format = image.width_renditions()
    fallback = by_format["jpeg"]
    default = next(r for r in fallback if r.width >= SLOTS["card"].default_width)
    expected = format_html(
        '<picture>{}<img src="{}" srcset="{}" sizes="{}" alt="{}" width="{}" height="{}"'
        ' loading="lazy" decoding="async"{}></picture>',
        format_html(
            '<source type="image/webp" srcset="{}" sizes="{}">',
            _srcset(by_format["webp"]), SLOTS["card"].sizes,
        ),
        default.url, _srcset(fallback), SLOTS["card"].sizes, image.alt_text,
        default.width, default.height, format_html(' class="{}"', 'x" onload="y'),
    )
    assert picture(image, "card", css_class='x" onload="y') == expected
    assert "&lt;b&gt;&amp; l&#x27;île&lt;/b&gt; &quot;Groix&quot;" in expected
