"""The roles declared in core/roles.py are what the groups hold after every migrate."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command

from core.roles import AUTHORS, EDITORS, MODERATORS, ROLES, apply_roles

pytestmark = pytest.mark.django_db


def held(name):
    return {
        f"{app_label}.{codename}"
        for app_label, codename in Group.objects.get(name=name).permissions.values_list(
            "content_type__app_label", "codename"
        )
    }


def test_after_migrate_each_group_holds_exactly_its_declared_permissions():
    assert set(ROLES) == {EDITORS, AUTHORS, MODERATORS}
    for name, permissions in ROLES.items():
        assert held(name) == permissions, name


def test_applying_again_changes_nothing_and_undoes_changes_made_by_hand():
    editors = Group.objects.get(name=EDITORS)
    editors.permissions.remove(Permission.objects.get(codename="publish_article"))
    Group.objects.get(name=AUTHORS).permissions.add(
        Permission.objects.get(codename="publish_article")
    )
    Group.objects.filter(name=MODERATORS).delete()

    apply_roles()
    first = {name: held(name) for name in ROLES}
    apply_roles()

    assert {name: held(name) for name in ROLES} == first == dict(ROLES)
    assert Group.objects.filter(name__in=ROLES).count() == 3


def test_migrate_applies_them(capsys):
    Group.objects.get(name=AUTHORS).permissions.clear()

    call_command("migrate", verbosity=0)

    assert held(AUTHORS) == ROLES[AUTHORS]


def test_what_each_role_may_and_may_not_do():
    editors, authors, moderators = ROLES[EDITORS], ROLES[AUTHORS], ROLES[MODERATORS]
    assert {"articles.publish_article", "articles.manage_sections",
            "core.change_sitesettings"} <= editors
    assert not authors & {"articles.publish_article", "articles.edit_any_article",
                          "articles.change_tag", "articles.manage_sections"}
    assert moderators == {name for name in editors if name.startswith("comments.")}
