"""The base of every Wagtail image form here (``WAGTAILIMAGES_IMAGE_FORM_BASE``): an upload must
decode completely. A damaged picture (a truncated JPEG, say) gets a clear message; without this
Wagtail's own field check would fail with a server error, and so would the metadata removal of
``galleries.metadata``."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from PIL import Image
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

DAMAGED = _(
    "The file is not an image or is damaged. Save it again in an image editor and upload it again."
)


class CompleteImageField(WagtailImageField):
    def to_python(self, data):
        try:
            upload = super().to_python(data)
            if upload is not None:
                upload.seek(0)
                with Image.open(upload) as picture:
                    picture.load()
                upload.seek(0)
        except (OSError, SyntaxError, ValueError, Image.DecompressionBombError):
            raise ValidationError(DAMAGED, code="damaged_image") from None
        return upload


class CompleteImageForm(BaseImageForm):
    file = CompleteImageField(label=_("File"))
