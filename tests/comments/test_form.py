import re
import time
from datetime import timedelta

import pytest
from django.core import signing
from django.test import Client, RequestFactory
from django.utils import timezone

from articles.models import Article
from comments.display import own_comment_ids
from comments.forms import make_timestamp
from comments.models import Comment

from .conftest import comment_data, make_article, make_comment, post_comment, post_url

pytestmark = pytest.mark.django_db


def page(client, article, query=""):
    response = client.get(article.get_absolute_url() + query)
    assert response.status_code == 200
    return response.content.decode()


class TestTheForm:
    def test_fields_notes_and_privacy_link(self, client, article):
        html = page(client, article)
        form = html[html.index('id="comment-form"') :]
        for name in ("name", "email", "website", "body"):
            assert f'name="{name}"' in form
        assert re.search(r'<input type="text" name="name"[^>]*required', form)
        assert re.search(r'<input type="email" name="email"[^>]*required', form)
        assert not re.search(r'<input type="url" name="website"[^>]*required', form)
        # The e-mail note is tied to its field.
        assert 'aria-describedby="comment-email_helptext"' in form
        assert 'id="comment-email_helptext"' in form
        assert 'id="comment-required-note"' in form
        assert 'href="/confidentialite-commentaires/"' in form
        # Robot traps.
        assert 'name="topic"' in form and 'class="comment-form__trap" aria-hidden="true"' in form
        assert re.search(r'name="timestamp" value="[^"]+"', form)
        assert f'action="/commentaires/{article.pk}/"' in form

    def test_french_by_default_and_english_under_en(self, client, article):
        assert 'lang="fr"' in page(client, article)
        response = client.get(f"/en{article.get_absolute_url()}")
        assert f'action="/en/commentaires/{article.pk}/"' in response.content.decode()

    def test_each_language_prints_its_own_labels_page_after_page(self, client, article):
        assert 'for="comment-email">Adresse e-mail' in page(client, article)
        html = client.get(f"/en{article.get_absolute_url()}").content.decode()
        assert 'for="comment-email">E-mail' in html and "Adresse e-mail" not in html

    def test_what_a_reader_sent_with_errors_is_shown_to_no_one_else(self, client, article):
        page(client, article)
        sent = post_comment(client, article, name="Dominique", email="pas-une-adresse")
        assert 'value="Dominique"' in sent.content.decode()
        html = page(Client(), article)
        assert "Dominique" not in html and 'id="comment-email_error"' not in html

    def test_the_privacy_page_exists(self, client):
        response = client.get("/confidentialite-commentaires/")
        assert response.status_code == 200
        assert "Akismet" in response.content.decode()

    def test_works_without_javascript(self, client, article):
        html = page(client, article)
        section = html[html.index('id="comments"') :]
        # Only an optional script, from a file: the form itself is plain HTML.
        assert re.findall(r"<script[^>]*>", section) == [
            '<script src="/static/comments/form.js" defer>'
        ]
        assert 'method="post"' in section
        assert re.search(r'name="timestamp" value="[^"]+"', section)


