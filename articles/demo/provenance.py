"""How the demo articles were written: most by AI and reviewed by the editor, a few by their
authors alone, a few with the help of AI. The site's footer and labels say so."""

from ..models import WritingMethod

#: The AI system named on the AI-written demo articles.
AI_SYSTEM = "Mistral Large 2"

#: Titles of the articles written by their authors without AI.
HUMAN = {
    "Réparer son smartphone : la note de réparabilité a-t-elle changé quelque chose ?",
    "À l’hôpital, l’IA lit les radios mais ne signe pas le compte rendu",
    "Démarches en ligne : au guichet des conseillers numériques",
    "Comment nous testons les assistants d’intelligence artificielle",
}
#: Titles of the articles their authors wrote with the help of AI.
AI_ASSISTED = {
    "Breton, occitan, alsacien : l’IA peut-elle aider les langues régionales ?",
    "À l’école, le retour du cahier ne signe pas la fin du numérique",
    "Logiciel libre dans les administrations : la souveraineté passe aussi par le code",
}


def writing_method(demo):
    """The WritingMethod of a DemoArticle: AI-generated unless listed above."""
    if demo.title in HUMAN:
        return WritingMethod.HUMAN
    if demo.title in AI_ASSISTED:
        return WritingMethod.AI_ASSISTED
    return WritingMethod.AI_GENERATED
