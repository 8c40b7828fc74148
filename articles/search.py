"""
Full-text search of the articles, one API over two database backends.

``Article.objects.published().search(q)`` filters and ranks; ``highlight(articles, q)``
then gives each article of the *current page* a snippet with the words found in ``<mark>``.

PostgreSQL (production)
    A stored ``tsvector`` (``Article.search_vector``) weighted A title, B standfirst, C body,
    built with the ``french_unaccent`` text search configuration: the French snowball stemmer
    after ``unaccent``, so « société », « societe » and « sociétés » are one lexeme. A GIN
    index on it (created by migration 0003, PostgreSQL only) keeps the ``@@`` match fast.
    The vector is refreshed after every save that touches the text (``articles/signals.py``).
    Queries use ``websearch_to_tsquery`` (quotes, ``-word``, ``or``; it never raises on odd
    input), results are ordered by ``ts_rank``, snippets come from ``ts_headline``.

SQLite (development)
    ``Article.search_text`` holds title, standfirst and body text normalised in Python
    (tags dropped, lower case, accents and ligatures removed), saved with the article. Every
    query word must start a word of that text (``LIKE '% word%'``), after the same
    normalisation and a plural ``-s``/``-x`` dropped, so « Sociétés » finds « societe ». The
    earliest match ranks first: the title comes first in the text, then the standfirst.
"""

import html
import operator
import re
import unicodedata
from functools import reduce

from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchQueryField,
    SearchRank,
    SearchVector,
)
from django.db import connections
from django.db.models import F, Func, TextField, Value
from django.db.models.functions import Concat, StrIndex
from django.utils.html import escape
from django.utils.safestring import mark_safe

#: The PostgreSQL text search configuration created by migration 0003.
SEARCH_CONFIG = "french_unaccent"
#: Name of the GIN index on ``articles_article.search_vector`` (PostgreSQL only).
SEARCH_INDEX_NAME = "article_search_vector_gin"
#: Longer queries are cut: nobody types more, and a huge query only costs CPU.
MAX_QUERY_LENGTH = 200
#: Words of a query that count on SQLite (each one is a LIKE over the whole table).
MAX_QUERY_WORDS = 10
#: The words around the first match that a snippet shows.
SNIPPET_WORDS = 30

# Private-use characters mark the matches in PostgreSQL headlines, so that the text can be
# escaped as a whole before the marks become <mark> elements.
_MARK_START, _MARK_END = "\ue000", "\ue001"
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_TAG = re.compile(r"<[^>]*>")
_LIGATURES = str.maketrans({"œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae", "ß": "ss"})
# Words too common to narrow a search, which would match nearly everything by prefix.
_STOP_WORDS = frozenset(
    {"au", "aux", "ce", "ces", "de", "des", "du", "en", "et", "la", "le", "les", "ou", "un", "une"}
)


def clean_query(raw):
    """The query as typed, made safe to search: no control characters, one line, capped."""
    query = _CONTROL_CHARACTERS.sub("", str(raw or ""))
    query = " ".join(query.split())
    return query[:MAX_QUERY_LENGTH].strip()


def is_searchable(query):
    """Whether ``query`` holds at least one letter or digit (only punctuation finds nothing)."""
    return bool(re.search(r"\w", query or ""))


def normalize(text):
    """Lower-case words without accents or ligatures, separated by single spaces."""
    text = str(text).translate(_LIGATURES)
    text = "".join(
        char for char in unicodedata.normalize("NFKD", text) if not unicodedata.combining(char)
    )
    return " ".join(re.findall(r"\w+", text.casefold()))


def html_to_text(markup):
    """The readable text of sanitized HTML: tags become spaces, entities characters."""
    return " ".join(html.unescape(_TAG.sub(" ", markup or "")).split())


def search_text(title, standfirst, body):
    """What SQLite searches: title, standfirst then body, normalised, between spaces.

    The leading space lets ``LIKE '% word%'`` match the first word too.
    """
    return f" {normalize(title)} {normalize(standfirst)} {normalize(html_to_text(body))} "


def _stem(word):
    """A light French plural stemmer: « sociétés » and « société » share « societe »."""
    if len(word) > 3 and word[-1] in "sx":
        return word[:-1]
    return word


def query_words(query):
    """The normalised, de-duplicated words of ``query`` that SQLite matches."""
    words = []
    for word in normalize(query).split():
        stem = _stem(word)
        if len(stem) > 1 and stem not in _STOP_WORDS and stem not in words:
            words.append(stem)
    return words[:MAX_QUERY_WORDS]


def search_vector():
    """The weighted document PostgreSQL stores in ``Article.search_vector``.

    Tags of the HTML body are dropped by PostgreSQL's parser, so the body is indexed as is.
    """
    return (
        SearchVector("title", weight="A", config=SEARCH_CONFIG)
        + SearchVector("standfirst", weight="B", config=SEARCH_CONFIG)
        + SearchVector("body", weight="C", config=SEARCH_CONFIG)
    )


def _search_query(query):
    return SearchQuery(query, search_type="websearch", config=SEARCH_CONFIG)