class TestPosting:
    def test_post_redirect_get_with_a_message(self, client, article):
        response = post_comment(client, article)
        comment = Comment.objects.get()
        assert response.status_code == 302
        assert response["Location"] == f"{article.get_absolute_url()}#comment-{comment.pk}"
        html = client.get(response["Location"]).content.decode()
        assert "modération" in html  # "Your comment awaits moderation", in French.

    def test_stores_what_was_sent_and_who_sent_it(self, client, article):
        post_comment(
            client,
            article,
            website="https://dominique.example/blog",
            REMOTE_ADDR="192.0.2.44",
        )
        comment = Comment.objects.get()
        assert comment.article == article
        assert comment.name == "Dominique"
        assert comment.email == "dominique@lecteurs.test"
        assert comment.website == "https://dominique.example/blog"
        assert comment.body.startswith("Merci pour cet article clair.\nJ’ai")
        assert comment.status == Comment.Status.PENDING
        assert comment.ip_address == "192.0.2.44"
        assert comment.spam_signals == []

    def test_the_commenter_sees_the_pending_comment_and_nobody_else(self, client, article):
        post_comment(client, article, body="Mon avis à moi, en attente.")
        mine = page(client, article)
        assert "Mon avis à moi, en attente." in mine
        assert "comment--pending" in mine
        assert "Only you can see it" in mine or "Vous seul" in mine or "seul" in mine
        assert "Mon avis à moi, en attente." not in page(Client(), article)

    def test_a_website_without_scheme_gets_https(self, client, article):
        post_comment(client, article, website="dominique.example")
        assert Comment.objects.get().website == "https://dominique.example"

    def test_line_endings_are_normalized(self, client, article):
        post_comment(client, article, body="Un\r\ndeux\rtrois")
        assert Comment.objects.get().body == "Un\ndeux\ntrois"

    def test_control_characters_are_removed(self, client, article):
        post_comment(client, article, name="Do\x00mi\x07nique\u202e", body="Bon\x1bjour\x00 à tous")
        comment = Comment.objects.get()
        assert comment.name == "Dominique"
        assert comment.body == "Bonjour à tous"

    def test_the_browser_remembers_a_bounded_number_of_own_comments(
        self, client, article, settings
    ):
        settings.COMMENTS_RATE_LIMIT_PER_IP = 0
        settings.COMMENTS_RATE_LIMIT_PER_EMAIL = 0
        settings.COMMENTS_SPAM_CHECKS = []
        for number in range(55):
            post_comment(client, article, body=f"Numéro {number}")
        request = RequestFactory().get("/")
        request.COOKIES = {name: morsel.value for name, morsel in client.cookies.items()}
        assert own_comment_ids(request) == list(
            Comment.objects.order_by("pk").values_list("pk", flat=True)[5:]
        )

    def test_a_post_opens_no_session_and_its_writer_sees_the_pending_comment(
        self, client, article, settings
    ):
        post_comment(client, article, body="En attente, mais visible pour moi")
        assert settings.SESSION_COOKIE_NAME not in client.cookies
        assert "En attente, mais visible pour moi" in page(client, article)
        assert "En attente, mais visible pour moi" not in page(Client(), article)

    def test_a_forged_list_of_own_comments_shows_nothing_pending(self, client, article):
        pending = make_comment(
            article, body="Le commentaire en attente de Dominique", status=Comment.Status.PENDING
        )
        for forged in (signing.dumps([pending.pk], salt="another.salt"), f"[{pending.pk}]"):
            client.cookies["owncomments"] = forged
            assert "en attente de Dominique" not in page(client, article)
        client.cookies["owncomments"] = signing.dumps([pending.pk], salt="comments.own")
        assert "en attente de Dominique" in page(client, article)


class TestErrors:
    def test_values_are_kept_and_errors_are_next_to_their_fields(self, client, article):
        response = post_comment(
            client, article, name="Dominique", email="pas-une-adresse", website="ftp://x.test",
            body="Mon texte à garder",
        )
        assert response.status_code == 200
        html = response.content.decode()
        assert 'value="Dominique"' in html
        assert "Mon texte à garder</textarea>" in html
        assert 'id="comment-email_error"' in html
        assert 'aria-describedby="comment-email_helptext comment-email_error"' in html
        assert 'id="comment-website_error"' in html
        assert 'aria-invalid="true"' in html
        assert 'class="error-summary" role="alert"' in html
        assert Comment.objects.count() == 0

    @pytest.mark.parametrize(
        "overrides",
        [
            {"body": ""},
            {"body": "   \n\t  "},
            {"body": "x" * 5001},
            {"name": ""},
            {"name": "n" * 101},
            {"email": ""},
            {"email": "a@"},
            {"email": "x" * 250 + "@a.test"},
            {"website": "javascript:alert(1)"},
            {"website": "data:text/html,hello"},
            {"website": "https://" + "a" * 300 + ".test"},
        ],
        ids=lambda overrides: "{}:{:.12}".format(*next(iter(overrides.items()))),
    )
    def test_bad_values_are_form_errors(self, client, article, overrides):
        response = post_comment(client, article, **overrides)
        assert response.status_code == 200
        assert 'class="error-summary"' in response.content.decode()
        assert Comment.objects.count() == 0

    def test_the_maximum_length_is_a_setting(self, client, article, settings):
        settings.COMMENTS_MAX_LENGTH = 20
        assert post_comment(client, article, body="x" * 21).status_code == 200
        assert 'maxlength="20"' in page(client, article)
        assert post_comment(client, article, body="x" * 20).status_code == 302

    def test_a_form_left_open_too_long_asks_to_send_again(self, client, article, settings):
        settings.COMMENTS_FORM_MAX_AGE_SECONDS = 3600
        response = post_comment(client, article, seconds_ago=3700)
        html = response.content.decode()
        assert response.status_code == 200
        assert Comment.objects.count() == 0
        # A fresh token comes with the form, so the second try goes through.
        token = re.search(r'name="timestamp" value="([^"]+)"', html).group(1)
        assert token != comment_data(article, seconds_ago=3700)["timestamp"]

    def test_unknown_article(self, client, article):
        for article_id in (article.pk + 1000, 2**63, 10**40):
            response = client.post(f"/commentaires/{article_id}/", comment_data(article))
            assert response.status_code == 404

    @pytest.mark.parametrize(
        "fields",
        [
            {"status": Article.Status.DRAFT},
            {"status": Article.Status.REVIEW},
            {"published_at": timezone.now() + timedelta(days=2)},
        ],
    )
    def test_unpublished_article(self, client, article, fields):
        Article.objects.filter(pk=article.pk).update(**fields)
        assert post_comment(client, article).status_code == 404
        assert Comment.objects.count() == 0

    def test_get_is_not_allowed(self, client, article):
        assert client.get(post_url(article)).status_code == 405

    def test_invalid_utf8_is_no_crash(self, client, article):
        token = make_timestamp(article, time.time() - 60)
        body = (
            b"name=%FF%FEDo&email=do%40lecteurs.test&body=caf%C3%A9+%E9t%C3%A9+%ED%A0%80&timestamp="
            + token.encode()
        )
        response = client.generic(
            "POST", post_url(article), body, content_type="application/x-www-form-urlencoded"
        )
        assert response.status_code in (200, 302)
        for comment in Comment.objects.all():
            assert comment.status != Comment.Status.APPROVED
            comment.body.encode("utf-8")  # Storable and printable as UTF-8.

    def test_very_long_values_everywhere(self, client, article):
        huge = "é" * 100_000
        response = client.post(
            post_url(article),
            {"name": huge, "email": huge, "website": huge, "body": huge, "topic": huge,
             "parent": huge, "timestamp": huge},
        )
        assert response.status_code == 200
        assert Comment.objects.count() == 0


