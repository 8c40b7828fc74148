"""Check a running site the way a reader's browser meets it: pages, and every picture they use.

    python deploy/check_site.py http://127.0.0.1:8000

Fetches the home page and its first article, and every image address those pages reference
(each `src`, and every candidate of each `srcset`, of `<img>` and `<source>`), expecting
200 with an image content type. Prints one line per address; exits 1 when one fails.
CI runs it against the production stack (`make serve`); tests/deploy/ uses its functions.
"""

import sys
import urllib.error
import urllib.parse
import urllib.request
from html.parser import HTMLParser


class PageReferences(HTMLParser):
    """The image addresses and the article links of one HTML page."""

    def __init__(self):
        super().__init__()
        self.images = []
        self.links = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag in {"img", "source"}:
            if attributes.get("src"):
                self.images.append(attributes["src"])
            for candidate in (attributes.get("srcset") or "").split(","):
                if candidate.strip():
                    self.images.append(candidate.split()[0])
        elif tag == "a" and (attributes.get("href") or "").startswith("/articles/"):
            self.links.append(attributes["href"])


def references(html):
    parser = PageReferences()
    parser.feed(html)
    parser.close()
    return parser


def fetch(url, headers=None):
    """(status, headers, body) of a GET, errors included."""
    request = urllib.request.Request(url, headers=headers or {})  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310  # nosec B310  # http
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def page_images(base_url, path):
    """The page's status, its body and the absolute addresses of every picture it uses."""
    status, _headers, body = fetch(urllib.parse.urljoin(base_url, path))
    html = body.decode("utf-8", errors="replace")
    images = dict.fromkeys(urllib.parse.urljoin(base_url, src) for src in references(html).images)
    return status, html, list(images)


def check(base_url):
    """Problems found on the home page, its first article and all their pictures."""
    problems = []
    status, html, images = page_images(base_url, "/")
    print(f"{status} /")
    if status != 200:
        return [f"/ answered {status}"]
    articles = references(html).links
    if not articles:
        problems.append("the home page links to no article")
    else:
        status, _html, article_images = page_images(base_url, articles[0])
        print(f"{status} {articles[0]}")
        if status != 200:
            problems.append(f"{articles[0]} answered {status}")
        images += [url for url in article_images if url not in images]
    if not images:
        problems.append("the pages show no picture")
    for url in images:
        status, headers, _body = fetch(url)
        content_type = headers.get("Content-Type", "")
        print(f"{status} {content_type} {url}")
        if status != 200 or not content_type.startswith("image/"):
            problems.append(f"{url}: {status} {content_type}")
    return problems


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    problems = check(sys.argv[1])
    for problem in problems:
        print(f"FAILED: {problem}", file=sys.stderr)
    if not problems:
        print("Every page and picture answered as expected.")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