class _OncePerQuery(Func):
    """``expression`` as a subquery of its own, which PostgreSQL evaluates once per query
    rather than once per row.

    What the ranking needs: a prepared statement (settings.DATABASE_PREPARE_THRESHOLD) soon
    runs a generic plan, in which the search query is a parameter, not a constant folded
    when planning; ``ts_rank(vector, websearch_to_tsquery(…))`` would then parse the words
    again for every match, a quarter of the ranking query's time for a word most articles
    hold (bench/profile_article.py, 2,000 articles).
    """

    template = "(SELECT %(expressions)s)"
    output_field = SearchQueryField()


def uses_postgresql(queryset):
    return connections[queryset.db].vendor == "postgresql"


def search(queryset, query):
    """``queryset`` narrowed to the articles matching ``query``, best first.

    Each article carries ``rank`` (higher is better). A query without words finds nothing.
    """
    query = clean_query(query)
    if not is_searchable(query):
        return queryset.none()
    if uses_postgresql(queryset):
        search_query = _search_query(query)
        return (
            queryset.filter(search_vector=search_query)
            .annotate(rank=SearchRank(F("search_vector"), _OncePerQuery(search_query)))
            .order_by("-rank", "-published_at", "-pk")
        )
    words = query_words(query)
    if not words:
        return queryset.none()
    for word in words:
        queryset = queryset.filter(search_text__contains=f" {word}")
    # The sum of the positions of the words: the title comes first, then the standfirst.
    position = reduce(operator.add, (StrIndex("search_text", Value(f" {word}")) for word in words))
    return queryset.annotate(rank=-position).order_by("-rank", "-published_at", "-pk")


class _PlainText(Func):
    """Sanitized HTML without its tags, in SQL: what a headline may quote."""

    function = "regexp_replace"
    output_field = TextField()

    def __init__(self, expression):
        super().__init__(expression, Value("<[^>]*>"), Value(" "), Value("g"))


def highlight(articles, query):
    """Set ``snippet`` on each of ``articles`` (a page of results): safe HTML with <mark>s.

    Only the page being shown is highlighted: headlines over full bodies are costly.
    """
    articles = list(articles)
    query = clean_query(query)
    if not articles:
        return articles
    model, database = type(articles[0]), articles[0]._state.db
    if connections[database].vendor == "postgresql":
        headlines = dict(
            model._default_manager.using(database)
            .filter(pk__in=[article.pk for article in articles])
            .annotate(
                headline=SearchHeadline(
                    Concat(
                        F("standfirst"), Value(" "), _PlainText(F("body")), output_field=TextField()
                    ),
                    _search_query(query),
                    config=SEARCH_CONFIG,
                    start_sel=_MARK_START,
                    stop_sel=_MARK_END,
                    max_words=SNIPPET_WORDS,
                    min_words=SNIPPET_WORDS // 2,
                    max_fragments=2,
                    fragment_delimiter=" … ",
                )
            )
            .values_list("pk", "headline")
        )
        for article in articles:
            article.snippet = _marked_to_html(headlines.get(article.pk, ""))
    else:
        # Listings leave the body in the database: the page's bodies, in one query.
        bodies = dict(
            model._default_manager.using(database)
            .filter(pk__in=[article.pk for article in articles])
            .values_list("pk", "body")
        )
        words = query_words(query)
        for article in articles:
            text = f"{article.standfirst} {html_to_text(bodies.get(article.pk, ''))}"
            article.snippet = python_snippet(text, words)
    return articles


def _marked_to_html(marked):
    """Escape a PostgreSQL headline, then turn its match marks into <mark> elements."""
    parts = []
    for chunk in re.split(f"({_MARK_START}|{_MARK_END})", marked or ""):
        if chunk == _MARK_START:
            parts.append("<mark>")
        elif chunk == _MARK_END:
            parts.append("</mark>")
        else:
            # The stored body escapes & < > as entities: unescape, then escape once.
            parts.append(escape(html.unescape(chunk)))
    return mark_safe("".join(parts))  # noqa: S308  # nosec B308 B703  # every chunk escaped above


def python_snippet(text, words, length=SNIPPET_WORDS):
    """About ``length`` words of ``text`` around the first match of ``words``, matches marked.

    A word matches when its normalised form starts with one of ``words`` (normalised).
    """
    tokens = list(re.finditer(r"\w+", text))
    if not tokens:
        return ""
    # A text repeats its words: each distinct one is normalised once.
    matching = {}

    def is_match(token):
        found = matching.get(token)
        if found is None:
            normalized = normalize(token)
            found = matching[token] = any(normalized.startswith(word) for word in words)
        return found

    matches = [
        index for index, token in enumerate(tokens) if words and is_match(token.group())
    ]
    start = max(0, (matches[0] if matches else 0) - length // 4)
    end = min(len(tokens), start + length)
    matched = set(matches)
    parts = ["… " if start > 0 else ""]
    cursor = tokens[start].start()
    for index in range(start, end):
        token = tokens[index]
        parts.append(escape(text[cursor : token.start()]))
        if index in matched:
            parts.append(f"<mark>{escape(token.group())}</mark>")
        else:
            parts.append(escape(token.group()))
        cursor = token.end()
    if end < len(tokens):
        parts.append(" …")
    else:
        parts.append(escape(text[cursor:]))
    return mark_safe("".join(parts).strip())  # noqa: S308  # nosec B308 B703  # each piece escaped
