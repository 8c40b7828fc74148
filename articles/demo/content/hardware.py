# ruff: noqa: E501 -- prose: one paragraph per line reads and diffs best.
"""Demo articles whose main tag is Hardware."""

from ..base import DemoArticle, DemoImage

ARTICLES = (
    DemoArticle(
        title="RISC-V s’installe dans les automates industriels",
        standfirst="Le jeu d’instructions ouvert quitte les cartes de développement pour les usines. Les fabricants de capteurs et d’automates y voient moins une économie qu’une assurance sur l’avenir.",
        body="""
<p>Longtemps cantonnée aux laboratoires universitaires et aux cartes de développement pour bricoleurs, l’architecture <strong>RISC-V</strong> gagne un terrain inattendu : celui des usines. Plusieurs fabricants d’automates programmables et de capteurs industriels basculent leurs nouvelles gammes vers des microcontrôleurs bâtis sur ce jeu d’instructions ouvert, au détriment des cœurs sous licence qui régnaient jusqu’ici sans partage.</p>
<h2>Un jeu d’instructions sans droit d’entrée</h2>
<p>L’argument le plus souvent cité tient en une phrase : n’importe qui peut concevoir un processeur RISC-V sans payer de redevance. La spécification est publiée par la fondation <a href="https://riscv.org/">RISC-V International</a>, et chaque entreprise reste libre d’y greffer ses propres extensions. Pour un industriel qui écoule des millions de capteurs à quelques euros pièce, économiser quelques centimes par puce finit par compter.</p>
<p>Mais l’argent n’explique pas tout. Les ingénieurs que nous avons interrogés insistent surtout sur la maîtrise du calendrier. Hugo Ferrand, responsable électronique dans une PME savoyarde qui fabrique des variateurs pour moteurs, le formule sans détour :</p>
<blockquote><p>Un automate reste en service quinze ou vingt ans. Si une fonction nous manque, nous voulons pouvoir la concevoir nous-mêmes, au lieu d’attendre la feuille de route d’un fournisseur unique.</p></blockquote>
<h2>Des obstacles bien réels</h2>
<p>Le tableau n’est pas sans nuages. L’écosystème logiciel reste plus jeune que celui des architectures historiques, et certains outils indispensables dans le ferroviaire ou le médical ne gèrent RISC-V que depuis peu. Surtout, la liberté d’ajouter des extensions a son revers : deux puces dites compatibles n’exécutent pas forcément le même code.</p>
<ul>
<li>la <strong>certification</strong> des compilateurs pour les normes de sûreté de fonctionnement prend des années ;</li>
<li>la <strong>fragmentation</strong> des extensions complique la réutilisation du code d’une gamme à l’autre ;</li>
<li>les <strong>sondes de débogage</strong> du marché ne suivent pas toujours le rythme.</li>
</ul>
<p>Les industriels avancent donc prudemment, en confiant d’abord au nouveau venu des fonctions secondaires — un contrôleur de communication ici, un capteur de température là — avant de lui remettre le cœur de leurs machines. Une transition lente, à l’image d’un secteur où l’on ne change pas d’architecture comme on change de smartphone. Mais une transition qui, de l’avis général, ne reviendra pas en arrière.</p>
""",
        tags=("Hardware", "Technologie"),
        sources=("ieee", "usinenouvelle"),
        authors=("julien.marchand",),
        image=DemoImage(
            alt_text="Schéma stylisé d’une puce électronique entourée de broches, au centre d’un dégradé allant du bleu nuit au vert turquoise.",
            caption="Un microcontrôleur stylisé : l’architecture RISC-V gagne les équipements industriels.",
            credit="Théo Vasseur",
            colours=("#0b1f3a", "#1fb5a8"),
            motif="chip",
        ),
        day=-2,
        time="08:15",
    ),
    DemoArticle(
        title="Gravure en 2 nanomètres : la course aux transistors coûte toujours plus cher",
        standfirst="Les premières puces gravées selon les procédés dits « 2 nm » arrivent dans les appareils. Derrière la prouesse, une question dérangeante : qui pourra encore payer les suivantes ?",
        body="""
<p>À chaque génération de procédé de fabrication, le même rituel : un chiffre plus petit, des promesses de performances en hausse et de consommation en baisse. Le passage au « 2 nm » ne fait pas exception. Il marque pourtant une rupture technique que le marketing a tendance à escamoter : l’abandon progressif du transistor <em>FinFET</em>, cette ailette verticale qui dominait depuis une décennie, au profit de transistors à <strong>grille enveloppante</strong>, où de fines nappes de silicium sont entourées de tous côtés par la grille.</p>
<p>Précision utile : le nombre affiché n’est plus la taille d’aucun élément mesurable sur la puce. Il s’agit d’une étiquette commerciale qui désigne une génération. Les ingénieurs préfèrent parler de densité, en millions de transistors par millimètre carré, un indicateur qui progresse encore, mais moins vite qu’avant.</p>
<h2>Des usines hors de prix</h2>
<p>Le véritable sujet est économique. Une usine capable de produire ces puces coûte désormais plusieurs dizaines de milliards de dollars, et chaque machine de lithographie en extrême ultraviolet se négocie au prix d’un avion de ligne. Concevoir une puce sur ce procédé représente, à lui seul, un investissement que seule une poignée d’entreprises peuvent amortir.</p>
<ol>
<li>Les fabricants de smartphones haut de gamme, qui vendent des dizaines de millions d’unités du même processeur ;</li>
<li>les concepteurs d’accélérateurs pour l’IA, portés par une demande qui ne faiblit pas ;</li>
<li>quelques géants du cloud qui dessinent leurs propres puces pour leurs serveurs.</li>
</ol>
<p>Pour tous les autres, la stratégie change. Plutôt que de tout graver sur le procédé le plus fin, on découpe la puce en <em>chiplets</em> : la partie qui calcule profite de la dernière génération, tandis que les entrées-sorties ou la mémoire cache restent sur des procédés plus anciens, mieux maîtrisés et bien moins chers.</p>
<blockquote><p>La loi de Moore n’est pas morte, elle est devenue un produit de luxe.</p></blockquote>
<p>La formule, lâchée par un analyste lors d’une conférence du secteur, résume bien l’époque. Les gains continuent, mais ils ne ruissellent plus automatiquement vers l’ensemble de l’électronique. Et l’Europe, qui cherche à relocaliser une partie de sa production, devra choisir ses batailles : viser la pointe, ou consolider les procédés intermédiaires dont dépendent l’automobile et l’industrie.</p>
""",
        tags=("Hardware", "Technologie"),
        sources=("echos", "ieee"),
        authors=("julien.marchand",),
        image=DemoImage(
            alt_text="Grille régulière de petits carrés clairs, dont quelques-uns plus lumineux, sur un dégradé allant du violet nuit au rose framboise.",
            caption="Toujours plus de transistors au millimètre carré, pour toujours plus cher.",
            credit="Margaux Delorme",
            colours=("#1b1035", "#c2185b"),
            motif="grid",
        ),
        day=-9,
        time="07:45",
    ),
    DemoArticle(
        title="Le NPU des PC portables, accélérateur utile ou argument d’étiquette ?",
        standfirst="Les ordinateurs portables vantent désormais leur « puce IA » et ses milliers de milliards d’opérations par seconde. Nous avons cherché à quoi elle sert, concrètement, au quotidien.",
        body="""
<p>Sur les fiches techniques, une nouvelle ligne s’est imposée à côté du processeur et de la carte graphique : le <strong>NPU</strong>, pour <em>Neural Processing Unit</em>. Ce bloc spécialisé exécute les calculs des réseaux de neurones en consommant beaucoup moins qu’un processeur classique. Sa puissance s’exprime en TOPS, des milliers de milliards d’opérations par seconde, un chiffre devenu argument de vente.</p>
<h2>Ce qui fonctionne déjà</h2>
<p>Dans nos essais, le NPU se révèle surtout utile pour des tâches discrètes mais permanentes. Le floutage de l’arrière-plan en visioconférence, la suppression du bruit du micro ou le cadrage automatique de la caméra tournent en continu sans faire chauffer la machine ni vider la batterie. Sur un portable récent, une heure de visio consomme sensiblement moins qu’avec le même traitement confié au processeur.</p>
<p>La transcription de réunions et la recherche dans ses propres photos à partir d’une description en langage naturel fonctionnent aussi localement, sans envoyer quoi que ce soit sur des serveurs distants. Un vrai progrès pour la confidentialité.</p>
<h2>Ce qui relève encore de la promesse</h2>
<p>Pour le reste, le bilan est plus mince. Les assistants conversationnels les plus connus continuent de s’exécuter dans le cloud, et les applications qui savent exploiter le NPU se comptent encore sur les doigts des deux mains. Les développeurs doivent jongler avec des interfaces différentes selon le fabricant de la puce, ce qui freine l’adoption.</p>
<blockquote><p>Le matériel est arrivé avant les usages. C’est classique : il a fallu des années pour que les cartes graphiques servent à autre chose qu’aux jeux.</p></blockquote>
<p>Cette remarque d’Anaïs Roussel, développeuse d’un logiciel de montage vidéo, invite à la patience. Faut-il pour autant choisir son prochain ordinateur en fonction du NPU ? Notre conseil est simple :</p>
<ul>
<li>si vous passez vos journées en visioconférence, un NPU correct prolonge réellement l’autonomie ;</li>
<li>si vous comptez faire tourner des modèles de langage en local, la quantité de mémoire vive compte davantage que les TOPS ;</li>
<li>dans tous les autres cas, ne payez pas de supplément pour cette seule ligne de la fiche technique.</li>
</ul>
""",
        tags=("Hardware", "Intelligence Artificielle"),
        sources=("theverge", "numerama"),
        authors=("julien.marchand", "camille.lefevre"),
        image=DemoImage(
            alt_text="Cercles concentriques clairs qui s’élargissent depuis un point, sur un dégradé allant du bleu pétrole à l’orange.",
            caption="Le NPU travaille en tâche de fond, surtout pendant les visioconférences.",
            credit="Nadia Cherki",
            colours=("#0d2b45", "#ff8c42"),
            motif="circles",
        ),
        day=-15,
        time="10:30",
    ),
    DemoArticle(
        title="Réparer son smartphone : la note de réparabilité a-t-elle changé quelque chose ?",
        standfirst="Affichée en magasin depuis plusieurs années et désormais harmonisée à l’échelle européenne, la note de réparabilité a poussé les fabricants à revoir leurs copies. Les réparateurs, eux, restent sur leur faim.",
        body="""
<p>Quand la France a imposé l’affichage d’un <strong>indice de réparabilité</strong> sur les smartphones, beaucoup de fabricants ont d’abord haussé les épaules. Une note sur dix collée sur l’emballage, qui allait la regarder ? Quelques années plus tard, le constat est plus nuancé : la note n’a pas bouleversé les achats, mais elle a changé la manière dont les téléphones sont conçus.</p>
<p>Les coques collées à la colle forte reculent, les batteries s’extraient plus souvent avec une languette, et la documentation de réparation est publiée pour davantage de modèles. L’Union européenne a pris le relais avec une étiquette commune qui affiche, entre autres, une classe de réparabilité, et avec une directive sur le <a href="https://commission.europa.eu/">droit à la réparation</a> qui oblige les fabricants à proposer des pièces à un prix raisonnable.</p>
<h2>Sur l’établi, des progrès inégaux</h2>
<p>Dans son atelier nantais, Karim Haddad remplace chaque semaine une trentaine d’écrans et de batteries. Il reconnaît les progrès, mais pointe un obstacle persistant : l’appairage logiciel des pièces. Certaines marques exigent qu’un composant neuf soit « reconnu » par un outil en ligne réservé aux réseaux agréés, faute de quoi le téléphone affiche des messages d’alerte ou désactive des fonctions.</p>
<blockquote><p>On me vend une batterie d’origine, je la monte correctement, et le téléphone m’explique qu’il ne peut pas vérifier qu’elle est authentique. Le client, lui, croit que j’ai mal travaillé.</p></blockquote>
<h2>Ce que regarder avant d’acheter</h2>
<p>La note globale reste un bon point de départ, mais elle agrège des critères très différents. Trois éléments méritent un coup d’œil plus attentif :</p>
<ul>
<li>la <strong>durée de disponibilité des pièces détachées</strong>, qui dit combien de temps le téléphone restera réparable ;</li>
<li>le <strong>prix de l’écran et de la batterie</strong> par rapport au prix de l’appareil neuf ;</li>
<li>la <strong>durée des mises à jour de sécurité</strong>, sans lesquelles un téléphone réparé devient vite un risque.</li>
</ul>
<p>Un smartphone facile à ouvrir mais abandonné par son fabricant au bout de trois ans reste un déchet en sursis. La vraie réparabilité, rappellent les associations de consommateurs, est autant logicielle que matérielle.</p>
""",
        tags=("Hardware", "Société"),
        sources=("quechoisir", "lemonde"),
        authors=("ines.benali",),
        image=DemoImage(
            alt_text="Larges bandes diagonales translucides sur un dégradé allant du vert forêt au vert anis.",
            caption="Pièces détachées, documentation, mises à jour : la réparabilité se joue sur plusieurs fronts.",
            credit="Baptiste Roux",
            colours=("#14532d", "#a3e635"),
            motif="stripes",
        ),
        day=-21,
        time="09:00",
    ),
    DemoArticle(
        title="Mémoire HBM : le goulot d’étranglement discret de l’intelligence artificielle",
        standfirst="On parle beaucoup des processeurs graphiques, beaucoup moins de la mémoire empilée qui les accompagne. C’est pourtant elle qui fixe aujourd’hui le rythme de production des accélérateurs d’IA.",
        body="""
<p>Un accélérateur d’intelligence artificielle n’est rien sans sa mémoire. Pour entraîner ou interroger un grand modèle de langage, il faut déplacer en permanence d’énormes quantités de paramètres entre la mémoire et les unités de calcul. La mémoire classique, posée à quelques centimètres de la puce sur la carte, ne suit plus. D’où le succès de la <strong>HBM</strong>, pour <em>High Bandwidth Memory</em>.</p>
<h2>Des puces empilées comme des crêpes</h2>
<p>Le principe consiste à superposer huit, douze, voire seize couches de mémoire vive, reliées verticalement par des milliers de minuscules canaux traversant le silicium. La pile est ensuite posée juste à côté du processeur, sur un même support. Résultat : un débit se comptant en téraoctets par seconde, plusieurs fois supérieur à celui des mémoires graphiques traditionnelles.</p>
<p>Cette prouesse a un prix. Fabriquer une pile de HBM demande des étapes d’amincissement, de perçage et d’assemblage délicates, et le moindre défaut sur une couche peut condamner l’ensemble. Les rendements sont donc plus faibles que pour la mémoire ordinaire, et trois fabricants seulement maîtrisent la technique à grande échelle.</p>
<p>Lucie Delmas, analyste spécialisée dans les semi-conducteurs, décrit un marché sous tension :</p>
<blockquote><p>Les capacités de HBM se réservent parfois un an à l’avance. Pour un fabricant d’accélérateurs, sécuriser la mémoire est devenu aussi stratégique que réserver des lignes de gravure.</p></blockquote>
<p>Cette rareté explique pourquoi les prix de la mémoire sont repartis à la hausse après plusieurs années moroses. Les usines réorientent une partie de leur production vers la HBM, plus rentable, ce qui réduit mécaniquement l’offre de mémoire pour les PC et les smartphones.</p>
<h2>Des conséquences jusque dans nos poches</h2>
<p>Le consommateur ne verra jamais de HBM dans son ordinateur portable. Il pourrait en revanche en sentir les effets indirects : des barrettes de mémoire plus chères, des smartphones d’entrée de gamme qui stagnent en capacité, des fabricants tentés de rogner sur la quantité de mémoire vive. La fièvre de l’IA ne se limite pas aux centres de données ; elle redessine toute la chaîne d’approvisionnement de l’électronique.</p>
""",
        tags=("Hardware", "Intelligence Artificielle"),
        sources=("reuters", "register"),
        authors=("julien.marchand",),
        image=DemoImage(
            alt_text="Barres verticales claires de hauteurs inégales, comme un histogramme, sur un dégradé allant du brun sombre au rouge vif.",
            caption="La demande de mémoire empilée tire les prix de toute la filière.",
            credit="Élise Fontaine",
            colours=("#2b0f0f", "#e63946"),
            motif="bars",
        ),
        day=-27,
        time="11:00",
    ),
    DemoArticle(
        title="Dans les salles serveurs, l’eau remplace peu à peu l’air",
        standfirst="Les processeurs des serveurs d’IA dégagent tant de chaleur que la climatisation ne suffit plus. Le refroidissement liquide, longtemps réservé aux supercalculateurs, devient la norme des nouveaux centres de données.",
        body="""
<p>Pendant des décennies, refroidir un centre de données revenait à souffler de l’air froid dans des allées de baies et à aspirer l’air chaud de l’autre côté. Cette recette atteint ses limites. Une baie remplie de serveurs d’IA peut désormais dissiper plusieurs dizaines de kilowatts, soit davantage que la consommation de chauffage d’un petit immeuble en plein hiver.</p>
<p>L’air transporte mal la chaleur ; l’eau, elle, en absorbe des milliers de fois plus à volume égal. Les constructeurs généralisent donc le <strong>refroidissement direct sur la puce</strong> : une plaque métallique parcourue par un liquide est fixée sur chaque processeur, et un circuit évacue les calories vers l’extérieur.</p>
<h2>Deux écoles</h2>
<ul>
<li><strong>Les plaques froides</strong> ciblent les composants les plus chauds et laissent des ventilateurs s’occuper du reste. C’est la solution la plus répandue, car elle s’intègre à des baies presque classiques.</li>
<li><strong>L’immersion</strong> plonge les serveurs entiers dans un bain de liquide diélectrique, qui ne conduit pas l’électricité. Plus radicale, elle supprime les ventilateurs mais complique la maintenance : changer une barrette de mémoire devient une opération salissante.</li>
</ul>
<p>Dans les deux cas, le gain énergétique est réel. Les ventilateurs et groupes froids représentent une part importante de la facture d’un centre de données, et un circuit d’eau tiède, autour de 40 °C, peut souvent être refroidi par le simple air extérieur une grande partie de l’année.</p>
<blockquote><p>Le liquide ne nous fait pas seulement économiser de l’électricité. Il nous rend une chaleur à bonne température, que l’on peut enfin revendre à un réseau de chauffage.</p></blockquote>
<p>Cette observation de Mathieu Girard, ingénieur chez un exploitant de centres de données en région lyonnaise, résume le second intérêt de la technique. Reste une inquiétude, celle de la consommation d’eau : les circuits fermés n’en perdent presque pas, mais certaines installations complètent encore leur refroidissement par évaporation, au détriment des nappes locales lors des étés secs. Les collectivités, de plus en plus attentives, commencent à poser la question dès l’instruction des permis de construire.</p>
<p><em>Mise à jour le lendemain de la publication : nous avons précisé la différence entre circuits fermés et refroidissement par évaporation, à la suite de remarques de lecteurs.</em></p>
""",
        tags=("Hardware", "Technologie"),
        sources=("arstechnica", "usinenouvelle"),
        authors=("julien.marchand",),
        image=DemoImage(
            alt_text="Lignes ondulées claires qui se croisent horizontalement, sur un dégradé allant du bleu marine au bleu ciel.",
            caption="Le liquide circule au plus près des processeurs pour évacuer leur chaleur.",
            credit="Théo Vasseur",
            colours=("#03045e", "#48cae4"),
            motif="waves",
        ),
        day=-34,
        time="08:00",
        updated_after_hours=30,
    ),
    DemoArticle(
        title="Des puces qui communiquent par la lumière : la photonique sur silicium accélère",
        standfirst="Faire circuler des photons plutôt que des électrons entre les puces : l’idée est ancienne, mais les besoins des grappes de serveurs d’IA la rendent enfin rentable.",
        body="""
<p>Dans un centre de données moderne, le calcul n’est plus le seul problème. Il faut aussi faire dialoguer des milliers d’accélérateurs entre eux, et les câbles de cuivre qui les relient consomment de plus en plus d’énergie à mesure que les débits grimpent. La <strong>photonique sur silicium</strong> propose une autre voie : transporter les données sous forme de lumière, au plus près des puces.</p>
<p>Le principe n’a rien de neuf. Les fibres optiques relient déjà les baies entre elles. La nouveauté consiste à rapprocher les composants optiques du processeur lui-même, voire à les loger dans le même boîtier. On parle alors d’<em>optique co-intégrée</em>. En supprimant les longues pistes électriques entre la puce et le connecteur optique, on économise une part notable de l’énergie consacrée au transport des bits.</p>
<h2>Pourquoi maintenant ?</h2>
<p>Trois évolutions se sont conjuguées. Les usines de semi-conducteurs savent désormais graver des guides d’onde et des modulateurs optiques avec les mêmes machines que les transistors. Les grappes d’entraînement de modèles d’IA réclament des débits inédits. Et la facture électrique des centres de données est devenue un sujet de conseil d’administration.</p>
<blockquote><p>Nous passons une part croissante de notre budget énergétique à déplacer des données plutôt qu’à les traiter. La lumière est la seule façon d’inverser cette tendance.</p></blockquote>
<p>Cette remarque, entendue dans la bouche de Claire Nguyen, chercheuse dans un laboratoire grenoblois spécialisé, explique l’effervescence autour de ces technologies. Les start-up du domaine lèvent des fonds importants et les grands fondeurs présentent leurs propres offres.</p>
<h2>Les défis à relever</h2>
<p>Tout n’est pas réglé pour autant. Les lasers restent difficiles à intégrer directement sur le silicium, et ils supportent mal la chaleur dégagée par les processeurs voisins. La réparation pose aussi question : quand l’optique est soudée au processeur, une panne du laser condamne parfois tout le module. Les premiers déploiements concernent donc les commutateurs réseau, avant une éventuelle généralisation aux accélérateurs eux-mêmes.</p>
""",
        tags=("Hardware", "Technologie"),
        sources=("ieee", "nature"),
        authors=("julien.marchand",),
        image=DemoImage(
            alt_text="Bandes diagonales claires de largeurs variées sur un dégradé allant du violet profond à l’ambre.",
            caption="Des faisceaux de lumière pour relier les processeurs entre eux.",
            credit="Nadia Cherki",
            colours=("#240046", "#ff9e00"),
            motif="stripes",
        ),
        day=-45,
        time="09:45",
    ),
    DemoArticle(
        title="Smartphones reconditionnés : le marché mûrit, les garanties aussi",
        standfirst="Acheter un téléphone reconditionné n’a plus rien d’un pari. Mais entre grades esthétiques, batteries fatiguées et garanties variables, quelques vérifications restent indispensables.",
        body="""
<p>Il y a quelques années, acheter un téléphone reconditionné relevait de la débrouille. Aujourd’hui, les vitrines des grandes enseignes leur réservent un rayon entier, et une part croissante des Français déclarent avoir déjà franchi le pas. Le prix reste l’argument principal, mais l’impact environnemental pèse de plus en plus : l’essentiel de l’empreinte carbone d’un smartphone est émis lors de sa fabrication, pas pendant son utilisation.</p>
<h2>Un vocabulaire à décoder</h2>
<p>Le reconditionnement obéit à des règles précises. Un appareil reconditionné a été testé, remis en état si nécessaire et débarrassé des données de son ancien propriétaire. Il ne faut pas le confondre avec l’occasion entre particuliers, vendue en l’état. Les vendeurs classent ensuite les téléphones par <strong>grades</strong>, qui ne décrivent que l’aspect extérieur : rayures, traces d’usure sur la coque, micro-chocs.</p>
<p>Le fonctionnement, lui, doit être identique quel que soit le grade. C’est du moins la théorie. Dans les faits, le point faible se situe presque toujours au même endroit : la batterie.</p>
<blockquote><p>Un écran rayé se voit tout de suite. Une batterie à 78 % de sa capacité, on ne s’en rend compte qu’au bout de trois semaines, quand le téléphone ne tient plus la journée.</p></blockquote>
<p>Élodie Marchetti, qui dirige un atelier de reconditionnement près de Bordeaux, conseille donc de vérifier l’état de la batterie dès réception, dans les réglages du téléphone, et de faire jouer la garantie sans attendre si la capacité est trop faible.</p>
<h2>Notre liste de vérifications</h2>
<ol>
<li>La <strong>garantie</strong> : un an minimum est la règle chez les vendeurs professionnels, certains vont jusqu’à deux ou trois ans.</li>
<li>L’<strong>état de la batterie</strong>, exprimé en pourcentage de la capacité d’origine, ou la mention explicite d’un remplacement.</li>
<li>La <strong>date de sortie du modèle</strong>, pour estimer combien d’années de mises à jour il lui reste.</li>
<li>Le <strong>déverrouillage</strong> auprès des opérateurs et l’absence de compte du précédent propriétaire.</li>
</ol>
<p>Avec ces précautions, un reconditionné récent offre souvent le meilleur rapport entre prix, performances et impact environnemental. Et il prolonge la vie d’un objet dont la fabrication a déjà coûté beaucoup de ressources à la planète.</p>
""",
        tags=("Hardware", "Société"),
        sources=("quechoisir", "francetvinfo"),
        authors=("ines.benali",),
        image=DemoImage(
            alt_text="Cercles concentriques clairs partant d’un point, sur un dégradé allant du brun chocolat au jaune paille.",
            caption="Un téléphone reconditionné prolonge la vie d’un objet déjà fabriqué.",
            credit="Margaux Delorme",
            colours=("#3d2c1e", "#f4d35e"),
            motif="circles",
        ),
        day=-56,
        time="12:15",
    ),
)
