"""bench/profile_article.py --phases: the CPU time of the page's steps, counted once per
outermost call, and every wrapped function given back afterwards."""

import pytest
from django.template import engines
from django.views.generic.base import View

from bench import profile_article
from bench.profile_article import Phases
from tests.factories import make_article

pytestmark = pytest.mark.django_db


def test_a_recursive_function_is_timed_once_per_outermost_call():
    timer = Phases()

    def countdown(number):
        return number if number == 0 else timed(number - 1)

    timed = timer.timed("countdown", countdown)
    timed(3)
    timed(2)
    assert timer.calls["countdown"] == 7
    assert list(timer.seconds) == ["countdown"]
    timer.running.add("countdown")
    before = timer.seconds["countdown"]
    timed(1)
    assert timer.seconds["countdown"] == before


def test_the_article_page_is_split_into_its_steps_and_the_functions_are_given_back(client):
    article = make_article()
    client.get(article.get_absolute_url())  # builds the templates' environment
    dispatch = View.dispatch
    template_functions = dict(engines["jinja2"].env.globals)

    lines = profile_article.phases(client, article.get_absolute_url(), runs=2)

    labels = [line.split("ms", 1)[1].strip() for line in lines]
    for step in ("the view, 1×", "get_object, 1×", "the rendering, 1×"):
        assert step in labels
    assert "navigation_tags(), 1×" in labels
    assert labels[1] == "outside the view and its rendering: middleware, handler"
    assert View.dispatch is dispatch
    assert engines["jinja2"].env.globals == template_functions
