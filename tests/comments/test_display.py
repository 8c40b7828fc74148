"""How comments appear on the article page."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from comments.display import page_of
from comments.models import Comment, body_fingerprint

from .conftest import make_article, make_comment, post_comment, trusted_browser

pytestmark = pytest.mark.django_db


def comments_html(client, article, query=""):
    response = client.get(article.get_absolute_url() + query)
    assert response.status_code == 200
    html = response.content.decode()
    return html[html.index('id="comments"') :]


def add_threads(article, count):
    """``count`` comments: a third on the article, the others replies and replies to replies."""
    start = timezone.now() - timedelta(days=1)
    made = []
    for number in range(count):
        # Every third comment starts a thread; the next two reply, each to the one before.
        parent = made[-1] if number % 3 else None
        made.append(
            make_comment(
                article,
                parent=parent,
                body=f"Commentaire {number}",
                website="https://lecteur.example" if number % 2 else "",
                created_at=start + timedelta(minutes=number),
            )
        )
    return made


def queries_for_page(client, article):
    with CaptureQueriesContext(connection) as context:
        response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    return len(context.captured_queries)


class TestQueryCount:
    def test_constant_whatever_the_number_of_comments_and_replies(self, article):
        small = make_article("Peu de commentaires")
        add_threads(small, 5)
        big = make_article("Beaucoup de commentaires")
        add_threads(big, 50)
        client = Client()
        queries_for_page(client, small)  # Warm up the site and content-type caches.
        assert queries_for_page(client, small) == queries_for_page(client, big)

    def test_constant_for_a_commenter_with_pending_comments(self, article, settings):
        settings.COMMENTS_RATE_LIMIT_PER_IP = 0
        settings.COMMENTS_RATE_LIMIT_PER_EMAIL = 0
        small = make_article("Peu")
        big = make_article("Beaucoup")
        add_threads(small, 5)
        add_threads(big, 50)
        reader = Client()
        for article_ in (small, big):
            post_comment(reader, article_, body=f"Le mien sur {article_.title}")
        queries_for_page(reader, small)
        assert queries_for_page(reader, small) == queries_for_page(reader, big)


class TestThreads:
    def test_approved_only(self, client, article):
        make_comment(article, body="Visible")
        for status in (Comment.Status.PENDING, Comment.Status.SPAM, Comment.Status.REMOVED):
            make_comment(article, body=f"Caché {status}", status=status)
        html = comments_html(client, article)
        assert "Visible" in html
        assert "Caché" not in html

    def test_oldest_first_and_replies_under_their_parent(self, client, article):
        now = timezone.now()
        first = make_comment(article, body="Le premier", created_at=now - timedelta(hours=3))
        second = make_comment(article, body="Le second", created_at=now - timedelta(hours=2))
        reply = make_comment(article, body="Réponse au premier", parent=first,
                             created_at=now - timedelta(hours=1))
        html = comments_html(client, article)
        assert html.index("Le premier") < html.index("Réponse au premier") < html.index(
            "Le second"
        )
        first_item = html[html.index(f'id="comment-{first.pk}"') : html.index(
            f'id="comment-{second.pk}"'
        )]
        assert "comment-list--replies" in first_item
        assert f'id="comment-{reply.pk}"' in first_item

    def test_a_reply_whose_parent_was_removed_is_still_shown(self, client, article, moderator):
        parent = make_comment(article, body="Parent retiré")
        make_comment(article, body="Réponse restée", parent=parent)
        Comment.objects.filter(pk=parent.pk).update(status=Comment.Status.REMOVED)
        html = comments_html(client, article)
        assert "Réponse restée" in html and "Parent retiré" not in html

    def test_paginated_past_the_configured_number_of_threads(self, client, article, settings):
        settings.COMMENTS_PER_PAGE = 2
        now = timezone.now()
        threads = [
            make_comment(article, body=f"Fil {number}", created_at=now + timedelta(minutes=number))
            for number in range(5)
        ]
        make_comment(article, body="Réponse du fil 0", parent=threads[0],
                     created_at=now + timedelta(hours=1))
        html = comments_html(client, article)
        assert "Fil 0" in html and "Fil 1" in html and "Réponse du fil 0" in html
        assert "Fil 2" not in html
        assert f'href="{article.get_absolute_url()}?comments=2#comments"' in html
        html = comments_html(client, article, "?comments=3")
        assert "Fil 4" in html and "Fil 0" not in html
        # Garbage page numbers fall back on a real page.
        for garbage in ("abc", "0", "-1", "9" * 30, "last"):
            comments_html(client, article, f"?comments={garbage}")

    def test_the_default_page_size_is_50_threads(self, client, article):
        add_threads(article, 3 * 51)  # 51 threads.
        html = comments_html(client, article)
        assert "?comments=2#comments" in html

    def test_a_new_comment_on_a_later_page_redirects_there(self, client, article, settings):
        settings.COMMENTS_PER_PAGE = 2
        for number in range(4):
            make_comment(article, body=f"Ancien {number}",
                         created_at=timezone.now() - timedelta(hours=5 - number))
        key = trusted_browser(client, article)
        Comment.objects.filter(commenter_key=key).update(
            created_at=timezone.now() - timedelta(hours=1)
        )
        response = post_comment(client, article)
        comment = Comment.objects.latest("pk")
        assert comment.status == Comment.Status.APPROVED
        assert response["Location"] == (
            f"{article.get_absolute_url()}?comments=3#comment-{comment.pk}"
        )


    def test_a_reply_redirects_to_the_page_of_its_thread(self, client, article, settings):
        settings.COMMENTS_PER_PAGE = 2
        threads = [
            make_comment(article, body=f"Fil {number}",
                         created_at=timezone.now() - timedelta(hours=5 - number))
            for number in range(5)
        ]
        # Neither a reply nor a comment awaiting moderation starts a thread of its own.
        make_comment(article, body="Réponse", parent=threads[0],
                     created_at=timezone.now() - timedelta(hours=4, minutes=30))
        make_comment(article, body="En attente", status=Comment.Status.PENDING,
                     created_at=timezone.now() - timedelta(hours=4, minutes=15))
        # Three threads before the one answered: on the second page, not the third.
        response = post_comment(client, article, parent=threads[3].pk)
        reply = Comment.objects.latest("pk")
        assert reply.parent == threads[3]
        assert response["Location"] == (
            f"{article.get_absolute_url()}?comments=2#comment-{reply.pk}"
        )


class TestPageOf:
    """The page a comment lands on (where a reader goes after posting): its thread's."""

    @staticmethod
    def threads(article, count, *, replies=0, under=0):
        """``count`` threads, oldest first, and ``replies`` replies, each to the one before,
        below thread number ``under``, all sent after the last thread began. Returns the
        threads' first comments and the deepest reply."""
        start = timezone.now() - timedelta(days=1)
        firsts = [
            make_comment(article, body=f"Fil {number}", created_at=start + timedelta(hours=number))
            for number in range(count)
        ]
        deepest = firsts[under]
        for level in range(replies):
            deepest = make_comment(
                article,
                parent=deepest,
                body=f"Réponse {level}",
                created_at=start + timedelta(days=1, minutes=level),
            )
        return firsts, deepest

    @pytest.mark.parametrize("depth", [3, 12])
    def test_two_queries_however_deep_the_reply(
        self, article, settings, depth, django_assert_num_queries
    ):
        settings.COMMENTS_PER_PAGE = 2
        _firsts, deepest = self.threads(article, 5, replies=depth - 1, under=2)
        with django_assert_num_queries(2):
            assert page_of(deepest) == 2

    def test_a_deep_reply_is_on_its_threads_page(self, article, settings):
        settings.COMMENTS_PER_PAGE = 2
        firsts, deepest = self.threads(article, 5, replies=6, under=1)
        assert [page_of(first) for first in firsts] == [1, 1, 2, 2, 3]
        assert page_of(deepest) == 1

    def test_a_reply_whose_thread_start_was_deleted_is_on_its_new_threads_page(
        self, article, settings
    ):
        settings.COMMENTS_PER_PAGE = 1
        firsts, deepest = self.threads(article, 4, replies=3, under=1)
        # Its thread now starts with the first reply, sent after the three others began.
        firsts[1].delete()
        deepest.refresh_from_db()
        assert page_of(deepest) == 4

    def test_a_chain_that_loops_back_ends(self, article, settings):
        settings.COMMENTS_PER_PAGE = 1
        firsts, deepest = self.threads(article, 4, replies=2, under=2)
        Comment.objects.filter(pk=firsts[2].pk).update(parent=deepest.parent)
        deepest.refresh_from_db()
        # Walking up from the deepest reply: its parent, the third thread's start, then
        # its parent again; the last comment reached before the loop starts the thread.
        assert page_of(deepest) == 3


