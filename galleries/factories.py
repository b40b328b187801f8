import io

import factory
import wagtail_factories
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image as PILImage
from wagtail.images import get_image_model

import vntext

from .models import AlbumPage, AlbumPhoto


def make_photo(collection, title="Ảnh", size=(640, 480), colour=(30, 120, 60)):
    buffer = io.BytesIO()
    PILImage.new("RGB", size, colour).save(buffer, "JPEG")
    return get_image_model().objects.create(
        title=title,
        file=SimpleUploadedFile(f"{vntext.slugify(title)}.jpg", buffer.getvalue()),
        collection=collection,
    )


class AlbumPageFactory(wagtail_factories.PageFactory):
    """``AlbumPageFactory(parent=<the gallery SectionPage>)``; add photos with ``add_photos``."""

    class Meta:
        model = AlbumPage

    title = factory.Sequence(lambda n: f"Album hoạt động {n}")
    slug = factory.LazyAttribute(lambda p: vntext.slugify(p.title))
    first_published_at = factory.LazyFunction(timezone.now)


def add_photos(album: AlbumPage, collection, count: int = 3) -> list[AlbumPhoto]:
    photos = [
        AlbumPhoto(
            page=album,
            image=make_photo(collection, f"{album.title} {i + 1}"),
            caption=f"Ảnh {i + 1}",
            sort_order=i,
        )
        for i in range(count)
    ]
    AlbumPhoto.objects.bulk_create(photos)
    return photos
