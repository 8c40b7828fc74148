from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _


def validate_image_file(file):
    """Refuse files over the configured size before anything decodes them."""
    size = getattr(file, "size", None)
    if size == 0:
        raise ValidationError(_("The file is empty."), code="empty")
    if size is not None and size > settings.IMAGE_MAX_UPLOAD_BYTES:
        raise ValidationError(
            _("The file is %(size)s; images may not exceed %(limit)s.")
            % {
                "size": filesizeformat(size),
                "limit": filesizeformat(settings.IMAGE_MAX_UPLOAD_BYTES),
            },
            code="too_large",
        )