class TestOneComment:
    def test_name_linked_to_the_website(self, client, article):
        make_comment(article, name="Lou", website="https://lou.example/")
        html = comments_html(client, article)
        assert '<a href="https://lou.example/" rel="nofollow ugc noopener">Lou</a>' in html

    def test_name_without_website_is_plain_text(self, client, article):
        comment = make_comment(article, name="Lou")
        html = comments_html(client, article)
        assert f'<span class="comment__author" id="comment-{comment.pk}-author">Lou</span>' in html

    def test_date(self, client, article):
        comment = make_comment(article)
        html = comments_html(client, article)
        moment = timezone.localtime(comment.created_at).isoformat(timespec="seconds")
        assert f'<time datetime="{moment}"' in html

    def test_body_is_escaped_with_line_breaks_and_links(self, client, article):
        make_comment(
            article,
            body='<script>alert("x")</script> & <b>gras</b>\nLigne deux\n\n'
                 "Voir https://source.example/page?a=1&b=2.",
        )
        html = comments_html(client, article)
        assert "<script>alert" not in html and "<b>gras" not in html
        assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;gras" in html
        assert "<br>Ligne deux</p>" in html
        assert (
            '<a href="https://source.example/page?a=1&amp;b=2" rel="nofollow ugc noopener">'
            "https://source.example/page?a=1&amp;b=2</a>." in html
        )

    def test_every_link_has_exactly_the_required_rel(self, client, article):
        make_comment(article, website="https://a.example",
                     body="www.b.example et https://c.example")
        html = comments_html(client, article)
        body_links = re.findall(r'<a href="http[^"]*"[^>]*>', html[: html.index("comment-form")])
        assert len(body_links) == 3
        for link in body_links:
            assert link.endswith('rel="nofollow ugc noopener">')

    def test_a_hostile_website_is_never_stored(self, client, article):
        post_comment(client, article, website='https://x.example/"onmouseover="alert(1)')
        for comment in Comment.objects.all():
            html = comments_html(client, article)
            assert 'onmouseover="alert' not in html
            assert comment.status != Comment.Status.APPROVED

    def test_the_reply_link_names_the_author_for_screen_readers(self, client, article):
        # Its text is translated once for the page, the name put in for each comment.
        hostile = make_comment(article, name="L'\"ami\" <b>&amp; %(name)s")
        plain = make_comment(article, name="Sacha")
        french = comments_html(client, article)
        english = client.get(f"/en{article.get_absolute_url()}").content.decode()
        for html, reply, to in ((french, "Répondre", "à"), (english, "Reply", "to")):
            assert (
                f'reply_to={hostile.pk}#comment-form">{reply}<span class="sr-only"> {to} '
                "L&#x27;&quot;ami&quot; &lt;b&gt;&amp;amp; %(name)s</span></a>"
            ) in html
            assert (
                f'reply_to={plain.pk}#comment-form">{reply}<span class="sr-only"> {to} Sacha</span>'
            ) in html

    def test_no_reply_link_past_the_deepest_reply(self, client, article, settings):
        settings.COMMENTS_MAX_DEPTH = 1
        make_comment(article, name="Sacha")
        html = comments_html(client, article)
        assert "comment__reply" not in html and "à Sacha" not in html

    def test_the_pending_marker_is_for_the_author_only(self, client, article):
        post_comment(client, article, body="En attente")
        assert "comment__pending" in comments_html(client, article)
        assert "comment__pending" not in comments_html(Client(), article)

    def test_no_reply_link_on_the_pending_comment(self, client, article):
        post_comment(client, article, body="En attente")
        comment = Comment.objects.get()
        assert f"reply_to={comment.pk}" not in comments_html(client, article)


