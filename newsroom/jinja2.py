"""The Jinja2 environment of the reader site's templates (jinja2/).

Reader pages are rendered by Jinja2, which compiles templates to Python: a cold article
page costs a fraction of what the Django template language costs for the same HTML. The
admin, e-mails and staff pages stay Django templates (templates/).

The template tags' Python is reused as is: each is registered here as a global function
or a filter under the same name. Strings are translated by Django's gettext; Jinja2's
``{% trans %}`` blocks and ``_()``, ``pgettext()`` calls are extracted by the project's
``makemessages`` (newsroom/management/commands/makemessages.py).
"""

import functools
import html
import re
from datetime import datetime
from typing import NamedTuple

import jinja2
import jinja2.nodes
from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.template import defaultfilters
from django.template.backends import jinja2 as django_jinja2
from django.test.signals import template_rendered
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.safestring import SafeString
from django.utils.translation import trans_real
from jinja2.compiler import CodeGenerator
from markupsafe import Markup

from articles.templatetags import article_body, pictures, seo
from comments.rendering import comment_body
from comments.templatetags import comments_tags
from core.addresses import address_context, reverse_slug, reverse_without_arguments, static
from core.dates import format_date
from newsroom.templatetags import newsroom_tags

#: The name under which a page's context holds its ``PageLocale``.
PAGE_LOCALE = "_page_locale"
#: The name under which a page's context holds ``newsroom_tags.navigation_tags`` made to
#: fetch the menu's sections at its first call only (see ``navigation_tags()``).
PAGE_NAVIGATION_TAGS = "_page_navigation_tags"


class PageLocale(NamedTuple):
    """What the strings and addresses of a page depend on, read once when it starts rendering.

    Django keeps the active translation, the URL configuration and the script prefix in the
    thread's locals (asgiref's ``Local``: a few microseconds a read, behind a lock), and a
    page's fifty strings and fifteen addresses would each read them again. Nothing a
    template calls leaves them changed (``translation.override()`` restores what it
    changes), so what was active when the page started is active until its end.
    """

    #: The active translation object (``active_catalog()``).
    catalog: object
    #: core.addresses.address_context()
    addresses: tuple


def page_locale():
    """The ``PageLocale`` active now, for a page about to be rendered."""
    return PageLocale(active_catalog(), address_context())


def _page_locale(context):
    """The ``PageLocale`` of the page being rendered; read now for a template rendered
    without one (rendered by Jinja2 alone, as in tests)."""
    return context.parent.get(PAGE_LOCALE) or page_locale()


@jinja2.pass_context
def url(context, viewname, *args, **kwargs):
    """``{{ url("articles:author", slug=…) }}``: Django's ``{% url %}``.

    An address that takes only a slug (each card's bylines) is put together around it
    (core.addresses.reverse_slug), one that takes nothing (the home page) is remembered:
    the same addresses, without walking the URL patterns, in the page's language and URL
    configuration (``PageLocale``)."""
    if not args and len(kwargs) == 1 and "slug" in kwargs:
        return reverse_slug(viewname, kwargs["slug"], _page_locale(context).addresses)
    if not args and not kwargs:
        return reverse_without_arguments(viewname, _page_locale(context).addresses)
    return reverse(viewname, args=args or None, kwargs=kwargs or None)


def with_context(function):
    """A tag's function that takes the template context first (``takes_context``)."""

    @jinja2.pass_context
    @functools.wraps(function)
    def call(context, *args, **kwargs):
        return function(context, *args, **kwargs)

    return call


def escape(value):
    """Escapes as Django's templates do (``&quot;``, ``&#x27;``, where MarkupSafe writes
    ``&#34;``, ``&#39;``): the same pages byte for byte. What is safe HTML stays as is.

    Django's ``escape()`` is ``html.escape(str(value))`` behind a check for lazy strings
    that costs more than the escaping of most values a page prints: a lazy string is made
    a string here first. The result is always a safe string: the templates print it as it
    is (OutputCodeGenerator)."""
    if type(value) is str:
        return SafeString(html.escape(value))  # nosec B703  # escaped
    if type(value) is int:
        # Digits and a minus sign: nothing to escape (ids, widths, counts).
        return SafeString(value)  # nosec B703
    if hasattr(value, "__html__"):
        return value if isinstance(value, str) else SafeString(value.__html__())  # nosec B703
    return SafeString(html.escape(str(value)))  # nosec B703  # escaped


