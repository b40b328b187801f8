"""Metadata of the page being shown, computed here so the templates stay thin.

``{% page_meta as meta %}`` (used by ``components/meta.html``) gives the canonical URL, the
description, Open Graph and Twitter Card values, Dublin Core pairs, feed autodiscovery links
and the schema.org JSON-LD script. ``{% share_links as share %}`` (``components/share.html``)
gives the share URLs. A page costs at most six queries here (tags, cover image and its
rendition, logo rendition, ancestors), whatever the site holds.
"""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass, field
from urllib.parse import quote, urlencode

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, strip_tags
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from wagtail.models import Page

from galleries.models import AlbumPage
from home.models import HomePage
from news.models import ArticlePage
from sections.models import SectionPage

from .. import selectors
from ..feeds import feed_title

register = template.Library()

DESCRIPTION_LENGTH = 200
HEADLINE_LENGTH = 110  # schema.org/Google: headlines longer than this are cut
# What json_script escapes, so that no "</script>" or "<!--" inside a value ends the script.
_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@dataclass(frozen=True)
class ShareImage:
    url: str
    width: int
    height: int
    alt: str


@dataclass(frozen=True)
class FeedLink:
    href: str
    type: str
    title: str


@dataclass
class PageMeta:
    canonical: str
    title: str
    description: str
    site_name: str
    og_type: str = "website"
    image: ShareImage | None = None
    published: str = ""
    modified: str = ""
    tags: list[str] = field(default_factory=list)
    dublin_core: list[tuple[str, str]] = field(default_factory=list)
    feeds: list[FeedLink] = field(default_factory=list)
    json_ld: SafeString | str = ""


def _iso(value: datetime.datetime | None) -> str:
    return timezone.localtime(value).isoformat(timespec="seconds") if value else ""


def _absolute(request, url: str | None) -> str:
    return request.build_absolute_uri(url or "/")


def _shown_page(context) -> Page | None:
    """The Wagtail page this response shows: ``page`` in the context, unless a plain view
    (search, text sitemap) put the home page there for the menu."""
    page = context.get("page") or context.get("self")
    request = context.get("request")
    if not isinstance(page, Page) or request is None:
        return None
    url = page.get_url(request=request) if page.pk else None
    if url is not None and url != request.path and not getattr(request, "is_preview", False):
        return None
    return page


def _description(page: Page, school) -> str:
    text = page.search_description
    if not text and isinstance(page, ArticlePage):
        text = page.summary
    if not text and isinstance(page, AlbumPage | SectionPage | HomePage):
        text = strip_tags(page.intro)
    if not text and isinstance(page, HomePage) and school is not None:
        text = school.name
    return Truncator(" ".join((text or "").split())).chars(DESCRIPTION_LENGTH)


def _image(request, rendition, alt: str) -> ShareImage | None:
    if rendition is None:
        return None
    return ShareImage(_absolute(request, rendition.url), rendition.width, rendition.height, alt)


def _json_ld(data: dict) -> SafeString:
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, separators=(",", ":"))
    return format_html(
        '<script type="application/ld+json">{}</script>',
        mark_safe(text.translate(_JSON_SCRIPT_ESCAPES)),  # noqa: S308 - escaped as json_script does
    )


def _organization(school, home_url: str, logo: ShareImage | None, *, full: bool) -> dict:
    org = {"@type": "EducationalOrganization", "@id": f"{home_url}#school", "name": school.name}
    org["url"] = home_url
    if logo is not None:
        org["logo"] = {
            "@type": "ImageObject",
            "url": logo.url,
            "width": logo.width,
            "height": logo.height,
        }
    if full:
        if school.address:
            org["address"] = school.address
        if school.phone:
            org["telephone"] = school.phone
        if school.email:
            org["email"] = school.email
        same_as = [u for u in (school.facebook_url, school.zalo_url, school.youtube_url) if u]
        if same_as:
            org["sameAs"] = same_as
    return org


def _breadcrumb_list(request, school, page: Page) -> dict | None:
    crumbs = selectors.list_breadcrumb_pages(school=school, page=page)
    if len(crumbs) < 2:  # the home page itself
        return None
    elements = []
    for position, crumb in enumerate(crumbs, start=1):
        name = _("Home") if position == 1 else crumb.title
        url = _absolute(request, crumb.get_url(request=request))
        elements.append({"@type": "ListItem", "position": position, "name": name, "item": url})
    return {"@type": "BreadcrumbList", "itemListElement": elements}


def _article_graph(meta: PageMeta, page: ArticlePage, school, organization: dict) -> list[dict]:
    images = [meta.image.url] if meta.image else []
    author = (
        {"@type": "Person", "name": page.byline}
        if page.byline
        else {"@type": "EducationalOrganization", "@id": organization["@id"], "name": school.name}
    )
    article = {
        "@type": "NewsArticle",
        "headline": Truncator(page.title).chars(HEADLINE_LENGTH),
        "url": meta.canonical,
        "mainEntityOfPage": meta.canonical,
        "datePublished": meta.published,
        "dateModified": meta.modified or meta.published,
        "author": [author],
        "publisher": organization,
        "inLanguage": "vi",
    }
    if meta.description:
        article["description"] = meta.description
    if images:
        article["image"] = images
    if meta.tags:
        article["keywords"] = meta.tags
    graph = [article]
    if page.event_start:
        event = {
            "@type": "Event",
            "name": page.title,
            "url": meta.canonical,
            "startDate": _iso(page.event_start),
            "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
            "eventStatus": "https://schema.org/EventScheduled",
            "location": {
                "@type": "Place",
                "name": page.event_location or school.name,
                "address": school.address or page.event_location or school.name,
            },
            "organizer": {
                "@id": organization["@id"],
                "@type": "EducationalOrganization",
                "name": school.name,
                "url": organization["url"],
            },
        }
        if page.event_end:
            event["endDate"] = _iso(page.event_end)
        if meta.description:
            event["description"] = meta.description
        if images:
            event["image"] = images
        graph.append(event)
    return graph


