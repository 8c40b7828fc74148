"""Where uploaded files live when no bucket is named: this machine's disk (MEDIA_ROOT),
served under MEDIA_URL."""

import re
from urllib.parse import urljoin

from django.core.files.storage import FileSystemStorage
from django.utils.encoding import filepath_to_uri

#: Names that filepath_to_uri() leaves as they are: letters, digits and what quote() keeps.
_NOTHING_TO_QUOTE = re.compile(r"[A-Za-z0-9_.\-/~]+")


class MediaStorage(FileSystemStorage):
    """Django's file system storage, whose addresses skip ``urljoin`` when it would only
    append the name to MEDIA_URL: a page of cards prints a hundred picture addresses, and
    parsing each one again cost more than the rest of their markup.

    A name with a dot segment (``a/../b``) or an empty one (``a//b``), which ``urljoin``
    would resolve, still goes through it: the address is always the one Django's storage
    gives.
    """

    def url(self, name):
        base = self.base_url
        if base is None:
            return super().url(name)
        if type(name) is str and _NOTHING_TO_QUOTE.fullmatch(name):
            # What every stored name looks like (articles/images/naming.py): quoting would
            # give it back as it is.
            path = name
        else:
            path = filepath_to_uri(name)
        if path is None:
            return super().url(name)
        # Quoted: no scheme, query or fragment is left in it; stripped: no "//host".
        path = path.lstrip("/")
        if "/." in "/" + path or "//" in path:
            return urljoin(base, path)
        return base + path
