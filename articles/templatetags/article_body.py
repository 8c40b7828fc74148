"""``article_body(article)``: an article's text with its pictures and embeds
(articles/rendering.py); ``{{ html|rich_text }}`` does the same for a flat page. Both are
the reader templates' (newsroom/jinja2.py)."""

from ..rendering import render_body, render_rich_text


def article_body(article):
    return render_body(article)


def rich_text(html):
    return render_rich_text(html)