class TestReplies:
    def test_reply_link_prefills_the_parent(self, client, article):
        parent = make_comment(article, name="Sacha")
        html = page(client, article)
        assert f'href="{article.get_absolute_url()}?reply_to={parent.pk}#comment-form"' in html
        html = page(client, article, f"?reply_to={parent.pk}")
        assert f'name="parent" value="{parent.pk}"' in html
        assert "Sacha" in html[html.index('id="comment-form-heading"') :][:200]

    def test_a_reply_is_stored_under_its_parent(self, client, article):
        parent = make_comment(article)
        post_comment(client, article, parent=str(parent.pk))
        assert Comment.objects.get(parent=parent).article == article

    def test_reply_to_another_articles_comment_is_refused(self, client, article):
        elsewhere = make_comment(make_article("Ailleurs"))
        response = post_comment(client, article, parent=str(elsewhere.pk))
        assert response.status_code == 200
        assert "error-summary" in response.content.decode()
        assert not Comment.objects.filter(parent=elsewhere).exists()

    @pytest.mark.parametrize(
        "status", [Comment.Status.PENDING, Comment.Status.SPAM, Comment.Status.REMOVED]
    )
    def test_reply_to_an_unapproved_comment_is_refused(self, client, article, status):
        hidden = make_comment(article, status=status)
        response = post_comment(client, article, parent=str(hidden.pk))
        assert response.status_code == 200
        assert not Comment.objects.filter(parent=hidden).exists()

    @pytest.mark.parametrize("parent", ["abc", "-1", "0", "99999", "9" * 40, "1.5"])
    def test_garbage_parent_is_a_form_error(self, client, article, parent):
        response = post_comment(client, article, parent=parent)
        assert response.status_code == 200
        assert Comment.objects.count() == 0

    def test_garbage_reply_to_is_ignored(self, client, article):
        for value in ("abc", "9" * 40, "-3", ""):
            page(client, article, f"?reply_to={value}")

    def test_depth_is_limited(self, client, article, settings):
        settings.COMMENTS_MAX_DEPTH = 2
        first = make_comment(article)
        second = make_comment(article, parent=first)
        html = page(client, article)
        assert f"reply_to={first.pk}#" in html
        assert f"reply_to={second.pk}#" not in html
        response = post_comment(client, article, parent=str(second.pk))
        assert response.status_code == 200
        assert not Comment.objects.filter(parent=second).exists()


class TestClosedComments:
    def test_a_closed_article_says_so_and_has_no_form(self, client, article):
        article.comments_open = False
        article.save()
        make_comment(article, body="Un avis d’avant la fermeture")
        html = page(client, article)
        assert "comments__closed" in html
        assert 'id="comment-form" method="post"' not in html
        assert "Un avis d’avant la fermeture" in html  # Past comments stay.

    def test_a_closed_article_refuses_posts(self, client, article):
        article.comments_open = False
        article.save()
        response = post_comment(client, article)
        assert response.status_code == 403
        assert Comment.objects.count() == 0

    def test_comments_close_automatically(self, client, settings):
        settings.COMMENTS_CLOSE_AFTER_DAYS = 14
        old = make_article(published_at=timezone.now() - timedelta(days=15))
        recent = make_article("Récent", published_at=timezone.now() - timedelta(days=13))
        assert post_comment(client, old).status_code == 403
        assert "comments__closed" in page(client, old)
        assert post_comment(client, recent).status_code == 302



