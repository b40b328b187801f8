"""Signal handlers of the galleries app: metadata removal on every image upload, and the
renditions made in the background.

Connected in ``GalleriesConfig.ready``. The handlers act on Wagtail's image model whoever saves
it: the admin's image screens, the album upload (``galleries.services``), the Word import, the
reader submissions, a management command.

- ``strip_uploaded_image_metadata`` only touches a file that is about to be written to storage
  (a new image or a replaced file); saving an existing image's title or focal point does nothing.
- ``schedule_renditions``: after the commit, the worker makes the renditions the templates use
  (``galleries.renditions``), so the first visitor does not wait for them. Every saved image
  gets ``CONTENT_SETS`` (a new focal point needs new crops); a staff member, link or school
  saved with a photo or logo gets that field's ``USAGE_SETS``. Only missing renditions are
  made, so a save that changes nothing costs one query in the worker.
"""

from __future__ import annotations

import functools
import os

from django.apps import apps
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models.signals import post_save, pre_save
from wagtail.images import get_image_model
from wagtail.utils.file import hash_filelike

from . import renditions
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


def schedule_renditions(image_id: int | None, set_names) -> None:
    from .tasks import generate_renditions

    if image_id:
        transaction.on_commit(
            functools.partial(generate_renditions.enqueue, image_id, list(set_names))
        )


def image_saved(sender, instance, raw=False, **kwargs) -> None:
    if not raw:
        schedule_renditions(instance.pk, renditions.CONTENT_SETS)


def _usage_saved(field: str, set_names, sender, instance, raw=False, update_fields=None, **kw):
    if raw or (update_fields and field not in update_fields):
        return
    schedule_renditions(getattr(instance, f"{field}_id"), set_names)


def connect() -> None:
    image_model = get_image_model()
    pre_save.connect(
        strip_uploaded_image_metadata,
        sender=image_model,
        dispatch_uid="galleries.strip_uploaded_image_metadata",
    )
    post_save.connect(image_saved, sender=image_model, dispatch_uid="galleries.image_renditions")
    for (label, field), set_names in renditions.USAGE_SETS.items():
        post_save.connect(
            functools.partial(_usage_saved, field, set_names),
            sender=apps.get_model(label),
            weak=False,
            dispatch_uid=f"galleries.renditions.{label}.{field}",
        )
