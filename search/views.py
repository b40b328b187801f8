"""``/tim-kiem/``: the school's site search (HTML, or JSON with ``?format=json``), and
``/tim-kiem/goi-y/``: suggestions while typing (JSON, for ``static/js/search-suggest.js``).

Thin: read the parameters (``forms.SearchParams``), ask ``selectors.search``, record the
search term (``services.record_search``, first page only), render.
"""

from __future__ import annotations

from django.http import Http404, JsonResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext, ngettext
from django.views.decorators.http import require_GET

from . import selectors, services
from .backends.base import Filters
from .forms import DATE_ORDER, SearchParams
from .models import KIND_SLUGS, Kind

SUGGEST_MIN_CHARS = 2


def _school(request):
    school = getattr(request, "school", None)
    if school is None:
        raise Http404
    return school


def _hit_json(request, hit: selectors.Hit, *, promoted: bool = False) -> dict:
    return {
        "kind": hit.kind,
        "kind_label": hit.kind_label,
        "id": hit.id,
        "title": hit.title,
        "url": request.build_absolute_uri(hit.url),
        "date": hit.date.isoformat() if hit.date else None,
        "section": hit.section_title,
        "snippet": hit.snippet,
        "promoted": promoted,
    }


@require_GET
def search(request):
    """Search everything a visitor may see on the school's site."""
    school = _school(request)
    params = SearchParams.from_query(request.GET)
    staff = selectors.is_staff_of(school=school, user=request.user)
    sections = selectors.section_choices(school=school)
    section = next((s for s in sections if s.id == params.section_id), None)
    filters = Filters(
        kinds=params.kinds,
        section_path=section.path if section else "",
        date_from=params.date_from,
        date_to=params.date_to,
    )
    results = selectors.search(
        school=school,
        text=params.q,
        staff=staff,
        filters=filters,
        order=params.order,
        page_number=params.page,
    )
    if results.query and params.page == "1":  # paging through is not another search
        services.record_search(school=school, text=params.q, hits=results.total)
    if params.json:
        hits = [_hit_json(request, hit, promoted=True) for hit in results.promoted]
        hits += [_hit_json(request, hit) for hit in results.hits]
        page = results.page
        return JsonResponse(
            {
                "query": params.q,
                "total": results.total,
                "page": page.number if page else 1,
                "pages": page.paginator.num_pages if page else 0,
                "some_words_only": results.some_words_only,
                "results": hits,
            },
            json_dumps_params={"ensure_ascii": False},
        )
    return TemplateResponse(
        request,
        "search/search.html",
        {
            "query": params.q,
            "params": params,
            "results": results,
            "sections": sections,
            "section": section,
            "kinds": [(slug, Kind(kind).label) for slug, kind in KIND_SLUGS.items()],
            "date_order": DATE_ORDER,
            "staff": staff,
        },
    )


@require_GET
def suggest(request):
    """Up to six results for what is being typed: ``{"query", "suggestions": [...], "status"}``
    (``status``: the sentence the page announces to screen readers)."""
    school = _school(request)
    params = SearchParams.from_query(request.GET)
    suggestions = []
    if len(params.q.replace(" ", "")) >= SUGGEST_MIN_CHARS:
        results = selectors.search(
            school=school,
            text=params.q,
            staff=selectors.is_staff_of(school=school, user=request.user),
            per_page=selectors.SUGGESTIONS,
            promotions=False,
            snippets=False,
        )
        suggestions = [
            {"title": hit.title, "url": hit.url, "kind": hit.kind, "kind_label": hit.kind_label}
            for hit in results.hits
        ]
    status = ""
    if len(params.q.replace(" ", "")) >= SUGGEST_MIN_CHARS:
        status = (
            ngettext("%(count)s suggestion", "%(count)s suggestions", len(suggestions))
            % {"count": len(suggestions)}
            if suggestions
            else gettext("No suggestions")
        )
    response = JsonResponse(
        {"query": params.q, "suggestions": suggestions, "status": status},
        json_dumps_params={"ensure_ascii": False},
    )
    response["Cache-Control"] = "private, max-age=60"
    return response
