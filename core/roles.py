"""The newsroom's roles, declared once: each group and exactly the permissions it holds.

``apply_roles`` runs after every ``migrate`` (``post_migrate``): it creates the groups that
are missing and gives each exactly the permissions below, adding and removing, so that
changing a role means changing this module. Permissions granted to these groups in the
admin do not last; give a person more rights through their own account or another group.

Permissions are named ``app_label.codename`` strings: this module imports no app.
"""

import logging

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import DEFAULT_DB_ALIAS

logger = logging.getLogger(__name__)

EDITORS = "Editors"
AUTHORS = "Authors"
MODERATORS = "Moderators"

#: The roles whose members must use two-factor sign-in when the site requires it
#: (ADMIN_2FA_REQUIRED); superusers too.
TWO_FACTOR_ROLES = frozenset({EDITORS})


def _crud(app_label, model, actions=("add", "change", "delete", "view")):
    return {f"{app_label}.{action}_{model}" for action in actions}


#: Moderating reader comments and keeping the blocklist.
COMMENT_MODERATION = {
    "comments.view_comment",
    "comments.change_comment",
    "comments.delete_comment",
    "comments.moderate_comment",
    *_crud("comments", "blocklistentry"),
}

ROLES = {
    # Everything on articles, images and tags; publishing, reviewing, choosing the sections;
    # the site's pages and settings; comments, as moderators do.
    EDITORS: frozenset(
        {
            *_crud("articles", "article"),
            "articles.publish_article",
            "articles.edit_any_article",
            "articles.review_article",
            *_crud("articles", "image"),
            *_crud("articles", "tag"),
            "articles.manage_sections",
            *_crud("articles", "source"),
            "articles.view_articleslugredirect",
            "articles.delete_articleslugredirect",
            # The old addresses of the site (a WordPress import records them).
            *_crud("redirects", "redirect"),
            "auth.view_user",
            # The address of everyone's author page (each staff member edits their own).
            "accounts.view_profile",
            "accounts.change_profile",
            *_crud("flatpages", "flatpage"),
            "core.change_sitesettings",
            "core.view_sitesettings",
            *COMMENT_MODERATION,
        }
    ),
    # Their own articles, up to submitting them for review; images added, never changed.
    AUTHORS: frozenset(
        {
            *_crud("articles", "article", ("add", "change", "view")),
            "articles.add_image",
            "articles.view_image",
            "articles.view_tag",
            *_crud("articles", "source"),
        }
    ),
    MODERATORS: frozenset(COMMENT_MODERATION),
}


def apply_roles(apps=None, using=DEFAULT_DB_ALIAS, **kwargs):
    """Give each group of ``ROLES`` exactly its permissions; safe to run again and again."""
    apps = apps or global_apps
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    # Models added by this very migrate get their permissions now, whatever the order in
    # which the apps receive post_migrate.
    for app_config in global_apps.get_app_configs():
        if app_config.models_module is not None:
            create_permissions(app_config, verbosity=0, using=using, apps=apps)
    for name, wanted in ROLES.items():
        group, _created = Group.objects.using(using).get_or_create(name=name)
        group.permissions.set(_permissions(Permission, wanted, using))


def _permissions(Permission, names, using):  # noqa: N803 - a model class
    found = {}
    labels = {name.split(".", 1)[0] for name in names}
    for permission in Permission.objects.using(using).filter(
        content_type__app_label__in=labels
    ).select_related("content_type"):
        found[f"{permission.content_type.app_label}.{permission.codename}"] = permission
    missing = sorted(set(names) - set(found))
    if missing:
        # A migration back in time (its models do not exist yet), or a typo here, which
        # tests/core/test_roles.py catches: grant what exists, say what does not.
        logger.warning("Roles name permissions that do not exist: %s", ", ".join(missing))
    return [found[name] for name in names if name in found]
