"""The four tags of the demo magazine, and the publications its articles cite."""

TAGS = {
    "Hardware": (
        "Processeurs, mémoire, smartphones, serveurs : tout ce qui se touche, se démonte "
        "et chauffe. Nous y suivons la fabrication des puces comme la durée de vie de nos "
        "appareils."
    ),
    "Intelligence Artificielle": (
        "Modèles de langage, vision par ordinateur, agents : ce que les systèmes d'IA "
        "savent vraiment faire, ce qu'ils coûtent et les règles qui les encadrent."
    ),
    "Société": (
        "Vie privée, inclusion, travail, école : la manière dont le numérique transforme "
        "notre quotidien, et les débats publics qu'il soulève."
    ),
    "Technologie": (
        "Réseaux, logiciels, énergie, espace : les infrastructures invisibles qui font "
        "tourner le monde connecté, expliquées sans jargon."
    ),
}

# Publications cited as sources, by key: name and homepage.
SOURCES = {
    "arstechnica": ("Ars Technica", "https://arstechnica.com/"),
    "echos": ("Les Echos", "https://www.lesechos.fr/"),
    "francetvinfo": ("Franceinfo", "https://www.francetvinfo.fr/"),
    "ieee": ("IEEE Spectrum", "https://spectrum.ieee.org/"),
    "lemonde": ("Le Monde", "https://www.lemonde.fr/"),
    "liberation": ("Libération", "https://www.liberation.fr/"),
    "lwn": ("LWN.net", "https://lwn.net/"),
    "nature": ("Nature", "https://www.nature.com/"),
    "next": ("Next", "https://next.ink/"),
    "numerama": ("Numerama", "https://www.numerama.com/"),
    "quechoisir": ("Que Choisir", "https://www.quechoisir.org/"),
    "register": ("The Register", "https://www.theregister.com/"),
    "reuters": ("Reuters", "https://www.reuters.com/"),
    "techcrunch": ("TechCrunch", "https://techcrunch.com/"),
    "techreview": ("MIT Technology Review", "https://www.technologyreview.com/"),
    "theverge": ("The Verge", "https://www.theverge.com/"),
    "usinenouvelle": ("L'Usine Nouvelle", "https://www.usinenouvelle.com/"),
    "wired": ("Wired", "https://www.wired.com/"),
}
