"""Fetching the files of WordPress attachments: from a copy of wp-content/uploads, or from
the old site over HTTP (with a timeout, a few retries and the upload size limit)."""

import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

from django.conf import settings

UPLOADS_MARKER = "/wp-content/uploads/"


class MediaError(Exception):
    """The file of an attachment could not be had; the message says where it was looked for."""


def relative_upload_path(url):
    """``2023/05/photo.jpg`` for ``https://site/wp-content/uploads/2023/05/photo.jpg``."""
    path = unquote(urlsplit(url).path)
    if UPLOADS_MARKER in path:
        return path.split(UPLOADS_MARKER, 1)[1]
    return path.lstrip("/")


class MediaSource:
    """Where the files come from: ``uploads`` (a folder) and/or ``base_url`` (the site)."""

    def __init__(self, uploads=None, base_url=None, *, timeout=10, retries=3, backoff=0.5):
        self.uploads = Path(uploads) if uploads else None
        self.base_url = base_url.rstrip("/") if base_url else None
        if self.base_url and urlsplit(self.base_url).scheme not in ("http", "https"):
            raise ValueError(f"{base_url}: the media address must start with http:// or https://")
        self.timeout = timeout
        self.retries = retries
        self.backoff = backoff

    def __bool__(self):
        return bool(self.uploads or self.base_url)

    def read(self, url):
        """The bytes of the attachment at ``url`` (its address on the old site)."""
        relative = relative_upload_path(url)
        problems = []
        if self.uploads:
            path = (self.uploads / relative).resolve()
            if self.uploads.resolve() not in path.parents:
                raise MediaError(f"{url}: the file's path leaves the uploads folder.")
            if path.is_file():
                if path.stat().st_size > settings.IMAGE_MAX_UPLOAD_BYTES:
                    raise MediaError(f"{path}: the file is over the upload size limit.")
                return path.read_bytes()
            problems.append(f"not found at {path}")
        if self.base_url:
            address = f"{self.base_url}/{quote(relative)}"
            try:
                return self._download(address)
            except MediaError as error:
                problems.append(str(error))
        if not problems:
            raise MediaError(
                f"{url}: no --uploads folder nor --media-base-url given to fetch it from."
            )
        raise MediaError(f"{url}: " + "; ".join(problems) + ".")

    def _download(self, address):
        last = ""
        for attempt in range(self.retries + 1):
            if attempt:
                time.sleep(self.backoff * 2 ** (attempt - 1))
            try:
                # The scheme was checked in __init__: http or https only.
                request = urllib.request.Request(  # noqa: S310
                    address, headers={"User-Agent": "Newsroom import"}
                )
                with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310  # nosec B310
                    data = response.read(settings.IMAGE_MAX_UPLOAD_BYTES + 1)
            except urllib.error.HTTPError as error:
                last = f"{address} answered {error.code}"
                if error.code < 500 and error.code != 429:
                    break  # Asking again will not make it exist.
                continue
            except (urllib.error.URLError, TimeoutError, OSError) as error:
                last = f"{address} could not be reached ({getattr(error, 'reason', error)})"
                continue
            if len(data) > settings.IMAGE_MAX_UPLOAD_BYTES:
                raise MediaError(f"{address} is over the upload size limit")
            return data
        raise MediaError(last)
