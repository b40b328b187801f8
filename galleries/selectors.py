"""Reads for photo albums."""

from __future__ import annotations

from django.http import Http404

from schools.selectors import pages_for_user

from .models import AlbumPage
from .renditions import prefetch_renditions


def access_album(*, user, pk) -> AlbumPage:
    """The album ``pk`` if it lies in one of ``user``'s schools. A missing album and another
    school's album raise the same 404."""
    try:
        return pages_for_user(user, AlbumPage.objects.all()).get(pk=pk)
    except (AlbumPage.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def list_album_photos(album: AlbumPage) -> list:
    """The album's photos in order, with their images and the renditions the album shows
    loaded in a fixed number of queries (a preview's in-memory photos work too)."""
    return list(
        album.photos.all()
        .select_related("image")
        .prefetch_related(
            prefetch_renditions("album_thumb", "album_large", lookup="image__renditions")
        )
        .order_by("sort_order")
    )
