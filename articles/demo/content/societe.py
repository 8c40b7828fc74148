# ruff: noqa: E501 -- prose: one paragraph per line reads and diffs best.
"""Demo articles whose main tag is Société."""

from ..base import DemoArticle, DemoImage

ARTICLES = (
    DemoArticle(
        title="Bandeaux cookies : le bouton « Tout refuser » a fini par s’imposer",
        standfirst="Après des années de fenêtres trompeuses et de refus cachés au fond d’un sous-menu, la plupart des grands sites français proposent enfin de refuser aussi facilement que d’accepter. Le combat se déplace ailleurs.",
        body="""
<p>Souvenez-vous : un grand bouton coloré « J’accepte », et à côté, en gris pâle, un lien discret « Paramétrer » qui ouvrait une liste de quarante cases à décocher une par une. Ce parcours du combattant a longtemps été la norme sur les sites français. Il est devenu l’exception. Sur la plupart des grands médias et sites marchands, un bouton <strong>« Tout refuser »</strong> s’affiche désormais dès le premier écran, avec la même taille et la même visibilité que celui qui accepte.</p>
<p>Ce changement ne doit rien au hasard. La <a href="https://www.cnil.fr/">CNIL</a> a publié dès 2020 des lignes directrices claires : refuser doit être aussi simple qu’accepter, et le silence de l’internaute ne vaut pas consentement. Puis elle a contrôlé, mis en demeure et sanctionné, y compris de très grandes plateformes, avec des amendes se chiffrant en dizaines de millions d’euros. La peur du gendarme a fait le reste.</p>
<blockquote><p>Les entreprises ont compris qu’un bandeau honnête coûtait moins cher qu’un contentieux. Et elles se sont aperçues que beaucoup d’internautes acceptaient quand même.</p></blockquote>
<p>Cette analyse d’Hélène Saunier, consultante en protection des données, éclaire un paradoxe : le taux d’acceptation reste élevé, même quand le refus est facile. Par lassitude, souvent. Par confiance envers un site que l’on fréquente, parfois.</p>
<p>Les pratiques contestables n’ont pas disparu pour autant ; elles ont changé de forme. Les associations de défense de la vie privée pointent désormais :</p>
<ul>
<li>les <em>murs de cookies</em>, qui conditionnent l’accès à un article à l’acceptation ou au paiement d’un abonnement ;</li>
<li>les demandes de consentement répétées à chaque visite, jusqu’à ce que l’on cède ;</li>
<li>le recours croissant à d’autres techniques de pistage, comme l’empreinte du navigateur, qui se passent de cookies.</li>
</ul>
<p>Le régulateur a fixé des conditions pour les murs de cookies, qui doivent proposer une alternative réelle et à un prix raisonnable. Quant à l’empreinte du navigateur, elle reste soumise aux mêmes règles de consentement, même si elle est beaucoup plus difficile à détecter. Le bandeau n’était qu’une bataille ; la protection de la vie privée en ligne reste une guerre d’usure.</p>
""",
        tags=("Société",),
        sources=("next", "lemonde"),
        authors=("ines.benali",),
        image=DemoImage(
            alt_text="Grille régulière de petits carrés clairs, quelques-uns plus vifs, sur un dégradé allant du prune à la mandarine.",
            caption="Refuser aussi simplement qu’accepter : la règle s’est imposée.",
            credit="Nadia Cherki",
            colours=("#5f0f40", "#fb8b24"),
            motif="grid",
        ),
        day=-4,
        time="08:30",
    ),
    DemoArticle(
        title="Démarches en ligne : au guichet des conseillers numériques",
        standfirst="Déclarer ses revenus, renouveler un titre de séjour, prendre rendez-vous chez un médecin : tout passe par un écran. Dans une maison France services de la Creuse, nous avons passé une journée avec ceux qui aident les autres à suivre.",
        body="""
<p>Il est neuf heures, et la file d’attente déborde déjà sur le trottoir. Dans cette petite ville de la Creuse, la maison France services occupe l’ancien bureau de poste. On y vient pour une carte grise, un dossier de retraite, une attestation de la caisse d’allocations familiales. Presque tous les visiteurs ont un point commun : ils n’y arrivent pas seuls en ligne.</p>
<p>Sylvie Moreau, conseillère numérique depuis trois ans, reçoit un agriculteur à la retraite qui doit déclarer la vente d’un terrain. Il possède un ordinateur, offert par ses enfants, mais ne l’allume plus depuis qu’un message d’erreur l’a effrayé. Elle ne fait pas la démarche à sa place : elle lui montre, étape par étape, en le laissant manier la souris.</p>
<blockquote><p>Si je remplis le formulaire à sa place, il reviendra l’année prochaine pour le même formulaire. Mon travail, c’est qu’il n’ait plus besoin de moi.</p></blockquote>
<h2>Une fracture qui ne se résume pas à l’âge</h2>
<p>On imagine volontiers que la difficulté numérique touche surtout les personnes âgées. La réalité est plus variée. Dans la matinée défilent aussi une jeune mère qui n’a qu’un smartphone au forfait limité, un homme qui maîtrise mal l’écrit, une artisane parfaitement à l’aise avec les réseaux sociaux mais perdue devant le vocabulaire administratif. Les études sur l’<em>illectronisme</em> confirment cette diversité : ne pas savoir utiliser un service en ligne n’est pas qu’une affaire de génération.</p>
<p>Les conseillers pointent plusieurs obstacles récurrents :</p>
<ul>
<li>des identifiants perdus, et des procédures de récupération qui supposent d’avoir accès à une adresse électronique oubliée ;</li>
<li>des sites qui changent d’apparence d’une année sur l’autre ;</li>
<li>des courriers automatiques incompréhensibles, qui génèrent de l’angoisse.</li>
</ul>
<p>En fin de journée, Sylvie Moreau aura reçu dix-neuf personnes. Elle le dit sans amertume, mais avec fermeté : la dématérialisation a fait gagner du temps aux administrations, pas toujours aux usagers. Et tant qu’un guichet humain restera nécessaire pour une partie de la population, il faudra le financer durablement plutôt qu’au gré des appels à projets.</p>
""",
        tags=("Société",),
        sources=("francetvinfo", "liberation"),
        authors=("ines.benali",),
        image=DemoImage(
            alt_text="Cercles concentriques clairs s’élargissant depuis un point, sur un dégradé allant du bleu acier au vert menthe.",
            caption="Accompagner plutôt que faire à la place : la méthode des conseillers numériques.",
            credit="Margaux Delorme",
            colours=("#22577a", "#57cc99"),
            motif="circles",
        ),
        day=-13,
        time="07:00",
    ),
    DemoArticle(
        title="Faux conseillers bancaires : l’authentification des numéros change la donne, sans tout régler",
        standfirst="Depuis que les opérateurs doivent vérifier les numéros affichés, usurper celui d’une banque est devenu plus difficile. Les escrocs se sont adaptés, et la vigilance reste la meilleure des protections.",
        body="""
<p>L’arnaque est bien rodée. Votre téléphone sonne, le numéro affiché est celui de votre agence bancaire. Au bout du fil, une voix courtoise vous signale une opération suspecte et vous propose de « sécuriser » votre compte. Quelques minutes plus tard, vous avez validé vous-même un virement vers l’escroc. Cette technique, qui repose sur l’<strong>usurpation du numéro appelant</strong>, a coûté des sommes considérables à des milliers de victimes.</p>
<h2>Ce qui a changé</h2>
<p>Pour y mettre fin, la France a imposé aux opérateurs un mécanisme d’authentification des numéros. Concrètement, chaque appel porte désormais une signature numérique, qui atteste que l’appelant a bien le droit d’utiliser le numéro qu’il affiche. Quand l’appel ne peut pas être authentifié alors qu’il devrait l’être, il est interrompu avant même de sonner. Le dispositif est suivi par l’<a href="https://www.arcep.fr/">Arcep</a>, le régulateur des télécoms.</p>
<p>Les premiers effets sont nets : les appels présentant des numéros fixes usurpés ont fortement reculé. Mais le système a ses angles morts. Il dépend de la coopération des opérateurs étrangers, et les fraudeurs savent passer par des réseaux moins regardants ou par les applications de messagerie, où la notion même de numéro affiché est différente.</p>
<blockquote><p>On a fermé la porte d’entrée. Les escrocs passent désormais par les fenêtres : SMS, messageries, faux sites de banque en ligne.</p></blockquote>
<p>Ce constat de Thomas Bertin, qui travaille dans la lutte contre la fraude pour un établissement bancaire, rejoint celui des associations de victimes. L’ingénierie sociale, elle, n’a pas changé : créer l’urgence, inspirer confiance, faire agir la victime elle-même.</p>
<h2>Les réflexes qui protègent</h2>
<ol>
<li>Votre banque ne vous demandera jamais de valider une opération pour en annuler une autre.</li>
<li>En cas de doute, raccrochez et rappelez l’agence avec le numéro inscrit sur votre carte ou votre contrat.</li>
<li>Ne communiquez jamais un code reçu par SMS ou dans l’application, quel que soit l’interlocuteur.</li>
<li>Prenez le temps : l’urgence est l’arme principale des escrocs.</li>
</ol>
<p>Ces règles paraissent évidentes à froid. Elles le sont beaucoup moins quand une voix rassurante vous annonce que vos économies sont en train de disparaître.</p>
""",
        tags=("Société", "Technologie"),
        sources=("quechoisir", "francetvinfo"),
        authors=("julien.marchand",),
        image=DemoImage(
            alt_text="Lignes ondulées claires, comme des ondes radio, sur un dégradé allant du bleu presque noir au mauve.",
            caption="Chaque appel porte désormais une signature vérifiée par les opérateurs.",
            credit="Baptiste Roux",
            colours=("#10002b", "#c77dff"),
            motif="waves",
        ),
        day=-19,
        time="12:00",
    ),
    DemoArticle(
        title="Le portefeuille d’identité numérique européen, mode d’emploi",
        standfirst="Chaque pays de l’Union doit proposer à ses citoyens une application capable de prouver leur identité et de stocker diplômes, permis ou ordonnances. Six questions pour comprendre ce qui se prépare.",
        body="""
<h2>De quoi parle-t-on ?</h2>
<p>Le règlement européen sur l’identité numérique, révisé en 2024, impose à chaque État membre de mettre à disposition un <strong>portefeuille d’identité numérique</strong>. Il s’agit d’une application pour smartphone qui contient une identité vérifiée par l’État, et dans laquelle on peut ranger d’autres attestations : permis de conduire, diplôme, carte professionnelle, justificatif de domicile.</p>
<h2>À quoi servira-t-il ?</h2>
<p>À prouver qui l’on est, en ligne comme au guichet, dans n’importe quel pays de l’Union. Ouvrir un compte bancaire, louer une voiture, s’inscrire à l’université à l’étranger ou signer un contrat devraient pouvoir se faire avec la même application. Les banques et les grandes plateformes seront tenues de l’accepter.</p>
<h2>Sera-t-il obligatoire ?</h2>
<p>Non. Son utilisation reste volontaire, et les démarches devront rester possibles par d’autres moyens. C’est un point sur lequel les défenseurs des libertés ont beaucoup insisté pendant les négociations.</p>
<h2>Et la vie privée ?</h2>
<p>C’est l’une des promesses les plus intéressantes du dispositif : la <em>divulgation sélective</em>. Pour acheter une bouteille de vin en ligne, il suffira de prouver que l’on est majeur, sans révéler sa date de naissance, son nom ou son adresse. Le portefeuille transmet uniquement l’information demandée, signée cryptographiquement.</p>
<blockquote><p>Le principe est excellent. Tout dépendra de la manière dont les services vont s’en servir : si chacun demande le maximum d’attributs, on n’aura rien gagné.</p></blockquote>
<p>Cette mise en garde de Nathalie Perrin, chercheuse en cryptographie, vise aussi le risque de traçage : l’architecture doit empêcher l’émetteur du portefeuille de savoir où et quand l’identité a été présentée.</p>
<h2>Et en France ?</h2>
<p>L’application publique qui permet déjà de prouver son identité à partir de la carte d’identité électronique a vocation à évoluer vers ce portefeuille européen. Les premiers usages devraient concerner le permis de conduire et les démarches administratives, avant une ouverture progressive au secteur privé.</p>
<h2>Quels risques ?</h2>
<p>Concentrer des documents essentiels dans un téléphone soulève des questions évidentes : perte, vol, panne de batterie au mauvais moment. Le règlement prévoit des mécanismes de révocation et de récupération, mais leur ergonomie décidera, au fond, de la confiance que les citoyens accorderont à l’outil.</p>
""",
        tags=("Société", "Technologie"),
        sources=("next", "lemonde"),
        authors=("camille.lefevre",),
        image=DemoImage(
            alt_text="Grille de petits carrés clairs dont quelques-uns sont éclairés, sur un dégradé allant du gris ardoise au turquoise.",
            caption="Une seule application pour prouver son identité partout dans l’Union.",
            credit="Élise Fontaine",
            colours=("#3a506b", "#5bc0be"),
            motif="grid",
        ),
        day=-29,
        time="09:00",
    ),
    DemoArticle(
        title="Votre voiture en sait beaucoup sur vous, et elle le raconte",
        standfirst="Position, vitesse, freinages, voix, contacts du téléphone : les voitures connectées collectent une masse de données personnelles. Les conducteurs savent rarement où elles partent.",
        body="""
<p>Une voiture récente embarque souvent plus de capteurs qu’un smartphone. GPS, caméras, micros, accéléromètres, capteurs de poids dans les sièges : tout cela sert d’abord à la sécurité et au confort. Mais la plupart des véhicules sont aussi équipés d’une carte SIM qui les relie en permanence aux serveurs du constructeur. Et ce qui est collecté ne reste pas toujours dans l’habitacle.</p>
<p>Lorsque l’on lit les politiques de confidentialité des constructeurs, exercice que peu de conducteurs s’infligent, on découvre une liste impressionnante : historique des trajets, style de conduite, données du téléphone synchronisé, commandes vocales. Certaines évoquent la possibilité de partager ces informations avec des partenaires commerciaux. Aux États-Unis, des enquêtes de presse ont montré que des données de conduite avaient fini chez des courtiers, puis chez des assureurs, sans que les conducteurs en aient réellement conscience.</p>
<h2>Ce que dit le droit européen</h2>
<p>En Europe, le <strong>RGPD</strong> s’applique pleinement : ces données sont personnelles, leur collecte doit reposer sur une base légale et leur partage à des fins commerciales suppose, en règle générale, un consentement. Plus récemment, le règlement européen sur les données donne aux utilisateurs d’objets connectés un droit d’accès aux données que ceux-ci produisent, et la possibilité de les transmettre à un tiers de leur choix, par exemple un garagiste indépendant.</p>
<p>« Le conducteur ne devrait pas avoir à choisir entre une voiture qui fonctionne et une voiture qui respecte sa vie privée », plaide Marc Delaunay, juriste dans une association de consommateurs. Le principe se heurte pourtant à la réalité : certaines fonctions, comme l’application permettant de localiser ou de préchauffer son véhicule, ne marchent qu’en acceptant la collecte.</p>
<p>Quelques gestes limitent l’exposition :</p>
<ul>
<li>parcourir les réglages de confidentialité de l’écran central, souvent plus riches qu’on ne le croit ;</li>
<li>supprimer les données du téléphone lors de la revente ou de la restitution d’un véhicule de location ;</li>
<li>exercer son droit d’accès auprès du constructeur, pour découvrir ce qui a réellement été collecté.</li>
</ul>
<p>Ce dernier exercice réserve parfois des surprises. Il a surtout le mérite de rappeler aux constructeurs que les conducteurs regardent.</p>
""",
        tags=("Société", "Technologie"),
        sources=("wired", "quechoisir"),
        authors=("julien.marchand",),
        image=DemoImage(
            alt_text="Points blancs reliés par des traits fins comme un réseau, sur un dégradé allant du bleu ardoise au corail.",
            caption="Trajets, freinages, commandes vocales : la voiture connectée collecte beaucoup.",
            credit="Théo Vasseur",
            colours=("#1b263b", "#e76f51"),
            motif="network",
        ),
        day=-42,
        time="10:45",
    ),
    DemoArticle(
        title="À l’école, le retour du cahier ne signe pas la fin du numérique",
        standfirst="Plusieurs pays européens reviennent au manuel papier et restreignent les écrans en classe. Un mouvement de balancier qui pose une question plus intéressante que « pour ou contre » : pour quoi faire ?",
        body="""
<p>Il y a dix ans, la tablette en classe était présentée comme la clé de l’école de demain. Des régions en ont distribué par milliers, des éditeurs ont numérisé leurs manuels, des enseignants ont été formés à la hâte. Aujourd’hui, le discours s’est inversé. Des pays pionniers du numérique éducatif réinvestissent dans les livres papier, et les téléphones sont de plus en plus souvent bannis des établissements.</p>
<p>Ce revirement s’appuie sur plusieurs constats. Les évaluations internationales en lecture ont montré des résultats décevants dans certains pays très équipés. Des travaux de recherche suggèrent que la lecture de textes longs est mieux comprise sur papier que sur écran. Et les enseignants décrivent des élèves dont l’attention est sans cesse happée par les notifications.</p>
<h2>Le risque d’un contresens</h2>
<p>Pour autant, il serait hâtif de conclure que le numérique n’a pas sa place à l’école. Ce qui a échoué, c’est moins l’outil que la manière dont il a été déployé : des équipements livrés sans projet pédagogique, et un écran qui remplaçait le cahier au lieu de faire ce que le cahier ne sait pas faire.</p>
<p>Or il existe des usages où l’ordinateur apporte une vraie valeur :</p>
<ul>
<li>la <strong>programmation</strong>, qui apprend à décomposer un problème et à raisonner par étapes ;</li>
<li>la <strong>simulation</strong> en sciences, pour manipuler ce que l’on ne peut pas voir ou reproduire en classe ;</li>
<li>l’<strong>accessibilité</strong>, pour les élèves dyslexiques ou malvoyants, pour qui un texte adaptable change tout ;</li>
<li>l’<strong>éducation aux médias</strong>, indispensable à l’heure des images générées et des fausses informations.</li>
</ul>
<blockquote><p>On n’apprend pas à nager en interdisant la piscine. On n’apprend pas non plus en jetant les enfants dans le grand bain sans maître-nageur.</p></blockquote>
<p>La comparaison, proposée par une professeure de collège lors d’un débat organisé par une fédération de parents d’élèves, résume assez bien l’enjeu. L’école n’a pas à choisir entre le papier et l’écran. Elle doit apprendre à ses élèves à lire longuement, à écrire à la main, et à comprendre les machines qui occuperont une grande partie de leur vie d’adulte. Ce n’est pas une question de matériel, mais de temps et de formation des enseignants.</p>
""",
        tags=("Société",),
        sources=("lemonde",),
        authors=("camille.lefevre",),
        image=DemoImage(
            alt_text="Barres verticales claires de hauteurs variées sur un dégradé allant du bleu canard au jaune moutarde.",
            caption="Papier ou écran : la vraie question est celle des usages.",
            credit="Nadia Cherki",
            colours=("#335c67", "#e09f3e"),
            motif="bars",
        ),
        day=-58,
        time="08:00",
    ),
)