class TestCount:
    def test_the_article_page_counts_approved_comments_only(self, client, article):
        make_comment(article)
        make_comment(article, status=Comment.Status.PENDING)
        make_comment(article, status=Comment.Status.SPAM)
        html = client.get(article.get_absolute_url()).content.decode()
        assert re.search(r'class="comment-count"[^>]*>\s*1 ', html)
        assert re.search(r'id="comments-heading">\s*1 ', html)

    def test_no_comments(self, client, article):
        html = client.get(article.get_absolute_url()).content.decode()
        assert re.search(r'class="comment-count"[^>]*>\s*0 ', html)


class TestBodyLinking:
    """comment_body sends only the words that may be links through Django's urlizer."""

    @staticmethod
    def urlized_word_by_word(text):
        from comments.rendering import _urlize

        return _urlize(text, trim_url_limit=60, nofollow=False, autoescape=True)

    @given(
        st.lists(
            st.one_of(st.text(max_size=8), st.sampled_from([
                "mot", "fin.", "(voir", "https://a.example/x?a=1&b=2).", "www.b.example,",
                "c.com", "HTTP://D.EXAMPLE", "e@f.org", "x:y", "<b>", '"', "'", "&", "é",
                " ", "\n", "\t", "..", "http:", "a.net/chemin", "[www.g.example]",
            ])),
            max_size=30,
        )
    )
    def test_same_html_as_the_urlizer_over_the_whole_text(self, pieces):
        from comments.rendering import _linked

        text = "".join(pieces)
        assert _linked(text) == self.urlized_word_by_word(text)


