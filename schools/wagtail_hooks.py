"""Admin integration for tenancy: the school information screen, the assignment screen
("Phân công") and page-tree confinement."""

from django.urls import path, reverse
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.log_actions import LogFormatter

from .admin_views import assignments_view
from .assignments import ASSIGN_ACTION
from .models import School
from .scoping import guard_urlpatterns
from .selectors import pages_for_user, schools_for_assignment, schools_for_user


class SchoolIndexView(IndexView):
    def get_base_queryset(self):
        return schools_for_user(self.request.user).select_related("site")


class SchoolViewSet(ModelViewSet):
    """ "School information": each school edits its own identity and footer contact block.
    Creating schools is done with ``create_school`` (it builds the whole tree)."""

    model = School
    index_view_class = SchoolIndexView
    icon = "home"
    menu_label = _("School information")
    menu_order = 150
    add_to_admin_menu = True
    list_display = ["name", Column("hostname", label=capfirst(_("hostname"))), "phone", "email"]
    search_fields = ["name", "short_name"]
    form_fields = [
        "name", "short_name", "governing_body", "logo", "address", "phone", "email",
        "responsible_person", "licence_info", "facebook_url", "zalo_url", "youtube_url",
        "brand_colour",
        "max_upload_mb",
        "grades",
    ]  # fmt: skip
    exclude_form_fields = None
    copy_view_enabled = False
    inspect_view_enabled = False

    def get_urlpatterns(self):
        patterns = [p for p in super().get_urlpatterns() if p.name not in {"add", "delete"}]
        return guard_urlpatterns(patterns, schools_for_user)


@hooks.register("register_admin_viewset")
def register_school_viewset():
    return SchoolViewSet("schools")


@hooks.register("construct_explorer_page_queryset")
def confine_explorer(parent_page, pages, request):
    return pages_for_user(request.user, pages)


@hooks.register("construct_page_chooser_queryset")
def confine_page_chooser(pages, request):
    return pages_for_user(request.user, pages)


@hooks.register("construct_reports_menu")
def hide_global_reports(request, menu_items):
    # See GlobalAdminAreasMiddleware: the reports span every school.
    if not request.user.is_superuser:
        menu_items.clear()


@hooks.register("register_admin_urls")
def register_assignment_url():
    return [path("phan-cong/", assignments_view, name="schools_assignments")]


class AssignmentMenuItem(MenuItem):
    def is_shown(self, request):
        return schools_for_assignment(request.user).exists()


@hooks.register("register_settings_menu_item")
def register_assignment_menu_item():
    return AssignmentMenuItem(
        _("Assignment"), reverse("schools_assignments"), icon_name="group", order=150
    )


@hooks.register("register_log_actions")
def register_assignment_log_action(actions):
    @actions.register_action(ASSIGN_ACTION)
    class AssignmentFormatter(LogFormatter):
        label = _("Assign responsible people")

        def format_message(self, log_entry):
            added = ", ".join(log_entry.data.get("added", []))
            removed = ", ".join(log_entry.data.get("removed", []))
            if added and removed:
                return _("Assigned %(added)s; unassigned %(removed)s") % {
                    "added": added,
                    "removed": removed,
                }
            if added:
                return _("Assigned %(names)s") % {"names": added}
            return _("Unassigned %(names)s") % {"names": removed}
