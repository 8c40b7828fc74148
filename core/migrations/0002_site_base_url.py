"""The site's base URL joins its name in the site settings: its first value comes from
SITE_BASE_URL, and the Sites framework's domain follows it."""

from urllib.parse import urlsplit

from django.conf import settings
from django.db import migrations, models


def first_base_url(apps, schema_editor):
    base_url = settings.SITE_BASE_URL
    if not base_url:
        return
    SiteSettings = apps.get_model("core", "SiteSettings")
    SiteSettings.objects.filter(base_url="").update(base_url=base_url)
    Site = apps.get_model("sites", "Site")
    Site.objects.filter(pk=settings.SITE_ID).update(domain=urlsplit(base_url).netloc)


class Migration(migrations.Migration):

    dependencies = [
        ('core', '0001_site_settings_from_newsroom'),
        ("sites", "0002_alter_domain_unique"),
    ]

    operations = [
        migrations.AddField(
            model_name='sitesettings',
            name='base_url',
            field=models.URLField(blank=True, help_text='Its scheme and host, such as https://magazine.example: the address of every link that leaves the site (canonical links, feeds, sitemaps, e-mails, structured data). Left empty, pages use the address they are asked at.', verbose_name='address of the site'),
        ),
        migrations.RunPython(first_base_url, migrations.RunPython.noop),
    ]
