"""Create the site settings, with the page explaining how the site writes with AI (its
footer links there) and the comment-data page of the comments app as comment policy.
Both stay editable in the admin: Site settings, and Flat pages."""

from django.conf import settings
from django.db import migrations

DISCLOSURE_URL = "/a-propos-de-l-ia/"
DISCLOSURE_TITLE = "L’intelligence artificielle dans nos articles"
DISCLOSURE_CONTENT = """
<p>Une partie des articles de ce site est écrite par des systèmes d’intelligence artificielle
générative, ou avec leur aide. Nous le signalons sur chaque article concerné, juste sous son
titre. Cette page explique ce que veulent dire ces mentions et comment nous travaillons.</p>

<h2>Ce que disent nos mentions</h2>
<ul>
<li><strong>Rédigé par une IA</strong> : le texte a été produit par un système d’IA, à partir
des sources citées en bas de l’article, puis relu par un membre de la rédaction avant sa
publication.</li>
<li><strong>Rédigé avec l’aide d’une IA</strong> : une personne de la rédaction a écrit
l’article en se servant d’un outil d’IA, pour bâtir un plan, résumer des documents, traduire
ou reformuler.</li>
<li><strong>Sans mention</strong> : l’article a été écrit par les personnes qui le signent,
sans IA générative.</li>
</ul>

<h2>Une relecture humaine avant toute publication</h2>
<p>Aucun texte rédigé par une IA n’est mis en ligne sans avoir été relu par un éditeur qui
n’en est pas l’auteur. Cet éditeur confronte le texte aux sources, corrige ce qui doit
l’être et peut refuser la publication. Son nom figure sur l’article, à côté de la mention.</p>

<h2>Les images</h2>
<p>Quand une image a été générée ou modifiée par une IA, sa ligne de crédit l’indique.</p>

<h2>Une information lisible aussi par les machines</h2>
<p>Chaque article déclare sa provenance dans le code de la page, par la balise
<em>ai-disclosure</em> et dans ses données structurées, à l’intention des moteurs de
recherche, des lecteurs d’écran et des outils de vérification.</p>

<h2>Une erreur ?</h2>
<p>Signalez-la en commentaire sous l’article concerné : nous la corrigeons et indiquons la
date de la mise à jour.</p>
"""
COMMENT_POLICY_URL = "/confidentialite-commentaires/"


def create_settings(apps, schema_editor):
    Site = apps.get_model("sites", "Site")
    FlatPage = apps.get_model("flatpages", "FlatPage")
    SiteSettings = apps.get_model("newsroom", "SiteSettings")
    # The comments migration made the site of SITE_ID already (see its comments).
    site = Site.objects.filter(pk=settings.SITE_ID).first()
    disclosure, _created = FlatPage.objects.get_or_create(
        url=DISCLOSURE_URL,
        defaults={"title": DISCLOSURE_TITLE, "content": DISCLOSURE_CONTENT.strip()},
    )
    if site is not None:
        disclosure.sites.add(site)
    SiteSettings.objects.get_or_create(
        pk=1,
        defaults={
            "site_name": settings.NEWSROOM_SITE_NAME,
            "disclosure_page": disclosure,
            "comment_policy_page": FlatPage.objects.filter(url=COMMENT_POLICY_URL).first(),
        },
    )


def remove_settings(apps, schema_editor):
    apps.get_model("newsroom", "SiteSettings").objects.all().delete()
    apps.get_model("flatpages", "FlatPage").objects.filter(
        url=DISCLOSURE_URL, title=DISCLOSURE_TITLE
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("newsroom", "0001_initial"),
        ("comments", "0002_moderation_roles_and_privacy_page"),
        ("flatpages", "0001_initial"),
        ("sites", "0002_alter_domain_unique"),
    ]

    operations = [migrations.RunPython(create_settings, remove_settings)]
