"""Template tags for the public theme: main menu, breadcrumbs and two small filters.

Every tag costs a constant number of queries whatever the size of the page tree:
the menu is one page query (plus Wagtail's cached site-root-paths lookup), the
breadcrumbs one ancestors query.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django import template
from wagtail.models import Page, Site

register = template.Library()

_HEX_COLOUR = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{4}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})$")
_PHONE_KEEP = re.compile(r"[^0-9+]")


@dataclass
class MenuItem:
    page: Page
    url: str
    is_current: bool = False  # this exact page is being shown
    is_active: bool = False  # the page being shown is this one or below it
    children: list[MenuItem] = field(default_factory=list)

    @property
    def title(self) -> str:
        return self.page.title


def _site_root(request) -> Page | None:
    """The root page of the site serving ``request`` (the school's HomePage)."""
    if request is None:
        return None
    school = getattr(request, "school", None)
    if school is not None and getattr(school, "site", None) is not None:
        return school.site.root_page
    site = Site.find_for_request(request)
    return site.root_page if site is not None else None


def _current_path(context) -> tuple[str | None, str]:
    """(tree path of the page being shown or None, request path).

    A plain view (search, sitemap) may put the home page in the context as ``page``; that page
    only counts as "being shown" when the request is for its own URL.
    """
    request = context.get("request")
    request_path = request.path if request is not None else ""
    page = context.get("page") or context.get("self")
    tree_path = None
    if isinstance(page, Page) and page.get_url(request=request) == request_path:
        tree_path = page.path
    return tree_path, request_path


def _mark(item: MenuItem, tree_path: str | None, request_path: str) -> None:
    if tree_path is not None:
        item.is_current = tree_path == item.page.path
        item.is_active = tree_path.startswith(item.page.path)
    elif item.url and item.url != "/":
        item.is_current = request_path == item.url
        item.is_active = request_path.startswith(item.url)


@register.inclusion_tag("components/main_menu.html", takes_context=True)
def main_menu(context):
    """The site's sections (root's in-menu children) with their in-menu children.

    One query for both levels: the pages are ordered by tree path, so each second-level
    page directly follows its parent (or a hidden parent, whose children are skipped).
    """
    request = context.get("request")
    root = _site_root(request)
    items: list[MenuItem] = []
    home_url = "/"
    tree_path, request_path = _current_path(context)
    if root is not None:
        home_url = root.get_url(request=request) or "/"
        pages = (
            Page.objects.live()
            .public()
            .in_menu()
            .descendant_of(root)
            .filter(depth__in=[root.depth + 1, root.depth + 2])
            .order_by("path")
        )
        for page in pages:
            url = page.get_url(request=request) or ""
            item = MenuItem(page=page, url=url)
            _mark(item, tree_path, request_path)
            if page.depth == root.depth + 1:
                items.append(item)
            elif items and page.path.startswith(items[-1].page.path):
                items[-1].children.append(item)
    home_is_current = (root is not None and tree_path == root.path) or (
        tree_path is None and request_path == home_url
    )
    return {
        "request": request,
        "menu_items": items,
        "home_url": home_url,
        "home_is_current": home_is_current,
    }


@register.inclusion_tag("components/breadcrumbs.html", takes_context=True)
def breadcrumbs(context, page=None, current_title=""):
    """Trail from the site's home page to ``page`` (or to a non-page view named ``current_title``).

    ``{% breadcrumbs page %}`` on a Wagtail page; ``{% breadcrumbs current_title=title %}`` on
    a plain view such as search. The site's root page is labelled "Home".
    """
    request = context.get("request")
    crumbs: list[dict] = []
    if isinstance(page, Page):
        ancestors = list(page.get_ancestors().filter(depth__gt=1))
        root = _site_root(request)
        if root is not None:
            # Drop anything above the site's own root (a Sở/Phòng tree holding member sites).
            ancestors = [a for a in ancestors if a.path.startswith(root.path)]
        for index, ancestor in enumerate(ancestors):
            crumbs.append(
                {
                    "url": ancestor.get_url(request=request),
                    "title": ancestor.title,
                    "is_home": index == 0,
                }
            )
        current = page.title
        if not crumbs:  # the home page itself: no trail to show
            current = ""
    else:
        root = _site_root(request)
        home_url = (root.get_url(request=request) if root is not None else None) or "/"
        crumbs.append({"url": home_url, "title": "", "is_home": True})
        current = current_title
    return {"crumbs": crumbs, "current": current}


@register.filter
def css_colour(value) -> str:
    """``value`` if it is a hex colour (#rgb, #rgba, #rrggbb, #rrggbbaa), else ''.

    Guards the inline ``style="--brand: …"`` against anything that is not a colour.
    """
    value = str(value or "").strip()
    return value if _HEX_COLOUR.match(value) else ""


@register.filter
def tel_href(value) -> str:
    """A phone number as written ("0255 3 844 123") → the digits for a tel: link."""
    return _PHONE_KEEP.sub("", str(value or ""))
