"""Reads for tenancy. Every lookup of school data goes through the school."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404
from wagtail.models import Page, Site

from .models import School, SchoolGroup


def get_school_for_site(site: Site | None) -> School | None:
    if site is None:
        return None
    try:
        return School.objects.select_related("site", "logo").get(site=site)
    except School.DoesNotExist:
        return None


def schools_for_user(user) -> QuerySet[School]:
    return School.objects.for_user(user)


def pages_for_user(user, queryset: QuerySet[Page]) -> QuerySet[Page]:
    """Restrict a page queryset to the trees of the user's schools (a superuser sees all)."""
    if user.is_superuser:
        return queryset
    paths = Page.objects.filter(sites_rooted_here__school__in=schools_for_user(user)).values_list(
        "path", flat=True
    )
    condition = Q()
    for path in paths:
        condition |= Q(path__startswith=path)
    return queryset.filter(condition) if condition else queryset.none()


def manageable_users(actor) -> QuerySet:
    """Users an actor may see and manage in the admin.

    A superuser manages everybody. Anyone else manages only the non-superusers whose every
    school role lies in the actor's schools, so no school can reach another school's staff.
    """
    users = get_user_model()._default_manager.all()
    if actor.is_superuser:
        return users
    schools = schools_for_user(actor)
    outside = SchoolGroup.objects.filter(group__user=OuterRef("pk")).exclude(school__in=schools)
    return (
        users.filter(is_superuser=False, groups__school_role__school__in=schools)
        .exclude(Exists(outside))
        .distinct()
    )


def access_user(*, actor, pk) -> object:
    try:
        return manageable_users(actor).get(pk=pk)
    except (get_user_model().DoesNotExist, ValueError):
        raise Http404 from None


def page_in_school(page: Page, school: School) -> bool:
    """Whether ``page`` lies in ``school``'s tree."""
    return (
        Page.objects.filter(pk=page.pk)
        .descendant_of(school.site.root_page, inclusive=True)
        .exists()
    )


def school_for_page(page: Page) -> School | None:
    """The school whose site contains ``page`` (None outside every school)."""
    return School.objects.filter(site__root_page__in=page.get_ancestors(inclusive=True)).first()
