"""The site this installation serves cannot be deleted from the admin, alone or in bulk."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.sites.models import Site

pytestmark = pytest.mark.django_db


def test_a_superuser_cannot_delete_the_site_in_use(client, settings):
    root = get_user_model().objects.create_superuser("racine", "r@example.test", "pw")
    client.force_login(root)
    site = Site.objects.get(pk=settings.SITE_ID)

    page = client.get(f"/admin/sites/site/{site.pk}/delete/")
    client.post(f"/admin/sites/site/{site.pk}/delete/", {"post": "yes"})
    client.post(
        "/admin/sites/site/",
        {"action": "delete_selected", "_selected_action": [site.pk], "post": "yes"},
    )

    assert page.status_code == 403
    assert Site.objects.filter(pk=site.pk).exists()
    assert client.get(f"/admin/sites/site/{site.pk}/change/").status_code == 200
