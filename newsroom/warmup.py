"""What a server process would otherwise do on its first requests, done once at start.

A fresh process answers its first article in about half a second instead of a few
milliseconds: it imports the views, compiles the Jinja2 templates, loads each language's
translations and builds the URL patterns' indexes. newsroom/wsgi.py calls ``warm_up()``
once the application is loaded. Under gunicorn, whose configuration loads the application
in the master (``preload_app``), the work is done once, before any worker is forked: every
worker, including those recycled under load (``max_requests``), starts warm and shares the
result's memory with the others.

Nothing here opens a database or cache connection: a connection made in the master would
be shared by every forked worker.
"""

from importlib import import_module

from django.conf import settings
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.cache.backends.redis import RedisCache
from django.template import engines
from django.urls import reverse
from django.utils import formats, translation
from django.utils.module_loading import import_string


def warm_up():
    """Load and compile what every process needs to answer its first reader page."""
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            # The URL patterns imported (and so every view), and indexed by name for this
            # language's prefix; the language's catalogs and formats loaded.
            reverse("articles:home")
            formats.get_format("DATE_FORMAT")
    compile_templates()
    # Made when first used, the static files' storage reads its manifest of hashed names.
    staticfiles_storage.base_url  # noqa: B018
    import_string(settings.MESSAGE_STORAGE)
    for cache in settings.CACHES.values():
        backend = import_string(cache["BACKEND"])
        # Django's Redis cache backend imports its client library (some sixty modules)
        # when it is first used.
        if issubclass(backend, RedisCache):
            import_module("redis")


def compile_templates():
    """Compile every Jinja2 template of the reader site into the environment's cache, and
    import every engine's context processors."""
    for engine in engines.all():
        # The Django template backend keeps them on its own engine.
        getattr(engine, "engine", engine).template_context_processors  # noqa: B018
        environment = getattr(engine, "env", None)
        if environment is None:
            continue
        for name in environment.list_templates():
            environment.get_template(name)
