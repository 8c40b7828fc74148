"""The admin's forms and lists raise none of Django's warnings: an address typed without a
scheme is read as https:// (what Django 6 will do), and every list has an order, so its
pages neither repeat nor skip a row."""

import warnings

import pytest
from axes.models import AccessAttempt
from django.contrib import admin
from django.core.paginator import UnorderedObjectListWarning
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone
from django.utils.deprecation import RemovedInDjango60Warning

from articles.models import Tag
from tests.factories import make_user

pytestmark = pytest.mark.django_db


def test_no_admin_form_relies_on_the_http_default_of_address_fields():
    request = RequestFactory().get("/admin/")
    request.user = make_user("racine", is_superuser=True)
    with warnings.catch_warnings():
        warnings.simplefilter("error", RemovedInDjango60Warning)
        for model_admin in admin.site._registry.values():
            model_admin.get_form(request)
            for inline in model_admin.get_inline_instances(request):
                inline.get_formset(request)


@pytest.mark.parametrize("model", [Tag, AccessAttempt])
def test_lists_of_several_pages_have_an_order(superuser_client, model):
    if model is Tag:
        Tag.objects.bulk_create([Tag(name=f"Sujet {n}", slug=f"sujet-{n}") for n in range(3)])
    else:
        AccessAttempt.objects.bulk_create([
            AccessAttempt(username=f"essai{n}", ip_address="203.0.113.9", user_agent="x",
                          get_data="", post_data="", failures_since_start=1,
                          attempt_time=timezone.now())
            for n in range(3)
        ])
    model_admin = admin.site._registry[model]
    model_admin.list_per_page, per_page = 2, model_admin.list_per_page
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", UnorderedObjectListWarning)
            assert superuser_client.get(url).status_code == 200
            assert superuser_client.get(url + "?p=2").status_code == 200
    finally:
        model_admin.list_per_page = per_page
