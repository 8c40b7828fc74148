"""The demo magazine's own pages (flat pages, editable in the admin) and who answers for it.

The page on the use of AI comes with the site (newsroom migration 0002), the page on
comment data with the comments app; these are the magazine's, one data file each in
``site_pages/`` (its address and title in TOML between ``+++`` lines, then its HTML).
"""

from pathlib import Path

from django.conf import settings
from django.contrib.flatpages.models import FlatPage
from django.contrib.sites.models import Site

from core.models import SiteSettings

from .datafiles import read_data_file

EDITORIAL_RESPONSIBILITY = "Sophie Garnier, directrice de la publication"

PAGES_FOLDER = Path(__file__).parent / "site_pages"


def read_pages(folder=PAGES_FOLDER):
    """``{url: (title, content)}`` of the pages' data files."""
    pages = {}
    for path in sorted(folder.glob("*.html")):
        fields, content = read_data_file(path)
        pages[fields["url"]] = (fields["title"], content)
    return pages


PAGES = read_pages()


def load_pages(created):
    """Create the missing pages; name who holds editorial responsibility if nobody is named."""
    site = Site.objects.get(pk=settings.SITE_ID)
    for url, (title, content) in PAGES.items():
        page, was_created = FlatPage.objects.get_or_create(
            url=url, defaults={"title": title, "content": content.strip()}
        )
        page.sites.add(site)
        created["pages"] += was_created
    site_settings = SiteSettings.current()
    if not site_settings.editorial_responsibility:
        site_settings.editorial_responsibility = EDITORIAL_RESPONSIBILITY
        site_settings.save()
