# ruff: noqa: E501 -- prose: one paragraph per line reads and diffs best.
"""Demo articles whose main tag is Technologie."""

from ..base import DemoArticle, DemoImage

ARTICLES = (
    DemoArticle(
        title="Fin du réseau cuivre : ce qui attend les derniers abonnés ADSL",
        standfirst="Commune après commune, le vieux réseau téléphonique en cuivre s’éteint au profit de la fibre. Pour la plupart des foyers, la bascule est une formalité ; pour certains équipements oubliés, c’est une autre histoire.",
        body="""
<p>Il a transporté les conversations téléphoniques de plusieurs générations, puis l’internet des années 2000. Le réseau en cuivre vit ses dernières années. Son propriétaire a engagé un plan de fermeture progressive, commune par commune, qui doit s’achever à la fin de la décennie. Dans les zones concernées, les abonnés reçoivent un courrier plusieurs mois à l’avance, puis la ligne s’arrête à la date prévue.</p>
<p>Pour la majorité des foyers, la transition se résume à un changement d’abonnement. La fibre offre des débits sans commune mesure avec l’ADSL, et les prix sont comparables. Là où elle n’est pas encore arrivée, des offres passant par les réseaux mobiles ou par satellite prennent le relais.</p>
<h2>Les équipements qu’on oublie</h2>
<p>La difficulté se niche ailleurs : dans tous ces appareils branchés sur une prise téléphonique depuis des années, et auxquels plus personne ne pense.</p>
<ul>
<li>les <strong>systèmes de téléassistance</strong> des personnes âgées, dont certains modèles anciens ne fonctionnent que sur ligne classique ;</li>
<li>les <strong>alarmes</strong> de maisons et de commerces, qui appellent un centre de surveillance ;</li>
<li>les <strong>téléphones d’urgence des ascenseurs</strong>, obligatoires dans les immeubles ;</li>
<li>les <strong>terminaux de paiement</strong> et quelques télécopieurs, encore bien vivants chez certains professionnels.</li>
</ul>
<blockquote><p>Le cas qui m’inquiète le plus, c’est la dame de quatre-vingt-dix ans dont le médaillon d’alerte n’appellera plus personne et qui ne le saura pas.</p></blockquote>
<p>Cette crainte, exprimée par Jérôme Faure, technicien qui intervient chez des particuliers dans l’Aveyron, est partagée par les élus locaux. Les opérateurs assurent contacter les abonnés concernés, mais un appareil de téléassistance n’est pas toujours déclaré au nom de la personne qui l’utilise.</p>
<h2>Comment s’y préparer</h2>
<ol>
<li>Vérifier si sa commune figure au calendrier de fermeture, publié en ligne.</li>
<li>Faire l’inventaire de tout ce qui est branché sur la prise téléphonique.</li>
<li>Contacter les fournisseurs de téléassistance ou d’alarme pour connaître leur solution de remplacement.</li>
<li>Prévoir une intervention technique avant la date de fermeture, pas après.</li>
</ol>
<p>L’extinction du cuivre est une bonne nouvelle pour la qualité des réseaux. Elle suppose simplement de ne laisser personne au bout d’une ligne muette.</p>
""",
        tags=("Technologie", "Société"),
        sources=("francetvinfo", "next"),
        authors=("ines.benali",),
        image=DemoImage(
            alt_text="Bandes diagonales translucides de largeurs différentes sur un dégradé allant du lie-de-vin à l’abricot.",
            caption="Le cuivre s’éteint commune par commune au profit de la fibre.",
            credit="Baptiste Roux",
            colours=("#6b2737", "#f2a65a"),
            motif="stripes",
        ),
        day=-3,
        time="09:30",
    ),
    DemoArticle(
        title="Extinction de la 2G et de la 3G : les objets que le réseau risque de laisser en route",
        standfirst="Les opérateurs éteignent progressivement leurs plus anciens réseaux mobiles pour libérer des fréquences. Les téléphones ne sont pas les plus concernés : ce sont les machines qui posent problème.",
        body="""
<p>Qui utilise encore la 2G ? Pas grand monde parmi les humains. Mais des millions de machines, oui. Compteurs, alarmes, distributeurs automatiques, balises de flotte de véhicules, bornes de recharge : ces objets n’ont besoin que de quelques octets par jour, et la 2G leur suffisait parfaitement. Elle était bon marché, économe en énergie et présente partout. C’est précisément cette base installée qui complique l’extinction des anciens réseaux.</p>
<p>Les opérateurs français ont annoncé leurs calendriers : la 2G d’abord, puis la 3G, d’ici la fin de la décennie. L’objectif est de réutiliser les fréquences libérées pour la 4G et la 5G, bien plus efficaces, et de ne plus entretenir trois générations d’équipements en parallèle.</p>
<h2>Le cas sensible des voitures</h2>
<p>Un équipement concentre les inquiétudes : l’<strong>appel d’urgence automatique</strong> des voitures, obligatoire sur les modèles neufs en Europe depuis 2018. En cas d’accident grave, le véhicule compose de lui-même le 112 et transmet sa position. Or la première génération de ce système s’appuie sur les réseaux 2G et 3G. Une version compatible avec les réseaux récents existe, mais des millions de véhicules en circulation n’en disposent pas.</p>
<p>Pour Fabien Rochette, qui dirige une société installant des capteurs industriels, la difficulté est ailleurs :</p>
<blockquote><p>Le problème n’est pas technique, il est d’inventaire. Personne ne sait exactement combien d’appareils dépendent encore de la 2G, ni où ils se trouvent.</p></blockquote>
<p>Les fédérations professionnelles font le même diagnostic. Pour un ascensoriste ou un gestionnaire de parc de compteurs, remplacer un modem implique de déplacer un technicien sur chaque site, parfois dans des lieux difficiles d’accès.</p>
<h2>Les remplaçants sont prêts</h2>
<p>Les réseaux mobiles récents disposent de déclinaisons conçues pour les objets, comme le LTE-M et le NB-IoT, qui consomment très peu et traversent mieux les murs. Les modules sont devenus abordables. Reste à faire le travail, appareil par appareil. Les particuliers, eux, ont peu d’inquiétudes à avoir : un téléphone de moins de dix ans fonctionne en 4G. Seuls les très vieux modèles, parfois gardés pour leur batterie inusable, deviendront muets.</p>
""",
        tags=("Technologie",),
        sources=("usinenouvelle", "numerama"),
        authors=("julien.marchand",),
        image=DemoImage(
            alt_text="Cercles concentriques clairs qui évoquent les ondes d’une antenne, sur un dégradé allant du gris ardoise au vert sauge.",
            caption="Compteurs, alarmes et voitures dépendent encore des anciens réseaux.",
            credit="Margaux Delorme",
            colours=("#2f3e46", "#84a98c"),
            motif="circles",
        ),
        day=-7,
        time="11:15",
    ),
    DemoArticle(
        title="Quand les serveurs chauffent la piscine municipale",
        standfirst="Un centre de données rejette de la chaleur jour et nuit. De plus en plus de villes la récupèrent pour chauffer des logements, des serres ou des bassins. Une idée simple, dont la mise en œuvre l’est beaucoup moins.",
        body="""
<p>L’eau du grand bassin affiche 27 °C, comme tous les matins. Les nageurs l’ignorent, mais une partie de cette chaleur provient d’un bâtiment sans fenêtres situé à quelques centaines de mètres, où des milliers de serveurs tournent en permanence. Leur chaleur, autrefois rejetée dans l’air par des climatiseurs, est désormais captée et envoyée dans le réseau de chaleur de la ville.</p>
<p>Le principe relève du bon sens : toute l’électricité consommée par un serveur finit sous forme de chaleur. On parle de <strong>chaleur fatale</strong>, parce qu’elle est produite de toute façon. La récupérer évite de brûler du gaz pour chauffer des bâtiments voisins. La directive européenne sur l’efficacité énergétique pousse d’ailleurs les grands centres de données à valoriser leur chaleur lorsque c’est réalisable.</p>
<h2>Trois conditions à réunir</h2>
<p>Sur le terrain, les projets se heurtent à des contraintes très concrètes :</p>
<ol>
<li><strong>La température</strong> : l’air qui sort des serveurs dépasse rarement 35 °C, trop peu pour un réseau de chauffage classique. Il faut ajouter des pompes à chaleur, qui consomment de l’électricité.</li>
<li><strong>La distance</strong> : la chaleur se transporte mal. Au-delà de quelques kilomètres, les pertes et le coût des canalisations ruinent l’intérêt du projet.</li>
<li><strong>La saisonnalité</strong> : le centre de données produit autant de chaleur en juillet qu’en janvier, alors que les logements n’en veulent qu’en hiver. D’où l’intérêt des piscines, qui consomment toute l’année.</li>
</ol>
<blockquote><p>Le plus difficile n’est pas l’échangeur thermique. C’est de mettre autour d’une table un exploitant privé, une collectivité et un gestionnaire de réseau qui n’ont pas les mêmes horizons de temps.</p></blockquote>
<p>Ce témoignage d’Aurélie Dumas, cheffe de projet dans une société d’économie mixte, rappelle qu’un contrat de fourniture de chaleur engage sur quinze ou vingt ans, alors qu’un centre de données peut changer de propriétaire ou d’équipements bien plus vite.</p>
<p>Les serveurs refroidis par liquide changent toutefois la donne, car ils restituent une eau plus chaude, directement exploitable. Les nouveaux projets intègrent désormais la récupération de chaleur dès la conception, et choisissent leur emplacement en conséquence. Le centre de données idéal, disent ses promoteurs, ne se cache plus en zone industrielle : il s’installe à côté de ceux qui ont froid.</p>
""",
        tags=("Technologie", "Société"),
        sources=("lemonde", "usinenouvelle"),
        authors=("ines.benali",),
        image=DemoImage(
            alt_text="Cercles concentriques clairs rayonnant depuis un point, sur un dégradé allant du grenat au rose.",
            caption="La chaleur des serveurs, récupérée pour un réseau de chauffage urbain.",
            credit="Élise Fontaine",
            colours=("#590d22", "#ff758f"),
            motif="circles",
        ),
        day=-12,
        time="08:00",
    ),
    DemoArticle(
        title="Clés d’accès : la fin du mot de passe approche, lentement",
        standfirst="Les grands services en ligne proposent de remplacer le mot de passe par une clé d’accès, déverrouillée par l’empreinte ou le visage. Plus simple et plus sûr, le système peine pourtant à convaincre.",
        body="""
<p>Le mot de passe est la pire des solutions, à l’exception de toutes les autres. La formule a longtemps résumé l’impasse de la sécurité en ligne. Réutilisés d’un site à l’autre, volés par hameçonnage, devinés par des robots, les mots de passe sont à l’origine d’une grande partie des piratages de comptes. Les <strong>clés d’accès</strong>, ou <em>passkeys</em>, promettent d’en finir.</p>
<h2>Comment ça marche</h2>
<p>Lorsque vous créez une clé d’accès pour un site, votre appareil génère une paire de clés cryptographiques. La clé publique est envoyée au site ; la clé privée ne quitte jamais votre téléphone, votre ordinateur ou votre gestionnaire de mots de passe. Pour vous connecter, le site vous envoie un défi que seule votre clé privée peut signer, après que vous l’avez déverrouillée avec votre empreinte, votre visage ou votre code.</p>
<p>L’avantage décisif tient en un mot : l’<strong>hameçonnage</strong> devient presque impossible. La clé est liée au nom de domaine du site. Sur une fausse page imitant votre banque, elle ne fonctionnera tout simplement pas, même si vous vous laissez berner. Les normes qui sous-tendent le système sont publiées par l’<a href="https://fidoalliance.org/">Alliance FIDO</a> et le W3C, et les grands éditeurs les ont adoptées.</p>
<h2>Pourquoi l’adoption traîne</h2>
<p>Malgré ces atouts, les clés d’accès restent minoritaires. Les raisons sont surtout humaines :</p>
<ul>
<li>le vocabulaire est déroutant, et chaque service présente l’option différemment ;</li>
<li>la synchronisation entre appareils dépend de l’écosystème, ce qui complique la vie des utilisateurs qui mélangent les marques ;</li>
<li>la perte ou le changement de téléphone inquiète, même si les clés sont généralement sauvegardées ;</li>
<li>beaucoup de sites conservent le mot de passe en secours, ce qui laisse subsister la faille.</li>
</ul>
<p>« Les utilisateurs ne font pas confiance à ce qu’ils ne comprennent pas, et une clé invisible est difficile à comprendre », note Karine Joly, qui mène des tests d’ergonomie pour des services en ligne. La technologie est prête ; reste à la rendre aussi évidente qu’un trousseau de clés. Notre conseil : activez les clés d’accès sur vos comptes les plus sensibles, messagerie et banque en tête, et gardez un moyen de récupération à jour. Le mot de passe ne disparaîtra pas du jour au lendemain, mais il peut déjà cesser d’être votre seule protection.</p>
""",
        tags=("Technologie",),
        sources=("arstechnica", "numerama"),
        authors=("julien.marchand",),
        image=DemoImage(
            alt_text="Grille de petits carrés clairs, certains allumés, sur un dégradé allant du bleu sarcelle à l’ambre doré.",
            caption="Une clé cryptographique remplace le mot de passe, sans jamais quitter l’appareil.",
            credit="Nadia Cherki",
            colours=("#0a9396", "#ee9b00"),
            motif="grid",
        ),
        day=-23,
        time="07:45",
    ),
    DemoArticle(
        title="Logiciel libre dans les administrations : la souveraineté passe aussi par le code",
        standfirst="Messagerie, bureautique, visioconférence : des administrations européennes remplacent leurs logiciels propriétaires par des solutions libres. Un choix politique autant que technique, qui demande de la constance.",
        body="""
<p>Le mot revient dans tous les discours : <strong>souveraineté numérique</strong>. Derrière la formule, une inquiétude concrète. Une administration qui confie ses documents, sa messagerie et ses échanges à des services contrôlés par des entreprises étrangères dépend de décisions qu’elle ne maîtrise pas : hausse des prix, changement de conditions, évolution du droit applicable aux données.</p>
<p>Le logiciel libre apporte une réponse partielle mais solide. Son code peut être lu, audité, modifié et hébergé où l’on veut. En France, l’État tient à jour une liste de logiciels libres recommandés pour ses services, et publie une partie de ses propres développements sur <a href="https://code.gouv.fr/">code.gouv.fr</a>. Plusieurs ministères utilisent une messagerie instantanée et des outils collaboratifs développés en interne à partir de briques libres.</p>
<h2>Des migrations ambitieuses</h2>
<p>Ailleurs en Europe, certaines collectivités vont plus loin. Une région allemande a engagé le passage de dizaines de milliers de postes de travail vers une suite bureautique libre, avec l’objectif de migrer ensuite les systèmes d’exploitation. Des villes françaises annoncent des démarches comparables.</p>
<blockquote><p>Le logiciel libre n’est pas gratuit. On ne paie plus de licences, mais on paie des compétences. Et c’est exactement là que l’argent public devrait aller.</p></blockquote>
<p>Ce plaidoyer d’Olivier Mercier, responsable informatique d’une agglomération qui a migré sa bureautique, rappelle une leçon des échecs passés. Plusieurs grandes migrations des années 2000 ont fait marche arrière, faute d’accompagnement des agents, de support interne et de constance politique après un changement de majorité.</p>
<h2>Les conditions du succès</h2>
<ul>
<li>former les agents avant la bascule, pas après ;</li>
<li>disposer d’une équipe interne capable de corriger et d’adapter les logiciels, ou d’un prestataire engagé sur la durée ;</li>
<li>contribuer aux projets utilisés, pour ne pas dépendre du travail bénévole d’autrui ;</li>
<li>mutualiser entre administrations, plutôt que de réinventer chacune sa solution.</li>
</ul>
<p>La souveraineté numérique ne se décrète pas dans un discours. Elle se construit, budget après budget, par des équipes qui maintiennent le code dans la durée.</p>
""",
        tags=("Technologie", "Société"),
        sources=("next", "echos"),
        authors=("camille.lefevre",),
        image=DemoImage(
            alt_text="Réseau de nœuds blancs reliés par des traits fins, sur un dégradé allant du bleu profond au vert tendre.",
            caption="Un code public, auditable et hébergé où l’on veut.",
            credit="Baptiste Roux",
            colours=("#184e77", "#76c893"),
            motif="network",
        ),
        day=-36,
        time="10:15",
    ),
    DemoArticle(
        title="Constellations de satellites : les astronomes cherchent la parade",
        standfirst="Des milliers de satellites en orbite basse fournissent de l’internet partout sur la planète. Ils laissent aussi des traînées lumineuses sur les images des télescopes et brouillent l’écoute des radioastronomes.",
        body="""
<p>La première fois que les astronomes ont vu défiler un chapelet de satellites fraîchement lancés, ils ont cru à un phénomène passager. Quelques années plus tard, le ciel nocturne compte des milliers de satellites de télécommunications en orbite basse, et les projets en prévoient des dizaines de milliers d’autres. Pour l’observation du ciel, la question n’est plus de savoir s’il y aura un impact, mais comment le limiter.</p>
<h2>Des traînées sur les images</h2>
<p>Vus depuis le sol, ces satellites reflètent la lumière du Soleil, surtout au crépuscule et à l’aube. Sur une image de télescope à longue exposition, chacun laisse une traînée lumineuse. Les grands relevés du ciel, qui photographient de larges portions de la voûte céleste chaque nuit, sont particulièrement touchés : une part croissante de leurs images contient au moins une traînée.</p>
<p>Les logiciels savent repérer et masquer ces défauts, mais pas sans perte. Une traînée brillante peut saturer les capteurs et masquer un objet faible, comme un astéroïde encore inconnu.</p>
<blockquote><p>Nous ne demandons pas l’arrêt de ces services. Nous demandons que le ciel soit considéré comme un environnement à protéger, au même titre qu’un littoral.</p></blockquote>
<p>Cette position, défendue par Léna Fournier, astrophysicienne dans un observatoire du sud de la France, est portée au niveau international par l’<a href="https://www.iau.org/">Union astronomique internationale</a>, qui a créé un centre dédié à la protection du ciel sombre et silencieux.</p>
<h2>Des solutions partielles</h2>
<ul>
<li>des revêtements et pare-soleil pour rendre les satellites moins réfléchissants ;</li>
<li>le partage des positions précises des satellites, pour que les observatoires évitent de pointer au mauvais moment ;</li>
<li>des orbites plus basses, qui réduisent la durée de visibilité nocturne ;</li>
<li>une meilleure maîtrise des émissions radio parasites, qui gênent les radiotélescopes.</li>
</ul>
<p>Certains opérateurs ont accepté de travailler avec les astronomes, et les premiers satellites assombris ont montré une nette amélioration. Mais aucune règle internationale contraignante n’encadre aujourd’hui la luminosité des satellites. Dans un espace où chacun lance ce qu’il veut tant qu’il dispose des autorisations de fréquences, la bonne volonté reste la principale protection du ciel étoilé.</p>
""",
        tags=("Technologie",),
        sources=("nature", "arstechnica"),
        authors=("julien.marchand",),
        image=DemoImage(
            alt_text="Planète stylisée entourée d’orbites elliptiques parsemées de petits points blancs, sur un dégradé allant du noir au bleu électrique.",
            caption="Des milliers de satellites en orbite basse, visibles au crépuscule.",
            credit="Théo Vasseur",
            colours=("#000814", "#4361ee"),
            motif="orbits",
        ),
        day=-47,
        time="21:00",
    ),
    DemoArticle(
        title="Rust dans le noyau Linux : de l’expérience à l’habitude",
        standfirst="Accueilli à titre expérimental il y a quelques années, le langage Rust s’installe dans le noyau Linux, pilote après pilote. Une cohabitation qui n’a pas toujours été paisible.",
        body="""
<p>Le noyau Linux est écrit en C depuis plus de trente ans. C’est un langage rapide, proche du matériel, que des milliers de contributeurs maîtrisent. C’est aussi un langage qui laisse le programmeur seul face à la gestion de la mémoire, et les erreurs dans ce domaine figurent parmi les failles de sécurité les plus fréquentes. Le langage <strong>Rust</strong> promet d’éliminer une grande partie de ces erreurs dès la compilation, sans sacrifier les performances.</p>
<p>Son arrivée dans le noyau s’est faite par petites touches. D’abord une infrastructure minimale, puis des abstractions permettant d’écrire des pilotes, enfin les premiers pilotes réels, notamment pour des cartes graphiques et des composants réseau. Les discussions techniques, archivées sur les listes de diffusion et commentées sur <a href="https://lwn.net/">LWN.net</a>, témoignent d’un chantier considérable.</p>
<h2>Des frictions humaines</h2>
<p>La difficulté n’a jamais été seulement technique. Introduire un second langage dans un projet de cette taille oblige les mainteneurs de sous-systèmes écrits en C à accepter du code qu’ils ne savent pas toujours relire. Certains ont refusé d’en assumer la charge. Des échanges tendus ont éclaté sur les listes, et plusieurs contributeurs Rust ont fini par prendre du recul, épuisés par ce qu’ils décrivaient comme des débats sans fin.</p>
<blockquote><p>Écrire le pilote prend trois mois. Convaincre les bonnes personnes qu’il a sa place dans l’arbre peut en prendre douze.</p></blockquote>
<p>Cette boutade d’un développeur qui travaille sur un pilote graphique résume bien la situation des premières années. Le ton s’est néanmoins apaisé. Les responsables du projet ont clarifié la règle du jeu : le code Rust est le bienvenu, et ce sont ses promoteurs qui assument l’essentiel de l’effort d’adaptation lorsque les interfaces en C évoluent.</p>
<p>Personne n’envisage de réécrire le noyau entier en Rust, ce qui n’aurait aucun sens. L’objectif est plus pragmatique : écrire en Rust les nouveaux pilotes, là où se concentrent les bogues, et laisser le cœur historique en C. Les distributions commencent à livrer des noyaux compilés avec le support de Rust, et les fabricants de matériel s’y intéressent. Pour un projet qui a vu passer trois décennies de modes technologiques, c’est peut-être le signe le plus net : Rust n’est plus une expérience, c’est un outil de plus dans la boîte.</p>
""",
        tags=("Technologie",),
        sources=("lwn", "register"),
        authors=("julien.marchand",),
        image=DemoImage(
            alt_text="Larges bandes diagonales claires sur un dégradé allant du gris anthracite au brun rouille.",
            caption="Deux langages dans un même noyau, pilote après pilote.",
            credit="Margaux Delorme",
            colours=("#2b2d42", "#d68c45"),
            motif="stripes",
        ),
        day=-53,
        time="09:00",
    ),
    DemoArticle(
        title="Wi-Fi 7 : faut-il changer de box et de routeur ?",
        standfirst="La nouvelle génération de Wi-Fi promet des débits records et une latence réduite. Dans un appartement ordinaire, le gain est pourtant loin d’être toujours spectaculaire.",
        body="""
<p>Les fournisseurs d’accès mettent en avant le <strong>Wi-Fi 7</strong> dans leurs nouvelles box, et les fabricants de routeurs ont suivi. Sur le papier, les promesses sont vertigineuses : des débits théoriques de plusieurs dizaines de gigabits par seconde et une latence réduite pour les jeux en ligne et la réalité virtuelle. Mais qu’est-ce qui change vraiment, et pour qui ?</p>
<h2>Les nouveautés en bref</h2>
<ul>
<li><strong>Des canaux plus larges</strong> : jusqu’à 320 MHz dans la bande des 6 GHz, soit le double de la génération précédente. Plus le canal est large, plus il transporte de données.</li>
<li><strong>Le fonctionnement multi-liens</strong> : un appareil peut utiliser simultanément plusieurs bandes de fréquences, ce qui améliore le débit et surtout la stabilité de la connexion.</li>
<li><strong>Une modulation plus dense</strong>, qui loge davantage de bits dans chaque symbole transmis, à condition d’être très proche du point d’accès.</li>
</ul>
<p>En Europe, seule la partie basse de la bande des 6 GHz est ouverte au Wi-Fi, ce qui limite le nombre de canaux très larges disponibles. Dans un immeuble où chaque voisin s’équipe, ces canaux risquent de se partager rapidement.</p>
<h2>Ce que nous avons mesuré</h2>
<p>Dans notre appartement de test, avec un ordinateur compatible placé dans la même pièce que la box, le gain par rapport au Wi-Fi 6E est net pour les gros transferts de fichiers. Deux pièces plus loin, derrière un mur porteur, l’écart se réduit fortement : les fréquences élevées traversent mal les obstacles. Le bénéfice le plus sensible au quotidien est ailleurs : la connexion décroche moins souvent lors des déplacements dans le logement, grâce au multi-liens.</p>
<p>Encore faut-il que vos appareils parlent le Wi-Fi 7 : un routeur dernier cri n’accélère en rien un ordinateur portable de quatre ans ou une télévision connectée en Wi-Fi 5. Notre recommandation : inutile de remplacer un équipement récent qui fonctionne bien. En revanche, si votre box a plus de cinq ans ou si votre fournisseur propose la nouvelle génération sans surcoût, le Wi-Fi 7 est un bon investissement pour les années à venir, au rythme où vous renouvellerez vos appareils.</p>
""",
        tags=("Technologie", "Hardware"),
        sources=("theverge", "numerama"),
        authors=("ines.benali", "julien.marchand"),
        image=DemoImage(
            alt_text="Cercles concentriques clairs comme les ondes d’un émetteur, sur un dégradé allant du noir bleuté à l’orange brûlé.",
            caption="Des canaux plus larges, mais des murs toujours aussi épais.",
            credit="Élise Fontaine",
            colours=("#03071e", "#e85d04"),
            motif="circles",
        ),
        day=-60,
        time="12:30",
    ),
)
