"""Admin of the work calendar: the weeks (entries as one inline table), copy and publish."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import ObjectList
from wagtail.admin.widgets.button import Button
from wagtail.snippets.models import register_snippet

from schools.scoping import SchoolScopedSnippetViewSet

from .admin_views import copy_next_view, publish_view
from .forms import WorkWeekForm
from .models import WorkWeek


class WorkWeekViewSet(SchoolScopedSnippetViewSet):
    model = WorkWeek
    icon = "date"
    menu_label = _("Work calendar")
    menu_order = 220
    add_to_admin_menu = True
    list_display = ["__str__", "is_published", "published_at"]
    list_filter = ["is_published"]
    ordering = ["-week_start"]
    copy_view_enabled = False
    edit_handler = ObjectList(WorkWeek.panels, base_form_class=WorkWeekForm)


register_snippet(WorkWeekViewSet)


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
