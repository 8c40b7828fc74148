"""WSGI entry point for Newsroom."""

import os

import django

from newsroom.handlers import NewsroomWSGIHandler
from newsroom.warmup import warm_up

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
# What django.core.wsgi.get_wsgi_application() does, with the site's handler.
django.setup(set_prefix=False)
application = NewsroomWSGIHandler()
# Under gunicorn (preload_app), in the master: every worker it forks starts warm.
warm_up()