class OutputCodeGenerator(CodeGenerator):
    """Prints ``{{ … }}`` through the environment's ``finalize`` (``escape`` above) alone.

    Jinja2 escapes what ``finalize`` returns; that is safe already, so MarkupSafe's escape()
    would only copy it into a new string, for every value of every page.
    """

    def _prints_finalized(self, frame, finalize):
        context = frame.eval_ctx
        return finalize.src is not None and context.autoescape and not context.volatile

    def _output_child_pre(self, node, frame, finalize):
        if self._prints_finalized(frame, finalize):
            self.write(finalize.src)
        else:
            super()._output_child_pre(node, frame, finalize)

    def _output_child_post(self, node, frame, finalize):
        if self._prints_finalized(frame, finalize):
            self.write(")")
        else:
            super()._output_child_post(node, frame, finalize)

    def visit_Output(self, node, frame):
        """Text and ``{{ … }}`` between two tags as one string, joined where it is made.

        Jinja2 yields each run of text and each value on its own, and every piece of a
        page is then passed up through the generators of each template it extends or
        includes: a thousand resumptions an article page. Inside blocks and macros that
        write into a buffer, Jinja2's own code."""
        if frame.buffer is not None or frame.require_output_check:
            super().visit_Output(node, frame)
            return
        finalize = self._make_finalize()
        body = []
        # As Jinja2 does: constants are evaluated when the template is compiled.
        for child in node.nodes:
            try:
                if not (finalize.const or isinstance(child, jinja2.nodes.TemplateData)):
                    raise jinja2.nodes.Impossible()
                const = self._output_child_to_const(child, frame, finalize)
            except (jinja2.nodes.Impossible, Exception):
                body.append(child)
                continue
            if body and isinstance(body[-1], list):
                body[-1].append(const)
            else:
                body.append([const])
        if len(body) == 1:
            # One piece: yielded as Jinja2 yields it.
            super().visit_Output(node, frame)
            return
        # Each piece is a string: the text, or a value through finalize (escape(), which
        # returns a string) or str().
        self.writeline("yield str_join((")
        self.indent()
        for item in body:
            if isinstance(item, list):
                self.writeline(self._output_const_repr(item) + ",")
            else:
                self.newline(item)
                self._output_child_pre(item, frame, finalize)
                self.visit(item, frame)
                self._output_child_post(item, frame, finalize)
                self.write(",")
        self.outdent()
        self.writeline("))")


class ReaderEnvironment(jinja2.Environment):
    code_generator_class = OutputCodeGenerator


#: A ``%(name)s`` placeholder: the only kind Jinja2's ``{% trans %}`` blocks write.
NAMED_STRING = re.compile(r"%\(\w+\)s")


@functools.lru_cache(maxsize=1024)
def named_strings_only(text):
    """Whether the placeholders of ``text`` are all ``%(name)s`` (or ``%%``).

    MarkupSafe formats a ``Markup`` through a helper object for each value, which escapes
    it again (and leaves a safe string as it is) before printing it with ``str()``: for
    values already escaped into safe strings, ``%s`` gives the same text without it. Other
    conversions (``%d``, widths) are left to MarkupSafe."""
    return "%" not in NAMED_STRING.sub("", text.replace("%%", ""))


