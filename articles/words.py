"""The words of an article, as a reader reads them: what a review vouches for and what the
history compares, whatever markup carries them."""

import re

from django.utils.html import strip_tags

_BLOCK_END = re.compile(r"</(p|h[1-6]|li|blockquote|figcaption)>|<br\s*/?>", re.IGNORECASE)


def readable_text(html):
    """The words of ``html``, one line per paragraph, heading or list item."""
    text = strip_tags(_BLOCK_END.sub("\n", html or ""))
    lines = (" ".join(line.split()) for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def reviewed_words(title, standfirst, body):
    """The words a review vouches for: only words count, not the markup an editor rewrites."""
    return (" ".join(title.split()), " ".join(standfirst.split()), readable_text(body))
