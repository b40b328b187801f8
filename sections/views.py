from django.http import Http404, HttpResponsePermanentRedirect
from django.template.response import TemplateResponse
from django.templatetags.static import static

from .selectors import get_site_tree


def sitemap_page(request):
    """The text sitemap ("Sơ đồ trang") of the current school."""
    school = getattr(request, "school", None)
    if school is None:
        raise Http404
    root = school.site.root_page
    return TemplateResponse(
        request,
        "sections/sitemap.html",
        {"page": root, "tree": get_site_tree(root=root)},
    )


def favicon(request):
    """Browsers ask for /favicon.ico whatever the page says: point them at the SVG icon."""
    return HttpResponsePermanentRedirect(static("img/favicon.svg"))
