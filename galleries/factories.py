import factory
import wagtail_factories
from django.utils import timezone

import vntext

from .models import AlbumPage, AlbumPhoto
from .samples import make_photo

__all__ = ["AlbumPageFactory", "make_photo"]


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
