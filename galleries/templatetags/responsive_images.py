"""Template tags that show images through the named sets of ``galleries.renditions``.

``{% responsive_image image "card" alt="" class="item__image" %}``: a ``<picture>`` with AVIF
and WebP sources, a JPEG ``<img>`` with width, height and ``srcset``, loaded lazily; add
``priority=True`` for the page's main picture (``fetchpriority="high"``, never lazy).
``{% rendition image "album_large" as large %}``: one rendition (``large.url``, ``.width``).
Nothing is output for an empty image.
"""

from __future__ import annotations

from django import template
from wagtail.images.shortcuts import get_rendition_or_not_found

from galleries.renditions import get_set, picture_html

register = template.Library()


@register.simple_tag
def responsive_image(image, set_name: str, **attrs):
    if not image:
        return ""
    return picture_html(image, get_set(set_name), attrs)


@register.simple_tag
def rendition(image, set_name: str):
    """The set's first rendition (a set of one size and one format, such as "album_large")."""
    if not image:
        return None
    return get_rendition_or_not_found(image, get_set(set_name).specs[0])
