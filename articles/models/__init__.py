"""The articles app's models: articles, the media library and the taxonomy."""

import reversion

from ..slugs import slugify_french
from ..vocabulary import (
    AI_DISCLOSURE,
    AI_IMAGE_NOTES,
    IPTC_DIGITAL_SOURCE_TYPE_URI,
    DigitalSourceType,
    WritingMethod,
)
from .article import (
    RICH_TEXT_CONFIG,
    SEARCHED_FIELDS,
    Article,
    ArticleAuthor,
    ArticleQuerySet,
    ArticleSlugRedirect,
    Source,
    fetch_bylines,
    fetch_card_relations,
    public_authors,
)
from .embed import ArticleBodyImage, Embed
from .image import (
    Image,
    ImageRendition,
    Rendition,
)
from .note import ArticleNote
from .preview import PreviewLink
from .related import RelatedArticle, RelatedDepth
from .tag import Tag, TaggedArticle

__all__ = [
    "AI_DISCLOSURE",
    "AI_IMAGE_NOTES",
    "IPTC_DIGITAL_SOURCE_TYPE_URI",
    "RICH_TEXT_CONFIG",
    "SEARCHED_FIELDS",
    "Article",
    "ArticleAuthor",
    "ArticleBodyImage",
    "ArticleNote",
    "ArticleQuerySet",
    "ArticleSlugRedirect",
    "DigitalSourceType",
    "Embed",
    "Image",
    "ImageRendition",
    "PreviewLink",
    "RelatedArticle",
    "RelatedDepth",
    "Rendition",
    "Source",
    "Tag",
    "TaggedArticle",
    "WritingMethod",
    "fetch_bylines",
    "fetch_card_relations",
    "public_authors",
    "slugify_french",
]

# Every saved change of an article is kept as a revision (django-reversion), with its sources
# and tags: the admin lists the history, compares two versions and restores one. The search
# vector is derived data, rebuilt after a restore by articles/signals.py.
reversion.register(Source)
reversion.register(TaggedArticle)
reversion.register(ArticleAuthor)
reversion.register(
    Article, follow=("sources", "tagged_items", "authorships"), exclude=("search_vector",)
)
