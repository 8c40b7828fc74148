"""
Provenance of an article told to machines: the JSON-LD of its NewsArticle (articles/metadata.py)
says how it was written, who reviewed it and who answers for it.

schema.org has no term for AI writing yet, so the disclosure goes in ``creditText`` (the line
that credits the work, as readers see it, with the AI system named) and the page's
``<meta name="ai-disclosure">`` carries the machine value. The reviewer is the ``editor``;
editorial responsibility is the ``accountablePerson`` or, for a company, the publisher's
``legalName``; ``publishingPrinciples`` points to the page explaining the site's use of AI.
"""

from django.utils.translation import gettext

from newsroom.models import SiteSettings
from newsroom.templatetags.newsroom_tags import display_name


def add_provenance(data, article, absolute):
    """Add the provenance of ``article`` to its NewsArticle ``data``; ``absolute`` makes URLs."""
    site = SiteSettings.current()
    if site.disclosure_url:
        data["publishingPrinciples"] = absolute(site.disclosure_url)
    if site.editorial_responsibility:
        if site.responsible_is_organization:
            data.setdefault("publisher", {"@type": "Organization"})
            data["publisher"]["legalName"] = site.editorial_responsibility
        else:
            data["accountablePerson"] = {
                "@type": "Person",
                "name": site.editorial_responsibility,
            }
    if article.review_done and article.reviewed_by_id:
        data["editor"] = {"@type": "Person", "name": display_name(article.reviewed_by)}
    if article.written_with_ai:
        credit = article.ai_label()
        if article.ai_system:
            credit = gettext("%(label)s (AI system: %(system)s)") % {
                "label": credit,
                "system": article.ai_system,
            }
        data["creditText"] = credit
    return data
