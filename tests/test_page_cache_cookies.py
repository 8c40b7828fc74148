"""The cookies that make a page personal are the same for Django's page cache and Varnish."""

import re

from django.conf import settings

VCL = settings.BASE_DIR / "deploy" / "varnish" / "default.vcl"


def vcl_personal_cookies():
    """The cookie names of the VCL's rule that sends a request past the cache: plain names,
    and the patterns (such as the commenter's cookie, sent only to the comment addresses,
    which the same rule never keeps)."""
    rule = re.search(r'req\.http\.Cookie ~ "\(\^\|;\\s\*\)\(([^)]*)\)="', VCL.read_text())
    assert rule, "the VCL no longer passes requests by their cookies"
    names = rule.group(1).split("|")
    plain = {name for name in names if re.fullmatch(r"[A-Za-z0-9_-]+", name)}
    return plain, set(names) - plain


def test_the_vcl_passes_exactly_the_requests_the_page_cache_treats_as_personal():
    plain, patterns = vcl_personal_cookies()
    assert plain == set(settings.PAGE_CACHE_BYPASS_COOKIES)
    assert patterns == {"commenter_[a-z]+"}


def test_the_session_message_and_read_your_writes_cookies_are_among_them():
    assert {
        settings.SESSION_COOKIE_NAME,
        settings.CSRF_COOKIE_NAME,
        "messages",
        settings.READ_YOUR_WRITES_COOKIE_NAME,
    } <= set(settings.PAGE_CACHE_BYPASS_COOKIES)
