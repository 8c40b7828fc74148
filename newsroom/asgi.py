"""ASGI entry point for Newsroom."""

import os

import django

from newsroom.handlers import NewsroomASGIHandler

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
# What django.core.asgi.get_asgi_application() does, with the site's handler.
django.setup(set_prefix=False)
application = NewsroomASGIHandler()
