"""StreamField blocks for images."""

from __future__ import annotations

from django.db.models import prefetch_related_objects
from wagtail.images.blocks import ImageChooserBlock

from .renditions import prefetch_renditions


class RenditionsImageChooserBlock(ImageChooserBlock):
    """An image chooser whose images arrive with the renditions of ``rendition_sets``: one
    query for the images of a whole StreamField and one for their renditions, however many
    images the body holds (Wagtail's own block looks up each image's renditions on its own).

    Migrations record it as Wagtail's ``ImageChooserBlock``: the stored data is the same."""

    def __init__(self, *args, rendition_sets: tuple[str, ...] = ("wide",), **kwargs):
        self.rendition_sets = tuple(rendition_sets)
        super().__init__(*args, **kwargs)

    @property
    def canonical_module_path(self):
        return "wagtail.images.blocks.ImageChooserBlock"

    def deconstruct(self):
        path, args, kwargs = super().deconstruct()
        kwargs = {key: value for key, value in kwargs.items() if key != "rendition_sets"}
        return path, args, kwargs

    def bulk_to_python(self, values):
        images = super().bulk_to_python(values)
        found = [image for image in images if image is not None]
        if found:
            prefetch_related_objects(found, prefetch_renditions(*self.rendition_sets))
        return images
