"""The reader site's Jinja2 templates (jinja2/): their strings reach the translators, and
they print text escaped as Django's templates did."""

from pathlib import Path

from django.conf import settings
from django.template import engines
from django.utils import translation
from django.utils.translation import trans_real
from jinja2.ext import GETTEXT_FUNCTIONS, extract_from_ast

from newsroom.management.commands.makemessages import gettext_calls

TEMPLATES = Path(settings.BASE_DIR) / "jinja2"


def translatable_strings():
    """(template, function, strings) of every gettext call of the reader templates."""
    environment = engines["jinja2"].env
    for path in sorted(TEMPLATES.rglob("*.html")):
        tree = environment.parse(path.read_text(encoding="utf-8"))
        for _line, function, strings in extract_from_ast(tree, GETTEXT_FUNCTIONS, False):
            yield path.relative_to(TEMPLATES), function, strings


def test_every_string_of_the_reader_pages_has_its_french_translation():
    catalog = trans_real.translation("fr")._catalog
    missing = []
    for template, function, strings in translatable_strings():
        if function in ("pgettext", "npgettext"):
            key = f"{strings[0]}\x04{strings[1]}"
        else:
            key = strings[0]
        if function.startswith(("ngettext", "npgettext")):
            key = (key, 0)
        if not catalog.get(key):
            missing.append((str(template), strings))
    assert missing == []
    assert len(list(translatable_strings())) > 100


def test_makemessages_gives_xgettext_the_strings_of_jinja2_blocks_plurals_and_contexts():
    source = (
        '<p>{{ _("Search") }}</p>\n'
        "{% trans trimmed name=tag.name %}\n  No article in {{ name }}.\n{% endtrans %}\n"
        '{% trans counter=count %}{{ counter }} comment{% pluralize counter %}'
        "{{ counter }} comments{% endtrans %}\n"
        '{{ pgettext("between the last two author names", "and") }}'
    )
    assert gettext_calls(source).splitlines() == [
        "gettext('Search'); ",
        "gettext('No article in %(name)s.'); ",
        "",
        "",
        "ngettext('%(counter)s comment', '%(counter)s comments'); ",
        "pgettext('between the last two author names', 'and'); ",
    ]


def test_text_and_translations_are_escaped_as_django_templates_escape_them():
    template = engines["jinja2"].from_string(
        '<a title="{{ title }}">{% trans name=name %}Reply to {{ name }}{% endtrans %}</a>'
    )
    with translation.override("fr"):
        html = template.render({"title": "l'\"été\" <b>", "name": "<script>"})
    assert html == (
        '<a title="l&#x27;&quot;été&quot; &lt;b&gt;">Répondre à &lt;script&gt;</a>'
    )


def test_url_gives_the_address_django_gives():
    from django.urls import reverse

    template = engines["jinja2"].from_string(
        '{{ url("articles:author", slug="ines-garnier") }}'
        '|{{ url("articles:archive_year", year=2026) }}|{{ url("articles:home") }}'
    )
    for _round in range(2):  # the second time from what the first one remembered
        for language in ("fr", "en"):
            with translation.override(language):
                assert template.render({}).split("|") == [
                    reverse("articles:author", kwargs={"slug": "ines-garnier"}),
                    reverse("articles:archive_year", kwargs={"year": 2026}),
                    reverse("articles:home"),
                ]


def test_a_page_reads_its_language_once_and_keeps_it_to_its_end():
    """What a page's strings and addresses depend on is read when it starts rendering
    (PageLocale): a template rendered in French is French to its last string, in loops too,
    and the next page, in English, is English."""
    template = engines["jinja2"].from_string(
        '{% for slug in ["un", "deux"] %}{{ _("Search") }} {{ url("articles:tag", slug=slug) }}'
        ' {{ url("articles:search") }}|{% endfor %}'
    )
    with translation.override("fr"):
        french = template.render({})
    with translation.override("en"):
        english = template.render({})
    assert french == "Rechercher /tags/un/ /search/|Rechercher /tags/deux/ /search/|"
    assert english == "Search /en/tags/un/ /en/search/|Search /en/tags/deux/ /en/search/|"


class Fragment:
    """Not a string, but HTML: what a form's bound field is to a template."""

    def __html__(self):
        return "<i>safe</i>"