class TestTheTextIsPrintedOnceWhenSaved:
    """A comment's HTML is made when it is saved (Comment.body_html), not for each reader:
    the page prints the same, whichever way the comment was written."""

    HOSTILE = '<b>gras</b> & "cité"\n\nVoir www.b.example'
    PRINTED = (
        "<p>&lt;b&gt;gras&lt;/b&gt; &amp; &quot;cité&quot;</p>\n\n<p>Voir "
        '<a href="http://www.b.example" rel="nofollow ugc noopener">www.b.example</a></p>'
    )

    def test_a_saved_comment(self, client, article):
        comment = make_comment(article, body=self.HOSTILE)
        assert Comment.objects.get(pk=comment.pk).body_html == self.PRINTED
        assert self.PRINTED in comments_html(client, article)
        comment.body = "Corrigé : https://c.example"
        comment.save(update_fields=["body"])
        html = comments_html(client, article)
        assert "gras" not in html and '<a href="https://c.example"' in html

    def test_a_comment_inserted_in_bulk(self, client, article):
        Comment.objects.bulk_create([Comment(
            article=article, name="Lou", body=self.HOSTILE, status=Comment.Status.APPROVED,
        )])
        assert self.PRINTED in comments_html(client, article)

    def test_a_text_changed_in_bulk(self, client, article):
        comment = make_comment(article, body="Avant")
        Comment.objects.filter(pk=comment.pk).update(body=self.HOSTILE)
        html = comments_html(client, article)
        assert "Avant" not in html and self.PRINTED in html
        assert Comment.objects.get(pk=comment.pk).body_hash == body_fingerprint(self.HOSTILE)

    def test_the_comments_already_there_get_theirs(self, client, article):
        import importlib

        from django.apps import apps

        comment = make_comment(article, body=self.HOSTILE)
        Comment.objects.filter(pk=comment.pk).update(body_html="")
        migration = importlib.import_module("comments.migrations.0006_comment_body_html")
        migration.render_existing_comments(apps, None)
        assert Comment.objects.get(pk=comment.pk).body_html == self.PRINTED


def test_comment_page_addresses_keep_the_other_parameters_and_put_reply_to_last():
    from django.test import RequestFactory

    from comments.rendering import comments_urls_for

    query = {"utm": "a b&c", "reply_to": "4", "comments": "9"}
    request = RequestFactory().get("/articles/x/", query)
    url = comments_urls_for(request, 2, anchor="comment-form")
    assert url() == "/articles/x/?utm=a+b%26c&comments=2#comment-form"
    assert url(12) == "/articles/x/?utm=a+b%26c&comments=2&reply_to=12#comment-form"
    assert url(12) == url("12") and url(-3) == url("-3")
    assert url("é 1") == "/articles/x/?utm=a+b%26c&comments=2&reply_to=%C3%A9+1#comment-form"

    bare = comments_urls_for(RequestFactory().get("/articles/x/"), 1)
    assert bare() == "/articles/x/#comments"
    assert bare(12) == "/articles/x/?reply_to=12#comments"
