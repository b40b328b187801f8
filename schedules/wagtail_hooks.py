"""Admin of the work calendar: the weeks (entries as one inline table), copy and publish; the
e-mail subscribers (list and delete only: people subscribe themselves on the public page)."""

import django_filters
from django.db.models import Q
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.widgets.button import Button
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.snippets.models import register_snippet

from schools.scoping import SchoolScopedSnippetViewSet

from .admin_views import WorkWeekEditView, copy_next_view, publish_view
from .forms import WorkWeekForm
from .models import CalendarSubscriber, WorkWeek


class PublicationColumn(Column):
    """Draft, published, or published with changes readers do not see yet (flagged)."""

    cell_template_name = "schedules/admin/publication_cell.html"
    LABELS = {
        "draft": _("Draft (not published)"),
        "published": _("Published, up to date"),
        "changed": _("Changes not published"),
    }

    def get_value(self, instance):
        if not instance.is_published:
            return "draft"
        return "changed" if instance.has_unpublished_changes else "published"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["value"] = self.LABELS[context["raw_value"]]
        context["primary"] = context["raw_value"] == "published"
        return context


class WorkWeekViewSet(SchoolScopedSnippetViewSet):
    model = WorkWeek
    icon = "date"
    menu_label = _("Weeks")
    list_display = [
        "__str__",
        PublicationColumn("publication", label=_("Publication state")),
        "published_at",
    ]
    list_filter = ["is_published"]
    ordering = ["-week_start"]
    copy_view_enabled = False
    edit_handler = ObjectList(WorkWeek.panels, base_form_class=WorkWeekForm)
    edit_view_class = WorkWeekEditView
    edit_template_name = "schedules/admin/edit_week.html"

    def get_queryset(self, request):
        # Each row compares its entries with the published copy: fetch them in one query.
        return super().get_queryset(request).prefetch_related("entries")


class ListAndDeletePolicy(ModelPermissionPolicy):
    """Nobody adds or edits a subscriber in the admin, not even a superuser: an address is added
    only by its owner's confirmation (double opt-in)."""

    def user_has_permission(self, user, action):
        return action not in {"add", "change"} and super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        return super().users_with_any_permission(set(actions) - {"add", "change"})


class CalendarSubscriberFilterSet(WagtailFilterSet):
    ACTIVE, WAITING, UNSUBSCRIBED = "active", "waiting", "unsubscribed"
    state = django_filters.ChoiceFilter(
        label=_("Subscription state"),
        choices=[
            (ACTIVE, _("Receiving e-mails")),
            (WAITING, _("Waiting for confirmation")),
            (UNSUBSCRIBED, _("Unsubscribed")),
        ],
        method="filter_state",
    )

    class Meta:
        model = CalendarSubscriber
        fields = ["state"]

    def filter_state(self, queryset, name, value):
        if value == self.ACTIVE:
            return queryset.active()
        if value == self.WAITING:
            return queryset.filter(confirmed_at__isnull=True, unsubscribed_at__isnull=True)
        if value == self.UNSUBSCRIBED:
            return queryset.filter(~Q(unsubscribed_at=None))
        return queryset


class CalendarSubscriberViewSet(SchoolScopedSnippetViewSet):
    model = CalendarSubscriber
    icon = "mail"
    menu_label = _("E-mail subscribers")
    list_display = ["email", "state", "created_at", "confirmed_at", "unsubscribed_at"]
    filterset_class = CalendarSubscriberFilterSet
    search_fields = ["email"]
    search_backend_name = None  # plain database search: the addresses stay out of the index
    ordering = ["-created_at"]
    copy_view_enabled = False
    inspect_view_enabled = True
    inspect_view_fields = ["email", "created_at", "confirmed_at", "unsubscribed_at"]

    @property
    def permission_policy(self):
        return ListAndDeletePolicy(self.model)


class WorkCalendarGroup(ViewSetGroup):
    items = (WorkWeekViewSet, CalendarSubscriberViewSet)
    menu_icon = "date"
    menu_label = _("Work calendar")
    menu_order = 220


register_snippet(WorkCalendarGroup)


@hooks.register("register_admin_urls")
def register_work_week_urls():
    return [
        path("work-weeks/<int:pk>/copy-next/", copy_next_view, name="schedules_copy_next"),
        path("work-weeks/<int:pk>/publish/", publish_view, name="schedules_publish"),
    ]


@hooks.register("register_snippet_listing_buttons")
def work_week_buttons(snippet, user, next_url=None):
    if not isinstance(snippet, WorkWeek) or not user.has_perm("schedules.change_workweek"):
        return []
    return [
        Button(
            _("Publish"), reverse("schedules_publish", args=[snippet.pk]), icon_name="upload",
            priority=20,
        ),
        Button(
            _("Copy to next week"), reverse("schedules_copy_next", args=[snippet.pk]),
            icon_name="copy", priority=30,
        ),
    ]  # fmt: skip
