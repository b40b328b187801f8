"""Removing hidden metadata (EXIF, XMP, GPS positions, comments) from image files.

Photos of children must not carry the place where they were taken. ``strip_metadata`` re-encodes
an image without any metadata, after turning it upright according to its EXIF orientation (the
orientation tag goes away with the rest, so the picture must already stand the right way).

Kept: the pixels, the colour profile (ICC) and transparency. Animated GIFs are returned unchanged
(GIF carries no EXIF; re-encoding animations is lossy and slow). Other animated images (WebP,
APNG) are re-encoded frame by frame without metadata.
"""

from __future__ import annotations

import io

from PIL import Image, ImageOps

JPEG_QUALITY = 92
WEBP_QUALITY = 92
AVIF_QUALITY = 80
# Formats we re-encode. Anything else (or anything Pillow cannot identify) is left to the caller.
STRIPPED_FORMATS = {"JPEG", "PNG", "WEBP", "GIF", "AVIF"}
# ``Image.info`` keys that are part of the picture, not metadata about it. Everything else
# (exif, xmp, comment, dpi, text chunks, ...) is dropped: some encoders copy ``info`` entries
# such as a JPEG comment into the new file unless they are removed.
KEPT_INFO = {"icc_profile", "transparency", "background", "duration", "loop"}


def strip_metadata(data: bytes) -> bytes | None:
    """``data`` re-encoded in the same format without metadata, or ``None`` when it is left as
    is (an animated GIF, a format we do not handle, or no image Pillow recognises).

    Decoding errors of a recognised format (a truncated JPEG, say) propagate: storing the file
    with its GPS position intact would be worse than refusing it."""
    try:
        source = Image.open(io.BytesIO(data))
    except Image.UnidentifiedImageError:
        return None
    with source:
        image_format = source.format
        if image_format not in STRIPPED_FORMATS:
            return None
        animated = getattr(source, "is_animated", False)
        if animated and image_format == "GIF":
            return None
        output = io.BytesIO()
        if animated:
            source.info = _picture_info(source)
            source.save(output, image_format, save_all=True, **_options(image_format, source))
        else:
            upright = ImageOps.exif_transpose(source)
            upright.info = _picture_info(upright)
            upright.save(output, image_format, **_options(image_format, upright))
        return output.getvalue()


def _picture_info(image: Image.Image) -> dict:
    return {key: value for key, value in image.info.items() if key in KEPT_INFO}


def _options(image_format: str, image: Image.Image) -> dict:
    options: dict = {}
    if icc := image.info.get("icc_profile"):
        options["icc_profile"] = icc
    if image_format == "JPEG":
        options.update(quality=JPEG_QUALITY, optimize=True)
    elif image_format == "WEBP":
        options.update(quality=WEBP_QUALITY)
    elif image_format == "AVIF":
        options.update(quality=AVIF_QUALITY)
    elif image_format == "PNG":
        options.update(optimize=True)
    return options
