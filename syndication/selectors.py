"""Reads for feeds, the sitemap and page metadata.

Every function takes the school first and returns only its live pages without view
restrictions. Each costs a fixed number of queries whatever the number of pages.
"""

from __future__ import annotations

from django.core.cache import cache
from django.db.models import Exists, F, OuterRef, Prefetch, QuerySet, Subquery
from taggit.models import Tag
from wagtail.images import get_image_model
from wagtail.models import Page

from galleries.models import AlbumPage, AlbumPhoto
from galleries.renditions import SHARE, SHARE_LOGO
from news.models import ArticlePage, ArticlePageTag
from schools.models import School
from sections.models import SectionPage

FEED_SIZE = 20
# One rendition serves the feed enclosure, og:image and JSON-LD: the size social networks ask for.
SHARE_IMAGE_SPEC = SHARE.specs[0]  # "fill-1200x630|format-jpeg", made when an image is uploaded
# A logo is never cropped: scaled down within the same box, in its own format.
LOGO_IMAGE_SPEC = SHARE_LOGO.specs[0]  # "max-1200x630"


def _visible(queryset: QuerySet, root: Page) -> QuerySet:
    return queryset.live().public().descendant_of(root)


def _newest_first(queryset: QuerySet) -> QuerySet:
    return queryset.order_by(F("first_published_at").desc(nulls_last=True), "-pk")


def find_section(*, school: School, path: str) -> SectionPage | None:
    """The school's live, public section at URL path ``path`` ("tin-tuc-su-kien/tin-tuc")."""
    root = school.site.root_page
    url_path = f"{root.url_path}{path.strip('/')}/"
    return _visible(SectionPage.objects.all(), root).filter(url_path=url_path).first()


def find_tag(*, school: School, slug: str) -> Tag | None:
    """The tag ``slug`` if one of the school's live, public articles carries it.

    A tag used only by another school is unknown here, like a tag that does not exist."""
    articles = _visible(ArticlePage.objects.all(), school.site.root_page)
    used = ArticlePageTag.objects.filter(tag=OuterRef("pk"), content_object__in=articles)
    return Tag.objects.filter(slug=slug).filter(Exists(used)).first()


def list_feed_items(
    *, school: School, within: Page | None = None, tag: str | None = None, limit: int = FEED_SIZE
) -> list[Page]:
    """The newest articles and albums below ``within`` (default: the whole school), or the
    newest articles tagged ``tag``; each with ``share_image`` set. Five queries."""
    root = within or school.site.root_page
    tagged = Prefetch("tagged_items", queryset=ArticlePageTag.objects.select_related("tag"))
    articles = _visible(ArticlePage.objects.all(), root).prefetch_related(tagged)
    if tag:
        articles = articles.filter(tags__slug=tag)
    items: list[Page] = list(_newest_first(articles)[:limit])
    if not tag:
        first_photo = AlbumPhoto.objects.filter(page=OuterRef("pk")).order_by("sort_order", "pk")
        albums = _visible(AlbumPage.objects.all(), root).annotate(
            first_photo_image_id=Subquery(first_photo.values("image_id")[:1])
        )
        items += list(_newest_first(albums)[:limit])
    items.sort(key=_newest_first_key, reverse=True)
    items = items[:limit]
    attach_share_images(items)
    return items


def _newest_first_key(page: Page) -> tuple:
    published = page.first_published_at
    return (published is not None, published or 0, page.pk)


def attach_share_images(pages: list[Page]) -> None:
    """Set ``page.share_image`` (an image with its share rendition prefetched, or None) on
    articles (their cover) and albums (their first photo). Two queries for any number."""
    wanted = [(page, _share_image_id(page)) for page in pages]
    ids = {pk for _page, pk in wanted if pk}
    images = {}
    if ids:
        queryset = get_image_model().objects.filter(pk__in=ids)
        images = {image.pk: image for image in queryset.prefetch_renditions(SHARE_IMAGE_SPEC)}
    for page, pk in wanted:
        page.share_image = images.get(pk)


def _share_image_id(page: Page) -> int | None:
    if isinstance(page, ArticlePage):
        return page.cover_image_id
    if isinstance(page, AlbumPage):
        if not hasattr(page, "first_photo_image_id"):
            page.first_photo_image_id = (
                page.photos.order_by("sort_order", "pk").values_list("image_id", flat=True).first()
            )
        return page.first_photo_image_id
    return None


def share_rendition(image, spec: str = SHARE_IMAGE_SPEC):
    """The rendition of ``image`` for sharing, or None when its file is missing."""
    if image is None:
        return None
    try:
        return image.get_rendition(spec)
    except OSError:  # SourceImageIOError: the original file is missing
        return None


def rendition_file_size(rendition) -> int | None:
    """Size in bytes of a rendition's file. Remembered in the cache: a rendition's file never
    changes under its name, and asking remote storage (S3) costs a request."""
    key = f"syndication:rendition-size:{rendition.file.name}"
    size = cache.get(key)
    if size is None:
        try:
            size = rendition.file.size
        except OSError:
            return None
        cache.set(key, size, None)
    return size


def list_sitemap_pages(*, school: School) -> QuerySet[Page]:
    """Every live, public page of the school, home page included, in tree order."""
    root = school.site.root_page
    return root.get_descendants(inclusive=True).live().public().order_by("path")


def list_breadcrumb_pages(*, school: School | None, page: Page) -> list[Page]:
    """The ancestors of ``page`` from the school's home page down, ``page`` included."""
    ancestors = page.get_ancestors(inclusive=True).filter(depth__gt=1)
    if school is not None:
        root = school.site.root_page
        ancestors = ancestors.filter(depth__gte=root.depth, path__startswith=root.path)
    return list(ancestors)
