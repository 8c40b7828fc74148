# ruff: noqa: E501 -- prose: one paragraph per line reads and diffs best.
"""Demo articles whose main tag is Intelligence Artificielle."""

from ..base import DemoArticle, DemoImage

ARTICLES = (
    DemoArticle(
        title="Les petits modèles de langage s’invitent dans nos téléphones",
        standfirst="Plus besoin d’un centre de données pour résumer un message ou corriger un texte : des modèles compacts tournent désormais directement sur les smartphones. Un progrès pour la vie privée, avec des limites bien réelles.",
        body="""
<p>La course aux modèles d’intelligence artificielle géants a longtemps éclipsé une tendance plus discrète : la miniaturisation. Des modèles de quelques milliards de paramètres seulement, soit cent fois moins que les plus gros, parviennent désormais à résumer un fil de discussion, proposer une réponse à un courriel ou reformuler un paragraphe. Et ils le font <strong>sans quitter le téléphone</strong>.</p>
<p>Pour y parvenir, les ingénieurs combinent plusieurs astuces. La <em>distillation</em> consiste à entraîner le petit modèle à imiter les réponses d’un grand. La <em>quantification</em> réduit la précision des nombres qui composent le modèle, de seize bits à quatre, ce qui divise d’autant la mémoire nécessaire. Enfin, des adaptateurs légers spécialisent le même modèle de base pour différentes tâches, sans avoir à en charger plusieurs.</p>
<p>Le bénéfice le plus évident concerne la confidentialité : un message résumé localement n’est transmis à personne. La latence y gagne aussi, tout comme la disponibilité, puisque ces fonctions marchent en mode avion. Les éditeurs, eux, apprécient une autre vertu, moins souvent mise en avant : chaque requête traitée sur l’appareil est une requête qu’ils n’ont pas à payer dans le cloud.</p>
<blockquote><p>Un petit modèle ne sait pas tout, mais il n’a pas besoin de tout savoir pour corriger l’orthographe d’un SMS.</p></blockquote>
<p>La formule, que nous a confiée Romain Lacaze, ingénieur dans une start-up parisienne spécialisée dans l’optimisation de modèles, résume la philosophie du moment. Car les limites sont nettes. Interrogés sur des faits précis, ces modèles compacts se trompent beaucoup plus souvent que leurs grands frères. Ils occupent aussi plusieurs gigaoctets de stockage et réclament beaucoup de mémoire vive, ce qui réserve les fonctions les plus avancées aux téléphones haut de gamme.</p>
<p>Les constructeurs ont donc adopté une architecture hybride :</p>
<ul>
<li>les tâches courtes et personnelles restent sur l’appareil ;</li>
<li>les demandes complexes partent vers des serveurs, parfois après accord explicite de l’utilisateur ;</li>
<li>le choix entre les deux se fait automatiquement, ce qui rend la frontière difficile à percevoir.</li>
</ul>
<p>C’est sur ce dernier point que les défenseurs de la vie privée attendent des garanties. Savoir qu’un traitement <em>peut</em> rester local ne suffit pas ; encore faut-il savoir, à chaque fois, où il s’est réellement déroulé.</p>
""",
        tags=("Intelligence Artificielle", "Technologie"),
        sources=("theverge", "techreview"),
        authors=("camille.lefevre",),
        image=DemoImage(
            alt_text="Réseau de points blancs reliés par des traits fins, sur un dégradé allant du bleu nuit au violet lavande.",
            caption="Des modèles plus petits, qui tiennent dans la mémoire d’un téléphone.",
            credit="Élise Fontaine",
            colours=("#1a1a40", "#7a5cff"),
            motif="network",
        ),
        day=-1,
        time="07:30",
    ),
    DemoArticle(
        title="Règlement européen sur l’IA : ce qui change pour les équipes qui développent",
        standfirst="Le texte s’applique par étapes et classe les systèmes selon leur niveau de risque. Pour la plupart des développeurs, les obligations sont plus légères qu’on ne le dit ; pour certains, elles sont lourdes.",
        body="""
<p>Depuis son adoption, le règlement européen sur l’intelligence artificielle, souvent appelé <strong>AI Act</strong>, alimente autant de fantasmes que de formations payantes. Nous avons tenté de répondre simplement aux questions que se posent les équipes techniques. Le texte intégral est disponible sur <a href="https://eur-lex.europa.eu/">EUR-Lex</a>, pour qui a quelques heures devant soi.</p>
<h2>Mon application est-elle concernée ?</h2>
<p>Probablement, mais sans doute pas beaucoup. Le règlement ne vise pas une technologie en tant que telle, il vise des <em>usages</em>, rangés en quatre niveaux de risque :</p>
<ol>
<li>les pratiques <strong>interdites</strong>, comme la notation sociale des citoyens ou certaines formes de manipulation ;</li>
<li>les systèmes <strong>à haut risque</strong>, utilisés par exemple pour trier des candidatures, accorder un crédit ou piloter une infrastructure critique ;</li>
<li>les systèmes soumis à des obligations de <strong>transparence</strong>, comme les assistants conversationnels, qui doivent signaler qu’on parle à une machine ;</li>
<li>tout le reste, c’est-à-dire l’immense majorité des usages, sans obligation spécifique.</li>
</ol>
<h2>Et si j’utilise un grand modèle fourni par un tiers ?</h2>
<p>Les fournisseurs de modèles dits « à usage général » ont leurs propres obligations : documentation technique, politique de respect du droit d’auteur, résumé des données d’entraînement. Celui qui intègre ce modèle dans un produit hérite, lui, des règles liées à son usage. Un chatbot de service client devra afficher qu’il est automatisé ; un outil de présélection de CV entrera dans la catégorie à haut risque, avec tout ce que cela implique.</p>
<h2>Concrètement, que faut-il prévoir ?</h2>
<p>Pour les systèmes à haut risque, la liste est longue : gestion des risques documentée, qualité des données d’entraînement, journalisation, contrôle humain, robustesse et cybersécurité. Autant de sujets que les bonnes équipes traitaient déjà, mais rarement par écrit.</p>
<blockquote><p>Le plus gros travail n’est pas technique. Il consiste à écrire noir sur blanc ce que l’on faisait déjà plus ou moins bien.</p></blockquote>
<p>Le conseil de Pauline Verdier, juriste spécialisée qui accompagne plusieurs éditeurs de logiciels, vaut pour tous : commencer par un inventaire des usages de l’IA dans l’entreprise. C’est souvent là que l’on découvre l’outil de tri de candidatures branché par un service sans que personne ne le sache.</p>
""",
        tags=("Intelligence Artificielle", "Société"),
        sources=("lemonde", "next"),
        authors=("camille.lefevre",),
        image=DemoImage(
            alt_text="Grille de petits carrés clairs, dont certains plus lumineux, sur un dégradé allant du bleu roi au jaune d’or.",
            caption="Quatre niveaux de risque, et autant de niveaux d’obligations.",
            credit="Baptiste Roux",
            colours=("#002855", "#e0b100"),
            motif="grid",
        ),
        day=-5,
        time="09:15",
    ),
    DemoArticle(
        title="Modèles « ouverts » : ce que cache vraiment l’étiquette",
        standfirst="Publier les poids d’un modèle d’IA ne suffit pas à en faire un logiciel libre. Le débat sur la définition de l’ouverture n’a rien de théorique : il conditionne la recherche, la concurrence et la confiance.",
        body="""
<p>Chaque semaine, un nouveau modèle d’intelligence artificielle se présente comme « ouvert ». Le mot rassure, il évoque des décennies de logiciel libre et de collaboration. Il recouvre pourtant des réalités très différentes, et les chercheurs comme les juristes demandent davantage de précision.</p>
<h2>Trois choses que l’on peut ouvrir</h2>
<p>Un modèle d’IA ne se résume pas à un programme. Pour le comprendre et le reproduire, il faut distinguer trois ingrédients :</p>
<ul>
<li><strong>les poids</strong>, ces milliards de nombres issus de l’entraînement, qui permettent d’utiliser le modèle ;</li>
<li><strong>le code</strong> d’entraînement et d’évaluation, qui dit comment ces poids ont été obtenus ;</li>
<li><strong>les données</strong>, c’est-à-dire les textes, images ou sons sur lesquels le modèle a appris.</li>
</ul>
<p>La plupart des modèles dits ouverts ne publient que le premier ingrédient. C’est déjà beaucoup : on peut les faire tourner sur ses propres machines, les adapter à une tâche, les auditer en partie. Mais sans les données, impossible de savoir ce qu’ils ont lu, ni de vérifier qu’un test de performance ne figurait pas, par mégarde, dans le corpus d’entraînement.</p>
<h2>Des licences à lire attentivement</h2>
<p>S’y ajoute la question des licences. Certaines autorisent tout usage, y compris commercial. D’autres interdisent des domaines d’application, imposent un plafond d’utilisateurs au-delà duquel il faut négocier, ou se réservent le droit de modifier les conditions. Rien de tout cela ne correspond à la définition du logiciel libre, qui exclut justement toute discrimination d’usage.</p>
<blockquote><p>Appeler « open source » un modèle dont on cache les données, c’est comme publier un binaire en prétendant livrer le code source.</p></blockquote>
<p>La comparaison revient souvent dans la bouche des défenseurs d’une définition stricte, portée notamment par l’<a href="https://opensource.org/">Open Source Initiative</a>. Leurs contradicteurs objectent que publier des données d’entraînement pose d’énormes problèmes de droit d’auteur et de vie privée. Les deux camps ont raison sur un point : le vocabulaire actuel ne permet pas au public de comparer. En attendant un consensus, le réflexe le plus sain reste de lire la licence, et de chercher ce que le mot « ouvert » désigne précisément dans chaque annonce.</p>
""",
        tags=("Intelligence Artificielle", "Technologie"),
        sources=("wired", "arstechnica"),
        authors=("julien.marchand", "camille.lefevre"),
        image=DemoImage(
            alt_text="Nœuds blancs reliés par des traits fins, formant un graphe, sur un dégradé allant du vert sapin au terracotta.",
            caption="Poids, code, données : trois niveaux d’ouverture pour un même modèle.",
            credit="Théo Vasseur",
            colours=("#0f3d3e", "#e07a5f"),
            motif="network",
        ),
        day=-11,
        time="14:00",
    ),
    DemoArticle(
        title="Breton, occitan, alsacien : l’IA peut-elle aider les langues régionales ?",
        standfirst="Des associations de locuteurs construisent leurs propres outils de traduction et de reconnaissance vocale. Un travail de fourmi qui se heurte à un obstacle de taille : le manque de textes numérisés.",
        body="""
<p>Dans une salle de classe d’une école immersive du Finistère, une enseignante dicte une phrase en breton à une tablette. Le texte s’affiche, presque sans faute. Il y a quelques années, aucun outil grand public n’en était capable. Le progrès ne vient pas d’un géant de la technologie, mais d’un collectif de bénévoles, de linguistes et de développeurs qui ont enregistré, transcrit et corrigé des centaines d’heures de parole.</p>
<p>Les grands modèles de langage savent désormais traduire des dizaines de langues. Mais leur qualité dépend directement de la quantité de textes disponibles sur le web, et les langues régionales y sont très peu présentes. Résultat : les traductions automatiques produisent souvent un breton approximatif, truffé de calques du français, qui fait grincer les dents des locuteurs natifs.</p>
<h2>Constituer des corpus, phrase après phrase</h2>
<p>Pour combler ce vide, plusieurs initiatives appellent les locuteurs à contribuer. On y lit des phrases à voix haute, on valide les enregistrements des autres, on traduit des textes libres de droits. Les projets occitans s’attaquent en plus à une difficulté particulière : la langue se décline en plusieurs dialectes, avec des orthographes parfois concurrentes.</p>
<blockquote><p>Si on laisse les machines apprendre notre langue uniquement à partir de ce qui traîne en ligne, elles parleront la langue des panneaux touristiques.</p></blockquote>
<p>Gwenaëlle Le Bihan, qui coordonne l’une de ces collectes, insiste sur la maîtrise des données : les corpus sont placés sous licence libre, mais leur constitution reste entre les mains des communautés. Une manière d’éviter qu’un patrimoine collectif ne serve uniquement à enrichir des modèles commerciaux.</p>
<h2>Un outil, pas une solution</h2>
<p>Personne, parmi les militants rencontrés, ne croit qu’un logiciel sauvera une langue. La transmission passe par les familles, les écoles et la vie sociale. Mais des sous-titres automatiques, un correcteur orthographique ou un clavier prédictif rendent la langue présente dans le quotidien numérique des plus jeunes. Et une langue absente des écrans, rappellent-ils, devient vite une langue de musée.</p>
""",
        tags=("Intelligence Artificielle", "Société"),
        sources=("francetvinfo", "liberation"),
        authors=("ines.benali",),
        image=DemoImage(
            alt_text="Lignes ondulées claires évoquant des ondes sonores, sur un dégradé allant du vert olive à l’ocre.",
            caption="Des centaines d’heures de parole enregistrées par des bénévoles.",
            credit="Nadia Cherki",
            colours=("#283618", "#dda15e"),
            motif="waves",
        ),
        day=-17,
        time="08:45",
    ),
    DemoArticle(
        title="Hallucinations : comment vérifier ce que vous dit un assistant IA",
        standfirst="Les assistants conversationnels inventent parfois des faits avec un aplomb désarmant. Quelques réflexes simples permettent de limiter les dégâts, sans renoncer à leur utilité.",
        body="""
<p>On les appelle des <em>hallucinations</em>, même si le mot prête à confusion : un modèle de langage ne voit rien, il prédit la suite la plus probable d’un texte. Quand il ne dispose pas de l’information, il ne dit pas toujours qu’il l’ignore. Il produit une réponse plausible, bien tournée, et parfois entièrement fausse. Une référence juridique qui n’existe pas, une citation attribuée à la mauvaise personne, une date inventée.</p>
<p>Les éditeurs ont réduit le phénomène, notamment en permettant aux assistants de consulter le web et de citer leurs sources. Mais il n’a pas disparu, et il ne disparaîtra sans doute pas complètement : il découle du fonctionnement même de ces systèmes. D’où l’intérêt d’adopter une hygiène de vérification, comme on le fait avec n’importe quelle source.</p>
<h2>Cinq réflexes à adopter</h2>
<ol>
<li><strong>Demander les sources</strong>, puis les ouvrir. Un lien cité n’est pas un lien lu : vérifiez que la page dit bien ce que l’assistant affirme.</li>
<li><strong>Se méfier des détails précis</strong> : chiffres, noms propres, dates et références sont les éléments les plus souvent inventés.</li>
<li><strong>Reformuler la question</strong> autrement. Une réponse qui change du tout au tout d’une formulation à l’autre est un signal d’alerte.</li>
<li><strong>Réserver l’assistant à ce qu’il fait bien</strong> : reformuler, résumer un texte qu’on lui fournit, proposer un plan, plutôt que servir d’encyclopédie.</li>
<li><strong>Garder la responsabilité finale</strong>. Ce qui est publié, envoyé ou signé engage celui qui le fait, pas la machine.</li>
</ol>
<p>Le quatrième point est sans doute le plus important. Un modèle à qui l’on confie un document et qui doit en extraire les informations se trompe beaucoup moins qu’un modèle interrogé de mémoire. Les entreprises l’ont bien compris et bâtissent leurs outils internes sur ce principe : le modèle ne répond qu’à partir des documents qu’on lui fournit, et il cite le passage utilisé.</p>
<blockquote><p>Traitez l’assistant comme un stagiaire brillant et pressé : il vous fait gagner un temps fou, à condition de relire tout ce qu’il rend.</p></blockquote>
<p>La comparaison, chère à un formateur que nous avons rencontré lors d’un atelier consacré à ces outils, a le mérite de la clarté. Elle rappelle aussi que l’esprit critique reste, pour l’instant, une compétence exclusivement humaine.</p>
""",
        tags=("Intelligence Artificielle",),
        sources=("numerama",),
        authors=("camille.lefevre",),
        image=DemoImage(
            alt_text="Barres verticales claires de hauteurs variées, comme un graphique, sur un dégradé allant de l’anthracite au bleu clair.",
            caption="Chiffres, noms et dates : les détails précis sont les plus souvent inventés.",
            credit="Margaux Delorme",
            colours=("#212529", "#4dabf7"),
            motif="bars",
        ),
        day=-24,
        time="10:00",
    ),
    DemoArticle(
        title="L’eau, l’angle mort de l’empreinte de l’intelligence artificielle",
        standfirst="On mesure de mieux en mieux l’électricité consommée par l’IA, beaucoup moins l’eau. Pourtant, refroidir les serveurs et produire leur électricité en mobilise des volumes considérables, parfois dans des régions déjà en tension.",
        body="""
<p>Chaque conversation avec un assistant d’intelligence artificielle a un coût énergétique, désormais bien documenté. Son coût en eau l’est beaucoup moins. Il existe pourtant, et il se décompose en deux parts que les études peinent à mesurer de façon homogène.</p>
<p>La première est <strong>directe</strong> : de nombreux centres de données refroidissent leurs installations grâce à des tours où l’eau s’évapore, emportant la chaleur avec elle. Cette eau-là ne retourne pas à la rivière. La seconde est <strong>indirecte</strong> : les centrales qui produisent l’électricité des serveurs, qu’elles soient thermiques ou nucléaires, consomment elles aussi de l’eau pour leur propre refroidissement.</p>
<h2>Une question de lieu et de saison</h2>
<p>Un litre prélevé en Bretagne en février n’a pas le même impact qu’un litre prélevé dans une région aride en plein mois d’août. C’est toute la difficulté : une moyenne mondiale ne dit presque rien des tensions locales. Or les grands campus de serveurs s’installent là où l’électricité et le foncier sont bon marché, ce qui n’est pas toujours là où l’eau est abondante.</p>
<p>Bastien Morel, hydrologue qui étudie les usages industriels de l’eau, réclame un changement d’échelle :</p>
<blockquote><p>Les exploitants publient des chiffres annuels, à l’échelle de l’entreprise. Ce qu’il faudrait, ce sont des chiffres par site et par mois, au moment où la ressource manque.</p></blockquote>
<p>Plusieurs collectivités vont dans le même sens. Certaines exigent désormais, avant d’autoriser un nouveau centre de données, une étude d’impact sur la ressource et des engagements chiffrés.</p>
<h2>Des solutions qui existent</h2>
<ul>
<li>les circuits de refroidissement fermés, qui ne perdent presque pas d’eau ;</li>
<li>le refroidissement par l’air extérieur dans les régions tempérées ;</li>
<li>l’utilisation d’eaux usées traitées plutôt que d’eau potable ;</li>
<li>le déplacement des calculs non urgents, comme l’entraînement des modèles, vers les heures et les lieux les moins tendus.</li>
</ul>
<p>Aucune n’est gratuite, et certaines augmentent la consommation d’électricité. Mais toutes supposent d’abord de mesurer. Tant que l’eau restera absente des bilans, elle restera absente des arbitrages.</p>
""",
        tags=("Intelligence Artificielle", "Société", "Technologie"),
        sources=("nature", "lemonde"),
        authors=("ines.benali",),
        image=DemoImage(
            alt_text="Lignes ondulées claires entremêlées, sur un dégradé allant du violet au bleu cyan.",
            caption="L’eau consommée dépend autant du lieu que de la saison.",
            credit="Baptiste Roux",
            colours=("#3c096c", "#00b4d8"),
            motif="waves",
        ),
        day=-31,
        time="07:50",
    ),
    DemoArticle(
        title="À l’hôpital, l’IA lit les radios mais ne signe pas le compte rendu",
        standfirst="Dans de nombreux services de radiologie, des logiciels d’intelligence artificielle repèrent fractures et nodules avant même que le médecin n’ouvre l’image. Reportage dans un service qui a appris à travailler avec eux.",
        body="""
<p>Il est un peu plus de minuit aux urgences d’un centre hospitalier de taille moyenne, quelque part dans l’ouest de la France. Un patient a chuté dans un escalier ; sa radiographie du poignet vient d’arriver sur l’écran de l’interne de garde. Dans un coin de l’image, un petit cadre coloré signale une zone suspecte. Le logiciel d’aide à la détection a déjà rendu son avis : fracture probable du scaphoïde.</p>
<p>Ces outils se sont multipliés dans les services d’imagerie. Ils repèrent les fractures, les nodules pulmonaires, les hémorragies cérébrales, et trient les examens pour faire remonter en tête de liste ceux qui paraissent urgents. Ils sont certifiés comme dispositifs médicaux, ce qui impose des essais et un suivi après leur mise sur le marché.</p>
<h2>Un second regard, pas un remplaçant</h2>
<p>Le chef de service, le docteur Antoine Lemaire, insiste sur la répartition des rôles. Le logiciel ne pose pas de diagnostic ; il attire l’attention. La décision et le compte rendu restent médicaux.</p>
<blockquote><p>La nuit, à la quarantième radio, l’œil fatigue. L’outil ne se fatigue pas. Mais il ne connaît ni le patient, ni son histoire, ni la raison pour laquelle on a demandé l’examen.</p></blockquote>
<p>Les études disponibles montrent un gain réel pour certaines tâches, notamment la détection des petites fractures, souvent manquées aux urgences. Elles pointent aussi un risque bien connu : le <em>biais d’automatisation</em>, cette tendance à faire trop confiance à la machine. Un médecin qui ne voit pas de cadre coloré peut être tenté de conclure trop vite à l’absence de lésion.</p>
<h2>La formation, chantier prioritaire</h2>
<p>Pour s’en prémunir, le service a instauré quelques règles : lire l’image avant de regarder la suggestion du logiciel, noter les désaccords, et en discuter chaque mois en réunion. Ces cas litigieux sont devenus un excellent support pédagogique pour les internes. Quant aux patients, ils sont informés par une affiche en salle d’attente ; rares sont ceux qui posent des questions. La plupart, constate le docteur Lemaire, supposent que l’informatique est déjà partout à l’hôpital. Ils n’ont pas tout à fait tort.</p>
""",
        tags=("Intelligence Artificielle", "Société"),
        sources=("lemonde", "techreview"),
        authors=("camille.lefevre",),
        image=DemoImage(
            alt_text="Cercles concentriques clairs rayonnant depuis un point, sur un dégradé allant du bleu profond au jaune safran.",
            caption="Le logiciel signale, le médecin décide.",
            credit="Élise Fontaine",
            colours=("#003049", "#fcbf49"),
            motif="circles",
        ),
        day=-39,
        time="09:30",
    ),
    DemoArticle(
        title="Droit d’auteur : les éditeurs réclament des comptes aux concepteurs de modèles",
        standfirst="Presse, édition, musique : les ayants droit veulent savoir si leurs œuvres ont servi à entraîner les modèles d’IA, et être rémunérés. Entre exception légale et droit d’opposition, la bataille se joue autant dans les tribunaux que dans les contrats.",
        body="""
<p>Pour apprendre à écrire, un modèle de langage a besoin de lire. Beaucoup. Des milliards de pages collectées sur le web, parmi lesquelles des articles de presse, des romans, des paroles de chansons et des billets de blog, le plus souvent sans que leurs auteurs aient été consultés. C’est cette pratique que contestent désormais les ayants droit, des deux côtés de l’Atlantique.</p>
<p>En Europe, le cadre juridique repose sur une <strong>exception de fouille de textes et de données</strong>, introduite par une directive de 2019. Elle autorise l’analyse automatisée de contenus accessibles légalement, sauf si le titulaire des droits s’y est opposé de manière appropriée, par exemple par un signal lisible par les machines. Le règlement européen sur l’IA impose en outre aux fournisseurs de grands modèles de publier un résumé des contenus utilisés pour l’entraînement.</p>
<h2>Un droit d’opposition difficile à exercer</h2>
<p>Sur le papier, l’équilibre semble raisonnable. Dans les faits, les éditeurs dénoncent un système inapplicable. Comment prouver qu’un texte a été aspiré ? Comment s’opposer à un robot dont on ignore le nom ? Et que faire des contenus collectés avant que l’on ne songe à s’y opposer ?</p>
<blockquote><p>On nous demande de fermer une porte alors que la maison a déjà été vidée.</p></blockquote>
<p>La formule d’un dirigeant de groupe de presse régionale, prononcée lors d’un colloque professionnel, résume l’amertume du secteur. Plusieurs éditeurs ont choisi une autre voie : négocier. Des accords de licence ont été signés entre des titres de presse et des entreprises d’IA, prévoyant une rémunération en échange de l’accès aux archives et de la citation des articles dans les réponses des assistants.</p>
<h2>Trois scénarios pour la suite</h2>
<ul>
<li>une généralisation des <em>licences collectives</em>, gérées par des sociétés d’auteurs, sur le modèle de la musique ;</li>
<li>une série de décisions de justice qui fixeraient, pays par pays, les limites de l’exception ;</li>
<li>une évolution législative européenne, réclamée par les ayants droit, vers un régime d’autorisation préalable.</li>
</ul>
<p>Aucun de ces scénarios n’exclut les autres. Une certitude, toutefois : la question de la valeur des contenus humains dans l’économie de l’IA ne fait que commencer.</p>
""",
        tags=("Intelligence Artificielle", "Société"),
        sources=("echos", "liberation"),
        authors=("ines.benali", "camille.lefevre"),
        image=DemoImage(
            alt_text="Bandes diagonales translucides de largeurs inégales, sur un dégradé allant du bordeaux à l’orange.",
            caption="Des milliards de pages lues par les modèles, rarement avec l’accord de leurs auteurs.",
            credit="Théo Vasseur",
            colours=("#370617", "#f48c06"),
            motif="stripes",
        ),
        day=-50,
        time="11:30",
    ),
)
