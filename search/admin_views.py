"""Admin report "Từ khóa tìm kiếm" (``/admin/tu-khoa-tim-kiem/``): what a school's visitors
searched for and what found nothing, over the last 7, 30, 90 or 365 days. For the school's
staff whose role may view search terms (``site_search.view_searchquery``); a superuser chooses
the school (``?truong=``); another school answers 404."""

from __future__ import annotations

import datetime

from django.contrib.auth.models import Permission
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils import timezone

from schools.models import School

from . import selectors

SCHOOL_PARAM = "truong"
PERIODS = (7, 30, 90, 365)


def report_schools(user):
    """The schools whose search terms ``user`` may read."""
    if not (user.is_authenticated and user.is_active):
        return School.objects.none()
    if user.is_superuser:
        return School.objects.all()
    permission = Permission.objects.filter(
        content_type__app_label="site_search", codename="view_searchquery"
    )
    return School.objects.filter(
        role_groups__group__user=user, role_groups__group__permissions__in=permission
    ).distinct()


def _chosen(request, schools: list[School]) -> School | None:
    value = request.GET.get(SCHOOL_PARAM)
    if not value:
        return schools[0] if len(schools) == 1 else None
    for school in schools:
        if str(school.pk) == value:
            return school
    raise Http404


def search_terms_view(request):
    schools = list(report_schools(request.user).select_related("site").order_by("name"))
    if not schools:
        return TemplateResponse(request, "search/admin/search_terms_forbidden.html", status=403)
    school = _chosen(request, schools)
    if school is None:
        return TemplateResponse(
            request, "search/admin/search_terms_choose.html", {"schools": schools}
        )
    try:
        days = int(request.GET.get("ngay", 30))
    except ValueError:
        days = 30
    days = days if days in PERIODS else 30
    since = timezone.localdate() - datetime.timedelta(days=days - 1)
    return TemplateResponse(
        request,
        "search/admin/search_terms.html",
        {
            "school": school,
            "several_schools": len(schools) > 1,
            "days": days,
            "periods": PERIODS,
            "since": since,
            "top": selectors.search_terms(school=school, since=since),
            "empty": selectors.terms_without_results(school=school, since=since),
            "school_param": SCHOOL_PARAM,
        },
    )
