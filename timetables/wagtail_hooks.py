from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet

from schools.scoping import SchoolScopedSnippetViewSet

from .admin_views import import_view
from .models import Timetable
from .services import PERMISSION


class TimetableViewSet(SchoolScopedSnippetViewSet):
    model = Timetable
    icon = "table"
    menu_label = _("Timetables")
    menu_order = 230
    add_to_admin_menu = True
    list_display = ["name", "effective_from", "is_published", "created_at"]
    list_filter = ["is_published"]
    ordering = ["-effective_from"]
    copy_view_enabled = False


register_snippet(TimetableViewSet)


@hooks.register("register_admin_urls")
def register_import_url():
    return [path("timetables/import/", import_view, name="timetables_import")]


class ImportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(PERMISSION)


@hooks.register("register_admin_menu_item")
def register_import_menu_item():
    return ImportMenuItem(
        _("Import timetable"), reverse("timetables_import"), icon_name="upload", order=235
    )
