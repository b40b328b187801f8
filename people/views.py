"""Public staff pages: the directory, the editorial board, the organisation chart.

URLs in ``people/urls.py``. Each view takes the school from ``request.school`` and leaves the
reading to ``selectors``, which hand templates only the public fields of a member.
"""

from __future__ import annotations

from django.http import Http404
from django.template.response import TemplateResponse

from . import selectors


def _school(request):
    school = getattr(request, "school", None)
    if school is None:
        raise Http404
    return school


def _unit_id(value: str | None, units: list) -> int | None:
    """The ``?don_vi=`` value when it names one of ``units``, else ``None`` (no filter)."""
    try:
        pk = int(value or "")
    except ValueError:
        return None
    return pk if any(unit.pk == pk for unit in units) else None


def directory(request):
    school = _school(request)
    units = selectors.unit_pages(school=school)
    unit_id = _unit_id(request.GET.get("don_vi"), units)
    members = selectors.list_directory(school=school, unit_id=unit_id)
    unit = next((u for u in units if u.pk == unit_id), None)
    return TemplateResponse(
        request,
        "people/directory.html",
        {"members": members, "units": units, "unit": unit},
    )


def board(request):
    school = _school(request)
    return TemplateResponse(
        request, "people/board.html", {"members": selectors.list_board(school=school)}
    )


def organisation_chart(request):
    school = _school(request)
    return TemplateResponse(
        request,
        "people/organisation_chart.html",
        {"org_units": selectors.organisation_chart(school=school)},
    )
