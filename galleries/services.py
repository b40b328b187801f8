"""Writes for photo albums: adding many photos to an album at once.

``add_photos_to_album`` is the one entry point (the admin's "Add photos" screen calls it).

How a batch is written:

1. Every file is checked first, without writing anything: size (``WAGTAILIMAGES_MAX_UPLOAD_SIZE``,
   10 MB), content (Pillow must recognise and verify it as JPEG, PNG, WebP or GIF; the file name
   and the browser's content type are not trusted) and pixel count
   (``WAGTAILIMAGES_MAX_IMAGE_PIXELS``). A bad file is reported with its name and the reason;
   the good ones go on.
2. The good files are then written all or nothing, in one transaction: each becomes a Wagtail
   image in the school's collection (its metadata stripped by ``galleries.signal_handlers``),
   and one new draft revision of the album appends them as photos. The live album is not
   touched: an editor reviews the draft and publishes it (or sends it to moderation) as usual.
   If anything fails while writing, nothing of the batch stays in the database and the files
   already stored are deleted.
"""

from __future__ import annotations

import io
import os
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.images.permissions import permission_policy as image_permission_policy

import vntext
from schools.selectors import school_for_page

from .models import AlbumPage, AlbumPhoto

ALLOWED_FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}
DEFAULT_MAX_IMAGE_PIXELS = 128_000_000  # Wagtail's default for WAGTAILIMAGES_MAX_IMAGE_PIXELS


@dataclass(frozen=True)
class RejectedFile:
    """A file left out of the album, with a message for the editor naming it."""

    name: str
    message: str


@dataclass
class PhotoUploadResult:
    added: list[AlbumPhoto] = field(default_factory=list)
    rejected: list[RejectedFile] = field(default_factory=list)
    revision: object | None = None


def max_photo_bytes() -> int:
    return getattr(settings, "WAGTAILIMAGES_MAX_UPLOAD_SIZE", 10 * 1024 * 1024)


def can_add_photos(*, album: AlbumPage, user) -> bool:
    """The user may edit the album (and it is not locked for them, e.g. by moderation)."""
    lock = album.get_lock()
    return album.permissions_for_user(user).can_edit() and not (lock and lock.for_user(user))


def add_photos_to_album(
    *, album: AlbumPage, files, actor, captions: list[str] | None = None
) -> PhotoUploadResult:
    """Append ``files`` (uploaded files) to ``album`` as photos in a new draft revision.

    ``captions[i]`` (optional) is the caption of ``files[i]``. Raises ``PermissionDenied`` when
    ``actor`` may not edit the album or add images to the school's collection. Returns the
    photos added and the files refused; see the module docstring for the all-or-nothing rule."""
    school = school_for_page(album)
    may_add_images = (
        image_permission_policy.collections_user_has_permission_for(actor, "add")
        .filter(pk=school.collection_id)
        .exists()
    )
    if not (can_add_photos(album=album, user=actor) and may_add_images):
        raise PermissionDenied
    captions = list(captions or [])
    result = PhotoUploadResult()
    accepted = []
    for index, upload in enumerate(files):
        problem = check_photo(upload)
        if problem:
            result.rejected.append(RejectedFile(name=upload.name, message=problem))
        else:
            caption = captions[index] if index < len(captions) else ""
            accepted.append((upload, vntext.normalize(caption)[:255]))
    if not accepted:
        return result

    stored = []
    try:
        with transaction.atomic():
            # Lock the album row so that two uploads at once do not both build on the same
            # revision (the second would drop the first one's photos); read it afresh.
            current = AlbumPage.objects.select_for_update().get(pk=album.pk)
            draft = current.get_latest_revision_as_object()
            next_order = _next_sort_order(draft)
            for offset, (upload, caption) in enumerate(accepted):
                image = _save_image(upload, caption=caption, school=school, actor=actor)
                stored.append(image)
                photo = AlbumPhoto(image=image, caption=caption, sort_order=next_order + offset)
                draft.photos.add(photo)
                result.added.append(photo)
            result.revision = draft.save_revision(user=actor, log_action=True)
    except BaseException:
        for image in stored:
            image.file.delete(save=False)
        raise
    return result


def check_photo(upload) -> str:
    """An empty string for a usable photo, else a message naming the file and the problem."""
    name = upload.name
    limit_mb = max_photo_bytes() // (1024 * 1024)
    if upload.size > max_photo_bytes():
        return _("“%(name)s” is larger than %(size)s MB.") % {"name": name, "size": limit_mb}
    if not upload.size:
        return _("“%(name)s” is empty.") % {"name": name}
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    try:
        with PILImage.open(io.BytesIO(data)) as picture:
            image_format = picture.format
            width, height = picture.size
            picture.verify()  # structure (PNG checksums, ...)
        if image_format in ALLOWED_FORMATS and width * height <= _max_pixels():
            with PILImage.open(io.BytesIO(data)) as picture:
                picture.load()  # every pixel decodes: a truncated photo is refused here
    except Exception:  # noqa: BLE001 - Pillow raises many kinds of errors for broken data
        return _("“%(name)s” is not an image or is damaged.") % {"name": name}
    if image_format not in ALLOWED_FORMATS:
        return _("“%(name)s” is not a JPEG, PNG, WebP or GIF image.") % {"name": name}
    if width * height > _max_pixels():
        return _("“%(name)s” has too many pixels.") % {"name": name}
    return ""


def _max_pixels() -> int:
    return getattr(settings, "WAGTAILIMAGES_MAX_IMAGE_PIXELS", None) or DEFAULT_MAX_IMAGE_PIXELS


def _next_sort_order(draft: AlbumPage) -> int:
    """After the last photo of the latest revision (the draft the editor sees)."""
    orders = [photo.sort_order for photo in draft.photos.all() if photo.sort_order is not None]
    return max(orders, default=-1) + 1


def _save_image(upload, *, caption: str, school, actor):
    title = caption or vntext.normalize(os.path.splitext(os.path.basename(upload.name))[0])
    image = get_image_model()(
        title=title[:255] or _("Photo"), collection=school.collection, uploaded_by_user=actor
    )
    upload.seek(0)
    image.file = upload
    image._set_image_file_metadata()  # size and hash, as Wagtail's own upload form does
    image.save()  # the pre_save handler strips metadata and recomputes size and hash
    return image