def translated(context, text, variables):
    """``text`` with ``variables`` put in, as Jinja2's "new style" gettext does: the
    translation is HTML, like Django's ``{% blocktranslate %}``; the variables are escaped."""
    if context.eval_ctx.autoescape:
        if not variables and "%" not in text:
            # What the formatting would give, without its cost: most strings of a page.
            return Markup(text)  # noqa: S704  # nosec B704  # the template's own text
        variables = {name: escape(value) for name, value in variables.items()}
        # The translation of a template's own text, as {% blocktranslate %} prints it.
        if named_strings_only(text):
            return Markup(text % variables)  # noqa: S704  # nosec B704  # escaped above
        return Markup(text) % variables  # noqa: S704  # nosec B704  # variables escaped above
    return text % variables


#: The translations of the templates' own strings, by the translation object active when
#: they were asked for (one for each language) and the message: each string of a page is
#: looked up in the catalogs once for each language in a process, not for every page.
_catalog_strings = {}
#: Off when USE_I18N is: Django's gettext then translates nothing, whatever is active.
_remembering = settings.USE_I18N

#: The settings that change what a translation object gives, or which one is active.
TRANSLATION_SETTINGS = frozenset({"USE_I18N", "LANGUAGES", "LANGUAGE_CODE", "LOCALE_PATHS"})


@receiver(setting_changed)
def forget_translations(setting, **kwargs):
    global _remembering
    if setting in TRANSLATION_SETTINGS:
        _catalog_strings.clear()
        _remembering = settings.USE_I18N


def active_catalog():
    """The active translation object, when the strings it gives may be remembered
    (``remembered``); None otherwise."""
    return getattr(trans_real._active, "value", None) if _remembering else None


def remembered(catalog, translate, *message):
    """``translate(*message)`` (Django's gettext or pgettext), looked up once for each
    translation object, ``catalog`` (``active_catalog()``): the same strings, without going
    through Django's lookup (the thread's translation, line ends, the catalog and its
    fallback) for each."""
    if catalog is None:
        # Django's default translation, or none: as Django decides, each time.
        return translate(*message)
    key = (catalog, translate, *message)
    try:
        return _catalog_strings[key]
    except KeyError:
        text = _catalog_strings[key] = translate(*message)
        return text


@jinja2.pass_context
def gettext(context, message, **variables):
    return translated(
        context, remembered(_page_locale(context).catalog, translation.gettext, message), variables
    )


@jinja2.pass_context
def ngettext(context, singular, plural, number, **variables):
    variables.setdefault("num", number)
    return translated(context, translation.ngettext(singular, plural, number), variables)


@jinja2.pass_context
def pgettext(context, message_context, message, **variables):
    catalog = _page_locale(context).catalog
    return translated(
        context, remembered(catalog, translation.pgettext, message_context, message), variables
    )


@jinja2.pass_context
def npgettext(context, message_context, singular, plural, number, **variables):
    variables.setdefault("num", number)
    return translated(
        context, translation.npgettext(message_context, singular, plural, number), variables
    )


@jinja2.pass_context
def navigation_tags(context):
    """The menu's sections (``newsroom_tags.navigation_tags()``), fetched once per page: the
    search page lists them again in its form. Fetched at each call for a template rendered
    without a page (by Jinja2 alone, as in tests)."""
    return context.parent.get(PAGE_NAVIGATION_TAGS, newsroom_tags.navigation_tags)()


def date(value, arg=None):
    """Django's ``date`` filter, in the current time zone as in Django's templates (the
    format split once, core.dates)."""
    value = timezone.template_localtime(value)
    if type(value) is not datetime:
        return defaultfilters.date(value, arg)
    return format_date(value, formats.get_format(arg or "DATE_FORMAT"))


@jinja2.pass_context
def comments_section(context, comments):
    """The comments section: threads, pages and the form (``comments_tags.comments_section``,
    rendered from the comments' own context and the request only)."""
    template = context.environment.get_template("comments/article_comments.html")
    section = comments_tags.comments_section(context, comments)
    # Part of the page: in its language (PageLocale).
    section[PAGE_LOCALE] = context.parent.get(PAGE_LOCALE)
    rendered = template.render(section)
    return Markup(rendered)  # noqa: S704  # nosec B704  # an autoescaped template's output


