"""The site settings moved from the project package to core: a database made before the
move keeps its row and its editors keep the right to change it."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from core.roles import EDITORS

BEFORE = [("newsroom", "0003_editors_manage_pages_and_settings"), ("core", None)]


@pytest.fixture
def executor():
    executor = MigrationExecutor(connection)
    yield executor
    # Leave the database as the rest of the suite expects it.
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_moving_the_settings_keeps_their_row_and_the_editors_permission(executor):
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE[0]).apps
    old.get_model("newsroom", "SiteSettings").objects.update_or_create(
        pk=1, defaults={"site_name": "La Gazette du Port"}
    )
    ContentType = old.get_model("contenttypes", "ContentType")
    assert ContentType.objects.filter(app_label="newsroom", model="sitesettings").exists()

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    from django.contrib.auth.models import Group, Permission
    from django.contrib.contenttypes.models import ContentType

    from core.models import SiteSettings

    ContentType.objects.clear_cache()
    assert SiteSettings.objects.get().site_name == "La Gazette du Port"
    assert not ContentType.objects.filter(app_label="newsroom", model="sitesettings").exists()
    change = Permission.objects.get(content_type__app_label="core", codename="change_sitesettings")
    assert change in Group.objects.get(name=EDITORS).permissions.all()
