"""Admin views of the user guide. Every signed-in admin user may read it (Wagtail wraps the
URLs of ``register_admin_urls`` in ``require_admin_access``)."""

from __future__ import annotations

from django.http import FileResponse
from django.template.response import TemplateResponse
from django.views.decorators.http import require_safe

from .selectors import guide_links, image_path, my_guide_slug, rendered_guide


def _render(request, slug: str | None):
    guide = rendered_guide(slug)
    links = guide_links(request.user)
    return TemplateResponse(
        request,
        "guides/guide.html",
        {
            "guide": guide,
            "my_guides": [link for link in links if link.mine],
            "role_guides": [link for link in links if link.for_role and not link.mine],
            "topic_guides": [link for link in links if not link.for_role],
        },
    )


@require_safe
def mine(request):
    """The Help menu's "User guide": the page of the user's role, else the contents."""
    return _render(request, my_guide_slug(request.user))


@require_safe
def index(request):
    return _render(request, None)


@require_safe
def page(request, slug: str):
    return _render(request, slug)


@require_safe
def image(request, name: str):
    response = FileResponse(image_path(name).open("rb"), content_type="image/png")
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, max-age=3600"
    return response
