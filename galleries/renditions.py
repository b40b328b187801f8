"""The image renditions the public site shows, defined once.

A ``RenditionSet`` is one way a picture appears on the site: its sizes (Wagtail resize
operations, smallest first), its formats (AVIF and WebP for the browsers that take them, the
last one the ``<img>`` fallback; none keeps the original's format) and how the browser picks a
size (a ``sizes`` attribute with width descriptors, or density descriptors ``1x``/``2x`` for a
picture shown at a fixed size).

The same sets serve both ends, so they cannot drift apart:

- templates render a set by name: ``{% load responsive_images %}``
  ``{% responsive_image page.cover_image "wide" alt="" priority=True %}`` (``<picture>`` with
  width, height, ``srcset``, lazy loading unless ``priority``); ``{% rendition image
  "album_large" as large %}`` gives one rendition;
- the worker makes every rendition of the sets when an image is uploaded or changed
  (``galleries.tasks.generate_renditions``, enqueued by ``galleries.signal_handlers``), so
  no visitor waits for Pillow. ``CONTENT_SETS`` are made for every image; ``USAGE_SETS`` when
  an image is chosen as a staff photo or a logo.

Selectors prefetch only the renditions a listing shows (``prefetch_renditions``): an image has
some thirty renditions and a listing must not load them all.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.db.models import Prefetch
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from wagtail.images import get_image_model
from wagtail.images.models import Filter, SourceImageIOError
from wagtail.images.shortcuts import get_renditions_or_not_found

logger = logging.getLogger(__name__)

MIME_TYPES = {"avif": "image/avif", "webp": "image/webp", "jpeg": "image/jpeg", "png": "image/png"}
PHOTO_FORMATS = ("avif", "webp", "jpeg")


@dataclass(frozen=True)
class RenditionSet:
    name: str
    operations: tuple[str, ...]  # resize operations, smallest first
    formats: tuple[str, ...] = PHOTO_FORMATS  # the last one is the <img> fallback
    sizes: str = ""  # the ``sizes`` attribute; empty: density descriptors (1x, 2x)

    def specs_for(self, image_format: str | None) -> tuple[str, ...]:
        suffix = f"|format-{image_format}" if image_format else ""
        return tuple(f"{operation}{suffix}" for operation in self.operations)

    @property
    def specs(self) -> tuple[str, ...]:
        """Every Wagtail filter spec of the set, format by format."""
        return tuple(spec for fmt in self.formats or (None,) for spec in self.specs_for(fmt))


# The article's cover and the images of a page's body: as wide as the text column.
WIDE = RenditionSet(
    "wide", ("width-480", "width-800", "width-1200"), sizes="(max-width: 800px) 100vw, 800px"
)
# The picture of a card in listings (section pages, tag pages, the home page).
CARD = RenditionSet(
    "card", ("fill-400x250", "fill-800x500"), sizes="(min-width: 72rem) 67rem, 100vw"
)
# A photo of an album's grid, and the large photo the lightbox opens.
ALBUM_THUMB = RenditionSet(
    "album_thumb",
    ("fill-360x270", "fill-720x540"),
    sizes="(min-width: 64em) 22rem, (min-width: 48em) 33vw, 50vw",
)
ALBUM_LARGE = RenditionSet("album_large", ("max-1600x1600",), formats=("jpeg",))
# Feed enclosures, og:image and JSON-LD: the size social networks ask for.
SHARE = RenditionSet("share", ("fill-1200x630",), formats=("jpeg",))
# A staff member's photo (shown at 90x120 CSS pixels).
STAFF_PHOTO = RenditionSet("staff_photo", ("fill-120x160", "fill-240x320"))
# Logos keep their format (transparency) and are never cropped.
LINK_LOGO = RenditionSet("link_logo", ("max-160x64",), formats=())
SCHOOL_LOGO = RenditionSet("school_logo", ("height-80", "height-160"), formats=())
SHARE_LOGO = RenditionSet("share_logo", ("max-1200x630",), formats=())

SETS: dict[str, RenditionSet] = {
    s.name: s
    for s in (
        WIDE, CARD, ALBUM_THUMB, ALBUM_LARGE, SHARE, STAFF_PHOTO, LINK_LOGO, SCHOOL_LOGO, SHARE_LOGO
    )
}  # fmt: skip
# Made for every uploaded image: any of them may become a cover, a body image or an album photo.
CONTENT_SETS = ("wide", "card", "album_thumb", "album_large", "share")
# Made when an image is chosen for one of these fields: (model label, field) -> set names.
USAGE_SETS: dict[tuple[str, str], tuple[str, ...]] = {
    ("people.StaffMember", "photo"): ("staff_photo",),
    ("links.Link", "logo"): ("link_logo",),
    ("schools.School", "logo"): ("school_logo", "share_logo"),
}


def get_set(name: str) -> RenditionSet:
    try:
        return SETS[name]
    except KeyError:
        raise ValueError(f"Unknown rendition set {name!r}; the sets are {sorted(SETS)}") from None


def specs_of(*names: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(spec for name in names for spec in get_set(name).specs))


def prefetch_renditions(*names: str, lookup: str = "renditions") -> Prefetch:
    """A ``Prefetch`` of only the renditions of the named sets, for ``lookup`` (an image's
    ``renditions``, or a path to them such as ``"cover_image__renditions"``). Wagtail uses
    them without another query."""
    rendition_model = get_image_model().get_rendition_model()
    return Prefetch(
        lookup,
        queryset=rendition_model.objects.filter(filter_spec__in=specs_of(*names)),
        to_attr="prefetched_renditions",
    )


def missing_filters(image, names) -> list[Filter]:
    """The filters of the named sets that ``image`` has no rendition for, asked of the
    database (Wagtail's rendition cache may remember renditions deleted since). One query."""
    filters = [Filter(spec=spec) for spec in specs_of(*names)]
    existing = set(
        image.renditions.filter(filter_spec__in=[f.spec for f in filters]).values_list(
            "filter_spec", "focal_point_key"
        )
    )
    return [f for f in filters if (f.spec, f.get_cache_key(image)) not in existing]


def generate(image, names: tuple[str, ...] | list[str]) -> int:
    """Make the renditions of the named sets that ``image`` lacks; the number made. One query
    when nothing is missing; 0 when the original file is missing."""
    missing = missing_filters(image, names)
    try:
        image.create_renditions(*missing)
    except SourceImageIOError:
        logger.warning("Image %s: the original file is missing, no renditions made", image.pk)
        return 0
    return len(missing)


def sets_for(image_ids) -> dict[int, tuple[str, ...]]:
    """The set names each of ``image_ids`` needs: ``CONTENT_SETS``, and the ``USAGE_SETS`` of
    every field that holds it (a staff photo, a logo). One query per usage field."""
    from django.apps import apps

    wanted = {pk: list(CONTENT_SETS) for pk in image_ids}
    for (label, field), names in USAGE_SETS.items():
        holders = apps.get_model(label).objects.filter(**{f"{field}_id__in": list(wanted)})
        for pk in holders.values_list(f"{field}_id", flat=True).distinct():
            wanted[pk] += [name for name in names if name not in wanted[pk]]
    return {pk: tuple(names) for pk, names in wanted.items()}


def make_missing(images, *, dry_run: bool = False) -> tuple[int, int]:
    """Make (or with ``dry_run`` only count) the renditions ``images`` lack: (images that
    lacked some, renditions made or missing). For the images uploaded before a set changed;
    ``manage.py make_renditions``."""
    images = list(images)
    needs = sets_for([image.pk for image in images])
    incomplete = total = 0
    for image in images:
        if dry_run:
            missing = len(missing_filters(image, needs[image.pk]))
        else:
            missing = generate(image, needs[image.pk])
        incomplete += bool(missing)
        total += missing
    return incomplete, total


# --- HTML ------------------------------------------------------------------------------------


def picture_html(image, rendition_set: RenditionSet, attrs: dict) -> SafeString:
    """``<picture>`` (or a lone ``<img>`` when the set has one format) for ``image``.

    ``attrs`` go on the ``<img>``. ``alt`` defaults to the image's own text. ``priority=True``
    marks the page's main picture (``fetchpriority="high"``, loaded at once); otherwise the
    picture loads lazily (``loading="lazy" decoding="async"``) unless ``loading="eager"``."""
    attrs = dict(attrs)
    priority = bool(attrs.pop("priority", False))
    loading = attrs.pop("loading", None)
    if priority:
        attrs["fetchpriority"] = "high"
    elif loading != "eager":
        attrs.setdefault("decoding", "async")
        loading = "lazy"
    override = attrs.pop("sizes", None)
    sizes = (override or rendition_set.sizes) if rendition_set.sizes else ""
    density = not rendition_set.sizes
    renditions = get_renditions_or_not_found(image, rendition_set.specs)
    by_format = [
        (fmt, [renditions[spec] for spec in rendition_set.specs_for(fmt)])
        for fmt in rendition_set.formats or (None,)
    ]
    *sources, (_fallback_format, fallback) = by_format
    img = {
        "src": fallback[0].url,
        "srcset": _srcset(fallback, density=density),
        "sizes": sizes,
        "width": fallback[0].width,
        "height": fallback[0].height,
        "alt": attrs.pop("alt", image.default_alt_text),
        "loading": loading if loading != "eager" else None,
        **attrs,
    }
    img_tag = format_html("<img{}>", _attrs(img, keep_empty={"alt"}))
    if not sources:
        return img_tag
    source_tags = format_html_join(
        "",
        "<source{}>",
        (
            (
                _attrs(
                    {
                        "type": MIME_TYPES[fmt],
                        "srcset": _srcset(found, density=density) or found[0].url,
                        "sizes": sizes,
                    }
                ),
            )
            for fmt, found in sources
        ),
    )
    return format_html("<picture>{}{}</picture>", source_tags, img_tag)


def _attrs(values: dict, keep_empty=frozenset()) -> str:
    """``flatatt`` without the attributes that are None or empty (except ``keep_empty``)."""
    return flatatt(
        {k: v for k, v in values.items() if v is not None and (v != "" or k in keep_empty)}
    )


def _srcset(renditions: list, *, density: bool) -> str:
    by_width = {}
    for rendition in renditions:
        by_width.setdefault(rendition.width, rendition)
    ordered = [by_width[width] for width in sorted(by_width)]
    if len(ordered) < 2:
        return ""
    if density:
        base = ordered[0].width or 1
        return ", ".join(f"{r.url} {_number(r.width / base)}x" for r in ordered)
    return ", ".join(f"{r.url} {r.width}w" for r in ordered)


def _number(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")
