"""Background work for images: the renditions the site shows, made once an image is saved.

Enqueued after the commit by ``galleries.signal_handlers`` (every image saved: the sets of
``renditions.CONTENT_SETS``; a staff photo or logo chosen: that field's sets). The task takes
ids and set names, is safe to run twice (only missing renditions are made) and does nothing
for an image deleted in the meantime. A 12-megapixel photo takes a few seconds of CPU (23
renditions, AVIF the slowest), so the task runs at a low priority.
"""

from __future__ import annotations

from django_tasks import task
from wagtail.images import get_image_model

from . import renditions


# Below the default (0): e-mails and search indexing never wait behind a large album's photos.
@task(priority=-10)
def generate_renditions(image_id: int, set_names: list[str]) -> int:
    """Make the renditions of ``set_names`` that image ``image_id`` lacks; the number made."""
    image = get_image_model().objects.filter(pk=image_id).first()
    if image is None:
        return 0
    return renditions.generate(image, set_names)
