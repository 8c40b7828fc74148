"""Write a WordPress export of N posts, to measure the import (see the README).

    python bench/wordpress_export.py 2000 /tmp/export.xml

Each post has a body of a few classic paragraphs with a caption shortcode, two categories
among ten, three tags among fifty, and three comments of which one is a reply. Then:

    /usr/bin/time -v python manage.py import_wordpress /tmp/export.xml
"""

import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.wordpress import exports as wx  # noqa: E402

PARAGRAPH = (
    "Le port de pêche a retrouvé son activité après deux ans de travaux. Les pêcheurs "
    "racontent la saison, les prix et les nouvelles règles de la criée.\n"
)


def post(number, rng):
    comments = [
        wx.comment(number * 10 + 1, "Merci pour cet article."),
        wx.comment(number * 10 + 2, "Je ne suis pas d’accord.", parent=number * 10 + 1),
        wx.comment(number * 10 + 3, "À suivre", approved="0"),
    ]
    body = "\n".join([PARAGRAPH] * 6) + (
        '\n[caption id="attachment_1" width="640"]<img src="https://mag.example/x.jpg" /> '
        "Le port. Crédit photo : Jeanne Martin[/caption]\n"
    )
    return wx.item(
        number,
        f"Article numéro {number}",
        slug=f"article-{number}",
        content=body,
        excerpt="Un chapeau court.",
        creator=rng.choice(["jeanne", "paul"]),
        date_gmt=f"20{10 + number % 14:02d}-{1 + number % 12:02d}-{1 + number % 28:02d} 08:00:00",
        categories=[(f"rubrique-{i}", f"Rubrique {i}") for i in rng.sample(range(10), 2)],
        tags=[(f"sujet-{i}", f"Sujet {i}") for i in rng.sample(range(50), 3)],
        comments=comments,
    )


def main():
    count, path = int(sys.argv[1]), Path(sys.argv[2])
    rng = random.Random(1)
    with path.open("w", encoding="utf-8") as out:
        out.write(wx.HEAD)
        out.write(wx.author("jeanne", "jeanne@mag.example", "Jeanne", "Martin", author_id=1))
        out.write(wx.author("paul", "paul@mag.example", "Paul", "Durand", author_id=2))
        for i in range(10):
            out.write(wx.category(100 + i, f"rubrique-{i}", f"Rubrique {i}"))
        for i in range(50):
            out.write(wx.tag(200 + i, f"sujet-{i}", f"Sujet {i}"))
        for number in range(1, count + 1):
            out.write(post(number, rng))
        out.write(wx.TAIL)


if __name__ == "__main__":
    main()
