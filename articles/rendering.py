"""
Rich text as readers get it: the references of articles/body.py turned into pictures and
embed previews when the page is shown, so that a change of credit or title shows at once
(after the page cache's purge) in every article that shows the picture or the post.

Nothing is fetched per picture: an article's pictures come with it
(``body_image_relation()`` and ``fetch_card_relations()``), their embeds in one query.
A reference to an image that no longer exists renders nothing.
"""

from dataclasses import dataclass

from django.db.models import prefetch_related_objects
from django.template.loader import render_to_string
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from . import body
from .embeds import recognise
from .models import Embed, Image
from .models.image import rendition_relation


@dataclass(frozen=True)
class RenderedBody:
    """A rich text ready for a page: print it, and ask whether it has embeds (the page
    then loads their script)."""

    html: SafeString
    has_embeds: bool

    def __str__(self):
        return self.html

    def __html__(self):
        return self.html


def embeds_for(urls):
    """{url: Embed} of the embeds already recorded for ``urls`` (one query, none when empty)."""
    urls = list(urls)
    if not urls:
        return {}
    return {embed.url: embed for embed in Embed.objects.filter(url__in=urls)}


def render_body(article, *, base_url="", embeds=None, static=False):
    """The body of ``article`` with its pictures (as prefetched with it, else fetched
    here) and embeds.

    ``embeds`` ({url: Embed}) spares the query when several articles are rendered (feeds);
    ``base_url`` makes every address absolute; ``static`` leaves out what needs a script
    (the button that loads an embed), for feeds.
    """
    urls = body.embed_urls(article.body)
    if embeds is None:
        embeds = embeds_for(urls)
    return render_rich_text(
        article.body,
        images=article.prefetched_body_images(),
        embeds=embeds,
        base_url=base_url,
        static=static,
    )


def render_rich_text(html, *, images=None, embeds=None, base_url="", static=False):
    """``html`` (sanitized) with its references rendered. Without ``images``, the pictures
    are fetched here (two queries when there are any: flat pages)."""
    html = html or ""
    if images is None:
        ids = body.image_ids(html)
        images = Image.objects.in_bulk(ids) if ids else {}
        prefetch_related_objects(list(images.values()), rendition_relation())
    if embeds is None:
        embeds = embeds_for(body.embed_urls(html))
    found_embed = False

    def figure(found):
        reference = body.figures(found[0])[0]
        image = images.get(reference.image_id)
        if image is None or not image.file:
            return ""
        return render_to_string(
            "articles/includes/figure.html",
            {
                "image": image,
                "slot": "body",
                "figure_class": "figure",
                "caption": reference.caption or image.caption,
                "decorative": reference.decorative,
                "base_url": base_url,
            },
        ).strip()

    def embed(found):
        nonlocal found_embed
        url = body.embed_urls(found[0])[0]
        target = recognise(url)
        if target is None:
            return format_html('<p><a href="{}">{}</a></p>', url, url)
        record = embeds.get(url)
        frame_url = target.frame_url or (record.frame_url if record else "")
        found_embed = found_embed or bool(frame_url)
        return render_to_string(
            "articles/includes/embed.html",
            {
                "url": url,
                "provider": target.provider,
                "title": (record.title if record else "") or url,
                "frame_url": "" if static else frame_url,
            },
        ).strip()

    rendered = body.EMBED.sub(embed, body.FIGURE.sub(figure, html))
    if "<table>" in rendered:
        # A wide table scrolls sideways in its own box, which the keyboard can reach.
        rendered = rendered.replace(
            "<table>",
            format_html(
                '<div class="table-scroll" role="region" tabindex="0" aria-label="{}"><table>',
                gettext("Table"),
            ),
        ).replace("</table>", "</table></div>")
    # Both patterns only match what the sanitizer wrote; the rest of the text is as it
    # was stored, sanitized.
    return RenderedBody(mark_safe(rendered), found_embed)  # noqa: S308  # nosec B308 B703  # the body stored sanitized, figures built with format_html
