"""Rules on what editors type that the framework does not check by itself."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# What Django's flat page form accepts: letters, digits and - _ / . ~ (no space, colon,
# backslash, percent sign or control character, which browsers may read another way).
_PATH_CHARACTERS = re.compile(r"[-\w/.~]*")


def validate_site_path(value):
    """Refuse anything but a path of this site, such as ``/about/``.

    A page's address is printed as a link in every footer: ``//other.example/`` (or
    ``/\\other.example/``, which browsers read the same way) would send readers to another
    site, and ``javascript:…`` would run a script.
    """
    if not value.startswith("/"):
        raise ValidationError(
            _("The address must start with “/”: it is a page of this site, such as “/about/”."),
            code="not_a_path",
        )
    if "//" in value:
        raise ValidationError(
            _(
                "The address must not contain “//”: browsers read it as the address of "
                "another site."
            ),
            code="double_slash",
        )
    if not _PATH_CHARACTERS.fullmatch(value):
        raise ValidationError(
            _(
                "The address may only hold letters, digits, dots, underscores, dashes, "
                "slashes and tildes."
            ),
            code="invalid_characters",
        )
