"""Admin scoping: Wagtail leaves users, groups and snippets global; this layer confines them
to the schools of the person signed in.

One mechanism covers every per-object admin view of a scoped viewset (edit, delete, history,
usage, inspect, copy, revisions, ...): each URL that carries a ``pk`` is wrapped so that an object
outside the actor's scope answers 404, the same as a missing one.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

from django import forms
from django.contrib.admin.utils import unquote
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db.models import Model, QuerySet
from django.http import Http404, QueryDict
from django.urls import URLPattern
from django.utils.translation import gettext_lazy as _
from wagtail.admin.views.bulk_action import index as wagtail_bulk_action
from wagtail.models import Site
from wagtail.snippets.views.snippets import SnippetViewSet
from wagtail.users.forms import UserCreationForm, UserEditForm
from wagtail.users.views import groups as group_views
from wagtail.users.views import users as user_views

from textinput.forms import VietnameseTextAdminForm

from .models import School
from .selectors import manageable_users, schools_for_user


def _guard_pk(view: Callable, scope: Callable[[object], QuerySet]) -> Callable:
    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        pk = kwargs.get("pk")
        if pk is not None:
            try:
                found = scope(request.user).filter(pk=unquote(str(pk))).exists()
            except (ValueError, TypeError):
                found = False
            if not found:
                raise Http404
        return view(request, *args, **kwargs)

    return wrapped


def guard_urlpatterns(patterns: list, scope: Callable[[object], QuerySet]) -> list:
    for pattern in patterns:
        if isinstance(pattern, URLPattern) and "pk" in str(pattern.pattern):
            pattern.callback = _guard_pk(pattern.callback, scope)
    return patterns


# --- school-scoped models (snippets) ------------------------------------------------------


def school_scoped(model: type[Model], user) -> QuerySet:
    return model._default_manager.filter(school__in=schools_for_user(user))


class SchoolScopedAdminForm(VietnameseTextAdminForm):
    """Admin form for a model with a ``school`` field: only the actor's schools are offered,
    and the field is hidden when there is just one."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("school")
        if field is None or self.for_user is None:
            return
        field.queryset = schools_for_user(self.for_user)
        if self.instance.pk is None and field.queryset.count() == 1:
            field.initial = field.queryset.get()
            field.widget = forms.HiddenInput()


class SchoolScopedSnippetViewSet(SnippetViewSet):
    """A snippet viewset whose listing, choosers and object URLs see only the actor's schools."""

    def get_queryset(self, request):
        return school_scoped(self.model, request.user)

    def get_urlpatterns(self):
        return guard_urlpatterns(
            super().get_urlpatterns(), functools.partial(school_scoped, self.model)
        )

    def get_form_class(self, for_update=False):
        form_class = super().get_form_class(for_update)
        if issubclass(form_class, SchoolScopedAdminForm):
            return form_class
        return type(form_class.__name__, (SchoolScopedAdminForm, form_class), {})


# --- users ----------------------------------------------------------------------------------


def scoped_groups(actor) -> QuerySet[Group]:
    if actor.is_superuser:
        return Group.objects.all()
    return Group.objects.filter(school_role__school__in=schools_for_user(actor))


class ScopedUserFormMixin:
    """Non-superusers assign only their schools' groups, never grant superuser status, and
    keep the user's roles in other schools untouched."""

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.actor = for_user
        if self.actor is None or self.actor.is_superuser:
            return
        self.fields.pop("is_superuser", None)
        groups = self.fields.get("groups")
        if groups is not None:
            groups.queryset = scoped_groups(self.actor).order_by("name")
            groups.required = True
            groups.error_messages["required"] = _("Choose at least one role in your school.")

    def save(self, commit=True):
        user = super().save(commit=False)
        if self.actor is not None and not self.actor.is_superuser and user.pk:
            # Roles outside the actor's scope are not on the form: keep them.
            kept = list(user.groups.exclude(pk__in=scoped_groups(self.actor)))
            self.cleaned_data["groups"] = [*self.cleaned_data.get("groups", []), *kept]
        if commit:
            user.save()
            self.save_m2m()
        return user


class ScopedUserCreationForm(ScopedUserFormMixin, UserCreationForm):
    pass


class ScopedUserEditForm(ScopedUserFormMixin, UserEditForm):
    pass


class _ActorFormKwargsMixin:
    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["for_user"] = self.request.user
        return kwargs


