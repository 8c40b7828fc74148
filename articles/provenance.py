"""
Provenance of an article told to machines: the JSON-LD of its NewsArticle (articles/metadata.py)
says how it was written, who reviewed it and who answers for it.

The machine value is schema.org's ``digitalSourceType`` (the IPTC digital source codes, as on
images: trained algorithmic media for AI-generated text, a composite with it for AI-assisted
text), besides the page's ``<meta name="ai-disclosure">``. The words readers see go in
``creditText``, with the AI system named. The reviewer is the ``editor``; editorial
responsibility is the ``accountablePerson`` or, for a company, the publisher's ``legalName``;
``publishingPrinciples`` points to the page explaining the site's use of AI. The featured
image's ImageObject gets its own ``digitalSourceType``.
"""

from django.utils.text import capfirst
from django.utils.translation import gettext

from core.models import SiteSettings
from core.names import public_name

from .vocabulary import DigitalSourceType, WritingMethod


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
        data["editor"] = {"@type": "Person", "name": public_name(article.reviewed_by)}
    if article.written_with_ai:
        credit = article.ai_label()
        if article.ai_system:
            credit = gettext("%(label)s (AI system: %(system)s)") % {
                "label": credit,
                "system": article.ai_system,
            }
        data["creditText"] = credit
        data["digitalSourceType"] = (
            WritingMethod(article.writing_method).digital_source_type.schema_org
        )
    image = data.get("image")
    if isinstance(image, dict) and article.featured_image_id:
        image["digitalSourceType"] = DigitalSourceType(
            article.featured_image.digital_source_type
        ).schema_org
        note = article.featured_image.ai_note
        if note:
            credit = article.featured_image.credit_text
            image["creditText"] = f"{credit} ({note})" if credit else capfirst(note)
    return data
