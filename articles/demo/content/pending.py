# ruff: noqa: E501 -- prose: one paragraph per line reads and diffs best.
"""Demo articles readers cannot see yet: scheduled, in review, drafts."""

from ..base import DemoArticle, DemoImage

ARTICLES = (
    # Scheduled: published, with a publication date still to come.
    DemoArticle(
        title="Stockage sur ADN : les premiers essais hors du laboratoire",
        standfirst="Encoder des fichiers dans des brins d’ADN synthétique permettrait de conserver des archives pendant des siècles dans un volume minuscule. Des prototypes d’archivage automatisé commencent à sortir des paillasses.",
        body="""
<p>Toutes les données produites par l’humanité tiendraient, en théorie, dans quelques camionnettes remplies de tubes à essai. C’est la promesse du <strong>stockage sur ADN</strong> : utiliser la molécule qui porte l’information génétique du vivant pour conserver des fichiers numériques. Les quatre bases de l’ADN, notées A, C, G et T, remplacent les zéros et les uns.</p>
<p>L’idée séduit les archivistes pour trois raisons. La densité d’abord, sans équivalent dans les technologies actuelles. La durée de conservation ensuite : à l’abri de la lumière et de l’humidité, l’ADN se conserve des siècles, quand une bande magnétique doit être recopiée tous les dix ou vingt ans. Enfin, la lisibilité future : tant que la biologie existera, on saura lire de l’ADN, ce qui n’est pas garanti pour un format de fichier ou un lecteur de bandes.</p>
<h2>Le goulot de l’écriture</h2>
<p>Le problème tient à la vitesse et au coût. Synthétiser de l’ADN base par base reste lent et cher, et la lecture par séquençage, bien qu’en progrès constant, prend encore des heures. Les prototypes récents automatisent toute la chaîne, de l’encodage à la mise en capsule, mais pour des volumes encore modestes.</p>
<blockquote><p>Nous ne remplacerons pas les disques durs. Nous visons les données que l’on écrit une fois et que l’on espère ne jamais avoir à relire : les archives de dernier recours.</p></blockquote>
<p>Cette précision de Yann Lefort, chercheur dans un laboratoire public de biologie de synthèse, situe bien l’ambition. Archives nationales, patrimoine audiovisuel, données scientifiques de référence : les premiers clients potentiels pensent en siècles, pas en trimestres. Ils attendent une baisse spectaculaire des coûts de synthèse, que les spécialistes jugent possible grâce à des méthodes enzymatiques, plus douces que la chimie classique.</p>
""",
        tags=("Hardware", "Technologie"),
        sources=("nature", "techreview"),
        authors=("julien.marchand",),
        image=DemoImage(
            alt_text="Lignes ondulées claires qui s’entrecroisent comme une double hélice, sur un dégradé allant du brun au vert tendre.",
            caption="Des fichiers encodés en A, C, G et T.",
            credit="Nadia Cherki",
            colours=("#432818", "#99d98c"),
            motif="waves",
        ),
        day=2,
        time="08:00",
    ),
    DemoArticle(
        title="Comment nous testons les assistants d’intelligence artificielle",
        standfirst="Nos lecteurs nous demandent souvent comment nous comparons les assistants conversationnels. Voici notre méthode, ses limites, et ce que nous avons décidé de ne pas mesurer.",
        body="""
<p>Tester un assistant d’intelligence artificielle n’a rien à voir avec le test d’un smartphone. Un téléphone donne le même résultat à chaque mesure d’autonomie ; un assistant peut répondre différemment à la même question posée deux fois. Comparer plusieurs services suppose donc une méthode rigoureuse, que nous avons voulu rendre publique.</p>
<h2>Notre protocole</h2>
<ol>
<li>Une <strong>banque de questions</strong> rédigée par la rédaction, renouvelée en partie à chaque campagne pour éviter qu’elle ne finisse dans les données d’entraînement.</li>
<li>Chaque question est posée <strong>trois fois</strong>, dans des conversations séparées, pour mesurer la constance des réponses.</li>
<li>Les réponses sont évaluées à l’aveugle par deux journalistes, qui ignorent quel service a produit quel texte.</li>
<li>Les affirmations factuelles sont vérifiées une à une auprès de sources primaires.</li>
</ol>
<p>Nous évaluons l’exactitude, la capacité à reconnaître une incertitude, la qualité des sources citées et la clarté de l’expression. Nous testons aussi la résistance aux questions piégées, celles qui contiennent une prémisse fausse.</p>
<h2>Ce que nous ne mesurons pas</h2>
<p>Nous avons renoncé à produire une note unique. Un assistant excellent pour résumer un document peut être médiocre pour répondre à une question d’actualité ; additionner ces résultats n’aurait pas de sens. Nous ne publions pas non plus de classement définitif : les services évoluent chaque semaine, et un test n’est qu’une photographie.</p>
<blockquote><p>Un bon test ne dit pas quel assistant est le meilleur. Il dit à quoi chacun peut servir, et où il vaut mieux ne pas lui faire confiance.</p></blockquote>
<p>Enfin, nous n’acceptons ni accès privilégié ni version spéciale fournie par les éditeurs : nous testons les services tels que vous les utilisez, avec des comptes ordinaires. Vos suggestions de questions sont les bienvenues en commentaire.</p>
""",
        tags=("Intelligence Artificielle", "Société"),
        sources=("techreview",),
        authors=("camille.lefevre",),
        image=DemoImage(
            alt_text="Barres verticales claires de différentes hauteurs sur un dégradé allant du violet au rose vif.",
            caption="Trois essais par question, évalués à l’aveugle.",
            credit="Margaux Delorme",
            colours=("#5a189a", "#f15bb5"),
            motif="bars",
        ),
        day=5,
        time="09:00",
    ),
    # In review: submitted by their author, waiting for an editor.
    DemoArticle(
        title="Claviers mécaniques : d’une niche de passionnés au rayon grand public",
        standfirst="Interrupteurs à remplacer, touches sur mesure, sons « crémeux » : le clavier mécanique est sorti des forums spécialisés. Un engouement qui a aussi une vertu inattendue, la réparabilité.",
        body="""
<p>Il y a dix ans, évoquer la couleur de ses interrupteurs ou le profil de ses touches vous rangeait dans une catégorie bien précise de passionnés. Aujourd’hui, les claviers mécaniques occupent des rayons entiers dans les grandes surfaces d’électronique, et les vidéos où des amateurs comparent le son de leurs frappes cumulent des millions de vues.</p>
<p>Un clavier mécanique se distingue par un interrupteur individuel sous chaque touche, avec son propre ressort. Là où un clavier à membrane offre une sensation uniforme et un peu molle, le mécanique propose une frappe plus nette, et une large palette de sensations : linéaire, tactile, ou franchement cliquetante, au grand dam des collègues de bureau.</p>
<h2>Un objet que l’on démonte</h2>
<p>Le phénomène a une dimension moins attendue. Beaucoup de modèles récents permettent de <strong>retirer les interrupteurs à la main</strong>, sans soudure. Une touche défaillante ne condamne plus le clavier : on remplace la pièce, pour quelques dizaines de centimes. Les capuchons de touches, les câbles et même les circuits se changent à volonté.</p>
<blockquote><p>Mes clients gardent leur clavier dix ans. Ils changent les touches, le son, les couleurs, mais jamais le clavier entier.</p></blockquote>
<p>Ce constat d’un artisan lyonnais qui assemble des claviers sur mesure contraste avec la logique des périphériques jetables. Reste que la mode a son revers : la tentation de collectionner, d’acheter un nouveau jeu de touches à chaque tendance, ce qui annule une partie du bénéfice. Comme souvent, l’objet le plus durable est celui que l’on garde, et un bon clavier, entretenu et réparé, peut accompagner plusieurs ordinateurs successifs.</p>
""",
        tags=("Hardware", "Société"),
        sources=("theverge",),
        authors=("ines.benali",),
        image=DemoImage(
            alt_text="Grille de petits carrés clairs rappelant des touches, sur un dégradé allant du bleu-vert sombre au jaune sable.",
            caption="Un interrupteur par touche, remplaçable à la main.",
            credit="Baptiste Roux",
            colours=("#264653", "#e9c46a"),
            motif="grid",
        ),
        day=-1,
        time="16:20",
        status="review",
    ),
    DemoArticle(
        title="Vote électronique en entreprise : peut-on vérifier sans trahir le secret ?",
        standfirst="Élections professionnelles, assemblées générales, conseils d’administration : le vote en ligne se généralise. Concilier le secret du vote et la possibilité de vérifier le résultat reste un défi mathématique autant que pratique.",
        body="""
<p>Dans de nombreuses entreprises, les élections professionnelles se déroulent désormais en ligne. Les salariés reçoivent des identifiants, votent depuis leur poste ou leur téléphone, et les résultats tombent quelques minutes après la clôture. Pratique, économique, et favorable à la participation des salariés éloignés du siège. Mais une question revient à chaque scrutin contesté : comment savoir que le résultat est juste ?</p>
<p>Dans un bureau de vote classique, la réponse est simple. N’importe qui peut observer l’urne transparente, assister au dépouillement et recompter les bulletins. Avec le vote électronique, tout se passe dans des serveurs que personne ne voit. Il faut donc remplacer la confiance dans l’urne par une confiance dans les mathématiques.</p>
<h2>La promesse de la vérifiabilité</h2>
<p>Les chercheurs en cryptographie ont conçu des systèmes dits <strong>vérifiables de bout en bout</strong>. Chaque électeur peut vérifier que son bulletin chiffré figure dans l’urne, et n’importe quel observateur peut contrôler que le décompte correspond aux bulletins, sans jamais voir qui a voté quoi. Plusieurs systèmes de ce type sont publiés sous licence libre et ont fait l’objet de travaux académiques.</p>
<blockquote><p>La vraie question n’est pas « est-ce sécurisé ? », mais « qui peut le vérifier, et l’a-t-il fait ? ».</p></blockquote>
<p>Cette formule d’une enseignante-chercheuse en sécurité informatique résume l’écart entre la théorie et la pratique. Les prestataires de vote en ligne, soumis aux recommandations de la CNIL, ne proposent pas tous ces mécanismes, et les électeurs les utilisent rarement. Un système vérifiable que personne ne vérifie n’apporte qu’une garantie théorique.</p>
""",
        tags=("Société", "Technologie"),
        sources=("next", "lemonde"),
        authors=("julien.marchand",),
        image=DemoImage(
            alt_text="Réseau de points blancs reliés par des lignes fines, sur un dégradé allant du gris violacé au vert d’eau.",
            caption="Remplacer l’urne transparente par des preuves mathématiques.",
            credit="Élise Fontaine",
            colours=("#3d405b", "#81b29a"),
            motif="network",
        ),
        day=-2,
        time="18:05",
        status="review",
    ),
    # Drafts: still being written.
    DemoArticle(
        title="Montres connectées et données de santé : qui lit votre pouls ?",
        standfirst="Rythme cardiaque, sommeil, oxygénation du sang : les montres connectées mesurent en continu des données que l’on confiait autrefois à son seul médecin. Leur statut juridique reste flou.",
        body="""
<p>Elle vibre quand le cœur s’emballe, félicite après dix mille pas et analyse chaque nuit la qualité du sommeil. La montre connectée est devenue un carnet de santé porté au poignet. Certaines détectent des troubles du rythme cardiaque, d’autres estiment le taux d’oxygène dans le sang ou la température cutanée. Des fonctions qui relevaient, il y a peu, de l’équipement médical.</p>
<p>Ces données sont parmi les plus sensibles qui soient. Le RGPD les range dans une catégorie particulière, dont le traitement est en principe interdit sauf exceptions, comme le consentement explicite de la personne. Mais la frontière entre donnée de santé et donnée de <em>bien-être</em> est floue : un nombre de pas est-il une information médicale ? Une courbe de sommeil ? La réponse dépend souvent de l’usage qui en est fait.</p>
<h2>Des données qui voyagent</h2>
<p>Les mesures ne restent pas dans la montre. Elles sont synchronisées avec le téléphone, puis avec les serveurs du fabricant, et parfois partagées avec des applications tierces de sport ou de nutrition. Chaque étape ajoute un intermédiaire, et donc un risque de fuite ou de réutilisation.</p>
<p>Les mutuelles et assureurs s’y intéressent de près. Certains proposent déjà des réductions aux assurés qui partagent leur activité physique. Le principe reste facultatif, mais il interroge : que deviendrait la mutualisation des risques si les moins actifs payaient davantage ?</p>
<p>Avant de choisir une montre, quelques questions méritent d’être posées : où les données sont-elles hébergées, peut-on les exporter, peut-on les supprimer définitivement, et l’application fonctionne-t-elle sans créer de compte en ligne ?</p>
""",
        tags=("Société", "Hardware"),
        sources=("quechoisir",),
        authors=("camille.lefevre",),
        image=DemoImage(
            alt_text="Lignes ondulées claires, comme un tracé de pouls, sur un dégradé allant du bleu canard au saumon.",
            caption="Des mesures continues, synchronisées bien au-delà du poignet.",
            credit="Théo Vasseur",
            colours=("#006d77", "#e29578"),
            motif="waves",
        ),
        day=-3,
        time="15:40",
        status="draft",
    ),
    DemoArticle(
        title="Correction d’erreurs quantiques : le vrai chantier des ordinateurs du futur",
        standfirst="Les annonces de records de qubits se succèdent. Mais un ordinateur quantique utile dépendra surtout de sa capacité à corriger ses propres erreurs, un domaine où les progrès sont plus lents et plus décisifs.",
        body="""
<p>Un ordinateur quantique manipule des qubits, capables de représenter à la fois zéro et un grâce aux lois de la physique quantique. Cette propriété ouvre la voie à des calculs inaccessibles aux machines classiques, comme la simulation de molécules complexes. Mais les qubits sont d’une fragilité extrême : la moindre vibration, la moindre variation de température ou de champ électromagnétique suffit à les perturber.</p>
<p>Résultat : les machines actuelles commettent des erreurs en permanence. Au-delà de quelques milliers d’opérations, le résultat d’un calcul devient indiscernable du bruit. C’est pourquoi les chercheurs consacrent l’essentiel de leurs efforts à la <strong>correction d’erreurs</strong>.</p>
<h2>Des qubits logiques faits de qubits physiques</h2>
<p>Le principe consiste à répartir l’information d’un qubit, dit logique, sur de nombreux qubits physiques, et à surveiller en permanence leurs écarts pour détecter et corriger les erreurs sans détruire l’information. Selon les technologies et les taux d’erreur, il faut aujourd’hui des dizaines, voire des centaines de qubits physiques pour obtenir un seul qubit logique fiable.</p>
<p>Plusieurs équipes ont franchi une étape symbolique : montrer qu’ajouter des qubits physiques réduit effectivement le taux d’erreur du qubit logique, au lieu de l’augmenter. C’est la condition pour que la méthode puisse passer à l’échelle.</p>
<p>Reste un chemin considérable. Les applications réellement utiles nécessiteraient des milliers de qubits logiques, donc des centaines de milliers, voire des millions de qubits physiques. La prochaine fois qu’une entreprise annonce un record de qubits, la bonne question sera donc : combien sont réellement utilisables ?</p>
""",
        tags=("Technologie",),
        sources=("nature", "ieee"),
        authors=("julien.marchand",),
        image=None,
        day=-6,
        time="11:10",
        status="draft",
    ),
    DemoArticle(
        title="Jeux en ligne : la latence, ennemie jurée des joueurs",
        standfirst="Quelques dizaines de millisecondes suffisent à perdre une partie. Entre la fibre, le Wi-Fi, la distance aux serveurs et le cloud gaming, d’où vient vraiment le décalage ?",
        body="""
<p>Le joueur a appuyé sur le bouton, mais son personnage a réagi trop tard. Pour les amateurs de jeux compétitifs, ce décalage porte un nom : la <strong>latence</strong>. Elle désigne le temps nécessaire pour qu’une information fasse l’aller-retour entre la console ou l’ordinateur et le serveur du jeu. Mesurée en millisecondes, elle compte souvent davantage que le débit de la connexion.</p>
<p>Plusieurs facteurs s’additionnent. La distance d’abord : la lumière dans une fibre optique parcourt environ deux cents kilomètres par milliseconde, si bien qu’un serveur situé à l’autre bout de l’Europe ajoute mécaniquement un délai. Le réseau domestique ensuite, où le Wi-Fi, sensible aux interférences, introduit des variations que les joueurs détestent. Enfin, le matériel lui-même : écran, manette et traitement de l’image ajoutent leurs propres délais.</p>
<h2>Le cas du jeu en streaming</h2>
<p>Le jeu dans le cloud, où le jeu tourne sur un serveur distant qui envoie une vidéo au joueur, cumule toutes ces contraintes. Chaque action doit remonter au serveur, être calculée, puis redescendre sous forme d’image compressée. Les services ont fait d’énormes progrès en rapprochant leurs serveurs des utilisateurs, mais les jeux de tir les plus exigeants restent difficiles à pratiquer dans de bonnes conditions.</p>
<p>Quelques gestes simples améliorent la situation : brancher la console en Ethernet plutôt qu’en Wi-Fi, activer le mode jeu du téléviseur, choisir un serveur de jeu proche de chez soi et éviter les téléchargements en parallèle. Rien de spectaculaire, mais chaque milliseconde gagnée compte quand la partie se joue à un réflexe près.</p>
""",
        tags=("Technologie",),
        sources=("arstechnica",),
        authors=("ines.benali",),
        image=DemoImage(
            alt_text="Bandes diagonales claires de largeurs irrégulières sur un dégradé allant du violet sombre au rouge cerise.",
            caption="Chaque milliseconde compte dans les jeux compétitifs.",
            credit="Nadia Cherki",
            colours=("#240b36", "#c31432"),
            motif="stripes",
        ),
        day=-4,
        time="17:30",
        status="draft",
    ),
)