class ScopedUserIndexView(user_views.IndexView):
    def get_base_queryset(self):
        users = manageable_users(self.request.user)
        if "wagtail_userprofile" in self.model_fields:
            users = users.select_related("wagtail_userprofile")
        return users


class ScopedUserCreateView(_ActorFormKwargsMixin, user_views.CreateView):
    pass


class ScopedUserEditView(_ActorFormKwargsMixin, user_views.EditView):
    pass


class ScopedUserViewSet(user_views.UserViewSet):
    index_view_class = ScopedUserIndexView
    add_view_class = ScopedUserCreateView
    edit_view_class = ScopedUserEditView

    def get_form_class(self, for_update=False):
        return ScopedUserEditForm if for_update else ScopedUserCreationForm

    def get_urlpatterns(self):
        return guard_urlpatterns(super().get_urlpatterns(), manageable_users)


# --- groups -----------------------------------------------------------------------------------


class ScopedGroupIndexView(group_views.IndexView):
    def get_base_queryset(self):
        # Section groups (``SectionGroup``) are managed on the "Phân công" screen: not listed.
        return (
            super()
            .get_base_queryset()
            .filter(pk__in=scoped_groups(self.request.user), section_assignment__isnull=True)
        )


class ScopedGroupViewSet(group_views.GroupViewSet):
    index_view_class = ScopedGroupIndexView

    def get_urlpatterns(self):
        return guard_urlpatterns(super().get_urlpatterns(), scoped_groups)


# --- bulk actions ---------------------------------------------------------------------------


def _bulk_scope(model: type[Model], user) -> QuerySet | None:
    if model is get_user_model():
        return manageable_users(user)
    if model is Group:
        return scoped_groups(user)
    if any(f.name == "school" and f.related_model is School for f in model._meta.fields):
        return school_scoped(model, user)
    return None  # pages, images, documents: Wagtail checks each object's permission


def scoped_bulk_action(request, app_label, model_name, action):
    """Wagtail's bulk-action view, refusing objects outside the actor's schools."""
    from django.apps import apps

    try:
        model = apps.get_model(app_label, model_name)
    except LookupError:
        raise Http404 from None
    scope = _bulk_scope(model, request.user)
    if scope is not None:
        ids = request.GET.getlist("id")
        allowed = {str(pk) for pk in scope.values_list("pk", flat=True)}
        if "all" in ids:
            query = request.GET.copy()
            query.setlist("id", sorted(allowed))
            request.GET = QueryDict(query.urlencode())
        elif not set(ids) <= allowed:
            raise Http404
    return wagtail_bulk_action(request, app_label, model_name, action)


# --- page listing filters --------------------------------------------------------------------


def _scoped_sites(request) -> QuerySet[Site]:
    if request.user.is_superuser:
        return Site.objects.all()
    return Site.objects.filter(school__in=schools_for_user(request.user))


def _scoped_staff(request) -> QuerySet:
    users = get_user_model()._default_manager.all()
    if request.user.is_superuser:
        return users
    return users.filter(groups__school_role__school__in=schools_for_user(request.user)).distinct()


def confine_page_listing_filters() -> None:
    """The page explorer's filters offer every site, page owner and editor of the install; offer
    only the actor's schools and their staff instead (called once from ``SchoolsConfig.ready``)."""
    from wagtail.admin.views.pages.listing import PageFilterSet

    filters = PageFilterSet.base_filters
    filters["site"].queryset = _scoped_sites
    filters["owner"].queryset = _scoped_staff
    filters["edited_by"].queryset = _scoped_staff


# --- admin areas that Wagtail keeps global ---------------------------------------------------


class GlobalAdminAreasMiddleware:
    """Wagtail's reports (site history, aging pages, workflow reports...) span every site of the
    install; until the school-scoped editorial queue replaces them they are for superusers only.
    Paths: ``PORTAL_SUPERUSER_ONLY_ADMIN_PATHS``."""

    def __init__(self, get_response):
        from django.conf import settings

        self.get_response = get_response
        self.prefixes = tuple(settings.PORTAL_SUPERUSER_ONLY_ADMIN_PATHS)

    def __call__(self, request):
        if request.path.startswith(self.prefixes) and not (
            request.user.is_authenticated and request.user.is_superuser
        ):
            raise Http404
        return self.get_response(request)