def _feed_links(request, school, page: Page | None) -> list[FeedLink]:
    links = [
        FeedLink(reverse("syndication:rss"), "application/rss+xml", f"{school.name} (RSS)"),
        FeedLink(reverse("syndication:atom"), "application/atom+xml", f"{school.name} (Atom)"),
    ]
    if isinstance(page, SectionPage):
        url = page.get_url(request=request)
        title = feed_title(school=school, section=page)
        links += [
            FeedLink(f"{url}rss/", "application/rss+xml", f"{title} (RSS)"),
            FeedLink(f"{url}atom/", "application/atom+xml", f"{title} (Atom)"),
        ]
    return [FeedLink(_absolute(request, f.href), f.type, f.title) for f in links]


def build_page_meta(context) -> PageMeta:
    request = context["request"]
    school = getattr(request, "school", None)
    page = _shown_page(context)
    site_name = school.name if school is not None else ""
    if page is None:
        return PageMeta(
            canonical=_absolute(request, request.path),
            title=site_name,
            description="",
            site_name=site_name,
            feeds=_feed_links(request, school, None) if school else [],
        )

    canonical = _absolute(request, page.get_url(request=request) or request.path)
    is_article = isinstance(page, ArticlePage)
    meta = PageMeta(
        canonical=canonical,
        title=page.seo_title or page.title,
        description=_description(page, school),
        site_name=site_name,
        og_type="article" if isinstance(page, ArticlePage | AlbumPage) else "website",
        published=_iso(page.first_published_at),
        modified=_iso(page.last_published_at),
        tags=[tag.name for tag in page.tags.all()] if is_article else [],
    )

    logo = None
    if school is not None and school.logo is not None:
        logo = _image(
            request, selectors.share_rendition(school.logo, selectors.LOGO_IMAGE_SPEC), school.name
        )
    selectors.attach_share_images([page])
    cover = page.share_image
    meta.image = (
        _image(request, selectors.share_rendition(cover), cover.default_alt_text if cover else "")
        or logo
    )

    meta.dublin_core = [("DC.title", meta.title)]
    if is_article and page.byline:
        meta.dublin_core.append(("DC.creator", page.byline))
    meta.dublin_core += [("DC.subject", tag) for tag in meta.tags]
    if meta.description:
        meta.dublin_core.append(("DC.description", meta.description))
    if site_name:
        meta.dublin_core.append(("DC.publisher", site_name))
    if page.first_published_at:
        meta.dublin_core.append(
            ("DC.date", timezone.localdate(page.first_published_at).isoformat())
        )
    if page.last_published_at:
        modified = timezone.localdate(page.last_published_at).isoformat()
        meta.dublin_core.append(("DC.date.modified", modified))
    meta.dublin_core += [("DC.type", "Text"), ("DC.format", "text/html"), ("DC.language", "vi")]

    if school is None:
        return meta
    meta.feeds = _feed_links(request, school, page)
    home_url = _absolute(request, school.site.root_page.get_url(request=request))
    graph: list[dict] = []
    if isinstance(page, HomePage):
        graph.append(_organization(school, home_url, logo, full=True))
    else:
        organization = _organization(school, home_url, logo, full=False)
        if is_article:
            graph += _article_graph(meta, page, school, organization)
        breadcrumbs = _breadcrumb_list(request, school, page)
        if breadcrumbs:
            graph.append(breadcrumbs)
    if graph:
        meta.json_ld = _json_ld({"@context": "https://schema.org", "@graph": graph})
    return meta


@register.simple_tag(takes_context=True)
def page_meta(context) -> PageMeta:
    return build_page_meta(context)


@dataclass(frozen=True)
class ShareLink:
    network: str
    name: str
    label: str
    href: str
    new_tab: bool = True


def _with_query(base: str, **params: str) -> str:
    return f"{base}?{urlencode(params, quote_via=quote)}"


@register.simple_tag(takes_context=True)
def share_links(context) -> dict:
    """Share URLs for the page being shown: plain links, no third-party script.

    Zalo has no documented link-only share URL (its official button loads Zalo's SDK);
    ``sp.zalo.me/share_to_zalo?url=`` is what that SDK opens and what Vietnamese sites link to.
    """
    request = context["request"]
    page = _shown_page(context)
    url = _absolute(request, page.get_url(request=request) if page else request.path)
    title = (page.seo_title or page.title) if page else ""
    networks = [
        ("facebook", "Facebook", "https://www.facebook.com/sharer/sharer.php", {"u": url}),
        ("zalo", "Zalo", "https://sp.zalo.me/share_to_zalo", {"url": url}),
        ("x", "X", "https://twitter.com/intent/tweet", {"url": url, "text": title}),
    ]
    links = [
        ShareLink(
            network,
            name,
            _("Share on %(network)s (opens in a new tab)") % {"network": name},
            _with_query(base, **params),
        )
        for network, name, base, params in networks
    ]
    # RFC 6068: an empty "to", then subject and body percent-encoded (%20, not +). A mailto
    # link opens the mail program, not a tab.
    links.append(
        ShareLink(
            "email",
            _("E-mail"),
            _("Send by e-mail"),
            _with_query("mailto:", subject=title, body=url),
            new_tab=False,
        )
    )
    return {"url": url, "title": title, "links": links}
