# ruff: noqa: E501 -- prose: one paragraph per line reads and diffs best.
"""The demo magazine's own pages (flat pages, editable in the admin) and who answers for it.

The page on the use of AI comes with the site (newsroom migration 0002), the page on
comment data with the comments app; these are the magazine's.
"""

from django.conf import settings
from django.contrib.flatpages.models import FlatPage
from django.contrib.sites.models import Site

from core.models import SiteSettings

EDITORIAL_RESPONSIBILITY = "Sophie Garnier, directrice de la publication"

PAGES = {
    "/a-propos/": (
        "À propos",
        """
<p>Newsroom est un magazine en ligne sur les technologies et ce qu’elles changent dans nos vies : le matériel, l’intelligence artificielle, les réseaux, nos droits numériques.</p>
<h2>Une rédaction qui écrit avec l’IA</h2>
<p>La plupart de nos articles sont rédigés par un système d’intelligence artificielle à partir de sources que la rédaction choisit, puis relus, corrigés et publiés par un éditeur. D’autres sont écrits par nos journalistes, parfois aidés d’un outil d’IA. Chaque article le dit sous son titre, et <a href="/a-propos-de-l-ia/">une page explique notre méthode</a>.</p>
<h2>L’équipe</h2>
<ul>
<li><strong>Sophie Garnier</strong>, rédactrice en chef, relit les articles écrits par l’IA avant leur publication ;</li>
<li><strong>Camille Lefèvre</strong> suit l’intelligence artificielle et ses effets sur la société ;</li>
<li><strong>Julien Marchand</strong> couvre le matériel, les réseaux et le logiciel libre ;</li>
<li><strong>Inès Benali</strong> s’occupe de la consommation et de la vie numérique.</li>
</ul>
<h2>Nous écrire</h2>
<p>Une erreur, une précision, une idée de sujet ? Laissez un commentaire sous l’article concerné : la rédaction lit tous les messages, même ceux qu’elle ne publie pas.</p>
""",
    ),
    "/mentions-legales/": (
        "Mentions légales",
        """
<p>Newsroom est un magazine de démonstration : il montre ce que permet le logiciel du même nom. Ses auteurs, son éditrice et la société qui le publie sont fictifs.</p>
<h2>Éditeur</h2>
<p>Éditions Newsroom, société fictive, dont le siège imaginaire se trouve à Lyon.</p>
<h2>Direction de la publication</h2>
<p>Sophie Garnier, directrice de la publication, répond de l’ensemble des contenus publiés, qu’ils aient été écrits par une personne ou par une intelligence artificielle.</p>
<h2>Hébergement</h2>
<p>Le site est servi par l’ordinateur sur lequel il a été installé ; une installation réelle indique ici le nom, l’adresse et le téléphone de son hébergeur.</p>
<h2>Contenus rédigés par une IA</h2>
<p>Conformément aux règles européennes sur l’intelligence artificielle, les articles écrits par une IA ou avec son aide portent une mention sous leur titre, et un membre de la rédaction les relit avant publication. <a href="/a-propos-de-l-ia/">Notre page sur l’IA</a> détaille cette démarche.</p>
<h2>Illustrations</h2>
<p>Les images des articles sont des compositions géométriques dessinées par un programme pour cette démonstration, diffusées sous licence CC BY 4.0.</p>
<h2>Données personnelles</h2>
<p>Les commentaires et les données qui les accompagnent sont traités comme l’explique <a href="/confidentialite-commentaires/">notre page sur les données des commentateurs</a>.</p>
""",
    ),
}


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
