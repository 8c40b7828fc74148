"""WSGI entry point for Newsroom."""

import os

import django

from newsroom.handlers import NewsroomWSGIHandler

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
# What django.core.wsgi.get_wsgi_application() does, with the site's handler.
django.setup(set_prefix=False)
application = NewsroomWSGIHandler()
