"""Signal handlers of the galleries app: metadata removal on every image upload.

Connected in ``GalleriesConfig.ready``. The handler acts on Wagtail's image model whoever saves
it: the admin's image screens, the album upload (``galleries.services``), the Word import, a
management command. It only touches a file that is about to be written to storage (a new image
or a replaced file); saving an existing image's title or focal point does nothing.
"""

from __future__ import annotations

import os

from django.core.files.base import ContentFile
from django.db.models.signals import pre_save
from wagtail.images import get_image_model
from wagtail.utils.file import hash_filelike

from .metadata import strip_metadata


def strip_uploaded_image_metadata(sender, instance, **kwargs) -> None:
    """Replace a new original file by a copy without EXIF/XMP/GPS, upright, before it is
    stored; width, height, size and hash are recomputed for the stored bytes."""
    upload = instance.file
    if not upload or upload._committed:  # nothing new to store
        return
    upload.open("rb")
    cleaned = strip_metadata(upload.read())
    upload.seek(0)
    if cleaned is None:
        return
    # Assigning a new File updates width/height (an EXIF-rotated photo swaps them).
    instance.file = ContentFile(cleaned, name=os.path.basename(upload.name))
    instance.file_size = len(cleaned)
    instance.file_hash = hash_filelike(ContentFile(cleaned))


def connect() -> None:
    pre_save.connect(
        strip_uploaded_image_metadata,
        sender=get_image_model(),
        dispatch_uid="galleries.strip_uploaded_image_metadata",
    )
