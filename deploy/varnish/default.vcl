vcl 4.1;
# Newsroom's shared cache, between nginx (TLS, static and media files) and gunicorn.
#
# The application decides what may be kept: a response is cached only when it says so
# with Cache-Control (s-maxage or max-age), for as long as it says; stale-while-revalidate
# becomes grace, so a spike on an expired page is served at once while one request
# refreshes it. Whoever may see something personal (an editor, a reader with a session,
# a pending comment or a message) goes straight to the application.
#
# Purging: responses name what they show in an `xkey` header (space-separated surrogate
# keys, e.g. "article-12 tag-3"); the application sends, from this machine,
#     PURGE / HTTP/1.1
#     xkey: article-12
# to evict every page that carries one of the keys (`xkey-soft` instead marks them stale,
# served within grace while they refresh). The header never reaches readers.

import std;
import xkey;

# The local runner (deploy/stack.py) rewrites host and port for its own ports.
backend default {
    .host = "127.0.0.1";
    .port = "8000";
    .connect_timeout = 5s;
    .first_byte_timeout = 60s;
    .between_bytes_timeout = 60s;
}

acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    # Set by vcl_pass below for X-Cache; never taken from the client.
    unset req.http.X-Cache;
    if (req.method == "PURGE") {
        # nginx always sets X-Forwarded-Proto and refuses PURGE itself; a purge that
        # came through it is a reader's request, whatever address it arrives from.
        if (client.ip !~ purgers || req.http.X-Forwarded-Proto) {
            return (synth(403, "Purging is allowed from this machine only"));
        }
        if (req.http.xkey) {
            set req.http.n-gone = xkey.purge(req.http.xkey);
        } else if (req.http.xkey-soft) {
            set req.http.n-gone = xkey.softpurge(req.http.xkey-soft);
        } else {
            return (synth(400, "Name the surrogate keys to purge in an xkey header"));
        }
        return (synth(200, "Invalidated " + req.http.n-gone + " objects"));
    }

    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # Health and readiness checks (core/health.py) ask about the app server, now.
    if (req.url ~ "^/(healthz|readyz)(\?|$)") {
        return (pass);
    }
    if (req.url ~ "^/admin(/|$)" || req.http.Authorization) {
        return (pass);
    }
    # Django's session, CSRF and message cookies mean someone may see a page of their
    # own: a logged-in editor, a reader who sees a message; owncomments, a reader who
    # posted comments that await moderation (shown to them alone); recentwrite, that they
    # just changed something and must read it back from the primary database, not from a
    # replica or a kept page. These names are the application's PAGE_CACHE_BYPASS_COOKIES
    # (tests/test_page_cache_cookies.py compares them). The commenter cookie
    # (COMMENTS_KEY_COOKIE_NAME, one per language) proves a commenter's address; browsers
    # send it only to the comment addresses, which are never kept either.
    if (req.http.Cookie ~ "(^|;\s*)(sessionid|csrftoken|messages|recentwrite|owncomments|commenter_[a-z]+)=" ||
        req.url ~ "^(/[a-z]{2})?/commentaires/") {
        return (pass);
    }
    # Anything else (analytics, consent banners) never changes a page: dropping it lets
    # every reader share one copy.
    unset req.http.Cookie;
    # The address alone chooses the language (French without a prefix, English under
    # /en/), though Django says Vary: Accept-Language: one copy per address, not one per
    # browser's list of languages.
    unset req.http.Accept-Language;
    # Responses are the same whatever the client compresses; let Varnish handle gzip.
    return (hash);
}

sub vcl_pass {
    set req.http.X-Cache = "PASS";
}

sub vcl_backend_response {
    # Without an explicit lifetime from the application, nothing is kept: a page
    # that has not said it may be shared is always fresh.
    if (!beresp.http.Cache-Control && !beresp.http.Expires) {
        set beresp.uncacheable = true;
        set beresp.ttl = 120s;
        return (deliver);
    }
    # A response that sets a cookie is someone's own; builtin.vcl makes it a
    # hit-for-miss, never shared.
    if (beresp.http.Cache-Control ~ "stale-while-revalidate=[0-9]+") {
        set beresp.grace = std.duration(
            regsub(beresp.http.Cache-Control, ".*stale-while-revalidate=([0-9]+).*", "\1s"),
            0s);
    }
    # Keep expired objects a while longer, so that a conditional request to the
    # application can refresh them with a 304 instead of a full page.
    set beresp.keep = 1h;
}

sub vcl_deliver {
    if (req.http.X-Cache) {
        set resp.http.X-Cache = req.http.X-Cache;
    } else if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
    # Surrogate keys are for this cache only.
    unset resp.http.xkey;
    unset resp.http.X-Varnish;
    unset resp.http.Via;
}
