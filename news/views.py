from django.http import Http404
from django.template.response import TemplateResponse
from taggit.models import Tag

from .selectors import list_tagged_articles


def tag_page(request, slug):
    """Articles of the current school with one tag (``/the/<slug>/``)."""
    school = getattr(request, "school", None)
    tag = Tag.objects.filter(slug=slug).first()
    if school is None or tag is None:
        raise Http404
    items = list_tagged_articles(
        root=school.site.root_page, tag=slug, page_number=request.GET.get("page")
    )
    if not items.paginator.count:
        raise Http404
    return TemplateResponse(
        request, "news/tag_page.html", {"items": items, "tag_name": tag.name, "tag_slug": tag.slug}
    )