def environment(**options):
    # As Django's templates, in development too: a missing variable, or an attribute of
    # one, prints nothing.
    options["undefined"] = jinja2.ChainableUndefined
    # As Django's templates: an included file keeps its last line break.
    options.setdefault("keep_trailing_newline", True)
    options["extensions"] = [*options.get("extensions", ()), "jinja2.ext.i18n"]
    options["finalize"] = escape
    env = ReaderEnvironment(**options)  # noqa: S701  # nosec B701  # the backend turns autoescape on
    # {% trans %} blocks call these globals with their variables as keywords ("new style").
    env.newstyle_gettext = True
    env.globals.update(
        gettext=gettext,
        _=gettext,
        ngettext=ngettext,
        pgettext=pgettext,
        npgettext=npgettext,
        url=url,
        static=static,
        now=timezone.localtime,
        get_current_language=translation.get_language,
        # newsroom_tags
        navigation_tags=navigation_tags,
        language_links=with_context(newsroom_tags.language_links),
        page_url=with_context(newsroom_tags.page_url),
        page_numbers=newsroom_tags.page_numbers,
        site_icons=newsroom_tags.site_icons,
        # seo
        page_metadata=with_context(seo.page_metadata),
        canonical_url=with_context(seo.canonical_url),
        absolute_url=with_context(seo.absolute_url),
        news_article_json_ld=with_context(seo.news_article_json_ld),
        # pictures, article_body
        picture=pictures.picture,
        article_body=article_body.article_body,
        # comments_tags
        comments_url=with_context(comments_tags.comments_url),
        article_comments=with_context(comments_tags.article_comments),
        comments_section=comments_section,
        comment_form_fields=with_context(comments_tags.comment_form_fields),
    )
    env.filters.update(
        date=date,
        capfirst=defaultfilters.capfirst,
        linebreaks=functools.partial(defaultfilters.linebreaks_filter, autoescape=True),
        # Jinja2's forceescape leaves a string Django marked safe as it is.
        force_escape=defaultfilters.force_escape,
        urlencode=defaultfilters.urlencode,
        datetime_attr=newsroom_tags.datetime_attr,
        public_name=newsroom_tags.public_name_filter,
        display_name=newsroom_tags.display_name_filter,
        json_ld=seo.json_ld,
        rich_text=article_body.rich_text,
        comment_body=comment_body,
    )
    return env


class Template(django_jinja2.Template):
    """Sends Django's ``template_rendered`` signal, as Django's templates do under test, so
    that the test client's ``response.context`` works for Jinja2 pages too. Nobody listens
    outside tests, and a signal without receivers costs nothing."""

    def render(self, context=None, request=None):
        context = {} if context is None else context
        context[PAGE_LOCALE] = page_locale()
        context[PAGE_NAVIGATION_TAGS] = functools.cache(newsroom_tags.navigation_tags)
        try:
            # The backend adds the request and the context processors' variables to it.
            html = super().render(context, request)
        finally:
            # Jinja2 rendered a copy: the caller's dictionary keeps only what it had and
            # what the backend added, as with Django's own Jinja2 templates.
            del context[PAGE_LOCALE], context[PAGE_NAVIGATION_TAGS]
        if template_rendered.receivers:
            template_rendered.send(sender=self, template=self, context=context)
        return html


class Jinja2(django_jinja2.Jinja2):
    """Django's Jinja2 backend, its templates sending ``template_rendered``."""

    def from_string(self, template_code):
        return Template(self.env.from_string(template_code), self)

    def get_template(self, template_name):
        try:
            return Template(self.env.get_template(template_name), self)
        except jinja2.TemplateNotFound as exc:
            raise django_jinja2.TemplateDoesNotExist(exc.name, backend=self) from exc
        except jinja2.TemplateSyntaxError as exc:
            new = django_jinja2.TemplateSyntaxError(exc.args)
            new.template_debug = django_jinja2.get_exception_info(exc)
            raise new from exc
