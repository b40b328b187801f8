"""Reads: which guides exist, which ones are the user's, a guide's title and rendered text.

The guides are the Markdown files of ``docs/huong-dan/`` (in the repository, so they change with
the code); ``README.md`` is the index. Names are checked against strict patterns before any file
is opened, so a URL can never reach outside that folder.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.http import Http404

from .rendering import render_markdown

GUIDES_DIR = Path(settings.BASE_DIR) / "docs" / "huong-dan"
IMAGES_DIR = GUIDES_DIR / "anh"
INDEX_FILE = "README.md"
SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
IMAGE_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*\.png$")

# One page per role of the plan (schools.plan.ROLES), in the order of the editorial chain.
ROLE_GUIDES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("cong-tac-vien", ("contributor",)),
    ("bien-tap-vien", ("editor",)),
    ("thu-ky", ("secretary",)),
    ("truong-ban", ("head", "deputy")),
    ("quan-tri-vien", ("sysadmin", "technical")),
)


@dataclass(frozen=True)
class GuideLink:
    slug: str
    title: str
    for_role: bool  # one of the role pages (else a topic)
    mine: bool  # the page of one of the user's roles


@dataclass(frozen=True)
class RenderedGuide:
    slug: str  # "" for the index
    title: str
    html: str


def role_codes_for_user(user) -> set[str]:
    """The user's roles in any of their schools (a superuser counts as system administrator)."""
    from schools.models import SchoolGroup

    if not user.is_authenticated:
        return set()
    roles = set(SchoolGroup.objects.filter(group__user=user).values_list("role", flat=True))
    if user.is_superuser:
        roles.add("sysadmin")
    return roles


def _path_for(slug: str) -> Path | None:
    if not SLUG_RE.match(slug):
        return None
    path = GUIDES_DIR / f"{slug}.md"
    return path if path.is_file() else None


def _title_of(text: str, fallback: str) -> str:
    for line in text.splitlines():
        if line.startswith("# "):
            return line[2:].strip()
    return fallback


def guide_links(user) -> list[GuideLink]:
    """Every guide, the user's role pages first, then the other role pages, then the topics
    (alphabetical by file name)."""
    roles = role_codes_for_user(user)
    role_slugs = [slug for slug, _ in ROLE_GUIDES]
    mine = {slug for slug, codes in ROLE_GUIDES if roles.intersection(codes)}
    topics = sorted(
        path.stem
        for path in GUIDES_DIR.glob("*.md")
        if SLUG_RE.match(path.stem) and path.stem not in role_slugs
    )
    ordered = [s for s in role_slugs if s in mine] + [s for s in role_slugs if s not in mine]
    links = []
    for slug in (*ordered, *topics):
        path = _path_for(slug)
        if path is None:
            continue
        with path.open(encoding="utf-8") as handle:
            title = _title_of(handle.read(400), slug)
        links.append(
            GuideLink(slug=slug, title=title, for_role=slug in role_slugs, mine=slug in mine)
        )
    return links


def my_guide_slug(user) -> str | None:
    """The guide of the user's first role in the editorial chain's order, if any."""
    roles = role_codes_for_user(user)
    for slug, codes in ROLE_GUIDES:
        if roles.intersection(codes) and _path_for(slug):
            return slug
    return None


def rendered_guide(slug: str | None) -> RenderedGuide:
    """The guide ``slug`` (None: the index) as safe HTML; 404 when there is no such guide."""
    path = GUIDES_DIR / INDEX_FILE if slug is None else _path_for(slug)
    if path is None or not path.is_file():
        raise Http404
    text = path.read_text(encoding="utf-8")
    title = _title_of(text, slug or "")
    body = re.sub(r"\A\s*# .*\n", "", text, count=1)  # the title goes in the admin's header
    return RenderedGuide(slug=slug or "", title=title, html=render_markdown(body))


def image_path(name: str) -> Path:
    """The screenshot ``name`` (``<slug>.png``); 404 for any other name or a missing file."""
    if not IMAGE_RE.match(name):
        raise Http404
    path = IMAGES_DIR / name
    if not path.is_file():
        raise Http404
    return path
