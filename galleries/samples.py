"""Sample pictures for the demo school and the tests (no test-only dependency here: ``bin/run``
installs only requirements.txt)."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage
from wagtail.images import get_image_model

import vntext


def make_photo(collection, title="Ảnh", size=(640, 480), colour=(30, 120, 60)):
    """A plain-coloured JPEG stored as a Wagtail image in ``collection``."""
    buffer = io.BytesIO()
    PILImage.new("RGB", size, colour).save(buffer, "JPEG")
    return get_image_model().objects.create(
        title=title,
        file=SimpleUploadedFile(f"{vntext.slugify(title)}.jpg", buffer.getvalue()),
        collection=collection,
    )
