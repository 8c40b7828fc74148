"""The editors' and authors' admin: articles, the media library, tags and old addresses.

Roles are enforced here through querysets and permissions, not by hiding
buttons: an author's queryset holds only their own articles, and every status
change goes through ``articles.actions``.
"""


from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag as TaggitTag

from . import articles, images, taxonomy  # noqa: F401  (registers the model admins)

admin.site.site_header = _("Newsroom")
admin.site.site_title = _("Newsroom")

# The project's own Tag replaces taggit's; two "Tags" pages would confuse editors.
if admin.site.is_registered(TaggitTag):
    admin.site.unregister(TaggitTag)