@pytest.mark.parametrize(
    "data",
    [
        None,
        {
            "name": "L'\"ami\" <b>",
            "email": "not an address",
            "website": "https://example.com/?a=1&b=<2>",
            "body": "Première ligne\n<script>alert('x')</script> & \"fin\"",
            "confirm_address": "on",
            "topic": "spam & co",
            "parent": "12",
            "timestamp": "token",
        },
        {"name": "", "email": "", "body": ""},
    ],
)
def test_the_form_prints_the_html_of_djangos_widget_templates(article, data):
    from django.forms.renderers import Jinja2

    from comments.forms import CommentForm

    kwargs = {"article": article, "initial": {"parent": 3, "timestamp": "t'<>"}}
    if data is not None:
        kwargs["data"] = data
    form, with_django_templates = CommentForm(**kwargs), CommentForm(**kwargs, renderer=Jinja2())
    if data is not None:
        form.is_valid()
        with_django_templates.is_valid()

    assert len(form.fields) == 8
    for name in form.fields:
        assert str(form[name]) == str(with_django_templates[name])


class TestEachFormItsOwnFields:
    """Django copies the declared fields for each form it makes: a form shares nothing it may
    change with another form, nor with the class."""

    def test_the_copies_share_no_mutable_state(self, article):
        from comments.forms import CommentForm

        first, second = CommentForm(article=article), CommentForm(article=article)
        for name, declared in CommentForm.base_fields.items():
            fields = [declared, first.fields[name], second.fields[name]]
            assert len({type(field) for field in fields}) == 1
            for read in (
                lambda field: field,
                lambda field: field.widget,
                lambda field: field.widget.attrs,
                lambda field: field.validators,
                lambda field: field.error_messages,
            ):
                assert len({id(read(field)) for field in fields}) == 3, name
            assert first.fields[name].widget.attrs == second.fields[name].widget.attrs
        # What a form changes stays in that form.
        first.fields["name"].widget.attrs["placeholder"] = "Camille"
        first.fields["name"].validators.append(lambda value: None)
        first.fields["email"].error_messages["required"] = "Changed"
        first.fields["website"].required = True
        later = CommentForm(article=article)
        for form in (second, later):
            assert "placeholder" not in str(form["name"])
            assert form.fields["name"].validators == CommentForm.base_fields["name"].validators
            assert form.fields["email"].error_messages["required"] != "Changed"
            assert not form.fields["website"].required
        # Each form sets its own body's length; the declared field keeps none.
        assert 'maxlength="5000"' in str(later["body"])
        assert "maxlength" not in CommentForm.base_fields["body"].widget.attrs

    def test_bound_forms_validate_their_own_data(self, article, settings):
        from comments.forms import CommentForm

        good = CommentForm(article=article, data=comment_data(article, website="lou.example"))
        bad = CommentForm(
            article=article, data=comment_data(article, email="pas-une-adresse", body="x" * 5001)
        )
        assert not bad.is_valid()
        assert set(bad.errors) == {"email", "body"}
        assert good.is_valid(), good.errors
        assert good.cleaned_data["website"] == "https://lou.example"
        assert good.cleaned_data["body"].startswith("Merci pour cet article")

        settings.COMMENTS_MAX_LENGTH = 20
        short = CommentForm(article=article, data=comment_data(article, body="x" * 21))
        assert not short.is_valid() and set(short.errors) == {"body"}
        settings.COMMENTS_MAX_LENGTH = 5000
        assert CommentForm(article=article, data=comment_data(article, body="x" * 21)).is_valid()

    def test_inputs_point_at_their_help_and_their_errors(self, article):
        from comments.forms import CommentForm

        form = CommentForm(article=article)
        assert 'aria-describedby="comment-email_helptext"' in str(form["email"])
        assert 'aria-describedby="comment-confirm_address_helptext"' in str(
            form["confirm_address"]
        )
        assert "aria-describedby" not in str(form["name"])
        sent = CommentForm(article=article, data=comment_data(article, name="", email="x"))
        assert not sent.is_valid()
        assert 'aria-describedby="comment-name_error"' in str(sent["name"])
        assert 'aria-describedby="comment-email_helptext comment-email_error"' in str(
            sent["email"]
        )
        assert "aria-describedby" not in str(sent["body"])

    def test_labels_and_help_in_the_language_of_the_page(self, article):
        from django.utils import translation

        from comments.forms import CommentForm

        for language, label, help_text in (
            ("fr", "Adresse e-mail", "Votre adresse e-mail ne sera pas publiée."),
            ("en", "E-mail", "Your e-mail address will not be published."),
        ):
            with translation.override(language):
                email = CommentForm(article=article)["email"]
            # Translated when the page first asks for the field, then kept.
            assert (email.label, email.help_text) == (label, help_text)
