import re

from django.core.paginator import Paginator
from django.http import Http404
from django.template.response import TemplateResponse
from wagtail.models import Page

import vntext

_WORD_RE = re.compile(r"[^\W_]+(?:[/.-][^\W_]+)*")
RESULTS_PER_PAGE = 10
MAX_QUERY_LENGTH = 200


def clean_terms(query: str) -> str:
    """Words only: quotes, operators and brackets of the engines' query syntax are dropped, so a
    visitor's input can never be read as a query expression."""
    return " ".join(_WORD_RE.findall(query.lower()))


def search(request):
    """Full-text search over the current school's published, public pages."""
    school = getattr(request, "school", None)
    if school is None:
        raise Http404
    query = vntext.normalize(request.GET.get("q", ""))[:MAX_QUERY_LENGTH]
    terms = clean_terms(query)
    results, total = None, 0
    if terms:
        pages = Page.objects.live().public().descendant_of(school.site.root_page)
        results = Paginator(pages.search(terms), RESULTS_PER_PAGE).get_page(request.GET.get("page"))
        total = results.paginator.count
    return TemplateResponse(
        request,
        "search/search.html",
        {"query": query, "results": results, "total": total, "page": school.site.root_page},
    )
