"""``{% article_body article as body %}``: an article's text with its pictures and embeds
(articles/rendering.py); ``{{ html|rich_text }}`` does the same for a flat page."""

from django import template

from ..rendering import render_body, render_rich_text

register = template.Library()


@register.simple_tag
def article_body(article):
    return render_body(article)


@register.filter
def rich_text(html):
    return render_rich_text(html)