def test_every_value_is_printed_escaped_once_as_django_escapes_it():
    import enum

    from django.utils.functional import lazy
    from django.utils.html import conditional_escape
    from django.utils.safestring import mark_safe
    from markupsafe import Markup

    class Level(enum.IntEnum):
        HIGH = 3

        def __str__(self):
            return "<high & mighty>"

    values = {
        "text": "l'\"été\" <b> & co",
        "lazy": lazy(lambda: "<lazy 'text'>", str)(),
        "number": 5,
        "negative": -12345678901234567890,
        "yes": True,
        "level": Level.HIGH,
        "nothing": None,
        "safe": mark_safe("<b>bold</b>"),
        "markup": Markup("<em>&amp;</em>"),
        "fragment": Fragment(),
    }
    template = engines["jinja2"].from_string("|".join(f"{{{{ {name} }}}}" for name in values))

    assert template.render(values) == "|".join(
        str(conditional_escape(value)) for value in values.values()
    )
    assert template.render({}) == "|" * (len(values) - 1)


def test_static_addresses_follow_a_change_of_settings():
    from django.test import override_settings

    from core.addresses import static

    template = engines["jinja2"].from_string("{{ static('css/site.css') }}")
    assert template.render({}) == "/static/css/site.css"
    with override_settings(STATIC_URL="/assets/"):
        assert template.render({}) == static("css/site.css") == "/assets/css/site.css"
    assert template.render({}) == "/static/css/site.css"


def test_translations_without_variables_are_formatted_as_jinja2_formats_them():
    template = engines["jinja2"].from_string(
        '{{ _("Search") }}|{{ _("Up 50%% <b>today</b>") }}|{{ _("Search")|upper }}'
    )
    with translation.override("en"):
        assert template.render({}) == "Search|Up 50% <b>today</b>|SEARCH"
    with translation.override("fr"):
        assert template.render({}).startswith("Rechercher|")


def test_translations_with_values_are_formatted_as_markupsafe_formats_them():
    """Values go into a translation without MarkupSafe's formatting where that gives the
    same text (``%(name)s`` only), through it elsewhere (``%d``)."""
    from markupsafe import Markup

    from newsroom.jinja2 import escape

    values = {"name": "<l'été>", "part": Markup("<i>x</i>"), "n": 3}
    texts = ["%(name)s: 100%% of %(part)s", "%(n)d items", "%%(name)s and %(name)s"]
    template = engines["jinja2"].from_string(
        "|".join(
            f"{{{{ _({text!r}, name=name, part=part, n=n) }}}}" for text in texts
        )
    )
    with translation.override("en"):
        html = template.render(values)
    escaped = {name: escape(value) for name, value in values.items()}
    assert html == "|".join(str(Markup(text) % escaped) for text in texts)  # noqa: S704
    assert html.startswith("&lt;l&#x27;été&gt;: 100% of <i>x</i>|3 items|%(name)s and &lt;")


def test_translations_follow_the_active_language_and_the_settings():
    """The templates' strings are looked up once for each language, and again when the
    settings change the catalogs."""
    from django.test import override_settings

    template = engines["jinja2"].from_string(
        '{{ _("Search") }}|{{ pgettext("between the last two author names", "and") }}'
        '|{% trans name="<Ana>" %}Reply to {{ name }}{% endtrans %}'
    )
    for _round in range(2):  # the second time from what the first one looked up
        with translation.override("fr"):
            assert template.render({}) == "Rechercher|et|Répondre à &lt;Ana&gt;"
        with translation.override("en"):
            assert template.render({}) == "Search|and|Reply to &lt;Ana&gt;"
    with translation.override("fr"), override_settings(LOCALE_PATHS=[]):
        # The catalogs read again, without the project's: only Django's own strings.
        search = translation.gettext("Search")
        assert template.render({}) == f"{search}|and|Reply to &lt;Ana&gt;"
    with translation.override("fr"):
        assert template.render({}) == "Rechercher|et|Répondre à &lt;Ana&gt;"
        with translation.override(None):
            assert template.render({}) == "Search|and|Reply to &lt;Ana&gt;"


def test_text_and_values_between_two_tags_are_one_piece_of_output():
    template = engines["jinja2"].from_string(
        "<p>{{ x }} and {{ y }}</p>{% if y %}<b>{{ x }}</b>{% endif %}{{ z }}"
        "{% set kept %}<i>{{ x }}</i>{% endset %}{{ kept }}"
    )
    values = {"x": "<a & 'b'>", "y": 1, "z": None}
    pieces = list(template.template.generate(values))

    assert pieces == [
        "<p>&lt;a &amp; &#x27;b&#x27;&gt; and 1</p>",
        "<b>&lt;a &amp; &#x27;b&#x27;&gt;</b>",
        "None",
        "<i>&lt;a &amp; &#x27;b&#x27;&gt;</i>",
    ]
    assert template.render(values) == "".join(pieces)
