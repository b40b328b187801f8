"""Image files for tests, built with Pillow: photos carrying GPS positions, broken files."""

from __future__ import annotations

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import ExifTags
from PIL import Image as PILImage

GPS_IFD = ExifTags.IFD.GPSInfo  # 0x8825
ORIENTATION = ExifTags.Base.Orientation  # 0x0112
# Near Quảng Ngãi: 15°7'30" N, 108°48' E.
GPS = {1: "N", 2: (15.0, 7.0, 30.0), 3: "E", 4: (108.0, 48.0, 0.0)}


def gps_exif(orientation: int | None = None) -> PILImage.Exif:
    exif = PILImage.Exif()
    exif[ExifTags.Base.Make] = "Điện thoại của cô giáo"
    exif[ExifTags.Base.Model] = "Phone 12"
    exif[GPS_IFD] = GPS
    if orientation:
        exif[ORIENTATION] = orientation
    return exif


def photo_bytes(
    image_format: str = "JPEG",
    size: tuple[int, int] = (64, 32),
    *,
    gps: bool = True,
    orientation: int | None = None,
    comment: bytes | None = None,
) -> bytes:
    """A small photo; with ``gps`` it carries EXIF with a GPS position (and XMP for JPEG)."""
    options = {}
    if gps:
        options["exif"] = gps_exif(orientation)
        if image_format in {"JPEG", "WEBP", "PNG"}:
            options["xmp"] = (
                b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><exif:GPSLatitude>15,7.5N</exif:GPSLatitude></x:xmpmeta>'
            )
    if comment:
        options["comment"] = comment
    mode = "RGBA" if image_format == "PNG" else "RGB"
    buffer = io.BytesIO()
    picture = PILImage.new(mode, size, (200, 40, 40))
    picture.paste((20, 90, 200), (0, 0, size[0] // 2, size[1] // 2))  # to see the rotation
    picture.save(buffer, image_format, **options)
    return buffer.getvalue()


def upload(name: str, content: bytes, content_type: str = "image/jpeg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


def has_metadata(data: bytes) -> bool:
    """True when the file still carries EXIF, GPS, XMP or a comment that Pillow can see."""
    with PILImage.open(io.BytesIO(data)) as picture:
        exif = picture.getexif()
        info_keys = {"exif", "xmp", "XML:com.adobe.xmp", "comment", "Raw profile type exif"}
        return bool(len(exif) or exif.get_ifd(GPS_IFD) or info_keys & picture.info.keys())


def contains_gps_text(data: bytes) -> bool:
    """A byte-level check, independent of Pillow's parsing: no EXIF header, no XMP packet."""
    return b"Exif\x00\x00" in data or b"GPSLatitude" in data or b"xmpmeta" in data
