"""The shapes of the demo data: what one article and its featured image need."""

from dataclasses import dataclass

LICENCE_NAME = "CC BY 4.0"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"


@dataclass(frozen=True)
class DemoUser:
    username: str
    first_name: str
    last_name: str

    @property
    def email(self):
        return f"{self.username}@newsroom.example"


@dataclass(frozen=True)
class DemoImage:
    """A featured image drawn by :mod:`articles.demo.images`.

    ``alt_text`` describes what the drawing really shows: ``colours`` are the two
    ends of its diagonal gradient (top left, bottom right) and ``motif`` the
    shapes drawn over it in light strokes.
    """

    alt_text: str
    caption: str
    credit: str
    colours: tuple[str, str]
    motif: str
    credit_source: str = "Studio Newsroom"


@dataclass(frozen=True)
class DemoArticle:
    """One article. ``day`` counts days from today: negative is past, positive future.

    A published article with a future ``day`` is scheduled. For drafts and
    articles in review, ``day`` is when they were last edited.
    """

    title: str
    standfirst: str
    body: str
    tags: tuple[str, ...]
    sources: tuple[str, ...]
    authors: tuple[str, ...]
    image: DemoImage | None
    day: int
    time: str = "09:00"
    status: str = "published"
    updated_after_hours: int = 0
