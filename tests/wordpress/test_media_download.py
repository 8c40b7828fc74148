"""Images fetched from the old site over HTTP: a local server stands in for it."""

import functools
import http.server
import threading

import pytest

from articles.models import Article, Image
from wordpress.media import MediaError, MediaSource

from . import exports as wx
from .test_import_wordpress import jpeg_bytes, run_import

pytestmark = pytest.mark.django_db


@pytest.fixture
def old_site(tmp_path):
    """A server on 127.0.0.1 serving ``tmp_path/site`` as wp-content/uploads, which answers
    503 the first time it is asked for ``flaky.jpg``; it records the paths asked."""
    root = tmp_path / "site"
    (root / "2024" / "03").mkdir(parents=True)
    asked = []

    class Handler(http.server.SimpleHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - the standard library's name
            asked.append(self.path)
            if self.path.endswith("flaky.jpg") and asked.count(self.path) == 1:
                self.send_error(503)
                return
            super().do_GET()

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(Handler, directory=str(root))
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield root, f"http://127.0.0.1:{server.server_address[1]}", asked
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def test_images_are_downloaded_with_retries(tmp_path, old_site):
    root, base_url, asked = old_site
    (root / "2024" / "03" / "phare.jpg").write_bytes(jpeg_bytes())
    (root / "2024" / "03" / "flaky.jpg").write_bytes(jpeg_bytes(colour=(200, 40, 40)))
    text = wx.export(
        wx.author("jeanne", "j@mag.example"),
        wx.attachment(11, "2024/03/phare.jpg", caption="© Jeanne Martin", alt="Un phare"),
        wx.attachment(12, "2024/03/flaky.jpg", caption="Photo : Luc / AFP", alt="Un port"),
        wx.attachment(13, "2024/03/absent.jpg", caption="© X", alt="Rien"),
        wx.item(1, "Le phare", meta={"_thumbnail_id": 11}),
    )
    output, error = run_import(tmp_path, text, "--media-base-url", base_url, "--retries", "2")
    assert {image.alt_text: image.credit for image in Image.objects.all()} == {
        "Un phare": "Jeanne Martin",
        "Un port": "Luc",
    }
    assert asked.count("/2024/03/flaky.jpg") == 2
    # A missing file is not asked again and again: 404 is final.
    assert asked.count("/2024/03/absent.jpg") == 1
    assert error is not None and "absent.jpg answered 404" in output
    assert Article.objects.get().is_published


def test_an_unreachable_site_gives_up_after_the_retries(settings):
    source = MediaSource(base_url="http://127.0.0.1:9", timeout=0.5, retries=1, backoff=0)
    with pytest.raises(MediaError, match="could not be reached"):
        source.read("https://mag.example/wp-content/uploads/2024/03/x.jpg")


def test_only_web_addresses_are_accepted(tmp_path):
    output, error = run_import(tmp_path, wx.export(), "--media-base-url", "file:///etc")
    assert error is not None and "http://" in str(error)


def test_uploads_folder_cannot_be_left(tmp_path):
    (tmp_path / "uploads").mkdir()
    (tmp_path / "secret.jpg").write_bytes(b"x")
    source = MediaSource(uploads=tmp_path / "uploads")
    with pytest.raises(MediaError, match="leaves the uploads folder"):
        source.read("https://mag.example/wp-content/uploads/../secret.jpg")
